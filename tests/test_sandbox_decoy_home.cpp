// The decoy home: each honeytoken file carries its own canary in its tool's real format.
#include "sandbox/decoy/decoy_identity.h"
#include "sandbox/decoy/honeytoken_home.h"
#include "sandbox/decoy/honeytoken_path.h"

#include <doctest/doctest.h>

#include <map>
#include <regex>

using namespace assay::sandbox;

namespace {
std::string base64_decode(std::string_view text) {
  static const std::string table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    std::size_t v = table.find(c);
    if (v == std::string::npos) continue;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}
std::string between(const std::string& text, const std::string& begin, const std::string& end) {
  std::size_t a = text.find(begin);
  REQUIRE(a != std::string::npos);
  a += begin.size();
  std::size_t b = text.find(end, a);
  REQUIRE(b != std::string::npos);
  return text.substr(a, b - a);
}
std::map<std::string, DecoyFile> by_path(const std::vector<DecoyFile>& files) {
  std::map<std::string, DecoyFile> out;
  for (const DecoyFile& f : files) out[f.relative_path] = f;
  return out;
}
}  // namespace

TEST_SUITE("sandbox decoy home") {
  TEST_CASE("every honeytoken file reveals exactly its own canaries to the canary search") {
    CanarySet canaries = CanarySet::generate();
    auto files = by_path(honeytoken_home(canaries));
    const std::map<std::string, std::vector<std::string>> expected = {
        {".ssh/id_rsa", {"ssh-id-rsa"}},
        {".ssh/id_ed25519", {"ssh-id-ed25519"}},
        {".aws/credentials", {"aws-credentials-access-key-id", "aws-credentials-secret-key"}},
        {".config/gcloud/application_default_credentials.json", {"gcloud-adc-refresh-token"}},
        {".config/gcloud/legacy_credentials/deploy@acme-prod-4411.iam.gserviceaccount.com/adc.json",
         {"gcloud-service-account-key"}},
        {".netrc", {"netrc-password"}},
        {".docker/config.json", {"docker-registry-password"}},
        {"projects/webapp/.env", {"dotenv-database-password", "dotenv-stripe-key", "dotenv-openai-key"}},
        {".cursor/mcp.json", {"cursor-mcp-github-token"}},
        {".config/Claude/claude_desktop_config.json", {"claude-desktop-slack-token"}},
        {".bash_history", {"bash-history-token"}},
        {".zsh_history", {"zsh-history-token"}},
        {".config/google-chrome/Default/Login Data", {"chrome-saved-password"}},
        {".config/google-chrome/Default/Cookies", {"chrome-session-cookie"}},
        {".git-credentials", {"git-credentials-token"}},
        {".npmrc", {"npmrc-auth-token"}},
        {".kube/config", {"kube-token"}},
    };
    for (const auto& [path, labels] : expected) {
      CAPTURE(path);
      REQUIRE(files.count(path) == 1);
      const DecoyFile& file = files.at(path);
      CHECK(file.honeytoken);
      CHECK(file.mode == (path.find("mcp.json") != std::string::npos ||
                                  path.find("claude_desktop") != std::string::npos ||
                                  path.find(".env") != std::string::npos
                              ? 0644
                              : 0600));
      std::vector<std::string> found;
      for (const Canary* c : canaries.find_in(file.content)) found.push_back(c->label);
      CHECK(found == labels);
    }
    for (const auto& [path, file] : files) {
      CAPTURE(path);
      CHECK(file.honeytoken == (expected.count(path) == 1));
      CHECK(is_honeytoken_path(std::string(kDecoyHome) + "/" + path, kDecoyHome) == file.honeytoken);
      if (!file.honeytoken) CHECK(canaries.find_in(file.content).empty());
    }
  }

  TEST_CASE("ssh keys are well-formed unencrypted OpenSSH v1 keys with the canary in the key bytes") {
    CanarySet canaries = CanarySet::generate();
    auto files = by_path(honeytoken_home(canaries));
    for (const auto& [path, type, label] : {std::tuple{".ssh/id_rsa", "ssh-rsa", "ssh-id-rsa"},
                                            std::tuple{".ssh/id_ed25519", "ssh-ed25519", "ssh-id-ed25519"}}) {
      CAPTURE(path);
      const std::string& text = files.at(path).content;
      CHECK(text.rfind("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB", 0) == 0);
      CHECK(text.size() - text.rfind("-----END OPENSSH PRIVATE KEY-----\n") == 34);
      std::string body = between(text, "-----BEGIN OPENSSH PRIVATE KEY-----\n", "-----END");
      for (std::size_t i = 0; i + 71 <= body.size(); i += 71) CHECK(body[i + 70] == '\n');
      std::string blob = base64_decode(body);
      CHECK(blob.find(canaries.value(label)) != std::string::npos);
      CHECK(blob.find(type) != std::string::npos);
      CHECK(blob.find("alex@alex-laptop") != std::string::npos);
      std::string pub = files.at(std::string(path) + ".pub").content;
      CHECK(pub.rfind(std::string(type) + " AAAA", 0) == 0);
      CHECK(pub.find(canaries.value(label)) == std::string::npos);
    }
  }

  TEST_CASE("credential values have the formats real tools and scanners expect") {
    CanarySet canaries = CanarySet::generate();
    auto files = by_path(honeytoken_home(canaries));
    CHECK(std::regex_search(files.at(".aws/credentials").content,
                            std::regex("aws_access_key_id = AKIA[A-Z2-7]{16}\naws_secret_access_key = [A-Za-z0-9+/]{40}\n")));
    std::string auth = between(files.at(".docker/config.json").content, "\"auth\": \"", "\"");
    CHECK(base64_decode(auth) == "alex:" + canaries.value("docker-registry-password"));
    CHECK(std::regex_search(files.at(".npmrc").content, std::regex("^//registry.npmjs.org/:_authToken=npm_[A-Za-z0-9]{36}\n$")));
    CHECK(std::regex_search(files.at(".git-credentials").content, std::regex("^https://alex:ghp_[A-Za-z0-9]{36}@github.com\n$")));
    CHECK(std::regex_search(files.at(".netrc").content, std::regex("machine \\S+\n  login alex\n  password \\S+\n")));
    const std::string& sa = files.at(".config/gcloud/legacy_credentials/deploy@acme-prod-4411.iam.gserviceaccount.com/adc.json").content;
    CHECK(sa.find("\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMII") != std::string::npos);
    CHECK(files.at(".kube/config").content.find("token: eyJhbGciOiJSUzI1NiIs") != std::string::npos);
    CHECK(files.at(".config/google-chrome/Default/Login Data").content.rfind(std::string("SQLite format 3\0", 16), 0) == 0);
    CHECK(files.at(".config/google-chrome/Default/Login Data").content.size() == 8192);
    CHECK(std::regex_search(files.at(".zsh_history").content, std::regex(": \\d+:0;export ANTHROPIC_API_KEY=sk-ant-api03-")));
  }

  TEST_CASE("the project .env for the work dir carries the home copy's canaries but is not a honeytoken path") {
    CanarySet canaries = CanarySet::generate();
    DecoyFile env = project_dotenv(canaries);
    CHECK(env.relative_path == ".env");
    CHECK_FALSE(env.honeytoken);
    CHECK(canaries.find_in(env.content).size() == 3);
    CHECK(env.content.find("DATABASE_URL=postgres://webapp:" + canaries.value("dotenv-database-password") + "@") !=
          std::string::npos);
  }

  TEST_CASE("two generated homes share no secret") {
    auto a = by_path(honeytoken_home(CanarySet::generate()));
    auto b = by_path(honeytoken_home(CanarySet::generate()));
    for (const auto& [path, file] : a)
      if (file.honeytoken) CHECK(file.content != b.at(path).content);
  }
}
