#!/usr/bin/env bash
# Time, bytes and the server's peak memory to stream every sitemap of a
# generated site: the index, each file it lists, the news sitemap (and any
# EXTRA paths: the feeds), fetched one at a time with curl, twice (cold, then
# with the database in the page cache). Never writes to the site given: it is
# copied with sqlite3 .backup, migrated, then served on loopback.
#   bench/sitemaps.sh SITE_FOLDER [GAZETTE_DLL]
#   EXTRA="/feed/ /feed/atom/ /feed.json /comments/feed/" bench/sitemaps.sh /tmp/site100k
#   IDS_PER_FILE=5000 bench/sitemaps.sh /tmp/site100k      (smaller files: memory must not follow their size)
#   DATABASE=postgres://... bench/sitemaps.sh - [GAZETTE_DLL]   (PostgreSQL, migrated in place)
# Peak memory is the server's VmHWM (/proc/PID/status) after start and a first
# page, then after each pass; VmRSS beside it says what it kept.
set -euo pipefail
BENCH_NAME=sitemaps
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
site=${1:?usage: bench/sitemaps.sh SITE_FOLDER|- [GAZETTE_DLL]}
dll=${2:-$here/../src/Gazette/bin/Release/net10.0/gazette.dll}
work=$(mktemp -d /tmp/sitemaps-bench.XXXXXX)
database=$(site_database "$site" "$work" "$dll")
cd "$work"
pending_builds "$database"
echo "articles: $(sql_value "$database" "select count(*) from articles where kind = 'article' and status = 'published'") published"
url=http://127.0.0.1:$(free_port)
options=()
[[ -n "${IDS_PER_FILE:-}" ]] && options+=("--Gazette:Sitemaps:IdsPerFile=$IDS_PER_FILE")
dotnet "$dll" serve --urls "$url" --database "$database" "${options[@]}" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
wait_for "$url/healthz"
curl -fs -o /dev/null "$url/"
memory() { awk '/VmHWM|VmRSS/ { printf "%s %d MB  ", $1, $2 / 1024 }' "/proc/$server/status"; echo; }
echo "server after start and the home page: $(memory)"

# The index's files, read from the index itself (its first answer counts every
# kind's blocks: timed apart); then the news sitemap and EXTRA.
first=$(curl -fs -o "$work/index.xml" -w '%{time_total}' "$url/sitemap.xml")
echo "the index's first answer (every kind's blocks counted): $(awk -v t="$first" 'BEGIN { printf "%.0f", t * 1000 }') ms"
echo "server after it: $(memory)"
paths=(/sitemap.xml)
while IFS= read -r loc; do
    paths+=("${loc#"$url"}")
done < <(grep -o '<loc>[^<]*</loc>' "$work/index.xml" | sed -e 's|<loc>||' -e 's|</loc>||')
paths+=(/news-sitemap.xml)
read -r -a extra <<<"${EXTRA:-}"
paths+=("${extra[@]}")

for pass in cold warm; do
    echo "== $pass pass"
    printf '%-28s %6s %12s %9s %9s\n' path status bytes first_ms total_ms
    total_bytes=0
    total_ms=0
    for path in "${paths[@]}"; do
        read -r status bytes first total < <(curl -s -o /dev/null -w '%{http_code} %{size_download} %{time_starttransfer} %{time_total}\n' "$url$path")
        ms=$(awk -v t="$total" 'BEGIN { printf "%.0f", t * 1000 }')
        printf '%-28s %6s %12s %9.0f %9s\n' "$path" "$status" "$bytes" "$(awk -v t="$first" 'BEGIN { print t * 1000 }')" "$ms"
        total_bytes=$((total_bytes + bytes))
        total_ms=$((total_ms + ms))
    done
    echo "total: ${#paths[@]} files, $total_bytes bytes, $total_ms ms"
    echo "server after the $pass pass: $(memory)"
done
