// Builds OpenSSH and PKCS#8 key encodings byte by byte around random numbers and a canary.
#include "sandbox/decoy/decoy_keys.h"

#include "sandbox/decoy/random_text.h"
#include "sandbox/decoy/text_encodings.h"

#include <cstdint>

namespace assay::sandbox {

namespace {

// A random big-endian number of `bytes` bytes with the top bit set (a full-size modulus or
// prime), with `canary` written over its middle when given.
std::string random_number(std::size_t bytes, std::string_view canary = {}) {
  std::string n = random_bytes(bytes);
  n[0] = static_cast<char>(n[0] | 0x80);
  n[bytes - 1] = static_cast<char>(n[bytes - 1] | 0x01);  // moduli and primes are odd
  if (!canary.empty() && canary.size() < bytes / 2) n.replace(bytes / 3, canary.size(), canary);
  return n;
}

std::string wrap(std::string_view text, std::size_t columns) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += columns) {
    out.append(text.substr(i, columns));
    out += '\n';
  }
  return out;
}

// --- SSH wire format (RFC 4251): uint32 lengths, strings, mpints ---
void put_u32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}
void put_string(std::string& out, std::string_view s) {
  put_u32(out, static_cast<std::uint32_t>(s.size()));
  out.append(s);
}
void put_mpint(std::string& out, std::string_view magnitude) {
  bool pad = !magnitude.empty() && (static_cast<unsigned char>(magnitude[0]) & 0x80);
  put_u32(out, static_cast<std::uint32_t>(magnitude.size() + (pad ? 1 : 0)));
  if (pad) out += '\0';
  out.append(magnitude);
}

DecoySshKey openssh_key(std::string_view type, const std::string& public_fields,
                        const std::string& private_fields, std::string_view comment) {
  std::string public_blob;
  put_string(public_blob, type);
  public_blob += public_fields;

  std::string section;
  std::string check = random_bytes(4);
  section += check;
  section += check;
  put_string(section, type);
  section += private_fields;
  put_string(section, comment);
  for (char pad = 1; section.size() % 8 != 0; ++pad) section += pad;

  std::string blob("openssh-key-v1", 15);  // includes the terminating NUL
  put_string(blob, "none");
  put_string(blob, "none");
  put_string(blob, "");
  put_u32(blob, 1);
  put_string(blob, public_blob);
  put_string(blob, section);

  DecoySshKey key;
  key.private_file = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + wrap(base64_encode(blob), 70) +
                     "-----END OPENSSH PRIVATE KEY-----\n";
  key.public_line = std::string(type) + " " + base64_encode(public_blob) + " " + std::string(comment) + "\n";
  return key;
}

// --- DER (X.690) for PKCS#8 ---
std::string der(unsigned char tag, std::string_view body) {
  std::string out(1, static_cast<char>(tag));
  std::size_t n = body.size();
  if (n < 128) {
    out += static_cast<char>(n);
  } else if (n < 256) {
    out += '\x81';
    out += static_cast<char>(n);
  } else {
    out += '\x82';
    out += static_cast<char>(n >> 8);
    out += static_cast<char>(n & 0xff);
  }
  out.append(body);
  return out;
}
std::string der_integer(std::string_view magnitude) {
  std::string body;
  if (!magnitude.empty() && (static_cast<unsigned char>(magnitude[0]) & 0x80)) body += '\0';
  body.append(magnitude);
  return der(0x02, body);
}

}  // namespace

DecoySshKey decoy_openssh_rsa_key(std::string_view canary, std::string_view comment) {
  const std::string e("\x01\x00\x01", 3);
  const std::string n = random_number(384);
  std::string public_fields, private_fields;
  put_mpint(public_fields, e);
  put_mpint(public_fields, n);
  put_mpint(private_fields, n);
  put_mpint(private_fields, e);
  put_mpint(private_fields, random_number(384, canary));  // d
  put_mpint(private_fields, random_number(192));          // iqmp
  put_mpint(private_fields, random_number(192));          // p
  put_mpint(private_fields, random_number(192));          // q
  return openssh_key("ssh-rsa", public_fields, private_fields, comment);
}

DecoySshKey decoy_openssh_ed25519_key(std::string_view canary, std::string_view comment) {
  const std::string pub = random_bytes(32);
  std::string seed(canary.substr(0, 32));
  if (seed.size() < 32) seed += random_bytes(32 - seed.size());
  std::string public_fields, private_fields;
  put_string(public_fields, pub);
  put_string(private_fields, pub);
  put_string(private_fields, seed + pub);
  return openssh_key("ssh-ed25519", public_fields, private_fields, comment);
}

std::string decoy_pkcs8_rsa_pem(std::string_view canary) {
  std::string rsa = der_integer(std::string(1, '\0'));
  rsa += der_integer(random_number(256));          // n
  rsa += der_integer(std::string("\x01\x00\x01", 3));
  rsa += der_integer(random_number(256, canary));  // d
  for (int i = 0; i < 5; ++i) rsa += der_integer(random_number(128));  // p q dp dq qinv
  std::string algorithm = der(0x06, "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01");
  algorithm += std::string("\x05\x00", 2);
  std::string pkcs8 = der_integer(std::string(1, '\0'));
  pkcs8 += der(0x30, algorithm);
  pkcs8 += der(0x04, der(0x30, rsa));
  return "-----BEGIN PRIVATE KEY-----\n" + wrap(base64_encode(der(0x30, pkcs8)), 64) +
         "-----END PRIVATE KEY-----\n";
}

}  // namespace assay::sandbox
