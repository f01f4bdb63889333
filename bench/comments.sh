#!/usr/bin/env bash
# Comment benchmark. Release build; for SQLite and then PostgreSQL (fsync ON, a
# throwaway server from tests/services.sh with PG_DURABLE=1) it:
#   1. posts comments with wrk (bench/post-comment.lua: unique text and email per
#      request, $CONNECTIONS connections, closed loop) for $DURATION and reports
#      accepted (303) comments per second and wrk's p99;
#   2. posts at a fixed offered rate, open loop ($RATE/s for $OPEN_SECONDS s after
#      $OPEN_WARMUP s not counted, bench/OpenLoop: each latency from the request's
#      due time, so a stall is not hidden) and reports accepted/s, p50, p99, max;
#   3. counts flushes per accepted comment in 1 and 2: SQLite, the server runs
#      under strace -f --seccomp-bpf -c -e trace=fsync,fdatasync (its whole life:
#      start, posting, stop); PostgreSQL, pg_stat_wal's wal_sync (and wal_write)
#      before and after;
#   4. gives one article 50 and another 500 approved comments (threaded), and
#      runs wrk against both pages.
# Durability stays on: SQLite synchronous=FULL, PostgreSQL fsync and
# synchronous_commit on. Switched OFF for this run, through configuration:
# flood control (Gazette__Discussion__FloodSeconds=0) and the fill-time check
# (Gazette__Discussion__MinFillSeconds=0). wrk and OpenLoop run on core 0,
# Gazette (and PostgreSQL) on core 1. OPEN_SECONDS=0 skips the open-loop run.
# RID=linux-x64 serves with the self-contained single file a server runs
# (composite ReadyToRun, decision 175) instead of the framework-dependent build.
# SERVE_ENV sets environment variables for the server ("DOTNET_gcServer=1 ..."),
# to compare runtime settings without editing the project.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
RATE=${RATE:-1000}
OPEN_SECONDS=${OPEN_SECONDS:-60}
OPEN_WARMUP=${OPEN_WARMUP:-5}
DATABASES=${DATABASES:-sqlite postgres}
PAGES=${PAGES:-1}       # 0 skips step 4 (the pages with 50 and 500 comments)
PORT=${PORT:-}          # Gazette's port (default: a free one)
PGPORT=${PGPORT:-}      # the throwaway PostgreSQL's port (default: a free one)
WORK=${WORK:-/tmp/gazette-bench-comments}
RID=${RID:-}
SERVE_ENV=${SERVE_ENV:-}
for tool in wrk taskset curl dotnet strace psql sqlite3; do
  command -v "$tool" >/dev/null || { echo "comments.sh: $tool is missing" >&2; exit 1; }
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 300); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "comments.sh: $1 did not answer" >&2; exit 1; }

