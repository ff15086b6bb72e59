// The fuzz fixtures (testdata/servers/fuzz/): each starts in the sandbox with clean metadata, each
// vulnerability is real — a crafted call made by hand has its effect on the vulnerable server and
// none on its fixed twin — and none of them falls over on malformed input.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <future>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "scanner/fuzz/oracle.h"
#include "tests/cli_runner.h"

using assay::testing::shell_quote;
using assay::testing::slurp;
using nlohmann::json;

namespace {

const std::string kManifest = "testdata/servers/fuzz/fixtures.json";
const std::string kDriver = "testdata/servers/fuzz/drive.py";

const json& manifest() {
  static const json m = json::parse(slurp(assay::testing::source_path(kManifest)));
  return m;
}

const json& fixture(const std::string& id) {
  for (const auto& f : manifest()["fixtures"])
    if (f["id"] == id) return f;
  FAIL("no fixture " << id << " in " << kManifest);
  throw std::logic_error("unreachable");
}

std::vector<std::string> launch(const json& f, const std::string& root) {
  std::vector<std::string> argv;
  for (const auto& a : f["launch"]) {
    std::string s = a;
    if (auto at = s.find("{root}"); at != std::string::npos) s.replace(at, 6, root);
    argv.push_back(s);
  }
  return argv;
}

// run_cli with a directory of its own per run, so that runs can go in parallel threads.
assay::testing::CliRun run_in(const std::filesystem::path& dir, const std::vector<std::string>& args) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string cmd = "cd " + shell_quote(ASSAY_SOURCE_DIR) + " && timeout -s KILL 90 " + shell_quote(ASSAY_CLI);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += " </dev/null >" + shell_quote((dir / "out").string()) + " 2>" + shell_quote((dir / "err").string());
  int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), slurp(dir / "out"), slurp(dir / "err")};
}

std::filesystem::path scratch(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("mcp-assay-test-" + std::to_string(::getpid())) / "fuzz-fixtures" / name;
}

// Runs job(i) for every i with at most three at a time: the fixtures are independent sandboxes,
// and one after the other they would take a minute on a loaded two-core machine.
template <typename R>
std::vector<R> in_parallel(std::size_t n, const std::function<R(std::size_t)>& job) {
  std::vector<R> out(n);
  for (std::size_t start = 0; start < n; start += 3) {
    std::vector<std::future<R>> batch;
    for (std::size_t i = start; i < std::min(n, start + 3); ++i) batch.push_back(std::async(std::launch::async, job, i));
    for (std::size_t i = 0; i < batch.size(); ++i) out[start + i] = batch[i].get();
  }
  return out;
}

// --- inventory and metadata ---

struct Listed {
  std::string problem;
  json tools = json::array();
  bool scanned = false;                                       // the metadata scan read its inventory
  std::vector<std::pair<std::string, std::string>> findings;  // rule id, severity
};

// Each fixture's inventory from its live run in the sandbox, then one metadata scan of all of
// them (loading the rules once: a scan costs seconds on a loaded machine).
const std::map<std::string, Listed>& listings() {
  static const std::map<std::string, Listed> all = [] {
    const auto& fixtures = manifest()["fixtures"];
    auto dir = scratch("inventories");
    auto inventory_file = [&](std::size_t i) { return dir / (fixtures[i]["id"].get<std::string>() + ".json"); };
    auto runs = in_parallel<assay::testing::CliRun>(fixtures.size(), [&](std::size_t i) {
      // The sandbox's fresh work dir exists in every run: a root the servers accept.
      std::vector<std::string> args = {"inventory", "-o", inventory_file(i).string(), "--"};
      for (auto& a : launch(fixtures[i], "/workdir")) args.push_back(a);
      return run_in(dir / ("run-" + fixtures[i]["id"].get<std::string>()), args);
    });
    std::map<std::string, Listed> by_id;
    std::vector<std::string> scan_args = {"scan", "--format", "json", "-o", (dir / "scan.json").string(), "--fail-on", "never"};
    for (std::size_t i = 0; i < fixtures.size(); ++i) {
      auto& l = by_id[fixtures[i]["id"].get<std::string>()];
      if (runs[i].exit_code != 0) {
        l.problem = "inventory: " + runs[i].err;
        continue;
      }
      l.tools = json::parse(slurp(inventory_file(i)))["tools"];
      scan_args.push_back(inventory_file(i).string());
    }
    auto scan = run_in(dir / "scan-run", scan_args);
    if (scan.exit_code != 0) {
      for (auto& [id, l] : by_id) l.problem += "scan: " + scan.err;
      return by_id;
    }
    const json report = json::parse(slurp(dir / "scan.json"));
    for (const auto& target : report["targets"])
      if (target["status"] == "scanned")
        by_id[std::filesystem::path(target["target"].get<std::string>()).stem().string()].scanned = true;
    for (const auto& finding : report["findings"]) {
      // A finding on a live inventory points into that inventory file, named after the fixture.
      auto id = std::filesystem::path(finding["locations"][0]["file"].get<std::string>()).stem().string();
      by_id[id].findings.emplace_back(finding["ruleId"].get<std::string>(), finding["severity"].get<std::string>());
    }
    return by_id;
  }();
  return all;
}

