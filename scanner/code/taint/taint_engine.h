// The taint engine: follows values from a tool handler's arguments (or from remote content)
// through one function's assignments, destructuring and string building, and into functions
// defined in the same file, bounded, until they reach a sink of the rule.
#pragma once
#include <tree_sitter/api.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "scanner/code/code_rule.h"
#include "scanner/code/extract/file_index.h"
#include "scanner/code/extract/tool_extractor.h"
#include "scanner/code/taint/callee_names.h"
#include "scanner/code/taint/file_facts.h"

namespace assay::code {

// What is known of one value.
struct Taint {
  bool on = false;
  std::string label;               // the tool argument (or remote call) it comes from
  std::vector<std::string> path;   // members still to select before it is the arguments
                                   // (request -> params -> arguments); empty = the value itself
  bool getters = false;            // Go mcp-go request: request.RequireString("x") is tainted
  bool fixed_prefix = false;       // built as CONSTANT_PREFIX + tainted: the host of a URL is fixed
  bool built = false;              // went through string building (concatenation, template, format)
  std::vector<std::string> from;   // local variables it was derived from (for guards)
};

struct SinkHit {
  TSNode sink{};      // the tainted node
  TSNode finding{};   // where the finding goes (@finding, else the sink)
  const DataflowPattern* pattern = nullptr;
  std::string source;  // the argument's name
  std::string tool;    // the tool whose argument it is
  std::string callee;  // resolved callee of the sink call, when there is one
  TSNode site{};       // where in the tool handler it happens (the sink, or the call leading to it)
};

struct EngineLimits {
  int max_call_depth = 6;          // same-file calls followed from a handler
  int max_function_analyses = 400; // per rule and file: a hostile file cannot explode the work
};

class TaintEngine {
 public:
  TaintEngine(const CodeRule& rule, const ParsedFile& file, EngineLimits limits = {});
  // With what every rule needs of the file found once (see FileFacts).
  TaintEngine(const CodeRule& rule, const ParsedFile& file, const FileFacts& facts, EngineLimits limits = {});
  ~TaintEngine();

  // Analyses one tool's handler with its arguments as the source.
  void analyse_tool(const ExtractedTool& tool);
  // Analyses a function with no tainted parameters (remote-content rules: sources are calls).
  void analyse_function(TSNode fn, const std::string& tool);

  const std::vector<SinkHit>& hits() const { return hits_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<SinkHit> hits_;
};

}  // namespace assay::code
