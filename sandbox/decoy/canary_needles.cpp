// Alignment-independent base64/base32 fragments of a canary value (see the header for why).
#include "sandbox/decoy/canary_needles.h"

#include "sandbox/decoy/text_encodings.h"

namespace assay::sandbox {

namespace {
// Fragments shorter than this could occur by chance in a large upload.
constexpr std::size_t kMinFragmentChars = 16;
}  // namespace

std::vector<std::string> base64_fragments(std::string_view value, bool url_alphabet) {
  std::vector<std::string> out;
  for (std::size_t skip = 0; skip < 3 && skip < value.size(); ++skip) {
    std::string_view rest = value.substr(skip);
    std::string fragment = base64_encode(rest.substr(0, rest.size() / 3 * 3), url_alphabet, false);
    if (fragment.size() >= kMinFragmentChars) out.push_back(std::move(fragment));
  }
  return out;
}

std::vector<std::string> base32_fragments(std::string_view value) {
  std::vector<std::string> out;
  for (std::size_t skip = 0; skip < 5 && skip < value.size(); ++skip) {
    std::string_view rest = value.substr(skip);
    std::string fragment = base32_encode(rest.substr(0, rest.size() / 5 * 5));
    if (fragment.size() >= kMinFragmentChars) out.push_back(std::move(fragment));
  }
  return out;
}

}  // namespace assay::sandbox
