// Known string formats: one sample each and a check.
#include "scanner/fuzz/string_formats.h"

#include <arpa/inet.h>
#include <re2/re2.h>

#include <map>
#include <memory>

namespace assay::fuzz {
namespace {

struct FormatSpec {
  const char* sample;   // "%d" is replaced by the salt
  const char* regex;    // full match; nullptr = checked in code
};

const std::map<std::string, FormatSpec>& specs() {
  static const std::map<std::string, FormatSpec> m = {
      {"uri", {"https://example.com/item%d", R"([A-Za-z][A-Za-z0-9+.-]*:[^\s]*)"}},
      {"url", {"https://example.com/item%d", R"([A-Za-z][A-Za-z0-9+.-]*:[^\s]*)"}},
      {"iri", {"https://example.com/item%d", R"([A-Za-z][A-Za-z0-9+.-]*:[^\s]*)"}},
      {"uri-reference", {"/item%d", R"([^\s]*)"}},
      {"iri-reference", {"/item%d", R"([^\s]*)"}},
      {"uri-template", {"https://example.com/{id}", R"([^\s]*)"}},
      {"email", {"user%d@example.com", R"([^\s@]+@[^\s@]+\.[^\s@]+)"}},
      {"idn-email", {"user%d@example.com", R"([^\s@]+@[^\s@]+\.[^\s@]+)"}},
      {"date-time", {"2026-01-1%dT10:00:00Z",
                     R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d))"}},
      {"date", {"2026-01-1%d", R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))"}},
      {"time", {"10:00:0%dZ", R"(([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d))"}},
      {"duration", {"PT%dM", R"(P(\d+[YMWD])*(T(\d+[HMS])+)?)"}},
      {"uuid", {"123e4567-e89b-42d3-a456-42661417400%d",
                R"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"}},
      {"ipv4", {"192.0.2.1%d", nullptr}},
      {"ipv6", {"2001:db8::1%d", nullptr}},
      {"hostname", {"host%d.example.com",
                    R"(([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?)"}},
      {"idn-hostname", {"host%d.example.com", R"([^\s/]+)"}},
      {"json-pointer", {"/item%d", R"((/([^/~]|~[01])*)*)"}},
      {"relative-json-pointer", {"%d", R"(\d+(#|(/([^/~]|~[01])*)*))"}},
      {"regex", {"item%d", nullptr}},
      {"cidrv4", {"192.0.2.%d/32", nullptr}},
  };
  return m;
}

std::string with_salt(const char* sample, int salt) {
  std::string s = sample;
  auto at = s.find("%d");
  if (at != std::string::npos) s.replace(at, 2, std::to_string(salt % 10));
  return s;
}

}  // namespace

std::optional<std::string> sample_for_format(const std::string& format, int salt) {
  auto it = specs().find(format);
  if (it == specs().end()) return std::nullopt;
  return with_salt(it->second.sample, salt);
}

std::optional<bool> has_format(const std::string& format, const std::string& value) {
  auto it = specs().find(format);
  if (it == specs().end()) return std::nullopt;
  unsigned char buf[sizeof(struct in6_addr)];
  if (format == "ipv4") return inet_pton(AF_INET, value.c_str(), buf) == 1 && value.find('\0') == std::string::npos;
  if (format == "ipv6") return inet_pton(AF_INET6, value.c_str(), buf) == 1 && value.find('\0') == std::string::npos;
  if (format == "cidrv4") {
    auto slash = value.find('/');
    if (slash == std::string::npos) return false;
    std::string bits = value.substr(slash + 1);
    return inet_pton(AF_INET, value.substr(0, slash).c_str(), buf) == 1 && RE2::FullMatch(bits, R"([0-9]|[12][0-9]|3[0-2])");
  }
  if (format == "regex") {
    RE2::Options o;
    o.set_log_errors(false);
    return RE2(value, o).ok();
  }
  // Compiled once, before any thread can race on it.
  static const std::map<std::string, std::unique_ptr<RE2>> compiled = [] {
    std::map<std::string, std::unique_ptr<RE2>> m;
    for (const auto& [name, spec] : specs())
      if (spec.regex) m.emplace(name, std::make_unique<RE2>(spec.regex));
    return m;
  }();
  return RE2::FullMatch(value, *compiled.at(format));
}

}  // namespace assay::fuzz
