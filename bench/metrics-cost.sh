#!/usr/bin/env bash
# What /metrics costs a cached page: two Gazette servers (Release, one SQLite
# site each, copies of one generated site) on core 1, one with
# Gazette:Metrics:Enabled=false, the other with metrics on (the default) and
# scraped every $SCRAPE seconds as Prometheus would. wrk on core 0 warms each
# for $WARMUP, then $ROUNDS rounds measure the sample article page (served
# from the output cache) on each for $DURATION, the order alternating. Prints
# each round's req/s and the server's CPU time per request (from
# /proc/PID/stat: on a shared machine req/s swings with the neighbours, CPU time
# per request much less), the on/off ratios, then the medians and the medians
# of the paired ratios (req/s below 1, CPU above 1: what metrics cost). Only
# 127.0.0.1 is contacted.
#   ROUNDS=5 WARMUP=3s DURATION=10s CONNECTIONS=64 ARTICLES=1000 SCRAPE=5 bench/metrics-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${ARTICLES:-1000}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-3s}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
SCRAPE=${SCRAPE:-5}
WORK=${WORK:-/tmp/gazette-metrics-cost}
SAMPLE=/2024/04/china-outlines-five-goals-for-antony-blinkens-visit-to-foster-us-relations/
BENCH_NAME=metrics-cost.sh
BENCH_TMP=$WORK
# shellcheck source=bench/lib.sh
. bench/lib.sh

require_tools wrk taskset curl dotnet python3
two_cores

mkdir -p "$WORK"
trap stop_servers EXIT

echo "== building Release"
dotnet publish src/Gazette -c Release -o "$WORK/gazette" -nologo -v quiet >/dev/null

data="$WORK/data-$ARTICLES"
generated_site "$WORK/gazette/gazette.dll" "$data" "$ARTICLES" 0

declare -A url pid
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
start() { # NAME ENABLED
  rm -rf "$WORK/$1"; cp -r "$data" "$WORK/$1"
  local port; port=$(free_port)
  (cd "$WORK/$1" && exec taskset -c 1 dotnet "$WORK/gazette/gazette.dll" serve --urls "http://127.0.0.1:$port" --database "sqlite:$WORK/$1/gazette.db" \
    --Gazette:Metrics:Enabled="$2" --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning >"$WORK/$1.log" 2>&1) &
  pids+=($!)
  pid[$1]=$!
  url[$1]="http://127.0.0.1:$port"
  wait_for "${url[$1]}/healthz"
}
start off false
start on true
while sleep "$SCRAPE"; do curl -fsS -o /dev/null "${url[on]}/metrics" || echo "metrics-cost.sh: a scrape failed" >&2; done &
pids+=($!)

names=(off on)
echo "== wrk -t1 -c$CONNECTIONS on core 0, the cached article page; warm-up $WARMUP each, $ROUNDS rounds of $DURATION each; /metrics scraped every $SCRAPE s"
for name in "${names[@]}"; do
  measure "warm-up $name" -t1 -c"$CONNECTIONS" -d"$WARMUP" "${url[$name]}$SAMPLE"
done

declare -A rps cpu
ratios=(); cpu_ratios=()
tick_us=$((1000000 / $(getconf CLK_TCK)))
printf '%-6s %-8s %12s %9s %9s %8s %7s %10s\n' round metrics req/s avg p99 wrk-cpu core0 cpu/req
for round in $(seq "$ROUNDS"); do
  order=("${names[@]}"); [ $((round % 2)) = 0 ] && order=(on off)
  for name in "${order[@]}"; do
    ticks=$(cpu_ticks "${pid[$name]}")
    measure "$name" -t1 -c"$CONNECTIONS" -d"$DURATION" "${url[$name]}$SAMPLE"
    ticks=$(($(cpu_ticks "${pid[$name]}") - ticks))
    requests=$(grep -o '[0-9]* requests in' <<<"$M_OUT" | cut -d' ' -f1)
    rps[$name,$round]=$M_RPS
    cpu[$name,$round]=$(awk -v t="$ticks" -v u="$tick_us" -v n="$requests" 'BEGIN { printf "%.1f", t * u / n }')
    printf '%-6s %-8s %12s %9s %9s %7s%% %6s%% %8sus\n' "$round" "$name" "$M_RPS" "$M_AVG" "$M_P99" "$M_WRK_CPU" "$M_CORE0" "${cpu[$name,$round]}"
  done
  ratios+=("$(ratio "${rps[on,$round]}" "${rps[off,$round]}")")
  cpu_ratios+=("$(ratio "${cpu[on,$round]}" "${cpu[off,$round]}")")
  echo "       on/off req/s ${ratios[-1]}, CPU per request ${cpu_ratios[-1]}"
done

for name in "${names[@]}"; do
  values=(); for round in $(seq "$ROUNDS"); do values+=("${rps[$name,$round]}"); done
  costs=(); for round in $(seq "$ROUNDS"); do costs+=("${cpu[$name,$round]}"); done
  printf '== metrics %-3s median %.0f req/s (range %s), %s us CPU per request (range %s)\n' "$name" \
    "$(median "${values[@]}")" "$(range "${values[@]}")" "$(median "${costs[@]}")" "$(range "${costs[@]}")"
done
printf '== on/off: median of paired ratios: req/s %s (range %s), CPU per request %s (range %s)\n' \
  "$(median "${ratios[@]}")" "$(range "${ratios[@]}")" "$(median "${cpu_ratios[@]}")" "$(range "${cpu_ratios[@]}")"
curl -fsS "${url[on]}/metrics" | grep -E '^gazette_page_cache_(hits|misses)_total' || true
