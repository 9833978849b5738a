#!/bin/bash
# Installs what the container image build and its smoke test need (Debian packages): mmdebstrap (root file
# systems), podman + runc (build and run; crun fails on these VMs' hybrid cgroups), skopeo (OCI archive export),
# curl (the HTTP smoke test) and python3 (reading its JSON). Idempotent: installs only what is missing.
set -euo pipefail
pkgs=(mmdebstrap podman runc skopeo curl python3 ca-certificates)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-container: all present (${pkgs[*]})"
  exit 0
fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-container: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  $SUDO apt-get update >/dev/null
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi
for c in mmdebstrap podman runc skopeo curl; do
  command -v "$c" >/dev/null || { echo "install-container: $c missing after install" >&2; exit 1; }
done
echo "install-container: done"
