#!/bin/bash
# Installs what the Gopher interop tests and the Gopher benchmark need: Gophernicus, socat (the inetd
# in front of it) and coreutils' timeout. Idempotent: installs only missing packages.
set -euo pipefail
pkgs=(gophernicus socat coreutils)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-gopher: all present (${pkgs[*]})"
  exit 0
fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-gopher: installing ${missing[*]}"
if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi
test -x /usr/sbin/gophernicus
command -v socat >/dev/null
echo "install-gopher: done"
