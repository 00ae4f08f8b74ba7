#!/bin/bash
# Entrypoint of bts/postgres: initialises an empty data directory once, then runs PostgreSQL in the foreground.
#   POSTGRES_PASSWORD          the superuser's password (needed at first start only)
#   POSTGRES_DATABASES         the databases to create at first start, each owned by a role of the same name
#                              (default "referential evaluation keycloak": one per owning service, plus Keycloak's)
#   <NAME>_DB_PASSWORD         that role's password, e.g. REFERENTIAL_DB_PASSWORD (the services' own variable names)
set -euo pipefail
: "${PGDATA:?PGDATA is not set}"

sql_literal() { printf "'%s'" "${1//\'/\'\'}"; }

if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required to initialise the cluster}"
  pwfile="$(mktemp)"
  printf '%s' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb -D "$PGDATA" -U postgres --pwfile="$pwfile" --auth-local=peer --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  script=""
  for db in ${POSTGRES_DATABASES:-referential evaluation keycloak}; do
    var="${db^^}_DB_PASSWORD"
    [[ -n "${!var:-}" ]] || { echo "bts-postgres: $var is required to create database $db" >&2; exit 1; }
    script+="CREATE ROLE \"$db\" LOGIN PASSWORD $(sql_literal "${!var}");"$'\n'
    script+="CREATE DATABASE \"$db\" OWNER \"$db\";"$'\n'
  done
  # Single-user mode: no server listens while the roles are made.
  postgres --single -D "$PGDATA" -j postgres <<<"${script//$'\n'/$'\n\n'}" >/dev/null
  echo "bts-postgres: cluster initialised with databases ${POSTGRES_DATABASES:-referential evaluation keycloak}"
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp "$@"
