#!/usr/bin/env bash
# Start-up benchmark: from the start of `gazette serve` on an already-migrated
# SQLite site to the first 200 of the sample article page. Publishes Release
# (as load.sh does), fills a site with generated articles (default 1,000;
# cached between runs in $WORK, shared with load.sh), migrates a copy of it,
# then starts and stops the server $RUNS times on core 1 (taskset). Each run
# prints the wall time to the first 200 and the CPU time (user+sys, from
# /proc) the process had used by then; then the medians. The page is polled
# with curl every 10 ms, so a figure may be up to about 20 ms late.
#   RUNS=5 ARTICLES=1000 bench/startup.sh
# PUBLISH_ARGS adds to dotnet publish (-p:TieredPGO=false ...), SERVE_ENV sets
# environment variables for the server ("DOTNET_TieredPGO=0 DOTNET_gcServer=1"),
# to compare settings without editing the project. RID=linux-x64 starts the
# self-contained file `dotnet publish -r linux-x64` makes (what a server runs:
# ReadyToRun, decision 175) instead of the framework-dependent build; the site
# is still generated and migrated with the latter.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${ARTICLES:-1000}
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/gazette-bench}
PUBLISH_ARGS=${PUBLISH_ARGS:-}
SERVE_ENV=${SERVE_ENV:-}
RID=${RID:-}
SAMPLE=/2024/04/china-outlines-five-goals-for-antony-blinkens-visit-to-foster-us-relations/
BENCH_NAME=startup.sh
BENCH_TMP=$WORK
# shellcheck source=bench/lib.sh
. bench/lib.sh

for tool in taskset curl dotnet sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "startup.sh: $tool is missing" >&2; exit 1; }
done

mkdir -p "$WORK"
pid=
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "== building Release${PUBLISH_ARGS:+ ($PUBLISH_ARGS)}"
# shellcheck disable=SC2086  # PUBLISH_ARGS is a list of arguments
dotnet publish src/Gazette -c Release -o "$WORK/startup-gazette" -nologo -v quiet $PUBLISH_ARGS >/dev/null
dll="$WORK/startup-gazette/gazette.dll"
server=(dotnet "$dll")
echo "   published: $(du -sh "$WORK/startup-gazette" | cut -f1)"
if [ -n "$RID" ]; then
  echo "== building the self-contained file for $RID${PUBLISH_ARGS:+ ($PUBLISH_ARGS)}"
  # shellcheck disable=SC2086  # PUBLISH_ARGS is a list of arguments
  dotnet publish src/Gazette -c Release -r "$RID" -o "$WORK/startup-$RID" -nologo -v quiet $PUBLISH_ARGS >/dev/null
  server=("$WORK/startup-$RID/gazette")
  # Its native libraries unpack here at the first start and are reused by the next.
  export DOTNET_BUNDLE_EXTRACT_BASE_DIR="$WORK/startup-extract"
  echo "   published: $(du -sh "$WORK/startup-$RID/gazette" | cut -f1)"
fi

data="$WORK/data-$ARTICLES"
generated_site "$dll" "$data" "$ARTICLES" 0
site="$WORK/startup-site"
rm -rf "$site"; mkdir -p "$site"
database=$(site_database "$data" "$site" "$dll")
pending_builds "$database"

ticks=$(getconf CLK_TCK)
walls=(); cpus=()
echo "== $RUNS starts of gazette serve (Release${RID:+, self-contained $RID file}, SQLite, $ARTICLES articles, migrated) on core 1${SERVE_ENV:+, with $SERVE_ENV}"
printf '%-5s %14s %14s\n' run "wall ms" "cpu ms"
for run in $(seq "$RUNS"); do
  port=$(free_port)
  started=$(date +%s%N)
  # shellcheck disable=SC2086  # SERVE_ENV is a list of NAME=VALUE
  (cd "$site" && exec env $SERVE_ENV taskset -c 1 "${server[@]}" serve --no-backup --urls "http://127.0.0.1:$port" \
    --database "$database" --Logging:LogLevel:Default=Warning >"$WORK/startup.log" 2>&1) &
  pid=$!
  answered=
  for _ in $(seq 3000); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port$SAMPLE"; then
      answered=$(date +%s%N)
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  [ -n "$answered" ] || { echo "startup.sh: no 200 from $SAMPLE; the server said:" >&2; cat "$WORK/startup.log" >&2; exit 1; }
  cpu=$(awk -v t="$ticks" '{ printf "%.0f\n", 1000 * ($14 + $15) / t }' "/proc/$pid/stat")
  wall=$(( (answered - started) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  walls+=("$wall"); cpus+=("$cpu")
  printf '%-5s %14s %14s\n' "$run" "$wall" "$cpu"
done
printf '%-5s %14.0f %14.0f\n' median "$(median "${walls[@]}")" "$(median "${cpus[@]}")"
echo "(target: under 1,000 ms wall; CPU ms counts every thread, so it can exceed the wall time on two cores)"
