#!/usr/bin/env bash
# Benchmark: referential-service serving the full published GPME version (200 and 304 paths) against nginx
# serving the same bytes from a file, with the same keep-alive wrk load. Everything listens on 127.0.0.1 and is
# stopped on exit. Prints throughput and p99 latency of each run, then the ratios:
#   ratio service_vs_nginx_200 <service req/s ÷ nginx req/s on 200>
#   ratio service_vs_nginx_304 <same on 304 (If-None-Match)>
# Settings (environment): DURATION (s, default 15), CONNECTIONS (default 32), THREADS (default 2),
# WARMUP (s, default 10), SERVICE_JAVA_OPTS (extra JVM options of the service), SERVICE_JFR (a file: a JFR profile
# of the service over the measured runs only, warm-up excluded; read it with `jfr print --stack-depth 64`),
# SERVICE_APP (a quarkus-app directory to measure instead of the worktree's, e.g. a copy of an earlier build: the
# jar is then not rebuilt). Each run also prints the CPU time (user + system, /proc) the measured process spends per
# answer: the service, or nginx's workers. Needs: java, wrk, nginx, curl; the service jar (built when missing or stale).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-10}"
PG_PORT="${PG_PORT:-25442}"
SERVICE_PORT="${SERVICE_PORT:-28081}"
NGINX_PORT="${NGINX_PORT:-28090}"
PATH_V1="/api/referential/v1/certifications/BTS-GPME/versions/1"

SERVICE_JAR="${SERVICE_APP:-$ROOT/referential-service/target/quarkus-app}/quarkus-run.jar"
bench_prereqs java wrk nginx curl
[ -n "${SERVICE_APP:-}" ] || ensure_built referential-service
bench_workdir bench-referential-read

echo "== starting PostgreSQL on 127.0.0.1:$PG_PORT"
start_postgres "$PG_PORT" referential

echo "== starting referential-service on 127.0.0.1:$SERVICE_PORT"
spawn "$WORK/service.log" env REFERENTIAL_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/referential" REFERENTIAL_PORT="$SERVICE_PORT" \
  java -Xmx512m ${SERVICE_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.log.level=WARN -jar "$SERVICE_JAR"
SERVICE_PID="$SPAWNED"
wait_http "http://127.0.0.1:$SERVICE_PORT/q/health/ready" 90 "$WORK/service.log"

mkdir -p "$WORK/www/v1" "$WORK/nginx"
curl -fsS "http://127.0.0.1:$SERVICE_PORT$PATH_V1" -o "$WORK/www/v1/gpme.json"
SERVICE_ETAG="$(curl -fsS -D - -o /dev/null "http://127.0.0.1:$SERVICE_PORT$PATH_V1" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')"
BYTES="$(wc -c <"$WORK/www/v1/gpme.json")"

cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 75s;
  sendfile on;
  tcp_nopush on;
  etag on;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location = /gpme.json {
      root $WORK/www/v1;
      default_type application/json;
      add_header Cache-Control "public, max-age=31536000, immutable";
    }
  }
}
CONF
echo "== starting nginx on 127.0.0.1:$NGINX_PORT"
spawn "$WORK/nginx.log" nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"
wait_http "http://127.0.0.1:$NGINX_PORT/gpme.json" 20 "$WORK/nginx/error.log"
NGINX_PIDS="$(pgrep -P "$(cat "$WORK/nginx/nginx.pid")" | tr '\n' ' ')"
NGINX_ETAG="$(curl -fsS -D - -o /dev/null "http://127.0.0.1:$NGINX_PORT/gpme.json" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')"
cmp -s "$WORK/www/v1/gpme.json" <(curl -fsS "http://127.0.0.1:$NGINX_PORT/gpme.json") || { echo "nginx serves other bytes" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $SERVICE_ETAG" "http://127.0.0.1:$SERVICE_PORT$PATH_V1")" = 304 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $NGINX_ETAG" "http://127.0.0.1:$NGINX_PORT/gpme.json")" = 304 ]
echo "document: $BYTES bytes; service ETag $SERVICE_ETAG; nginx ETag $NGINX_ETAG"

TICKS="$(getconf CLK_TCK)"
cpu_ticks() { # pid... → user + system clock ticks of these processes so far
  local pid total=0
  for pid in "$@"; do total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done
  echo "$total"
}

run() { # label pids url [header]
  local out before after
  before="$(cpu_ticks $2)"
  if [ $# -ge 4 ]; then
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$4" "$3")"
  else
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$3")"
  fi
  after="$(cpu_ticks $2)"
  local rps p99 non2xx requests cpu
  rps="$(awk '/^Requests\/sec:/{print $2}' <<<"$out")"
  p99="$(awk '$1=="99%"{print $2}' <<<"$out")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/{print $5}' <<<"$out")"
  requests="$(awk '/requests in/{print $1}' <<<"$out")"
  cpu="$(awk -v t="$(( after - before ))" -v hz="$TICKS" -v n="$requests" 'BEGIN{printf "%.1f", t / hz * 1e6 / n}')"
  printf '%-14s %12s req/s   p99 %10s   CPU %6s us/answer%s\n' "$1" "$rps" "$p99" "$cpu" "${non2xx:+   non-2xx/3xx: $non2xx}" >&2
  echo "$rps"
}

echo "== warm-up of the service (${WARMUP}s, not measured)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$SERVICE_PORT$PATH_V1" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((WARMUP / 2 + 1))s" -H "If-None-Match: $SERVICE_ETAG" "http://127.0.0.1:$SERVICE_PORT$PATH_V1" >/dev/null

if [ -n "${SERVICE_JFR:-}" ]; then
  jcmd "$SERVICE_PID" JFR.start name=bench settings=profile filename="$SERVICE_JFR" >/dev/null
fi
echo "== measured runs: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, keep-alive; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
S200="$(run service-200 "$SERVICE_PID" "http://127.0.0.1:$SERVICE_PORT$PATH_V1")"
N200="$(run nginx-200 "$NGINX_PIDS" "http://127.0.0.1:$NGINX_PORT/gpme.json")"
S304="$(run service-304 "$SERVICE_PID" "http://127.0.0.1:$SERVICE_PORT$PATH_V1" "If-None-Match: $SERVICE_ETAG")"
N304="$(run nginx-304 "$NGINX_PIDS" "http://127.0.0.1:$NGINX_PORT/gpme.json" "If-None-Match: $NGINX_ETAG")"
if [ -n "${SERVICE_JFR:-}" ]; then
  jcmd "$SERVICE_PID" JFR.stop name=bench >/dev/null
  echo "JFR profile of the measured runs: $SERVICE_JFR" >&2
fi

echo "ratio service_vs_nginx_200 $(awk -v s="$S200" -v n="$N200" 'BEGIN{printf "%.2f", s/n}')"
echo "ratio service_vs_nginx_304 $(awk -v s="$S304" -v n="$N304" 'BEGIN{printf "%.2f", s/n}')"
