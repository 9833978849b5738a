#!/usr/bin/env bash
# Smoke test of Burrow's images (default: both tags of build-image.sh; or pass image names). For each image:
#   1. stdio: an `initialize` line through `podman run -i --rm --read-only --cap-drop=all`; stdout must be exactly
#      one JSON-RPC answer naming the server (no banner: stdout is the protocol channel);
#   2. archives from a read-only volume: fixtures/zim/peer-test-small.zim mounted at /archives:ro with
#      ZIM_DIRECTORIES=/archives, `call zim_metadata` must report that archive (and not the demo);
#   3. HTTP: `burrow http` with --network host on 127.0.0.1 and a free port, a bearer token, read-only root and no
#      capabilities: /healthz and /readyz 200, /mcp 401 without the token, then initialize +
#      notifications/initialized + tools/call zim_search {"query":"gopher"} over Streamable HTTP with curl,
#      checking the result; then SIGTERM must stop the server within its grace period.
# Every server binds 127.0.0.1 only and every wait is bounded. Uses packaging/container/containers.conf.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CONTAINERS_CONF="$root/packaging/container/containers.conf"
log() { echo "smoke-test: $*" >&2; }
fail() { echo "smoke-test: FAILED: $*" >&2; exit 1; }
if [[ $# -gt 0 ]]; then images=("$@"); else read -r -a images <<<"$(bash "$root/scripts/container/build-image.sh" --print-tags)"; fi
work=$(mktemp -d); container=""
cleanup() { [[ -n "$container" ]] && podman rm -f "$container" >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT
run=(podman run --rm --read-only --cap-drop=all --security-opt=no-new-privileges --network none)
init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"smoke","version":"1"}}}'

# json FILE EXPR: evaluates a Python expression over the JSON-RPC message in FILE (a JSON body or an SSE stream)
json() {
  python3 - "$1" "$2" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read().strip()
if not text.startswith("{"):   # text/event-stream: the data lines of the event carrying the answer
    datas = [l[5:].strip() for l in text.splitlines() if l.startswith("data:")]
    text = next(d for d in datas if d.startswith("{") and '"id"' in d)
m = json.loads(text)
print(eval(sys.argv[2], {"m": m}))
PY
}

for image in "${images[@]}"; do
  podman image exists "$image" || fail "no image $image (run scripts/container/build-image.sh)"
  t0=$(date +%s)

  # 1. stdio initialize
  echo "$init" | timeout 60 "${run[@]}" -i "$image" stdio >"$work/stdio.out" 2>"$work/stdio.err" \
    || { cat "$work/stdio.err" >&2; fail "$image: stdio run failed"; }
  [[ $(wc -l <"$work/stdio.out") -eq 1 ]] || { cat "$work/stdio.out" >&2; fail "$image: stdout is not exactly one line"; }
  [[ $(json "$work/stdio.out" 'm["id"] == 1 and m["result"]["serverInfo"]["name"]') == burrow ]] \
    || fail "$image: no initialize result from burrow"
  log "$image: stdio initialize ok ($(json "$work/stdio.out" 'm["result"]["protocolVersion"]'))"

  # 2. archives from a read-only volume
  mkdir -p "$work/archives"; cp "$root/fixtures/zim/peer-test-small.zim" "$work/archives/"
  timeout 60 "${run[@]}" -v "$work/archives:/archives:ro" -e ZIM_DIRECTORIES=/archives "$image" \
    call zim_metadata '{}' >"$work/meta.out" 2>"$work/meta.err" || { cat "$work/meta.err" >&2; fail "$image: zim_metadata failed"; }
  grep -q 'peer-test-small.zim' "$work/meta.out" || { cat "$work/meta.out" >&2; fail "$image: the mounted archive is not served"; }
  grep -q 'burrow-demo' "$work/meta.out" && fail "$image: the demo archive is served although a directory is set"
  log "$image: read-only archive volume ok"

  # 3. HTTP on 127.0.0.1
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  base="http://127.0.0.1:$port"
  container="burrow-smoke-$$"
  podman run -d --rm --name "$container" --network host --read-only --cap-drop=all --security-opt=no-new-privileges \
    -e BURROW_AUTH_TOKEN="$token" "$image" http --host 127.0.0.1 --port "$port" >/dev/null
  for _ in $(seq 120); do curl -sf -o /dev/null "$base/healthz" && break; sleep 0.5; done
  [[ $(curl -s -o "$work/h" -w '%{http_code}' "$base/healthz") == 200 ]] || { podman logs "$container" >&2; fail "$image: /healthz"; }
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$base/readyz") == 200 ]] || fail "$image: /readyz"
  hdr=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream')
  [[ $(curl -s -o /dev/null -w '%{http_code}' "${hdr[@]}" -d "$init" "$base/mcp") == 401 ]] || fail "$image: /mcp without token is not 401"
  hdr+=(-H "Authorization: Bearer $token")
  code=$(curl -s -D "$work/init.h" -o "$work/init.b" -w '%{http_code}' "${hdr[@]}" -d "$init" "$base/mcp")
  [[ $code == 200 ]] || { cat "$work/init.b" >&2; fail "$image: initialize answered $code"; }
  session=$(tr -d '\r' <"$work/init.h" | awk -F': ' 'tolower($1)=="mcp-session-id" {print $2}')
  [[ -n "$session" ]] || fail "$image: no Mcp-Session-Id"
  proto=$(json "$work/init.b" 'm["result"]["protocolVersion"]')
  hdr+=(-H "Mcp-Session-Id: $session" -H "MCP-Protocol-Version: $proto")
  code=$(curl -s -o /dev/null -w '%{http_code}' "${hdr[@]}" -d '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$base/mcp")
  [[ $code == 202 ]] || fail "$image: notifications/initialized answered $code"
  call='{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"zim_search","arguments":{"query":"gopher"}}}'
  code=$(curl -s -o "$work/call.b" -w '%{http_code}' --max-time 60 "${hdr[@]}" -d "$call" "$base/mcp")
  [[ $code == 200 ]] || { cat "$work/call.b" >&2; fail "$image: tools/call answered $code"; }
  [[ $(json "$work/call.b" 'm["id"] == 2 and not m["result"].get("isError") and m["result"]["structuredContent"]["total"] > 0') == True ]] \
    || { cat "$work/call.b" >&2; fail "$image: zim_search gave no hits"; }
  first=$(json "$work/call.b" 'm["result"]["structuredContent"]["results"][0]["title"]')
  log "$image: HTTP healthz/readyz ok, 401 without token, zim_search over Streamable HTTP ok (first hit: $first)"

  t=$(date +%s)
  podman stop -t 30 "$container" >/dev/null
  container=""
  log "$image: stopped on SIGTERM in $(( $(date +%s) - t )) s; whole smoke test $(( $(date +%s) - t0 )) s"
done
echo "smoke-test: ${#images[@]} image(s) passed"
