#!/usr/bin/env bash
# Load benchmark of the public site. Builds Release, fills a SQLite site with
# generated articles (default 10,000; the sample article with $DISCUSSION, default
# 50, approved comments; cached between runs), starts three servers
# on core 1 (taskset) and measures with wrk on core 0:
#   1. Gazette, the sample article page (its page cache: memory)
#   2. Gazette, the home page
#   3. a bare Kestrel endpoint returning the article page's bytes from memory
#   4. nginx serving a saved copy of the article page
#   5. nginx as a one-second micro-cache in front of Gazette (docs/deploy/cdn.md)
# First every target is warmed with wrk for $WARMUP (JIT, caches), with nothing
# recorded; then $ROUNDS interleaved rounds each measure all five targets for
# $DURATION (the order rotates from round to round). Each round's req/s and its
# ratios (article/bare, home/bare, article/nginx, ...) are printed, then the
# median req/s per target and the median of the per-round (paired) ratios.
# It also says whether wrk's core was saturated: wrk's user+sys time against the
# wall time, and core 0's busy share from /proc/stat. Only 127.0.0.1 is
# contacted; the servers are stopped on exit. No protection is switched off.
#   ROUNDS=5 WARMUP=3s DURATION=10s CONNECTIONS=64 THREADS=1 ARTICLES=10000 DISCUSSION=50 bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${ARTICLES:-10000}
DISCUSSION=${DISCUSSION:-50}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-3s}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-1}
WORK=${WORK:-/tmp/gazette-bench}
SAMPLE=/2024/04/china-outlines-five-goals-for-antony-blinkens-visit-to-foster-us-relations/
BENCH_NAME=load.sh
BENCH_TMP=$WORK
# shellcheck source=bench/lib.sh
. bench/lib.sh

require_tools wrk nginx taskset curl dotnet python3
two_cores

mkdir -p "$WORK"
trap stop_servers EXIT

echo "== building Release"
dotnet publish src/Gazette -c Release -o "$WORK/gazette" -nologo -v quiet >/dev/null
dotnet publish bench/BareKestrel -c Release -o "$WORK/bare" -nologo -v quiet >/dev/null

data="$WORK/data-$ARTICLES-c$DISCUSSION"
generated_site "$WORK/gazette/gazette.dll" "$data" "$ARTICLES" "$DISCUSSION"
prepare_site "$data" "$WORK/gazette/gazette.dll"

port=$(free_port)
echo "== starting Gazette (Release, SQLite, $ARTICLES articles), bare Kestrel and nginx on core 1"
taskset -c 1 dotnet "$WORK/gazette/gazette.dll" serve --urls "http://127.0.0.1:$port" --database "sqlite:$data/gazette.db" \
  --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning >"$WORK/gazette.log" 2>&1 &
pids+=($!)
gazette="http://127.0.0.1:$port"
wait_for "$gazette/healthz"

mkdir -p "$WORK/static"
curl -fsS "$gazette$SAMPLE" -o "$WORK/static/article.html"
bytes=$(stat -c %s "$WORK/static/article.html")

bare_port=$(free_port)
taskset -c 1 dotnet "$WORK/bare/BareKestrel.dll" "$WORK/static/article.html" "http://127.0.0.1:$bare_port" >"$WORK/bare.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$bare_port/"

nginx_port=$(free_port)
prefix="$WORK/nginx"; mkdir -p "$prefix"
micro_port=$(free_port)
sed -e "s|__PREFIX__|$prefix|g" -e "s|__PORT__|$nginx_port|g" -e "s|__ROOT__|$WORK/static|g" \
  -e "s|__MICRO_PORT__|$micro_port|g" -e "s|__GAZETTE__|127.0.0.1:$port|g" bench/nginx.conf >"$prefix/nginx.conf"
taskset -c 1 nginx -c "$prefix/nginx.conf" -p "$prefix" &
pids+=($!)
wait_for "http://127.0.0.1:$nginx_port/"

