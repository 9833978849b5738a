#!/bin/sh
# Deterministically (re)create the large files of a gopherhole used for size-limit tests.
# Usage: gen-gopherhole-large.sh GOPHER_ROOT   (a copy under target/, never the committed fixture)
#   ROOT/large/big.txt : 2 MiB (2097152 bytes) of numbered ASCII lines, 64 bytes each (LF)
#   ROOT/large/big.bin : 1 MiB (1048576 bytes) of bytes 0..255 repeated
set -eu
root=${1:?usage: gen-gopherhole-large.sh GOPHER_ROOT}
mkdir -p "$root/large"
if [ -f "$root/large/big.txt" ] && [ "$(wc -c < "$root/large/big.txt")" -eq 2097152 ] \
   && [ -f "$root/large/big.bin" ] && [ "$(wc -c < "$root/large/big.bin")" -eq 1048576 ]; then
  exit 0
fi
awk 'BEGIN { for (i = 0; i < 32768; i++) { s = sprintf("Line %07d of the large gopher text file for size-limit tests.", i); print substr(s, 1, 63) } }' \
  > "$root/large/big.txt"
# 256 bytes 0..255 via octal escapes, repeated 4096 times
pattern=$(mktemp)
i=0
while [ $i -lt 256 ]; do printf "\\$(printf '%03o' $i)"; i=$((i + 1)); done > "$pattern"
n=0
while [ $n -lt 4096 ]; do cat "$pattern"; n=$((n + 1)); done > "$root/large/big.bin"
rm -f "$pattern"
[ "$(wc -c < "$root/large/big.txt")" -eq 2097152 ] || { echo "big.txt has the wrong size" >&2; exit 1; }
[ "$(wc -c < "$root/large/big.bin")" -eq 1048576 ] || { echo "big.bin has the wrong size" >&2; exit 1; }
chmod 644 "$root/large/big.txt" "$root/large/big.bin"
