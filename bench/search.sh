#!/usr/bin/env bash
# p50 and p95 of /search over the queries in bench/search-queries.txt (one a
# line, # comments), one request at a time, on a copy of a generated site. Never
# writes to the site given: it is copied with sqlite3 .backup, migrated, indexed
# by `gazette search rebuild`, then served on loopback. Prints the 10 slowest
# queries, and writes each query's first three results (slugs) to TOP3 (default
# in its work folder) for bench/search-parity.sh.
#   bench/search.sh SITE_FOLDER [GAZETTE_DLL]      (SQLite: SITE_FOLDER/gazette.db)
#   DATABASE=postgres://... bench/search.sh - [GAZETTE_DLL]   (PostgreSQL, migrated and indexed in place:
#   give it a copy, createdb -T SITE COPY, if other builds use the site; REBUILD=0
#   skips the rebuild when the index is already built by this build)
set -euo pipefail
BENCH_NAME=search
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
site=${1:?usage: bench/search.sh SITE_FOLDER|- [GAZETTE_DLL]}
dll=${2:-$here/../src/Gazette/bin/Release/net10.0/gazette.dll}
work=$(mktemp -d /tmp/search-bench.XXXXXX)
database=$(site_database "$site" "$work" "$dll")
cd "$work"
if [[ "${REBUILD:-1}" = 1 ]]; then
    /usr/bin/time -f "index rebuilt in %e s" dotnet "$dll" search rebuild --database "$database"
fi
url=http://127.0.0.1:${PORT:-5391}
dotnet "$dll" serve --urls "$url" --database "$database" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -f "$work"/gazette.db*' EXIT
wait_for "$url/healthz"
# Each query once to warm the process (its first three results kept), then
# timed with a distinct page-2 key (the output cache would otherwise answer the repeat).
queries=$work/queries
grep -v '^#' "$here/search-queries.txt" >"$queries"
top3=${TOP3:-$work/top3.tsv}
while IFS= read -r query; do
    slugs=$(curl -s -G --data-urlencode "q=$query" "$url/search" \
        | { grep -o 'class="search__title"><a href="[^"]*"' || true; } | awk 'NR <= 3' | sed 's|.*href="||; s|/"$||; s|.*/||' | paste -sd' ')
    printf '%s\t%s\n' "$query" "$slugs"
done <"$queries" >"$top3"
times=$work/times
while IFS= read -r query; do
    curl -s -o /dev/null -w "%{time_total}\t$query\n" -G --data-urlencode "q=$query" --data-urlencode "page=2" "$url/search"
done <"$queries" >"$times"
sort -n "$times" | awk -F'\t' '{ t[NR] = $1 * 1000 } END { printf "queries %d  p50 %.1f ms  p95 %.1f ms  max %.1f ms\n", NR, t[int(NR * 0.5 + 0.5)], t[int(NR * 0.95 + 0.5)], t[NR] }'
echo "slowest:"
sort -rn "$times" | head -10 | awk -F'\t' '{ printf "  %7.1f ms  %s\n", $1 * 1000, $2 }'
echo "first three results of each query: $top3"
