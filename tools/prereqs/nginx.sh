#!/usr/bin/env bash
# nginx for SharedCacheE2ETest (a real shared HTTP cache, proxy_cache, in front of the gateway) and the benchmarks:
# Debian's nginx-light. Does nothing when an nginx binary is present.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# the dpkg lock may be held by another installer for a while: retry, then fail loudly
for attempt in 1 2 3 4 5 6; do
  if $SUDO apt-get install -y --no-install-recommends nginx-light; then
    break
  fi
  if [ "$attempt" = 6 ]; then
    echo "nginx.sh: apt-get install nginx-light failed" >&2
    exit 1
  fi
  $SUDO apt-get update || true
  sleep 10
done
# the package starts a system nginx on port 80 where it can; the tests run their own
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { echo "nginx.sh: no nginx after install" >&2; exit 1; }
