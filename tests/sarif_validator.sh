#!/usr/bin/env bash
# Scans testdata/dumps/*.tools.json with the built CLI ($1) and requires zero error-level results from
# Microsoft's SARIF validator (GitHub and SARIF rule kinds). Run from the repository root.
set -u

cli="${1:?usage: sarif_validator.sh PATH-TO-mcp-assay}"
validator="testdata/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

if [[ ! -e "$validator" ]]; then
  echo "FAIL: SARIF validator not found at $validator; run .ci/setup to install it" >&2
  exit 1
fi
if [[ ! -x "$validator" ]]; then
  echo "FAIL: $validator is not executable (npm skipped its postinstall chmod); run .ci/setup" >&2
  exit 1
fi
shopt -s nullglob
# *.tools.json are the valid dumps; invalid.json and not-a-dump.json exist to make scans fail.
dumps=(testdata/dumps/*.tools.json)
if (( ${#dumps[@]} == 0 )); then
  echo "FAIL: no testdata/dumps/*.tools.json to scan" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Exit code 1 means findings, which the dumps are meant to have.
"$cli" scan --format sarif -o "$tmp/out.sarif" "${dumps[@]}"
status=$?
if (( status != 0 && status != 1 )); then
  echo "FAIL: mcp-assay scan exited with $status" >&2
  exit 1
fi
if [[ ! -s "$tmp/out.sarif" ]]; then
  echo "FAIL: mcp-assay scan wrote no SARIF to $tmp/out.sarif" >&2
  exit 1
fi

# The validator exits non-zero when it finds errors; its SARIF output says which.
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$validator" validate "$tmp/out.sarif" \
  --rule-kind "Gh;Sarif" --log ForceOverwrite -o "$tmp/validation.sarif" >"$tmp/validator.log" 2>&1
if [[ ! -s "$tmp/validation.sarif" ]]; then
  echo "FAIL: the SARIF validator wrote no output:" >&2
  cat "$tmp/validator.log" >&2
  exit 1
fi

# Error-level results of the validator's own SARIF output, one line each.
errors="$(node -e '
  const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  // A result without a level takes its rule default, and "warning" without one (SARIF 3.27.10).
  const level = (r, rules) => r.level ||
    ((rules.find((d) => d.id === r.ruleId) || {}).defaultConfiguration || {}).level || "warning";
  for (const run of log.runs || [])
    for (const r of run.results || [])
      if (level(r, run.tool.driver.rules || []) === "error") {
        const where = ((r.locations || [])[0] || {}).physicalLocation || {};
        const args = ((r.message || {}).arguments || []).join(" | ");
        console.log(`${r.ruleId} (${(r.message || {}).id}) at line ${(where.region || {}).startLine}: ${args}`);
      }
' "$tmp/validation.sarif")" || { echo "FAIL: could not read the validator's output" >&2; exit 1; }

if [[ -n "$errors" ]]; then
  echo "FAIL: the SARIF from mcp-assay has validation errors:" >&2
  echo "$errors" >&2
  exit 1
fi
echo "ok: SARIF from ${#dumps[@]} dump(s) passes the validator (Gh;Sarif) with zero errors"
