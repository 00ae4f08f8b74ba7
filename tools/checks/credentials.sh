#!/usr/bin/env bash
# Independent verification of the signed credentials (issue 17) against the live stack, after the e2e tests have
# sealed and published the demo session: tools/verify/credentials-verify.mjs checks them with Node's own WebCrypto
# and zlib (none of the signer's code), then a tampered and a foreign-key credential, then a revocation by a
# revision after the seal. Needs Node ≥ 18 (global fetch, WebCrypto).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
command -v node >/dev/null || { echo "credentials check: node is missing (Node 20 is a prerequisite, see README)" >&2; exit 1; }
GATEWAY_URL="${GATEWAY_URL:?}" KEYCLOAK_URL="${KEYCLOAK_URL:?}" node "$(dirname "$HERE")/verify/credentials-verify.mjs"
