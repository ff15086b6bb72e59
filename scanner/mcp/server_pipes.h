// Bounded, deadline-driven I/O on a server's three pipes: newline-delimited lines from stdout,
// lines written to stdin, and stderr drained into a bounded tail whenever we wait on either, so
// a server that floods stderr can never block itself or us.
#pragma once
#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include "scanner/mcp/stderr_tail.h"
#include "scanner/mcp/unique_fd.h"

namespace assay::mcp {

using Clock = std::chrono::steady_clock;

// The server broke a size limit; the stream cannot be trusted past this point.
class PipeLimitExceeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ServerPipes {
 public:
  struct Limits {
    size_t max_line_bytes;
    size_t max_total_bytes;
    size_t max_stderr_bytes;
  };
  enum class ReadStatus { line, end_of_stream, timed_out };
  enum class WriteStatus { written, closed, timed_out };

  // Takes our (non-blocking) ends of the pipes.
  ServerPipes(UniqueFd to_stdin, UniqueFd from_stdout, UniqueFd from_stderr, Limits limits);

  // The next line without its "\n" (and a trailing "\r"). At end of stream an unterminated
  // last line is still returned. Throws PipeLimitExceeded.
  ReadStatus read_line(std::string& line, Clock::time_point deadline);
  // Writes all of `bytes`, reading stdout and stderr meanwhile so a server that writes
  // instead of reading cannot deadlock us. Throws PipeLimitExceeded.
  WriteStatus write_all(std::string_view bytes, Clock::time_point deadline);
  // Lets the server see end of input, the MCP stdio way of asking it to exit.
  void close_stdin() { stdin_.reset(); }
  // Reads stdout and stderr (stdout into the line buffer) until both end or the deadline.
  void drain(Clock::time_point deadline);

  bool stdout_ended() const { return !stdout_.valid(); }
  bool output_ended() const { return !stdout_.valid() && !stderr_.valid(); }
  const StderrTail& stderr_tail() const { return stderr_tail_; }

 private:
  // Waits for input (and output space on stdin when want_write) until the deadline; reads what
  // arrived. Returns whether stdin is writable.
  bool pump(Clock::time_point deadline, bool want_write);
  void read_stdout();
  void read_stderr();
  bool take_line(std::string& line);

  UniqueFd stdin_, stdout_, stderr_;
  Limits limits_;
  StderrTail stderr_tail_;
  std::string buffer_;      // stdout bytes not yet returned as lines
  size_t line_start_ = 0;   // start of the first unreturned line in buffer_
  size_t scanned_ = 0;      // bytes of buffer_ already searched for '\n'
  size_t total_read_ = 0;   // stdout bytes read so far
  bool discard_stdout_ = false;  // set once we only drain, on the way to shutting down
};

}  // namespace assay::mcp
