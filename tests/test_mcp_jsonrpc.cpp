// JSON-RPC message shapes: classification, id matching, answers to server requests.
#include <doctest/doctest.h>

#include "scanner/mcp/jsonrpc.h"

using namespace assay::mcp;
using nlohmann::json;

TEST_CASE("messages are told apart as response, server request, notification or invalid") {
  CHECK(classify(json::parse(R"({"jsonrpc":"2.0","id":1,"result":{}})")) == MessageKind::response);
  CHECK(classify(json::parse(R"({"jsonrpc":"2.0","id":1,"error":{"code":-1,"message":"x"}})")) == MessageKind::response);
  CHECK(classify(json::parse(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"x"}})")) ==
        MessageKind::response);
  CHECK(classify(json::parse(R"({"jsonrpc":"2.0","id":"a","method":"ping"})")) == MessageKind::request);
  CHECK(classify(json::parse(R"({"jsonrpc":"2.0","method":"notifications/message"})")) == MessageKind::notification);
  CHECK(classify(json::parse(R"({"jsonrpc":"2.0","id":1})")) == MessageKind::invalid);
  CHECK(classify(json::parse(R"([1,2])")) == MessageKind::invalid);
  CHECK(classify(json::parse(R"("hello")")) == MessageKind::invalid);
}

TEST_CASE("a response matches our numeric id, also when echoed as a string, and nothing else") {
  CHECK(response_matches(json::parse(R"({"id":7,"result":{}})"), 7));
  CHECK(response_matches(json::parse(R"({"id":"7","result":{}})"), 7));
  CHECK_FALSE(response_matches(json::parse(R"({"id":8,"result":{}})"), 7));
  CHECK_FALSE(response_matches(json::parse(R"({"id":7.0,"result":{}})"), 7));
  CHECK_FALSE(response_matches(json::parse(R"({"result":{}})"), 7));
}

TEST_CASE("requests omit params when none are given") {
  CHECK(make_request(3, "tools/list", nullptr) == json::parse(R"({"jsonrpc":"2.0","id":3,"method":"tools/list"})"));
  CHECK(make_request(4, "tools/list", {{"cursor", "c"}})["params"]["cursor"] == "c");
  CHECK_FALSE(make_notification("notifications/initialized", nullptr).contains("id"));
}

TEST_CASE("ping is answered with an empty result and any other server request with -32601") {
  json ping = answer_server_request(json::parse(R"({"jsonrpc":"2.0","id":"p1","method":"ping"})"));
  CHECK(ping == json::parse(R"({"jsonrpc":"2.0","id":"p1","result":{}})"));
  json roots = answer_server_request(json::parse(R"({"jsonrpc":"2.0","id":5,"method":"roots/list"})"));
  CHECK(roots["id"] == 5);
  CHECK(roots["error"]["code"] == -32601);
}

TEST_CASE("error objects become RpcError, malformed ones included, and are described on one line") {
  RpcResponse r = to_response(json::parse(R"({"id":1,"error":{"code":-32602,"message":"bad\nparams","data":{"x":1}}})"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error->code == -32602);
  CHECK(r.error->data["x"] == 1);
  CHECK(describe(*r.error) == "JSON-RPC error -32602: bad\\nparams");
  RpcResponse odd = to_response(json::parse(R"({"id":1,"error":"boom"})"));
  REQUIRE_FALSE(odd.ok());
  CHECK(odd.error->message == "malformed error object");
  CHECK(to_response(json::parse(R"({"id":1,"result":{"a":1}})")).result["a"] == 1);
}
