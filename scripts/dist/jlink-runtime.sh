#!/usr/bin/env bash
# Builds the jlinked Java 17 runtime used by the slim container image and the MCP bundle:
#   target/dist/runtime-linux-x64/   (about 73 MB; bin/java, lib/modules, lib/server/classes.jsa, conf/, legal/)
# The JDK is Debian's newest openjdk-17-jdk-headless + openjdk-17-jre-headless for bookworm (with -security),
# fetched with `apt-get download` and unpacked with `dpkg -x` into target/dist/jdk: the host's JDK is neither used
# nor changed, and the runtime has the same patch level as the full image's JRE.
# Modules: `jdeps --print-module-deps` of the HTTP launcher's shaded jar (it contains the stdio launcher too), plus
# jdk.crypto.ec (TLS with EC keys, needed by Gemini) and jdk.zipfs.
# --generate-cds-archive adds the JDK's default class-data sharing archive (lib/server/classes.jsa, ~20 MB), which
# the JVM maps at start as a full JDK does (without it each start loads the JDK's classes one by one), and on which
# the image's and the bundle's archives of Burrow's own classes build (docs/operations.md, "Start-up").
# Idempotent: the runtime is rebuilt only when the JDK version or the module list changes.
# Needs: the shaded jar (mvn -B -DskipTests package), apt-get, dpkg. Prints the runtime directory on stdout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/target/dist"
jdk_pkgs=(openjdk-17-jre-headless openjdk-17-jdk-headless)
extra_modules="jdk.crypto.ec,jdk.zipfs"
log() { echo "jlink-runtime: $*" >&2; }

jar=$(ls "$root"/mcp-server-http/target/mcp-server-http-*.jar 2>/dev/null | grep -v -- '-thin\.jar$' | head -1 || true)
[[ -n "$jar" ]] || { log "no shaded jar in mcp-server-http/target: run mvn -B -DskipTests package first"; exit 1; }

# 1. the JDK, unpacked from Debian's packages (the package lists are refreshed when they are missing or stale)
candidate() { apt-cache policy openjdk-17-jdk-headless | awk '/Candidate:/ {print $2}'; }
download() { (cd "$out/debs" && apt-get download -q "${jdk_pkgs[@]/%/=$want}" >"$out/debs/apt.log" 2>&1) \
               || { grep -v 'unsandboxed' "$out/debs/apt.log" >&2; return 1; }; }
want=$(candidate)
if [[ -z "$want" || "$want" == "(none)" ]]; then apt-get update -qq >&2 </dev/null; want=$(candidate); fi
[[ -n "$want" && "$want" != "(none)" ]] || { log "apt knows no openjdk-17-jdk-headless"; exit 1; }
jdk="$out/jdk/usr/lib/jvm/java-17-openjdk-amd64"
if [[ "$(cat "$out/jdk/.version" 2>/dev/null)" != "$want" || ! -x "$jdk/bin/jlink" ]]; then
  rm -rf "$out/jdk" "$out/debs"; mkdir -p "$out/jdk" "$out/debs"
  if ! download; then
    log "download failed; apt-get update and again"
    apt-get update -qq >&2; want=$(candidate); download
  fi
  log "unpacking ${jdk_pkgs[*]} $want into target/dist/jdk"
  for deb in "$out"/debs/*.deb; do dpkg -x "$deb" "$out/jdk"; done
  [[ -x "$jdk/bin/jlink" ]] || { log "jlink missing after unpacking"; exit 1; }
  echo "$want" > "$out/jdk/.version"
  rm -rf "$out/debs"
fi

# 2. the module list
# (jdeps takes ~20 s on two cores: its answer is kept per jar checksum)
jar_sum=$(sha256sum "$jar" | cut -d' ' -f1)
cached="$out/jdeps-modules.txt"
if [[ "$(head -1 "$cached" 2>/dev/null)" == "$jar_sum" ]]; then
  deps=$(sed -n 2p "$cached")
else
  deps=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar" | tail -1)
  printf '%s\n%s\n' "$jar_sum" "$deps" > "$cached"
fi
modules="$deps,$extra_modules"
[[ "$modules" == java.base* ]] || { log "unexpected jdeps output: $modules"; exit 1; }

# 3. the runtime
rt="$out/runtime-linux-x64"
stamp="$want $modules cds"
if [[ "$(cat "$rt/.burrow-stamp" 2>/dev/null)" == "$stamp" && -x "$rt/bin/java" ]]; then
  log "up to date ($want; $modules)"
else
  log "jlink $want: $modules"
  rm -rf "$rt"
  "$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" \
    --strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive --output "$rt" >&2
  echo "$stamp" > "$rt/.burrow-stamp"
  log "runtime $(du -sh "$rt" | cut -f1) in target/dist/runtime-linux-x64"
fi
echo "$rt"
