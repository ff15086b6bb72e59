// Builds the initialize request and reads the server's answer into ServerInfo.
#include "scanner/mcp/handshake.h"

#include "scanner/mcp/stdio_client.h"
#include "scanner/model/error.h"

namespace assay::mcp {

using nlohmann::json;

json initialize_params() {
  return {{"protocolVersion", kLatestProtocolVersion},
          {"capabilities", json::object()},
          {"clientInfo", {{"name", "mcp-assay"}, {"version", ASSAY_VERSION}}}};
}

ServerInfo server_info_from_initialize(const RpcResponse& response, std::vector<std::string>& warnings) {
  if (!response.ok()) throw target_error("server answered initialize with " + describe(*response.error));
  const json& result = response.result;
  if (!result.is_object()) throw target_error("server answered initialize with a result that is not an object");

  ServerInfo info;
  auto version = result.find("protocolVersion");
  if (version != result.end() && version->is_string()) info.protocol_version = version->get<std::string>();
  else warnings.push_back("initialize result has no protocolVersion string");

  auto capabilities = result.find("capabilities");
  if (capabilities != result.end() && capabilities->is_object()) info.capabilities = *capabilities;
  else warnings.push_back("initialize result has no capabilities object; nothing will be listed");

  auto server_info = result.find("serverInfo");
  if (server_info != result.end() && server_info->is_object()) {
    auto name = server_info->find("name");
    if (name != server_info->end() && name->is_string()) info.name = name->get<std::string>();
    auto ver = server_info->find("version");
    if (ver != server_info->end() && ver->is_string()) info.version = ver->get<std::string>();
  } else {
    warnings.push_back("initialize result has no serverInfo object");
  }

  auto instructions = result.find("instructions");
  if (instructions != result.end() && instructions->is_string()) info.instructions = instructions->get<std::string>();
  return info;
}

}  // namespace assay::mcp
