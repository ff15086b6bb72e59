// Keeps credentials from configs out of everything mcp-assay prints or writes: a secret is
// shown as its first characters and its length, enough to recognise it, never enough to use it.
#pragma once
#include <string>

namespace assay::discovery {

// "ghp_…(40 chars)": at most 4 leading characters (fewer for short values), then the length.
std::string redact(const std::string& secret);

// Like redact, but an auth scheme in front stays readable: "Bearer lin_…(44 chars)".
std::string redact_credential(const std::string& value);

// A name that says its value is a credential: TOKEN, API_KEY, SECRET, PASSWORD, Authorization,
// Cookie, ... (case-insensitive, as a word part).
bool is_sensitive_name(const std::string& name);

// A value that only refers to a secret kept elsewhere: ${VAR}, $VAR, ${env:VAR}, ${input:id},
// {env:VAR}, an empty string, or an obvious placeholder (<YOUR_TOKEN>, your-api-key, xxx...).
bool is_reference_or_placeholder(const std::string& value);

// What to show for a configured value named `name`: redacted when the name is sensitive and
// the value is literal, or when the value itself has a known token format.
std::string shown_value(const std::string& name, const std::string& value);

// A URL with its password and sensitive query values redacted.
std::string shown_url(const std::string& url);

// An argument with a known token format, or a --flag=value whose flag is sensitive, redacted.
std::string shown_arg(const std::string& previous_arg, const std::string& arg);

// True for values in a known credential format (ghp_, github_pat_, glpat-, sk-, sk-ant-, xox?-,
// AKIA, AIza, hf_, npm_, eyJ...JWT, Bearer <literal>).
bool has_token_format(const std::string& value);

}  // namespace assay::discovery
