// The Clang front end end to end: the C/C++ fixture servers, the rules' annotated examples,
// tool extraction, missing headers and a hostile compile_commands.json. Built only with the
// C/C++ front end (ASSAY_WITH_CLANG, the default).
#ifdef ASSAY_WITH_CLANG
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "scanner/code/clang/clang_scan.h"
#include "scanner/code/code_rule.h"
#include "scanner/model/error.h"

using namespace assay;
using namespace assay::code;
namespace fs = std::filesystem;

namespace {

const std::string kSource = ASSAY_SOURCE_DIR;

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The C/C++ files under `root`, as the walker hands them over.
std::vector<SourceFile> c_family_files(const fs::path& root) {
  std::vector<SourceFile> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string ext = entry.path().extension().string();
    Language language;
    if (ext == ".c") language = Language::c;
    else if (ext == ".cpp" || ext == ".cc" || ext == ".h" || ext == ".hpp") language = Language::cpp;
    else continue;
    files.push_back({fs::relative(entry.path(), root).generic_string(), entry.path().string(), language,
                     read_text(entry.path())});
  }
  std::sort(files.begin(), files.end(), [](auto& a, auto& b) { return a.path < b.path; });
  return files;
}

struct ClangRules {
  std::vector<CodeRule> all = load_code_rules(kSource + "/rules/code");
  std::vector<const CodeRule*> clang() const {
    std::vector<const CodeRule*> out;
    for (const CodeRule& r : all) {
      if (!r.clang.is_null()) out.push_back(&r);
    }
    return out;
  }
};

const ClangRules& rules() {
  static const ClangRules loaded;
  return loaded;
}

// Sorted "ID file:line" entries, one per line: a failed comparison prints readably.
std::string hits(const ClangScanResult& result) {
  std::set<std::string> out;
  for (const Finding& f : result.findings) {
    out.insert(f.rule_id + " " + f.locations.at(0).physical.file + ":" +
               std::to_string(f.locations.at(0).physical.start_line));
  }
  std::string joined;
  for (const std::string& h : out) joined += h + "\n";
  return joined;
}

std::string lines(std::set<std::string> entries) {
  std::string joined;
  for (const std::string& e : entries) joined += e + "\n";
  return joined;
}

const Finding* finding_at(const ClangScanResult& result, const std::string& rule, int line) {
  for (const Finding& f : result.findings) {
    if (f.rule_id == rule && f.locations.at(0).physical.start_line == line) return &f;
  }
  return nullptr;
}

// `// ruleid: ID` / `// ok: ID` comments: the line of the next non-comment line.
std::set<int> annotated_lines(const std::string& text, const std::string& marker) {
  std::set<int> out;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  int pending = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string trimmed = line.substr(std::min(line.find_first_not_of(" \t"), line.size()));
    if (trimmed.rfind("//", 0) == 0) {
      if (trimmed.find(marker) != std::string::npos) ++pending;
      continue;
    }
    if (pending) out.insert(number);
    pending = 0;
  }
  return out;
}

}  // namespace

