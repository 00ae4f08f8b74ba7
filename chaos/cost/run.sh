#!/usr/bin/env bash
# What durable acknowledgements cost: chaos/cost/run.sh [writes] [clients]. Needs the devstack launcher jar
# (./suite up or ./mvnw -pl devstack package builds it) and the MongoDB driver in the local Maven repository.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
M2="${MAVEN_REPO:-$HOME/.m2/repository}/org/mongodb"
DRIVER="$(ls "$M2"/mongodb-driver-sync/*/mongodb-driver-sync-*.jar | grep -v sources | sort -V | tail -n 1)"
VERSION="$(basename "$(dirname "$DRIVER")")"
CP="$ROOT/devstack/target/devstack-1.0.0-SNAPSHOT-launcher.jar:$DRIVER:$M2/mongodb-driver-core/$VERSION/mongodb-driver-core-$VERSION.jar:$M2/bson/$VERSION/bson-$VERSION.jar"
exec java -Dwrites="${1:-2000}" -Dclients="${2:-1}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" "$ROOT/chaos/cost/DurabilityCost.java"
