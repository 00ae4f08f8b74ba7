#!/usr/bin/env bash
# Gateway overhead: the same authenticated GET of a referential resource, direct to referential-service
# and through the gateway, with wrk (same threads, same connections, same duration), and, as a reference
# measured in the same run, through nginx configured as a plain reverse proxy in front of the same
# service (keep-alive upstream, forwarded headers; no token check, no rate limit, no access log).
# Two resources by default, the two kinds platforms pull:
#   document  the published GPME version document (74 KB), which the service serves from memory;
#   item      one competency by its UUID (about 600 bytes): the service verifies the token (the answer
#             depends on the caller's roles) and answers from its cache of public reads.
# For each it prints throughput, p99 latency and CPU per request of each process, then:
#   ratio gateway_vs_direct_<resource>       through-gateway req/s / direct req/s
#   ratio nginx_proxy_vs_direct_<resource>   the same with nginx as the proxy (what a lean C proxy gets here)
#   ratio gateway_vs_nginx_proxy_<resource>  through-gateway req/s / through-nginx req/s
# and last `ratio gateway_vs_direct <the lowest of the resources>`, the issue's figure.
#
# What it starts, all on 127.0.0.1, all stopped on exit:
#   - PostgreSQL (embedded binaries) and referential-service with its seeded referential;
#   - a throw-away RSA key pair made here with openssl, whose public half is published as a static JWKS
#     file (python3 -m http.server); the service and the gateway both point at it with OIDC discovery off
#     and verify signature, issuer (bench-issuer), audience (bts-suite) and expiry as they do Keycloak's;
#     one RS256 token for a platform service account (azp platform-bench, role platform-reader) is sent on
#     every request of every run; the gateway's rate limiter stays in the path with a budget for that
#     client large enough never to refuse during the run;
#   - the gateway jar, with its access log on (written to a file), as in production;
#   - nginx as the reference proxy.
# The three targets are measured in interleaved rounds (direct, gateway, nginx; again...) so that a
# drift of the machine's load does not favour one of them.
#
# On a machine with cores to spare, give each process its own: CPU_WRK, CPU_SERVICE, CPU_GATEWAY and
# CPU_NGINX take taskset CPU lists (e.g. CPU_WRK=0-1 CPU_SERVICE=2 CPU_GATEWAY=3 CPU_NGINX=3 on 4 cores),
# so that the ratio says what the proxy costs next to the service rather than how they share two cores.
# Unset, nothing is pinned.
# Environment: RESOURCES (default "document item"; or name=/path pairs), DURATION per round (default 8s),
# ROUNDS (2), WARMUP (15s per resource and target), then rounds of WARMUP_STEP (5s) through the gateway until the
# JIT compiler threads of the gateway and of the service take less than JIT_QUIET (5) % of their process's CPU,
# at most WARMUP_MAX_ROUNDS (24), CONNECTIONS (32), THREADS (2),
# ports GATEWAY_PORT (38080), SERVICE_PORT (38081), NGINX_PORT (38090), ISSUER_PORT (38180), PG_PORT (35442);
# GATEWAY_GC, the gateway's collector (default -XX:+UseParallelGC, the one the deployed image runs it with: the UBI
# OpenJDK run-java.sh default, set explicitly for the gateway in deploy/k8s/services.yaml; the JVM would pick G1 on
# two cores, whose barriers and concurrent work cost about a fifth of the gateway's CPU per document here);
# GATEWAY_JAVA_OPTS, more JVM options for the gateway, e.g. a profile of the whole run:
#   GATEWAY_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/gw.jfr,settings=profile" bench/gateway-overhead/run.sh
#   jfr print --events jdk.ExecutionSample /tmp/gw.jfr   (or jfr summary; jfr view hot-methods on JDK 21+)
# GATEWAY_APP, the gateway's quarkus-app directory (default: this tree's gateway/target/quarkus-app, built when
# missing or older than its sources); a copy of another build's directory compares two gateways on one machine.
# SERVICE_JAVA_OPTS and SERVICE_APP, the same for referential-service (e.g. a JFR profile of the item read).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RESOURCES="${RESOURCES:-document item}"
DURATION="${DURATION:-8s}"
ROUNDS="${ROUNDS:-2}"
WARMUP="${WARMUP:-15s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
GATEWAY_PORT="${GATEWAY_PORT:-38080}"
SERVICE_PORT="${SERVICE_PORT:-38081}"
NGINX_PORT="${NGINX_PORT:-38090}"
ISSUER_PORT="${ISSUER_PORT:-38180}"
PG_PORT="${PG_PORT:-35442}"
bench_prereqs java wrk nginx curl python3 openssl taskset
# Command prefixes that pin a process to its CPUs (taskset execs the command: the pid stays the same).
pin() { [[ -n "${1:-}" ]] && echo "taskset -c $1" || true; }
PIN_SERVICE=($(pin "${CPU_SERVICE:-}")); PIN_GATEWAY=($(pin "${CPU_GATEWAY:-}"))
PIN_NGINX=($(pin "${CPU_NGINX:-}")); PIN_WRK=($(pin "${CPU_WRK:-}"))
for port in "$GATEWAY_PORT" "$SERVICE_PORT" "$NGINX_PORT" "$ISSUER_PORT" "$PG_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use on 127.0.0.1; choose another (see the environment variables above)" >&2
    exit 1
  fi
