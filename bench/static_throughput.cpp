// Static scan throughput: mcp-assay's code scan against a bare tree-sitter parse of the same
// files, in the same run, and against `ast-grep scan` with equivalent rules when it is installed
// (bench/ast-grep/, `npm ci` there). Each phase runs in a child process so its peak memory is
// its own. See bench/README.md.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "scanner/code/code_scan.h"
#include "scanner/code/parse.h"
#include "scanner/code/source_walk.h"
#include "scanner/rules/metadata_rule.h"

namespace fs = std::filesystem;
using namespace assay;

namespace {

struct PhaseResult {
  double seconds = 0;     // wall
  double cpu_seconds = 0; // user + system of the phase's process (and its children)
  double bytes = 0;    // source bytes the phase went through
  double items = 0;    // findings or files
  long peak_rss_kb = 0;
};

double cpu_of(const struct rusage& u) {
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Runs `phase` in a child; the child reports its figures through a pipe.
PhaseResult in_child(const std::function<PhaseResult()>& phase) {
  int fds[2];
  if (pipe(fds) != 0) std::exit(1);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    PhaseResult r = phase();
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    r.peak_rss_kb = std::max(r.peak_rss_kb, usage.ru_maxrss);
    r.cpu_seconds += cpu_of(usage);
    if (write(fds[1], &r, sizeof r) != sizeof r) _exit(1);
    _exit(0);
  }
  close(fds[1]);
  PhaseResult r;
  if (read(fds[0], &r, sizeof r) != sizeof r) std::cerr << "phase failed\n";
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return r;
}

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

code::WalkOptions walk_options() {
  code::WalkOptions w;  // what scan_source uses for a directory, with dependencies included
  w.include_dependencies = true;
  return w;
}

PhaseResult bare_parse(const std::vector<std::string>& roots) {
  double t0 = now();
  PhaseResult r;
  for (const auto& root : roots)
    code::walk_sources(
        root, walk_options(),
        [&](code::SourceFile&& f) {
          if (!code::grammar(f.language)) return;
          r.bytes += f.text.size();
          r.items += 1;
          code::ParsedFile parsed = code::parse(std::move(f));
          (void)parsed;
        },
        [](std::string) {});
  r.seconds = now() - t0;
  return r;
}

PhaseResult assay_scan(const std::vector<std::string>& roots, const std::string& rules_dir) {
  auto code_rules = code::load_code_rules(rules_dir + "/code");
  rules::MetadataEngine engine(rules::load_metadata_rules(rules_dir + "/metadata"));
  code::CodeScanOptions options;
  options.include_dependencies = true;
  double t0 = now();
  PhaseResult r;
  for (const auto& root : roots) {
    auto result = code::scan_source(root, code_rules, engine, options);
    r.bytes += result.bytes_scanned;
    r.items += result.findings.size() + result.suppressed.size();
  }
  r.seconds = now() - t0;
  return r;
}

// ast-grep rules equivalent to the structural JavaScript rules (MCP100-MCP106): the same node
// kinds and the same regexes, for JavaScript and TypeScript.
void write_ast_grep_rules(const fs::path& dir) {
  const std::string endpoint =
      R"((?i)((^|[/.@])(webhook[.]site|discord(app)?[.]com/api/webhooks|requestbin[.](com|net)|[a-z0-9-]+[.]m[.]pipedream[.]net|ngrok(-free)?[.](io|app|dev)|trycloudflare[.]com|pastebin[.]com|paste[.]ee|hastebin[.]com|ghostbin[.]co|transfer[.]sh|duckdns[.]org|ddns[.]net|hopto[.]org|zapto[.]org|no-ip[.](com|org|biz)|oast[.](pro|live|site|online|fun|me)|interact[.]sh|burpcollaborator[.]net|api[.]telegram[.]org/bot)|^(https?|wss?|tcp|ftp)://[0-9]{1,3}([.][0-9]{1,3}){3}([:/]|$)))";
  const std::string secret =
      R"((^|[^A-Za-z0-9])((AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,}|xox[baprs]-[0-9A-Za-z-]{10,}|-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----|sk-(proj-|ant-api03-)?[A-Za-z0-9_-]{32,}|AIza[0-9A-Za-z_-]{35}|glpat-[0-9A-Za-z_-]{20}|npm_[A-Za-z0-9]{36}|sk_live_[0-9a-zA-Z]{24,}))";
  const std::string sensitive =
      R"((?i)(^|/)([.]ssh(/|$)|id_(rsa|dsa|ecdsa|ed25519)$|[.]aws/credentials|[.]config/gcloud|[.]kube/config|[.]docker/config[.]json|[.]netrc$|claude_desktop_config[.]json|[.]cursor/mcp[.]json|cookies[.]sqlite$|logins[.]json$|wallet[.]dat$|etc/shadow$))";
  const std::string decode = R"((?i)(atob|unescape|decodeURIComponent|fromCharCode|inflateSync)\(|base64|["']hex["']|[.]reverse\(\))";
  fs::create_directories(dir / "rules");
  std::ofstream(dir / "sgconfig.yml") << "ruleDirs: [rules]\n";
  auto quote = [](const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  };
  for (const char* lang : {"JavaScript", "TypeScript"}) {
    std::string l(lang);
    std::ofstream(dir / "rules" / (l + "-endpoint.yml"))
        << "id: endpoint-" << l << "\nlanguage: " << l << "\nseverity: warning\nrule:\n  kind: string_fragment\n  regex: "
        << quote(endpoint) << "\n";
    std::ofstream(dir / "rules" / (l + "-secret.yml"))
        << "id: secret-" << l << "\nlanguage: " << l << "\nseverity: warning\nrule:\n  kind: string_fragment\n  regex: "
        << quote(secret) << "\n";
    std::ofstream(dir / "rules" / (l + "-sensitive.yml"))
        << "id: sensitive-" << l << "\nlanguage: " << l
        << "\nseverity: warning\nrule:\n  kind: call_expression\n  has:\n    field: arguments\n    has:\n      kind: string\n"
           "      has:\n        kind: string_fragment\n        regex: "
        << quote(sensitive) << "\n";
    std::ofstream(dir / "rules" / (l + "-decode-eval.yml"))
        << "id: decode-eval-" << l << "\nlanguage: " << l
        << "\nseverity: warning\nrule:\n  kind: call_expression\n  all:\n    - has:\n        field: function\n        regex: "
           "'^(eval|Function)$'\n    - has:\n        field: arguments\n        regex: "
        << quote(decode) << "\n";
    std::ofstream(dir / "rules" / (l + "-blob.yml"))
        << "id: blob-" << l << "\nlanguage: " << l
        << "\nseverity: warning\nrule:\n  kind: string_fragment\n  regex: '^[A-Za-z0-9+/=_-]{400,}$'\n  inside:\n"
           "    kind: arguments\n    stopBy: end\n";
  }
}

