#!/usr/bin/env bash
# Builds and checks Burrow's MCP bundle (.mcpb, for Claude Desktop and other hosts) for the platform we build on:
#   target/mcpb/burrow-<version>-<os>-<arch>.mcpb (+ .sha256, and target/mcpb/server.json: the registry entry
#   with that file's checksum)
# Contents: packaging/mcpb/manifest.json (server.type "binary"; version and platform filled in here), the icons,
# server/burrow (the entry point script), server/burrow.jar (the HTTP launcher's shaded jar, whose stdio command the bundle runs)
# and server/runtime/ (the jlinked Java runtime of scripts/dist/jlink-runtime.sh).
# Steps: `mcpb validate` of the manifest, `mcpb pack`, `mcpb unpack` into a fresh folder (so the test runs what a
# host installs, file modes included), then scripts/mcpb/host-smoke.mjs resolves the manifest's mcp_config with the
# mcpb library as a host does and speaks MCP to it: once with no folder (demo archive), once with a ZIM folder.
# Other platforms: see docs/deployment.md (a runtime jlinked on that platform, the same steps).
# Needs: the shaded jar (mvn -B -DskipTests package), node + tools/mcpb (scripts/ci/install-mcpb.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/target/mcpb"
mcpb="$root/tools/mcpb/node_modules/.bin/mcpb"
log() { echo "build-bundle: $*" >&2; }
[[ -x "$mcpb" ]] || { log "mcpb CLI missing: run scripts/ci/install-mcpb.sh"; exit 1; }
jar=$(ls "$root"/mcp-server-http/target/mcp-server-http-*.jar 2>/dev/null | grep -v -- '-thin\.jar$' | head -1 || true)
[[ -n "$jar" ]] || { log "no shaded jar in mcp-server-http/target: run mvn -B -DskipTests package first"; exit 1; }
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) log "unsupported build OS $(uname -s)"; exit 1 ;; esac
case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
t0=$(date +%s)

runtime=$(bash "$root/scripts/dist/jlink-runtime.sh")
stage="$out/burrow"
rm -rf "$stage"; mkdir -p "$stage/server"
python3 - "$root/packaging/mcpb/manifest.json" "$stage/manifest.json" "$version" "$os" <<'PY'
import json, sys
src, dst, version, os_name = sys.argv[1:5]
m = json.load(open(src, encoding="utf-8"))
m["version"] = version
m["compatibility"]["platforms"] = [os_name]
json.dump(m, open(dst, "w", encoding="utf-8"), indent=2, ensure_ascii=False)
PY
cp "$root/packaging/mcpb/icon.png" "$root/packaging/mcpb/icon-128.png" "$stage/"
install -m 0755 "$root/packaging/mcpb/server/burrow" "$stage/server/burrow"
install -m 0644 "$jar" "$stage/server/burrow.jar"
cp -a "$runtime" "$stage/server/runtime"; rm -f "$stage/server/runtime/.burrow-stamp"

"$mcpb" validate "$stage/manifest.json" >&2
bundle="$out/burrow-$version-$os-$arch.mcpb"
rm -f "$bundle"
"$mcpb" pack "$stage" "$bundle" >"$out/pack.log" 2>&1 || { cat "$out/pack.log" >&2; exit 1; }
log "packed $(basename "$bundle"): $(( $(stat -c %s "$bundle") / 1000000 )) MB (unpacked $(du -sm "$stage" | cut -f1) MB)"

# Install it as a host would, and use it.
check="$out/unpacked"; rm -rf "$check"
"$mcpb" unpack "$bundle" "$check" >/dev/null
[[ -x "$check/server/burrow" && -x "$check/server/runtime/bin/java" ]] || { log "file modes lost in the bundle"; exit 1; }
node "$root/scripts/mcpb/host-smoke.mjs" "$check" >&2
mkdir -p "$out/zims"; cp "$root/fixtures/zim/peer-test-small.zim" "$out/zims/"
node "$root/scripts/mcpb/host-smoke.mjs" "$check" "$out/zims" >&2
rm -rf "$check" "$out/zims"
sha=$(sha256sum "$bundle" | cut -d' ' -f1)
echo "$sha" > "$bundle.sha256"
# The registry entry to publish with this bundle: packaging/registry/server.json with its checksum and file name
python3 - "$root/packaging/registry/server.json" "$out/server.json" "$sha" "$(basename "$bundle")" <<'PY'
import json, re, sys
src, dst, sha, name = sys.argv[1:5]
s = json.load(open(src, encoding="utf-8"))
for p in s["packages"]:
    if p["registryType"] == "mcpb":
        p["fileSha256"] = sha
        p["identifier"] = re.sub(r"[^/]+\.mcpb$", name, p["identifier"])
json.dump(s, open(dst, "w", encoding="utf-8"), indent=2, ensure_ascii=False)
PY
log "bundle ok in $(( $(date +%s) - t0 )) s; sha256 $sha; registry entry target/mcpb/server.json"
echo "$bundle"
