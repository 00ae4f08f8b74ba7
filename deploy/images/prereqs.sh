#!/usr/bin/env bash
# Installs, when missing, what deploy/images/build.sh and deploy/podman/up.sh need on Debian 12: mmdebstrap, podman,
# runc (crun refuses the hybrid cgroup layout of the build machines), curl, and PyYAML for render.py. Idempotent.
set -euo pipefail
missing=()
for pair in mmdebstrap:mmdebstrap podman:podman runc:runc curl:curl; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
[[ ${#missing[@]} -eq 0 ]] && exit 0
[[ "$(id -u)" == 0 ]] || { echo "prereqs: run as root to install ${missing[*]}" >&2; exit 1; }
echo "prereqs: installing ${missing[*]}"
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
