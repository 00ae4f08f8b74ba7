#!/usr/bin/env bash
# Base images of the suite, built from Debian bookworm packages with mmdebstrap (no registry is pulled from):
#   bts/base-jre17   openjdk-17-jre-headless, user 10001, no shell — the base Jib builds the services and the
#                    MongoDB wire server on (saved as a docker-archive tar that Jib reads through tar://)
#   bts/postgres     postgresql-15, an entrypoint that initialises the cluster and its databases from the environment
#   bts/redis        redis-server, password from the environment
#   bts/keycloak     the keycloak-quarkus-dist zip (pre-built for PostgreSQL) on a jlink'd JDK 21+ runtime of this
#                    machine (Keycloak 26 needs Java 21+, bookworm has 17)
#
#   deploy/images/build-bases.sh [name...]      (all when none is given; needs root, mmdebstrap and podman)
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), IMAGES_DIR (default deploy/images/target),
# KEYCLOAK_JDK (a JDK 21+ with jlink; default /usr/lib/jvm/temurin-25-jdk-amd64 or JAVA_HOME), IMAGE_TAG (1.0.0).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$ROOT/deploy/podman/containers.conf}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
OUT="${IMAGES_DIR:-$HERE/target}"
TAG="${IMAGE_TAG:-1.0.0}"
KEYCLOAK_VERSION="26.7.3"
KEYCLOAK_JDK="${KEYCLOAK_JDK:-}"
CACHE="$OUT/apt-cache"
WORK="$OUT/work"

say() { printf 'build-bases: %s\n' "$*"; }
fail() { printf 'build-bases: %s\n' "$*" >&2; exit 1; }

[[ "$(id -u)" == 0 ]] || fail "run as root (mmdebstrap installs packages into a chroot)"
command -v mmdebstrap >/dev/null || fail "mmdebstrap is missing (deploy/images/prereqs.sh installs it)"
command -v podman >/dev/null || fail "podman is missing (deploy/images/prereqs.sh installs it)"
mkdir -p "$OUT" "$CACHE" "$WORK"

