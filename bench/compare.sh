#!/usr/bin/env bash
# Before/after benchmark of two builds of Gazette, for a change that claims "no
# loss beyond noise".
#   bench/compare.sh BEFORE_REF [AFTER_REF]     (AFTER: the working tree by default)
# 1. BEFORE_REF (and AFTER_REF, if given) is checked out with `git worktree add
#    --detach` under $WORK; without AFTER_REF, the working tree as it is (tracked
#    and untracked files, not ignored ones, uncommitted changes included) is
#    copied there. Both are published Release (cached in $WORK/builds by commit,
#    or by a hash of the copied files); the worktrees and copies are removed at
#    the end.
# 2. Each build generates its own SQLite site with its own `generate` command
#    ($ARTICLES articles, default 10,000; cached by the same key), since schemas
#    may differ. Every measurement starts from a fresh copy of that site.
# 3. $ROUNDS interleaved rounds (default 5); the build that goes first alternates.
#    In each round, for each build, one server alone on core 1 (wrk on core 0):
#    wrk warms the article page and the home page for $WARMUP each, then
#    measures each for $DURATION (req/s); then it warms comment posting for
#    $WARMUP and measures accepted comments/s for $DURATION with
#    bench/post-comment.lua (unique text and email per request; a 303 is sent
#    only once the comment is on disk, SQLite synchronous=FULL).
# 4. Prints each round's figures and after/before ratios, then per metric the
#    median of the paired (same round) ratios, their range, how many rounds the
#    after build won, and whether wrk's core was saturated.
# POSTGRES=1 also measures comments/s on PostgreSQL (fsync on: a throwaway
# server from tests/services.sh with PG_DURABLE=1, pinned to core 1 with Gazette;
# a 3-article site per build, copied from a template database for every run).
# Switched OFF through configuration, for the whole server run (they only act on
# comment submission): flood control (Gazette__Discussion__FloodSeconds=0) and
# the fill-time check (Gazette__Discussion__MinFillSeconds=0). Durability stays
# on. Only 127.0.0.1 is contacted.
#   ROUNDS=5 WARMUP=3s DURATION=10s CONNECTIONS=64 COMMENT_CONNECTIONS=16 ARTICLES=10000 \
#     WORK=/tmp/gazette-compare POSTGRES=0 bench/compare.sh BEFORE_REF [AFTER_REF]
set -euo pipefail
if [ $# -lt 1 ] || [ $# -gt 2 ]; then echo "usage: bench/compare.sh BEFORE_REF [AFTER_REF]  (AFTER: the working tree)" >&2; exit 2; fi
BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(git -C "$BENCH" rev-parse --show-toplevel)
ARTICLES=${ARTICLES:-10000}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-3s}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
COMMENT_CONNECTIONS=${COMMENT_CONNECTIONS:-16}
THREADS=${THREADS:-1}
POSTGRES=${POSTGRES:-0}
WORK=${WORK:-/tmp/gazette-compare}
SAMPLE=/2024/04/china-outlines-five-goals-for-antony-blinkens-visit-to-foster-us-relations/
COMMENT_ARTICLE=1  # the sample article: generate publishes it first
BENCH_NAME=compare.sh
BENCH_TMP=$WORK
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"