done
SERVICE_APP="${SERVICE_APP:-}"
[[ -n "$SERVICE_APP" ]] || { ensure_built referential-service; SERVICE_APP="$ROOT/referential-service/target/quarkus-app"; }
GATEWAY_APP="${GATEWAY_APP:-}"
[[ -n "$GATEWAY_APP" ]] || { ensure_built gateway; GATEWAY_APP="$ROOT/gateway/target/quarkus-app"; }
bench_workdir gateway-overhead

# --- keys, issuer and token --------------------------------------------------------------------------
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
PAYLOAD="{\"iss\":\"bench-issuer\",\"aud\":\"bts-suite\",\"sub\":\"service-account-platform-bench\",\"azp\":\"platform-bench\",\"preferred_username\":\"service-account-platform-bench\",\"realm_access\":{\"roles\":[\"platform-reader\"]},\"iat\":$NOW,\"exp\":$((NOW + 7200))}"
TOKEN="$(sign_rs256 "$WORK/key.pem" "$PAYLOAD")"
OIDC=(-Dquarkus.oidc.auth-server-url="http://127.0.0.1:$ISSUER_PORT/bench-issuer" -Dquarkus.oidc.discovery-enabled=false
      -Dquarkus.oidc.jwks-path=jwks.json -Dquarkus.oidc.token.issuer=bench-issuer -Dquarkus.oidc.token.audience=bts-suite)

# --- the service -------------------------------------------------------------------------------------
start_postgres "$PG_PORT" referential
read -r -a SERVICE_OPTS <<<"${SERVICE_JAVA_OPTS:-}"
spawn "$WORK/service.log" "${PIN_SERVICE[@]}" env REFERENTIAL_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/referential" REFERENTIAL_PORT="$SERVICE_PORT" \
  java -Xmx512m "${SERVICE_OPTS[@]}" -Dquarkus.http.host=127.0.0.1 "${OIDC[@]}" -jar "$SERVICE_APP/quarkus-run.jar"
SERVICE_PID=$SPAWNED
wait_http "http://127.0.0.1:$SERVICE_PORT/q/health/ready" 120 "$WORK/service.log"

# --- the gateway -------------------------------------------------------------------------------------
read -r -a GATEWAY_OPTS <<<"${GATEWAY_JAVA_OPTS:-}"
GATEWAY_GC="${GATEWAY_GC:--XX:+UseParallelGC}"
spawn "$WORK/gateway.log" "${PIN_GATEWAY[@]}" java -Xmx512m $GATEWAY_GC "${GATEWAY_OPTS[@]}" \
  -Dquarkus.http.port="$GATEWAY_PORT" -Dquarkus.http.host=127.0.0.1 \
  -Dgateway.services.referential.instances="http://127.0.0.1:$SERVICE_PORT" "${OIDC[@]}" \
  -Dgateway.rate-limit.clients.platform-bench.requests=1000000000 \
  -jar "$GATEWAY_APP/quarkus-run.jar"
