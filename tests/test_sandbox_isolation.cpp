// The sandbox's isolation: namespaces, identity, privileges, filesystem view, limits, teardown.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "sandbox/control_channel.h"
#include "sandbox/id_map.h"
#include "sandbox/init_config.h"
#include "tests/cli_runner.h"
#include "tests/sandbox_test_support.h"

using namespace assay::testing;
using namespace assay::sandbox;
namespace fs = std::filesystem;

TEST_SUITE("sandbox isolation") {
  TEST_CASE("namespaces can be created here, so the level is full") {
    CHECK(describe(probe_sandbox_level()) == "full");
  }

  TEST_CASE("the command runs as root of its own user namespace, with no capabilities and no new privileges") {
    auto run = run_in_sandbox(command({"/bin/sh", "-c",
                                       "id -u; echo pid=$$; hostname; grep -E '^(CapEff|CapBnd|CapPrm|NoNewPrivs):' /proc/self/status; "
                                       "cat /proc/self/uid_map"}));
    CHECK(run.exit == "exited with code 0");
    CHECK(run.out.find("0\npid=2\nalex-laptop\n") == 0);
    CHECK(run.out.find("CapEff:\t0000000000000000") != std::string::npos);
    CHECK(run.out.find("CapBnd:\t0000000000000000") != std::string::npos);
    CHECK(run.out.find("CapPrm:\t0000000000000000") != std::string::npos);
    CHECK(run.out.find("NoNewPrivs:\t1") != std::string::npos);
    // As root on the host, the sandbox's root is an unused high uid, never host root.
    std::string outer = ::geteuid() == 0 ? std::to_string(kSandboxOuterId) : std::to_string(::geteuid());
    CHECK(run.out.find(" 0 " + std::string(10 - outer.size(), ' ') + outer) != std::string::npos);
  }

  TEST_CASE("the only processes visible are init and the command's own") {
    auto run = run_in_sandbox(command({"/bin/sh", "-c", "ls /proc | grep -E '^[0-9]+$' | sort -n | tr '\\n' ' '"}));
    // init (1), the shell (2), ls and grep and sort and tr: never a host process.
    CHECK(run.out.rfind("1 2 ", 0) == 0);
    std::istringstream pids(run.out);
    int pid, count = 0;
    while (pids >> pid) ++count;
    CHECK(count <= 7);
  }

  TEST_CASE("HOME is the decoy home: honeytokens present, the real home and /root empty") {
    auto run = run_in_sandbox(command({"/bin/sh", "-c", "echo $HOME; ls -A ~/.ssh; ls -A /root | wc -l; ls -A /home"}));
    CHECK(run.home == "/home/alex");
    CHECK(run.out.find("/home/alex\n") == 0);
    CHECK(run.out.find("id_rsa") != std::string::npos);
    CHECK(run.out.find("id_ed25519") != std::string::npos);
    CHECK(run.out.find("\n0\nalex\n") != std::string::npos);
  }

  TEST_CASE("the host is read-only; /tmp and the work dir are writable and private to the run") {
    auto run = run_in_sandbox(command({"/bin/sh", "-c",
                                       "touch /usr/mcp-assay-ro 2>/dev/null || echo usr-ro; "
                                       "touch /etc/mcp-assay-ro 2>/dev/null || echo etc-ro; "
                                       "echo x > /tmp/mcp-assay-private && echo tmp-rw; "
                                       "pwd; echo x > here && echo work-rw; cat .env | grep -c ="}));
    CHECK(run.out.find("usr-ro\netc-ro\ntmp-rw\n/workdir\nwork-rw\n") == 0);
    CHECK_FALSE(fs::exists("/tmp/mcp-assay-private"));
    CHECK_FALSE(fs::exists("/usr/mcp-assay-ro"));
  }

  TEST_CASE("the server's directory is visible read-only, and writable on request") {
    auto dir = test_dir("sandbox-server-dir");
    fs::permissions(dir, fs::perms::all);
    fs::permissions(dir.parent_path(), fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    std::ofstream(dir / "server.js") << "console.log('hi')\n";
    fs::permissions(dir / "server.js", fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
    auto config = command({"/bin/sh", "-c", "cat server.js; touch new-file 2>/dev/null && echo writable || echo read-only"});
    config.server_dir = dir.string();
    config.cwd = dir.string();
    auto run = run_in_sandbox(config);
    CHECK(run.out == "console.log('hi')\nread-only\n");
    config.server_dir_writable = true;
    run = run_in_sandbox(config);
    CHECK(run.out == "console.log('hi')\nwritable\n");
    CHECK(fs::exists(dir / "new-file"));
  }

  TEST_CASE("DNS and hosts files are generated; the network has only loopback") {
    auto run = run_in_sandbox(command({"/bin/sh", "-c", "cat /etc/resolv.conf; ls /sys/class/net; cat /proc/net/dev | tail -n +3 | cut -d: -f1"}));
    CHECK(run.out.find("nameserver 127.0.0.1") != std::string::npos);
    CHECK(run.out.find("eth0") == std::string::npos);
    CHECK(run.out.find("lo") != std::string::npos);
  }

  TEST_CASE("the configured limits are in force in the command") {
    auto config = command({"/bin/bash", "-c", "ulimit -u; ulimit -n; ulimit -f; ulimit -t; ulimit -d"});
    config.max_processes = 77;
    config.max_open_files = 99;
    config.max_file_bytes = 1 << 20;
    config.cpu_seconds = 7;
    config.memory_bytes = 2LL << 30;
    auto run = run_in_sandbox(config);
    CHECK(run.out == "77\n99\n1024\n7\n2097152\n");
  }

  TEST_CASE("a missing command is one clear error, not a sandbox that hangs") {
    try {
      Sandbox box(command({"no-such-command-mcp-assay"}));
      FAIL("the sandbox started a missing command");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()) == "the sandbox could not start: no-such-command-mcp-assay: command not found in the sandbox");
    }
  }

  TEST_CASE("a server directory that contains the real home is refused") {
    auto config = command({"/bin/true"});
    config.server_dir = "/";
    CHECK_THROWS_WITH_AS(Sandbox{config}, doctest::Contains("contains your home directory"), std::runtime_error);
  }

  TEST_CASE("teardown kills background processes the command left behind") {
    std::string ns;
    {
      Sandbox box(command({"/bin/sh", "-c", "sleep 1000 & sleep 1000 & echo started; exec sleep 1000"}));
      ns = read_link("/proc/" + std::to_string(box.pid()) + "/ns/pid");
      REQUIRE_FALSE(ns.empty());
      CHECK(namespace_has_processes(ns));
      CHECK_FALSE(box.has_exited());
    }
    CHECK_FALSE(namespace_has_processes(ns));
  }

  TEST_CASE("when the command exits, whatever it left running dies with the sandbox") {
    auto run = run_in_sandbox(command({"/bin/sh", "-c", "(sleep 1000 &) ; echo bye"}));
    CHECK(run.exit == "exited with code 0");
    CHECK(run.seconds < 10);
    CHECK_FALSE(namespace_has_processes(run.pid_namespace));
  }

  TEST_CASE("the init configuration round-trips binary file contents") {
    InitConfig c;
    c.argv = {"node", "server.js"};
    c.mounts.home_files = {{"Library/Cookies", std::string("\0\xff\x80SQLite", 9), 0600}};
    auto back = decode_init_config(encode_init_config(c));
    CHECK(back.argv == c.argv);
    REQUIRE(back.mounts.home_files.size() == 1);
    CHECK(back.mounts.home_files[0].content == c.mounts.home_files[0].content);
  }

  TEST_CASE("control messages carry descriptors and the sender's pid") {
    auto [a, b] = make_control_pair();
    int p[2];
    REQUIRE(::pipe(p) == 0);
    send_control(b.get(), {{"type", "listener"}, {"port", 80}}, std::array<int, 1>{p[1]});
    ::close(p[1]);
    auto m = receive_control(a.get());
    REQUIRE(m.has_value());
    CHECK(m->body["port"] == 80);
    REQUIRE(m->fds.size() == 1);
    CHECK(::write(m->fds[0].get(), "x", 1) == 1);
    char c;
    CHECK(::read(p[0], &c, 1) == 1);
    ::close(p[0]);
    CHECK(m->sender_pid == ::getpid());
    b.reset();
    CHECK_FALSE(receive_control(a.get()).has_value());
  }
}