// --- crafted calls through drive.py in the sandbox ---

// What one driven run showed: from drive.py's report and from the sandbox's events.
struct Effects {
  std::string problem;
  json report;
  std::vector<json> echoed;  // what "echo" steps wrote to stderr: results, listings
  std::set<std::string> files, found, canaries, opens, hosts, changed, notifications;
};

Effects observe(const assay::testing::CliRun& run) {
  Effects e;
  std::vector<json> lines;
  std::istringstream in(run.out);
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line, nullptr, false));
  if (run.exit_code != 0 || lines.empty() || !lines.back().contains("summary")) {
    e.problem = "sandbox run failed (" + std::to_string(run.exit_code) + "): " + run.err;
    return e;
  }
  const auto& summary = lines.back()["summary"];
  e.report = json::parse(summary["stdout"].get<std::string>(), nullptr, false);
  if (!e.report.is_object() || e.report.contains("error")) {
    e.problem = "drive.py: " + summary["stdout"].get<std::string>() + " stderr: " + summary["stderr"].get<std::string>();
    return e;
  }
  std::istringstream err(summary["stderr"].get<std::string>());
  for (std::string line; std::getline(err, line);)
    if (auto j = json::parse(line, nullptr, false); !j.is_discarded()) e.echoed.push_back(j);
  int driver_pid = 0;
  for (const auto& ev : lines) {
    std::string kind = ev.value("kind", "");
    if (kind == "exec" && !driver_pid) driver_pid = ev["pid"];
    // Opens for reading by anything but the driver (which plants the setup): the server and its children.
    if (kind == "file_open" && ev["pid"] != driver_pid && (ev.value("flags", 0LL) & O_ACCMODE) == O_RDONLY)
      e.opens.insert(ev["path"].get<std::string>());
    if (kind == "canary_seen") e.canaries.insert(ev["canary"].get<std::string>());
    if (kind == "dns_query") e.hosts.insert(ev["name"].get<std::string>());
    if (kind == "sinkhole_connection") e.hosts.insert(ev["address"].get<std::string>());
  }
  for (const auto& [path, exists] : e.report["files"].items())
    if (exists.get<bool>()) e.files.insert(path);
  for (const auto& step : e.report["steps"]) {
    for (const auto& s : step["found"]) e.found.insert(s.get<std::string>());
    for (const auto& s : step.value("changed", json::array())) e.changed.insert(s.get<std::string>());
  }
  for (const auto& s : e.report["notifications"]) e.notifications.insert(s.get<std::string>());
  return e;
}

