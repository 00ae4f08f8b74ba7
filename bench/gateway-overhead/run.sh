#!/usr/bin/env bash
# Gateway overhead: the same authenticated GET of a referential resource, direct to the backend and
# through the gateway, with wrk (same threads, same 32 connections, same duration). Prints both
# throughputs and p99 latencies, then `ratio gateway_vs_direct <through-gateway rps / direct rps>`.
#
# What it starts, all on 127.0.0.1, all stopped on exit:
#   - the backend: nginx (Debian) serving a referential-like JSON document (the certification of
#     BTS-GPME with its versions, built from referential-service's seed when present) at
#     /api/referential/v1/certifications/BTS-GPME. Set BACKEND_URL=http://127.0.0.1:8081 to measure
#     against a running referential-service instead (then nothing is started for the backend).
#   - the gateway jar (gateway/target/quarkus-app, built with Maven if missing) with:
#       * a throw-away RSA key pair made here with openssl, whose public half is published as a static
#         JWKS file (python3 -m http.server on ISSUER_PORT); the gateway is pointed at it with OIDC
#         discovery off (quarkus.oidc.jwks-path), fetches the keys once and then verifies signature,
#         issuer (bench-issuer), audience (bts-suite) and expiry exactly as it does Keycloak's tokens;
#       * one token signed here (RS256) for a platform service account (azp platform-bench, role
#         platform-reader), sent on both runs; the gateway's rate limiter stays in the path, with a
#         budget for that client large enough never to refuse during the run.
# Environment: DURATION (default 20s), WARMUP (15s), CONNECTIONS (32), THREADS (2), GATEWAY_PORT (38080),
# BACKEND_PORT (38081), ISSUER_PORT (38180).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-15s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
GATEWAY_PORT="${GATEWAY_PORT:-38080}"
BACKEND_PORT="${BACKEND_PORT:-38081}"
ISSUER_PORT="${ISSUER_PORT:-38180}"
RESOURCE="/api/referential/v1/certifications/BTS-GPME"
bench_workdir gateway-overhead

for port in "$GATEWAY_PORT" "$ISSUER_PORT" $([[ -z "${BACKEND_URL:-}" ]] && echo "$BACKEND_PORT"); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use on 127.0.0.1; choose another (see the environment variables above)" >&2
    exit 1
  fi
done

# --- the backend -------------------------------------------------------------------------------------
if [[ -z "${BACKEND_URL:-}" ]]; then
  mkdir -p "$WORK/www$(dirname "$RESOURCE")" "$WORK/nginx"
  python3 - "$ROOT/referential-service/src/main/resources/seed/bts-gpme.json" "$WORK/www$RESOURCE" <<'PY'
import json, os, sys
seed, out = sys.argv[1], sys.argv[2]
certification = {"code": "BTS-GPME", "rncp": "RNCP38363", "intitule": "BTS - Gestion de la PME", "type": "BTS", "niveau": "5"}
if os.path.exists(seed):
    with open(seed, encoding="utf-8") as f:
        certification = json.load(f).get("certification", certification)
document = {"certification": certification,
            "versions": [{"number": 1, "status": "PUBLISHED", "publishedAt": "2026-01-15T09:00:00Z",
                          "href": "/api/referential/v1/certifications/BTS-GPME/versions/1"}]}
with open(out, "w", encoding="utf-8") as f:
    json.dump(document, f, ensure_ascii=False)
PY
  cat > "$WORK/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  server {
    listen 127.0.0.1:$BACKEND_PORT;
    root $WORK/www;
    default_type application/json;
    location = /q/health/ready { return 200 '{"status":"UP"}'; }
    location / { try_files \$uri =404; }
  }
}
NGINX
  chmod -R a+rX "$WORK"   # nginx workers run as an unprivileged user when started by root
  spawn "$WORK/nginx/stdout.log" nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
  NGINX_MASTER=$SPAWNED
  BACKEND_URL="http://127.0.0.1:$BACKEND_PORT"
  wait_http "$BACKEND_URL$RESOURCE" 60 "$WORK/nginx/error.log"
fi
echo "backend:  $BACKEND_URL$RESOURCE ($(curl -fsS "$BACKEND_URL$RESOURCE" | wc -c) bytes)"

# --- keys and token ----------------------------------------------------------------------------------
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
MODULUS="$(openssl rsa -in "$WORK/key.pem" -noout -modulus 2>/dev/null | cut -d= -f2)"
mkdir -p "$WORK/issuer/bench-issuer"
python3 - "$MODULUS" "$WORK/issuer/bench-issuer/jwks.json" <<'PY'
import base64, json, sys
n = bytes.fromhex(sys.argv[1])
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
json.dump({"keys": [{"kty": "RSA", "kid": "bench", "use": "sig", "alg": "RS256", "n": b64(n), "e": b64(b"\x01\x00\x01")}]},
          open(sys.argv[2], "w"))
PY
spawn "$WORK/issuer.log" python3 -m http.server "$ISSUER_PORT" --bind 127.0.0.1 --directory "$WORK/issuer"
wait_http "http://127.0.0.1:$ISSUER_PORT/bench-issuer/jwks.json" 60 "$WORK/issuer.log"
NOW="$(date +%s)"
PAYLOAD="{\"iss\":\"bench-issuer\",\"aud\":\"bts-suite\",\"sub\":\"service-account-platform-bench\",\"azp\":\"platform-bench\",\"preferred_username\":\"service-account-platform-bench\",\"realm_access\":{\"roles\":[\"platform-reader\"]},\"iat\":$NOW,\"exp\":$((NOW + 3600))}"
TOKEN="$(sign_rs256 "$WORK/key.pem" "$PAYLOAD")"