rm -rf "$WORK"; mkdir -p "$WORK"
server=""
cleanup() {
  [ -n "$server" ] && stop_server
  SERVICES_ROOT="${SERVICES_ROOT:-$WORK/services}" tests/services.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== building Release"
dotnet publish src/Gazette -c Release -o "$WORK/gazette" -nologo -v quiet >/dev/null
dotnet publish bench/OpenLoop -c Release -o "$WORK/openloop" -nologo -v quiet >/dev/null
serve=(dotnet "$WORK/gazette/gazette.dll")
if [ -n "$RID" ]; then
  echo "== building the self-contained file for $RID (the server runs it)"
  dotnet publish src/Gazette -c Release -r "$RID" -o "$WORK/gazette-$RID" -nologo -v quiet >/dev/null
  serve=("$WORK/gazette-$RID/gazette")
  export DOTNET_BUNDLE_EXTRACT_BASE_DIR="$WORK/extract"
fi
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

# start_server [STRACE-OUT]: Gazette on core 1, under strace counting flushes when given a file
start_server() {
  # shellcheck disable=SC2206  # SERVE_ENV is a list of NAME=VALUE
  local env=(Gazette__Discussion__FloodSeconds=0 Gazette__Discussion__MinFillSeconds=0 $SERVE_ENV)
  local trace=()
  [ -n "${1:-}" ] && trace=(strace -f --seccomp-bpf -c -e trace=fsync,fdatasync -o "$1")
  taskset -c 1 "${trace[@]}" env "${env[@]}" "${serve[@]}" serve --urls "$url" --database "$database" \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning >>"$WORK/$kind.log" 2>&1 &
  server=$!
  wait_for "$url/healthz"
}

# stops Gazette (under strace: Gazette itself, so that strace writes its count as it ends)
stop_server() {
  local target=$server child
  child=$(ps -o pid= --ppid "$server" | tr -d ' ' | head -1 || true)
  [ -n "$child" ] && [ "$(ps -o comm= -p "$server")" = strace ] && target=$child
  kill "$target" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}

sql() { case $database in sqlite:*) sqlite3 "${database#sqlite:}" "$1" ;; *) psql "$database" -tAc "$1" ;; esac; }
strace_flushes() { awk '$NF == "fsync" || $NF == "fdatasync" { n += $4 } END { print n + 0 }' "$1"; }
wal() { psql "$database" -tAc "select wal_sync || ' ' || wal_write from pg_stat_wal"; }
per() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }

