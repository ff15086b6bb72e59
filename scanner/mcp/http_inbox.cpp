// Message handling shared by the Streamable HTTP and HTTP+SSE sessions.
#include "scanner/mcp/http_inbox.h"

#include "scanner/mcp/escape.h"
#include "scanner/mcp/json_guard.h"
#include "scanner/model/error.h"

namespace assay::mcp {

void RpcInbox::one(const nlohmann::json& message) {
  switch (classify(message)) {
    case MessageKind::response:
      if (response_matches(message, id_) && !answer_) answer_ = to_response(message);
      break;
    case MessageKind::request:
      reply_(answer_server_request(message));
      break;
    default:
      break;  // notifications (logging, progress) and stray messages carry nothing we list
  }
}

void RpcInbox::receive(const std::string& text, const std::string& context) {
  UntrustedJson parsed;
  try {
    parsed = parse_untrusted_json(text, max_depth_);
  } catch (const JsonRejected& e) {
    throw target_error(std::string(e.what()) + " " + context + ": " + escape_for_message(text, 80));
  }
  if (parsed.repaired && warnings_.size() < 20)
    warnings_.push_back("ill-formed UTF-8 or lone surrogates " + context + " were replaced with U+FFFD");
  if (parsed.value.is_array()) {
    for (const auto& m : parsed.value) one(m);
  } else {
    one(parsed.value);
  }
}

}  // namespace assay::mcp
