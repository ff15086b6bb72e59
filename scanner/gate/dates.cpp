// YYYY-MM-DD validation and the current day; ISO dates then compare as strings.
#include "scanner/gate/dates.h"

#include <cstdlib>
#include <ctime>

#include "scanner/model/error.h"

namespace assay::gate {

bool is_iso_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return false;
  const int year = std::atoi(text.substr(0, 4).c_str());
  const int month = std::atoi(text.substr(5, 2).c_str());
  const int day = std::atoi(text.substr(8, 2).c_str());
  if (year < 1970 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::string today() {
  if (const char* fixed = std::getenv("MCP_ASSAY_TODAY"); fixed && *fixed) {
    if (!is_iso_date(fixed)) throw usage_error(std::string("MCP_ASSAY_TODAY=") + fixed + " is not a YYYY-MM-DD date");
    return fixed;
  }
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &utc);
  return buf;
}

}  // namespace assay::gate
