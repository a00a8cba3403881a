#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL server (Debian's packages) on a loopback port, for tests.
# Usage: .ci/postgres.sh start|stop|url     Environment: PGPORT (default 55432), PGTMP (data dir).
set -euo pipefail
PORT="${PGPORT:-55432}"
DATA="${PGTMP:-/tmp/reskill-pg-$PORT}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$BIN" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    rm -rf "$DATA"; mkdir -p "$DATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DATA"
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 >/dev/null
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    [ -d "$DATA" ] && as_owner "$BIN/pg_ctl" -D "$DATA" -m immediate stop >/dev/null || true
    rm -rf "$DATA"
    ;;
  url)
    echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
    ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
