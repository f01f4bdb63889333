#!/usr/bin/env bash
# Throwaway services for the tests, on loopback only, state under $SERVICES_ROOT.
#   tests/services.sh start   starts PostgreSQL (trust auth, fsync off: tests only)
#                             on $PGPORT and Redis (no persistence) on $REDISPORT
#                             (a free port when unset), and prints the variables
#                             the tests read
#   tests/services.sh stop    stops them (Redis by its pid file: never a server
#                             it did not start) and deletes their files
# PG_DURABLE=1 keeps PostgreSQL's fsync on (benchmarks that claim durability).
set -euo pipefail
SERVICES_ROOT=${SERVICES_ROOT:-/tmp/gazette-services}
PGPORT=${PGPORT:-54329}
REDISPORT=${REDISPORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 6390)}
PGROOT="$SERVICES_ROOT/pg"
REDISROOT="$SERVICES_ROOT/redis"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local bin; bin=$(pg_bin)
  [ -n "$bin" ] || { echo "services: PostgreSQL is not installed (apt-get install postgresql)" >&2; return 1; }
  stop_postgres
  mkdir -p "$PGROOT"
  if [ "$(id -u)" = 0 ]; then
    chmod 755 "$SERVICES_ROOT"  # initdb runs as postgres and must reach its folder
    chown postgres:postgres "$PGROOT"
  fi
  as_postgres "$bin/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 --no-sync >"$PGROOT/initdb.log"
  local speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${PG_DURABLE:-0}" = 1 ] && speed=""
  as_postgres "$bin/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 start \
    -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 $speed -c max_connections=300" >/dev/null
  echo "export GAZETTE_TEST_POSTGRES=postgres://postgres@127.0.0.1:$PGPORT/postgres"
}

stop_postgres() {
  local bin; bin=$(pg_bin)
  if [ -n "$bin" ] && [ -f "$PGROOT/data/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" -D "$PGROOT/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PGROOT"
}

redis_answers() { redis-cli -h 127.0.0.1 -p "$REDISPORT" ping 2>/dev/null | grep -q PONG; }

start_redis() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null \
    || { echo "services: Redis is not installed (apt-get install redis-server)" >&2; return 1; }
  stop_redis
  ! redis_answers || { echo "services: another Redis already answers on 127.0.0.1:$REDISPORT" >&2; return 1; }
  mkdir -p "$REDISROOT"
  redis-server --port "$REDISPORT" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
    --dir "$REDISROOT" --pidfile "$REDISROOT/redis.pid" --logfile "$REDISROOT/server.log"
  for _ in $(seq 100); do
    [ -f "$REDISROOT/redis.pid" ] && redis_answers && break
    sleep 0.1
  done
  [ -f "$REDISROOT/redis.pid" ] && redis_answers \
    || { echo "services: Redis did not start on 127.0.0.1:$REDISPORT (see $REDISROOT/server.log)" >&2; return 1; }
  echo "export GAZETTE_TEST_REDIS=127.0.0.1:$REDISPORT"
}

stop_redis() {
  if [ -f "$REDISROOT/redis.pid" ]; then
    local pid; pid=$(cat "$REDISROOT/redis.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$REDISROOT"
}

case "${1:-}" in
  start) start_postgres && start_redis ;;
  stop) stop_postgres; stop_redis ;;
  *) echo "usage: tests/services.sh start|stop" >&2; exit 2 ;;
esac
