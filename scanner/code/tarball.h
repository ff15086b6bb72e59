// Unpacks an npm package tarball (`npm pack` output) into a private temporary directory,
// refusing what a hostile archive could use to write outside it or exhaust the disk.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace assay::code {

struct TarballLimits {
  std::size_t max_entries = 100000;
  std::size_t max_total_bytes = 512u << 20;  // unpacked
  std::size_t max_entry_bytes = 128u << 20;
};

class UnpackedTarball {
 public:
  // Throws AssayError(input) if the file is not a readable tar(.gz) archive or exceeds the
  // limits. Entries with absolute paths, `..` components, links or special files are not
  // written; each is listed in skipped() as "entry: why".
  static UnpackedTarball unpack(const std::string& archive, const TarballLimits& limits = {});

  UnpackedTarball(UnpackedTarball&& other) noexcept;
  UnpackedTarball& operator=(UnpackedTarball&&) = delete;
  UnpackedTarball(const UnpackedTarball&) = delete;
  ~UnpackedTarball();  // removes the directory

  // The temporary directory; entries keep their archive paths below it ("package/...").
  const std::string& dir() const { return dir_; }
  const std::vector<std::string>& skipped() const { return skipped_; }
  std::size_t files() const { return files_; }

 private:
  UnpackedTarball() = default;
  std::string dir_;
  std::vector<std::string> skipped_;
  std::size_t files_ = 0;
};

}  // namespace assay::code
