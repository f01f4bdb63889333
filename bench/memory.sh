#!/usr/bin/env bash
# Memory benchmark: resident memory of a Release Gazette serving a large site
# through a page cache of a given size. Publishes Release (as load.sh does),
# fills a SQLite site with generated articles (default 100,000; cached between
# runs in $WORK like load.sh's sites), serves a migrated copy on core 1 with
# Gazette:Cache:SizeLimitMB=$CACHE_MB, and on core 0:
#   1. lists the site's pages from its sitemaps (articles, sections, tags,
#      authors, pages) and its date archives (/yyyy/ and /yyyy/mm/), and takes
#      $PAGES distinct ones (every listing, then articles spread over the site);
#   2. requests each once (all misses: the cache fills and trims), then the
#      same pages again in a shuffled order, $PARALLEL at a time with curl;
#   3. reads VmRSS and VmHWM from /proc, and the page cache's hits and misses
#      from /metrics (the hit ratio of the second pass: how much of $PAGES
#      pages a cache of $CACHE_MB MB keeps);
#   4. unless DURATION=0, measures the cached sample article with wrk (-t1
#      -c64, after a 3 s warm-up), and reads memory again.
# Targets (issue 14 item 5): VmRSS under 150 MB with a 64 MB cache; VmRSS minus
# the cache's limit under 90 MB at any size.
# The site copy is marked as having finished its search and related builds,
# and its cluster subscribers as having read the event log (generating leaves
# an event per article; their jobs would otherwise run for hours at 100,000
# articles and be measured with it); nothing else is switched off.
#   ARTICLES=100000 PAGES=10000 CACHE_MB=64 PARALLEL=4 DURATION=10s bench/memory.sh
# SERVE_ENV sets environment variables for the server (DOTNET_gcServer=0 ...).
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${ARTICLES:-100000}
PAGES=${PAGES:-10000}
CACHE_MB=${CACHE_MB:-64}
PARALLEL=${PARALLEL:-4}
DURATION=${DURATION:-10s}
WORK=${WORK:-/tmp/gazette-bench}
SERVE_ENV=${SERVE_ENV:-}
SAMPLE=/2024/04/china-outlines-five-goals-for-antony-blinkens-visit-to-foster-us-relations/
BENCH_NAME=memory.sh
BENCH_TMP=$WORK
# shellcheck source=bench/lib.sh
. bench/lib.sh

for tool in wrk taskset curl dotnet sqlite3 python3 shuf xargs; do
  command -v "$tool" >/dev/null || { echo "memory.sh: $tool is missing" >&2; exit 1; }
done

mkdir -p "$WORK"
pid=
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "== building Release"
dotnet publish src/Gazette -c Release -o "$WORK/gazette" -nologo -v quiet >/dev/null
dll="$WORK/gazette/gazette.dll"

data="$WORK/data-$ARTICLES"
generated_site "$dll" "$data" "$ARTICLES" 0
site="$WORK/memory-site"
rm -rf "$site"; mkdir -p "$site"
database=$(site_database "$data" "$site" "$dll")
sqlite3 "${database#sqlite:}" "update search_build set done = 1; update related_build set done = 1;
  update event_cursors set tx = (select coalesce(max(tx), 0) from events), event_id = (select coalesce(max(id), 0) from events);"

port=$(free_port)
gazette="http://127.0.0.1:$port"
echo "== serving $ARTICLES articles on core 1, page cache limited to $CACHE_MB MB${SERVE_ENV:+, with $SERVE_ENV}"
# shellcheck disable=SC2086  # SERVE_ENV is a list of NAME=VALUE
(cd "$site" && exec env $SERVE_ENV taskset -c 1 dotnet "$dll" serve --no-backup --urls "$gazette" --database "$database" \
  --Gazette:Cache:SizeLimitMB="$CACHE_MB" --Logging:LogLevel:Default=Warning >"$WORK/memory.log" 2>&1) &
pid=$!
wait_for "$gazette/healthz"

memory() { awk '$1 == "VmRSS:" { rss = $2 } $1 == "VmHWM:" { hwm = $2 } END { printf "%.0f %.0f\n", rss / 1024, hwm / 1024 }' "/proc/$pid/status"; }
# VmRSS split: anonymous (GC heap, native allocations, stacks), file-backed (the runtime, assemblies, native
# libraries: shared, clean) and shared memory (the JIT's and stubs' executable memory, mapped twice under W^X).
parts() { awk '$1 ~ /^Rss(Anon|File|Shmem):$/ { printf "%s %.0f MB, ", substr($1, 4, length($1) - 4), $2 / 1024 }' "/proc/$pid/status"; }
held() { # what the page cache counts, and the managed heap after the last GC, from /metrics
  curl -fsS "$gazette/metrics" | awk '$1 ~ /^gazette_page_cache_size_bytes/ { cache += $2 } $1 ~ /^dotnet_gc_last_collection_heap_size_bytes/ { heap += $2 }
    $1 ~ /^dotnet_gc_last_collection_memory_committed_size_bytes/ { committed += $2 }
    END { printf "page cache counts %.1f MB; managed heap after the last GC %.1f MB, committed %.1f MB\n", cache / 1048576, heap / 1048576, committed / 1048576 }'
}
counter() { curl -fsS "$gazette/metrics" | awk -v name="$1" '$1 ~ "^" name { sum += $2 } END { printf "%.0f\n", sum }'; }
fetch_all() { # FILE: every path in it, $PARALLEL curls at a time; prints the count of each status
  local part curls=()
  rm -f "$WORK"/fetch.*
  split -n "r/$PARALLEL" "$1" "$WORK/fetch."
  for part in "$WORK"/fetch.*; do
    awk -v base="$gazette" '{ printf "url = \"%s%s\"\noutput = \"/dev/null\"\n", base, $0 }' "$part" >"$part.config"
    taskset -c 0 curl -s -K "$part.config" -w '%{http_code}\n' >"$part.status" &
    curls+=($!)
  done
  wait "${curls[@]}"
  cat "$WORK"/fetch.*.status | sort | uniq -c | awk '{ printf "%s x %s, ", $1, $2 }'
}

