// Lexical matching of opened paths against the decoy home's secret files.
#include "sandbox/decoy/honeytoken_path.h"

namespace assay::sandbox {

namespace {

std::vector<std::string_view> split_normalised(std::string_view path) {
  std::vector<std::string_view> parts;
  const bool absolute = !path.empty() && path.front() == '/';
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!absolute) {
        parts.push_back(part);
      }
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  return parts;
}

using Parts = std::vector<std::string_view>;

bool ends_with(const Parts& parts, std::size_t length, const Parts& suffix) {
  if (suffix.size() > length) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (parts[length - suffix.size() + i] != suffix[i]) return false;
  return true;
}

// The components before a honeytoken's relative path name a home directory. For a relative
// path the cwd is unknown: ".ssh/id_rsa" is a hunt wherever it starts, but a bare ".npmrc" or
// ".netrc" is as likely the project's own file in the work dir, so one-component entries need
// an absolute path.
bool is_home_like(const Parts& parts, std::size_t length, bool absolute, const Parts& home,
                  std::size_t entry_components) {
  if (!absolute) return entry_components >= 2;
  if (!home.empty() && ends_with(parts, length, home)) return true;
  if (length >= 1 && parts[length - 1] == "root") return true;
  return length >= 2 && parts[length - 2] == "home";
}

}  // namespace

const std::vector<std::string_view>& honeytoken_relative_paths() {
  static const std::vector<std::string_view> paths = {
      ".ssh/id_rsa",
      ".ssh/id_ed25519",
      ".aws/credentials",
      ".config/gcloud/application_default_credentials.json",
      ".config/gcloud/legacy_credentials/",
      ".netrc",
      ".docker/config.json",
      "projects/webapp/.env",
      ".cursor/mcp.json",
      ".config/Claude/claude_desktop_config.json",
      ".bash_history",
      ".zsh_history",
      ".config/google-chrome/",
      ".git-credentials",
      ".npmrc",
      ".kube/config",
  };
  return paths;
}

bool is_honeytoken_path(const std::string& path, const std::string& home) {
  const bool absolute = !path.empty() && path.front() == '/';
  const Parts parts = split_normalised(path);
  const Parts home_parts = split_normalised(home);
  for (std::string_view entry : honeytoken_relative_paths()) {
    const bool directory = entry.back() == '/';
    const Parts wanted = split_normalised(entry);
    for (std::size_t start = 0; start + wanted.size() <= parts.size(); ++start) {
      // A file entry must be the whole rest of the path; a directory entry covers the directory
      // itself (listing ~/.config/google-chrome is already a hunt) and everything under it.
      if (!directory && start + wanted.size() != parts.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < wanted.size() && same; ++i) same = parts[start + i] == wanted[i];
      if (same && is_home_like(parts, start, absolute, home_parts, wanted.size())) return true;
    }
  }
  return false;
}

}  // namespace assay::sandbox
