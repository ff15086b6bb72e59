// SHA-256, for content fingerprints that must be identical on every machine.
#pragma once
#include <string>
#include <string_view>

namespace assay {

std::string sha256_hex(std::string_view data);

}  // namespace assay
