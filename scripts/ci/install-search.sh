#!/bin/bash
# Installs the search interop peers (Debian packages): python3-libzim (the oracle: libzim 8.1.1 with Xapian
# 1.4.22, for /usr/bin/python3), zim-tools (zimwriterfs, to build the Python docs archive), python3.11-doc
# (its HTML), and libzim-dev with g++ (the C++ snippet benchmark, scripts/zim/bench-libzim-snippets.cpp). Idempotent: installs only what is missing; apt-get update only when an install fails.
set -euo pipefail
PKGS=(python3-libzim zim-tools python3.11-doc libzim-dev g++)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-search: all present (${PKGS[*]})"
else
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "install-search: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    $SUDO apt-get update >/dev/null
    $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
/usr/bin/python3 -c 'import libzim.search, libzim.suggestion' \
  || { echo "install-search: python3-libzim not importable by /usr/bin/python3" >&2; exit 1; }
command -v zimwriterfs >/dev/null || { echo "install-search: zimwriterfs missing" >&2; exit 1; }
[ -f /usr/share/doc/python3.11/html/index.html ] || { echo "install-search: python3.11-doc HTML missing" >&2; exit 1; }
command -v g++ >/dev/null && [ -f /usr/include/zim/search.h ] || { echo "install-search: libzim-dev or g++ missing" >&2; exit 1; }
echo "install-search: done"
