// Gathers every piece of text a tools/call answer carries, as a client would show it to a model.
#include "scanner/dynamic/call_result.h"

namespace assay::dynamic {
namespace {

using nlohmann::json;

void append(std::string& out, const std::string& s) {
  if (out.size() >= kMaxResultText) return;
  out.append(s, 0, kMaxResultText - out.size());
  out += '\n';
}

void content_text(const json& item, std::string& out) {
  if (!item.is_object()) return;
  if (auto t = item.find("text"); t != item.end() && t->is_string()) append(out, t->get<std::string>());
  if (auto r = item.find("resource"); r != item.end() && r->is_object())
    if (auto t = r->find("text"); t != r->end() && t->is_string()) append(out, t->get<std::string>());
  for (const char* key : {"description", "name", "title"})
    if (auto t = item.find(key); t != item.end() && t->is_string()) append(out, t->get<std::string>());
}

}  // namespace

std::string result_text(const mcp::RpcResponse& response) {
  std::string out;
  if (!response.ok()) {
    append(out, response.error->message);
    if (!response.error->data.is_null()) append(out, response.error->data.dump(-1, ' ', false, json::error_handler_t::replace));
    return out;
  }
  const json& r = response.result;
  if (!r.is_object()) return out;
  if (auto c = r.find("content"); c != r.end() && c->is_array())
    for (const auto& item : *c) content_text(item, out);
  if (auto s = r.find("structuredContent"); s != r.end() && !s->is_null())
    append(out, s->dump(-1, ' ', false, json::error_handler_t::replace));
  return out;
}

}  // namespace assay::dynamic
