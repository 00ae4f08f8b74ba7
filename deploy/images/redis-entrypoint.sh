#!/bin/bash
# Entrypoint of bts/redis: redis-server in the foreground, its password from REDIS_PASSWORD (given on standard
# input as configuration, so that it never shows in the process list). Further arguments go to redis-server.
set -euo pipefail
: "${REDIS_PASSWORD:?REDIS_PASSWORD is required}"
exec redis-server - --bind 0.0.0.0 --port 6379 --protected-mode no --dir /var/lib/redis --appendonly yes "$@" <<CONF
requirepass "${REDIS_PASSWORD//\"/\\\"}"
CONF
