#!/usr/bin/env bash
# Every image of the suite, from a clean clone, without a container daemon:
#   1. the base images from Debian packages (build-bases.sh: JRE 17 base, PostgreSQL, Redis, Keycloak),
#   2. the four services and the MongoDB wire server with Jib (./mvnw -Pimages package: target/jib-image.tar),
#   3. podman load of each tar, then the tars are removed (the images stay in podman's storage).
#
#   deploy/images/build.sh [--skip-bases] [--keep-tars]
# Environment: as build-bases.sh (DEBIAN_MIRROR, KEYCLOAK_JDK…); MAVEN_ARGS are added to the Maven command line.
# Base images already in podman's storage are not rebuilt unless REBUILD_BASES=1.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$ROOT/deploy/podman/containers.conf}"
TAG="${IMAGE_TAG:-1.0.0}"
skip_bases=false keep_tars=false
for arg in "$@"; do
  case "$arg" in
    --skip-bases) skip_bases=true ;;
    --keep-tars) keep_tars=true ;;
    *) echo "usage: deploy/images/build.sh [--skip-bases] [--keep-tars]" >&2; exit 2 ;;
  esac
done
say() { printf 'build: %s\n' "$*"; }
start=$(date +%s)

if ! $skip_bases; then
  missing=()
  for base in base-jre17 postgres redis keycloak; do
    if [[ "${REBUILD_BASES:-0}" == 1 ]] || ! podman image exists "localhost/bts/$base:$TAG"; then missing+=("$base"); fi
  done
  # Jib reads the JRE base from its tar: remade from the stored image when only the tar is gone.
  if [[ ! " ${missing[*]:-} " =~ " base-jre17 " && ! -f "$HERE/target/base-jre17.tar" ]]; then
    mkdir -p "$HERE/target"
    podman save --quiet --format docker-archive -o "$HERE/target/base-jre17.tar" "localhost/bts/base-jre17:$TAG"
  fi
  [[ ${#missing[@]} -eq 0 ]] || "$HERE/build-bases.sh" "${missing[@]}"
fi
say "bases ready after $(( $(date +%s) - start )) s"

modules=(devstack referential-service dossier-service evaluation-service gateway)
(cd "$ROOT" && ./mvnw -B -q -Pimages package -DskipTests -Dbts.image.tag="$TAG" -pl "$(IFS=,; echo "${modules[*]}")" -am ${MAVEN_ARGS:-})
say "Jib images built after $(( $(date +%s) - start )) s"

for module in "${modules[@]}"; do
  tar="$ROOT/$module/target/jib-image.tar"
  podman load --quiet -i "$tar" >/dev/null
  $keep_tars || rm -f "$tar"
done
$keep_tars || rm -f "$HERE/target/base-jre17.tar"
for image in base-jre17 postgres redis keycloak mongo-wire referential-service dossier-service evaluation-service gateway; do
  printf '  %-36s %s\n' "localhost/bts/$image:$TAG" "$(podman image inspect --format '{{.Size}}' "localhost/bts/$image:$TAG" | awk '{printf "%.0f MB", $1/1e6}')"
done
say "all images built and loaded in $(( $(date +%s) - start )) s"
