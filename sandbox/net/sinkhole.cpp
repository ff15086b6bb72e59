// The sinkhole's poll loop: listeners, DNS sockets and accepted connections on one thread, each
// connection bounded in bytes, time and number.
#include "sandbox/net/sinkhole.h"

#include "sandbox/net/dns_responder.h"
#include "sandbox/net/endpoint.h"
#include "sandbox/net/sinkhole_events.h"
#include "sandbox/net/sinkhole_stream.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <deque>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace assay::sandbox {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kAcceptsPerWake = 16;  // one flooding listener cannot starve the rest

struct Connection {
  int fd;
  Endpoint destination;
  SinkholeStream stream;
  Clock::time_point deadline;
  std::string unsent;  // reply bytes the socket did not take yet
};

}  // namespace

struct Sinkhole::State {
  EventLog& log;
  SinkholeOptions options;
  int wake_fd = -1;
  std::thread thread;

  std::mutex mutex;  // guards the three fields below
  std::vector<int> new_listeners, new_dns_sockets;
  bool stopping = false;

  // Owned by the loop thread once started.
  std::vector<int> listeners, dns_sockets;
  std::deque<Connection> connections;  // oldest first

  State(EventLog& l, SinkholeOptions o) : log(l), options(o) {}

  void wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] ssize_t ignored = ::write(wake_fd, &one, sizeof one);
  }

  void finish(Connection& c) {
    std::string last = c.stream.finish();
    if (c.unsent.empty() && !last.empty()) {
      [[maybe_unused]] ssize_t ignored = ::send(c.fd, last.data(), last.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    }
    record_stream_end(log, c.destination, c.stream, options);
    ::close(c.fd);
    c.fd = -1;
  }

  void accept_from(int listener) {
    for (int i = 0; i < kAcceptsPerWake; ++i) {
      int fd = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) return;
      if (connections.size() >= options.max_open_connections) {
        finish(connections.front());
        connections.pop_front();
      }
      Endpoint destination = local_endpoint(fd);
      record_connection(log, destination);
      auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(options.read_deadline_seconds));
      connections.push_back({fd, destination, SinkholeStream(options.max_bytes_per_connection), deadline, {}});
    }
  }

  void send_pending(Connection& c) {
    while (!c.unsent.empty()) {
      ssize_t n = ::send(c.fd, c.unsent.data(), c.unsent.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n <= 0) {
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
        c.unsent.clear();  // the peer is gone: nothing more to say
        return;
      }
      c.unsent.erase(0, static_cast<std::size_t>(n));
    }
  }

  // Returns false when the connection is over.
  bool serve(Connection& c, short revents) {
    if (revents & (POLLIN | POLLHUP | POLLERR)) {
      char buffer[4096];
      while (!c.stream.finished()) {
        ssize_t n = ::recv(c.fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) {
          c.unsent += c.stream.take(std::string_view(buffer, static_cast<std::size_t>(n)));
          continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) break;
        c.unsent += c.stream.finish();  // end of input or a reset
        break;
      }
    }
    send_pending(c);
    return !(c.stream.finished() && c.unsent.empty());
  }

  void adopt_new_sockets() {
    std::lock_guard lock(mutex);
    listeners.insert(listeners.end(), new_listeners.begin(), new_listeners.end());
    dns_sockets.insert(dns_sockets.end(), new_dns_sockets.begin(), new_dns_sockets.end());
    new_listeners.clear();
    new_dns_sockets.clear();
  }

  int poll_timeout_ms() const {
    if (connections.empty()) return -1;
    auto earliest = connections.front().deadline;
    for (const Connection& c : connections) earliest = std::min(earliest, c.deadline);
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(earliest - Clock::now()).count();
    return static_cast<int>(std::max<long long>(0, wait + 1));
  }

  void run() {
    std::vector<pollfd> fds;
    for (;;) {
      adopt_new_sockets();
      fds.clear();
      fds.push_back({wake_fd, POLLIN, 0});
      for (int fd : listeners) fds.push_back({fd, POLLIN, 0});
      for (int fd : dns_sockets) fds.push_back({fd, POLLIN, 0});
      for (const Connection& c : connections)
        fds.push_back({c.fd, static_cast<short>(POLLIN | (c.unsent.empty() ? 0 : POLLOUT)), 0});
      if (::poll(fds.data(), fds.size(), poll_timeout_ms()) < 0 && errno != EINTR) break;

      if (fds[0].revents & POLLIN) {
        std::uint64_t count = 0;
        [[maybe_unused]] ssize_t ignored = ::read(wake_fd, &count, sizeof count);
        std::lock_guard lock(mutex);
        if (stopping) break;
      }
      std::size_t index = 1;
      // Connections first: accepting may evict the oldest, which would shift their indexes.
      const std::size_t first_connection = 1 + listeners.size() + dns_sockets.size();
      const auto now = Clock::now();
      std::deque<Connection> still_open;
      for (std::size_t i = 0; i < connections.size(); ++i) {
        Connection& c = connections[i];
        bool open = serve(c, fds[first_connection + i].revents);
        if (open && now >= c.deadline) {
          c.unsent += c.stream.finish();
          open = false;
        }
        if (open) {
          still_open.push_back(std::move(c));
        } else {
          if (!c.unsent.empty()) send_pending(c);
          record_stream_end(log, c.destination, c.stream, options);
          ::close(c.fd);
        }
      }
      connections = std::move(still_open);
      for (int fd : listeners)
        if (fds[index++].revents & POLLIN) accept_from(fd);
      for (int fd : dns_sockets)
        if (fds[index++].revents & POLLIN) serve_dns_datagrams(fd, log, options);
    }
    for (Connection& c : connections) finish(c);
    connections.clear();
  }

  void close_all() {
    adopt_new_sockets();
    for (int fd : listeners) ::close(fd);
    for (int fd : dns_sockets) ::close(fd);
    listeners.clear();
    dns_sockets.clear();
  }
};

Sinkhole::Sinkhole(EventLog& log, SinkholeOptions options) : state_(std::make_unique<State>(log, options)) {
  state_->wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (state_->wake_fd < 0) throw std::system_error(errno, std::generic_category(), "sinkhole eventfd");
}

Sinkhole::~Sinkhole() {
  stop();
  ::close(state_->wake_fd);
}

void Sinkhole::add_tcp_listener(int fd, int /*port*/) {
  {
    std::lock_guard lock(state_->mutex);
    if (!state_->stopping) {
      state_->new_listeners.push_back(fd);
      fd = -1;
    }
  }
  if (fd >= 0) ::close(fd);
  else state_->wake();
}

void Sinkhole::add_dns_socket(int fd) {
  {
    std::lock_guard lock(state_->mutex);
    if (!state_->stopping) {
      state_->new_dns_sockets.push_back(fd);
      fd = -1;
    }
  }
  if (fd >= 0) ::close(fd);
  else state_->wake();
}

void Sinkhole::start() {
  std::lock_guard lock(state_->mutex);
  if (state_->thread.joinable() || state_->stopping) return;
  state_->thread = std::thread([state = state_.get()] { state->run(); });
}

void Sinkhole::stop() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->wake();
  if (state_->thread.joinable()) state_->thread.join();
  state_->close_all();
}

}  // namespace assay::sandbox
