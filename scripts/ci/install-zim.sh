#!/bin/bash
# Installs the ZIM interop peers (Debian packages): zim-tools (zimwriterfs, zimcheck),
# python3-libzim (the oracle, for /usr/bin/python3), python3.11-doc (the HTML of the docs
# archive), imagemagick (its 48x48 illustration), and libzim-dev, g++ and pkg-config (the C++
# libzim bench scripts/zim/bench-libzim.cpp that scripts/bench-zim.sh compiles into target/).
# Idempotent: installs only what is missing.
set -euo pipefail
PKGS=(zim-tools python3-libzim python3.11-doc imagemagick libzim-dev g++ pkg-config)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-zim: all present (${PKGS[*]})"
  exit 0
fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-zim: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  $SUDO apt-get update >/dev/null
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi
/usr/bin/python3 -c 'import libzim.reader' || { echo "install-zim: python3-libzim not importable" >&2; exit 1; }
command -v zimcheck >/dev/null && command -v zimwriterfs >/dev/null || { echo "install-zim: zim-tools missing" >&2; exit 1; }
echo "install-zim: done"
