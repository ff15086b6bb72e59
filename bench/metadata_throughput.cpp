// Metadata-rule throughput: tools per second through the whole engine (collect fields,
// normalize, RE2::Set prefilter, decode, Unicode checks) against a reference in the same run:
// a plain RE2 pass of every pattern over the raw text of the same fields.
//
//   bench/metadata_throughput [TOOLS=100000] [corpus files...]
// Default corpus: every JSON inventory under testdata/corpus and testdata/dumps.
#include <re2/re2.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "scanner/model/error.h"
#include "scanner/rules/metadata_engine.h"
#include "scanner/targets/dump_loader.h"

using namespace assay;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> default_corpus() {
  std::vector<std::string> files;
  for (const char* dir : {"testdata/corpus", "testdata/dumps"}) {
    std::error_code ec;
    if (!fs::is_directory(fs::path(ASSAY_SOURCE_DIR) / dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(ASSAY_SOURCE_DIR) / dir, ec))
      if (e.path().extension() == ".json" && e.path().string().find(".expect.") == std::string::npos &&
          e.path().string().find("node_modules") == std::string::npos)
        files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Repeats the corpus tools with small variations (name suffix, a word appended), so the
// benchmark does not measure one cached string.
std::vector<Inventory> build_corpus(const std::vector<std::string>& files, size_t tool_count, size_t* distinct) {
  std::vector<Tool> seed;
  for (const auto& f : files) {
    try {
      auto d = targets::load_dump_file(f);
      for (auto& t : d.inventory.tools) seed.push_back(t);
    } catch (const AssayError&) {
      // invalid fixtures (testdata/dumps/invalid.json) are not corpus material
    }
  }
  *distinct = seed.size();
  if (seed.empty()) throw std::runtime_error("no tools found in the corpus");
  std::vector<Inventory> out;
  const size_t per_inventory = 100;
  for (size_t i = 0; i < tool_count; ++i) {
    if (i % per_inventory == 0) {
      out.emplace_back();
      out.back().server.name = "bench-" + std::to_string(out.size());
    }
    Tool t = seed[i % seed.size()];
    size_t round = i / seed.size();
    t.name += "_" + std::to_string(round);
    if (round % 2) t.description += " Variant " + std::to_string(round) + ".";
    t.source_pointer = "/tools/" + std::to_string(i % per_inventory);
    out.back().tools.push_back(std::move(t));
  }
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // --engine-only skips the reference pass, for profiling the engine alone.
  bool engine_only = !args.empty() && args.front() == "--engine-only";
  if (engine_only) args.erase(args.begin());
  size_t tool_count = !args.empty() ? std::stoul(args[0]) : 100000;
  std::vector<std::string> files(args.size() > 1 ? args.begin() + 1 : args.end(), args.end());
  if (files.empty()) files = default_corpus();

  rules::MetadataEngine engine(rules::load_metadata_rules(std::string(ASSAY_DEFAULT_RULES_DIR) + "/metadata"));
  size_t distinct = 0;
  auto corpus = build_corpus(files, tool_count, &distinct);

  rusage before{};
  getrusage(RUSAGE_SELF, &before);  // the corpus itself (100k tools as JSON DOMs) dominates memory
  // Engine: the real path, findings and all.
  size_t findings = 0;
  auto start = std::chrono::steady_clock::now();
  for (const auto& inv : corpus) findings += engine.scan(inv, nullptr).size();
  double engine_s = seconds_since(start);

  if (engine_only) {
    std::printf("engine: %.0f tools/s (%.3f s, %zu findings)\n", tool_count / engine_s, engine_s, findings);
    return 0;
  }
  // Reference: every pattern's regex, one by one, over the raw text of the same fields.
  std::vector<std::unique_ptr<RE2>> patterns;
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  for (const auto& r : engine.rules())
    for (const auto& p : r.patterns) patterns.push_back(std::make_unique<RE2>(p.regex, o));
  size_t raw_hits = 0, fields = 0, bytes = 0;
  start = std::chrono::steady_clock::now();
  for (const auto& inv : corpus)
    for (const auto& f : rules::collect_fields(inv)) {
      ++fields;
      bytes += f.text.size();
      for (const auto& re : patterns) raw_hits += RE2::PartialMatch(f.text, *re);
    }
  double reference_s = seconds_since(start);

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("corpus: %zu tools (%zu distinct from %zu files), %zu fields, %.1f MB of text\n", tool_count, distinct,
              files.size(), fields, bytes / 1e6);
  std::printf("rules: %zu (%zu patterns)\n", engine.rules().size(), patterns.size());
  std::printf("engine:    %8.0f tools/s  (%.3f s, %zu findings)\n", tool_count / engine_s, engine_s, findings);
  std::printf("reference: %8.0f tools/s  (%.3f s, plain RE2 pass of every pattern over raw text, %zu hits)\n",
              tool_count / reference_s, reference_s, raw_hits);
  std::printf("ratio engine/reference time: %.2f\n", engine_s / reference_s);
  std::printf("peak RSS: %.1f MB (%.1f MB of it before the engine ran: rules + corpus in memory)\n",
              usage.ru_maxrss / 1024.0, before.ru_maxrss / 1024.0);
  return 0;
}
