// Environment scrubbing: allowlist, decoy identity, canary credentials, explicit extras.
#include "sandbox/decoy/sandbox_environment.h"

#include <map>

namespace assay::sandbox {

namespace {

// Everything else may carry a real secret (tokens, SSH_AUTH_SOCK, cloud profiles) or point at
// real files (XDG_*, NODE_OPTIONS preloading code from the real home).
bool allowed_from_host(const std::string& key) {
  return key == "PATH" || key == "LANG" || key == "LANGUAGE" || key == "TZ" || key == "TERM" ||
         key.rfind("LC_", 0) == 0;
}

void put(std::map<std::string, std::string>& env, const std::string& entry) {
  std::size_t eq = entry.find('=');
  if (eq == std::string::npos || eq == 0) return;  // not KEY=VALUE: nothing a program could read
  env[entry.substr(0, eq)] = entry.substr(eq + 1);
}

std::string last_component(const std::string& path) {
  std::string trimmed = path;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
  std::size_t slash = trimmed.rfind('/');
  std::string name = slash == std::string::npos ? trimmed : trimmed.substr(slash + 1);
  return name.empty() ? "user" : name;
}

}  // namespace

std::vector<std::string> sandbox_environment(const std::vector<std::string>& host_env,
                                             const CanarySet& canaries, const std::string& home,
                                             const std::vector<std::string>& extra) {
  std::map<std::string, std::string> env;
  for (const std::string& entry : host_env) {
    std::size_t eq = entry.find('=');
    if (eq != std::string::npos && allowed_from_host(entry.substr(0, eq))) put(env, entry);
  }
  env.try_emplace("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
  const std::string user = last_component(home);
  env["HOME"] = home;
  env["USER"] = user;
  env["LOGNAME"] = user;
  env["SHELL"] = "/bin/bash";

  // Every canary labelled env-NAME becomes NAME, except where the real variable wraps the
  // secret in more text.
  const std::string prefix = "env-";
  for (const Canary& canary : canaries.all()) {
    if (canary.label.rfind(prefix, 0) != 0) continue;
    const std::string name = canary.label.substr(prefix.size());
    if (name == "DATABASE_URL") {
      env[name] = "postgresql://app:" + canary.value + "@db.acme-corp.internal:5432/app_prod";
    } else {
      env[name] = canary.value;
    }
  }
  if (env.count("AWS_ACCESS_KEY_ID")) env["AWS_DEFAULT_REGION"] = "us-east-1";

  for (const std::string& entry : extra) put(env, entry);

  std::vector<std::string> out;
  out.reserve(env.size());
  for (const auto& [key, value] : env) out.push_back(key + "=" + value);
  return out;
}

}  // namespace assay::sandbox