# Docs, man pages and translations are left out of every image; the apt lists and package cache too.
SLIM=(--dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-exclude=/usr/share/info/*'
  --essential-hook='mkdir -p "$1"/usr/share/man/man1')  # openjdk's postinst registers its man page alternatives there
# Downloaded .debs are kept between runs in $CACHE (sync-in / sync-out), so a rebuild downloads nothing.
CACHED=(--skip=essential/unlink --setup-hook='mkdir -p "$1"/var/cache/apt/archives'
  --setup-hook="sync-in $CACHE /var/cache/apt/archives"
  --customize-hook="sync-out /var/cache/apt/archives $CACHE"
  --customize-hook='rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*')
# A fixed, unprivileged account (numeric, so that Kubernetes' runAsNonRoot can check it), made once the essential
# packages (base-passwd) are in, before the packages whose maintainer scripts would create it with another id.
account() { # uid name home → setup hook lines
  echo "--essential-hook=echo '$2:x:$1:$1:$2:$3:/usr/sbin/nologin' >>\"\$1\"/etc/passwd && echo '$2:x:$1:' >>\"\$1\"/etc/group"
}

rootfs() { # name, mmdebstrap arguments… → $WORK/name.tar
  local name="$1"; shift
  say "$name: mmdebstrap bookworm $*" | cut -c1-200
  rm -f "$WORK/$name.tar"
  mmdebstrap --verbose --variant=essential --format=tar "${SLIM[@]}" "${CACHED[@]}" "$@" \
    bookworm "$WORK/$name.tar" "$MIRROR" >"$WORK/$name.log" 2>&1 || { tail -n 30 "$WORK/$name.log" >&2; fail "$name: mmdebstrap failed"; }
}

import() { # name, image, podman import --change arguments…
  local name="$1" image="$2"; shift 2
  podman rmi -f "$image" >/dev/null 2>&1 || true
  podman import --quiet "$@" "$WORK/$name.tar" "$image" >/dev/null
  rm -f "$WORK/$name.tar"
  say "$name: $image ($(podman image inspect --format '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}'))"
}

base_jre17() {
  # The JRE's own shell scripts are not needed (the entrypoints are exec-form java command lines): the shells are
  # removed last, so that nothing in the running container can start one.
  rootfs base-jre17 --include=openjdk-17-jre-headless,ca-certificates "$(account 10001 app /home/app)" \
    --customize-hook='mkdir -p "$1"/home/app/data "$1"/tmp && chown -R 10001:10001 "$1"/home/app && chmod 1777 "$1"/tmp' \
    --customize-hook='rm -f "$1"/usr/bin/bash "$1"/usr/bin/rbash "$1"/usr/bin/dash "$1"/usr/bin/sh "$1"/bin/sh "$1"/bin/bash "$1"/bin/dash'
  import base-jre17 "bts/base-jre17:$TAG" --change 'USER 10001:10001' --change 'WORKDIR /home/app' \
    --change 'ENV PATH=/usr/bin:/bin' --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' --change 'ENV LANG=C.UTF-8'
  # Jib reads its base from a docker-archive tar (from.image = tar://…).
  rm -f "$OUT/base-jre17.tar"
  podman save --quiet --format docker-archive -o "$OUT/base-jre17.tar" "bts/base-jre17:$TAG"
}

base_postgres() {
  # No cluster is made at install time: the entrypoint initialises an empty data directory at first start.
  rootfs postgres --include=postgresql-15 "$(account 999 postgres /var/lib/postgresql)" \
    --setup-hook='mkdir -p "$1"/etc/postgresql-common && echo "create_main_cluster = false" >"$1"/etc/postgresql-common/createcluster.conf' \
    --customize-hook="upload $HERE/postgres-entrypoint.sh /usr/local/bin/bts-postgres-entrypoint" \
    --customize-hook='chmod 755 "$1"/usr/local/bin/bts-postgres-entrypoint && mkdir -p "$1"/var/lib/postgresql/data && chown -R 999:999 "$1"/var/lib/postgresql'
  import postgres "bts/postgres:$TAG" --change 'USER 999:999' --change 'ENV PGDATA=/var/lib/postgresql/data' \
    --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/sbin:/usr/bin' --change 'EXPOSE 5432' \
    --change 'STOPSIGNAL SIGINT' --change 'ENTRYPOINT ["/usr/local/bin/bts-postgres-entrypoint"]'
}

base_redis() {
  rootfs redis --include=redis-server "$(account 998 redis /var/lib/redis)" \
    --customize-hook="upload $HERE/redis-entrypoint.sh /usr/local/bin/bts-redis-entrypoint" \
    --customize-hook='chmod 755 "$1"/usr/local/bin/bts-redis-entrypoint && mkdir -p "$1"/var/lib/redis && chown -R 998:998 "$1"/var/lib/redis'
  import redis "bts/redis:$TAG" --change 'USER 998:998' --change 'ENV PATH=/usr/bin:/bin' --change 'WORKDIR /var/lib/redis' --change 'EXPOSE 6379' \
    --change 'ENTRYPOINT ["/usr/local/bin/bts-redis-entrypoint"]'
}

keycloak_zip() {
  local zip="$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  if [[ ! -f "$zip" ]]; then
    (cd "$ROOT" && ./mvnw -B -q dependency:get -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip") >&2 \
      || fail "could not fetch keycloak-quarkus-dist $KEYCLOAK_VERSION through Maven"
  fi
  echo "$zip"
}

keycloak_jdk() {
  local candidate
  for candidate in "$KEYCLOAK_JDK" /usr/lib/jvm/temurin-25-jdk-amd64 "${JAVA_HOME:-}" /usr/lib/jvm/temurin-21-jdk-amd64; do
    [[ -n "$candidate" && -x "$candidate/bin/jlink" ]] || continue
    [[ "$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')" -ge 21 ]] \
      && { echo "$candidate"; return; }
  done
  fail "Keycloak $KEYCLOAK_VERSION needs a JDK 21+ with jlink: set KEYCLOAK_JDK"
}

base_keycloak() {
  local jdk zip stage="$WORK/keycloak-stage"
  jdk="$(keycloak_jdk)"; zip="$(keycloak_zip)"
  rm -rf "$stage"; mkdir -p "$stage"
  # A runtime of every module of the JDK but jlink, jpackage and the incubating ones, without debug symbols, headers and man pages
  # (linked from the JDK's own run-time image when it ships no jmods, as Temurin 25 does).
  "$jdk/bin/jlink" --add-modules "$("$jdk/bin/java" --list-modules | cut -d@ -f1 | grep -v '^jdk\.incubator\.\|^jdk\.jlink$\|^jdk\.jpackage$' | paste -sd,)" \
    --strip-debug --no-header-files --no-man-pages --output "$stage/jre" >"$WORK/keycloak-jlink.log" 2>&1 \
    || { cat "$WORK/keycloak-jlink.log" >&2; fail "jlink failed"; }
  (cd "$stage" && "$jdk/bin/jar" xf "$zip") && mv "$stage/keycloak-$KEYCLOAK_VERSION" "$stage/keycloak"
  chmod +x "$stage"/keycloak/bin/*.sh
  # Build-time options baked in once (kc.sh build), so that the container starts with start --optimized.
  JAVA_HOME="$stage/jre" "$stage/keycloak/bin/kc.sh" build --db=postgres --health-enabled=true --metrics-enabled=true \
    >"$WORK/keycloak-build.log" 2>&1 || { tail -n 30 "$WORK/keycloak-build.log" >&2; fail "kc.sh build failed"; }
  mkdir -p "$stage/keycloak/data/import"
  rootfs keycloak "$(account 1000 keycloak /opt/keycloak)" \
    --customize-hook="copy-in $stage/jre /opt" --customize-hook="copy-in $stage/keycloak /opt" \
    --customize-hook='chown -R 1000:1000 "$1"/opt/keycloak'
  rm -rf "$stage"
  import keycloak "bts/keycloak:$TAG" --change 'USER 1000:1000' --change 'WORKDIR /opt/keycloak' \
    --change 'ENV JAVA_HOME=/opt/jre' --change 'ENV PATH=/opt/jre/bin:/usr/bin' --change 'ENV LANG=C.UTF-8' \
    --change 'EXPOSE 8080' --change 'ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]'
}

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(base-jre17 postgres redis keycloak)
for target in "${targets[@]}"; do
  start=$(date +%s)
  case "$target" in
    base-jre17) base_jre17 ;;
    postgres) base_postgres ;;
    redis) base_redis ;;
    keycloak) base_keycloak ;;
    *) fail "unknown base image $target (base-jre17, postgres, redis, keycloak)" ;;
  esac
  say "$target built in $(( $(date +%s) - start )) s"
done
