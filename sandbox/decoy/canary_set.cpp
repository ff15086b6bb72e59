// Canary generation (one value per planted secret) and the encoding-aware search for them.
#include "sandbox/decoy/canary_set.h"

#include "sandbox/decoy/canary_needles.h"
#include "sandbox/decoy/secret_formats.h"
#include "sandbox/decoy/text_encodings.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace assay::sandbox {

namespace {

using Generator = std::string (*)();
struct CatalogEntry {
  std::string_view label;
  Generator generate;
};

namespace sf = secret_format;

// Files first (see honeytoken_home), then environment variables (see sandbox_environment). A
// value planted in two places would hide which one leaked, so every place has its own label.
const std::vector<CatalogEntry>& catalog() {
  static const std::vector<CatalogEntry> entries = {
      {"ssh-id-rsa", sf::key_seed},
      {"ssh-id-ed25519", sf::key_seed},
      {"aws-credentials-access-key-id", sf::aws_access_key_id},
      {"aws-credentials-secret-key", sf::aws_secret_access_key},
      {"gcloud-adc-refresh-token", sf::google_refresh_token},
      {"gcloud-service-account-key", sf::key_seed},
      {"netrc-password", sf::password},
      {"docker-registry-password", sf::password},
      {"dotenv-database-password", sf::password},
      {"dotenv-stripe-key", sf::stripe_secret_key},
      {"dotenv-openai-key", sf::openai_key},
      {"cursor-mcp-github-token", sf::github_fine_grained_token},
      {"claude-desktop-slack-token", sf::slack_bot_token},
      {"bash-history-token", sf::github_classic_token},
      {"zsh-history-token", sf::anthropic_key},
      {"chrome-saved-password", sf::password},
      {"chrome-session-cookie", sf::session_cookie},
      {"git-credentials-token", sf::github_classic_token},
      {"npmrc-auth-token", sf::npm_token},
      {"kube-token", sf::jwt_signature},
      {"env-GITHUB_TOKEN", sf::github_classic_token},
      {"env-GH_TOKEN", sf::github_oauth_token},
      {"env-GITLAB_TOKEN", sf::gitlab_token},
      {"env-OPENAI_API_KEY", sf::openai_key},
      {"env-ANTHROPIC_API_KEY", sf::anthropic_key},
      {"env-AWS_ACCESS_KEY_ID", sf::aws_access_key_id},
      {"env-AWS_SECRET_ACCESS_KEY", sf::aws_secret_access_key},
      {"env-SLACK_BOT_TOKEN", sf::slack_bot_token},
      {"env-STRIPE_API_KEY", sf::stripe_secret_key},
      {"env-DATABASE_URL", sf::password},
      {"env-NPM_TOKEN", sf::npm_token},
      {"env-HF_TOKEN", sf::huggingface_token},
      {"env-GOOGLE_API_KEY", sf::google_api_key},
  };
  return entries;
}

void add_unique(std::vector<std::string>& into, std::string needle) {
  if (std::find(into.begin(), into.end(), needle) == into.end()) into.push_back(std::move(needle));
}

// Undo what commonly wraps exfiltrated text: percent-encoding (query strings, form bodies),
// line breaks (PEM and OpenSSH bodies), and JSON string escapes of those line breaks.
std::string unwrap(std::string_view bytes) {
  std::string decoded = percent_decode(bytes);
  std::string out;
  out.reserve(decoded.size());
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    char c = decoded[i];
    if (c == '\r' || c == '\n') continue;
    if (c == '\\' && i + 1 < decoded.size()) {
      char next = decoded[i + 1];
      if (next == 'n' || next == 'r') {
        ++i;
        continue;
      }
      if (next == '/') {
        out += '/';
        ++i;
        continue;
      }
    }
    out += c;
  }
  return out;
}

bool needs_unwrap(std::string_view bytes) {
  return bytes.find_first_of("%\r\n\\") != std::string_view::npos;
}

}  // namespace

const std::vector<std::string_view>& canary_labels() {
  static const std::vector<std::string_view> labels = [] {
    std::vector<std::string_view> out;
    for (const auto& entry : catalog()) out.push_back(entry.label);
    return out;
  }();
  return labels;
}

CanarySet::CanarySet(std::vector<Canary> canaries) : canaries_(std::move(canaries)) {
  for (std::size_t i = 0; i < canaries_.size(); ++i) {
    const std::string& v = canaries_[i].value;
    std::vector<std::string> exact, folded;
    add_unique(exact, v);
    for (bool url : {false, true})
      for (auto& fragment : base64_fragments(v, url)) add_unique(exact, std::move(fragment));
    add_unique(exact, hex_encode(v));
    add_unique(exact, hex_encode(v, true));
    for (const std::string& e : exact) add_unique(folded, to_lower_ascii(e));
    for (auto& fragment : base32_fragments(v)) add_unique(folded, std::move(fragment));
    for (auto& needle : exact) exact_.add(std::move(needle), i);
    for (auto& needle : folded) folded_.add(std::move(needle), i);
  }
  exact_.build();
  folded_.build();
}

CanarySet CanarySet::generate() {
  std::vector<Canary> canaries;
  for (const auto& entry : catalog()) canaries.push_back({std::string(entry.label), entry.generate()});
  return CanarySet(std::move(canaries));
}

const std::string& CanarySet::value(std::string_view label) const {
  for (const Canary& canary : canaries_)
    if (canary.label == label) return canary.value;
  throw std::out_of_range("no canary labelled " + std::string(label));
}

std::vector<const Canary*> CanarySet::in_order(const std::vector<bool>& found) const {
  std::vector<const Canary*> out;
  for (std::size_t i = 0; i < canaries_.size(); ++i)
    if (found[i]) out.push_back(&canaries_[i]);
  return out;
}

std::vector<const Canary*> CanarySet::find_in(std::string_view bytes) const {
  std::vector<bool> found(canaries_.size(), false);
  exact_.mark_present(bytes, found);
  if (needs_unwrap(bytes)) exact_.mark_present(unwrap(bytes), found);
  return in_order(found);
}

std::vector<const Canary*> CanarySet::find_in_dns_name(std::string_view name) const {
  std::string flat;
  flat.reserve(name.size());
  for (char c : to_lower_ascii(name))
    if (c != '.') flat += c;
  std::vector<bool> found(canaries_.size(), false);
  folded_.mark_present(flat, found);
  return in_order(found);
}

}  // namespace assay::sandbox
