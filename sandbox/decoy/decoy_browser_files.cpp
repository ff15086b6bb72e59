// Chrome profile files (Login Data, Cookies) that start like SQLite databases and hold a saved
// password and a session cookie: enough for a stealer that uploads or greps the files.
#include "sandbox/decoy/decoy_files.h"

#include "sandbox/decoy/decoy_identity.h"

namespace assay::sandbox {

namespace {

constexpr std::size_t kPageSize = 4096;

// Two pages: a SQLite 3 header (magic, 4 KiB pages, UTF-8) with the schema text at the end of
// page one, as SQLite packs cell content from the page end, and the row text at the end of page
// two. Not a database SQLite would open, but `file`, magic checks and grep see one.
std::string sqlite_like_file(const std::string& schema, const std::string& row) {
  std::string file(2 * kPageSize, '\0');
  const std::string magic("SQLite format 3", 16);  // includes the NUL
  file.replace(0, magic.size(), magic);
  file[16] = 0x10;  // page size 4096, big-endian
  file[17] = 0x00;
  file[18] = 1;     // file format write/read version: legacy
  file[19] = 1;
  file[21] = 64;    // payload fractions fixed by the format
  file[22] = 32;
  file[23] = 32;
  file[31] = 2;     // database size in pages
  file[47] = 4;     // schema format number
  file[59] = 1;     // text encoding UTF-8
  file[100] = 0x0d; // page 1: leaf table b-tree page
  file.replace(kPageSize - schema.size(), schema.size(), schema);
  file[kPageSize] = 0x0d;
  file.replace(2 * kPageSize - row.size(), row.size(), row);
  return file;
}

}  // namespace

void add_browser_files(const CanarySet& c, std::vector<DecoyFile>& files) {
  files.push_back({".config/google-chrome/Default/Login Data",
                   sqlite_like_file("CREATE TABLE logins (origin_url VARCHAR NOT NULL, action_url VARCHAR, "
                                    "username_value VARCHAR, password_value BLOB, signon_realm VARCHAR NOT NULL)",
                                    "https://accounts.acme-corp.com/login" + std::string(kDecoyEmail) +
                                        c.value("chrome-saved-password") + "https://accounts.acme-corp.com/"),
                   0600, true});
  files.push_back({".config/google-chrome/Default/Cookies",
                   sqlite_like_file("CREATE TABLE cookies(creation_utc INTEGER NOT NULL, host_key TEXT NOT NULL, "
                                    "name TEXT NOT NULL, value TEXT NOT NULL, path TEXT NOT NULL, "
                                    "expires_utc INTEGER NOT NULL, is_secure INTEGER NOT NULL)",
                                    ".github.comuser_session" + c.value("chrome-session-cookie") + "/"),
                   0600, true});
}

}  // namespace assay::sandbox
