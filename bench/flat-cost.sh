#!/usr/bin/env bash
# flat-cost.sh: does a page cost more as the site grows? (issue 14 item 4)
#   bench/flat-cost.sh [SMALL] [LARGE]     articles in the two sites (1000, 100000)
#   GAZETTE_DLL=path/gazette.dll uses that build instead of publishing the working tree
# Builds the working tree (Release), generates a site of SMALL and one of LARGE
# articles with the same seed (cached in $BENCH_ROOT, default /tmp/gazette-bench,
# as site-N), and serves a copy of each with the page cache sized 0, so every
# request renders from the database. All four servers run at once and each of
# $ROUNDS rounds (5) asks every target $REQUESTS times (100) one at a time, the
# pairs back to back (in turn which side first), after a warm-up of $WARMUP (50); a target's cost in a round
# is the server's own measure: ASP.NET Core's http.server.request.duration read
# from /metrics before and after (the mean time inside the process per request:
# not req/s, not the client's round trip). The figures are the medians of the
# rounds and of the paired ratios (the machine's load moves every round).
# Targets: the article page of one article present in
# both sites (the same generated story) and the home page; then, in the small
# site (a comment page reads its own article's comments, whatever the site's
# size), two articles with the same body given exactly 50 and 10,000 approved
# top-level comments (rows copied with sqlite3) in one copy served by one
# process, the first comment page of each measured.
# The search and related-coverage builds are marked done in the copies, so no
# job runs while measuring (and no article shows related coverage).
set -euo pipefail
BENCH_NAME=flat-cost.sh
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
SMALL=${1:-1000}
LARGE=${2:-100000}
REQUESTS=${REQUESTS:-100}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-50}
BENCH_ROOT=${BENCH_ROOT:-/tmp/gazette-bench}
GAZETTE_DLL=${GAZETTE_DLL:-}
BENCH_TMP=$(mktemp -d)
for tool in curl sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "$BENCH_NAME: $tool is missing (apt-get install curl sqlite3 python3)" >&2; exit 1; }
done
servers=()
cleanup() { for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$BENCH_TMP"; }
trap cleanup EXIT

if [[ -n "$GAZETTE_DLL" ]]; then
  dll=$GAZETTE_DLL
else
  echo "Building Release..."
  dotnet publish "$repo/src/Gazette" -c Release -o "$BENCH_TMP/gazette" -nologo -v quiet >/dev/null
  dll=$BENCH_TMP/gazette/gazette.dll
fi

site() { # N: the cached generated site of N articles, made once
  local folder=$BENCH_ROOT/site-$1
  if [[ ! -f "$folder/gazette.db" ]]; then
    mkdir -p "$folder"
    echo "Generating $1 articles into $folder..." >&2
    local start=$SECONDS
    dotnet "$dll" migrate --database "sqlite:$folder/gazette.db" --Logging:LogLevel:Default=Warning >/dev/null
    (cd "$folder" && dotnet "$dll" generate --articles "$1" --images 0 --database "sqlite:$folder/gazette.db" --Logging:LogLevel:Default=Warning >/dev/null)
    echo "  generated in $((SECONDS - start)) s" >&2
  fi
  echo "$folder"
}

serve() { # NAME DATABASE: starts Gazette on a free port, every page a cache miss; sets BASE_NAME
  local port; port=$(free_port)
  (cd "$BENCH_TMP" && exec env Gazette__Cache__SizeLimitMB=0 \
    dotnet "$dll" serve --database "$2" --urls "http://127.0.0.1:$port" --Logging:LogLevel:Default=Warning >"$BENCH_TMP/$1.log" 2>&1) &
  servers+=($!)
  printf -v "BASE_$1" '%s' "http://127.0.0.1:$port"
  wait_for "http://127.0.0.1:$port/healthz"
}

# request_time BASE: sum and count of the request-duration histogram, the scrapes themselves left out
request_time() {
  curl -fsS "$1/metrics" | awk '/^http_server_request_duration_seconds_(sum|count)\{/ && !/metrics/ {
      split($0, p, " "); if ($0 ~ /_sum\{/) s += p[2]; else c += p[2] } END { printf "%.9f %d\n", s, c }'
}

mean_ms() { # BASE PATH: the mean server-side time of REQUESTS requests for PATH, in ms
  local before after
  before=$(request_time "$1")
  for _ in $(seq "$REQUESTS"); do curl -fsS -o /dev/null "$1$2"; done
  after=$(request_time "$1")
  awk -v b="$before" -v a="$after" 'BEGIN { split(b, x, " "); split(a, y, " "); printf "%.3f\n", 1000 * (y[1] - x[1]) / (y[2] - x[2]) }'
}

warm() { for _ in $(seq "$WARMUP"); do curl -fsS -o /dev/null "$1$2"; done; }

prepare() { # N: a migrated copy of the site of N articles, its background builds marked done
  local folder work database
  folder=$(site "$1" | tail -1)
  work=$BENCH_TMP/work-$1; mkdir -p "$work"
  database=$(site_database "$folder" "$work" "$dll")
  # The search index and related coverage are built by jobs that would run during the measurement
  # (related coverage takes hours at 100,000 articles): marked done, so neither site has related lists.
  # The event log's subscribers (the search index, related coverage, CDN purges) are put at its end too:
  # left where the generator left them, the large site's server read 225,000 events (updating the search
  # index for each) while it was measured, and that, not its pages, made its home page cost twice the small one's.
  sqlite3 "${database#sqlite:}" "update search_build set done = 1; update related_build set done = 1;
    update event_cursors set tx = (select coalesce(max(tx), 0) from events), event_id = (select coalesce(max(id), 0) from events);"
  echo "$database"
}

small=$(prepare "$SMALL")
large=$(prepare "$LARGE")
# The comment pages: one copy of the small site, served by one process (two processes differ by more
# than the margin: 1.2 to 1.5 between two copies of one site, measured), where the newest article is
# given 10,000 approved top-level comments and the one before it 50 (other articles' comments, copied
# as often as needed) and its body, the stored counts kept (each article's and the site's total, as
# CommentCountKeeper keeps them).
discussion=$BENCH_TMP/discussion.db
db=${small#sqlite:}
busy=$(sqlite3 "$db" "select max(id) from articles where kind = 'article' and status = 'published'")
quiet=$(sqlite3 "$db" "select max(id) from articles where kind = 'article' and status = 'published' and id < $busy")
sqlite3 "$db" ".backup $discussion"
cp -r "$(dirname "$db")/install.secret" "$(dirname "$db")/keys" "$BENCH_TMP/" 2>/dev/null || true
sqlite3 "$discussion" "update articles set body_html = (select body_html from articles where id = $busy), summary = (select summary from articles where id = $busy) where id = $quiet;"
for copy in "$quiet:50" "$busy:10000"; do
  target=${copy%%:*}; count=${copy##*:}
  # The same 50 comments first on both (dated before any other), so the first pages show the same
  # threads; the busy article's other 9,950 follow them.
  sqlite3 "$discussion" "delete from comments where article_id = $target;
    insert into comments (article_id, parent_id, author_name, author_email, author_url, body_source, body_html, status, created_at, fingerprint, text_hash)
      select $target, null, author_name, author_email, author_url, body_source, body_html, 'approved', '2000-01-01T00:00:00.000000Z', '', ''
      from comments where article_id not in ($quiet, $busy) and status = 'approved' order by id limit 50;
    insert into comments (article_id, parent_id, author_name, author_email, author_url, body_source, body_html, status, created_at, fingerprint, text_hash)
      with recursive copies(n) as (select 1 union all select n + 1 from copies where n < 50)
      select $target, null, author_name, author_email, author_url, body_source, body_html, 'approved', created_at, '', ''
      from comments, copies where article_id not in ($quiet, $busy) and status = 'approved' limit $count - 50;
    update comment_totals set approved = approved - (select comment_count from articles where id = $target) + $count where stripe = 0;
    update articles set comment_count = $count where id = $target;"
  [[ $(sqlite3 "$discussion" "select count(*) from comments where article_id = $target") == "$count" ]] || { echo "$BENCH_NAME: the small site has too few comments to copy $count" >&2; exit 1; }
done

serve SMALL "$small"; serve LARGE "$large"; serve DISCUSSION "sqlite:$discussion"
article_path() { # BASE ID: an article's path, from the site itself
  curl -fsS "$1/wp-json/wp/v2/posts/$2" | python3 -c 'import json, sys, urllib.parse; print(urllib.parse.urlparse(json.load(sys.stdin)["link"]).path)'
}
# The same generated story in both sites: the first article the generator published.
first=$(sql_value "$small" "select min(id) from articles where kind = 'article' and status = 'published'")
article=$(article_path "$BASE_SMALL" "$first")
few=$(article_path "$BASE_DISCUSSION" "$quiet")
many=$(article_path "$BASE_DISCUSSION" "$busy")
for pair in "$BASE_SMALL $article" "$BASE_LARGE $article" "$BASE_SMALL /" "$BASE_LARGE /" "$BASE_DISCUSSION $few" "$BASE_DISCUSSION $many"; do
  warm $pair
done

declare -A all
for round in $(seq "$ROUNDS"); do
  line="round $round:"
  for target in "article|$article|$article|SMALL|LARGE" "home|/|/|SMALL|LARGE" "comments|$few|$many|DISCUSSION|DISCUSSION"; do
    IFS='|' read -r name path_one path_two one two <<<"$target"
    base_one=BASE_$one; base_two=BASE_$two
    # Odd rounds ask the smaller side first, even rounds the larger, so an order effect falls on both.
    if (( round % 2 )); then
      a=$(mean_ms "${!base_one}" "$path_one"); b=$(mean_ms "${!base_two}" "$path_two")
    else
      b=$(mean_ms "${!base_two}" "$path_two"); a=$(mean_ms "${!base_one}" "$path_one")
    fi
    all[$name-one]+="$a "; all[$name-two]+="$b "; all[$name-ratio]+="$(ratio "$b" "$a") "
    line+=" $name $a / $b ms;"
  done
  echo "$line"
done

echo
echo "Server-side time per request (ms, medians of $ROUNDS rounds of $REQUESTS requests, every page a cache miss):"
echo "| | smaller | larger | larger / smaller (median of paired rounds) | target |"
echo "|---|---|---|---|---|"
# shellcheck disable=SC2086  # the lists are words
{
  echo "| article page, $SMALL / $LARGE articles | $(median ${all[article-one]}) | $(median ${all[article-two]}) | $(median ${all[article-ratio]}) | within 1.10 |"
  echo "| home page, $SMALL / $LARGE articles | $(median ${all[home-one]}) | $(median ${all[home-two]}) | $(median ${all[home-ratio]}) | within 1.10 |"
  echo "| first comment page, 50 / 10,000 comments | $(median ${all[comments-one]}) | $(median ${all[comments-two]}) | $(median ${all[comments-ratio]}) | within 1.20 |"
}
