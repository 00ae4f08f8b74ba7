#!/usr/bin/env bash
# bench/dossier-import — 10,000 registrations through POST /api/dossiers/v1/imports (full validation against the
# referential version, bean validation, duplicate checks, per-row report) versus the same documents inserted with
# the official driver's insertMany into the same MongoDB wire server. Everything runs on 127.0.0.1:
#   - the MongoDB wire server with its H2 file backend (devstack launcher jar),
#   - a referential stub serving the contract-shaped versions of BTS-SAM and BTS-GPME (referential_stub.py),
#   - dossier-service from its jar, verifying bearer tokens against a local RSA public key
#     (QUARKUS_OIDC_PUBLIC_KEY; no Keycloak needed): the script makes an RS256 token with openssl, issuer
#     "bench-issuer", audience "bts-suite", role rectorat, académie "versailles".
# The service's MongoDB read timeout (an outage bound, 2.5 s) is raised to MONGO_READ_TIMEOUT (60s): on a loaded
# machine the wire server may take longer than that to answer one insertMany of 10,000 documents, which is no outage.
# SERVICE_JAVA_OPTS adds JVM options to the service, e.g. a JFR recording of the import:
#   SERVICE_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/import.jfr,settings=profile" bench/dossier-import/run.sh
# (the recording is written when the script stops the service, so give a path outside the work directory);
# MONGO_JAVA_OPTS does the same for the MongoDB wire server. WIRE_JFR_DIR=<dir> records the wire server itself (JFR,
# profile settings, started and stopped with jcmd) once during the API import (wire-api.jfr) and once during the
# whole insertMany baseline (wire-baseline.jfr), to compare what each makes it do (`jfr print --events
# jdk.ExecutionSample`, or `jfr view hot-methods` on JDK 21+). SERVICE_JAR runs another build of the service (e.g. a
# copy of an earlier target/quarkus-app, to compare two commits in one session).
# Besides wall-clock times it prints the CPU time the wire server and the service spend on the import, and the wire
# server's on each baseline insert: figures that do not depend on who else shares the machine; and the wire server's
# CPU by thread kind (workers, JIT, GC) over the API import and over the whole baseline.
# Output ends with: ratio api_vs_insertmany <api rows/s ÷ insertMany docs/s>
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
bench_prereqs java curl python3 openssl

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROWS="${ROWS:-10000}"
WARMUP_ROWS="${WARMUP_ROWS:-2000}"
SERVICE_JAR="${SERVICE_JAR:-$ROOT/dossier-service/target/quarkus-app/quarkus-run.jar}"
bench_workdir dossier-import-bench

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

ensure_built dossier-service
ensure_built devstack

# Ports: free ones by default; IMPORT_MONGO_PORT, IMPORT_REF_PORT, IMPORT_SVC_PORT pin them (a port block of one's own).
MONGO_PORT="${IMPORT_MONGO_PORT:-$(free_port)}"; REF_PORT="${IMPORT_REF_PORT:-$(free_port)}"; SVC_PORT="${IMPORT_SVC_PORT:-$(free_port)}"

spawn "$WORK/mongo.log" java -Xmx512m ${MONGO_JAVA_OPTS:-} -cp "$LAUNCHER" fr.bts.devstack.MongoWireServerLauncher "$WORK/mongo/bench.mv" "$MONGO_PORT"
MONGO_PID="$SPAWNED"
spawn "$WORK/stub.log" python3 "$HERE/referential_stub.py" "$REF_PORT" "$ROOT/dossier-service/src/test/resources/referential"
wait_http "http://127.0.0.1:$REF_PORT/api/referential/v1/certifications/BTS-SAM/versions/1" 60 "$WORK/stub.log"
wait_log "$WORK/mongo.log" "ready" 30

