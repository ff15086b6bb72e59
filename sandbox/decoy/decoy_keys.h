// Private keys that parse like real ones (OpenSSH v1 RSA and Ed25519, PKCS#8 RSA in PEM) but
// carry a canary inside their key bytes, so a copied key file is recognised wherever it goes.
#pragma once
#include <string>
#include <string_view>

namespace assay::sandbox {

struct DecoySshKey {
  std::string private_file;  // -----BEGIN OPENSSH PRIVATE KEY----- ... (70-column base64)
  std::string public_line;   // "ssh-ed25519 AAAA... comment\n", the matching .pub file
};

// `canary` (32 bytes) becomes part of the private exponent / Ed25519 seed.
DecoySshKey decoy_openssh_rsa_key(std::string_view canary, std::string_view comment);
DecoySshKey decoy_openssh_ed25519_key(std::string_view canary, std::string_view comment);
// -----BEGIN PRIVATE KEY----- (PKCS#8, RSA 2048), as in a Google service-account JSON file.
std::string decoy_pkcs8_rsa_pem(std::string_view canary);

}  // namespace assay::sandbox
