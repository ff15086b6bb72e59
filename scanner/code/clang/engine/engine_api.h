// The Clang engine's inputs and outputs as plain data: the only header shared between the
// LLVM translation units (engine/*.cpp) and the rest of the scanner, so nothing else sees Clang.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace assay::code::clang_engine {

// A call that must not receive a tool argument (taint rules) or a suspicious constant
// (constant rules). Names match a callee's plain name ("system") or its qualified name without
// template arguments ("std::basic_ifstream" for constructors, "std::basic_ifstream::open").
struct SinkSpec {
  std::vector<std::string> functions;
  std::vector<int> args;               // argument indexes looked at
  int shell_arg = -1;                  // >= 0: only when that argument is a constant naming a shell
  int selector_arg = -1;               // >= 0: only when that argument is written as `selector`
  std::string selector;                // CURLOPT_URL
};

// A value is clean for a rule after it passes through one of `functions`, or after one of
// `canonicalizers` produced it and one of `checks` looked at the result in the same function
// (realpath + strncmp prefix check, weakly_canonical + std::mismatch).
struct SanitizerSpec {
  std::vector<std::string> functions;
  std::vector<std::string> canonicalizers;
  std::vector<std::string> checks;
};

enum class RuleMode {
  taint,     // a tool argument reaches the sink
  constant,  // a constant (folded through locals, concatenation, getenv) reaches the sink
};

struct RuleSpec {
  std::string rule_id;
  RuleMode mode = RuleMode::taint;
  std::vector<SinkSpec> sinks;
  SanitizerSpec sanitizers;
};

struct EngineInput {
  std::string root;                        // absolute scan root
  std::vector<std::string> source_files;   // absolute paths of the C/C++ translation units
  std::vector<std::string> analysed_files; // absolute paths whose declarations are analysed
  std::vector<RuleSpec> rules;             // at most 64 (one bit each in the taint state)
  double time_budget_seconds = 120;        // no new translation unit starts after this
};

struct SourceSpan {
  std::string file;  // absolute path
  int line = 0;      // 1-based
  int column = 0;    // 1-based, in bytes (the caller converts to code points)
  int end_line = 0;
  int end_column = 0;  // exclusive, bytes
};

// A sink reached by a tool argument (taint rules) or by a constant (constant rules).
struct SinkEvent {
  std::string rule_id;
  SourceSpan span;
  std::string sink_name;  // the callee as written: system, popen, std::ifstream, curl_easy_setopt
  std::string source;     // taint rules: the tool argument ("cmd"), or the handler parameter
  std::string value;      // constant rules: the folded constant ("$HOME/.ssh/id_rsa")
  std::string function;   // the function the sink is in
  std::string tool;       // the tool whose handler this is, when known
  std::string evidence;   // the sink call's source text, first line
};

struct ParamDecl {
  std::string name;
  std::string type;  // string, number, boolean, array, object
  std::string description;
  bool required = true;
  SourceSpan name_span;
  SourceSpan description_span;  // empty file when the description is not a literal
};

// A tool declared in source (cpp-mcp tool_builder chains, C tool tables).
struct ToolDecl {
  std::string name;
  std::string description;
  bool description_is_literal = true;
  SourceSpan name_span;
  SourceSpan description_span;
  std::vector<ParamDecl> params;
  std::string handler;  // the handler function's name ("" if none found)
};

struct EngineOutput {
  std::vector<SinkEvent> events;
  std::vector<ToolDecl> tools;
  std::string server_name;              // set_server_info("name", ...) when present
  std::vector<std::string> skipped;     // "path: why"
  int translation_units = 0;            // parsed
};

// Parses every translation unit with Clang (compile_commands.json from the root or build/
// when present, fixed flags otherwise; errors tolerated) and analyses the declarations that
// sit in `analysed_files`. Never throws for a bad source file: it lands in `skipped`.
EngineOutput analyse_c_family(const EngineInput& input);

}  // namespace assay::code::clang_engine
