// Who the decoy home belongs to: one consistent fake developer across files and environment.
#pragma once

namespace assay::sandbox {

inline constexpr const char* kDecoyUser = "alex";
inline constexpr const char* kDecoyHome = "/home/alex";   // where init mounts the decoy home
inline constexpr const char* kDecoyHostname = "alex-laptop";
inline constexpr const char* kDecoyEmail = "alex.morgan@acme-corp.com";

}  // namespace assay::sandbox
