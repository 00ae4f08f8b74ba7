#!/usr/bin/env bash
# Stops the pods of deploy/podman/up.sh. With --volumes, also deletes their data (PostgreSQL, Redis, the MongoDB wire
# server), the generated credentials and the issuer keys the evaluation service generated, so that the next up starts
# empty.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$HERE/containers.conf}"
OUT="${PODMAN_STATE:-$HERE/target}"
for file in services.yaml stores.yaml; do
  [[ -f "$OUT/$file" ]] && podman kube down "$OUT/$file" >/dev/null 2>&1 || true
done
if [[ "${1:-}" == --volumes ]]; then
  for volume in bts-suite-pgdata bts-suite-redisdata bts-suite-mongodata; do
    podman volume rm -f "$volume" >/dev/null 2>&1 || true
  done
  rm -f "$OUT/secrets.json" "$OUT/secrets.yaml"
  rm -rf "$OUT/bts-suite-credential-keys"
  echo "podman-down: pods, volumes and generated credentials removed"
else
  echo "podman-down: pods removed (data volumes kept; --volumes deletes them)"
fi
