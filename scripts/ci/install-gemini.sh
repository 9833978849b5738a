#!/bin/bash
# Installs what the Gemini interop tests need: Molly Brown (the peer), socat (relay), openssl (certificates),
# util-linux (unshare) and iproute2 (ip, ss). Idempotent: installs only what is missing.
set -euo pipefail
pkgs=(molly-brown socat openssl util-linux iproute2 python3)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-gemini: already installed: ${pkgs[*]}"
  exit 0
fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
echo "install-gemini: installing ${missing[*]}"
if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}"; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
