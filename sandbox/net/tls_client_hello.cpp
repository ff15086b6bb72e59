// TLS record reassembly and ClientHello walk down to the server_name extension (RFC 8446 4.1.2,
// RFC 6066 section 3).
#include "sandbox/net/tls_client_hello.h"

#include "sandbox/net/byte_reader.h"

namespace assay::sandbox {

namespace {

constexpr std::uint32_t kHandshakeRecord = 22;
constexpr std::uint32_t kClientHello = 1;
constexpr std::uint32_t kServerNameExtension = 0;
constexpr std::uint32_t kMaxRecord = (1u << 14) + 2048;  // TLSCiphertext's limit
constexpr std::uint32_t kMaxHello = 1u << 16;            // far above any real ClientHello

std::string printable(std::string_view name) {
  std::string out(name.substr(0, 255));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e) c = '?';
  return out;
}

TlsHelloStatus parse_extensions(ByteReader& hello, std::string& sni) {
  std::uint32_t total = 0;
  if (hello.remaining() == 0) return TlsHelloStatus::client_hello;  // extensions are optional
  std::string_view block;
  if (!hello.u16(total) || !hello.take(total, block)) return TlsHelloStatus::malformed;
  ByteReader extensions(block);
  while (extensions.remaining() > 0) {
    std::uint32_t type = 0, length = 0;
    std::string_view body;
    if (!extensions.u16(type) || !extensions.u16(length) || !extensions.take(length, body))
      return TlsHelloStatus::malformed;
    if (type != kServerNameExtension) continue;
    ByteReader names(body);
    std::uint32_t list_length = 0;
    std::string_view list;
    if (!names.u16(list_length) || !names.take(list_length, list)) return TlsHelloStatus::malformed;
    ByteReader entries(list);
    while (entries.remaining() > 0) {
      std::uint32_t name_type = 0, name_length = 0;
      std::string_view name;
      if (!entries.u8(name_type) || !entries.u16(name_length) || !entries.take(name_length, name))
        return TlsHelloStatus::malformed;
      if (name_type == 0 && sni.empty()) sni = printable(name);
    }
  }
  return TlsHelloStatus::client_hello;
}

TlsHelloStatus parse_hello_body(std::string_view body, std::string& sni) {
  ByteReader hello(body);
  std::uint32_t version = 0, session_length = 0, suites_length = 0, compression_length = 0;
  if (!hello.u16(version) || !hello.skip(32)) return TlsHelloStatus::malformed;  // random
  if (!hello.u8(session_length) || session_length > 32 || !hello.skip(session_length))
    return TlsHelloStatus::malformed;
  if (!hello.u16(suites_length) || suites_length % 2 != 0 || !hello.skip(suites_length))
    return TlsHelloStatus::malformed;
  if (!hello.u8(compression_length) || compression_length == 0 || !hello.skip(compression_length))
    return TlsHelloStatus::malformed;
  return parse_extensions(hello, sni);
}

}  // namespace

TlsClientHello parse_tls_client_hello(std::string_view bytes) {
  TlsClientHello result;
  if (bytes.empty() || static_cast<unsigned char>(bytes[0]) != kHandshakeRecord) return result;
  if (bytes.size() >= 2 && bytes[1] != 3) return result;  // every TLS/SSL3 version is 3.x

  // A ClientHello may be split over several handshake records; collect fragments until the
  // handshake message's own length is covered.
  std::string handshake;
  ByteReader records(bytes);
  std::uint32_t needed = 0;
  bool know_needed = false;
  for (;;) {
    std::uint32_t type = 0, version = 0, length = 0;
    std::string_view fragment;
    if (!records.u8(type) || !records.u16(version) || !records.u16(length)) break;
    if (type != kHandshakeRecord || (version >> 8) != 3 || length == 0 || length > kMaxRecord) {
      result.status = TlsHelloStatus::malformed;
      return result;
    }
    const bool whole = records.take(length, fragment);
    if (!whole) fragment = bytes.substr(records.position());
    handshake.append(fragment);
    if (!know_needed && handshake.size() >= 4) {
      if (static_cast<unsigned char>(handshake[0]) != kClientHello) {
        result.status = TlsHelloStatus::malformed;
        return result;
      }
      ByteReader header(std::string_view(handshake).substr(1, 3));
      header.u24(needed);
      if (needed > kMaxHello) {
        result.status = TlsHelloStatus::malformed;
        return result;
      }
      know_needed = true;
    }
    if (know_needed && handshake.size() >= 4 + needed) {
      result.status = parse_hello_body(std::string_view(handshake).substr(4, needed), result.sni);
      return result;
    }
    if (!whole) break;
  }
  result.status = TlsHelloStatus::incomplete;
  return result;
}

}  // namespace assay::sandbox
