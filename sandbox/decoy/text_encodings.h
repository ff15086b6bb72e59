// The encodings an exfiltrating process wraps secrets in (base64, base32, hex, URL), and their
// inverses where the canary search needs to undo them.
#pragma once
#include <string>
#include <string_view>

namespace assay::sandbox {

std::string base64_encode(std::string_view bytes, bool url_alphabet = false, bool pad = true);
// RFC 4648 base32, lower case and unpadded: what DNS tunnelling tools put in labels.
std::string base32_encode(std::string_view bytes);
std::string hex_encode(std::string_view bytes, bool upper = false);
// %XX sequences decoded; everything else (including '+') kept as is.
std::string percent_decode(std::string_view text);
std::string to_lower_ascii(std::string_view text);

}  // namespace assay::sandbox
