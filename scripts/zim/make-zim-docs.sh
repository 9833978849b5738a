#!/bin/bash
# Builds the "Python docs" interop/benchmark archive from Debian's python3.11-doc HTML with
# zimwriterfs (zim-tools), then records python3-libzim's answers for it with zim-dump.py.
#
# Usage: scripts/zim/make-zim-docs.sh OUTDIR
# Produces OUTDIR/python3.11-doc.zim and OUTDIR/python3.11-doc.libzim.json (every entry).
# Idempotent: an existing archive and dump are kept (delete OUTDIR to rebuild).
# Needs: scripts/ci/install-zim.sh (zim-tools, python3-libzim, python3.11-doc, imagemagick).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:?usage: make-zim-docs.sh OUTDIR}
HTML=/usr/share/doc/python3.11/html
NAME=python3.11-doc
[ -f "$HTML/index.html" ] || { echo "make-zim-docs: $HTML/index.html missing (run scripts/ci/install-zim.sh)" >&2; exit 1; }
command -v zimwriterfs >/dev/null || { echo "make-zim-docs: zimwriterfs missing (run scripts/ci/install-zim.sh)" >&2; exit 1; }
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
if [ ! -s "$OUT/$NAME.zim" ]; then
  STAGE=$OUT/stage
  TMP=$OUT/.$NAME.building.zim
  rm -rf "$STAGE" "$TMP" "$TMP.tmp" "${TMP}_fulltext.idx.tmp" "${TMP}_title.idx.tmp"
  # -L: _static/jquery.js and underscore.js are symlinks out of the tree, which zimwriterfs skips
  cp -rL "$HTML" "$STAGE"
  # dh_compress gzipped the changelog; the pages link changelog.html
  find "$STAGE" -name '*.html.gz' -exec gunzip -f {} +
  if [ -x /usr/bin/convert ] && /usr/bin/convert "$STAGE/_static/og-image.png" -resize 48x48! "$STAGE/zim-illustration-48.png" 2>/dev/null; then :; else
    /usr/bin/python3 "$HERE/png48.py" "$STAGE/zim-illustration-48.png"
  fi
  zimwriterfs \
    --welcome=index.html \
    --illustration=zim-illustration-48.png \
    --language=eng \
    --title="Python 3.11 Documentation" \
    --description="Python 3.11 docs from Debian python3.11-doc" \
    --creator="Python Software Foundation" \
    --publisher="Burrow tests" \
    --name=python3.11-doc_en_all \
    --tags="_category:other;_pictures:yes;_videos:no" \
    --scraper="zimwriterfs" \
    "$STAGE" "$TMP" > "$OUT/$NAME.zimwriterfs.log" 2>&1 || { cat "$OUT/$NAME.zimwriterfs.log" >&2; exit 1; }
  mv -f "$TMP" "$OUT/$NAME.zim"
  rm -rf "$STAGE" "$OUT/$NAME.libzim.json"
  echo "make-zim-docs: built $OUT/$NAME.zim ($(stat -c %s "$OUT/$NAME.zim") bytes)" >&2
fi
if [ ! -s "$OUT/$NAME.libzim.json" ]; then
  /usr/bin/python3 "$HERE/zim-dump.py" "$OUT/$NAME.zim" > "$OUT/$NAME.libzim.json.tmp"
  mv -f "$OUT/$NAME.libzim.json.tmp" "$OUT/$NAME.libzim.json"
fi
echo "$OUT/$NAME.zim"