TEST_SUITE("code clang") {
  TEST_CASE("the C/C++ rules load, each with a clang block and an example beside it") {
    auto clang_rules = rules().clang();
    REQUIRE(clang_rules.size() == 7);
    for (const CodeRule* r : clang_rules) {
      CAPTURE(r->id);
      CHECK(r->id >= "MCP150");
      CHECK(r->id <= "MCP169");
      CHECK(fs::is_regular_file(r->example_file));
      CHECK(r->applies_to(Language::c));
      CHECK(r->applies_to(Language::cpp));
    }
  }

  TEST_CASE("each C/C++ rule reports exactly the lines its example marks") {
    for (const CodeRule* r : rules().clang()) {
      CAPTURE(r->id);
      fs::path example = r->example_file;
      std::string text = read_text(example);
      std::vector<SourceFile> files = {{example.filename().string(), example.string(), Language::cpp, text}};
      ClangScanResult result = scan_c_family(files, example.parent_path().string(), {r});
      CHECK(result.skipped.empty());
      std::set<int> found;
      for (const Finding& f : result.findings) found.insert(f.locations.at(0).physical.start_line);
      std::set<int> expected = annotated_lines(text, "ruleid: " + r->id);
      CHECK(!expected.empty());
      CHECK(found == expected);
      for (int ok : annotated_lines(text, "ok: " + r->id)) CHECK(found.count(ok) == 0);
    }
  }

  TEST_CASE("the C/C++ fixture servers: vulnerable handlers at their sinks, fixed ones clean") {
    ClangScanResult result = scan_c_family(c_family_files(kSource + "/testdata/code/cpp"),
                                           kSource + "/testdata/code/cpp", rules().clang());
    CHECK(result.skipped.empty());
    CHECK(result.translation_units == 5);
    std::set<std::string> expected = {
        "MCP150 devtools-server-vulnerable.cpp:27",  // system(cd ... && cmd)
        "MCP150 devtools-server-vulnerable.cpp:33",  // popen in a helper, from git_log and a lambda
        "MCP151 devtools-server-vulnerable.cpp:51",  // std::ifstream(root + "/" + path)
        "MCP152 devtools-server-vulnerable.cpp:66",  // CURLOPT_URL
        "MCP153 devtools-server-vulnerable.cpp:79",  // sqlite3_exec of a built string
        "MCP154 devtools-server-vulnerable.cpp:85",  // dlopen
        "MCP150 notes-server-vulnerable.c:30",       // popen of an snprintf buffer
        "MCP151 notes-server-vulnerable.c:43",       // fopen after strncat
        "MCP150 notes-server-vulnerable.c:56",       // execl sh -c
        "MCP155 notes-server-vulnerable.c:67",       // $HOME/.ssh/id_rsa
        "MCP156 notes-server-vulnerable.c:74",       // webhook.site
        "MCP150 partial-headers-vulnerable.cpp:26",  // found although its headers are missing
    };
    CHECK(hits(result) == lines(expected));
  }

  TEST_CASE("a C/C++ finding names the tool, the argument and the sink") {
    std::string root = kSource + "/testdata/code/cpp";
    ClangScanResult result = scan_c_family(c_family_files(root), root, rules().clang());
    const Finding* shell = finding_at(result, "MCP150", 27);
    REQUIRE(shell != nullptr);
    CHECK(shell->severity == Severity::high);
    CHECK(shell->message.find("`command`") != std::string::npos);
    CHECK(shell->message.find("tool `run_command`") != std::string::npos);
    CHECK(shell->message.find("system") != std::string::npos);
    CHECK(shell->locations[0].logical == "run_command");
    CHECK(shell->locations[0].physical.start_column == 16);
    CHECK(shell->evidence == "std::system(line.c_str())");
    CHECK(!shell->fingerprint.empty());

    const Finding* table = finding_at(result, "MCP150", 56);
    REQUIRE(table != nullptr);
    CHECK(table->message.find("`script`") != std::string::npos);
    CHECK(table->locations[0].logical == "run_script");

    const Finding* key = finding_at(result, "MCP155", 67);
    REQUIRE(key != nullptr);
    CHECK(key->message.find("$HOME/.ssh/id_rsa") != std::string::npos);
  }

  TEST_CASE("cpp-mcp tool_builder chains and C tool tables become extracted tools") {
    std::string root = kSource + "/testdata/code/cpp";
    ClangScanResult result = scan_c_family(c_family_files(root), root, rules().clang());
    // One server per declaring file: both devtools variants, both notes variants, partial-headers.
    std::string files;
    for (const ExtractedServer& server : result.servers) files += server.file + " ";
    CAPTURE(files);
    REQUIRE(result.servers.size() == 5);
    const Tool* search = nullptr;
    const ExtractedServer* notes = nullptr;
    const ExtractedServer* devtools = nullptr;
    std::set<std::string> names;
    for (const ExtractedServer& server : result.servers) {
      CHECK(server.inventory.server.name == "devtools-cpp");
      if (server.file == "notes-server-vulnerable.c") notes = &server;
      if (server.file == "devtools-server-vulnerable.cpp") devtools = &server;
      for (const Tool& t : server.inventory.tools) {
        names.insert(t.name);
        if (t.name == "search_notes" && t.input_schema["properties"].contains("limit")) search = &t;
      }
    }
    REQUIRE(notes != nullptr);
    REQUIRE(devtools != nullptr);
    CHECK(names.count("run_command"));
    CHECK(names.count("disk_usage"));
    CHECK(names.count("sync"));
    CHECK(names.count("convert_image"));
    REQUIRE(search != nullptr);
    CHECK(search->input_schema["properties"]["term"]["description"] == "Words to look for");
    CHECK(search->input_schema["required"] == nlohmann::json::array({"term"}));
    CHECK(search->description == "Search the team notes");
    auto loc = notes->field_locations.find("devtools-cpp/tools/sync/description");
    REQUIRE(loc != notes->field_locations.end());
    CHECK(loc->second.file == "notes-server-vulnerable.c");
    CHECK(loc->second.start_line == 85);
    CHECK(loc->second.start_column == 14);
    auto param = devtools->field_locations.find(
        "devtools-cpp/tools/run_command/inputSchema/properties/command/description");
    REQUIRE(param != devtools->field_locations.end());
    CHECK(param->second.start_line == 95);
  }

  TEST_CASE("a compile_commands.json that loads a compiler plugin is not obeyed") {
    fs::path dir = fs::temp_directory_path() / "mcp-assay-clang-plugin";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "server.c") << "#include <stdlib.h>\n"
                                       "#include <stdio.h>\n"
                                       "int main(void) {\n"
                                       "  char line[256];\n"
                                       "  fgets(line, sizeof line, stdin);\n"
                                       "  return system(line);\n"
                                       "}\n";
    std::ofstream(dir / "compile_commands.json")
        << "[{\"directory\": \"" << dir.string() << "\", \"file\": \"server.c\", \"arguments\": "
        << "[\"cc\", \"-fplugin=" << (dir / "evil.so").string() << "\", \"-Xclang\", \"-load\", "
        << "\"-Xclang\", \"" << (dir / "evil.so").string() << "\", \"-c\", \"server.c\"]}]";
    ClangScanResult result = scan_c_family(c_family_files(dir), dir.string(), rules().clang());
    CHECK(result.skipped.empty());
    CHECK(hits(result) == "MCP150 server.c:6\n");
    fs::remove_all(dir);
  }

  TEST_CASE("a malformed clang block fails to load with the rule file named") {
    CodeRule rule;
    rule.id = "MCP169";
    rule.rule_file = "rules/code/cpp/MCP169-x.yaml";
    rule.clang = {{"sources", "tool-arguments"}, {"sinks", {{{"functions", {"system"}}}}}};
    std::vector<const CodeRule*> one = {&rule};
    std::vector<SourceFile> files = {{"a.c", "/nonexistent/a.c", Language::c, ""}};
    try {
      scan_c_family(files, "/nonexistent", one);
      FAIL("expected an AssayError");
    } catch (const AssayError& e) {
      CHECK(std::string(e.what()).find("MCP169-x.yaml") != std::string::npos);
      CHECK(std::string(e.what()).find("args") != std::string::npos);
    }
  }
}

#endif  // ASSAY_WITH_CLANG