for tool in git wrk taskset curl dotnet python3 sha1sum; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing (apt-get install wrk util-linux curl python3)" >&2; exit 1; }
done
[ "$POSTGRES" = 1 ] && { command -v psql >/dev/null || { echo "compare.sh: POSTGRES=1 needs psql" >&2; exit 1; }; }
[ "$(nproc)" -ge 2 ] || { echo "compare.sh: needs two cores (wrk on core 0, the server on core 1)" >&2; exit 1; }
case "$WORK/" in "$REPO"/*) echo "compare.sh: WORK must be outside the repository" >&2; exit 1 ;; esac
before_hash=$(git -C "$REPO" rev-parse --verify "$1^{commit}")
after_hash=""
[ $# -eq 2 ] && after_hash=$(git -C "$REPO" rev-parse --verify "$2^{commit}")

mkdir -p "$WORK/builds" "$WORK/sites"
server=""; worktrees=(); copies=(); pg_started=""
stop_server() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi; }
cleanup() {
  stop_server
  [ -n "$pg_started" ] && SERVICES_ROOT="$WORK/services" "$REPO/tests/services.sh" stop >/dev/null 2>&1
  for tree in "${worktrees[@]}"; do git -C "$REPO" worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"; done
  git -C "$REPO" worktree prune 2>/dev/null || true
  for tree in "${copies[@]}"; do rm -rf "$tree"; done
}
trap cleanup EXIT

# prepare NAME [HASH]: a source tree in $WORK/NAME-src, a Release build in
# $WORK/builds/KEY and a site in $WORK/sites/KEY-$ARTICLES; sets key[NAME], label[NAME]
declare -A key label
prepare() {
  local name=$1 hash=${2:-} tree="$WORK/$1-src"
  git -C "$REPO" worktree remove --force "$tree" 2>/dev/null || true
  rm -rf "$tree"; git -C "$REPO" worktree prune
  if [ -n "$hash" ]; then
    key[$name]=$hash; label[$name]="${hash:0:10}"
    if [ ! -f "$WORK/builds/$hash/.complete" ]; then
      echo "== $name: git worktree add --detach $tree ${hash:0:10}"
      git -C "$REPO" worktree add --quiet --detach "$tree" "$hash"
      worktrees+=("$tree")
    fi
  else
    echo "== $name: copying the working tree (tracked and untracked, not ignored) to $tree"
    mkdir -p "$tree"; copies+=("$tree")
    (cd "$REPO" && git ls-files -z --cached --others --exclude-standard \
      | while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done \
      | tar -cf - --null -T -) | tar -xf - -C "$tree"
    key[$name]="wt-$(cd "$tree" && find . -type f -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -c1-16)"
    label[$name]="working tree (${key[$name]}, on $(git -C "$REPO" rev-parse --short=10 HEAD))"
  fi
  local build="$WORK/builds/${key[$name]}" data="$WORK/sites/${key[$name]}-$ARTICLES"
  if [ ! -f "$build/.complete" ]; then
    echo "== $name: dotnet publish src/Gazette -c Release -> $build"
    rm -rf "$build"
    if ! (cd "$tree" && dotnet publish src/Gazette -c Release -o "$build" -nologo -v quiet >"$WORK/$name-build.log" 2>&1); then
      echo "compare.sh: the $name build failed (whole output in $WORK/$name-build.log):" >&2
      grep -E ': error ' "$WORK/$name-build.log" | sort -u | head -20 >&2
      rm -rf "$build"
      exit 1
    fi
    touch "$build/.complete"
  else
    echo "== $name: Release build cached in $build"
  fi
  if [ ! -f "$data/.complete" ]; then
    echo "== $name: generating $ARTICLES articles with this build's generate into $data"
    rm -rf "$data"; mkdir -p "$data"
    Logging__LogLevel__Default=Warning dotnet "$build/gazette.dll" migrate --database "sqlite:$data/gazette.db" >/dev/null
    Logging__LogLevel__Default=Warning dotnet "$build/gazette.dll" generate --articles "$ARTICLES" --database "sqlite:$data/gazette.db" | tail -1
    touch "$data/.complete"
  else
    echo "== $name: site of $ARTICLES articles cached in $data"
  fi
  if [ "$POSTGRES" = 1 ]; then
    psql_admin -c "DROP DATABASE IF EXISTS pristine_$name" -c "CREATE DATABASE pristine_$name"
    Logging__LogLevel__Default=Warning dotnet "$build/gazette.dll" generate --articles 3 --database "$pg_base/pristine_$name" >/dev/null
  fi
}

psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql -q -X -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@" >/dev/null; }

if [ "$POSTGRES" = 1 ]; then
  pg_port=$(free_port)
  echo "== starting a throwaway PostgreSQL (fsync on) on 127.0.0.1:$pg_port"
  SERVICES_ROOT="$WORK/services" PGPORT=$pg_port PG_DURABLE=1 "$REPO/tests/services.sh" start >/dev/null
  pg_started=1
  pg_pid=$(head -1 "$WORK/services/pg/data/postmaster.pid")  # pinned beside the server; new backends inherit it
  for pid in $pg_pid $(pgrep -P "$pg_pid"); do taskset -p -c 1 "$pid" >/dev/null; done
  pg_base="postgres://postgres@127.0.0.1:$pg_port"
fi

prepare before "$before_hash"
prepare after "$after_hash"

# start NAME DATABASE: one Gazette on core 1, flood control and fill-time check off
start() {
  local port; port=$(free_port); url="http://127.0.0.1:$port"
  Gazette__Discussion__FloodSeconds=0 Gazette__Discussion__MinFillSeconds=0 Logging__LogLevel__Default=Warning \
    taskset -c 1 dotnet "$WORK/builds/${key[$1]}/gazette.dll" serve --urls "$url" --database "$2" >"$WORK/$1.log" 2>&1 &
  server=$!
  wait_for "$url/healthz" || { cat "$WORK/$1.log" >&2; return 1; }
}

declare -A val cpu sat
metrics=("article" "home" "comments")
declare -A metric_title=([article]="article req/s" [home]="home req/s" [comments]="comments/s sqlite" [pg]="comments/s postgres")
[ "$POSTGRES" = 1 ] && metrics+=("pg")

record() { # metric name round value
  val[$1,$2,$3]=$4; cpu[$1,$2,$3]="$M_WRK_CPU/$M_CORE0"; sat[$1,$2,$3]=$M_SATURATED
}

comments() { # metric name round: warm, then measure comment posting against $url
  local line
  measure "warm-up comments" -t"$THREADS" -c"$COMMENT_CONNECTIONS" -d"$WARMUP" -s "$BENCH/post-comment.lua" "$url" -- "$COMMENT_ARTICLE" "warm-$2-$3"
  local warm=$M_RPS
  measure "comments" -t"$THREADS" -c"$COMMENT_CONNECTIONS" -d"$DURATION" -s "$BENCH/post-comment.lua" "$url" -- "$COMMENT_ARTICLE" "run-$2-$3"
  line=$(grep '^ACCEPTED' <<<"$M_OUT")
  read -r _ ok _ refused _ per_second _ p99 <<<"$line"
  record "$1" "$2" "$3" "$per_second"
  printf '   %-18s %10s   (warm-up %s req/s; %s accepted, %s refused, p99 %s ms; wrk cpu %s%%, core0 %s%%)\n' \
    "${metric_title[$1]}" "$per_second" "$warm" "$ok" "$refused" "$p99" "$M_WRK_CPU" "$M_CORE0"
  [ "$ok" -gt 0 ] || { echo "compare.sh: no comment was accepted; see $WORK/$2.log" >&2; return 1; }
}

slot() { # name round
  local name=$1 round=$2 run="$WORK/run" target
  echo "-- round $round, $name: ${label[$name]}"
  rm -rf "$run"; mkdir -p "$run"
  cp "$WORK/sites/${key[$name]}-$ARTICLES"/gazette.db* "$run/"
  start "$name" "sqlite:$run/gazette.db"
  curl -fsS -o /dev/null "$url$SAMPLE" || { echo "compare.sh: $name has no sample article at $SAMPLE" >&2; return 1; }
  declare -A path=([article]="$SAMPLE" [home]="/")
  declare -A warm
  for target in article home; do
    measure "warm-up $target" -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url${path[$target]}"
    warm[$target]=$M_RPS
  done
  for target in article home; do
    measure "$target" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$url${path[$target]}"
    record "$target" "$name" "$round" "$M_RPS"
    printf '   %-18s %10s   (warm-up %s; avg %s, p99 %s, errors %s; wrk cpu %s%%, core0 %s%%, core1 %s%%)\n' \
      "${metric_title[$target]}" "$M_RPS" "${warm[$target]}" "$M_AVG" "$M_P99" "$M_ERRORS" "$M_WRK_CPU" "$M_CORE0" "$M_CORE1"
  done
  comments comments "$name" "$round"
  stop_server
  if [ "$POSTGRES" = 1 ]; then
    psql_admin -c "DROP DATABASE IF EXISTS run" -c "CREATE DATABASE run TEMPLATE pristine_$name"
    start "$name" "$pg_base/run"
    comments pg "$name" "$round"
    stop_server
  fi
}

per_slot=$(awk -v w="$(seconds_of "$WARMUP")" -v d="$(seconds_of "$DURATION")" -v pg="$POSTGRES" \
  'BEGIN { printf "%.0f", 3 * (w + d) + (pg == 1 ? w + d : 0) }')
echo
echo "== $ROUNDS rounds; each round runs both builds, one server at a time (about $((per_slot * 2 * ROUNDS)) s of wrk)"
echo "   before: ${label[before]}"
echo "   after:  ${label[after]}"
echo "   wrk -t$THREADS on core 0: pages -c$CONNECTIONS, comments -c$COMMENT_CONNECTIONS; warm-up $WARMUP, measurement $DURATION; server on core 1"
for round in $(seq "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then order=(before after); else order=(after before); fi
  echo
  for name in "${order[@]}"; do slot "$name" "$round"; done
  line="   after/before:"
  for m in "${metrics[@]}"; do line+=" ${m} $(ratio "${val[$m,after,$round]}" "${val[$m,before,$round]}")"; done
  echo "$line"
done

printf '\n== summary over %d rounds: before %s, after %s\n' "$ROUNDS" "${label[before]}" "${label[after]}"
printf '%-20s %12s %12s %16s %18s %12s\n' metric "before (med)" "after (med)" "after/before med" "range over rounds" "after won"
by_wrk=0; shared=0; runs=0; wrk_cpus=(); core0s=(); saturated=()
for m in "${metrics[@]}"; do
  b=(); a=(); r=(); wins=0
  for round in $(seq "$ROUNDS"); do
    b+=("${val[$m,before,$round]}"); a+=("${val[$m,after,$round]}")
    r+=("$(ratio "${val[$m,after,$round]}" "${val[$m,before,$round]}")")
    awk -v x="${r[-1]}" 'BEGIN { exit !(x > 1) }' && wins=$((wins + 1))
    for name in before after; do
      runs=$((runs + 1)); wrk_cpus+=("${cpu[$m,$name,$round]%/*}"); core0s+=("${cpu[$m,$name,$round]#*/}")
      case ${sat[$m,$name,$round]} in
        wrk) by_wrk=$((by_wrk + 1)); saturated+=("$m, $name, round $round: by wrk (wrk cpu/core 0 ${cpu[$m,$name,$round]}%)") ;;
        shared) shared=$((shared + 1)); saturated+=("$m, $name, round $round: other work (wrk cpu/core 0 ${cpu[$m,$name,$round]}%)") ;;
      esac
    done
  done
  printf '%-20s %12.1f %12.1f %16.3f %18s %12s\n' "${metric_title[$m]}" "$(median "${b[@]}")" "$(median "${a[@]}")" \
    "$(median "${r[@]}")" "$(range "${r[@]}")" "$wins of $ROUNDS"
done
echo
echo "A ratio above 1 means the after build is faster. The range of the paired ratios is the noise to judge a median by."
saturation_verdict "$by_wrk" "$shared" "$runs" "$(median "${wrk_cpus[@]}")" "$(median "${core0s[@]}")"
[ ${#saturated[@]} -eq 0 ] || printf '   %s\n' "${saturated[@]}"
echo "Switched off through configuration, for every server run: flood control (Gazette__Discussion__FloodSeconds=0) and the"
echo "fill-time check (Gazette__Discussion__MinFillSeconds=0). Durability was not switched off (SQLite synchronous=FULL$([ "$POSTGRES" = 1 ] && echo ', PostgreSQL fsync on'))."