names=("article" "home" "bare" "nginx" "micro")
declare -A url=(
  [article]="$gazette$SAMPLE" [home]="$gazette/"
  [bare]="http://127.0.0.1:$bare_port/" [nginx]="http://127.0.0.1:$nginx_port/"
  [micro]="http://127.0.0.1:$micro_port$SAMPLE"
)
declare -A title=([article]="gazette article" [home]="gazette home" [bare]="bare kestrel" [nginx]="nginx static" [micro]="nginx micro-cache")
# the paired ratios: numerator/denominator
pairs=("article/bare" "home/bare" "article/nginx" "home/nginx" "bare/nginx" "article/home" "micro/nginx" "micro/article")

n=${#names[@]}
total=$(awk -v w="$(seconds_of "$WARMUP")" -v d="$(seconds_of "$DURATION")" -v r="$ROUNDS" -v n="$n" 'BEGIN { printf "%.0f", n * w + r * n * d }')
echo "== wrk -t$THREADS -c$CONNECTIONS on core 0; page of $bytes bytes; warm-up $WARMUP per target, then $ROUNDS rounds of $DURATION per target (about $total s)"
for name in "${names[@]}"; do
  measure "warm-up ${title[$name]}" -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${url[$name]}"
  printf '   warmed %-16s %10s req/s (not counted)\n' "${title[$name]}" "$M_RPS"
done

declare -A rps
by_wrk=0; shared=0; runs=0; wrk_cpus=(); core0s=()
for round in $(seq "$ROUNDS"); do
  printf '\n-- round %d of %d\n' "$round" "$ROUNDS"
  printf '%-16s %12s %9s %9s %8s %7s %7s  %s\n' target req/s avg p99 wrk-cpu core0 core1 errors
  for i in $(seq 0 $((n - 1))); do  # rotate: round 1 starts with the article, round 2 with home, ...
    name=${names[$(((i + round - 1) % n))]}
    measure "${title[$name]}" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "${url[$name]}"
    rps[$name,$round]=$M_RPS
    runs=$((runs + 1)); wrk_cpus+=("$M_WRK_CPU"); core0s+=("$M_CORE0")
    case $M_SATURATED in wrk) by_wrk=$((by_wrk + 1)) ;; shared) shared=$((shared + 1)) ;; esac
    printf '%-16s %12s %9s %9s %7s%% %6s%% %6s%%  %s\n' "${title[$name]}" "$M_RPS" "$M_AVG" "$M_P99" "$M_WRK_CPU" "$M_CORE0" "$M_CORE1" "$M_ERRORS"
  done
  line="ratios:"
  for pair in "${pairs[@]}"; do
    line+=" $pair $(ratio "${rps[${pair%/*},$round]}" "${rps[${pair#*/},$round]}")"
  done
  echo "$line"
done

printf '\n== summary over %d rounds (page of %s bytes, wrk -t%s -c%s -d%s)\n' "$ROUNDS" "$bytes" "$THREADS" "$CONNECTIONS" "$DURATION"
printf '%-16s %14s %18s\n' target "median req/s" "range"
for name in "${names[@]}"; do
  values=(); for round in $(seq "$ROUNDS"); do values+=("${rps[$name,$round]}"); done
  printf '%-16s %14.0f %18s\n' "${title[$name]}" "$(median "${values[@]}")" "$(range "${values[@]}" | awk -F- '{ printf "%.0f-%.0f", $1, $2 }')"
done
printf '\n%-16s %14s %18s\n' ratio "median of pairs" "range over rounds"
for pair in "${pairs[@]}"; do
  values=(); for round in $(seq "$ROUNDS"); do values+=("$(ratio "${rps[${pair%/*},$round]}" "${rps[${pair#*/},$round]}")"); done
  printf '%-16s %14.2f %18s\n' "$pair" "$(median "${values[@]}")" "$(range "${values[@]}")"
done

echo
saturation_verdict "$by_wrk" "$shared" "$runs" "$(median "${wrk_cpus[@]}")" "$(median "${core0s[@]}")"
