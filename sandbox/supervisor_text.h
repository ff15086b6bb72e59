// Small texts the supervisor puts in events and exit descriptions, shared by its two files.
#pragma once
#include <signal.h>
#include <string.h>

#include <string>

#include "sandbox/event.h"

namespace assay::sandbox {

inline Event note(const std::string& detail) {
  Event e;
  e.kind = EventKind::note;
  e.detail = detail;
  return e;
}

// "9 (SIGKILL)"
inline std::string signal_text(int sig) {
  const char* abbrev = ::sigabbrev_np(sig);
  return std::to_string(sig) + (abbrev ? std::string(" (SIG") + abbrev + ")" : "");
}

}  // namespace assay::sandbox
