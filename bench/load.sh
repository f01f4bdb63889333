#!/usr/bin/env bash
# Load benchmark of the public site. Builds Release, fills a SQLite site with
# generated articles (default 10,000; cached between runs), starts Gazette, then
# runs wrk (bounded: $DURATION per target) against:
#   1. Gazette, the sample article page (output cache: memory)
#   2. Gazette, the home page
#   3. a bare Kestrel endpoint returning the article page's bytes from memory
#   4. nginx serving a saved copy of the article page
# wrk runs on core 0, each server on core 1 (taskset). Prints req/s and latency
# side by side, with each target's ratio to nginx. Only 127.0.0.1 is contacted.
#   ARTICLES=10000 DURATION=10s CONNECTIONS=32 bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${ARTICLES:-10000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
WORK=${WORK:-/tmp/gazette-bench}
SAMPLE=/2024/04/china-outlines-five-goals-for-antony-blinkens-visit-to-foster-us-relations/

for tool in wrk nginx taskset curl dotnet; do
  command -v "$tool" >/dev/null || { echo "load.sh: $tool is missing (apt-get install wrk nginx-light util-linux curl)" >&2; exit 1; }
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 300); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "load.sh: $1 did not answer" >&2; exit 1; }

mkdir -p "$WORK"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "== building Release"
dotnet publish src/Gazette -c Release -o "$WORK/gazette" -nologo -v quiet >/dev/null
dotnet publish bench/BareKestrel -c Release -o "$WORK/bare" -nologo -v quiet >/dev/null

data="$WORK/data-$ARTICLES"
if [ ! -f "$data/gazette.db" ]; then
  echo "== generating $ARTICLES articles into $data"
  rm -rf "$data"; mkdir -p "$data"
  dotnet "$WORK/gazette/gazette.dll" generate --articles "$ARTICLES" --database "sqlite:$data/gazette.db" \
    --Logging:LogLevel:Default=Warning | tail -1
fi

port=$(free_port)
echo "== starting Gazette (Release, SQLite, $ARTICLES articles) on core 1"
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
sed -e "s|__PREFIX__|$prefix|g" -e "s|__PORT__|$nginx_port|g" -e "s|__ROOT__|$WORK/static|g" bench/nginx.conf >"$prefix/nginx.conf"
taskset -c 1 nginx -c "$prefix/nginx.conf" -p "$prefix" &
pids+=($!)
wait_for "http://127.0.0.1:$nginx_port/"

run() {
  local name=$1 url=$2 out
  curl -fsS -o /dev/null "$url"; curl -fsS -o /dev/null "$url"  # warm: the second answer comes from the cache
  out=$(taskset -c 0 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
  local rps avg p99 errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  avg=$(awk '$1 == "Latency" {print $2; exit}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(grep -Eo 'Non-2xx or 3xx responses: [0-9]+|Socket errors: .*' <<<"$out" | tr '\n' ' ' || true)
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$rps" "$avg" "$p99" "${errors:-none}"
}

echo "== wrk: $CONNECTIONS connections, $DURATION per target, page of $bytes bytes"
results=$( {
  run "gazette article" "$gazette$SAMPLE"
  run "gazette home" "$gazette/"
  run "bare kestrel" "http://127.0.0.1:$bare_port/"
  run "nginx static" "http://127.0.0.1:$nginx_port/"
} )
nginx_rps=$(awk -F'\t' '$1 == "nginx static" {print $2}' <<<"$results")
printf '\n%-18s %12s %10s %10s %10s  %s\n' target req/s avg p99 vs-nginx errors
while IFS=$'\t' read -r name rps avg p99 errors; do
  printf '%-18s %12s %10s %10s %10s  %s\n' "$name" "$rps" "$avg" "$p99" "$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}')" "$errors"
done <<<"$results"
