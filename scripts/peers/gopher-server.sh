#!/bin/bash
# Gopher peer for the interop tests: Gophernicus (Debian package) behind socat acting as inetd.
# socat listens on 127.0.0.1:PORT only, forks per connection and execs gophernicus with the accepted
# socket as stdin/stdout.
#
# Usage: scripts/peers/gopher-server.sh start|stop|status [PORT=7070] [ROOT=fixtures/gopherhole]
#   start copies ROOT with `cp -a` under $PEERS_RUN_DIR and serves the copy, after generating the large
#   size-limit files in it, so nothing is ever written into the repository.
# Env:  PEERS_RUN_DIR  state, logs and the served copy (default: <repo>/target/peers-run)
#       GOPHER_HOST    host written into menus (default 127.0.0.1)
#       GOPHER_OPTS    gophernicus options (default -nv -nu -ns -nf -nd -nt -nm, + -nr as root); -nm turns off
#                      its per-client session throttling (a 1 s delay after 4096 hits), which benchmarks reach
# The packages come from scripts/ci/install-gopher.sh; this script installs nothing and fails when
# they are missing.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PEERS_HOME=${PEERS_HOME:-$REPO/scripts/peers}
export PEERS_RUN_DIR=${PEERS_RUN_DIR:-$REPO/target/peers-run}
export PEERS_FIXTURES=${PEERS_FIXTURES:-$REPO/fixtures}
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cmd=${1:-}; PORT=${2:-7070}; SRC=${3:-$PEERS_FIXTURES/gopherhole}
PF=$PEERS_RUN_DIR/gopher-$PORT.pid
LOGF=$PEERS_RUN_DIR/gopher-$PORT.log
ROOT=$PEERS_RUN_DIR/gopher-$PORT-root

case "$cmd" in
start)
  for bin in /usr/sbin/gophernicus socat; do
    command -v "$bin" >/dev/null 2>&1 || die "$bin is missing: run scripts/ci/install-gopher.sh"
  done
  mkdir -p "$PEERS_RUN_DIR"
  if already_running "$PF" socat; then log "already running on 127.0.0.1:$PORT (PID $(head -1 "$PF"))"; exit 0; fi
  rm -f "$PF"
  [ -d "$SRC" ] || die "no such gopher root: $SRC"
  port_in_use "$PORT" && die "port $PORT already in use"
  # serve a copy: modes matter (files world-readable, CGI scripts executable)
  rm -rf "$ROOT"
  cp -a "$SRC" "$ROOT"
  chmod -R u+w,a+rX "$ROOT"
  [ -d "$ROOT/cgi-bin" ] && chmod a+rx "$ROOT"/cgi-bin/*
  case "$ROOT" in *[[:space:],:!\'\"]*) die "ROOT must not contain spaces or , : ! quotes (socat EXEC syntax): $ROOT";; esac
  "$(dirname "${BASH_SOURCE[0]}")/gen-gopherhole-large.sh" "$ROOT"
  host=${GOPHER_HOST:-127.0.0.1}
  opts=${GOPHER_OPTS:--nv -nu -ns -nf -nd -nt -nm}
  # gophernicus refuses to run as root ("Cowardly refusing to run as root") unless -nr
  [ "$(id -u)" -eq 0 ] && opts="$opts -nr"
  setsid socat "TCP-LISTEN:$PORT,bind=127.0.0.1,reuseaddr,fork" \
    "EXEC:/usr/sbin/gophernicus -h $host -p $PORT -r $ROOT $opts,nofork" \
    >>"$LOGF" 2>&1 < /dev/null &
  echo "$!" > "$PF"
  wait_port "$PORT" 10 || { stop_pidfile "$PF" socat; die "gopher server did not come up (see $LOGF)"; }
  # verify with a real request: the root menu must end with the terminator line ".\r\n"
  reply=$( (exec 3<>"/dev/tcp/127.0.0.1/$PORT"; printf '\r\n' >&3; timeout 5 cat <&3) | tail -c 3 | od -An -c | tr -s ' ')
  case "$reply" in *'. \r \n'*) ;; *) stop_pidfile "$PF" socat; die "root menu check failed (got '$reply')";; esac
  log "started gophernicus via socat on 127.0.0.1:$PORT root=$ROOT PID $(cat "$PF")"
  ;;
stop)
  stop_pidfile "$PF" socat
  rm -rf "$ROOT"
  ;;
status)
  if already_running "$PF" socat; then echo "running PID $(head -1 "$PF") on 127.0.0.1:$PORT"; else echo "not running"; exit 3; fi
  ;;
*) echo "usage: $0 start|stop|status [PORT] [ROOT]" >&2; exit 2 ;;
esac
