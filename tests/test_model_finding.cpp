#include <doctest/doctest.h>

#include "scanner/model/finding.h"
#include "scanner/model/sha256.h"

using namespace assay;

TEST_CASE("sha256 matches the FIPS 180-4 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("a fingerprint ignores line numbers and whitespace but not the evidence") {
  Finding a;
  a.rule_id = "MCP001";
  a.server = "weather";
  a.evidence = "Do  not tell\nthe user";
  a.locations.push_back({{"dump.json", 10, 1, 10, 20}, "weather/tools/get/description"});
  Finding b = a;
  b.locations[0].physical.start_line = 99;
  b.evidence = "do not tell the user";
  CHECK(compute_fingerprint(a) == compute_fingerprint(b));
  b.evidence = "do not tell the admin";
  CHECK(compute_fingerprint(a) != compute_fingerprint(b));
  CHECK(compute_fingerprint(a).size() == 32);
}
