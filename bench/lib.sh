# Shared by the benchmarks under bench/: a work directory and background processes cleaned up on exit,
# waits on HTTP endpoints and launcher logs, jars built when missing, the embedded PostgreSQL, and RS256
# tokens signed with a throw-away key (so services verify signature, issuer, audience and expiry for real
# without a Keycloak). Source it right after `set -euo pipefail`:  . "$(dirname "$0")/../lib.sh"
# then call bench_prereqs with the tools the script runs: missing ones are installed from Debian.

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAUNCHER="$BENCH_ROOT/devstack/target/devstack-1.0.0-SNAPSHOT-launcher.jar"
PIDS=()

# A fresh work directory under /tmp, removed on exit with every process started by spawn.
bench_workdir() { # name
  WORK="$(mktemp -d "/tmp/$1.XXXXXX")"
  chmod 755 "$WORK"   # nginx workers may run as an unprivileged user: they must read files in it
  trap bench_cleanup EXIT
}

bench_cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}

# Starts a command in the background with its output in a log; its pid is in SPAWNED and stopped on exit.
spawn() { # log, command...
  local log="$1"; shift
  "$@" >"$log" 2>&1 &
  SPAWNED=$!
  PIDS+=("$SPAWNED")
}

# Waits until url answers 2xx; on timeout prints the tail of log (when given) and fails.
wait_http() { # url, seconds, [log]
  local _
  for _ in $(seq 1 "$(( $2 * 2 ))"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "timed out waiting for $1" >&2
  [[ -n "${3:-}" ]] && tail -n 40 "$3" >&2
  return 1
}

# Waits until a launcher's log says it is ready.
wait_log() { # file, pattern, seconds
  local _
  for _ in $(seq 1 "$3"); do grep -qs "$2" "$1" && return 0; sleep 1; done
  echo "timed out waiting for '$2' in $1" >&2
  tail -n 40 "$1" >&2
  return 1
}

# Builds a module's Quarkus jar (or the devstack launcher), with the modules it needs, when it is missing
# or older than the module's sources: a benchmark must measure the code as it is.
ensure_built() { # module
  local jar="$BENCH_ROOT/$1/target/quarkus-app/quarkus-run.jar"
  [[ "$1" == devstack ]] && jar="$LAUNCHER"
  if [[ ! -f "$jar" || -n "$(find "$BENCH_ROOT/$1/src/main" "$BENCH_ROOT/$1/pom.xml" -newer "$jar" -print -quit)" ]]; then
    echo "building $1 (jar missing or older than its sources)" >&2
    (cd "$BENCH_ROOT" && ./mvnw -B -q -pl "$1" -am package -DskipTests)
  fi
}

# Debian package that brings each tool a benchmark runs (a fresh Debian machine has none of them).
bench_package() { # tool
  case "$1" in
    java|javac) echo default-jdk-headless ;;   # 17 or later, as the build needs
    nginx) echo nginx-light ;;
    taskset) echo util-linux ;;
    *) echo "$1" ;;   # wrk, curl, python3, openssl
  esac
}

# Makes sure every tool is on PATH: those missing are installed from Debian (apt-get, through sudo when not
# root; retried while another dpkg holds its lock), then the list is checked again. Every run.sh calls it first.
bench_prereqs() { # tool...
  local tool packages=() sudo=() attempt
  for tool in "$@"; do command -v "$tool" >/dev/null || packages+=("$(bench_package "$tool")"); done
  if (( ${#packages[@]} )); then
    command -v apt-get >/dev/null || { echo "missing: ${packages[*]}; install them (no apt-get here)" >&2; exit 1; }
    (( EUID == 0 )) || sudo=(sudo)
    echo "installing from Debian: ${packages[*]}" >&2
    for attempt in 1 2 3 4 5 6; do
      "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "${packages[@]}" >/dev/null && break
      echo "apt-get failed (attempt $attempt; the dpkg lock may be held): retrying in 10 s" >&2
      sleep 10
    done
  fi
  require_tools "$@"
}

# Fails early, saying what to install, when a tool the benchmark runs is missing.
require_tools() { # tool...
  local tool missing=()
  for tool in "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  if (( ${#missing[@]} )); then
    echo "missing tools: ${missing[*]} (Debian: apt-get install wrk nginx-light curl python3 openssl)" >&2
    exit 1
  fi
}

# A real PostgreSQL from the embedded binaries, with a fresh data directory in WORK.
start_postgres() { # port, database...
  local port="$1"; shift
  ensure_built devstack
  spawn "$WORK/pg.log" java -Xmx256m -cp "$LAUNCHER" fr.bts.devstack.EmbeddedPostgresLauncher "$WORK/pg" "$port" "$@"
  wait_log "$WORK/pg.log" "PostgreSQL ready" 60
}

b64url() { openssl base64 -e -A | tr '+/' '-_' | tr -d '='; }

# An RS256 JWT over payload-json, signed with key.pem (kid "bench").
sign_rs256() { # key.pem, payload-json
  local input
  input="$(printf '%s' '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url).$(printf '%s' "$2" | b64url)"
  printf '%s.%s' "$input" "$(printf '%s' "$input" | openssl dgst -sha256 -sign "$1" | b64url)"
}
