#!/usr/bin/env bash
# The SARIF a CI gate uploads — compared to a baseline, with project-config ignores shown as
# suppressions and an expired ignore noted — passes Microsoft's SARIF validator (GitHub and SARIF
# rule kinds) with zero errors. Usage: bash tests/docs_ci_sarif.sh PATH-TO-mcp-assay (from the repo root).
set -u

cli="${1:?usage: docs_ci_sarif.sh PATH-TO-mcp-assay}"
validator="testdata/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [[ ! -x "$validator" ]]; then
  echo "FAIL: SARIF validator not found or not executable at $validator; run .ci/setup" >&2
  exit 1
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
poisoned=testdata/dumps/weather-exfil-param.tools.json
benign=testdata/dumps/weather-benign.tools.json

"$cli" scan --no-config --format sarif -o "$tmp/baseline.sarif" "$poisoned"
first_rule="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).runs[0].results[0].ruleId)' "$tmp/baseline.sarif")"
cat >"$tmp/gate.yaml" <<YAML
ignore:
  - rule: $first_rule
    reason: accepted in review SR-7
  - server: nobody
    reason: an old waiver
    expires: 2020-01-01
YAML
"$cli" scan --config "$tmp/gate.yaml" --baseline "$tmp/baseline.sarif" --show-suppressed \
  --format sarif -o "$tmp/out.sarif" "$poisoned" "$benign" 2>/dev/null
status=$?
if (( status != 0 )); then
  echo "FAIL: the gated scan exited with $status (every finding is baselined or ignored)" >&2
  exit 1
fi
grep -q '"baselineState": "unchanged"' "$tmp/out.sarif" || { echo "FAIL: no baselineState in the SARIF" >&2; exit 1; }
grep -q '"kind": "external"' "$tmp/out.sarif" || { echo "FAIL: no external suppression in the SARIF" >&2; exit 1; }

DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$validator" validate "$tmp/out.sarif" \
  --rule-kind "Gh;Sarif" --log ForceOverwrite -o "$tmp/validation.sarif" >"$tmp/validator.log" 2>&1
if [[ ! -s "$tmp/validation.sarif" ]]; then
  echo "FAIL: the SARIF validator wrote no output:" >&2
  cat "$tmp/validator.log" >&2
  exit 1
fi
errors="$(node -e '
  const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const level = (r, rules) => r.level ||
    ((rules.find((d) => d.id === r.ruleId) || {}).defaultConfiguration || {}).level || "warning";
  for (const run of log.runs || [])
    for (const r of run.results || [])
      if (level(r, run.tool.driver.rules || []) === "error")
        console.log(`${r.ruleId}: ${((r.message || {}).arguments || []).join(" | ")}`);
' "$tmp/validation.sarif")" || { echo "FAIL: could not read the validator's output" >&2; exit 1; }
if [[ -n "$errors" ]]; then
  echo "FAIL: the gated SARIF has validation errors:" >&2
  echo "$errors" >&2
  exit 1
fi
echo "ok: a baselined, config-suppressed SARIF passes the validator (Gh;Sarif) with zero errors"
