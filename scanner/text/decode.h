// Decodes encoded payloads hidden inside metadata, so the decoded text can be scanned again.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace assay::text {

struct DecodedPayload {
  std::string encoding;  // "base64", "hex", "url", "html-entities"; nested: "base64+url" (outer first)
  std::string original;  // the encoded run as it appears in the input (or in the outer payload)
  std::string decoded;   // valid UTF-8, mostly printable text
};

// Finds encoded runs and returns those that decode to readable text (>= 85% printable,
// at least 8 characters, valid UTF-8). Base64 (standard and URL-safe, >= 16 chars, padding
// optional, MIME line wrapping), hex (>= 16 hex digits, even length, optionally \x or 0x prefixed
// per byte; a bare run needs a letter digit, so long decimal numbers are not hex), URL
// percent-encoding (>= 3 escapes in a word), HTML/XML character references (&#x..; &#..;
// &lt; and friends, >= 2 in a stretch, a plain "&amp;" not counting). Base64 and hex readings
// must also look like language, since identifiers and hashes misread as base64 or hex are
// noise: a word of 3+ letters, no single character repeated over a third of the text, at most one
// non-Latin script, and for base64 a space, ASCII punctuation or non-ASCII letter. Nested
// encodings are decoded up to depth 2.
// Bounded: at most 64 payloads and 64 KiB of decoded text per input.
std::vector<DecodedPayload> decode_payloads(std::string_view text);

}  // namespace assay::text
