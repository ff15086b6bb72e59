// The source walker: .gitignore, dependency and build-output directories, languages, bounds.
#include "scanner/code/source_walk.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>

#include "scanner/code/gitignore.h"
#include "scanner/code/glob.h"
#include "scanner/model/error.h"

namespace fs = std::filesystem;

namespace assay::code {
namespace {

constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxIgnoreFileBytes = 1u << 20;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_dependency_dir(std::string_view name) {
  static constexpr std::array<std::string_view, 10> kNames = {
      "node_modules", "bower_components", "jspm_packages", "vendor", ".venv",
      "venv",         "site-packages",    ".tox",          ".yarn",  ".pnpm-store"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

bool is_vcs_dir(std::string_view name) { return name == ".git" || name == ".hg" || name == ".svn"; }

// Reads at most `limit` bytes; nullopt if the file cannot be opened. The buffer is sized by
// the file, not the limit: zeroing megabytes per small file would dominate the scan.
std::optional<std::string> read_bounded(const fs::path& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  auto end = in.tellg();
  in.seekg(0);
  if (end >= 0) limit = std::min(limit, static_cast<std::size_t>(end));
  std::string text(limit, '\0');
  in.read(text.data(), static_cast<std::streamsize>(limit));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return std::nullopt;
  return text;
}

// Whether `dir` holds a source file with one of `extensions`, looking at a bounded number of
// entries (a huge src/ must not make the walk quadratic).
bool has_source_with(const fs::path& dir, std::initializer_list<std::string_view> extensions) {
  std::error_code ec;
  int budget = 5000;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end && budget-- > 0; it.increment(ec)) {
    if (it->is_directory(ec) && is_dependency_dir(it->path().filename().string())) {
      it.disable_recursion_pending();
      continue;
    }
    std::string name = it->path().filename().string();
    if (ends_with(name, ".d.ts")) continue;
    for (auto ext : extensions)
      if (ends_with(name, ext)) return true;
  }
  return false;
}

// dist/, build/ or out/ is a copy of code that is present in source form when a tsconfig
// compiles into it, when src/ holds TypeScript (or JavaScript with a build script), or when
// a Python project's build/ sits beside setup.py / pyproject.toml. Scanning both would report
// every finding twice, once at a line nobody edits.
std::optional<std::string> built_from(const fs::path& parent, std::string_view name) {
  if (name != "dist" && name != "build" && name != "out") return std::nullopt;
  std::error_code ec;
  if (auto tsconfig = read_bounded(parent / "tsconfig.json", 256 * 1024)) {
    static const RE2 kOutDir(R"re("outDir"\s*:\s*"(?:\./)?([^"/]+))re");
    std::string out_dir;
    if (RE2::PartialMatch(*tsconfig, kOutDir, &out_dir) && out_dir == name)
      return std::string("tsconfig.json compiles into it");
  }
  if (fs::is_directory(parent / "src", ec)) {
    if (has_source_with(parent / "src", {".ts", ".tsx", ".mts", ".cts"}))
      return std::string("built from the TypeScript in src/");
    if (auto pkg = read_bounded(parent / "package.json", 256 * 1024)) {
      static const RE2 kBuildScript(R"re("(?:build|prepare|prepublishOnly)"\s*:\s*")re");
      if (RE2::PartialMatch(*pkg, kBuildScript) && has_source_with(parent / "src", {".js", ".jsx", ".mjs"}))
        return std::string("built from src/ by the package's build script");
    }
  }
  if (name == "build" &&
      (fs::exists(parent / "setup.py", ec) || fs::exists(parent / "pyproject.toml", ec)))
    return std::string("a Python build copy of the sources beside it");
  return std::nullopt;
}

class Walker {
 public:
  Walker(const fs::path& root, const WalkOptions& options, const std::function<void(SourceFile&&)>& on_file,
         const std::function<void(std::string)>& on_skip)
      : root_(root), options_(options), on_file_(on_file), on_skip_(on_skip) {}

  void walk(const fs::path& dir, const std::string& rel, int depth) {
    if (stopped_) return;
    if (depth > kMaxDepth) {
      on_skip_(rel + "/: nested deeper than " + std::to_string(kMaxDepth) + " directories, not walked");
      return;
    }
    std::error_code ec;
    if (options_.honour_gitignore) {
      fs::path ignore_file = dir / ".gitignore";
      if (fs::is_regular_file(fs::symlink_status(ignore_file, ec)))
        if (auto text = read_bounded(ignore_file, kMaxIgnoreFileBytes)) ignore_.add_file(rel, *text);
    }
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec))
      entries.push_back(*it);
    if (ec) {
      on_skip_((rel.empty() ? "." : rel) + "/: cannot be listed (" + ec.message() + ")");
      return;
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    for (const auto& entry : entries) {
      if (stopped_) return;
      std::string name = entry.path().filename().string();
      std::string child = rel.empty() ? name : rel + "/" + name;
      auto status = entry.symlink_status(ec);
      if (ec) continue;
      if (fs::is_symlink(status)) {
        visit_symlink(entry.path(), child);
        continue;
      }
      if (fs::is_directory(status)) {
        if (is_vcs_dir(name)) continue;
        if (is_dependency_dir(name) && !options_.include_dependencies) continue;
        if (options_.honour_gitignore && ignore_.ignored(child, true)) continue;
        if (excluded(child)) continue;
        if (!options_.scan_build_output) {
          if (auto why = built_from(dir, name)) {
            on_skip_(child + "/: build output, " + *why + " (scan the package tarball for what ships)");
            continue;
          }
        }
        walk(entry.path(), child, depth + 1);
      } else if (fs::is_regular_file(status)) {
        if (options_.honour_gitignore && ignore_.ignored(child, false)) continue;
        if (excluded(child)) continue;
        visit_file(entry.path(), child, entry.file_size(ec));
      }
    }
  }

  bool excluded(const std::string& rel) const {
    for (std::string pattern : options_.exclude_paths) {
      while (pattern.size() > 1 && pattern.back() == '/') pattern.pop_back();
      if (pattern.starts_with("./")) pattern.erase(0, 2);
      if (path_filter_match(pattern, rel)) return true;
    }
    return false;
  }

  void visit_symlink(const fs::path& path, const std::string& rel) {
    std::error_code ec;
    fs::path target = fs::weakly_canonical(path, ec);
    if (ec) return;
    auto [r, t] = std::mismatch(root_.begin(), root_.end(), target.begin(), target.end());
    if (r != root_.end())
      on_skip_(rel + ": symlink leading outside the scanned tree, not followed");
    // A link inside the tree points at something the walk reaches by its real path.
  }

  void visit_file(const fs::path& path, const std::string& rel, std::uintmax_t size) {
    std::string_view name = rel;
    auto language = language_for(name, {});
    bool no_extension = path.filename().string().find('.') == std::string::npos;
    if (!language && no_extension && size > 2) {
      auto head = read_bounded(path, 256);
      if (head) language = language_for(name, std::string_view(*head).substr(0, head->find('\n')));
    }
    if (!language) return;
    if (size > options_.max_file_bytes) {
      on_skip_(rel + ": skipped: too large (" + std::to_string(size) + " bytes, limit " +
               std::to_string(options_.max_file_bytes) + ")");
      return;
    }
    if (files_ >= options_.max_files) {
      on_skip_(rel + ": file limit of " + std::to_string(options_.max_files) +
               " reached, the rest of the tree was not scanned");
      stopped_ = true;
      return;
    }
    auto text = read_bounded(path, options_.max_file_bytes);
    if (!text) {
      on_skip_(rel + ": unreadable");
      return;
    }
    ++files_;
    on_file_(SourceFile{rel, path.string(), *language, std::move(*text)});
  }

 private:
  fs::path root_;
  const WalkOptions& options_;
  const std::function<void(SourceFile&&)>& on_file_;
  const std::function<void(std::string)>& on_skip_;
  IgnoreRules ignore_;
  std::size_t files_ = 0;
  bool stopped_ = false;
};

}  // namespace

std::optional<Language> language_for(std::string_view path, std::string_view first_line) {
  auto slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name == "package.json") return Language::json;
  if (ends_with(name, ".d.ts") || ends_with(name, ".d.mts") || ends_with(name, ".d.cts")) return std::nullopt;
  auto dot = name.rfind('.');
  if (dot != std::string_view::npos && dot > 0) {
    std::string_view ext = name.substr(dot + 1);
    if (ext == "py" || ext == "pyw") return Language::python;
    if (ext == "js" || ext == "mjs" || ext == "cjs" || ext == "jsx") return Language::javascript;
    if (ext == "ts" || ext == "mts" || ext == "cts") return Language::typescript;
    if (ext == "tsx") return Language::tsx;
    if (ext == "go") return Language::go;
    if (ext == "c") return Language::c;
    if (ext == "h" || ext == "cc" || ext == "cpp" || ext == "cxx" || ext == "hpp" || ext == "hh" ||
        ext == "hxx")
      return ext == "h" ? Language::c : Language::cpp;
    return std::nullopt;
  }
  if (first_line.substr(0, 2) == "#!") {
    if (first_line.find("python") != std::string_view::npos) return Language::python;
    if (first_line.find("node") != std::string_view::npos || first_line.find("deno") != std::string_view::npos ||
        first_line.find("bun") != std::string_view::npos)
      return Language::javascript;
  }
  return std::nullopt;
}

void walk_sources(const std::string& root, const WalkOptions& options,
                  const std::function<void(SourceFile&&)>& on_file,
                  const std::function<void(std::string)>& on_skip) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) throw input_error(root + ": not a directory");
  fs::path canonical = fs::canonical(root, ec);
  if (ec) throw input_error(root + ": " + ec.message());
  Walker walker(canonical, options, on_file, on_skip);
  walker.walk(canonical, "", 0);
}

WalkResult walk_sources(const std::string& root, const WalkOptions& options) {
  WalkResult result;
  walk_sources(
      root, options, [&](SourceFile&& f) { result.files.push_back(std::move(f)); },
      [&](std::string s) { result.skipped.push_back(std::move(s)); });
  return result;
}

}  // namespace assay::code