openssl genrsa -out "$WORK/key.pem" 2048 2>/dev/null
PUBLIC_KEY="$(openssl rsa -in "$WORK/key.pem" -pubout -outform DER 2>/dev/null | base64 -w0)"
NOW="$(date +%s)"
TOKEN="$(sign_rs256 "$WORK/key.pem" "$(printf '{"iss":"bench-issuer","aud":"bts-suite","sub":"bench-rectorat","preferred_username":"rectorat-bench","academie":"versailles","groups":["rectorat"],"realm_access":{"roles":["rectorat"]},"iat":%d,"exp":%d}' "$NOW" "$((NOW + 3600))")")"

spawn "$WORK/service.log" env DOSSIER_PORT="$SVC_PORT" DOSSIER_MONGODB_URL="mongodb://127.0.0.1:$MONGO_PORT" REFERENTIAL_URL="http://127.0.0.1:$REF_PORT" \
  QUARKUS_MONGODB_WRITE_CONCERN_JOURNAL="${JOURNAL:-true}" DOSSIER_MONGODB_READ_TIMEOUT="${MONGO_READ_TIMEOUT:-60s}" QUARKUS_OIDC_PUBLIC_KEY="$PUBLIC_KEY" QUARKUS_OIDC_TOKEN_ISSUER="bench-issuer" OIDC_AUDIENCE="bts-suite" \
  java -Xmx1g ${SERVICE_JAVA_OPTS:-} -Dquarkus.oidc.auth-server-url= -jar "$SERVICE_JAR"
SERVICE_PID="$SPAWNED"
wait_http "http://127.0.0.1:$SVC_PORT/q/health/ready" 60 "$WORK/service.log"

python3 "$HERE/gen_rows.py" "$WARMUP_ROWS" 2025 WRM > "$WORK/warmup.json"
python3 "$HERE/gen_rows.py" "$ROWS" 2026 BEN > "$WORK/rows.json"

