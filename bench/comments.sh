#!/usr/bin/env bash
# Comment benchmark. Release build; for SQLite and then PostgreSQL (fsync ON, a
# throwaway server from tests/services.sh with PG_DURABLE=1) it:
#   1. posts comments with wrk (bench/post-comment.lua: unique text and email per
#      request) for $DURATION and reports accepted (303) comments per second;
#      durability stays on: SQLite synchronous=FULL, PostgreSQL fsync and
#      synchronous_commit on;
#   2. gives one article 50 and another 500 approved comments (threaded), and
#      runs wrk against both pages.
# Switched OFF for this run, through configuration: flood control
# (Gazette__Discussion__FloodSeconds=0) and the fill-time check
# (Gazette__Discussion__MinFillSeconds=0). wrk runs on core 0, Gazette on core 1.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
WORK=${WORK:-/tmp/gazette-bench-comments}
for tool in wrk taskset curl dotnet; do
  command -v "$tool" >/dev/null || { echo "comments.sh: $tool is missing" >&2; exit 1; }
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 300); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "comments.sh: $1 did not answer" >&2; exit 1; }

rm -rf "$WORK"; mkdir -p "$WORK"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  SERVICES_ROOT="$WORK/services" tests/services.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== building Release"
dotnet publish src/Gazette -c Release -o "$WORK/gazette" -nologo -v quiet >/dev/null
gazette() { Logging__LogLevel__Default=Warning dotnet "$WORK/gazette/gazette.dll" "$@" --database "$database"; }

post() { # article parent text email
  curl -fsS -o /dev/null -w '%{redirect_url}\n' -X POST "$url/comments/" \
    --data-urlencode "comment_post_ID=$1" --data-urlencode "comment_parent=$2" --data-urlencode "author=Reader $4" \
    --data-urlencode "email=$4@example.org" --data-urlencode "comment=$3" | sed -E 's/.*#comment-([0-9]+)$/\1/'
}

fill() { # article count: count/10 threads of one comment and nine replies
  local article=$1 count=$2 roots=() replies=()
  for i in $(seq $((count / 10))); do roots+=("$(post "$article" 0 "Top-level remark $i about this story, with a sentence or two of substance." "root-$article-$i")"); done
  gazette comments approve "${roots[@]}" >/dev/null
  for root in "${roots[@]}"; do
    for j in $(seq 9); do replies+=("$(post "$article" "$root" "Reply $j to $root: a considered answer that runs to a couple of lines." "reply-$article-$root-$j")"); done
  done
  gazette comments approve "${replies[@]}" >/dev/null
}

page_rps() {
  curl -fsS -o /dev/null "$1"; curl -fsS -o /dev/null "$1"
  taskset -c 0 wrk -t1 -c32 -d"$DURATION" "$1" | awk '/^Requests\/sec:/ {print $2}'
}

results=()
for kind in sqlite postgres; do
  if [ $kind = sqlite ]; then
    database="sqlite:$WORK/sqlite/gazette.db"
  else
    eval "$(SERVICES_ROOT="$WORK/services" PGPORT=$(free_port) PG_DURABLE=1 tests/services.sh start)"
    database="${GAZETTE_TEST_POSTGRES}"
  fi
  gazette migrate >/dev/null
  gazette generate --articles 3 >/dev/null
  port=$(free_port); url="http://127.0.0.1:$port"
  Gazette__Discussion__FloodSeconds=0 Gazette__Discussion__MinFillSeconds=0 \
    taskset -c 1 dotnet "$WORK/gazette/gazette.dll" serve --urls "$url" --database "$database" \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning >"$WORK/$kind.log" 2>&1 &
  server=$!
  wait_for "$url/healthz"
  echo "== $kind: posting comments for $DURATION ($CONNECTIONS connections; flood control and fill-time check OFF)"
  line=$(taskset -c 0 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s bench/post-comment.lua "$url" -- 1 | grep '^ACCEPTED')
  echo "   $line"
  echo "== $kind: 50 and 500 approved comments"
  fill 2 50
  fill 3 500
  slug2=$(gazette comments list --limit 100000 | awk -F'\t' '$5 ~ /^Reader root-2-/ {print $4; exit}')
  slug3=$(gazette comments list --limit 100000 | awk -F'\t' '$5 ~ /^Reader root-3-/ {print $4; exit}')
  page50=$(curl -fsS "$url/" | grep -o "href=\"/20[0-9][0-9]/[0-9][0-9]/$slug2/\"" | head -1 | cut -d'"' -f2)
  page500=$(curl -fsS "$url/" | grep -o "href=\"/20[0-9][0-9]/[0-9][0-9]/$slug3/\"" | head -1 | cut -d'"' -f2)
  rps50=$(page_rps "$url$page50"); rps500=$(page_rps "$url$page500")
  bytes50=$(curl -fsS "$url$page50" | wc -c); bytes500=$(curl -fsS "$url$page500" | wc -c)
  results+=("$kind|$(sed -E 's/ACCEPTED ([0-9]+) REFUSED ([0-9]+) PER_SECOND ([0-9.]+) P99_MS ([0-9.]+)/\3|\4|\1|\2/' <<<"$line")|$rps50|$bytes50|$rps500|$bytes500")
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  [ $kind = postgres ] && SERVICES_ROOT="$WORK/services" tests/services.sh stop >/dev/null
done

printf '\n%-9s %14s %10s %9s %8s | %14s %8s | %14s %8s\n' database comments/s p99-ms accepted refused "50 cmts req/s" bytes "500 cmts req/s" bytes
for row in "${results[@]}"; do
  IFS='|' read -r kind rate p99 ok bad r50 b50 r500 b500 <<<"$row"
  printf '%-9s %14s %10s %9s %8s | %14s %8s | %14s %8s\n' "$kind" "$rate" "$p99" "$ok" "$bad" "$r50" "$b50" "$r500" "$b500"
done
