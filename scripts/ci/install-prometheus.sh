#!/bin/bash
# Installs the metrics interop peer (Debian package): Prometheus, which PrometheusScrapeIT starts on 127.0.0.1 to
# scrape the management port during a scripted session and query over its HTTP API. Only the binary is used: the
# package's own service is not started (no systemd here) and is not needed. Idempotent: installs only what is missing.
set -euo pipefail
pkgs=(prometheus)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-prometheus: all present (${pkgs[*]})"
  exit 0
fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-prometheus: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  $SUDO apt-get update >/dev/null
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v prometheus >/dev/null || { echo "install-prometheus: prometheus missing after install" >&2; exit 1; }
echo "install-prometheus: $(prometheus --version 2>&1 | head -1)"
