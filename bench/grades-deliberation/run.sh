#!/usr/bin/env bash
# Benchmark grades-deliberation (issue 5).
#
# 1. 5,000 candidates x 10 épreuves submitted through the batch API (500 grades per batch, Idempotency-Key,
#    4 concurrent jury apps) against raw JDBC batch inserts of the same rows into the same PostgreSQL
#    (a copy of the grade table with the same indexes, batches of 500, one connection, a commit per batch).
#    Before the timed batches, each client sends two batches the grading rules refuse (422, nothing stored), untimed,
#    so that the service is measured in its steady state rather than its first-use costs; the JDBC side likewise
#    inserts two batches and rolls them back, untimed.
# 2. Deliberation of the whole session (the engine over every candidate, timed through the API preview)
#    against a single SQL aggregation (weighted average per candidate) over the same grades. Both sides run WARM_UPS
#    times untimed first (default 3), then the median of 5 timed runs each. The baseline is flattering to SQL: it
#    computes only a weighted average, while the engine applies every rule (compulsory épreuves, absences, dispenses,
#    adjustments, bonus, rounding) and writes each candidate's explanation lines.
#
# What it starts, all on 127.0.0.1, all stopped at the end:
#   - PostgreSQL from the embedded binaries (devstack launcher jar), fresh data directory;
#   - the downstream services as small stubs (BenchTool.java stub): a referential version with 10 épreuves and
#     a registration snapshot of 5,000 candidates, shapes of docs/contracts.md;
#   - evaluation-service itself (target/quarkus-app, built when missing or older than its sources).
#
# Tokens: BenchTool generates an RSA key pair and signs RS256 access tokens (issuer, audience bts-suite, expiry,
# preferred_username, academie, roles in `groups`). The stub also plays the OIDC realm: it serves the discovery
# document and the JWKS with the public key at http://127.0.0.1:$STUB_PORT/realms/bts-suite, and the service's
# OIDC_AUTH_SERVER_URL points there, so quarkus-oidc verifies signature, issuer, audience and expiry exactly as
# with Keycloak — no Keycloak needed, nothing in the service is bypassed or reconfigured but the URL.
#
# BENCH_PART=grades runs part 1 only (then verifies the audit chain and prints the grades ratio); BENCH_PART=deliberation
# skips the raw JDBC baseline of part 1 (the grades still go through the API) and prints the deliberation ratio only; SVC_JAVA_OPTS adds JVM
# options to the service alone (e.g. -XX:StartFlightRecording=filename=/tmp/svc.jfr,settings=profile to profile it).
#
# Each phase also prints the CPU time per item of the service and of PostgreSQL (its postmaster's process tree), a
# steadier figure than the wall time on a shared machine.
#
# Ends with `ratio grades_api_vs_jdbc X` (higher is better, target >= 0.4, issue 16) and
# `ratio deliberation_time_vs_sql Y` (lower is better, target <= 3, issue 16).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
bench_prereqs java curl

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CANDIDATES="${CANDIDATES:-5000}"
EPREUVES="${EPREUVES:-10}"
BATCH="${BATCH:-500}"
CLIENTS="${CLIENTS:-4}"
PG_PORT="${PG_PORT:-55442}"
STUB_PORT="${STUB_PORT:-58081}"
SVC_PORT="${SVC_PORT:-58083}"
APP="$ROOT/evaluation-service/target/quarkus-app/quarkus-run.jar"
bench_workdir bench-grades
ensure_built devstack
ensure_built evaluation-service

echo "== starting PostgreSQL on 127.0.0.1:$PG_PORT"
start_postgres "$PG_PORT" evaluation
# the postmaster (pg_ctl detaches it from the launcher): its backends' CPU is PostgreSQL's share of each phase
PG_PID="$(find "$WORK/pg" -name postmaster.pid -exec head -n 1 {} \; -quit 2>/dev/null || true)"

echo "== keys, stubs on 127.0.0.1:$STUB_PORT"
java -cp "$LAUNCHER" "$HERE/BenchTool.java" keys "$WORK/keys"
spawn "$WORK/stub.log" java -Xmx512m -cp "$LAUNCHER" "$HERE/BenchTool.java" stub "$STUB_PORT" "$CANDIDATES" "$EPREUVES" "$WORK/keys"
wait_log "$WORK/stub.log" "stubs ready" 60

echo "== starting evaluation-service on 127.0.0.1:$SVC_PORT"
spawn "$WORK/service.log" env EVALUATION_PORT="$SVC_PORT" \
EVALUATION_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/evaluation" \
REFERENTIAL_URL="http://127.0.0.1:$STUB_PORT" DOSSIER_URL="http://127.0.0.1:$STUB_PORT" \
OIDC_AUTH_SERVER_URL="http://127.0.0.1:$STUB_PORT/realms/bts-suite" \
OIDC_AUDIENCE="bts-suite" \
QUARKUS_HTTP_HOST=127.0.0.1 \
QUARKUS_LOG_LEVEL=WARN \
  java -Xmx1g ${SVC_JAVA_OPTS:-} -jar "$APP"
SVC_PID="$SPAWNED"
wait_http "http://127.0.0.1:$SVC_PORT/q/health/ready" 120 "$WORK/service.log"

echo "== running: $CANDIDATES candidates x $EPREUVES épreuves"
BENCH_SVC_PID="$SVC_PID" BENCH_PG_PID="$PG_PID" java -Xmx1g -cp "$LAUNCHER" "$HERE/BenchTool.java" run "http://127.0.0.1:$SVC_PORT" \
  "jdbc:postgresql://127.0.0.1:$PG_PORT/evaluation" "$WORK/keys" "$CANDIDATES" "$EPREUVES" "$BATCH" "$CLIENTS" \
  "http://127.0.0.1:$STUB_PORT/realms/bts-suite" \
  || { tail -40 "$WORK/service.log"; exit 1; }
