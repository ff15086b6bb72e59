// A bounds-checked big-endian cursor over untrusted bytes: every read says whether it fit, so
// parsers of hostile input (TLS, DNS) cannot run off the end.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace assay::sandbox {

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  std::size_t position() const { return position_; }
  std::size_t remaining() const { return bytes_.size() - position_; }

  bool u8(std::uint32_t& out) { return number(1, out); }
  bool u16(std::uint32_t& out) { return number(2, out); }
  bool u24(std::uint32_t& out) { return number(3, out); }
  bool take(std::size_t count, std::string_view& out) {
    if (count > remaining()) return false;
    out = bytes_.substr(position_, count);
    position_ += count;
    return true;
  }
  bool skip(std::size_t count) {
    std::string_view ignored;
    return take(count, ignored);
  }

 private:
  bool number(std::size_t width, std::uint32_t& out) {
    if (width > remaining()) return false;
    out = 0;
    for (std::size_t i = 0; i < width; ++i) out = (out << 8) | static_cast<unsigned char>(bytes_[position_ + i]);
    position_ += width;
    return true;
  }

  std::string_view bytes_;
  std::size_t position_ = 0;
};

}  // namespace assay::sandbox
