// What a developer's machine holds besides credential stores: MCP client configs with server
// tokens, shell histories with a pasted token, a project .env, and a .gitconfig.
#include "sandbox/decoy/decoy_files.h"

#include "sandbox/decoy/decoy_identity.h"

namespace assay::sandbox {

std::string dotenv_content(const CanarySet& c) {
  return "NODE_ENV=production\nPORT=3000\n"
         "DATABASE_URL=postgres://webapp:" + c.value("dotenv-database-password") +
         "@db.acme-corp.internal:5432/webapp\n"
         "STRIPE_SECRET_KEY=" + c.value("dotenv-stripe-key") + "\n"
         "OPENAI_API_KEY=" + c.value("dotenv-openai-key") + "\n";
}

namespace {

void add_mcp_clients(const CanarySet& c, std::vector<DecoyFile>& files) {
  files.push_back({".cursor/mcp.json",
                   "{\n  \"mcpServers\": {\n    \"github\": {\n      \"command\": \"npx\",\n"
                   "      \"args\": [\"-y\", \"@modelcontextprotocol/server-github\"],\n"
                   "      \"env\": {\n        \"GITHUB_PERSONAL_ACCESS_TOKEN\": \"" +
                       c.value("cursor-mcp-github-token") + "\"\n      }\n    }\n  }\n}\n",
                   0644, true});
  files.push_back({".config/Claude/claude_desktop_config.json",
                   "{\n  \"mcpServers\": {\n    \"slack\": {\n      \"command\": \"npx\",\n"
                   "      \"args\": [\"-y\", \"@modelcontextprotocol/server-slack\"],\n"
                   "      \"env\": {\n        \"SLACK_BOT_TOKEN\": \"" + c.value("claude-desktop-slack-token") +
                       "\",\n        \"SLACK_TEAM_ID\": \"T04ACME7Q2\"\n      }\n    }\n  }\n}\n",
                   0644, true});
}

void add_histories(const CanarySet& c, std::vector<DecoyFile>& files) {
  files.push_back({".bash_history",
                   "cd ~/projects/webapp\ngit status\nnpm install\nnpm run dev\n"
                   "curl -H \"Authorization: token " + c.value("bash-history-token") +
                       "\" https://api.github.com/user/repos\n"
                       "docker compose up -d\nkubectl get pods -n default\n",
                   0600, true});
  // zsh's EXTENDED_HISTORY format: ": <start>:<elapsed>;<command>".
  files.push_back({".zsh_history",
                   ": 1732512201:0;cd ~/projects/webapp\n: 1732512209:0;git pull --rebase\n"
                   ": 1732512260:0;export ANTHROPIC_API_KEY=" + c.value("zsh-history-token") + "\n"
                   ": 1732512266:12;python scripts/summarize.py\n",
                   0600, true});
}

}  // namespace

void add_developer_files(const CanarySet& canaries, std::vector<DecoyFile>& files) {
  add_mcp_clients(canaries, files);
  add_histories(canaries, files);
  files.push_back({"projects/webapp/.env", dotenv_content(canaries), 0644, true});
  files.push_back({".gitconfig",
                   "[user]\n\tname = Alex Morgan\n\temail = " + std::string(kDecoyEmail) +
                       "\n[credential]\n\thelper = store\n[init]\n\tdefaultBranch = main\n",
                   0644, false});
}

}  // namespace assay::sandbox
