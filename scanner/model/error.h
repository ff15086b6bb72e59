// The one exception type that crosses module boundaries; the CLI turns it into a line and an exit code.
#pragma once
#include <stdexcept>
#include <string>

namespace assay {

enum class ErrorKind {
  usage,   // bad flag or argument: exit 2
  input,   // unreadable or invalid file, bad rule: exit 2
  target,  // a server could not be scanned (failed to start, handshake failed, timed out): exit 3
};

class AssayError : public std::runtime_error {
 public:
  AssayError(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

inline AssayError input_error(const std::string& m) { return AssayError(ErrorKind::input, m); }
inline AssayError usage_error(const std::string& m) { return AssayError(ErrorKind::usage, m); }
inline AssayError target_error(const std::string& m) { return AssayError(ErrorKind::target, m); }

}  // namespace assay
