#!/usr/bin/env bash
# Benchmark grades-deliberation (issue 5).
#
# 1. 5,000 candidates x 10 épreuves submitted through the batch API (500 grades per batch, Idempotency-Key,
#    4 concurrent jury apps) against raw JDBC batch inserts of the same rows into the same PostgreSQL
#    (a copy of the grade table with the same indexes, batches of 500, one connection, a commit per batch).
# 2. Deliberation of the whole session (the engine over every candidate, timed through the API preview)
#    against a single SQL aggregation (weighted average per candidate) over the same grades.
#
# What it starts, all on 127.0.0.1, all stopped at the end:
#   - PostgreSQL from the embedded binaries (devstack launcher jar), fresh data directory;
#   - the downstream services as small stubs (BenchTool.java stub): a referential version with 10 épreuves and
#     a registration snapshot of 5,000 candidates, shapes of docs/contracts.md;
#   - evaluation-service itself (target/quarkus-app, built with `mvn -o -pl evaluation-service package` if missing).
#
# Tokens: BenchTool generates an RSA key pair and signs RS256 access tokens (issuer, audience bts-suite, expiry,
# preferred_username, academie, roles in `groups`). The stub also plays the OIDC realm: it serves the discovery
# document and the JWKS with the public key at http://127.0.0.1:$STUB_PORT/realms/bts-suite, and the service's
# OIDC_AUTH_SERVER_URL points there, so quarkus-oidc verifies signature, issuer, audience and expiry exactly as
# with Keycloak — no Keycloak needed, nothing in the service is bypassed or reconfigured but the URL.
#
# Ends with `ratio grades_api_vs_jdbc X` (higher is better, target >= 0.2) and
# `ratio deliberation_time_vs_sql Y` (lower is better, target <= 10).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CANDIDATES="${CANDIDATES:-5000}"
EPREUVES="${EPREUVES:-10}"
BATCH="${BATCH:-500}"
CLIENTS="${CLIENTS:-4}"
PG_PORT="${PG_PORT:-55442}"
STUB_PORT="${STUB_PORT:-58081}"
SVC_PORT="${SVC_PORT:-58083}"
LAUNCHER="$ROOT/devstack/target/devstack-1.0.0-SNAPSHOT-launcher.jar"
APP="$ROOT/evaluation-service/target/quarkus-app/quarkus-run.jar"
WORK="$(mktemp -d /tmp/bench-grades.XXXXXX)"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_for() { # url seconds
  for _ in $(seq 1 "$2"); do
    if curl -fs -o /dev/null "$1"; then return 0; fi
    sleep 1
  done
  echo "timeout waiting for $1" >&2
  return 1
}

[ -f "$LAUNCHER" ] || { echo "missing $LAUNCHER (build devstack first)" >&2; exit 1; }
if [ ! -f "$APP" ] || [ -n "$(find "$ROOT/evaluation-service/src/main" "$ROOT/evaluation-service/pom.xml" -newer "$APP" -print -quit)" ]; then
  echo "== packaging evaluation-service (sources newer than $APP)"
  (cd "$ROOT" && mvn -B -o -q -pl evaluation-service package -DskipTests)
fi

echo "== starting PostgreSQL on 127.0.0.1:$PG_PORT"
java -Xmx256m -cp "$LAUNCHER" fr.bts.devstack.EmbeddedPostgresLauncher "$WORK/pg" "$PG_PORT" evaluation > "$WORK/pg.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do grep -qs "PostgreSQL ready" "$WORK/pg.log" && break; sleep 1; done
grep -q "PostgreSQL ready" "$WORK/pg.log" || { cat "$WORK/pg.log"; exit 1; }

echo "== keys, stubs on 127.0.0.1:$STUB_PORT"
java -cp "$LAUNCHER" "$HERE/BenchTool.java" keys "$WORK/keys"
java -Xmx512m -cp "$LAUNCHER" "$HERE/BenchTool.java" stub "$STUB_PORT" "$CANDIDATES" "$EPREUVES" "$WORK/keys" > "$WORK/stub.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do grep -qs "stubs ready" "$WORK/stub.log" && break; sleep 1; done

echo "== starting evaluation-service on 127.0.0.1:$SVC_PORT"
EVALUATION_PORT="$SVC_PORT" \
EVALUATION_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/evaluation" \
REFERENTIAL_URL="http://127.0.0.1:$STUB_PORT" DOSSIER_URL="http://127.0.0.1:$STUB_PORT" \
OIDC_AUTH_SERVER_URL="http://127.0.0.1:$STUB_PORT/realms/bts-suite" \
OIDC_AUDIENCE="bts-suite" \
QUARKUS_HTTP_HOST=127.0.0.1 \
QUARKUS_LOG_LEVEL=WARN \
  java -Xmx1g -jar "$APP" > "$WORK/service.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$SVC_PORT/q/health/ready" 120 || { tail -50 "$WORK/service.log"; exit 1; }

echo "== running: $CANDIDATES candidates x $EPREUVES épreuves"
java -Xmx1g -cp "$LAUNCHER" "$HERE/BenchTool.java" run "http://127.0.0.1:$SVC_PORT" \
  "jdbc:postgresql://127.0.0.1:$PG_PORT/evaluation" "$WORK/keys" "$CANDIDATES" "$EPREUVES" "$BATCH" "$CLIENTS" \
  "http://127.0.0.1:$STUB_PORT/realms/bts-suite" \
  || { tail -40 "$WORK/service.log"; exit 1; }
