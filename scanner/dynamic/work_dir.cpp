// Creating, planting into and removing the fuzzer's work dir.
#include "scanner/dynamic/work_dir.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "scanner/model/error.h"

namespace assay::dynamic {
namespace {

namespace fs = std::filesystem;

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

// The sandbox runs as another uid than the one creating these: directories we make must let it
// write (the server may create files in its root).
void make_open_dirs(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw input_error("cannot create the fuzzer's directory " + dir.string() + ": " + ec.message());
  ::chmod(dir.c_str(), 0777);
}

}  // namespace

WorkDir::WorkDir(const std::vector<std::string>& command) {
  std::error_code ec;
  std::string pattern = (fs::temp_directory_path(ec) / "mcp-assay-fuzz-XXXXXX").string();
  if (ec) pattern = "/tmp/mcp-assay-fuzz-XXXXXX";
  if (!::mkdtemp(pattern.data())) throw input_error("cannot create the fuzzer's work dir: " + std::string(std::strerror(errno)));
  path_ = pattern;
  root_ = path_ + "/root";
  for (const auto& arg : command) {
    std::string expanded = replace_all(arg, kWorkDirPlaceholder, path_);
    if (expanded != arg && expanded.starts_with(path_ + "/") && root_ == path_ + "/root") root_ = fs::path(expanded).lexically_normal().string();
    command_.push_back(std::move(expanded));
  }
  if (!root_.empty() && root_.back() == '/') root_.pop_back();
  make_open_dirs(root_);
}

WorkDir::~WorkDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

bool WorkDir::contains(const std::string& path) const {
  std::string p = fs::path(path).lexically_normal().string();
  return p.starts_with(path_ + "/") && p.find("/../") == std::string::npos;
}

int WorkDir::plant_bait(const nlohmann::json& arguments, const std::string& token) const {
  if (arguments.is_object() || arguments.is_array()) {
    int n = 0;
    for (const auto& v : arguments) n += plant_bait(v, token);
    return n;
  }
  if (!arguments.is_string()) return 0;
  fs::path p = fs::path(arguments.get<std::string>()).lexically_normal();
  std::error_code ec;
  if (!p.string().starts_with(root_ + "/") || !contains(p.string()) || !p.has_extension() || fs::exists(p, ec)) return 0;
  make_open_dirs(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << "mcp-assay sample file " << token << "\nThree short lines of plain text.\nNothing else.\n";
  if (!out.flush()) return 0;
  ::chmod(p.c_str(), 0666);
  return 1;
}

std::string WorkDir::plant(const std::vector<fuzz::SetupAction>& setup) const {
  for (const auto& s : setup) {
    if (!contains(s.path)) return "its setup path " + s.path + " is outside the work dir";
    fs::path p = fs::path(s.path).lexically_normal();
    std::error_code ec;
    make_open_dirs(p.parent_path());
    fs::remove(p, ec);
    if (s.kind == fuzz::SetupAction::Kind::symlink) {
      fs::create_symlink(s.target, p, ec);
      if (ec) return "cannot plant the symlink " + p.string() + ": " + ec.message();
    } else {
      std::ofstream out(p, std::ios::binary | std::ios::trunc);
      out << s.content;
      if (!out.flush()) return "cannot plant the file " + p.string();
      ::chmod(p.c_str(), 0644);
    }
  }
  return {};
}

}  // namespace assay::dynamic
