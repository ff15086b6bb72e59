/* Test stub of SQLite's sqlite3.h: the calls the fixtures make. */
#ifndef SQLITE3_H
#define SQLITE3_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
#define SQLITE_OK 0
#define SQLITE_ROW 100
#define SQLITE_TRANSIENT ((void (*)(void*))-1)

int sqlite3_open(const char* filename, sqlite3** db);
int sqlite3_exec(sqlite3* db, const char* sql, int (*callback)(void*, int, char**, char**),
                 void* arg, char** errmsg);
int sqlite3_prepare_v2(sqlite3* db, const char* sql, int bytes, sqlite3_stmt** stmt,
                       const char** tail);
int sqlite3_bind_text(sqlite3_stmt* stmt, int index, const char* text, int bytes,
                      void (*destructor)(void*));
int sqlite3_step(sqlite3_stmt* stmt);
const unsigned char* sqlite3_column_text(sqlite3_stmt* stmt, int column);
int sqlite3_finalize(sqlite3_stmt* stmt);

#ifdef __cplusplus
}
#endif

#endif
