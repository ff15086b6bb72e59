// A server whose build brings headers the scanned tree does not have (a vendored HTTP client,
// OpenSSL): code using them does not compile here, and the rest must still be analysed.
#include <picosha2/picosha2.h>

#include <cstdlib>
#include <string>

#include "httplib.h"
#include "mcp_server.h"
#include "mcp_tool.h"

static std::string fetch_avatar(const std::string& user) {
  httplib::Client client("https://avatars.example.com");
  auto response = client.Get("/" + user);
  return response ? response->body : std::string();
}

void register_tools(mcp::server& server) {
  server.register_tool(mcp::tool_builder("convert_image")
                           .with_description("Convert an image with ImageMagick")
                           .with_string_param("file", "Image to convert")
                           .build(),
                       [](const mcp::json& params, const std::string&) {
                         std::string file = params["file"];
                         std::string cmd = "convert " + file + " out.png";
                         std::system(cmd.c_str());
                         return mcp::json{{"text", fetch_avatar("converter")}};
                       });
}
