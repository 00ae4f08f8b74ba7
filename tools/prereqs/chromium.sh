#!/usr/bin/env bash
# The browser of SwaggerLoginE2ETest (e2e module): Debian's chromium, driven headless by Playwright for Java,
# which downloads no browser of its own (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD). Installs it when it is missing.
set -euo pipefail

CHROMIUM="${E2E_CHROMIUM:-/usr/bin/chromium}"

if [[ -x "$CHROMIUM" ]] && "$CHROMIUM" --headless --version >/dev/null 2>&1; then
  exit 0
fi
command -v apt-get >/dev/null || { echo "chromium.sh: $CHROMIUM is missing and this is not a Debian/Ubuntu system; install chromium" >&2; exit 1; }
sudo=()
[[ "$(id -u)" -eq 0 ]] || sudo=(sudo)
echo "Installing Debian's chromium (browser of the Swagger UI login test)…"
# another installer may hold the dpkg lock for a while: wait for it instead of failing
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends chromium
"$CHROMIUM" --headless --version >/dev/null 2>&1 || { echo "chromium.sh: $CHROMIUM does not run after installation" >&2; exit 1; }
