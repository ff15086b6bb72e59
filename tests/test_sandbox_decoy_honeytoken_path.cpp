// is_honeytoken_path: which opened paths name planted secrets.
#include "sandbox/decoy/honeytoken_path.h"

#include <doctest/doctest.h>

using assay::sandbox::is_honeytoken_path;

TEST_SUITE("sandbox decoy honeytoken path") {
  TEST_CASE("secrets under the decoy home match however the path is spelled") {
    const std::string home = "/home/alex";
    CHECK(is_honeytoken_path("/home/alex/.ssh/id_rsa", home));
    CHECK(is_honeytoken_path("/home/alex//.ssh/./id_rsa", home));
    CHECK(is_honeytoken_path("/home/alex/projects/../.aws/credentials", home));
    CHECK(is_honeytoken_path("/tmp/../home/alex/.netrc", home));
    CHECK(is_honeytoken_path("/proc/self/root/home/alex/.kube/config", home));
    CHECK(is_honeytoken_path("/home/alex/.config/google-chrome", home));
    CHECK(is_honeytoken_path("/home/alex/.config/google-chrome/Default/Login Data", home));
    CHECK(is_honeytoken_path("/home/alex/.config/gcloud/legacy_credentials/x@y/adc.json", home));
  }

  TEST_CASE("the same secrets in other homes count: the process is hunting for real ones") {
    CHECK(is_honeytoken_path("/root/.ssh/id_ed25519", "/home/alex"));
    CHECK(is_honeytoken_path("/home/bob/.docker/config.json", "/home/alex"));
    CHECK(is_honeytoken_path("/var/lib/sandbox-home/.npmrc", "/var/lib/sandbox-home"));
  }

  TEST_CASE("relative paths match multi-component entries only") {
    CHECK(is_honeytoken_path(".ssh/id_rsa", "/home/alex"));
    CHECK(is_honeytoken_path("../../.aws/credentials", "/home/alex"));
    CHECK_FALSE(is_honeytoken_path(".npmrc", "/home/alex"));
    CHECK_FALSE(is_honeytoken_path("./.netrc", "/home/alex"));
  }

  TEST_CASE("public keys, benign config and look-alikes do not match") {
    const std::string home = "/home/alex";
    CHECK_FALSE(is_honeytoken_path("/home/alex/.ssh/id_rsa.pub", home));
    CHECK_FALSE(is_honeytoken_path("/home/alex/.ssh/known_hosts", home));
    CHECK_FALSE(is_honeytoken_path("/home/alex/.gitconfig", home));
    CHECK_FALSE(is_honeytoken_path("/home/alex/.aws/config", home));
    CHECK_FALSE(is_honeytoken_path("/home/alex/.ssh/id_rsa/x", home));
    CHECK_FALSE(is_honeytoken_path("/srv/app/.ssh/id_rsa", home));
    CHECK_FALSE(is_honeytoken_path("/home/alex/.npmrc.bak", home));
    CHECK_FALSE(is_honeytoken_path("/usr/lib/node_modules/npm/.npmrc", home));
    CHECK_FALSE(is_honeytoken_path("", home));
    CHECK_FALSE(is_honeytoken_path("/", home));
  }
}
