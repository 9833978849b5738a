#!/usr/bin/env bash
# Builds Burrow's container images offline (Debian packages and the Maven build only; no container registry):
#   localhost/burrow:<version>        Debian 12 + openjdk-17-jre-headless (mmdebstrap, imported into podman)
#   localhost/burrow:<version>-slim   the jlinked runtime of scripts/dist/jlink-runtime.sh on a minimal Debian rootfs
# and exports each as an OCI archive: target/container/burrow-<version>[-slim].oci.tar (gzip layers).
# One image serves both launchers: the command picks stdio (default) or http (packaging/container/burrow).
# Runs as root with podman, runc, mmdebstrap and skopeo (scripts/ci/install-container.sh); podman reads
# packaging/container/containers.conf (CONTAINERS_CONF), never /etc. Needs the shaded jars
# (mvn -B -DskipTests package). Bases are rebuilt only when their recipe or the JRE version changes.
#   --full-only   skip the slim image          --print-tags   print the two image names and exit
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CONTAINERS_CONF="$root/packaging/container/containers.conf"
out="$root/target/container"
ctx_dir="$root/packaging/container"
server_name="io.burrow/burrow"   # the MCP Registry name (packaging/registry/server.json)
log() { echo "build-image: $*" >&2; }
secs() { echo $(( $(date +%s) - $1 )); }

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
full_tag="localhost/burrow:$version"
slim_tag="localhost/burrow:$version-slim"
if [[ "${1:-}" == "--print-tags" ]]; then echo "$full_tag $slim_tag"; exit 0; fi
full_only=false; [[ "${1:-}" == "--full-only" ]] && full_only=true

for tool in podman mmdebstrap skopeo; do
  command -v "$tool" >/dev/null || { log "$tool missing: run scripts/ci/install-container.sh"; exit 1; }
done
jar=$(ls "$root"/mcp-server-http/target/mcp-server-http-*.jar 2>/dev/null | grep -v -- '-thin\.jar$' | head -1 || true)
[[ -n "$jar" ]] || { log "no shaded jar in mcp-server-http/target: run mvn -B -DskipTests package first"; exit 1; }
mkdir -p "$out"
sources=/etc/apt/sources.list.d/debian.sources     # bookworm, -updates and -security, as the host uses them
[[ -f "$sources" ]] || sources="deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main"
excludes=(--dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*'
          --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*'
          --dpkgopt='path-exclude=/usr/share/info/*' --dpkgopt='path-exclude=/usr/share/lintian/*')
label() { podman image inspect --format "{{index .Labels \"$2\"}}" "$1" 2>/dev/null || true; }

