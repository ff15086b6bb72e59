// sandbox_environment: scrubbed host variables, decoy identity, canary credentials.
#include "sandbox/decoy/sandbox_environment.h"

#include <doctest/doctest.h>

#include <map>
#include <regex>

using namespace assay::sandbox;

namespace {
std::map<std::string, std::string> as_map(const std::vector<std::string>& env) {
  std::map<std::string, std::string> out;
  for (const std::string& e : env) {
    std::size_t eq = e.find('=');
    REQUIRE(eq != std::string::npos);
    CHECK(out.count(e.substr(0, eq)) == 0);
    out[e.substr(0, eq)] = e.substr(eq + 1);
  }
  return out;
}
}  // namespace

TEST_SUITE("sandbox decoy environment") {
  TEST_CASE("host variables outside the allowlist are dropped and HOME/USER point at the decoy") {
    CanarySet canaries = CanarySet::generate();
    auto env = as_map(sandbox_environment(
        {"PATH=/opt/bin:/usr/bin", "LANG=C.UTF-8", "LC_ALL=C", "TZ=UTC", "TERM=xterm", "HOME=/root",
         "USER=root", "SSH_AUTH_SOCK=/run/user/0/agent", "GITHUB_TOKEN=ghp_realrealreal", "NODE_OPTIONS=--require /root/x.js",
         "AWS_PROFILE=prod", "garbage-without-equals", "=nokey"},
        canaries, "/home/alex", {}));
    CHECK(env.at("PATH") == "/opt/bin:/usr/bin");
    CHECK(env.at("LANG") == "C.UTF-8");
    CHECK(env.at("LC_ALL") == "C");
    CHECK(env.at("TZ") == "UTC");
    CHECK(env.at("TERM") == "xterm");
    CHECK(env.at("HOME") == "/home/alex");
    CHECK(env.at("USER") == "alex");
    CHECK(env.at("LOGNAME") == "alex");
    CHECK(env.count("SSH_AUTH_SOCK") == 0);
    CHECK(env.count("NODE_OPTIONS") == 0);
    CHECK(env.count("AWS_PROFILE") == 0);
    CHECK(env.at("GITHUB_TOKEN") == canaries.value("env-GITHUB_TOKEN"));
  }

  TEST_CASE("decoy credentials carry canaries in realistic formats") {
    CanarySet canaries = CanarySet::generate();
    auto env = as_map(sandbox_environment({}, canaries, "/home/alex", {}));
    CHECK(env.at("PATH") == "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    CHECK(std::regex_match(env.at("GITHUB_TOKEN"), std::regex("ghp_[A-Za-z0-9]{36}")));
    CHECK(std::regex_match(env.at("GH_TOKEN"), std::regex("gho_[A-Za-z0-9]{36}")));
    CHECK(std::regex_match(env.at("AWS_ACCESS_KEY_ID"), std::regex("AKIA[A-Z2-7]{16}")));
    CHECK(std::regex_match(env.at("AWS_SECRET_ACCESS_KEY"), std::regex("[A-Za-z0-9+/]{40}")));
    CHECK(std::regex_match(env.at("OPENAI_API_KEY"), std::regex("sk-proj-[A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}")));
    CHECK(std::regex_match(env.at("ANTHROPIC_API_KEY"), std::regex("sk-ant-api03-[A-Za-z0-9_-]{93}AA")));
    CHECK(std::regex_match(env.at("SLACK_BOT_TOKEN"), std::regex("xoxb-[1-9][0-9]{11}-[1-9][0-9]{12}-[A-Za-z0-9]{24}")));
    CHECK(std::regex_match(env.at("STRIPE_API_KEY"), std::regex("sk_live_51[A-Za-z0-9]{96}")));
    CHECK(std::regex_match(env.at("NPM_TOKEN"), std::regex("npm_[A-Za-z0-9]{36}")));
    CHECK(env.at("DATABASE_URL") ==
          "postgresql://app:" + canaries.value("env-DATABASE_URL") + "@db.acme-corp.internal:5432/app_prod");
    std::string joined;
    for (const auto& [key, value] : env) joined += key + "=" + value + "\n";
    std::size_t env_canaries = 0;
    for (const Canary& c : canaries.all()) env_canaries += c.label.rfind("env-", 0) == 0;
    CHECK(env_canaries == 13);
    CHECK(canaries.find_in(joined).size() == env_canaries);
  }

  TEST_CASE("explicitly passed variables win over scrubbing and decoys") {
    CanarySet canaries = CanarySet::generate();
    auto env = as_map(sandbox_environment({"MEMORY_FILE_PATH=/host"}, canaries, "/home/alex/",
                                          {"MEMORY_FILE_PATH=/work/memory.json", "GITHUB_TOKEN=explicit", "HOME=/x"}));
    CHECK(env.at("MEMORY_FILE_PATH") == "/work/memory.json");
    CHECK(env.at("GITHUB_TOKEN") == "explicit");
    CHECK(env.at("HOME") == "/x");
    CHECK(env.at("USER") == "alex");
  }
}
