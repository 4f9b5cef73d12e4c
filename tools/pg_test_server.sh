#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on loopback for the service tests and print its URL.
#   eval "$(tools/pg_test_server.sh start)"   # exports QINGLANG_TEST_PG_URL
#   tools/pg_test_server.sh stop
# Needs Debian's postgresql (apt-get install -y postgresql). Runs the server as the 'postgres' user when root.
# Without QINGLANG_TEST_PG_PORT / QINGLANG_TEST_PG_DIR it picks a free loopback port and a fresh folder, so two runs
# on one machine never collide; `start` exports both, and `stop` removes a folder that `start` created.
set -euo pipefail
PORT="${QINGLANG_TEST_PG_PORT:-}"
DIR="${QINGLANG_TEST_PG_DIR:-}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$BIN" ] || { echo "PostgreSQL not found: apt-get install -y postgresql" >&2; exit 2; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-start}" in
  start)
    OWNED=0
    if [ -z "$DIR" ]; then DIR="$(mktemp -d /tmp/qinglang-pg-XXXXXX)"; OWNED=1; fi
    if [ -z "$PORT" ]; then
      PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    fi
    if [ ! -f "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR"; [ "$(id -u)" = 0 ] && chown postgres "$DIR"
      as_pg "$BIN/initdb" -D "$DIR" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
      as_pg "$BIN/pg_ctl" -D "$DIR" -w -l "$DIR/server.log" \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=on" start >/dev/null
    fi
    as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='qinglang_test'" \
      | grep -q 1 || as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres qinglang_test
    echo "export QINGLANG_TEST_PG_URL=postgresql://postgres@127.0.0.1:$PORT/qinglang_test"
    echo "export QINGLANG_TEST_PG_PORT=$PORT QINGLANG_TEST_PG_DIR=$DIR QINGLANG_TEST_PG_OWNED=$OWNED"
    ;;
  stop)
    [ -n "$DIR" ] || { echo "stop: QINGLANG_TEST_PG_DIR is not set (eval the output of start first)" >&2; exit 2; }
    as_pg "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
    if [ "${QINGLANG_TEST_PG_OWNED:-0}" = 1 ] && [ -f "$DIR/PG_VERSION" ]; then rm -rf "$DIR"; fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