# posting MODE: runs the closed-loop (wrk) or open-loop (OpenLoop) posting on a fresh server life; sets ACCEPTED, FLUSHES, LINE
posting() {
  local mode=$1 before after trace=""
  [ $kind = sqlite ] && trace="$WORK/$kind.$mode.strace"
  start_server "$trace"
  [ $kind = postgres ] && { sleep 1; before=$(wal); }
  if [ "$mode" = closed ]; then
    LINE=$(taskset -c 0 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s bench/post-comment.lua "$url" -- 1 "$kind-closed-$RANDOM" | grep '^ACCEPTED')
    ACCEPTED=$(awk '{ print $2 }' <<<"$LINE")
  else
    local warm measured
    warm=$(taskset -c 0 dotnet "$WORK/openloop/OpenLoop.dll" post "$url" "$RATE" "$OPEN_WARMUP" 1 "$kind-warm-$RANDOM")
    LINE=$(taskset -c 0 dotnet "$WORK/openloop/OpenLoop.dll" post "$url" "$RATE" "$OPEN_SECONDS" 1 "$kind-open-$RANDOM")
    measured=$(awk '{ print $7 }' <<<"$LINE")
    ACCEPTED=$(( $(awk '{ print $7 }' <<<"$warm") + measured ))
  fi
  if [ $kind = postgres ]; then
    sleep 2; after=$(wal)
    FLUSHES=$(( ${after% *} - ${before% *} )); WRITES=$(( ${after#* } - ${before#* } ))
    stop_server
  else
    stop_server
    FLUSHES=$(strace_flushes "$trace"); WRITES=n/a
  fi
  echo "   $LINE"
  echo "   flushes: $FLUSHES for $ACCEPTED accepted comments$([ "$mode" = open ] && echo " (warm-up included)") = $(per "$FLUSHES" "$ACCEPTED") per comment$([ $kind = postgres ] && echo "; WAL writes $WRITES")"
}

results=()
for kind in $DATABASES; do
  if [ $kind = sqlite ]; then
    database="sqlite:$WORK/sqlite/gazette.db"
  else
    eval "$(SERVICES_ROOT="${SERVICES_ROOT:-$WORK/services}" PGPORT="${PGPORT:-$(free_port)}" PG_DURABLE=1 tests/services.sh start)"
    database="${GAZETTE_TEST_POSTGRES}"
  fi
  gazette migrate >/dev/null
  gazette generate --articles 3 >/dev/null
  port=${PORT:-$(free_port)}; url="http://127.0.0.1:$port"
  echo "== $kind: posting comments for $DURATION, closed loop ($CONNECTIONS connections; flood control and fill-time check OFF)"
  posting closed
  closed="$(sed -E 's/ACCEPTED ([0-9]+) REFUSED ([0-9]+) PER_SECOND ([0-9.]+) P99_MS ([0-9.]+)/\3|\4|\1|\2/' <<<"$LINE")|$(per "$FLUSHES" "$ACCEPTED")"
  open="n/a|n/a|n/a|n/a|n/a"
  if [ "$OPEN_SECONDS" != 0 ]; then
    echo "== $kind: posting at $RATE/s offered, open loop, ${OPEN_SECONDS} s after ${OPEN_WARMUP} s of warm-up (flood control and fill-time check OFF)"
    posting open
    open="$(awk '{ print $13 "|" $15 "|" $17 "|" $21 }' <<<"$LINE")|$(per "$FLUSHES" "$ACCEPTED")"
  fi
  if [ "$PAGES" = 0 ]; then
    results+=("$kind|$closed|$open|n/a|n/a|n/a|n/a")
    [ $kind = postgres ] && SERVICES_ROOT="${SERVICES_ROOT:-$WORK/services}" tests/services.sh stop >/dev/null
    continue
  fi
  start_server
  echo "== $kind: 50 and 500 approved comments"
  # two published, open articles besides the sample (generate also makes drafts)
  read -r a50 a500 < <(sql "select id from articles where status = 'published' and comment_status = 'open' and id <> 1 order by id limit 2" | paste -sd' ')
  fill "$a50" 50
  fill "$a500" 500
  slug2=$(gazette comments list --limit 10000 | awk -F'\t' -v p="^Reader root-$a50-" '$5 ~ p {print $4; exit}')
  slug3=$(gazette comments list --limit 10000 | awk -F'\t' -v p="^Reader root-$a500-" '$5 ~ p {print $4; exit}')
  page50=$(curl -fsS "$url/" | grep -o "href=\"/20[0-9][0-9]/[0-9][0-9]/$slug2/\"" | head -1 | cut -d'"' -f2)
  page500=$(curl -fsS "$url/" | grep -o "href=\"/20[0-9][0-9]/[0-9][0-9]/$slug3/\"" | head -1 | cut -d'"' -f2)
  rps50=$(page_rps "$url$page50"); rps500=$(page_rps "$url$page500")
  bytes50=$(curl -fsS "$url$page50" | wc -c); bytes500=$(curl -fsS "$url$page500" | wc -c)
  results+=("$kind|$closed|$open|$rps50|$bytes50|$rps500|$bytes500")
  stop_server
  [ $kind = postgres ] && SERVICES_ROOT="${SERVICES_ROOT:-$WORK/services}" tests/services.sh stop >/dev/null
done

echo
echo "Flood control and the fill-time check were OFF (configuration); durability ON (SQLite synchronous=FULL, PostgreSQL fsync + synchronous_commit).${SERVE_ENV:+ Server environment: $SERVE_ENV.}"
printf '%-9s | %10s %8s %8s %6s %9s | %8s %8s %8s %8s %9s | %9s %8s | %9s %8s\n' database closed/s p99-ms accepted refused flush/cmt \
  "open/s" p50-ms p99-ms max-ms flush/cmt "50 req/s" bytes "500 req/s" bytes
for row in "${results[@]}"; do
  IFS='|' read -r kind rate p99 ok bad flush orate op50 op99 omax oflush r50 b50 r500 b500 <<<"$row"
  printf '%-9s | %10s %8s %8s %6s %9s | %8s %8s %8s %8s %9s | %9s %8s | %9s %8s\n' "$kind" "$rate" "$p99" "$ok" "$bad" "$flush" \
    "$orate" "$op50" "$op99" "$omax" "$oflush" "$r50" "$b50" "$r500" "$b500"
done
echo "(open loop: $RATE comments/s offered for $OPEN_SECONDS s; latency from each request's due time)"