# --- the gateway -------------------------------------------------------------------------------------
JAR="$ROOT/gateway/target/quarkus-app/quarkus-run.jar"
ensure_built gateway
spawn "$WORK/gateway.log" java -Xmx512m \
  -Dquarkus.http.port="$GATEWAY_PORT" -Dquarkus.http.host=127.0.0.1 \
  -Dgateway.services.referential.instances="$BACKEND_URL" \
  -Dquarkus.oidc.auth-server-url="http://127.0.0.1:$ISSUER_PORT/bench-issuer" \
  -Dquarkus.oidc.discovery-enabled=false -Dquarkus.oidc.jwks-path=jwks.json \
  -Dquarkus.oidc.token.issuer=bench-issuer -Dquarkus.oidc.token.audience=bts-suite \
  -Dgateway.rate-limit.clients.platform-bench.requests=1000000000 \
  -jar "$JAR"
GATEWAY_PID=$SPAWNED
wait_http "http://127.0.0.1:$GATEWAY_PORT/q/health/live" 60 "$WORK/gateway.log"
STATUS="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$GATEWAY_PORT$RESOURCE")"
UNAUTH="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$GATEWAY_PORT/api/dossiers/v1/dossiers")"
if [[ "$STATUS" != 200 || "$UNAUTH" != 401 ]]; then
  echo "gateway check failed: token GET $STATUS (want 200), anonymous dossiers $UNAUTH (want 401)" >&2
  tail -n 30 "$WORK/gateway.log" >&2
  exit 1
fi
echo "gateway:  http://127.0.0.1:$GATEWAY_PORT$RESOURCE (token accepted, anonymous protected path refused)"

# --- load --------------------------------------------------------------------------------------------
run_wrk() { # url, duration
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -H "Authorization: Bearer $TOKEN" "$1"
}
rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
p99_ms() {
  awk '$1 == "99%" {v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
       f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : 60000; printf "%.2f", v * f}' "$1"
}
non2xx() { awk '/Non-2xx or 3xx responses:/ {print $5}' "$1"; }
requests() { awk '/requests in/ {print $1}' "$1"; }
# CPU time (clock ticks, user + system) of a process, or of nginx's workers; robust to a busy machine,
# where req/s mostly says how much CPU the other processes left.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
nginx_ticks() {
  local total=0 pid
  if [[ -n "${NGINX_MASTER:-}" ]]; then
    for pid in $(pgrep -P "$NGINX_MASTER"); do total=$((total + $(ticks "$pid"))); done
  fi
  echo "$total"
}
HZ="$(getconf CLK_TCK)"
us_per_request() { awk -v t="$1" -v n="$2" -v hz="$HZ" 'BEGIN {printf "%.0f", t * 1000000 / hz / n}'; }

echo "warm-up:  $WARMUP through the gateway, $WARMUP direct"
run_wrk "http://127.0.0.1:$GATEWAY_PORT$RESOURCE" "$WARMUP" >/dev/null
run_wrk "$BACKEND_URL$RESOURCE" "$WARMUP" >/dev/null
echo "measure:  $DURATION each, $THREADS threads, $CONNECTIONS connections"
N0="$(nginx_ticks)"
run_wrk "$BACKEND_URL$RESOURCE" "$DURATION" >"$WORK/direct.txt"
N1="$(nginx_ticks)"; G1="$(ticks "$GATEWAY_PID")"
run_wrk "http://127.0.0.1:$GATEWAY_PORT$RESOURCE" "$DURATION" >"$WORK/gateway.txt"
N2="$(nginx_ticks)"; G2="$(ticks "$GATEWAY_PID")"

for run in direct gateway; do
  if [[ -n "$(non2xx "$WORK/$run.txt")" ]]; then
    echo "$run run had non-2xx answers:" >&2; cat "$WORK/$run.txt" >&2; exit 1
  fi
done
DIRECT_RPS="$(rps "$WORK/direct.txt")"; GATEWAY_RPS="$(rps "$WORK/gateway.txt")"
DIRECT_P99="$(p99_ms "$WORK/direct.txt")"; GATEWAY_P99="$(p99_ms "$WORK/gateway.txt")"
echo
printf '%-10s %12s %10s\n' "" "req/s" "p99 ms"
printf '%-10s %12s %10s\n' "direct" "$DIRECT_RPS" "$DIRECT_P99"
printf '%-10s %12s %10s\n' "gateway" "$GATEWAY_RPS" "$GATEWAY_P99"
if [[ -n "${NGINX_MASTER:-}" ]]; then
  echo "CPU per request: direct nginx $(us_per_request $((N1 - N0)) "$(requests "$WORK/direct.txt")") us;" \
       "through the gateway: gateway $(us_per_request $((G2 - G1)) "$(requests "$WORK/gateway.txt")") us" \
       "+ nginx $(us_per_request $((N2 - N1)) "$(requests "$WORK/gateway.txt")") us"
fi
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "p99 added by the gateway: $(awk -v g="$GATEWAY_P99" -v d="$DIRECT_P99" 'BEGIN {printf "%.2f", g - d}') ms"
echo "ratio gateway_vs_direct $(awk -v g="$GATEWAY_RPS" -v d="$DIRECT_RPS" 'BEGIN {printf "%.2f", g / d}')"
