#!/usr/bin/env bash
# Rebuild the demo archive served when no ZIM directory is configured, from the HTML pages in demo/site,
# with Debian's zim-tools (zimwriterfs). Checks it with zimcheck and writes it into mcp-zim's resources.
# Usage: scripts/zim/make-demo-zim.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v zimwriterfs >/dev/null || { echo "zimwriterfs missing: apt-get install zim-tools" >&2; exit 1; }
out=mcp-zim/src/main/resources/io/burrow/mcp/zim/demo/burrow-demo.zim
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
zimwriterfs \
  --welcome=index.html \
  --illustration=images/illustration-48.png \
  --language=eng \
  --title="Burrow demo library" \
  --description="A small offline library about Burrow, Gopher, Gemini and ZIM archives" \
  --longDescription="Shipped with Burrow so that a new installation answers zim_search with no configuration." \
  --creator="Burrow" \
  --publisher="Burrow" \
  --name=burrow_demo_en \
  --tags="_category:other;_pictures:no" \
  --source="https://github.com/burrow/burrow" \
  --flavour=demo \
  --scraper="scripts/zim/make-demo-zim.sh" \
  demo/site "$tmp/demo.zim" > "$tmp/log" 2>&1 || { cat "$tmp/log" >&2; exit 1; }
zimcheck -A "$tmp/demo.zim" > "$tmp/check" 2>&1 || { cat "$tmp/check" >&2; exit 1; }
mv "$tmp/demo.zim" "$out"
echo "wrote $out ($(stat -c %s "$out") bytes)"
