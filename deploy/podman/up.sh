#!/usr/bin/env bash
# Runs deploy/k8s with `podman kube play`: the stores (PostgreSQL, Redis, the MongoDB wire server, Keycloak), then the
# four services, from the images of deploy/images/build.sh, and waits until the gateway is ready.
#
#   deploy/podman/up.sh            (again: replaces the running pods, keeps the data volumes)
#   deploy/podman/down.sh [--volumes]
#
# The pods come from deploy/podman/render.py, which derives them from the production manifests at each run.
# Environment: PODMAN_GATEWAY_PORT (28080), PODMAN_KEYCLOAK_PORT (28180), PODMAN_STATE (deploy/podman/target:
# the rendered pods and the generated credentials), PODMAN_STARTUP_TIMEOUT (seconds, 600),
# KEYCLOAK_ADMIN_PASSWORD (first deployment only; admin).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$HERE/containers.conf}"
GATEWAY_PORT="${PODMAN_GATEWAY_PORT:-28080}"
KEYCLOAK_PORT="${PODMAN_KEYCLOAK_PORT:-28180}"
OUT="${PODMAN_STATE:-$HERE/target}"
TIMEOUT="${PODMAN_STARTUP_TIMEOUT:-600}"
IMAGES=(postgres redis keycloak mongo-wire referential-service dossier-service evaluation-service gateway)

say() { printf 'podman-up: %s\n' "$*"; }
fail() { printf 'podman-up: %s\n' "$*" >&2; exit 1; }

for image in "${IMAGES[@]}"; do
  podman image exists "localhost/bts/$image:1.0.0" || fail "image localhost/bts/$image:1.0.0 is missing: run deploy/images/build.sh"
done

start=$(date +%s)
deadline=$(( start + TIMEOUT ))
# wait_for <what> <command…>: polls the command once a second until it succeeds or the startup timeout is reached.
wait_for() {
  local what="$1"; shift
  until "$@" >/dev/null 2>&1; do
    (( $(date +%s) < deadline )) || fail "$what not ready after ${TIMEOUT}s (podman logs <pod>-<container>; PODMAN_STARTUP_TIMEOUT)"
    sleep 1
  done
  say "$what ready after $(( $(date +%s) - start )) s"
}
http_ok() { curl -fsS -o /dev/null --max-time 5 "$1"; }

python3 "$HERE/render.py" --out "$OUT" --gateway-port "$GATEWAY_PORT" --keycloak-port "$KEYCLOAK_PORT"
play() { podman kube play --replace --configmap "$OUT/config.yaml" --configmap "$OUT/secrets.yaml" "$OUT/$1" >"$OUT/play-$1.log" \
  || { cat "$OUT/play-$1.log" >&2; fail "podman kube play $1 failed"; }; }

play stores.yaml
wait_for postgres podman exec postgres-postgres pg_isready -q -h 127.0.0.1
wait_for keycloak http_ok "http://localhost:$KEYCLOAK_PORT/realms/bts-suite/.well-known/openid-configuration"
play services.yaml
wait_for gateway http_ok "http://localhost:$GATEWAY_PORT/q/health/ready"
say "up in $(( $(date +%s) - start )) s: gateway http://localhost:$GATEWAY_PORT, Keycloak http://localhost:$KEYCLOAK_PORT"
say "smoke test: ./mvnw -B -Pe2e -pl e2e verify -Dtest=SmokeE2ETest -De2e.gateway.url=http://localhost:$GATEWAY_PORT -De2e.keycloak.url=http://localhost:$KEYCLOAK_PORT"