// After the proof, every fixture gets input a hostile or sloppy client sends — malformed lines,
// wrong types, unknown tools and methods, a lone surrogate — and must still answer a listing.
json with_odd_input(json script, const json& tools) {
  auto& steps = script["steps"];
  steps.push_back({{"raw", "{not json"}});
  steps.push_back({{"raw", "[]"}});
  steps.push_back({{"raw", R"({"jsonrpc":"2.0","id":"odd-1","method":"no/such/method"})"}});
  steps.push_back({{"raw", R"({"jsonrpc":"2.0","id":"odd-2","method":"tools/call","params":{"name":"no_such_tool"}})"}});
  for (const auto& tool : tools) {
    std::string name = tool;
    steps.push_back({{"raw", R"({"jsonrpc":"2.0","id":"odd-3","method":"tools/call","params":{"name":")" + name +
                                 R"(","arguments":"not an object"}})"}});
    steps.push_back({{"raw", R"({"jsonrpc":"2.0","id":"odd-4","method":"tools/call","params":{"name":")" + name +
                                 R"(","arguments":{"path":"\ud800","url":"\ud800","city":"\ud800","title":"\ud800"}}})"}});
    steps.push_back({{"call", name},
                     {"arguments", {{"path", 1}, {"url", 2}, {"branch", 3}, {"city", 4}, {"title", 5}, {"timezone", 6},
                                    {"folder", 7}, {"id", "seven"}, {"time", 8}, {"state", nullptr}}}});
  }
  steps.push_back({{"list", true}});
  return script;
}

// Every vulnerable fixture's proof, made on it and on its twin.
const std::map<std::string, Effects>& driven() {
  static const std::map<std::string, Effects> all = [] {
    std::vector<std::pair<std::string, const json*>> runs;  // fixture id, proof
    for (const auto& f : manifest()["fixtures"])
      if (f["vulnerable"].get<bool>()) {
        runs.emplace_back(f["id"].get<std::string>(), &f["proof"]);
        runs.emplace_back(f["twin"].get<std::string>(), &f["proof"]);
      }
    auto results = in_parallel<Effects>(runs.size(), [&](std::size_t i) {
      const auto& [id, proof] = runs[i];
      std::vector<std::string> args = {"sandbox", "--json", "--timeout", "60", "--", "/usr/bin/python3", kDriver,
                                       with_odd_input((*proof)["script"], fixture(id)["tools"]).dump(), "--"};
      for (auto& a : launch(fixture(id), proof->value("root", "/workdir"))) args.push_back(a);
      return observe(run_in(scratch("drive-" + id), args));
    });
    std::map<std::string, Effects> by_id;
    for (std::size_t i = 0; i < runs.size(); ++i) by_id[runs[i].first] = results[i];
    return by_id;
  }();
  return all;
}

const std::set<std::string>& effect_set(const Effects& e, const std::string& kind) {
  static const std::set<std::string> none;
  if (kind == "files") return e.files;
  if (kind == "found") return e.found;
  if (kind == "canaries") return e.canaries;
  if (kind == "opens") return e.opens;
  if (kind == "hosts") return e.hosts;
  if (kind == "changed") return e.changed;
  if (kind == "notifications") return e.notifications;
  FAIL("unknown expectation " << kind);
  return none;
}

// The vulnerable server shows every expected effect; its twin, given the same calls, none of them.
void check_pair(const std::string& id) {
  const auto& vulnerable = fixture(id);
  const auto& twin_id = vulnerable["twin"].get<std::string>();
  const auto& hit = driven().at(id);
  const auto& miss = driven().at(twin_id);
  CAPTURE(id);
  REQUIRE_MESSAGE(hit.problem.empty(), hit.problem);
  REQUIRE_MESSAGE(miss.problem.empty(), miss.problem);
  CHECK(hit.report["tools"] == vulnerable["tools"]);
  CHECK(miss.report["tools"] == vulnerable["tools"]);
  // Both answered the listing after the odd input: nothing crashed or hung.
  CHECK(hit.report["steps"].back().contains("list"));
  CHECK(miss.report["steps"].back().contains("list"));
  for (const auto& [kind, wanted] : vulnerable["proof"]["expect"].items()) {
    for (const auto& w : wanted) {
      std::string item = w;
      CAPTURE(kind);
      CAPTURE(item);
      CHECK_MESSAGE(effect_set(hit, kind).count(item) == 1, id << " should show it");
      CHECK_MESSAGE(effect_set(miss, kind).count(item) == 0, twin_id << " must not show it");
    }
  }
  // Whatever the crafted calls did to the vulnerable one, the twin leaks nothing at all.
  CHECK(miss.canaries.empty());
  CHECK(miss.changed.empty());
}

