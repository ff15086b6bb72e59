// The developer-tools server after its security review: no shell, no free-form paths, URLs or
// SQL, plugins from a fixed table. Nothing here should be reported.
#include <dlfcn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <curl/curl.h>
#include <sqlite3.h>

#include "mcp_server.h"
#include "mcp_tool.h"

namespace fs = std::filesystem;

static const fs::path kWorkspace = "/srv/workspace";

static mcp::json text_result(const std::string& text) {
  return {{{"type", "text"}, {"text", text}}};
}

// Runs git with an argument vector: the branch name is one argument, never shell syntax.
static int run_git(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    execvp("git", argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

mcp::json git_log_handler(const mcp::json& params, const std::string& /* session_id */) {
  std::string branch = params.at("branch").get<std::string>();
  if (branch.empty() || branch[0] == '-') {
    throw mcp::mcp_exception(mcp::error_code::invalid_params, "bad branch name");
  }
  int status = run_git({"git", "-C", kWorkspace.string(), "log", "--oneline", "-n", "20", branch});
  return text_result("exit status " + std::to_string(status));
}

// Resolves a client path inside the workspace, or refuses it.
static fs::path inside_workspace(const std::string& relative) {
  fs::path resolved = fs::weakly_canonical(kWorkspace / relative);
  auto [root_end, ignored] = std::mismatch(kWorkspace.begin(), kWorkspace.end(), resolved.begin());
  if (root_end != kWorkspace.end()) {
    throw mcp::mcp_exception(mcp::error_code::invalid_params, "path escapes the workspace");
  }
  return resolved;
}

mcp::json read_file_handler(const mcp::json& params, const std::string& /* session_id */) {
  fs::path path = inside_workspace(params.value("path", ""));
  std::ifstream in(path);
  std::stringstream contents;
  contents << in.rdbuf();
  return text_result(contents.str());
}

static size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// Searches one fixed documentation site: the client only supplies the escaped query.
mcp::json search_docs_handler(const mcp::json& params, const std::string& /* session_id */) {
  std::string query = params["query"];
  std::string body;
  CURL* curl = curl_easy_init();
  char* escaped = curl_easy_escape(curl, query.c_str(), static_cast<int>(query.size()));
  std::string url = std::string("https://docs.example.com/search?q=") + escaped;
  curl_free(escaped);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  return text_result(body);
}

mcp::json search_notes_handler(const mcp::json& params, const std::string& /* session_id */) {
  std::string term = params["term"];
  sqlite3* db = nullptr;
  sqlite3_open("/srv/notes.db", &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT title FROM notes WHERE body LIKE '%' || ?1 || '%'", -1, &stmt,
                     nullptr);
  sqlite3_bind_text(stmt, 1, term.c_str(), -1, SQLITE_TRANSIENT);
  std::string titles;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    titles += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    titles += "\n";
  }
  sqlite3_finalize(stmt);
  return text_result(titles);
}

static const std::map<std::string, std::string> kPlugins = {
    {"lint", "/usr/lib/devtools/lint.so"},
    {"format", "/usr/lib/devtools/format.so"},
};

mcp::json load_plugin_handler(const mcp::json& params, const std::string& /* session_id */) {
  std::string name = params["plugin"];
  auto plugin = kPlugins.find(name);
  if (plugin == kPlugins.end()) {
    throw mcp::mcp_exception(mcp::error_code::invalid_params, "unknown plugin");
  }
  void* handle = dlopen(plugin->second.c_str(), RTLD_NOW);
  return text_result(handle ? "loaded" : dlerror());
}

mcp::json uptime_handler(const mcp::json&, const std::string&) {
  FILE* pipe = popen("uptime", "r");
  char line[256] = {0};
  if (pipe) {
    fgets(line, sizeof line, pipe);
    pclose(pipe);
  }
  return text_result(line);
}

int main() {
  mcp::server server("127.0.0.1", 8080);
  server.set_server_info("devtools-cpp", "1.3.0");
  server.register_tool(mcp::tool_builder("git_log")
                           .with_description("Show the recent commits of a branch")
                           .with_string_param("branch", "Branch name")
                           .build(),
                       git_log_handler);
  server.register_tool(mcp::tool_builder("read_file")
                           .with_description("Read a file from the workspace")
                           .with_string_param("path", "Path relative to the workspace")
                           .build(),
                       read_file_handler);
  server.register_tool(mcp::tool_builder("search_docs")
                           .with_description("Search the documentation site")
                           .with_string_param("query", "Search words")
                           .build(),
                       search_docs_handler);
  server.register_tool(mcp::tool_builder("search_notes")
                           .with_description("Search the team notes")
                           .with_string_param("term", "Words to look for")
                           .build(),
                       search_notes_handler);
  server.register_tool(mcp::tool_builder("load_plugin")
                           .with_description("Load a devtools plugin by name")
                           .with_string_param("plugin", "Plugin name: lint or format")
                           .build(),
                       load_plugin_handler);
  server.register_tool(mcp::tool_builder("uptime").with_description("Host uptime").build(),
                       uptime_handler);
  server.start(true);
  return 0;
}
