// Accumulates one file's extracted tools: the Tool as a client would see it, where each of its
// strings is in source, and the descriptions that are built at run time.
#pragma once
#include <tree_sitter/api.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "scanner/code/extract/file_index.h"
#include "scanner/code/extract/tool_extractor.h"

namespace assay::code {

class ServerBuilder {
 public:
  ServerBuilder(const FileIndex& index, ExtractedServer& out) : idx_(index), out_(out) {}

  // A tool named by `name_expr` (must evaluate to a constant); returns its index or -1.
  int add_tool(TSNode name_expr);
  int add_tool_named(const std::string& name, TSNode name_node);
  // Sets a text member ("description", "title") from an expression, recording where it is or,
  // for a non-constant one, a RuntimeDescription.
  void set_text(int tool, const std::string& member, TSNode expr);
  // A parameter: JSON schema for it (type etc.), its description expression (may be null).
  void add_parameter(int tool, const std::string& name, nlohmann::json schema, TSNode description,
                     bool required, TSNode name_node = TSNode{});
  // A whole inputSchema given as a literal (JS object / Python dict); string locations kept.
  void set_input_schema_literal(int tool, TSNode literal);
  // Converts a JS/Python literal to JSON, remembering each string's node under its pointer.
  nlohmann::json literal_to_json(TSNode n, const std::string& pointer, std::map<std::string, TSNode>& strings,
                                 int depth = 0);
  void set_handler(int tool, TSNode fn, ArgumentStyle style, std::vector<int> argument_parameters);
  ExtractedTool& tool(int i) { return out_.tools[static_cast<size_t>(i)]; }
  Tool& declared(int i) { return out_.inventory.tools[static_cast<size_t>(i)]; }
  // Records the source location of a string under the tool-relative pointer ("/description").
  void locate(int tool, const std::string& relative_pointer, TSNode node);

 private:
  const FileIndex& idx_;
  ExtractedServer& out_;
};

}  // namespace assay::code
