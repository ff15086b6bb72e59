// The encoded forms of one canary value that survive being embedded anywhere in a longer text.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace assay::sandbox {

// base64 of value embedded in a longer plaintext depends on where the value starts modulo 3:
// the first and last partial 3-byte groups mix in neighbouring bytes. Skipping 0, 1 or 2 leading
// bytes puts the value on a group boundary for one of the three alignments; encoding only whole
// groups from there gives a fragment that appears verbatim in the base64 of any plaintext that
// holds the value at that alignment. Same idea with 5-byte groups for base32.
std::vector<std::string> base64_fragments(std::string_view value, bool url_alphabet);
std::vector<std::string> base32_fragments(std::string_view value);

}  // namespace assay::sandbox