// The high and critical metadata findings of each saved tools/list, in one scan.
std::map<std::string, std::set<std::string>> serious_findings(const std::map<std::string, json>& dumps) {
  auto dir = scratch("dumps");
  std::filesystem::create_directories(dir);
  std::vector<std::string> args = {"scan", "--format", "json", "-o", (dir / "scan.json").string(), "--fail-on", "never"};
  for (const auto& [name, dump] : dumps) {
    auto file = dir / (name + ".json");
    std::ofstream(file) << dump.dump(2);
    args.push_back(file.string());
  }
  auto run = run_in(dir / "run", args);
  REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  std::map<std::string, std::set<std::string>> by_name;
  for (const auto& [name, dump] : dumps) by_name[name];
  const json report = json::parse(slurp(dir / "scan.json"));
  for (const auto& f : report["findings"])
    if (f["severity"] == "high" || f["severity"] == "critical")
      by_name[std::filesystem::path(f["locations"][0]["file"].get<std::string>()).stem().string()].insert(
          f["ruleId"].get<std::string>());
  return by_name;
}

// A tool result checked as if it were a description: what metadata-rules-on-output does.
json result_as_dump(const json& result) {
  std::string text;
  for (const auto& c : result["content"])
    if (c["type"] == "text") text += c["text"].get<std::string>();
  return {{"tools", {{{"name", "get_forecast"}, {"description", text}, {"inputSchema", {{"type", "object"}}}}}}};
}

}  // namespace

