// Whether a path a sandboxed process opened names one of the planted secrets.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace assay::sandbox {

// Paths relative to a home directory; an entry ending in '/' covers everything below it.
const std::vector<std::string_view>& honeytoken_relative_paths();

// `path` as the process gave it. True for a honeytoken under `home`, under any other home-like
// prefix (/root, /home/NAME, also reached through /proc/self/root: credential hunting aimed at
// the real user's files counts too), or a relative path ending in one (the cwd is unknown here).
// Lexical: "." and ".." and repeated slashes are folded, symlinks are not followed.
bool is_honeytoken_path(const std::string& path, const std::string& home);

}  // namespace assay::sandbox
