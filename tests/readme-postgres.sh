#!/usr/bin/env bash
# Runs the README's "Running on PostgreSQL" steps exactly as written there (each
# block follows a "<!-- readme-postgres: NAME -->" line), so the README cannot
# drift from steps that work. Then checks that the site answers from PostgreSQL,
# and undoes what it did: stops Gazette, drops the role and the database, and
# stops the server if it was not running before.
#   tests/readme-postgres.sh     as root, on Debian, from anywhere
# Not run by ./test.sh: it changes the machine's own PostgreSQL cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "readme-postgres: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root: the README's steps install packages and act as the postgres user"
[ -f /etc/debian_version ] || fail "the README's steps are Debian's"

# The fenced block after the marker line, without its fences.
step() {
  awk -v marker="<!-- readme-postgres: $1 -->" '
    $0 == marker { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }' README.md
}
for name in server database run; do
  [ -n "$(step "$name")" ] || fail "README.md has no '$name' step (<!-- readme-postgres: $name --> before a fenced block)"
done

url=http://127.0.0.1:8080
sample="China Outlines Five Goals"
if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then fail "port 8080, where the README runs Gazette, is taken"; fi

was_running=0
command -v pg_lsclusters >/dev/null && pg_lsclusters --no-header | grep -q online && was_running=1

run() { # name seconds: runs a step, bounded, printing each command as it runs
  echo "== README step '$1'"
  timeout "$2" bash -euxo pipefail -c "$(step "$1")" || fail "the README's '$1' step failed (exit $?)"
}

server=""
made_database=0
cleanup() {
  local status=$?
  if [ -n "$server" ]; then
    kill -TERM -- "-$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ $made_database = 1 ]; then
    echo "== cleaning up: dropping the database and the role gazette"
    runuser -u postgres -- dropdb --if-exists --force gazette || status=1
    runuser -u postgres -- psql -q -c "DROP ROLE IF EXISTS gazette" || status=1
  fi
  if [ $was_running = 0 ] && command -v pg_lsclusters >/dev/null; then
    echo "== cleaning up: stopping PostgreSQL, which was not running before"
    service postgresql stop >/dev/null || status=1
  fi
  exit $status
}
trap cleanup EXIT

run server 900
exists=$(runuser -u postgres -- psql -tA -c "SELECT (SELECT count(*) FROM pg_roles WHERE rolname = 'gazette') + (SELECT count(*) FROM pg_database WHERE datname = 'gazette')")
[ "$exists" = 0 ] || fail "a role or database named gazette exists already; this script would drop it afterwards, so it stops here"

made_database=1
run database 60

echo "== README step 'run' (in the background, until the site answers)"
log=$(mktemp /tmp/readme-postgres.XXXXXX.log)
setsid bash -euo pipefail -c "$(step run)" >"$log" 2>&1 &
server=$!
deadline=$((SECONDS + 300))
until curl -fsS "$url/healthz" 2>/dev/null | grep -m1 '"status"' | grep -q '"Healthy"'; do
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; fail "Gazette exited before answering"; }
  [ $SECONDS -lt $deadline ] || { cat "$log" >&2; fail "Gazette did not answer at $url/healthz within 300 s"; }
  sleep 1
done
echo "   $url/healthz answers Healthy"
curl -fsS "$url/" | grep -q "$sample" || { cat "$log" >&2; fail "the front page does not show the sample article"; }
echo "   the front page shows the sample article"
tables=$(runuser -u postgres -- psql -tA -d gazette -c "SELECT count(*) FROM pg_tables WHERE tableowner = 'gazette'")
[ "$tables" -gt 0 ] || fail "Gazette's tables are not in the database gazette"
echo "   the database gazette holds $tables tables owned by gazette"
rm -f "$log"
echo "readme-postgres: the README's PostgreSQL steps work"
