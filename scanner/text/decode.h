// Decodes encoded payloads hidden inside metadata, so the decoded text can be scanned again.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace assay::text {

struct DecodedPayload {
  std::string encoding;  // "base64", "hex", "url", "html-entities"
  std::string original;  // the encoded run as it appears in the input
  std::string decoded;   // valid UTF-8, mostly printable text
};

// Finds encoded runs and returns those that decode to readable text (>= 85% printable,
// at least 8 characters, valid UTF-8). Base64 (standard and URL-safe, >= 16 chars, padding
// optional), hex (>= 16 hex digits, even length, optionally \x or 0x prefixed per byte),
// URL percent-encoding (>= 3 escapes in a run), HTML/XML character references (&#x..; &#..;
// &lt; and friends, >= 2 in the text). Nested encodings are decoded up to depth 2.
// Bounded: at most 64 payloads and 64 KiB of decoded text per input.
std::vector<DecodedPayload> decode_payloads(std::string_view text);

}  // namespace assay::text
