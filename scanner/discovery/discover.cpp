// Walks the client catalogue over a home and a project directory.
#include "scanner/discovery/discover.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "scanner/discovery/client_catalog.h"
#include "scanner/discovery/config_servers.h"
#include "scanner/discovery/config_tree.h"
#include "scanner/model/error.h"

namespace assay::discovery {
namespace {

namespace fs = std::filesystem;

void read_one(const std::string& file, const std::string& client, const std::string& scope, Discovery& out) {
  // A project that is the home directory (or a home location the project shares) is read once.
  std::error_code ec;
  auto canonical = fs::weakly_canonical(file, ec).string();
  for (const auto& f : out.files)
    if (fs::weakly_canonical(f.file, ec).string() == canonical) return;
  ConfigFileRead read{file, client, 0, ""};
  try {
    auto tree = load_config_tree(file);
    auto found = servers_in_config(tree, client, scope);
    read.servers = static_cast<int>(found.servers.size());
    for (auto& s : found.servers) out.servers.push_back(std::move(s));
    out.skipped.insert(out.skipped.end(), found.skipped.begin(), found.skipped.end());
  } catch (const AssayError& e) {
    read.error = e.what();
  }
  out.files.push_back(std::move(read));
}

std::vector<std::string> config_files_in(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    auto ext = it->path().extension().string();
    if (it->is_regular_file(ec) && (ext == ".json" || ext == ".yaml" || ext == ".yml")) out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void walk(const std::string& base, bool project, Discovery& out) {
  if (base.empty()) return;
  std::error_code ec;
  for (const auto& loc : client_config_locations()) {
    if (loc.in_project != project) continue;
    fs::path p = fs::path(base) / loc.relative;
    std::string scope = project ? "project" : "user";
    if (loc.is_directory) {
      if (fs::is_directory(p, ec))
        for (const auto& f : config_files_in(p)) read_one(f, loc.client, scope, out);
    } else if (fs::is_regular_file(p, ec)) {
      read_one(p.string(), loc.client, scope, out);
    }
  }
}

}  // namespace

std::string user_home() {
  if (const char* h = std::getenv("HOME"); h && *h) return h;
  if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir) return pw->pw_dir;
  return "";
}

Discovery discover_servers(const std::string& home, const std::string& project_dir) {
  Discovery out;
  walk(home, false, out);
  walk(project_dir, true, out);
  return out;
}

Discovery read_config_file(const std::string& path) {
  Discovery out;
  auto tree = load_config_tree(path);
  std::string client = client_for_path(path);
  auto found = servers_in_config(tree, client, "file");
  out.files.push_back({path, client, static_cast<int>(found.servers.size()), ""});
  out.servers = std::move(found.servers);
  out.skipped = std::move(found.skipped);
  return out;
}

bool is_client_config_file(const std::string& path) {
  if (format_of(path) != ConfigFormat::json) return true;
  try {
    return looks_like_client_config(load_config_tree(path).root);
  } catch (const AssayError&) {
    return false;  // the dump loader will say what is wrong with it
  }
}

}  // namespace assay::discovery
