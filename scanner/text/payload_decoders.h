// Finders for encoded runs in text; decode.cpp keeps the runs whose decoding reads as text.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace assay::text {

struct EncodedRun {
  size_t offset = 0;  // into the searched text
  size_t length = 0;
  std::string decoded;  // raw bytes, not yet known to be text
};

// Runs of >= 16 base64 characters (standard or URL-safe, padding optional, MIME line breaks).
std::vector<EncodedRun> find_base64_runs(std::string_view text);

// >= 16 hex digits: a bare run (optionally 0x-prefixed), \xHH\xHH..., or 0xHH, 0xHH, ...
std::vector<EncodedRun> find_hex_runs(std::string_view text);

// Words with >= 3 percent escapes (%HH).
std::vector<EncodedRun> find_percent_encoded_runs(std::string_view text);

// Stretches holding >= 2 HTML/XML character references (&lt; &#60; &#x3c;) other than a lone &amp;.
std::vector<EncodedRun> find_html_reference_runs(std::string_view text);

}  // namespace assay::text
