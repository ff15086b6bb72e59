// Redaction policy for configured values; detection with severities lives in rules/config.
#include "scanner/discovery/redact.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>


namespace assay::discovery {
std::string redact(const std::string& secret) {
  size_t keep = secret.size() >= 16 ? 4 : secret.size() >= 8 ? 2 : 0;
  // Never cut inside a UTF-8 sequence.
  while (keep > 0 && keep < secret.size() && (static_cast<unsigned char>(secret[keep]) & 0xC0) == 0x80) --keep;
  return secret.substr(0, keep) + "…(" + std::to_string(secret.size()) + " chars)";
}

std::string redact_credential(const std::string& value) {
  static const RE2 scheme(R"((?i)^(bearer|basic|token)\s+(\S.*)$)");
  std::string name, rest;
  if (RE2::FullMatch(value, scheme, &name, &rest)) return name + " " + redact(rest);
  return redact(value);
}

bool is_sensitive_name(const std::string& name) {
  static const RE2 re(
      "(?i)(token|secret|passw(or)?d|passwd|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|"
      "authorization|auth|cookie|session|bearer|^pat$|_pat$|^pat_|client[_-]?secret|signing[_-]?key|dsn|"
      "connection[_-]?string|database[_-]?url|webhook)");
  return RE2::PartialMatch(name, re);
}

bool is_reference_or_placeholder(const std::string& value) {
  static const RE2 reference(R"(^\s*(Bearer\s+|Basic\s+|token\s+)?(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\{env:[^}]*\}|%[A-Za-z_][A-Za-z0-9_]*%)\s*$)");
  static const RE2 placeholder(
      R"((?i)^\s*(Bearer\s+|Basic\s+)?(<[^>]*>|\[[^\]]*\]|\{\{[^}]*\}\}|(your|my|insert|replace|enter|put)[-_ ].*|.*(here|_here)|x{3,}|\*{3,}|\.\.\.|changeme|redacted|placeholder|todo|none|null|test|example|dummy)\s*$)");
  return value.empty() || RE2::FullMatch(value, reference) || RE2::FullMatch(value, placeholder);
}

bool has_token_format(const std::string& value) {
  static const RE2 re(
      R"((ghp_|gho_|ghu_|ghs_|ghr_)[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_\-]{16,}|)"
      R"(sk-(ant-|proj-)?[A-Za-z0-9_\-]{20,}|xox[abposr]-[A-Za-z0-9\-]{10,}|(AKIA|ASIA)[A-Z0-9]{16}|AIza[A-Za-z0-9_\-]{30,}|)"
      R"(hf_[A-Za-z0-9]{20,}|npm_[A-Za-z0-9]{30,}|eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.|)"
      R"((sk|rk)_live_[A-Za-z0-9]{16,}|SG\.[A-Za-z0-9_\-]{16,}\.|lin_api_[A-Za-z0-9]{20,}|ntn_[A-Za-z0-9]{20,}|secret_[A-Za-z0-9]{30,})");
  return RE2::PartialMatch(value, re);
}

std::string shown_value(const std::string& name, const std::string& value) {
  if (is_reference_or_placeholder(value)) return value;
  if (has_token_format(value) || is_sensitive_name(name)) return redact_credential(value);
  // "Bearer abc..." under any header name is still a credential.
  static const RE2 scheme(R"((?i)^\s*(bearer|basic|token)\s+\S{8,})");
  if (RE2::PartialMatch(value, scheme)) return redact_credential(value);
  return value;
}

std::string shown_url(const std::string& url) {
  std::string out = url;
  // user:password@ in the authority
  static const RE2 userinfo(R"(^([a-zA-Z][a-zA-Z0-9+.\-]*://)([^/@:]*):([^/@]*)@)");
  std::string scheme, user, pass;
  if (RE2::PartialMatch(out, userinfo, &scheme, &user, &pass))
    RE2::Replace(&out, userinfo, "\\1\\2:" + redact(pass) + "@");
  auto q = out.find('?');
  if (q == std::string::npos) return out;
  std::string rebuilt = out.substr(0, q + 1);
  size_t start = q + 1;
  while (start <= out.size()) {
    size_t amp = out.find('&', start);
    std::string part = out.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    auto eq = part.find('=');
    if (eq != std::string::npos) {
      std::string k = part.substr(0, eq), v = part.substr(eq + 1);
      if (!is_reference_or_placeholder(v) && (is_sensitive_name(k) || k == "key" || has_token_format(v))) part = k + "=" + redact(v);
    }
    rebuilt += part;
    if (amp == std::string::npos) break;
    rebuilt += '&';
    start = amp + 1;
  }
  return rebuilt;
}

std::string shown_arg(const std::string& previous_arg, const std::string& arg) {
  if (is_reference_or_placeholder(arg)) return arg;
  if (has_token_format(arg)) {
    auto eq = arg.find('=');
    return eq != std::string::npos && arg.starts_with("-") ? arg.substr(0, eq + 1) + redact(arg.substr(eq + 1)) : redact(arg);
  }
  if (arg.starts_with("-")) {
    auto eq = arg.find('=');
    if (eq != std::string::npos && is_sensitive_name(arg.substr(0, eq)) && !is_reference_or_placeholder(arg.substr(eq + 1)))
      return arg.substr(0, eq + 1) + redact(arg.substr(eq + 1));
    return arg;
  }
  if (previous_arg.starts_with("-") && previous_arg.find('=') == std::string::npos && is_sensitive_name(previous_arg))
    return redact(arg);
  if (arg.find("://") != std::string::npos) return shown_url(arg);
  return arg;
}

}  // namespace assay::discovery
