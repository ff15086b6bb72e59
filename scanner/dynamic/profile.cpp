// Building the least-privilege profile from every incarnation's events.
#include "scanner/dynamic/profile.h"

#include <fcntl.h>

#include <filesystem>
#include <map>
#include <set>

#include "scanner/dynamic/attribution.h"
#include "scanner/dynamic/work_dir.h"
#include "scanner/fuzz/canary.h"

namespace assay::dynamic {
namespace {

using nlohmann::json;
using K = sandbox::EventKind;

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

// /proc/1234/... -> /proc/{pid}/...: pids change every run.
std::string stable_proc(const std::string& path) {
  if (!path.starts_with("/proc/")) return path;
  std::size_t end = path.find('/', 6);
  std::string id = path.substr(6, end == std::string::npos ? std::string::npos : end - 6);
  if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos) return path;
  return "/proc/{pid}" + (end == std::string::npos ? "" : path.substr(end));
}

}  // namespace

json build_profile(const DynamicTrace& trace, const ProfileContext& context) {
  Attributor at(trace);
  std::set<std::string> read, written, deleted, exec, dns, connect, listen;
  std::map<std::pair<std::string, std::string>, std::string> flagged;  // (kind, value) -> why
  // Inside the work dir the fuzzer chose the names: access is granted per directory there
  // ("{workdir}/root/**"), which is also what a gateway would allow.
  auto stable = [&](const std::string& p) {
    if (!trace.work_dir.empty() && p.starts_with(trace.work_dir + "/")) {
      std::string rest = p.substr(trace.work_dir.size() + 1);
      std::size_t slash = rest.find('/');
      return std::string(kWorkDirPlaceholder) + "/" + (slash == std::string::npos ? rest : rest.substr(0, slash) + "/**");
    }
    return stable_proc(replace_all(p, trace.work_dir, kWorkDirPlaceholder));
  };
  // Paths a payload named or planted (a sibling of the root, /etc/passwd) are not needed access.
  std::set<std::string> payload_paths;
  for (const auto& c : trace.calls) {
    if (c.call.baseline) continue;
    for (const auto& s : c.call.setup) payload_paths.insert(std::filesystem::path(s.path).lexically_normal().string());
    if (!c.call.field_pointer.empty()) {
      nlohmann::json::json_pointer ptr(c.call.field_pointer);
      if (c.call.arguments.contains(ptr) && c.call.arguments.at(ptr).is_string()) {
        std::string v = c.call.arguments.at(ptr).get<std::string>();
        if (!v.empty() && v[0] == '/') payload_paths.insert(std::filesystem::path(v).lexically_normal().string());
      }
    }
  }
  for (std::size_t i = 0; i < trace.incarnations.size(); ++i) {
    for (const auto& e : trace.incarnations[i].events) {
      Attribution a = at.attribute(static_cast<int>(i), e);
      std::string why;
      if (e.honeytoken) why = "honeytoken: a decoy credential";
      else if (!e.path.empty() && payload_paths.count(std::filesystem::path(e.path).lexically_normal().string()))
        why = "named by a fuzzing payload";
      else if (a.by_token) why = "reached by a fuzzing payload (names the canary of a call to '" + trace.calls[a.call].call.tool + "')";
      switch (e.kind) {
        case K::file_open:
        case K::file_write: {
          bool writes = e.kind == K::file_write || (e.flags & (O_WRONLY | O_RDWR | O_CREAT)) != 0;
          std::string path = stable(e.path);
          if (!why.empty()) flagged[{writes ? "file-write" : "file-read", path}] = why;
          else (writes ? written : read).insert(path);
          break;
        }
        case K::file_delete:
        case K::file_rename:
          if (why.empty()) deleted.insert(stable(e.path));
          else flagged[{"file-delete", stable(e.path)}] = why;
          break;
        case K::exec:
          if (why.empty()) exec.insert(e.path);
          else flagged[{"exec", e.path}] = why;
          break;
        case K::dns_query:
          if (why.empty()) dns.insert(e.name);
          else flagged[{"dns", e.name}] = why;
          break;
        case K::connect:
        case K::sendto: {
          if (e.protocol == "unix") {
            if (why.empty()) connect.insert("unix:" + e.address);
            break;
          }
          // DNS goes through the sandbox's resolver on loopback port 53; the names are listed.
          if (e.port == 53) break;
          std::string endpoint = e.address + ":" + std::to_string(e.port) + "/" + (e.protocol.empty() ? "tcp" : e.protocol);
          if (!why.empty()) flagged[{"connect", endpoint}] = why;
          else connect.insert(endpoint);
          break;
        }
        case K::bind:
        case K::listen:
          if (e.port > 0) listen.insert(e.address + ":" + std::to_string(e.port));
          break;
        default:
          break;
      }
    }
  }
  auto list = [](const std::set<std::string>& s) { return json(std::vector<std::string>(s.begin(), s.end())); };
  json flags = json::array();
  for (const auto& [key, why] : flagged) flags.push_back({{"kind", key.first}, {"value", key.second}, {"why", why}});
  std::size_t answered = 0;
  for (const auto& c : trace.calls) answered += c.outcome != CallOutcome::not_sent;
  std::vector<std::string> command;
  for (const auto& a : context.command) command.push_back(replace_all(a, trace.work_dir, kWorkDirPlaceholder));
  return {
      {"profile", "mcp-assay least-privilege profile, version 1"},
      {"server", context.server},
      {"command", command},
      {"sandbox", context.sandbox_level},
      {"observed", {{"seed", trace.plan.options.seed}, {"tools", trace.plan.tools.size()}, {"calls", answered},
                    {"server_starts", trace.incarnations.size()}}},
      {"files", {{"read", list(read)}, {"written", list(written)}, {"deleted", list(deleted)}}},
      {"network", {{"connect", list(connect)}, {"dns", list(dns)}, {"listen", list(listen)}}},
      {"exec", list(exec)},
      {"flagged", flags},
  };
}

}  // namespace assay::dynamic
