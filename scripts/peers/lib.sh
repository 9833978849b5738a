# Shared helpers for the peer scripts (sourced, not executed). Adapted from the project's shared peer kit.
# Conventions: state, PID and log files live in $PEERS_RUN_DIR (default: target/peers under the repository);
# every server binds 127.0.0.1 only; stop kills only the PIDs recorded in the PID file.

PEERS_REPO=${PEERS_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
PEERS_RUN_DIR=${PEERS_RUN_DIR:-$PEERS_REPO/target/peers}
PEERS_FIXTURES=${PEERS_FIXTURES:-$PEERS_REPO/fixtures}

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# require_cmds CMD... : fail (never install) when a peer program is missing; CI installs them first.
require_cmds() {
  local c missing=()
  for c in "$@"; do command -v "$c" >/dev/null 2>&1 || missing+=("$c"); done
  [ ${#missing[@]} -eq 0 ] || die "missing: ${missing[*]} (run scripts/ci/install-gemini.sh)"
}

# pid_alive PID [NAME] : true if PID runs and (optionally) its command line mentions NAME.
pid_alive() {
  local pid=$1 name=${2:-}
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ] && return 1
  [ -z "$name" ] && return 0
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$name"
}

# port_in_use PORT : true if something listens on PORT.
port_in_use() {
  ss -Hltn "( sport = :$1 )" 2>/dev/null | grep -q .
}

# wait_port PORT SECONDS : wait until 127.0.0.1:PORT accepts TCP connections.
wait_port() {
  local port=$1 secs=${2:-10} i
  for i in $(seq 1 $((secs * 10))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# stop_pidfile PIDFILE NAME : TERM every recorded PID whose cmdline mentions NAME, wait up to 5 s, then KILL.
stop_pidfile() {
  local pf=$1 name=$2 pids=() pid i
  if [ ! -f "$pf" ]; then log "not running (no $pf)"; return 0; fi
  while read -r pid _; do
    [ -n "$pid" ] && pid_alive "$pid" "$name" && pids+=("$pid")
  done < "$pf"
  if [ ${#pids[@]} -gt 0 ]; then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for i in $(seq 1 50); do
      local left=()
      for pid in "${pids[@]}"; do pid_alive "$pid" && left+=("$pid"); done
      [ ${#left[@]} -eq 0 ] && break
      sleep 0.1
    done
    for pid in "${pids[@]}"; do pid_alive "$pid" && { log "KILL $pid"; kill -KILL "$pid" 2>/dev/null || true; }; done
    log "stopped PIDs ${pids[*]}"
  fi
  rm -f "$pf"
}

# already_running PIDFILE NAME : true if the first PID in PIDFILE is alive.
already_running() {
  local pf=$1 name=$2 pid
  [ -f "$pf" ] || return 1
  read -r pid _ < "$pf"
  pid_alive "$pid" "$name"
}
