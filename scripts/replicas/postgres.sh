#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, from Debian's postgresql package: initdb into DIR, listen on
# 127.0.0.1:PORT only (no Unix socket outside DIR), trust nobody without the password, a database and a user
# for Burrow. As root it runs the server as the `postgres` system user (PostgreSQL refuses to run as root).
#
# Usage: postgres.sh start DIR PORT    prints the JDBC URL; user burrow, password in DIR/password
#        postgres.sh stop DIR          fast shutdown (DIR stays: it is the caller's)
set -euo pipefail
cmd=${1:-} dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: postgres.sh start DIR PORT | stop DIR" >&2; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "postgres.sh: PostgreSQL is not installed (bash scripts/ci/install-replicas.sh)" >&2; exit 1; }
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
data=$dir/data

case "$cmd" in
  start)
    port=${3:?port}
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres: "$dir"
      runuser -u postgres -- test -w "$dir" \
        || { echo "postgres.sh: $dir is not reachable by the postgres user (a parent directory is private)" >&2; exit 1; }
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
      head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
      [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/password"
      chmod 600 "$dir/password"
      printf '%s\n' "$(cat "$dir/password")" > "$dir/.pwfile"
      [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/.pwfile"
      as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --pwfile="$dir/.pwfile" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
      rm -f "$dir/.pwfile"
    fi
    as_owner "$bin/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=on -c max_connections=50" start >/dev/null \
      || { tail -n 30 "$dir/postgres.log" >&2; exit 1; }
    pw=$(cat "$dir/password")
    as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'burrow') THEN
    CREATE ROLE burrow LOGIN PASSWORD '$pw';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE burrow OWNER burrow' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'burrow')
\gexec
SQL
    echo "jdbc:postgresql://127.0.0.1:$port/burrow"
    ;;
  stop)
    [ -f "$data/postmaster.pid" ] || exit 0
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null
    ;;
  *) echo "postgres.sh: unknown command $cmd" >&2; exit 2 ;;
esac
