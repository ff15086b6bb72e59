#!/usr/bin/env bash
# Runs the mcp-assay commands of every docs/ci/ example (GitHub Actions, GitLab CI, pre-commit)
# exactly as written, against a benign and a poisoned fixture project, and checks each YAML
# parses and its exit codes and outputs. Usage: bash tests/docs_ci.sh PATH-TO-mcp-assay (from the repo root).
set -uo pipefail

cli="$(realpath "${1:?usage: docs_ci.sh PATH-TO-mcp-assay}")"
root="$(pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/cmd"
ln -s "$cli" "$tmp/bin/mcp-assay"
export PATH="$tmp/bin:$PATH"
unset GITHUB_STEP_SUMMARY MCP_ASSAY_TODAY

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_exit() {  # expect_exit WANT GOT WHAT
  [[ "$1" == "$2" ]] || fail "$3: exit code $2, expected $1"
}

# The commands, pulled out of the YAML the way each CI system reads it.
python3 - "$root" "$tmp/cmd" <<'PY' || { echo "FAIL: the docs/ci YAML does not parse or lacks its mcp-assay steps" >&2; exit 1; }
import sys, yaml
root, out = sys.argv[1:]

def save(name, lines):
    with open(f"{out}/{name}", "w") as f:
        f.write("set -e\n" + "\n".join(lines) + "\n")

gh = yaml.safe_load(open(f"{root}/docs/ci/github-actions.yml"))
steps = gh["jobs"]["scan"]["steps"]
scan = [s for s in steps if "mcp-assay scan" in s.get("run", "")]
assert len(scan) == 1, "one scan step"
upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
assert len(upload) == 1 and upload[0]["with"]["sarif_file"] == "mcp-assay.sarif", "uploads the scan's SARIF"
assert "failure()" in upload[0]["if"], "uploads even when the gate fails"
assert gh["permissions"]["security-events"] == "write"
save("github.sh", [scan[0]["run"]])

gl = yaml.safe_load(open(f"{root}/docs/ci/gitlab-ci.yml"))["mcp-assay"]
save("gitlab-script.sh", gl["script"])
save("gitlab-after.sh", gl["after_script"])
with open(f"{out}/gitlab-artifacts", "w") as f:
    f.write("\n".join(gl["artifacts"]["paths"] + [gl["artifacts"]["reports"]["codequality"]]) + "\n")

hooks = yaml.safe_load(open(f"{root}/.pre-commit-hooks.yaml"))
hook = {h["id"]: h for h in hooks}["mcp-assay"]
assert hook["pass_filenames"] is False and hook["language"] == "system"
cfg = yaml.safe_load(open(f"{root}/docs/ci/pre-commit-config.yaml"))
assert cfg["repos"][0]["hooks"][0]["id"] in {h["id"] for h in hooks}, "the example names a hook that exists"
save("pre-commit-framework.sh", [hook["entry"] + " " + " ".join(hook.get("args", []))])
PY

project() {  # project NAME FIXTURE: a repository holding one fixture server's source
  rm -rf "$tmp/$1"
  cp -r "$root/testdata/servers/$2" "$tmp/$1"
  echo "$tmp/$1"
}

# --- GitHub Actions -----------------------------------------------------------------------
dir="$(project gh-benign weather-benign)"
(cd "$dir" && GITHUB_STEP_SUMMARY="$dir/summary.md" bash "$tmp/cmd/github.sh" >/dev/null 2>"$dir/err")
expect_exit 0 $? "github-actions scan step on a benign server"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["version"] == "2.1.0"' "$dir/mcp-assay.sarif" ||
  fail "github-actions: mcp-assay.sarif is not a SARIF 2.1.0 log"
grep -q '^## mcp-assay report' "$dir/summary.md" 2>/dev/null || fail "github-actions: no job summary in \$GITHUB_STEP_SUMMARY"

dir="$(project gh-poisoned weather-exfil-param)"
(cd "$dir" && GITHUB_STEP_SUMMARY="$dir/summary.md" bash "$tmp/cmd/github.sh" >/dev/null 2>"$dir/err")
expect_exit 1 $? "github-actions scan step on a poisoned server"
results=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' "$dir/mcp-assay.sarif")
[[ "$results" -gt 0 ]] || fail "github-actions: the poisoned server's SARIF has no results"
# The same findings, accepted into a committed baseline, no longer fail the job.
cp "$dir/mcp-assay.sarif" "$dir/mcp-assay-baseline.sarif"
(cd "$dir" && bash "$tmp/cmd/github.sh" >/dev/null 2>"$dir/err")
expect_exit 0 $? "github-actions scan step with a baseline holding every finding"
grep -q '"baselineState": "unchanged"' "$dir/mcp-assay.sarif" || fail "github-actions: baselined results not marked unchanged"

# --- GitLab CI ----------------------------------------------------------------------------
for case in "gl-benign weather-benign 0" "gl-poisoned weather-exfil-param 1"; do
  read -r name fixture want <<<"$case"
  dir="$(project "$name" "$fixture")"
  (cd "$dir" && bash "$tmp/cmd/gitlab-script.sh" >/dev/null 2>"$dir/err")
  expect_exit "$want" $? "gitlab-ci script on $fixture"
  if command -v jq >/dev/null; then
    (cd "$dir" && bash "$tmp/cmd/gitlab-after.sh" 2>"$dir/err")
    expect_exit 0 $? "gitlab-ci after_script (Code Quality) on $fixture"
    while read -r artefact; do
      [[ -s "$dir/$artefact" ]] || fail "gitlab-ci: artefact $artefact missing for $fixture"
    done <"$tmp/cmd/gitlab-artifacts"
    n=$(jq length "$dir/gl-code-quality.json")
    if [[ "$want" == 1 ]]; then [[ "$n" -gt 0 ]] || fail "gitlab-ci: no Code Quality entries for $fixture"; fi
    jq -e 'all(.[]; .severity and .fingerprint and .location.path and .location.lines.begin)' \
      "$dir/gl-code-quality.json" >/dev/null || fail "gitlab-ci: Code Quality entries lack required fields"
  else
    fail "jq is not installed (.ci/setup installs it): the GitLab Code Quality step was not run"
  fi
done

# --- pre-commit (framework hook and plain git hook) ---------------------------------------
for case in "pc-benign weather-benign 0" "pc-poisoned weather-exfil-param 1"; do
  read -r name fixture want <<<"$case"
  dir="$(project "$name" "$fixture")"
  (cd "$dir" && bash "$tmp/cmd/pre-commit-framework.sh" >/dev/null 2>&1)
  expect_exit "$want" $? "pre-commit framework hook on $fixture"
  (cd "$dir" && sh "$root/docs/ci/pre-commit" >/dev/null 2>&1)
  expect_exit "$want" $? "plain git pre-commit hook on $fixture"
done

if ((failures)); then
  echo "docs_ci: $failures failure(s)" >&2
  exit 1
fi
echo "docs_ci: GitHub Actions, GitLab CI and pre-commit examples behave as documented"
