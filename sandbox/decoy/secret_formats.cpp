// Generators for realistic-looking secret values; every call draws new randomness.
#include "sandbox/decoy/secret_formats.h"

#include "sandbox/decoy/random_text.h"

namespace assay::sandbox::secret_format {

namespace {
constexpr std::string_view kUpperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
std::string digits(std::size_t n) {
  // A leading zero makes Slack/Stripe-style numeric ids look wrong.
  return random_string("123456789", 1) + random_string(kDigits, n - 1);
}
}  // namespace

std::string github_classic_token() { return "ghp_" + random_string(kAlnum, 36); }
std::string github_oauth_token() { return "gho_" + random_string(kAlnum, 36); }
std::string github_fine_grained_token() {
  return "github_pat_11" + random_string(kUpperDigits, 20) + "_" + random_string(kAlnum, 59);
}
std::string gitlab_token() { return "glpat-" + random_string(kBase64UrlChars, 20); }
std::string openai_key() {
  return "sk-proj-" + random_string(kBase64UrlChars, 74) + "T3BlbkFJ" + random_string(kBase64UrlChars, 74);
}
std::string anthropic_key() { return "sk-ant-api03-" + random_string(kBase64UrlChars, 93) + "AA"; }
std::string aws_access_key_id() { return "AKIA" + random_string(kUpperBase32, 16); }
std::string aws_secret_access_key() { return random_string(kBase64Chars, 40); }
std::string slack_bot_token() {
  return "xoxb-" + digits(12) + "-" + digits(13) + "-" + random_string(kAlnum, 24);
}
std::string stripe_secret_key() { return "sk_live_51" + random_string(kAlnum, 96); }
std::string npm_token() { return "npm_" + random_string(kAlnum, 36); }
std::string huggingface_token() { return "hf_" + random_string(kAlnum, 34); }
std::string google_api_key() { return "AIza" + random_string(kBase64UrlChars, 35); }
std::string google_refresh_token() { return "1//0g" + random_string(kBase64UrlChars, 98); }
std::string password() { return random_string(kAlnum, 22); }
std::string session_cookie() { return random_string(kBase64UrlChars, 43); }
std::string key_seed() { return random_string(kAlnum, 32); }
std::string jwt_signature() { return random_string(kBase64UrlChars, 342); }

}  // namespace assay::sandbox::secret_format
