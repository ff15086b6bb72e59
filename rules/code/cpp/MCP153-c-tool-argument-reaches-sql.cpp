// Examples for MCP153: tool arguments pasted into SQL text.
#include "mcp_rule_examples.h"

sqlite3* db;

mcp::json search(const mcp::json& params, const std::string&) {
  std::string term = params["term"];
  std::string sql = "SELECT title FROM notes WHERE body LIKE '%" + term + "%'";
  // ruleid: MCP153
  sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  return "ok";
}

mcp::json remove(const mcp::json& params, const std::string&) {
  std::string id = params["id"];
  char sql[256];
  snprintf(sql, sizeof sql, "DELETE FROM notes WHERE id = %s", id.c_str());
  sqlite3_stmt* stmt;
  // ruleid: MCP153
  sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  return "ok";
}

mcp::json search_bound(const mcp::json& params, const std::string&) {
  std::string term = params["term"];
  sqlite3_stmt* stmt;
  // ok: MCP153
  sqlite3_prepare_v2(db, "SELECT title FROM notes WHERE body LIKE ?1", -1, &stmt, nullptr);
  sqlite3_bind_text(stmt, 1, term.c_str(), -1, nullptr);
  int limit = params["limit"].get<int>();
  char sql[128];
  snprintf(sql, sizeof sql, "SELECT title FROM notes LIMIT %d", limit);
  // ok: MCP153
  sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  return "ok";
}