TEST_SUITE("e2e fuzz fixtures") {
  TEST_CASE("the manifest pairs every vulnerable fixture with a fixed twin, and names oracles the fuzzer knows") {
    std::set<std::string> ids;
    int vulnerable = 0;
    for (const auto& f : manifest()["fixtures"]) {
      std::string id = f["id"];
      CAPTURE(id);
      CHECK(ids.insert(id).second);
      CHECK(std::filesystem::is_directory(assay::testing::source_path(f["path"].get<std::string>())));
      CHECK(std::filesystem::is_regular_file(assay::testing::source_path(f["launch"][1].get<std::string>())));
      const auto& twin = fixture(f["twin"].get<std::string>());
      CHECK(twin["twin"] == id);
      CHECK(twin["vulnerable"] != f["vulnerable"]);
      CHECK(twin["tools"] == f["tools"]);
      CHECK(twin["oracle"] == f["oracle"]);
      // The manifest spells oracles as oracle.h's enumerators; parse_oracle reads the payload
      // files' spelling, with hyphens.
      std::string oracle = f["oracle"];
      std::string spelled = oracle;
      std::replace(spelled.begin(), spelled.end(), '_', '-');
      CHECK((assay::fuzz::parse_oracle(spelled).has_value() || oracle == "rug_pull" || oracle == "startup_behaviour"));
      CHECK((f["launch"][0] == "node" || f["launch"][0] == "/usr/bin/python3"));
      if (f["vulnerable"].get<bool>()) {
        ++vulnerable;
        CHECK(f["proof"]["expect"].size() > 0);
      } else {
        CHECK_FALSE(f.contains("proof"));
      }
    }
    CHECK(vulnerable == 9);
  }

  TEST_CASE("every fixture starts in the sandbox, lists its tools, and declares nothing a metadata rule calls high") {
    for (const auto& f : manifest()["fixtures"]) {
      std::string id = f["id"];
      CAPTURE(id);
      const auto& l = listings().at(id);
      REQUIRE_MESSAGE(l.problem.empty(), l.problem);
      std::vector<std::string> names;
      for (const auto& t : l.tools) names.push_back(t["name"]);
      std::sort(names.begin(), names.end());
      CHECK(json(names) == f["tools"]);
      CHECK(l.scanned);
      // The rug pull and the poisoned result are clean here on purpose: their poison appears only
      // once they run (after three calls, in a result), which is what the dynamic oracles are for.
      for (const auto& [rule, severity] : l.findings) {
        CAPTURE(rule);
        CHECK(severity != "high");
        CHECK(severity != "critical");
      }
    }
  }

  TEST_CASE("command injection through a shell string: git_log runs the injected command; the twin passes it to git as one argument") {
    check_pair("git-log-shell");
  }

  TEST_CASE("traversal through a joined path: read_document returns the decoy SSH key; the realpath twin refuses") {
    check_pair("read-file-join");
  }

  TEST_CASE("prefix-only root check: a sibling sharing the root's prefix is read; the separator-aware twin refuses") {
    check_pair("root-prefix-check");
  }

  TEST_CASE("symlink escape: a link planted in the workspace reads the decoy SSH key; the realpath-first twin refuses") {
    check_pair("symlink-escape");
  }

  TEST_CASE("SSRF: fetch_url reaches cloud metadata and an internal name; the allowlist twin resolves and connects to nothing") {
    check_pair("fetch-ssrf");
  }

  TEST_CASE("exfiltration: summarizing .env posts its canaries to a hard-coded host; the twin sends nothing") {
    check_pair("read-exfil");
    CHECK(driven().at("read-exfil-fixed").hosts.empty());
  }

  TEST_CASE("rug pull: after the third call list_tasks gains hidden instructions and list_changed is sent; the twin stays as listed") {
    check_pair("rug-pull");
    CHECK(driven().at("rug-pull-fixed").notifications.empty());
  }

  TEST_CASE("poisoned result: get_forecast's result carries an <IMPORTANT> block for the model; the twin's is the forecast alone") {
    check_pair("result-injection");
  }

  TEST_CASE("the metadata rules flag the rug pull's new description and the poisoned result, and neither twin's") {
    const auto& rug = driven().at("rug-pull");
    const auto& rug_fixed = driven().at("rug-pull-fixed");
    const auto& poisoned = driven().at("result-injection");
    const auto& plain = driven().at("result-injection-fixed");
    for (const auto* e : {&rug, &rug_fixed, &poisoned, &plain}) {
      REQUIRE_MESSAGE(e->problem.empty(), e->problem);
      REQUIRE(e->echoed.size() == 1);
    }
    auto found = serious_findings({{"rug-pull-listing", rug.echoed[0]},
                                   {"rug-pull-fixed-listing", rug_fixed.echoed[0]},
                                   {"result-injection-result", result_as_dump(poisoned.echoed[0])},
                                   {"result-injection-fixed-result", result_as_dump(plain.echoed[0])}});
    CHECK(found["rug-pull-listing"].count("MCP001") == 1);  // the <IMPORTANT> block
    CHECK(found["result-injection-result"].count("MCP001") == 1);
    CHECK(found["rug-pull-fixed-listing"].empty());
    CHECK(found["result-injection-fixed-result"].empty());
  }

  TEST_CASE("start-up beacon: the server checks in with its C2 host before any call; the twin touches no network") {
    check_pair("startup-beacon");
    CHECK(driven().at("startup-beacon-fixed").hosts.empty());
  }

  TEST_CASE("static analysis of the fixtures: the known detections hold and no fixed twin is reported") {
    auto dir = scratch("static");
    auto run = run_in(dir / "run", {"scan", "--format", "json", "-o", (dir / "static.json").string(), "--fail-on", "never",
                                    "testdata/servers/fuzz"});
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    std::set<std::pair<std::string, std::string>> hits;  // fixture folder, rule id
    const json report = json::parse(slurp(dir / "static.json"));
    for (const auto& f : report["findings"]) {
      std::string file = f["locations"][0]["file"];
      std::string folder = std::filesystem::path(file).parent_path().filename().string();
      CAPTURE(file);
      CHECK_FALSE(folder.ends_with("-fixed"));
      hits.emplace(folder, f["ruleId"].get<std::string>());
    }
    // What the static rules catch today (testdata/servers/fuzz/README.md has the whole table).
    CHECK(hits.count({"git-log-shell", "MCP121"}) == 1);
    CHECK(hits.count({"fetch-ssrf", "MCP123"}) == 1);
    CHECK(hits.count({"root-prefix-check", "MCP128"}) == 1);
  }
}
