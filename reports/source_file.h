// What the SARIF writer reads from a file a finding points into: line lengths and GitHub's line hashes.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace assay::reports {

struct SourceFile {
  std::vector<std::string> line_hashes;  // codeql-action's primaryLocationLineHash, [0] = line 1
  std::vector<int> line_end_columns;     // per LF-separated line: one past its last code point
};

// Files larger than this are not read: the report must not stall on a huge or endless file.
constexpr std::size_t kMaxSourceFileBytes = 64 * 1024 * 1024;

// Reads `path` (relative paths against `root`) if it is a regular file within the size bound.
std::optional<SourceFile> load_source_file(const std::string& root, const std::string& path);

// Each file is read once per report however many findings point into it.
class SourceFileCache {
 public:
  explicit SourceFileCache(std::string root) : root_(std::move(root)) {}
  const SourceFile* get(const std::string& path);

 private:
  std::string root_;
  std::map<std::string, std::optional<SourceFile>> files_;
};

}  // namespace assay::reports
