// Unpredictable bytes and strings from the kernel (getrandom), so no two runs share a canary.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace assay::sandbox {

inline constexpr std::string_view kAlnum =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
inline constexpr std::string_view kUpperBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
inline constexpr std::string_view kBase64Chars =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
inline constexpr std::string_view kBase64UrlChars =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
inline constexpr std::string_view kDigits = "0123456789";
inline constexpr std::string_view kLowerHex = "0123456789abcdef";

// `count` bytes from getrandom(2); throws std::system_error if the kernel refuses.
std::string random_bytes(std::size_t count);
// `count` characters drawn uniformly from `alphabet` (rejection sampling, no modulo bias).
std::string random_string(std::string_view alphabet, std::size_t count);

}  // namespace assay::sandbox
