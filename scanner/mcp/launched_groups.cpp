// A fixed table of atomics: the signal handler may only do async-signal-safe work.
#include "scanner/mcp/launched_groups.h"

#include <signal.h>

#include <atomic>

namespace assay::mcp {
namespace {

constexpr int kSlots = 256;
std::atomic<pid_t> groups[kSlots];

void on_interrupt(int sig) {
  for (auto& g : groups) {
    pid_t pgid = g.load();
    if (pgid > 0) ::kill(-pgid, SIGKILL);
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

}  // namespace

void remember_group(pid_t pgid) {
  for (auto& g : groups) {
    pid_t empty = 0;
    if (g.compare_exchange_strong(empty, pgid)) return;
  }
  // More than kSlots live servers at once: the extra ones are still killed on every normal path.
}

void forget_group(pid_t pgid) {
  for (auto& g : groups) {
    pid_t expected = pgid;
    if (g.compare_exchange_strong(expected, 0)) return;
  }
}

void kill_launched_groups_on_interrupt() {
  struct sigaction sa {};
  sa.sa_handler = on_interrupt;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &sa, nullptr);
}

}  // namespace assay::mcp
