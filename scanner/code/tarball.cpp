// Safe tarball extraction with libarchive: we read entries and write regular files ourselves,
// so nothing in the archive decides where bytes land.
#include "scanner/code/tarball.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "scanner/model/error.h"

namespace fs = std::filesystem;

namespace assay::code {
namespace {

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};

// The entry's path as components, or empty if it is absolute, climbs with `..`, or is empty.
std::vector<std::string> safe_components(const std::string& path) {
  std::vector<std::string> parts;
  if (path.empty() || path.front() == '/' || path.find('\0') != std::string::npos) return {};
  size_t i = 0;
  while (i <= path.size()) {
    size_t end = path.find('/', i);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(i, end - i);
    i = end + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") return {};
    parts.push_back(std::move(part));
  }
  return parts;
}

void write_entry(archive* a, const std::string& archive_path, const fs::path& target,
                 std::size_t max_entry, std::size_t& total, std::size_t max_total) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) throw input_error(archive_path + ": cannot create " + target.parent_path().string());
  int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) throw input_error(archive_path + ": cannot write " + target.string());
  std::size_t written = 0;
  char buffer[64 * 1024];
  for (;;) {
    la_ssize_t n = archive_read_data(a, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      ::close(fd);
      throw input_error(archive_path + ": corrupt archive data: " + archive_error_string(a));
    }
    written += static_cast<std::size_t>(n);
    total += static_cast<std::size_t>(n);
    if (written > max_entry || total > max_total) {
      ::close(fd);
      throw input_error(archive_path + ": archive unpacks to more than " +
                        std::to_string((written > max_entry ? max_entry : max_total) >> 20) +
                        " MiB; refusing it");
    }
    if (::write(fd, buffer, static_cast<size_t>(n)) != n) {
      ::close(fd);
      throw input_error(target.string() + ": write failed");
    }
  }
  ::close(fd);
}

}  // namespace

UnpackedTarball::UnpackedTarball(UnpackedTarball&& other) noexcept
    : dir_(std::move(other.dir_)), skipped_(std::move(other.skipped_)), files_(other.files_) {
  other.dir_.clear();
}

UnpackedTarball::~UnpackedTarball() {
  if (dir_.empty()) return;
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

UnpackedTarball UnpackedTarball::unpack(const std::string& archive_path, const TarballLimits& limits) {
  std::unique_ptr<archive, ArchiveCloser> a(archive_read_new());
  archive_read_support_filter_gzip(a.get());
  archive_read_support_filter_none(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  if (archive_read_open_filename(a.get(), archive_path.c_str(), 64 * 1024) != ARCHIVE_OK)
    throw input_error(archive_path + ": cannot open as a tarball: " + archive_error_string(a.get()));

  UnpackedTarball out;
  std::string pattern = (fs::temp_directory_path() / "mcp-assay-tgz-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw input_error("cannot create a temporary directory for " + archive_path);
  out.dir_ = pattern;

  std::size_t entries = 0, total = 0;
  archive_entry* entry = nullptr;
  for (;;) {
    int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN)
      throw input_error(archive_path + ": not a valid tarball: " + archive_error_string(a.get()));
    if (++entries > limits.max_entries)
      throw input_error(archive_path + ": more than " + std::to_string(limits.max_entries) +
                        " entries; refusing it");
    const char* raw = archive_entry_pathname(entry);
    std::string name = raw ? raw : "";
    auto parts = safe_components(name);
    if (parts.empty()) {
      out.skipped_.push_back(name + ": tar entry with an absolute or climbing path, not unpacked");
      continue;
    }
    mode_t type = archive_entry_filetype(entry);
    if (archive_entry_hardlink(entry) || type == AE_IFLNK) {
      out.skipped_.push_back(name + ": link in the tarball, not unpacked");
      continue;
    }
    if (type == AE_IFDIR) continue;  // directories are made for the files in them
    if (type != AE_IFREG) {
      out.skipped_.push_back(name + ": special file in the tarball, not unpacked");
      continue;
    }
    fs::path target = out.dir_;
    for (const auto& p : parts) target /= p;
    write_entry(a.get(), name, target, limits.max_entry_bytes, total, limits.max_total_bytes);
    ++out.files_;
  }
  return out;
}

}  // namespace assay::code
