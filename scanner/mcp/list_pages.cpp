// Cursor pagination over MCP list methods.
#include "scanner/mcp/list_pages.h"

#include <set>

#include "scanner/mcp/escape.h"
#include "scanner/model/error.h"

namespace assay::mcp {

using nlohmann::json;

std::vector<json> list_all_pages(const RequestFn& request, const std::string& method, const std::string& key,
                                 ListBounds bounds, std::vector<std::string>& warnings) {
  std::vector<json> items;
  std::set<std::string> seen_cursors;
  json params = nullptr;
  for (int page = 1;; ++page) {
    RpcResponse response = request(method, params);
    if (!response.ok()) {
      if (response.error->code == kMethodNotFound) {
        warnings.push_back("server advertised " + method + " but answered it with " + describe(*response.error));
        return items;
      }
      throw target_error("server answered " + method + " with " + describe(*response.error));
    }
    const json& result = response.result;
    if (!result.is_object()) throw target_error("server answered " + method + " with a result that is not an object");

    auto entries = result.find(key);
    if (entries == result.end() || !entries->is_array()) {
      warnings.push_back(method + " page " + std::to_string(page) + " has no \"" + key + "\" array");
    } else {
      for (const auto& entry : *entries) {
        if (items.size() >= bounds.max_items) {
          warnings.push_back(method + " stopped after " + std::to_string(bounds.max_items) + " entries (max_items)");
          return items;
        }
        items.push_back(entry);
      }
    }

    auto cursor = result.find("nextCursor");
    if (cursor == result.end() || cursor->is_null()) return items;
    if (!cursor->is_string()) {
      warnings.push_back(method + " returned a nextCursor that is not a string; pagination stopped");
      return items;
    }
    const std::string next = cursor->get<std::string>();
    if (next.empty()) return items;  // clients commonly read "" as the last page; so do we
    if (!seen_cursors.insert(next).second) {
      warnings.push_back(method + " returned the cursor \"" + escape_for_message(next, 60) +
                         "\" twice; pagination stopped");
      return items;
    }
    if (page >= bounds.max_pages) {
      warnings.push_back(method + " stopped after " + std::to_string(bounds.max_pages) + " pages (max_pages)");
      return items;
    }
    params = {{"cursor", next}};
  }
}

}  // namespace assay::mcp
