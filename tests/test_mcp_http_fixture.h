// Starts a fixture HTTP server (testdata/servers/http-*) on a free loopback port for a test and
// kills its process group when the test ends.
#pragma once
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace assay::mcp::test {

class HttpFixture {
 public:
  // `script` relative to testdata/servers; the server prints {"port": N} when it listens.
  explicit HttpFixture(const std::string& script, std::vector<std::string> args = {}) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
      setpgid(0, 0);
      dup2(out[1], 1);
      close(out[0]);
      close(out[1]);
      if (chdir(ASSAY_SOURCE_DIR "/testdata") != 0) _exit(127);
      std::vector<std::string> argv = {"node", "servers/" + script, "0"};
      argv.insert(argv.end(), args.begin(), args.end());
      std::vector<char*> cargv;
      for (auto& a : argv) cargv.push_back(a.data());
      cargv.push_back(nullptr);
      execvp("node", cargv.data());
      _exit(127);
    }
    setpgid(pid_, pid_);
    close(out[1]);
    std::string line;
    pollfd p{out[0], POLLIN, 0};
    // Node loads the SDK in well under a second; a loaded CI machine gets thirty.
    for (int waited = 0; line.find('\n') == std::string::npos && waited < 30000; waited += 100) {
      if (poll(&p, 1, 100) <= 0) continue;
      char buf[256];
      ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, n);
    }
    close(out[0]);
    try {
      port_ = nlohmann::json::parse(line.substr(0, line.find('\n')))["port"].get<int>();
    } catch (const std::exception&) {
      stop();
      throw std::runtime_error("fixture " + script + " did not print its port: " + line);
    }
  }
  ~HttpFixture() { stop(); }
  HttpFixture(const HttpFixture&) = delete;
  HttpFixture& operator=(const HttpFixture&) = delete;

  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  int port() const { return port_; }

 private:
  void stop() {
    if (pid_ <= 0) return;
    kill(-pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace assay::mcp::test
