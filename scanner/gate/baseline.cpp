// Baseline loading: our SARIF (partialFingerprints "mcpAssay/v1") or our JSON ("fingerprint").
#include "scanner/gate/baseline.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "scanner/model/error.h"

namespace assay::gate {
namespace {

using nlohmann::json;

// A baseline is written by us but may be hand-edited or truncated: no size beyond this.
constexpr std::size_t kMaxBaselineBytes = 256u << 20;

bool is_fingerprint(const json& j) {
  if (!j.is_string()) return false;
  const auto& s = j.get_ref<const std::string&>();
  return !s.empty() && s.size() <= 128;
}

void read_sarif(const json& doc, Baseline& out) {
  for (const auto& run : doc["runs"]) {
    if (!run.is_object() || !run.contains("results")) continue;
    const json& results = run["results"];
    if (!results.is_array()) throw input_error(out.file + ": not a SARIF log: runs[].results is not an array");
    for (const auto& r : results) {
      if (!r.is_object()) continue;
      auto pf = r.find("partialFingerprints");
      if (pf == r.end() || !pf->is_object()) continue;
      auto fp = pf->find("mcpAssay/v1");
      if (fp != pf->end() && is_fingerprint(*fp)) out.fingerprints.insert(fp->get<std::string>());
    }
  }
}

void read_json_report(const json& doc, Baseline& out) {
  for (const char* list : {"findings", "suppressed"}) {
    auto it = doc.find(list);
    if (it == doc.end()) continue;
    if (!it->is_array()) throw input_error(out.file + ": not an mcp-assay JSON report: '" + list + "' is not an array");
    for (const auto& f : *it)
      if (f.is_object() && f.contains("fingerprint") && is_fingerprint(f["fingerprint"]))
        out.fingerprints.insert(f["fingerprint"].get<std::string>());
  }
}

}  // namespace

Baseline parse_baseline(const std::string& text, const std::string& path) {
  Baseline out;
  out.file = path;
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded())
    throw input_error(path + ": not a baseline: not valid JSON (give an earlier SARIF or JSON report of mcp-assay)");
  if (doc.is_object() && doc.contains("runs") && doc["runs"].is_array() && doc.contains("version")) {
    out.format = "sarif";
    const json& runs = doc["runs"];
    std::string driver;
    if (!runs.empty() && runs[0].is_object())
      driver = runs[0].value("tool", json::object()).value("driver", json::object()).value("name", "");
    if (driver != "mcp-assay")
      throw input_error(path + ": not a baseline: a SARIF log of " + (driver.empty() ? "an unknown tool" : "'" + driver + "'") +
                        ", not of mcp-assay (fingerprints would never match)");
    read_sarif(doc, out);
  } else if (doc.is_object() && doc.contains("schemaVersion") && doc.contains("findings") &&
             doc.value("tool", json::object()).value("name", "") == "mcp-assay") {
    out.format = "json";
    read_json_report(doc, out);
  } else {
    throw input_error(path + ": not a baseline: neither a SARIF log nor an mcp-assay JSON report");
  }
  return out;
}

Baseline load_baseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error(path + ": cannot read the baseline");
  std::string text;
  text.resize(kMaxBaselineBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxBaselineBytes) throw input_error(path + ": baseline larger than 256 MiB");
  return parse_baseline(text, path);
}

std::size_t apply_baseline(ScanResult& result, const Baseline& baseline) {
  result.baseline_file = baseline.file;
  std::size_t count = 0;
  for (auto* list : {&result.findings, &result.suppressed})
    for (auto& f : *list) {
      if (f.fingerprint.empty()) f.fingerprint = compute_fingerprint(f);
      f.baselined = baseline.fingerprints.count(f.fingerprint) > 0;
      count += list == &result.findings && f.baselined;
    }
  return count;
}

}  // namespace assay::gate
