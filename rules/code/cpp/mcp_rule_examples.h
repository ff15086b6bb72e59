// Declarations the C/C++ rule examples call, so each example parses on its own: a cut-down
// cpp-mcp API plus the C libraries servers use (libcurl, SQLite). Not a rule.
#pragma once
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

namespace mcp {
class json {
 public:
  json(const char* s);
  const json& operator[](const char* key) const;
  const json& at(const std::string& key) const;
  std::string value(const std::string& key, const std::string& fallback) const;
  template <typename T> T get() const;
  template <typename T> operator T() const;
};
}  // namespace mcp

extern "C" {
typedef void CURL;
typedef enum { CURLOPT_URL = 10002, CURLOPT_POSTFIELDS = 10015 } CURLoption;
CURL* curl_easy_init(void);
int curl_easy_setopt(CURL* curl, CURLoption option, ...);
char* curl_easy_escape(CURL* curl, const char* string, int length);
typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
int sqlite3_exec(sqlite3* db, const char* sql, int (*cb)(void*, int, char**, char**), void* arg,
                 char** errmsg);
int sqlite3_prepare_v2(sqlite3* db, const char* sql, int bytes, sqlite3_stmt** stmt,
                       const char** tail);
int sqlite3_bind_text(sqlite3_stmt* stmt, int index, const char* text, int bytes,
                      void (*destructor)(void*));
}
