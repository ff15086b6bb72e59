// Reading the files findings point into, bounded and only when they are regular files (a FIFO
// planted in a scanned source tree would otherwise block the report forever).
#include "reports/source_file.h"

#include <filesystem>
#include <fstream>
#include <system_error>

#include "reports/line_hash.h"
#include "reports/utf8_decode.h"

namespace assay::reports {
namespace {

std::vector<int> line_end_columns(std::string_view content) {
  std::vector<int> ends;
  std::size_t start = 0;
  while (true) {
    std::size_t end = content.find('\n', start);
    const bool last = end == std::string_view::npos;
    std::string_view line = content.substr(start, last ? std::string_view::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ends.push_back(static_cast<int>(count_code_points(line)) + 1);
    if (last) break;
    start = end + 1;
  }
  return ends;
}

}  // namespace

std::optional<SourceFile> load_source_file(const std::string& root, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path full = fs::path(path).is_absolute() ? fs::path(path) : fs::path(root) / path;
  if (!fs::is_regular_file(full, ec) || ec) return std::nullopt;
  const auto size = fs::file_size(full, ec);
  if (ec || size > kMaxSourceFileBytes) return std::nullopt;
  std::ifstream in(full, std::ios::binary);
  if (!in) return std::nullopt;
  // Read no more than the size we checked, even if the file grows while we read it.
  std::string content(size, '\0');
  in.read(content.data(), static_cast<std::streamsize>(size));
  content.resize(static_cast<std::size_t>(in.gcount()));
  return SourceFile{line_hashes(content), line_end_columns(content)};
}

const SourceFile* SourceFileCache::get(const std::string& path) {
  auto it = files_.find(path);
  if (it == files_.end()) it = files_.emplace(path, load_source_file(root_, path)).first;
  return it->second ? &*it->second : nullptr;
}

}  // namespace assay::reports
