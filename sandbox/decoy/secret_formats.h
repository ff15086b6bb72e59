// Fresh secrets in the shapes real providers issue, so a malicious server's pattern match
// (AKIA..., ghp_..., sk-ant-..., xoxb-...) accepts our decoys as genuine.
#pragma once
#include <string>

namespace assay::sandbox::secret_format {

std::string github_classic_token();      // ghp_ + 36 alphanumerics
std::string github_oauth_token();        // gho_ + 36 (what `gh auth login` stores)
std::string github_fine_grained_token(); // github_pat_11... (93 characters)
std::string gitlab_token();              // glpat- + 20
std::string openai_key();                // sk-proj-...T3BlbkFJ...
std::string anthropic_key();             // sk-ant-api03-...AA
std::string aws_access_key_id();         // AKIA + 16 base32 capitals
std::string aws_secret_access_key();     // 40 base64 characters
std::string slack_bot_token();           // xoxb-<12 digits>-<13 digits>-<24>
std::string stripe_secret_key();         // sk_live_51 + 96
std::string npm_token();                 // npm_ + 36
std::string huggingface_token();         // hf_ + 34
std::string google_api_key();            // AIza + 35
std::string google_refresh_token();      // 1//0g + 98
std::string password();                  // 22 alphanumerics: safe inside URLs and .netrc
std::string session_cookie();            // 43 base64url characters
std::string key_seed();                  // 32 alphanumerics, embedded in generated key bytes
std::string jwt_signature();             // 342 base64url characters (an RS256 signature)

}  // namespace assay::sandbox::secret_format
