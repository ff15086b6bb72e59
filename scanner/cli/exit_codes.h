// The exit codes a CI pipeline reads; documented in the README.
#pragma once

namespace assay::cli {

inline constexpr int kExitClean = 0;          // nothing at or above --fail-on
inline constexpr int kExitFindings = 1;       // findings at or above --fail-on
inline constexpr int kExitUsage = 2;          // bad flag, unreadable or invalid input, bad rule file
inline constexpr int kExitTargetFailed = 3;   // a server could not be scanned (start, handshake, timeout)
inline constexpr int kExitInternal = 4;       // a bug in mcp-assay: please report it

}  // namespace assay::cli
