#!/usr/bin/env bash
# The OpenAPI lint gate (issue 12): each service's document (REFERENTIAL_URL, DOSSIER_URL, EVALUATION_URL: /q/openapi)
# and the gateway's aggregated one (GATEWAY_URL/api/docs/openapi.json), linted by two independent linters, redocly
# (redocly.yaml) and spectral (.spectral.yaml). Fails on any error of either linter, on a duplicated operationId or on
# an operation without one; prints the warnings count and the figures of each document (openapi-stats.mjs).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
TOOLS="$(dirname "$HERE")"
BIN="$TOOLS/node_modules/.bin"
[[ -x "$BIN/redocly" && -x "$BIN/spectral" ]] || bash "$TOOLS/prereqs/npm-tools.sh"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

documents=(
  "referential ${REFERENTIAL_URL:?}/q/openapi?format=json"
  "dossier ${DOSSIER_URL:?}/q/openapi?format=json"
  "evaluation ${EVALUATION_URL:?}/q/openapi?format=json"
  "gateway ${GATEWAY_URL:?}/api/docs/openapi.json"
)

count() { # file jsonpath-ish: node prints the counts of a linter's JSON report
  node -e '
    const fs = require("fs");
    const [kind, file] = process.argv.slice(1);
    const report = JSON.parse(fs.readFileSync(file, "utf8"));
    const problems = kind === "redocly" ? report.problems : report;
    const errors = problems.filter(p => kind === "redocly" ? p.severity === "error" : p.severity === 0).length;
    const warnings = problems.filter(p => kind === "redocly" ? p.severity === "warn" : p.severity === 1).length;
    console.log(errors + " " + warnings);' "$1" "$2"
}

failed=0
for entry in "${documents[@]}"; do
  name="${entry%% *}"
  url="${entry#* }"
  file="$WORK/$name.json"
  if ! curl -sf --max-time 30 -o "$file" "$url"; then
    echo "openapi-lint: $name: cannot fetch $url" >&2
    failed=1
    continue
  fi
  "$BIN/redocly" lint "$file" --config "$HERE/redocly.yaml" --max-problems 100000 --format=json \
    > "$WORK/$name.redocly.json" 2>/dev/null || true
  "$BIN/spectral" lint "$file" --ruleset "$HERE/.spectral.yaml" --format json --quiet --fail-severity error \
    > "$WORK/$name.spectral.json" 2>/dev/null || true
  [[ -s "$WORK/$name.redocly.json" ]] || { echo "openapi-lint: $name: redocly gave no report" >&2; failed=1; continue; }
  [[ -s "$WORK/$name.spectral.json" ]] || { echo "openapi-lint: $name: spectral gave no report" >&2; failed=1; continue; }
  read -r r_errors r_warnings < <(count redocly "$WORK/$name.redocly.json")
  read -r s_errors s_warnings < <(count spectral "$WORK/$name.spectral.json")
  stats="$(node "$HERE/openapi-stats.mjs" "$file")"
  echo "openapi-lint: $name: redocly $r_errors errors, $r_warnings warnings; spectral $s_errors errors, $s_warnings warnings; $stats"
  if (( r_errors > 0 )); then
    "$BIN/redocly" lint "$file" --config "$HERE/redocly.yaml" --max-problems 50 --format=stylish 2>/dev/null | grep -i " error " >&2 || true
    failed=1
  fi
  if (( s_errors > 0 )); then
    "$BIN/spectral" lint "$file" --ruleset "$HERE/.spectral.yaml" --format text --quiet --fail-severity error 2>/dev/null | grep -i " error " | head -50 >&2 || true
    failed=1
  fi
  if ! node -e '
      const s = JSON.parse(process.argv[1]);
      process.exit(s.withOperationId === s.operations && s.duplicateOperationIds.length === 0 ? 0 : 1)' "$stats"; then
    echo "openapi-lint: $name: every operation needs its own operationId" >&2
    failed=1
  fi
done
exit "$failed"
