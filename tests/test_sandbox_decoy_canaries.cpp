// CanarySet: fresh values per run, and recognition through the encodings exfiltration uses.
#include "sandbox/decoy/canary_set.h"
#include "sandbox/decoy/random_text.h"
#include "sandbox/decoy/text_encodings.h"

#include <doctest/doctest.h>

#include <cctype>
#include <set>
#include <stdexcept>

using namespace assay::sandbox;

namespace {
std::vector<std::string> labels_of(const std::vector<const Canary*>& found) {
  std::vector<std::string> out;
  for (const Canary* c : found) out.push_back(c->label);
  return out;
}
const CanarySet& shared_set() {
  static const CanarySet set = CanarySet::generate();
  return set;
}
std::string percent_encode_all(std::string_view text) {
  std::string out;
  for (unsigned char ch : text) out += "%" + hex_encode(std::string(1, static_cast<char>(ch)), true);
  return out;
}
}  // namespace

TEST_SUITE("sandbox decoy canaries") {
  TEST_CASE("generate fills every label with a long value unique within and across runs") {
    CanarySet a = CanarySet::generate();
    CanarySet b = CanarySet::generate();
    REQUIRE(a.all().size() == canary_labels().size());
    std::set<std::string> values;
    for (const Canary& c : a.all()) {
      CHECK(c.value.size() >= 20);
      values.insert(c.value);
      CHECK(a.value(c.label) != b.value(c.label));
    }
    CHECK(values.size() == a.all().size());
    CHECK_THROWS_AS(a.value("no-such-label"), std::out_of_range);
  }

  TEST_CASE("a canary is found raw, in hex of either case, and percent-encoded") {
    const CanarySet& set = shared_set();
    const std::string& v = set.value("env-OPENAI_API_KEY");
    CHECK(labels_of(set.find_in("POST /c HTTP/1.1\r\n\r\nkey=" + v)) ==
          std::vector<std::string>{"env-OPENAI_API_KEY"});
    CHECK(labels_of(set.find_in("d=" + hex_encode(v))) == std::vector<std::string>{"env-OPENAI_API_KEY"});
    CHECK(labels_of(set.find_in("d=" + hex_encode(v, true))) == std::vector<std::string>{"env-OPENAI_API_KEY"});
    CHECK(labels_of(set.find_in("GET /?q=" + percent_encode_all(v) + " HTTP/1.1")) ==
          std::vector<std::string>{"env-OPENAI_API_KEY"});
  }

  TEST_CASE("a canary inside base64 is found at each of the three byte alignments") {
    const CanarySet& set = shared_set();
    const std::string& v = set.value("aws-credentials-secret-key");
    for (std::string prefix : {"", "x", "xy", "xyz", "aws_secret_access_key = "}) {
      CAPTURE(prefix);
      const std::string plain = prefix + v + "\n[profile other]\n";
      CHECK(labels_of(set.find_in(base64_encode(plain))) == std::vector<std::string>{"aws-credentials-secret-key"});
      CHECK(labels_of(set.find_in(base64_encode(plain, true, false))) ==
            std::vector<std::string>{"aws-credentials-secret-key"});
    }
  }

  TEST_CASE("a key file sent whole is found through line breaks and JSON escapes") {
    const CanarySet& set = shared_set();
    std::string body = base64_encode("prefix-bytes-" + set.value("ssh-id-ed25519") + "-suffix");
    std::string wrapped, escaped;
    for (std::size_t i = 0; i < body.size(); i += 7) {
      wrapped += body.substr(i, 7) + "\r\n";
      escaped += body.substr(i, 7) + "\\n";
    }
    CHECK(labels_of(set.find_in(wrapped)) == std::vector<std::string>{"ssh-id-ed25519"});
    CHECK(labels_of(set.find_in("{\"k\":\"" + escaped + "\"}")) == std::vector<std::string>{"ssh-id-ed25519"});
  }

  TEST_CASE("several canaries in one payload are each reported once, in catalogue order") {
    const CanarySet& set = shared_set();
    std::string payload = set.value("env-NPM_TOKEN") + " " + set.value("netrc-password") + " " +
                          set.value("env-NPM_TOKEN") + " " + base64_encode(set.value("netrc-password"));
    CHECK(labels_of(set.find_in(payload)) == std::vector<std::string>{"netrc-password", "env-NPM_TOKEN"});
  }

  TEST_CASE("canaries sharing a long prefix are told apart, at the very start and end of the text") {
    CanarySet set({{"first", "sharedprefix-1111111111"}, {"second", "sharedprefix-2222222222"}, {"short", "abc"}});
    CHECK(labels_of(set.find_in("sharedprefix-2222222222")) == std::vector<std::string>{"second"});
    CHECK(labels_of(set.find_in("xx sharedprefix-1111111111")) == std::vector<std::string>{"first"});
    CHECK(labels_of(set.find_in("sharedprefix-1111111112")).empty());
    CHECK(labels_of(set.find_in("sharedprefix-222222222")).empty());  // one byte short at the end
    CHECK(set.find_in("abc").empty());  // shorter than any needle the index keeps
  }

  TEST_CASE("random uploads and near misses match nothing") {
    const CanarySet& set = shared_set();
    CHECK(set.find_in(random_bytes(1 << 16)).empty());
    CHECK(set.find_in(base64_encode(random_bytes(1 << 15))).empty());
    std::string almost = set.value("env-GITHUB_TOKEN");
    almost.back() = almost.back() == 'A' ? 'B' : 'A';
    almost.front() = 'X';
    CHECK(set.find_in(almost.substr(0, 20)).empty());
    CHECK(set.find_in("").empty());
  }

  TEST_CASE("DNS names: hex or base32 split over labels, in any case, are recognised") {
    const CanarySet& set = shared_set();
    const std::string& v = set.value("env-GITHUB_TOKEN");
    std::string hex = hex_encode(v);
    std::string name = hex.substr(0, 30) + "." + hex.substr(30, 40) + "." + hex.substr(70) + ".x.evil.example";
    CHECK(labels_of(set.find_in_dns_name(name)) == std::vector<std::string>{"env-GITHUB_TOKEN"});
    for (std::string prefix : {"", "a", "ab", "abc", "abcd"}) {
      CAPTURE(prefix);
      std::string b32 = base32_encode(prefix + v);
      std::string upper = to_lower_ascii(b32);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      CHECK(labels_of(set.find_in_dns_name(b32.substr(0, 40) + "." + b32.substr(40) + ".t.example")) ==
            std::vector<std::string>{"env-GITHUB_TOKEN"});
      CHECK(labels_of(set.find_in_dns_name(upper + ".T.EXAMPLE")) == std::vector<std::string>{"env-GITHUB_TOKEN"});
    }
    CHECK(labels_of(set.find_in_dns_name(v + ".raw.example")) == std::vector<std::string>{"env-GITHUB_TOKEN"});
    CHECK(set.find_in_dns_name("registry.npmjs.org").empty());
  }
}
