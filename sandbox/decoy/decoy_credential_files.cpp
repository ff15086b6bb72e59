// Cloud and developer-tool credential files in their tools' exact formats (ssh, aws, gcloud,
// netrc, docker, git, npm, kubectl), each carrying its own canary.
#include "sandbox/decoy/decoy_files.h"

#include "sandbox/decoy/decoy_identity.h"
#include "sandbox/decoy/decoy_keys.h"
#include "sandbox/decoy/random_text.h"
#include "sandbox/decoy/text_encodings.h"

namespace assay::sandbox {

namespace {

const std::string kProject = "acme-prod-4411";

void add_ssh(const CanarySet& c, std::vector<DecoyFile>& files) {
  const std::string comment = std::string(kDecoyUser) + "@" + kDecoyHostname;
  DecoySshKey rsa = decoy_openssh_rsa_key(c.value("ssh-id-rsa"), comment);
  DecoySshKey ed = decoy_openssh_ed25519_key(c.value("ssh-id-ed25519"), comment);
  files.push_back({".ssh/id_rsa", rsa.private_file, 0600, true});
  files.push_back({".ssh/id_rsa.pub", rsa.public_line, 0644, false});
  files.push_back({".ssh/id_ed25519", ed.private_file, 0600, true});
  files.push_back({".ssh/id_ed25519.pub", ed.public_line, 0644, false});
  files.push_back({".ssh/config",
                   "Host bastion\n  HostName bastion.acme-corp.com\n  User alex\n"
                   "  IdentityFile ~/.ssh/id_ed25519\n\nHost github.com\n"
                   "  IdentityFile ~/.ssh/id_rsa\n",
                   0644, false});
}

void add_aws(const CanarySet& c, std::vector<DecoyFile>& files) {
  files.push_back({".aws/credentials",
                   "[default]\naws_access_key_id = " + c.value("aws-credentials-access-key-id") +
                       "\naws_secret_access_key = " + c.value("aws-credentials-secret-key") + "\n",
                   0600, true});
  files.push_back({".aws/config", "[default]\nregion = us-east-1\noutput = json\n", 0644, false});
}

// Escapes a PEM block for a JSON string, as Google's key files store it.
std::string json_escaped_lines(const std::string& text) {
  std::string out;
  for (char ch : text) out += ch == '\n' ? std::string("\\n") : std::string(1, ch);
  return out;
}

void add_gcloud(const CanarySet& c, std::vector<DecoyFile>& files) {
  // The client id and secret are gcloud's own public installed-app values, as in every real file.
  files.push_back({".config/gcloud/application_default_credentials.json",
                   "{\n  \"account\": \"\",\n"
                   "  \"client_id\": \"764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com\",\n"
                   "  \"client_secret\": \"d-FL95Q19q7MQmFpd7hHD0Ty\",\n"
                   "  \"quota_project_id\": \"" + kProject + "\",\n"
                   "  \"refresh_token\": \"" + c.value("gcloud-adc-refresh-token") + "\",\n"
                   "  \"type\": \"authorized_user\",\n  \"universe_domain\": \"googleapis.com\"\n}\n",
                   0600, true});
  const std::string email = "deploy@" + kProject + ".iam.gserviceaccount.com";
  files.push_back({".config/gcloud/legacy_credentials/" + email + "/adc.json",
                   "{\n  \"type\": \"service_account\",\n  \"project_id\": \"" + kProject + "\",\n"
                   "  \"private_key_id\": \"" + random_string(kLowerHex, 40) + "\",\n"
                   "  \"private_key\": \"" + json_escaped_lines(decoy_pkcs8_rsa_pem(c.value("gcloud-service-account-key"))) + "\",\n"
                   "  \"client_email\": \"" + email + "\",\n"
                   "  \"client_id\": \"1" + random_string(kDigits, 20) + "\",\n"
                   "  \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\",\n"
                   "  \"token_uri\": \"https://oauth2.googleapis.com/token\"\n}\n",
                   0600, true});
  files.push_back({".config/gcloud/configurations/config_default",
                   "[core]\naccount = " + std::string(kDecoyEmail) + "\nproject = " + kProject + "\n",
                   0644, false});
  files.push_back({".config/gcloud/active_config", "default", 0644, false});
}

void add_netrc_docker_git(const CanarySet& c, std::vector<DecoyFile>& files) {
  files.push_back({".netrc",
                   "machine git.acme-corp.com\n  login " + std::string(kDecoyUser) + "\n  password " +
                       c.value("netrc-password") + "\n",
                   0600, true});
  const std::string auth = base64_encode(std::string(kDecoyUser) + ":" + c.value("docker-registry-password"));
  files.push_back({".docker/config.json",
                   "{\n\t\"auths\": {\n\t\t\"registry.acme-corp.com\": {\n\t\t\t\"auth\": \"" + auth +
                       "\"\n\t\t}\n\t}\n}",
                   0600, true});
  files.push_back({".git-credentials",
                   "https://" + std::string(kDecoyUser) + ":" + c.value("git-credentials-token") + "@github.com\n",
                   0600, true});
  files.push_back({".npmrc", "//registry.npmjs.org/:_authToken=" + c.value("npmrc-auth-token") + "\n", 0600, true});
}

void add_kube(const CanarySet& c, std::vector<DecoyFile>& files) {
  const std::string header = base64_encode(
      "{\"alg\":\"RS256\",\"kid\":\"" + random_string(kBase64UrlChars, 43) + "\"}", true, false);
  const std::string payload = base64_encode(
      "{\"iss\":\"kubernetes/serviceaccount\",\"kubernetes.io/serviceaccount/namespace\":\"default\","
      "\"sub\":\"system:serviceaccount:default:deployer\"}",
      true, false);
  const std::string token = header + "." + payload + "." + c.value("kube-token");
  files.push_back({".kube/config",
                   "apiVersion: v1\nclusters:\n- cluster:\n    server: https://k8s.acme-corp.com:6443\n"
                   "  name: prod\ncontexts:\n- context:\n    cluster: prod\n    user: deployer\n"
                   "  name: prod\ncurrent-context: prod\nkind: Config\npreferences: {}\nusers:\n"
                   "- name: deployer\n  user:\n    token: " + token + "\n",
                   0600, true});
}

}  // namespace

void add_credential_files(const CanarySet& canaries, std::vector<DecoyFile>& files) {
  add_ssh(canaries, files);
  add_aws(canaries, files);
  add_gcloud(canaries, files);
  add_netrc_docker_git(canaries, files);
  add_kube(canaries, files);
}

}  // namespace assay::sandbox