echo "== listing pages from the sitemaps and the date archives"
read -r rss hwm <<<"$(memory)"; echo "   after start: VmRSS $rss MB ($(parts)VmHWM $hwm MB)"
curl -fsS "$gazette/sitemap.xml" | grep -o '<loc>[^<]*</loc>' | sed -E 's|</?loc>||g' >"$WORK/sitemaps.txt"
: >"$WORK/listed.txt"
while read -r sitemap; do
  curl -fsS "$sitemap" | grep -o '<loc>[^<]*</loc>' | sed -E 's|</?loc>||g; s|^https?://[^/]*||' >>"$WORK/listed.txt"
done <"$WORK/sitemaps.txt"
sqlite3 "${database#sqlite:}" "select distinct strftime('/%Y/', published_at) from articles where status = 'published'
  union select distinct strftime('/%Y/%m/', published_at) from articles where status = 'published'" >"$WORK/archives.txt"
# Listings first (every one, up to $PAGES), then articles spread evenly over the rest.
grep -Ev '^/[0-9]{4}/[0-9]{2}/[^/]+/$' "$WORK/listed.txt" | cat - "$WORK/archives.txt" | awk '!seen[$0]++' | head -n "$PAGES" >"$WORK/pages.txt"
grep -E '^/[0-9]{4}/[0-9]{2}/[^/]+/$' "$WORK/listed.txt" >"$WORK/articles.txt" || true
need=$((PAGES - $(wc -l <"$WORK/pages.txt")))
awk -v need="$need" -v total="$(wc -l <"$WORK/articles.txt")" 'need > 0 && total > 0 {
  step = total / need; if (step < 1) step = 1
  if (NR >= next_line && taken < need) { print; taken++; next_line += step } }' "$WORK/articles.txt" >>"$WORK/pages.txt"
listings=$(grep -cEv '^/[0-9]{4}/[0-9]{2}/[^/]+/$' "$WORK/pages.txt" || true)
echo "   $(wc -l <"$WORK/listed.txt") pages in the sitemaps; requesting $(wc -l <"$WORK/pages.txt") distinct: $listings listings and archives, the rest articles"

echo "== first pass, in order (every page a miss)"
started=$(date +%s)
echo "   statuses: $(fetch_all "$WORK/pages.txt")in $(( $(date +%s) - started )) s"
read -r rss hwm <<<"$(memory)"; echo "   VmRSS $rss MB ($(parts)VmHWM $hwm MB); $(held)"
hits0=$(counter gazette_page_cache_hits); misses0=$(counter gazette_page_cache_misses)

echo "== second pass, shuffled"
shuf "$WORK/pages.txt" >"$WORK/shuffled.txt"
started=$(date +%s)
echo "   statuses: $(fetch_all "$WORK/shuffled.txt")in $(( $(date +%s) - started )) s"
hits=$(( $(counter gazette_page_cache_hits) - hits0 )); misses=$(( $(counter gazette_page_cache_misses) - misses0 ))
read -r rss hwm <<<"$(memory)"
echo "   VmRSS $rss MB ($(parts)VmHWM $hwm MB); page cache hits $hits, misses $misses: hit ratio $(ratio "$hits" "$((hits + misses))")"
echo "   $(held)"

if [ "$DURATION" != 0 ]; then
  curl -fsS -o /dev/null "$gazette$SAMPLE"
  measure "warm-up" -t1 -c64 -d3s "$gazette$SAMPLE"
  measure "article" -t1 -c64 -d"$DURATION" "$gazette$SAMPLE"
  read -r rss hwm <<<"$(memory)"
  echo "== cached article, wrk -t1 -c64 -d$DURATION: $M_RPS req/s, p99 $M_P99, errors $M_ERRORS (wrk CPU $M_WRK_CPU%, core 0 $M_CORE0%, core 1 $M_CORE1%)"
  echo "   VmRSS $rss MB, VmHWM $hwm MB"
fi
echo
echo "== result: VmRSS $rss MB (VmHWM $hwm MB) with a $CACHE_MB MB cache: VmRSS minus the limit $((rss - CACHE_MB)) MB" \
  "(targets: VmRSS < 150 MB at 64 MB; minus the limit < 90 MB)"
