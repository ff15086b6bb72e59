// The fuzzer's work dir: a host directory the sandbox mounts writable at the same path, where
// each call's setup (symlinks, files next to the root) is planted and canary files appear.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scanner/fuzz/payload_class.h"

namespace assay::dynamic {

// Written in a launch command, stands for the work dir: `-- node server.js {workdir}/root`
// gives a file server an allowed directory the fuzzer can plant files around.
inline constexpr const char* kWorkDirPlaceholder = "{workdir}";

class WorkDir {
 public:
  // Creates a fresh directory under the temp dir, and in it `root` (or the directory the command
  // names with {workdir}); substitutes {workdir} in the command. Throws AssayError(input).
  explicit WorkDir(const std::vector<std::string>& command);
  ~WorkDir();  // removes the directory and everything planted or created in it
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;

  const std::string& path() const { return path_; }
  const std::string& root() const { return root_; }           // the directory the server was given
  const std::vector<std::string>& command() const { return command_; }

  // Plants one call's setup. Returns "" when done, else why not (a path outside the work dir is
  // refused: nothing is ever written to the host outside it).
  std::string plant(const std::vector<fuzz::SetupAction>& setup) const;
  bool contains(const std::string& path) const;
  // Creates the files a baseline's arguments name under the root (`{root}/sample.txt`), holding
  // the baseline call's token: handlers then reach their sinks with a real file, and a server
  // that sends a file it read somewhere sends the token along. Returns how many were created.
  int plant_bait(const nlohmann::json& arguments, const std::string& token) const;

 private:
  std::string path_, root_;
  std::vector<std::string> command_;
};

}  // namespace assay::dynamic