PhaseResult ast_grep(const std::string& binary, const std::vector<std::string>& roots, double bytes) {
  fs::path dir = fs::temp_directory_path() / ("static-throughput-sg-" + std::to_string(getpid()));
  write_ast_grep_rules(dir);
  std::string cmd = "cd '" + dir.string() + "' && '" + binary +
                    "' scan --threads 1 --json=stream --no-ignore hidden --no-ignore dot --no-ignore vcs"
                    " --no-ignore parent --no-ignore global --globs '!**/*.d.ts'";
  for (const auto& r : roots) cmd += " '" + fs::absolute(r).string() + "'";
  cmd += " | wc -l > '" + (dir / "count").string() + "'";
  double t0 = now();
  int rc = std::system(cmd.c_str());
  PhaseResult r;
  r.seconds = now() - t0;
  r.bytes = bytes;
  std::ifstream(dir / "count") >> r.items;
  if (rc != 0) std::cerr << "ast-grep exited with " << rc << "\n";
  struct rusage usage {};
  getrusage(RUSAGE_CHILDREN, &usage);
  r.peak_rss_kb = usage.ru_maxrss;
  r.cpu_seconds = cpu_of(usage);
  fs::remove_all(dir);
  return r;
}

// Ratios are of CPU time: on a shared machine wall time says more about the neighbours.
double rate(const PhaseResult& r) { return r.bytes / r.cpu_seconds; }

void print(const char* name, const PhaseResult& r, const PhaseResult& reference) {
  std::printf("%-12s %6.1f MB/s CPU  (%7.2f s CPU, %7.2f s wall, %6.1f MB, %7.0f %s, peak RSS %6.0f MB)  %.2fx bare parse\n",
              name, rate(r) / 1e6, r.cpu_seconds, r.seconds, r.bytes / 1e6, r.items,
              std::string(name) == "bare-parse" ? "files" : "findings", r.peak_rss_kb / 1024.0,
              rate(r) / rate(reference));
}

}  // namespace

int main(int argc, char** argv) {
  std::string source = ASSAY_SOURCE_DIR;
  std::vector<std::string> roots;
  for (int i = 1; i < argc; ++i) roots.push_back(argv[i]);
  if (roots.empty()) roots.push_back(source + "/testdata/node_modules");
  code::check_grammar_abi();

  PhaseResult parse = in_child([&] { return bare_parse(roots); });
  PhaseResult scan = in_child([&] { return assay_scan(roots, source + "/rules"); });
  print("bare-parse", parse, parse);
  print("mcp-assay", scan, parse);
  std::string sg = source + "/bench/ast-grep/node_modules/.bin/ast-grep";
  if (fs::exists(sg)) {
    PhaseResult grep = in_child([&] { return ast_grep(sg, roots, scan.bytes); });
    print("ast-grep", grep, parse);
    std::printf("mcp-assay / ast-grep: %.2fx\n", rate(scan) / rate(grep));
  } else {
    std::printf("ast-grep: not installed (cd bench/ast-grep && npm ci)\n");
  }
  return 0;
}
