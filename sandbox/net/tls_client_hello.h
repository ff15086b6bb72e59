// Reads the server name (SNI) a TLS client announces in its ClientHello, from the first bytes of
// a sinkhole connection; the name tells which host a process meant to reach over HTTPS.
#pragma once
#include <string>
#include <string_view>

namespace assay::sandbox {

enum class TlsHelloStatus {
  not_tls,       // the bytes do not start a TLS handshake record
  incomplete,    // a plausible ClientHello so far; more bytes are needed
  malformed,     // a handshake record that breaks the format (lengths that do not nest, ...)
  client_hello,  // a whole ClientHello was read
};

struct TlsClientHello {
  TlsHelloStatus status = TlsHelloStatus::not_tls;
  std::string sni;  // host_name entry of server_name, printable ASCII only ('?' for others)
};

// Bounded and allocation-light: follows record and handshake fragmentation across records,
// trusts no length field, never reads past `bytes`.
TlsClientHello parse_tls_client_hello(std::string_view bytes);

}  // namespace assay::sandbox
