#!/bin/bash
# Installs what the replica test needs (Debian packages): HAProxy (the load balancer in front of three HTTP
# replicas) and PostgreSQL (the shared Gemini trust store; the test starts its own cluster in a temporary
# directory, never the system one), python3 (free ports) and procps. Idempotent: installs only what is missing.
set -euo pipefail
pkgs=(haproxy postgresql python3 procps)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-replicas: all present (${pkgs[*]})"
  exit 0
fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-replicas: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  $SUDO apt-get update >/dev/null
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v haproxy >/dev/null || { echo "install-replicas: haproxy missing after install" >&2; exit 1; }
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
  || { echo "install-replicas: PostgreSQL's initdb missing after install" >&2; exit 1; }
echo "install-replicas: done"