GATEWAY_PID=$SPAWNED
wait_http "http://127.0.0.1:$GATEWAY_PORT/q/health/live" 60 "$WORK/gateway.log"

# --- nginx, the reference proxy ----------------------------------------------------------------------
mkdir -p "$WORK/nginx"
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
  upstream referential { server 127.0.0.1:$SERVICE_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://referential;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host;
      proxy_buffer_size 16k;
      proxy_buffers 16 16k;
    }
  }
}
NGINX
chmod -R a+rX "$WORK"   # nginx workers run as an unprivileged user when started by root
spawn "$WORK/nginx/stdout.log" "${PIN_NGINX[@]}" nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
NGINX_MASTER=$SPAWNED
wait_http "http://127.0.0.1:$NGINX_PORT/q/health/live" 30 "$WORK/nginx/error.log"

# --- the resources ------------------------------------------------------------------------------------
DOCUMENT=/api/referential/v1/certifications/BTS-GPME/versions/1
curl -fsS "http://127.0.0.1:$SERVICE_PORT$DOCUMENT" -o "$WORK/document.json"
ITEM="/api/referential/v1/items/$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["blocs"][0]["competences"][0]["id"])' "$WORK/document.json")"
declare -A PATHS=()
for resource in $RESOURCES; do
  case "$resource" in
    document) PATHS[document]="$DOCUMENT" ;;
    item) PATHS[item]="$ITEM" ;;
    *=/*) PATHS[${resource%%=*}]="${resource#*=}" ;;
    *) echo "unknown resource '$resource' (document, item or name=/path)" >&2; exit 1 ;;
  esac
done
NAMES=(); for resource in $RESOURCES; do NAMES+=("${resource%%=*}"); done
url() { # target, resource
  case "$1" in
    direct) echo "http://127.0.0.1:$SERVICE_PORT${PATHS[$2]}" ;;
    gateway) echo "http://127.0.0.1:$GATEWAY_PORT${PATHS[$2]}" ;;
    nginx) echo "http://127.0.0.1:$NGINX_PORT${PATHS[$2]}" ;;
  esac
}

# --- checks: the same bytes everywhere, the token is checked ------------------------------------------
for name in "${NAMES[@]}"; do
  for target in direct gateway nginx; do
    curl -fsS -H "Authorization: Bearer $TOKEN" "$(url "$target" "$name")" -o "$WORK/$name.$target.body" \
      || { echo "$target: GET ${PATHS[$name]} failed" >&2; tail -n 30 "$WORK/gateway.log" >&2; exit 1; }
  done
  cmp -s "$WORK/$name.direct.body" "$WORK/$name.gateway.body" && cmp -s "$WORK/$name.direct.body" "$WORK/$name.nginx.body" \
    || { echo "$name: the three targets do not serve the same bytes" >&2; exit 1; }
  echo "$name: ${PATHS[$name]} ($(wc -c <"$WORK/$name.direct.body") bytes), identical direct, through the gateway and through nginx"
done
FORGED="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${TOKEN}x" "$(url gateway "${NAMES[0]}")")"
UNAUTH="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$GATEWAY_PORT/api/dossiers/v1/dossiers")"
if [[ "$FORGED" != 401 || "$UNAUTH" != 401 ]]; then
  echo "gateway check failed: tampered token $FORGED, anonymous dossiers $UNAUTH (want 401 and 401)" >&2
  exit 1
fi
echo "gateway: token verified (a tampered one is refused with 401), rate limiter and access log in the path"

# --- load --------------------------------------------------------------------------------------------
run_wrk() { # url, duration
  "${PIN_WRK[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -H "Authorization: Bearer $TOKEN" "$1"
}
requests() { awk '/requests in/ {print $1}' "$1"; }
seconds() { awk '/requests in/ {v = $4; sub(/,$/, "", v); u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
                                f = (u == "ms") ? 0.001 : (u == "m") ? 60 : 1; printf "%.3f", v * f}' "$1"; }
p99_ms() {
  awk '$1 == "99%" {v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
       f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : 60000; printf "%.2f", v * f}' "$1"
}
non2xx() { awk '/Non-2xx or 3xx responses:/ {print $5}' "$1"; }
# CPU time (clock ticks, user + system) of a process or of nginx's workers: on a shared machine req/s mostly
# says how much CPU the other processes left, CPU per request says what each one costs.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
nginx_ticks() {
  local total=0 pid
  for pid in $(pgrep -P "$NGINX_MASTER"); do total=$((total + $(ticks "$pid"))); done
  echo "$total"
}
HZ="$(getconf CLK_TCK)"
rps() { awk -v n="${REQ[$1]}" -v s="${SECS[$1]}" 'BEGIN {printf "%.0f", n / s}'; }
worst_p99() { tr ' ' '\n' <<<"${P99[$1]}" | sort -g | tail -n 1; }
us() { awk -v t="$1" -v n="$2" -v hz="$HZ" 'BEGIN {printf "%.0f", t * 1000000 / hz / n}'; }

declare -A REQ=() SECS=() P99=() SVC=() GW=() NGX=()
RATIOS=()
# CPU ticks of a JVM's JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…"; the comm in stat has a
# space, so the fields are counted after its closing parenthesis).
jit_ticks() {
  local total=0 task
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      "C1 CompilerThre"*|"C2 CompilerThre"*)
        total=$((total + $(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{print $12 + $13}'))) ;;
    esac
  done
  echo "$total"
}
# Percentage of a process's CPU its JIT took between two (jit, all) tick readings.
jit_share() { awk -v j="$1" -v a="$2" 'BEGIN {printf "%.0f", (a > 0) ? 100 * j / a : 0}'; }
# The JIT needs a few hundred thousand requests before the gateway runs at its steady cost: every resource
# warms every target, then the gateway path (gateway and service) gets more rounds of WARMUP_STEP until the
# compiler threads of both take less than JIT_QUIET % of their process's CPU in a round, or WARMUP_MAX_ROUNDS
# have passed. On a loaded machine a fixed warm-up is not enough: C2 took 44% of the gateway's CPU in the measured
# rounds of a run at load 25, which then measured the compiler, not the proxy.
WARMUP_STEP="${WARMUP_STEP:-5s}"
JIT_QUIET="${JIT_QUIET:-5}"
WARMUP_MAX_ROUNDS="${WARMUP_MAX_ROUNDS:-24}"
echo "warm-up: $WARMUP per resource and target, then until the JIT is quiet (not measured)"
for name in "${NAMES[@]}"; do
  for target in gateway direct nginx; do run_wrk "$(url "$target" "$name")" "$WARMUP" >/dev/null; done
done
settled=""
for round in $(seq 1 "$WARMUP_MAX_ROUNDS"); do
  shares=()
  for name in "${NAMES[@]}"; do
    gj0="$(jit_ticks "$GATEWAY_PID")"; g0="$(ticks "$GATEWAY_PID")"; sj0="$(jit_ticks "$SERVICE_PID")"; s0="$(ticks "$SERVICE_PID")"
    run_wrk "$(url gateway "$name")" "$WARMUP_STEP" >/dev/null
    gj1="$(jit_ticks "$GATEWAY_PID")"; g1="$(ticks "$GATEWAY_PID")"; sj1="$(jit_ticks "$SERVICE_PID")"; s1="$(ticks "$SERVICE_PID")"
    shares+=("$(jit_share $((gj1 - gj0)) $((g1 - g0)))" "$(jit_share $((sj1 - sj0)) $((s1 - s0)))")
  done
  if (( $(printf '%s\n' "${shares[@]}" | sort -g | tail -n 1) < JIT_QUIET )); then
    settled="$round"
    break
  fi
done
if [[ -n "$settled" ]]; then
  echo "warm-up: JIT quiet after $settled extra rounds of $WARMUP_STEP (compiler share of gateway / service CPU per resource: ${shares[*]} %)"
else
  echo "warm-up: JIT still busy after $WARMUP_MAX_ROUNDS extra rounds (last compiler shares: ${shares[*]} %): CPU per request includes compilation"
fi
for name in "${NAMES[@]}"; do
  echo
  echo "== $name: $ROUNDS rounds of $DURATION on each target, interleaved; $THREADS threads, $CONNECTIONS connections"
  for round in $(seq 1 "$ROUNDS"); do
    for target in direct gateway nginx; do
      out="$WORK/$name.$target.$round.txt"
      s0="$(ticks "$SERVICE_PID")"; g0="$(ticks "$GATEWAY_PID")"; n0="$(nginx_ticks)"
      run_wrk "$(url "$target" "$name")" "$DURATION" >"$out"
      s1="$(ticks "$SERVICE_PID")"; g1="$(ticks "$GATEWAY_PID")"; n1="$(nginx_ticks)"
      if [[ -n "$(non2xx "$out")" ]]; then
        echo "$target run had non-2xx answers:" >&2; cat "$out" >&2; exit 1
      fi
      key="$name.$target"
      REQ[$key]=$(( ${REQ[$key]:-0} + $(requests "$out") ))
      SECS[$key]="$(awk -v a="${SECS[$key]:-0}" -v b="$(seconds "$out")" 'BEGIN {print a + b}')"
      P99[$key]="${P99[$key]:-} $(p99_ms "$out")"
      SVC[$key]=$(( ${SVC[$key]:-0} + s1 - s0 )); GW[$key]=$(( ${GW[$key]:-0} + g1 - g0 ))
      NGX[$key]=$(( ${NGX[$key]:-0} + n1 - n0 ))
    done
  done
  printf '%-22s %10s %10s   %s\n' "" "req/s" "p99 ms" "CPU per request (us): service / gateway / nginx"
  for target in direct gateway nginx; do
    key="$name.$target"
    label=$target; [[ $target == gateway ]] && label="through the gateway"; [[ $target == nginx ]] && label="through nginx (ref.)"
    printf '%-22s %10s %10s   %s / %s / %s\n' "$label" "$(rps "$key")" "$(worst_p99 "$key")" \
      "$(us "${SVC[$key]}" "${REQ[$key]}")" "$(us "${GW[$key]}" "${REQ[$key]}")" "$(us "${NGX[$key]}" "${REQ[$key]}")"
  done
  echo "p99 added by the gateway: $(awk -v g="$(worst_p99 "$name.gateway")" -v d="$(worst_p99 "$name.direct")" 'BEGIN {printf "%.2f", g - d}') ms" \
       "(p99 is the worst of the rounds)"
  GATEWAY_RATIO="$(awk -v g="$(rps "$name.gateway")" -v d="$(rps "$name.direct")" 'BEGIN {printf "%.2f", g / d}')"
  NGINX_RATIO="$(awk -v g="$(rps "$name.nginx")" -v d="$(rps "$name.direct")" 'BEGIN {printf "%.2f", g / d}')"
  VERSUS_NGINX="$(awk -v g="$(rps "$name.gateway")" -v d="$(rps "$name.nginx")" 'BEGIN {printf "%.2f", g / d}')"
  RATIOS+=("$name $GATEWAY_RATIO $NGINX_RATIO $VERSUS_NGINX")
done

echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for line in "${RATIOS[@]}"; do
  read -r name gateway nginx versus <<<"$line"
  echo "ratio gateway_vs_direct_$name $gateway"
  echo "ratio nginx_proxy_vs_direct_$name $nginx"
  echo "ratio gateway_vs_nginx_proxy_$name $versus"
done
echo "ratio gateway_vs_direct $(for line in "${RATIOS[@]}"; do read -r _ gateway _ <<<"$line"; echo "$gateway"; done | sort -g | head -n 1)"