# ---- bases -------------------------------------------------------------------------------------------------
# A base is tagged with the checksum of its recipe (this script's base section and the package versions it asks
# for); an existing image with the same checksum is reused.
jre_version=$(apt-cache policy openjdk-17-jre-headless | awk '/Candidate:/ {print $2}')
recipe_full=$( { sed -n '/^# ---- bases/,/^# ---- app/p' "$0"; echo "$jre_version"; } | sha256sum | cut -c1-16)
base_full="localhost/burrow-base:debian12-jre17"
if [[ "$(label "$base_full" burrow.base.recipe)" != "$recipe_full" ]]; then
  t=$(date +%s); log "mmdebstrap: Debian 12 + openjdk-17-jre-headless $jre_version"
  # - merged-usr hook + usr-is-merged: otherwise apt picks usrmerge, which pulls in perl (+50 MB)
  # - the man1 directory: openjdk's postinst links its man page there (update-alternatives fails without it)
  mmdebstrap --quiet --variant=essential --include=openjdk-17-jre-headless,usr-is-merged \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr "${excludes[@]}" \
    --essential-hook='mkdir -p "$1"/usr/share/man/man1' \
    --customize-hook='echo "app:x:10001:10001:burrow:/var/lib/burrow:/usr/sbin/nologin" >>"$1"/etc/passwd; echo "app:x:10001:" >>"$1"/etc/group' \
    --customize-hook='mkdir -p "$1"/app "$1"/var/lib/burrow; chown 10001:10001 "$1"/var/lib/burrow' \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/* "$1"/usr/share/man "$1"/var/cache/ldconfig/aux-cache' \
    bookworm "$out/base-jre17.rootfs.tar" "$sources" >"$out/mmdebstrap-jre17.log" 2>&1 \
    || { tail -30 "$out/mmdebstrap-jre17.log" >&2; exit 1; }
  podman rmi -f "$base_full" >/dev/null 2>&1 || true
  podman import --quiet --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' --change "LABEL burrow.base.recipe=$recipe_full" \
    "$out/base-jre17.rootfs.tar" "$base_full" >/dev/null
  rm -f "$out/base-jre17.rootfs.tar"
  log "base $base_full built in $(secs "$t") s"
else
  log "base $base_full up to date"
fi

base_slim="localhost/burrow-base:debian12-slim"
slim_pkgs="libc6,zlib1g,libgcc-s1,libstdc++6,dash,base-files,netbase,usr-is-merged"
recipe_slim=$( { sed -n '/^# ---- bases/,/^# ---- app/p' "$0"; cat "$ctx_dir/passwd" "$ctx_dir/group";
                 apt-cache policy libc6 libstdc++6 zlib1g | awk '/Candidate:/ {print $2}'; } | sha256sum | cut -c1-16)
if ! $full_only && [[ "$(label "$base_slim" burrow.base.recipe)" != "$recipe_slim" ]]; then
  t=$(date +%s); log "mmdebstrap (extract): $slim_pkgs"
  # The extract variant only unpacks (no maintainer scripts, no customize hooks): the directory is finished here.
  dir="$out/base-slim.root"; rm -rf "$dir"
  mmdebstrap --quiet --variant=extract --include="$slim_pkgs" \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr "${excludes[@]}" bookworm "$dir" "$sources" \
    >"$out/mmdebstrap-slim.log" 2>&1 || { tail -30 "$out/mmdebstrap-slim.log" >&2; exit 1; }
  install -m 0644 "$ctx_dir/passwd" "$ctx_dir/group" "$dir/etc/"
  ln -sf dash "$dir/usr/bin/sh"
  mkdir -p "$dir/app" "$dir/var/lib/burrow" "$dir/tmp"; chmod 1777 "$dir/tmp"; chown 10001:10001 "$dir/var/lib/burrow"
  rm -rf "$dir"/var/cache/apt/* "$dir"/var/lib/apt/lists/* "$dir"/var/log/* "$dir"/usr/share/man
  tar --numeric-owner -C "$dir" -cf "$out/base-slim.rootfs.tar" .
  rm -rf "$dir"
  podman rmi -f "$base_slim" >/dev/null 2>&1 || true
  podman import --quiet --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' --change 'ENV LANG=C.UTF-8' \
    --change "LABEL burrow.base.recipe=$recipe_slim" "$out/base-slim.rootfs.tar" "$base_slim" >/dev/null
  rm -f "$out/base-slim.rootfs.tar"
  log "base $base_slim built in $(secs "$t") s"
elif ! $full_only; then
  log "base $base_slim up to date"
fi

# ---- app ---------------------------------------------------------------------------------------------------
build() {  # build TAG CONTAINERFILE BASE CONTEXT
  local t old new; t=$(date +%s)
  old=$(podman image inspect --format '{{.Id}}' "$1" 2>/dev/null || true)
  podman build --quiet --pull=never --layers=false -f "$2" --build-arg BASE="$3" --build-arg VERSION="$version" \
    --build-arg SERVER_NAME="$server_name" -t "$1" "$4" >/dev/null
  new=$(podman image inspect --format '{{.Id}}' "$1")
  # the previous build of this tag, now untagged, is removed (no dangling images pile up)
  [[ -n "$old" && "$old" != "$new" ]] && podman rmi "$old" >/dev/null 2>&1 || true
  log "image $1 built in $(secs "$t") s"
}
export_oci() {  # export_oci TAG FILE
  local t; t=$(date +%s)
  rm -f "$2"
  skopeo copy --quiet "containers-storage:$1" "oci-archive:$2:$1" 2> >(grep -v 'using prior storage driver' >&2)
  # the archive must carry the MCP Registry label (the registry checks it for "oci" packages)
  [[ $(skopeo inspect "oci-archive:$2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Labels"]["io.modelcontextprotocol.server.name"])') \
     == "$server_name" ]] || { log "$2 lacks the label io.modelcontextprotocol.server.name=$server_name"; exit 1; }
  log "exported $(basename "$2") in $(secs "$t") s"
}

ctx="$out/context"; rm -rf "$ctx"; mkdir -p "$ctx"
cp "$ctx_dir/burrow" "$ctx/burrow"
cp "$jar" "$ctx/burrow.jar"
build "$full_tag" "$ctx_dir/Containerfile" "$base_full" "$ctx"
export_oci "$full_tag" "$out/burrow-$version.oci.tar"
if ! $full_only; then
  runtime=$(bash "$root/scripts/dist/jlink-runtime.sh")
  cp -a "$runtime" "$ctx/runtime"; rm -f "$ctx/runtime/.burrow-stamp"
  build "$slim_tag" "$ctx_dir/Containerfile.slim" "$base_slim" "$ctx"
  export_oci "$slim_tag" "$out/burrow-$version-slim.oci.tar"
fi
rm -rf "$ctx"

# ---- sizes -------------------------------------------------------------------------------------------------
{
  printf '%-34s %12s %16s\n' image "raw (MB)" "OCI archive (MB)"
  for tag in "$full_tag" $($full_only || echo "$slim_tag"); do
    suffix=${tag#localhost/burrow:}
    raw=$(podman image inspect --format '{{.Size}}' "$tag")
    arc=$(stat -c %s "$out/burrow-$suffix.oci.tar")
    printf '%-34s %12s %16s\n' "$tag" "$((raw / 1000000))" "$((arc / 1000000))"
  done
} | tee "$out/sizes.txt" >&2