import_rows() {
  curl -sS -o "$2" -w '%{http_code} %{time_total}\n' -X POST "http://127.0.0.1:$SVC_PORT/api/dossiers/v1/imports" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H "Idempotency-Key: bench-$(basename "$1")" \
    --data-binary "@$1"
}
read -r WCODE WTIME < <(import_rows "$WORK/warmup.json" "$WORK/warmup-report.json")
[[ "$WCODE" == 200 ]] || { echo "warm-up import answered $WCODE"; head -c 600 "$WORK/warmup-report.json"; tail -20 "$WORK/service.log"; exit 1; }
# user + system CPU seconds of a process
cpu_seconds() { awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$1/stat"; }
# The CPU seconds the wire server's threads spend over one phase, by kind: its workers (the commands), the JIT
# compilers, the garbage collector, the rest. A phase that runs first pays the JIT compilation of the store's code.
thread_cpu() { # pid: "<thread name> <user+system ticks>" per live thread
  local stat
  for stat in /proc/"$1"/task/*/stat; do
    awk '{ match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2); gsub(/ /, "_", name)
           split(substr($0, RSTART + RLENGTH + 1), f, " "); print name, f[12] + f[13] }' "$stat" 2>/dev/null || true
  done
}
# With WIRE_JFR_DIR, also a JFR recording of the wire server over the phase (profile settings, by jcmd).
wire_phase() { # start|stop, name
  if [[ "$1" == start ]]; then
    thread_cpu "$MONGO_PID" > "$WORK/threads-$2.before"
    if [[ -n "${WIRE_JFR_DIR:-}" ]]; then
      mkdir -p "$WIRE_JFR_DIR"
      jcmd "$MONGO_PID" JFR.start name="$2" settings=profile filename="$WIRE_JFR_DIR/wire-$2.jfr" >/dev/null
    fi
  else
    [[ -z "${WIRE_JFR_DIR:-}" ]] || jcmd "$MONGO_PID" JFR.stop name="$2" >/dev/null
    thread_cpu "$MONGO_PID" | awk -v phase="$2" 'NR == FNR { before[$1] += $2; next } { after[$1] += $2 }
      END { for (t in after) { d = (after[t] - before[t]) / 100
              kind = t ~ /^mongo-server/ ? "workers" : t ~ /Compiler/ ? "jit" : t ~ /^(GC_|G1_)/ ? "gc" : "other"; cpu[kind] += d }
            printf "wire_server_cpu_%s workers %.2f jit %.2f gc %.2f other %.2f\n", phase, cpu["workers"], cpu["jit"], cpu["gc"], cpu["other"] }' \
      "$WORK/threads-$2.before" - >> "$WORK/threads.txt"
  fi
}
wire_phase start api
MONGO_CPU0="$(cpu_seconds "$MONGO_PID")"; SERVICE_CPU0="$(cpu_seconds "$SERVICE_PID")"
read -r CODE SECONDS_API < <(import_rows "$WORK/rows.json" "$WORK/report.json")
MONGO_CPU1="$(cpu_seconds "$MONGO_PID")"; SERVICE_CPU1="$(cpu_seconds "$SERVICE_PID")"
wire_phase stop api
[[ "$CODE" == 200 ]] || { echo "import answered $CODE"; head -c 600 "$WORK/report.json"; exit 1; }
CREATED="$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["created"], r["rejected"])' "$WORK/report.json")"
read -r CREATED_N REJECTED_N <<< "$CREATED"
[[ "$CREATED_N" == "$ROWS" ]] || { echo "expected $ROWS created, got $CREATED_N (rejected $REJECTED_N)"; python3 -c 'import json,sys; print([r for r in json.load(open(sys.argv[1]))["rows"] if r["outcome"]=="REJECTED"][:2])' "$WORK/report.json"; exit 1; }

M2="$HOME/.m2/repository/org/mongodb"
CP="$M2/mongodb-driver-sync/5.6.4/mongodb-driver-sync-5.6.4.jar:$M2/mongodb-driver-core/5.6.4/mongodb-driver-core-5.6.4.jar:$M2/bson/5.6.4/bson-5.6.4.jar:$M2/bson-record-codec/5.6.4/bson-record-codec-5.6.4.jar"
wire_phase start baseline
java -cp "$CP" "$HERE/InsertManyBaseline.java" "mongodb://127.0.0.1:$MONGO_PORT" 2026 2025 "$MONGO_PID" > "$WORK/baseline.txt" 2>"$WORK/baseline.err" \
  || { cat "$WORK/baseline.err"; exit 1; }
wire_phase stop baseline

grep -o 'Import of [0-9]* rows.*' "$WORK/service.log" | sed 's/^/service: /' || true
grep insertmany_as_service "$WORK/baseline.txt" | sed 's/$/  (info: journaled, unordered, indexed — as the service writes)/'
python3 -c 'import sys; a = [float(x) for x in sys.argv[1:]]; print(f"api_import_cpu_seconds wire_server {a[1] - a[0]:.2f} service {a[3] - a[2]:.2f}")' \
  "$MONGO_CPU0" "$MONGO_CPU1" "$SERVICE_CPU0" "$SERVICE_CPU1"
grep -E 'insertmany_(bare|indexed)_seconds' "$WORK/baseline.txt"
cat "$WORK/threads.txt"
BARE="$(awk '/insertmany_bare_seconds/ {print $2}' "$WORK/baseline.txt")"
INDEXED="$(awk '/insertmany_indexed_seconds/ {print $2}' "$WORK/baseline.txt")"
python3 - "$ROWS" "$WTIME" "$SECONDS_API" "$BARE" "$INDEXED" <<'PY'
import sys
rows, warm, api, bare, indexed = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
api_rate, bare_rate, indexed_rate = rows / api, rows / bare, rows / indexed
baseline = max(bare_rate, indexed_rate)
print(f"rows {rows} (after a warm-up import of its own, {warm:.2f} s)")
print(f"api_import_seconds {api:.3f}  api_rows_per_s {api_rate:.0f}")
print(f"insertmany_bare_seconds {bare:.3f}  docs_per_s {bare_rate:.0f}  (bare collection)")
print(f"insertmany_indexed_seconds {indexed:.3f}  docs_per_s {indexed_rate:.0f}  (with the service's unique index)")
print(f"insertmany_docs_per_s {baseline:.0f}  (baseline: the faster of the two)")
print(f"ratio api_vs_insertmany {api_rate / baseline:.2f}")
PY
