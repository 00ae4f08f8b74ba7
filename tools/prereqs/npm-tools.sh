#!/usr/bin/env bash
# The npm tools of tools/package.json (the OpenAPI linters of tools/checks/openapi-lint.sh: @redocly/cli and
# @stoplight/spectral-cli), installed exactly as tools/package-lock.json pins them, once. Needs Node.js >= 20.19
# (redocly's floor): installed from Debian when missing. Idempotent; fails loudly.
set -euo pipefail
TOOLS="$(cd "$(dirname "$0")/.." && pwd)"

node_ok() {
  command -v node >/dev/null && command -v npm >/dev/null \
    && node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}

if ! node_ok; then
  echo "npm-tools: installing Node.js and npm (apt-get)"
  sudo_cmd=""
  [[ "$(id -u)" == 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq nodejs npm
  node_ok || { echo "npm-tools: Node.js >= 20.19 is required, found $(node --version 2>/dev/null || echo none)" >&2; exit 1; }
fi

if [[ -x "$TOOLS/node_modules/.bin/redocly" && -x "$TOOLS/node_modules/.bin/spectral" ]] \
    && [[ "$TOOLS/node_modules/.package-lock.json" -nt "$TOOLS/package-lock.json" ]]; then
  exit 0
fi
echo "npm-tools: npm ci in $TOOLS"
# no install scripts: the linters need none (one dependency's postinstall only reports usage)
(cd "$TOOLS" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
[[ -x "$TOOLS/node_modules/.bin/redocly" && -x "$TOOLS/node_modules/.bin/spectral" ]] \
  || { echo "npm-tools: npm ci did not install redocly and spectral" >&2; exit 1; }
