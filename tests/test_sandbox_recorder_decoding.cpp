// The recorder's building blocks: bounded tracee reads, path folding, sockaddr decoding.
#include <doctest/doctest.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

#include "sandbox/recorder/socket_address.h"
#include "sandbox/recorder/tracee_memory.h"
#include "sandbox/recorder/tracee_paths.h"

using namespace assay::sandbox;

namespace {

// Two pages with the second unmapped: what a hostile tracee can arrange around a string.
struct GuardedPage {
  char* page = nullptr;
  long size = ::sysconf(_SC_PAGESIZE);
  GuardedPage() {
    void* p = ::mmap(nullptr, 2 * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    page = static_cast<char*>(p);
    ::munmap(page + size, size);
  }
  ~GuardedPage() { ::munmap(page, size); }
  std::uint64_t address(long offset) const { return reinterpret_cast<std::uintptr_t>(page + offset); }
};

}  // namespace

TEST_SUITE("sandbox recorder") {

TEST_CASE("a string that ends right before an unmapped page is read whole") {
  GuardedPage guard;
  std::memcpy(guard.page + guard.size - 6, "/etc/", 6);
  std::string out;
  CHECK(read_tracee_string(::getpid(), guard.address(guard.size - 6), 4096, out));
  CHECK(out == "/etc/");
}

TEST_CASE("an unterminated string running into an unmapped page yields its prefix and false") {
  GuardedPage guard;
  std::memset(guard.page, 'x', guard.size);
  std::string out;
  CHECK_FALSE(read_tracee_string(::getpid(), guard.address(guard.size - 10), 4096, out));
  CHECK(out == std::string(10, 'x'));
  char buffer[64];
  CHECK(read_tracee(::getpid(), guard.address(guard.size - 10), buffer, sizeof buffer) == 10);
}

TEST_CASE("a string longer than the bound is cut at the bound") {
  std::string long_text(10000, 'p');
  std::string out;
  CHECK_FALSE(read_tracee_string(::getpid(), reinterpret_cast<std::uintptr_t>(long_text.c_str()), 4096, out));
  CHECK(out.size() == 4096);
  std::string exact(4096, 'q');
  CHECK(read_tracee_string(::getpid(), reinterpret_cast<std::uintptr_t>(exact.c_str()), 4096, out));
  CHECK(out == exact);
}

TEST_CASE("null and unmapped addresses read nothing, and a dead pid too") {
  std::string out;
  CHECK_FALSE(read_tracee_string(::getpid(), 0, 4096, out));
  CHECK_FALSE(read_tracee_string(::getpid(), 8, 4096, out));
  char buffer[8];
  CHECK(read_tracee(999999999, reinterpret_cast<std::uintptr_t>(&out), buffer, sizeof buffer) == 0);
}

TEST_CASE("paths fold dots and repeated slashes so a honeytoken cannot hide behind ..") {
  CHECK(fold_path("/home/user/.ssh/../.ssh//id_rsa") == "/home/user/.ssh/id_rsa");
  CHECK(fold_path("/a/./b/") == "/a/b");
  CHECK(fold_path("/../../etc/passwd") == "/etc/passwd");
  CHECK(fold_path("./x/../../y") == "../y");
  CHECK(fold_path("/home/user/.bashrc") == "/home/user/.bashrc");
  CHECK(fold_path("/") == "/");
}

TEST_CASE("relative paths resolve against the tracee's cwd") {
  char cwd[4096];
  REQUIRE(::getcwd(cwd, sizeof cwd));
  CHECK(absolute_tracee_path(::getpid(), AT_FDCWD, "sub/../file") == std::string(cwd) + "/file");
  CHECK(absolute_tracee_path(::getpid(), AT_FDCWD, "/abs") == "/abs");
  CHECK(absolute_tracee_path(999999999, AT_FDCWD, "rel/./x") == "rel/x");
}

TEST_CASE("inside the work dir means the dir itself or below, never a sibling with the same prefix") {
  CHECK(path_inside("/work", "/work"));
  CHECK(path_inside("/work/a/b", "/work"));
  CHECK_FALSE(path_inside("/workshop/a", "/work"));
  CHECK_FALSE(path_inside("/work", ""));
}

TEST_CASE("sockaddrs decode by family, and a short length is refused") {
  sockaddr_in in{};
  in.sin_family = AF_INET;
  in.sin_port = htons(443);
  ::inet_pton(AF_INET, "93.184.216.34", &in.sin_addr);
  SocketEndpoint e;
  REQUIRE(decode_sockaddr(&in, sizeof in, e));
  CHECK(e.address == "93.184.216.34");
  CHECK(e.port == 443);
  CHECK_FALSE(decode_sockaddr(&in, sizeof in - 1, e));

  sockaddr_in6 in6{};
  in6.sin6_family = AF_INET6;
  in6.sin6_port = htons(53);
  ::inet_pton(AF_INET6, "2001:db8::1", &in6.sin6_addr);
  REQUIRE(decode_sockaddr(&in6, sizeof in6, e));
  CHECK(e.address == "2001:db8::1");
  CHECK(e.port == 53);

  sockaddr_un un{};
  un.sun_family = AF_UNIX;
  std::memcpy(un.sun_path, "\0hidden", 7);
  REQUIRE(decode_sockaddr(&un, offsetof(sockaddr_un, sun_path) + 7, e));
  CHECK(e.address == "@hidden");
  std::strcpy(un.sun_path, "/run/docker.sock");
  REQUIRE(decode_sockaddr(&un, sizeof un, e));
  CHECK(e.address == "/run/docker.sock");
  CHECK(e.port == 0);
}

}  // TEST_SUITE
