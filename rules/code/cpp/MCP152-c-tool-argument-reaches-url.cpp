// Examples for MCP152: tool arguments choosing the URL libcurl fetches.
#include "mcp_rule_examples.h"

mcp::json fetch(const mcp::json& params, const std::string&) {
  std::string url = params["url"];
  CURL* curl = curl_easy_init();
  // ruleid: MCP152
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  // ok: MCP152
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, url.c_str());
  return "ok";
}

mcp::json search(const mcp::json& params, const std::string&) {
  std::string query = params["query"];
  CURL* curl = curl_easy_init();
  char* escaped = curl_easy_escape(curl, query.c_str(), 0);
  std::string url = std::string("https://docs.example.com/search?q=") + escaped;
  // ok: MCP152
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  // ok: MCP152
  curl_easy_setopt(curl, CURLOPT_URL, "https://docs.example.com/status");
  return "ok";
}
