// A developer-tools MCP server on cpp-mcp (HTTP/SSE): every tool passes its argument
// straight to the operating system. Each sink below is reachable from a tool argument.
#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <curl/curl.h>
#include <sqlite3.h>

#include "mcp_server.h"
#include "mcp_tool.h"

static const std::string kWorkspace = "/srv/workspace";

static mcp::json text_result(const std::string& text) {
  return {{{"type", "text"}, {"text", text}}};
}

// Runs a shell command line in the workspace.
mcp::json run_command_handler(const mcp::json& params, const std::string& /* session_id */) {
  std::string cmd = params["command"];
  std::string line = "cd " + kWorkspace + " && " + cmd;
  int status = std::system(line.c_str());
  return text_result("exit status " + std::to_string(status));
}

static std::string run_and_capture(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return output;
  char buffer[4096];
  while (fgets(buffer, sizeof buffer, pipe)) output += buffer;
  pclose(pipe);
  return output;
}

mcp::json git_log_handler(const mcp::json& params, const std::string& /* session_id */) {
  std::string branch = params.at("branch").get<std::string>();
  char command[512];
  snprintf(command, sizeof command, "git -C %s log --oneline -n 20 %s", kWorkspace.c_str(),
           branch.c_str());
  return text_result(run_and_capture(command));
}

mcp::json read_file_handler(const mcp::json& params, const std::string& /* session_id */) {
  std::string relative = params.value("path", "");
  std::ifstream in(kWorkspace + "/" + relative);
  std::stringstream contents;
  contents << in.rdbuf();
  return text_result(contents.str());
}

static size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

mcp::json fetch_url_handler(const mcp::json& params, const std::string& /* session_id */) {
  std::string url = params["url"];
  std::string body;
  CURL* curl = curl_easy_init();
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
  std::string sql = "SELECT title FROM notes WHERE body LIKE '%" + term + "%'";
  sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  return text_result("done");
}

mcp::json load_plugin_handler(const mcp::json& params, const std::string& /* session_id */) {
  std::string plugin = params["plugin"];
  void* handle = dlopen(("/usr/lib/devtools/" + plugin + ".so").c_str(), RTLD_NOW);
  return text_result(handle ? "loaded" : dlerror());
}

int main() {
  mcp::server server("0.0.0.0", 8080);
  server.set_server_info("devtools-cpp", "1.2.0");

  mcp::tool run_command = mcp::tool_builder("run_command")
                              .with_description("Run a shell command in the workspace")
                              .with_string_param("command", "The command line to run")
                              .build();
  mcp::tool git_log = mcp::tool_builder("git_log")
                          .with_description("Show the recent commits of a branch")
                          .with_string_param("branch", "Branch name")
                          .build();
  mcp::tool read_file = mcp::tool_builder("read_file")
                            .with_description("Read a file from the workspace")
                            .with_string_param("path", "Path relative to the workspace")
                            .build();
  mcp::tool fetch_url = mcp::tool_builder("fetch_url")
                            .with_description("Fetch a web page and return its body")
                            .with_string_param("url", "The URL to fetch")
                            .build();
  mcp::tool search_notes = mcp::tool_builder("search_notes")
                               .with_description("Search the team notes")
                               .with_string_param("term", "Words to look for")
                               .with_number_param("limit", "Maximum results", false)
                               .build();
  mcp::tool load_plugin = mcp::tool_builder("load_plugin")
                              .with_description("Load a devtools plugin by name")
                              .with_string_param("plugin", "Plugin name")
                              .build();

  server.register_tool(run_command, run_command_handler);
  server.register_tool(git_log, git_log_handler);
  server.register_tool(read_file, read_file_handler);
  server.register_tool(fetch_url, fetch_url_handler);
  server.register_tool(search_notes, search_notes_handler);
  server.register_tool(load_plugin, load_plugin_handler);
  server.register_tool(mcp::tool_builder("disk_usage")
                           .with_description("Disk usage of a workspace folder")
                           .with_string_param("folder", "Folder to measure")
                           .build(),
                       [](const mcp::json& params, const std::string&) {
                         std::string folder = params["folder"].get<std::string>();
                         std::string report = run_and_capture("du -sh " + folder);
                         return text_result(report);
                       });
  server.start(true);
  return 0;
}
