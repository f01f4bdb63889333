#!/usr/bin/env bash
# Time and memory to serve every kind of feed on a copy of a generated site:
# each feed 20 times past the output cache (an Authorization header keeps a
# request out of it), one request at a time, then the server's peak resident
# memory (VmHWM) after that feed. Never writes to the site given.
#   bench/feeds.sh SITE_FOLDER [GAZETTE_DLL]      (SQLite: SITE_FOLDER/gazette.db)
#   DATABASE=postgres://... bench/feeds.sh - [GAZETTE_DLL]   (PostgreSQL, migrated in place)
set -euo pipefail
BENCH_NAME=feeds
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
site=${1:?usage: bench/feeds.sh SITE_FOLDER|- [GAZETTE_DLL]}
dll=${2:-$here/../src/Gazette/bin/Release/net10.0/gazette.dll}
work=$(mktemp -d /tmp/feeds-bench.XXXXXX)
database=$(site_database "$site" "$work" "$dll")
cd "$work"
pending_builds "$database"
url=http://127.0.0.1:${PORT:-$(free_port)}
dotnet "$dll" serve --urls "$url" --database "$database" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
wait_for "$url/healthz"
peak() { awk '$1 == "VmHWM:" { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }
# One page of each kind, found by following the site's own links.
article=$(curl -s "$url/feed/" | grep -o '<link>[^<]*</link>' | sed -n 2p | sed -E 's#<link>https?://[^/]+##; s#</link>##')
page=$(curl -s "$url$article")
section=$(grep -o 'href="/section/[^"]*/"' <<<"$page" | head -1 | cut -d'"' -f2)
tag=$(grep -o 'href="/tag/[^"]*/"' <<<"$page" | head -1 | cut -d'"' -f2)
author=$(grep -o 'href="/author/[^"]*/"' <<<"$page" | head -1 | cut -d'"' -f2)
echo "articles $(sql_value "$database" "select count(*) from articles")  comments $(sql_value "$database" "select count(*) from comments")  peak at start $(peak) MB"
for feed in /feed/ /feed/atom/ /feed.json "${section}feed/" "${tag}feed/atom/" "${author}feed.json" /comments/feed/ "${article}feed/"; do
    times=$(for _ in $(seq 20); do curl -s -o /dev/null -H 'Authorization: Bearer bench' -w '%{time_total} %{size_download}\n' "$url$feed"; done)
    sort -n <<<"$times" | awk -v feed="$feed" -v peak="$(peak)" '{ t[NR] = $1 * 1000; size = $2 } END { printf "%-60s %7d bytes  p50 %6.1f ms  max %6.1f ms  peak %s MB\n", feed, size, t[int(NR * 0.5 + 0.5)], t[NR], peak }'
done
