// Resolves a server's command and working directory up front, so launch failures read clearly.
#include "scanner/mcp/command_path.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "scanner/model/error.h"

namespace assay::mcp {
namespace {

namespace fs = std::filesystem;

enum class Candidate { missing, directory, not_executable, ok };

Candidate check(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Candidate::missing;
  if (S_ISDIR(st.st_mode)) return Candidate::directory;
  if (!S_ISREG(st.st_mode) || ::access(path.c_str(), X_OK) != 0) return Candidate::not_executable;
  return Candidate::ok;
}

std::string search_path_variable(const LaunchSpec& spec) {
  for (const auto& [key, value] : spec.extra_env)
    if (key == "PATH") return value;
  const char* path = std::getenv("PATH");
  return path ? path : "/usr/local/bin:/usr/bin:/bin";
}

std::string absolute_in(const std::string& dir, const std::string& path) {
  std::error_code ec;
  fs::path p = fs::path(path).is_absolute() ? fs::path(path) : fs::path(dir) / path;
  fs::path abs = fs::absolute(p, ec);
  return (ec ? p : abs).lexically_normal().string();
}

}  // namespace

std::string resolve_working_dir(const LaunchSpec& spec) {
  std::error_code ec;
  std::string dir = spec.working_dir.empty() ? fs::current_path(ec).string()
                                             : absolute_in(fs::current_path(ec).string(), spec.working_dir);
  if (!fs::is_directory(dir, ec)) throw target_error("working directory does not exist: " + dir);
  return dir;
}

std::string resolve_command(const LaunchSpec& spec) {
  if (spec.argv.empty() || spec.argv[0].empty()) throw target_error("no command given to launch the server");
  const std::string& name = spec.argv[0];
  const std::string dir = resolve_working_dir(spec);

  if (name.find('/') != std::string::npos) {
    std::string path = absolute_in(dir, name);
    switch (check(path)) {
      case Candidate::ok: return path;
      case Candidate::missing: throw target_error("command not found: " + path);
      case Candidate::directory: throw target_error("cannot execute " + path + ": it is a directory");
      case Candidate::not_executable: throw target_error("cannot execute " + path + ": permission denied");
    }
  }

  std::string not_executable;
  const std::string path_var = search_path_variable(spec);
  size_t begin = 0;
  while (begin <= path_var.size()) {
    size_t end = path_var.find(':', begin);
    if (end == std::string::npos) end = path_var.size();
    // An empty PATH entry means the current directory (POSIX); the server's is the working dir.
    std::string entry = path_var.substr(begin, end - begin);
    std::string candidate = absolute_in(dir, (entry.empty() ? std::string(".") : entry) + "/" + name);
    Candidate c = check(candidate);
    if (c == Candidate::ok) return candidate;
    if (c == Candidate::not_executable && not_executable.empty()) not_executable = candidate;
    begin = end + 1;
  }
  if (!not_executable.empty()) throw target_error("cannot execute " + not_executable + ": permission denied");
  throw target_error("command not found: " + name);
}

}  // namespace assay::mcp
