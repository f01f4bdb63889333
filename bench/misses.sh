#!/usr/bin/env bash
# Cache-miss benchmark (issue 14, item 2): the sample article page (50 approved
# comments, tags, related) rendered from the database on every request. Builds
# Release, uses the SQLite site load.sh generates (default 10,000 articles and
# $DISCUSSION comments under the sample article, cached in $WORK), and starts Gazette alone on core 1 with its page cache
# keeping nothing (Gazette:Cache:SizeLimitMB=0: a page is rendered, stored and
# at once dropped, so each request renders). Load comes from core 0:
#   1. throughput: wrk -t1 -c$CONNECTIONS for $DURATION, $ROUNDS times (pages/s)
#   2. latency at a fixed rate: bench/OpenLoop offers $RATE GETs a second for
#      $OPEN_SECONDS (default half of the 1,500 pages/s target), each latency
#      from its due time, $ROUNDS times (p50/p99)
#   3. sequential: wrk -c1 for $DURATION once (p50/p99 of one reader at a time)
# Prints each run, then the medians. Only 127.0.0.1 is contacted; the server
# stops on exit. Switched off for this run: the page cache (that is the point).
#   ROUNDS=3 WARMUP=5s DURATION=10s CONNECTIONS=8 RATE=750 OPEN_SECONDS=20 ARTICLES=10000 DISCUSSION=50 bench/misses.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${ARTICLES:-10000}
DISCUSSION=${DISCUSSION:-50}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-5s}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-8}
RATE=${RATE:-750}
OPEN_SECONDS=${OPEN_SECONDS:-20}
WORK=${WORK:-/tmp/gazette-bench}
SAMPLE=/2024/04/china-outlines-five-goals-for-antony-blinkens-visit-to-foster-us-relations/
BENCH_NAME=misses.sh
BENCH_TMP=$WORK
# shellcheck source=bench/lib.sh
. bench/lib.sh

require_tools wrk taskset curl dotnet python3 sqlite3
two_cores

mkdir -p "$WORK"
trap stop_servers EXIT

echo "== building Release"
dotnet publish src/Gazette -c Release -o "$WORK/gazette" -nologo -v quiet >/dev/null
dotnet publish bench/OpenLoop -c Release -o "$WORK/openloop" -nologo -v quiet >/dev/null

data="$WORK/data-$ARTICLES-c$DISCUSSION"
generated_site "$WORK/gazette/gazette.dll" "$data" "$ARTICLES" "$DISCUSSION"
prepare_site "$data" "$WORK/gazette/gazette.dll"
run="$WORK/misses"; rm -rf "$run"; mkdir -p "$run"
database=$(site_database "$data" "$run" "$WORK/gazette/gazette.dll")
pending_builds "$database"

port=$(free_port)
echo "== starting Gazette (Release, SQLite, $ARTICLES articles) on core 1; SWITCHED OFF: the page cache (Gazette:Cache:SizeLimitMB=0)"
(cd "$run" && exec taskset -c 1 dotnet "$WORK/gazette/gazette.dll" serve --urls "http://127.0.0.1:$port" --database "$database" \
  --Gazette:Cache:SizeLimitMB=0 --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning) >"$run/gazette.log" 2>&1 &
pids+=($!)
page="http://127.0.0.1:$port$SAMPLE"
wait_for "$page"
curl -fsS "$page" -o "$run/page.html"
comments=$( { grep -o 'id="comment-[0-9]*"' "$run/page.html" || true; } | wc -l)
bytes=$(wc -c <"$run/page.html")
echo "== the page: $bytes bytes, $comments comments shown"

measure "warm-up" -t1 -c"$CONNECTIONS" -d"$WARMUP" "$page"
printf '   warmed %10s pages/s (not counted)\n' "$M_RPS"
taskset -c 0 dotnet "$WORK/openloop/OpenLoop.dll" get "$page" "$RATE" 5 >/dev/null

throughput=(); p50s=(); p99s=(); saturated=()
printf '\n%-22s %10s %9s %9s %9s  %s\n' run pages/s p50-ms p99-ms max-ms notes
for round in $(seq "$ROUNDS"); do
  measure "misses" -t1 -c"$CONNECTIONS" -d"$DURATION" "$page"
  throughput+=("$M_RPS"); saturated+=("$M_SATURATED")
  printf '%-22s %10s %9s %9s %9s  %s\n' "closed, -c$CONNECTIONS #$round" "$M_RPS" "" "$M_P99" "" "avg $M_AVG, wrk core busy ${M_CORE0}%, errors $M_ERRORS"
  line=$(taskset -c 0 dotnet "$WORK/openloop/OpenLoop.dll" get "$page" "$RATE" "$OPEN_SECONDS")
  read -r -a f <<<"$line"
  p50s+=("${f[14]}"); p99s+=("${f[16]}")
  printf '%-22s %10s %9s %9s %9s  %s\n' "open, $RATE/s #$round" "${f[12]}" "${f[14]}" "${f[16]}" "${f[20]}" "sent ${f[4]}, failed ${f[10]}"
done
measure "sequential" -t1 -c1 -d"$DURATION" "$page"
p50=$(awk '$1 == "50%" { print $2 }' <<<"$M_OUT")
printf '%-22s %10s %9s %9s %9s\n' "sequential, -c1" "$M_RPS" "$p50" "$M_P99" ""

printf '\n== summary (page of %s bytes; every request a miss; Gazette on core 1)\n' "$bytes"
printf 'pages/s, closed loop:   median %.0f (range %s); target 1,500\n' "$(median "${throughput[@]}")" "$(range "${throughput[@]}")"
printf 'open loop at %s/s:      p50 median %.1f ms, p99 median %.1f ms (range %s); target p99 < 20 ms\n' \
  "$RATE" "$(median "${p50s[@]}")" "$(median "${p99s[@]}")" "$(range "${p99s[@]}")"
echo "wrk core saturation per closed run: ${saturated[*]}"
