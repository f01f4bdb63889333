# shellcheck shell=bash disable=SC2034  # the M_* results are read by the callers
# Helpers shared by the bench/ scripts (sourced, not run):
#   require_tools TOOL..., two_cores, pids + stop_servers (trap it on EXIT),
#   free_port, wait_for URL, seconds_of 10s, median N..., ratio A B, range N...
#   generated_site DLL DATA ARTICLES DISCUSSION, prepare_site DATA DLL, site_database SITE WORK DLL,
#   sql_value DATABASE SQL, pending_builds DATABASE: a generated site to measure
#   measure LABEL WRK-ARGS...: one wrk run on core 0 (taskset), with its CPU
#     accounting: wrk's own user+sys time as a share of the wall time, and how
#     busy cores 0 and 1 were (/proc/stat, whatever ran there). Sets M_RPS, M_AVG,
#     M_P99, M_ERRORS, M_WRK_CPU, M_CORE0, M_CORE1, M_SATURATED and M_OUT (wrk's
#     output). M_SATURATED is "wrk" when wrk itself used SATURATED percent
#     (default 90) of the wall time or more: wrk could not send faster, so req/s
#     is partly wrk's limit; "shared" when wrk used less but core 0 was that busy
#     anyway: other work on the machine took wrk's core from it; otherwise "no".
# The caller sets BENCH_NAME (for messages) and BENCH_TMP (a scratch folder).

SATURATED=${SATURATED:-90}

# require_tools TOOL...: stops with the apt packages to install when one is missing
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$BENCH_NAME: $tool is missing (apt-get install wrk nginx-light util-linux curl python3 sqlite3)" >&2; exit 1; }
  done
}

# two_cores: load generator on core 0, servers on core 1
two_cores() { [ "$(nproc)" -ge 2 ] || { echo "$BENCH_NAME: needs two cores (load on core 0, servers on core 1)" >&2; exit 1; }; }

# The servers a script started (it adds each pid to pids): stopped when it exits.
pids=()
stop_servers() { local pid; for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_for() {
  for _ in $(seq 300); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "$BENCH_NAME: $1 did not answer within 30 s" >&2
  return 1
}

# site_database SITE WORK DLL: prints the connection string of a migrated copy
# of SITE's SQLite database in WORK (sqlite3 .backup reads a serving site
# consistently; its install secret and keys are copied beside it), so a
# benchmark never writes to the site given. With DATABASE set (PostgreSQL), that
# database is migrated in place instead: give it a copy (createdb -T SITE COPY).
site_database() {
  local site=$1 work=$2 dll=$3 database
  if [[ -n "${DATABASE:-}" ]]; then
    database=$DATABASE
  else
    sqlite3 "$site/gazette.db" ".backup $work/gazette.db"
    cp -r "$site/install.secret" "$site/keys" "$work/" 2>/dev/null || true
    database="sqlite:$work/gazette.db"
  fi
  (cd "$work" && dotnet "$dll" migrate --no-backup --database "$database" >/dev/null)
  echo "$database"
}

# sql_value DATABASE SQL: the first column of the first row, on either database
sql_value() {
  case $1 in
    postgres://*|postgresql://*) psql "$1" -tAc "$2" ;;
    *) sqlite3 "${1#sqlite:}" "$2" ;;
  esac
}

# pending_builds DATABASE: a warning when the search index or related coverage
# is still being built: their jobs run on the server while it is measured (at
# 100,000 articles related coverage takes hours), so its figures include them.
pending_builds() {
  local build done at
  for build in search related; do
    done=$(sql_value "$1" "select done from ${build}_build")
    if [[ "$done" != 1 && "$done" != t ]]; then
      at=$(sql_value "$1" "select last_id from ${build}_build")
      echo "WARNING: the $build build is unfinished (at article $at): its job runs during this measurement." \
        "Prepare the site first (serve it until done; gazette search rebuild for the index)."
    fi
  done
}

# generated_site DLL DATA ARTICLES DISCUSSION: makes the SQLite site in DATA once
# (kept between runs): ARTICLES generated articles and DISCUSSION approved
# comments under the sample article.
generated_site() {
  local dll=$1 data=$2 articles=$3 discussion=$4 started=$SECONDS
  [ ! -f "$data/gazette.db" ] || return 0
  echo "== generating $articles articles, $discussion comments under the sample article, into $data"
  rm -rf "$data"; mkdir -p "$data"
  dotnet "$dll" migrate --database "sqlite:$data/gazette.db" --Logging:LogLevel:Default=Warning >/dev/null
  dotnet "$dll" generate --articles "$articles" --discussion "$discussion" --database "sqlite:$data/gazette.db" \
    --Logging:LogLevel:Default=Warning | tail -2
  echo "   generated in $((SECONDS - started)) s"
}

# prepare_site DATA DLL: serves the SQLite site in DATA on core 1 until its
# search index and related coverage are built and every subscriber of the event
# log has read it to its end (their jobs would otherwise run during a
# measurement), then stops it. Bounded: gives up after an hour.
prepare_site() {
  local data=$1 dll=$2 port pid database="sqlite:$1/gazette.db" done
  ready() {
    done=$(sql_value "$database" "select (select done from search_build) || (select done from related_build)
      || (select count(*) = 0 from event_cursors where event_id < (select max(id) from events))" 2>/dev/null || true)
    [[ "$done" == 111 ]]
  }
  ! ready || return 0
  echo "== serving $data until its search index, related coverage and event subscribers have caught up"
  port=$(free_port)
  (cd "$data" && exec taskset -c 1 dotnet "$dll" serve --urls "http://127.0.0.1:$port" --database "$database" \
    --Logging:LogLevel:Default=Warning) >"$data/prepare.log" 2>&1 &
  pid=$!
  for _ in $(seq 1800); do
    ! ready || break
    sleep 2
  done
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  [[ "$done" == 111 ]] || echo "$BENCH_NAME: WARNING: the site's search and related builds or its event subscribers did not finish within an hour" >&2
}

# 10s -> 10, 2m -> 120, 500ms -> 0.5 (wrk's duration syntax, for time estimates)
seconds_of() {
  awk -v d="$1" 'BEGIN {
    if (d ~ /ms$/) { sub(/ms$/, "", d); print d / 1000 }
    else if (d ~ /m$/) { sub(/m$/, "", d); print d * 60 }
    else if (d ~ /h$/) { sub(/h$/, "", d); print d * 3600 }
    else { sub(/s$/, "", d); print d + 0 } }'
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) print "n/a"; else if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# "min-max" of the numbers given
range() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f-%.2f\n", lo, hi }'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f\n", a / b; else print "n/a" }'; }

# "busy total" jiffies of one core (busy: user nice system irq softirq steal)
core_ticks() { awk -v c="cpu$1" '$1 == c { b = $2 + $3 + $4 + $7 + $8 + $9; print b, b + $5 + $6 }' /proc/stat; }

busy_percent() { # before after, each "busy total"
  awk -v b0="${1% *}" -v t0="${1#* }" -v b1="${2% *}" -v t1="${2#* }" \
    'BEGIN { if (t1 > t0) printf "%.0f\n", 100 * (b1 - b0) / (t1 - t0); else print 0 }'
}

measure() { # LABEL WRK-ARGS... (wrk runs on core 0; its output is kept in M_OUT)
  local label=$1; shift
  local out="$BENCH_TMP/wrk.out" timing c0 c1 TIMEFORMAT='%U %S %R'
  c0=$(core_ticks 0); c1=$(core_ticks 1)
  timing=$( { time taskset -c 0 wrk --latency "$@" >"$out" 2>&1; } 2>&1 ) || {
    echo "$BENCH_NAME: wrk failed for $label:" >&2; cat "$out" >&2; return 1; }
  M_CORE0=$(busy_percent "$c0" "$(core_ticks 0)")
  M_CORE1=$(busy_percent "$c1" "$(core_ticks 1)")
  M_WRK_CPU=$(awk '{ if ($3 > 0) printf "%.0f\n", 100 * ($1 + $2) / $3; else print 0 }' <<<"$timing")
  M_OUT=$(cat "$out")
  M_RPS=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$M_OUT")
  M_AVG=$(awk '$1 == "Latency" { print $2; exit }' <<<"$M_OUT")
  M_P99=$(awk '$1 == "99%" { print $2 }' <<<"$M_OUT")
  M_ERRORS=$(grep -Eo 'Non-2xx or 3xx responses: [0-9]+|Socket errors: .*' <<<"$M_OUT" | tr '\n' ' ' || true)
  M_ERRORS=${M_ERRORS:-none}
  if [ "$M_WRK_CPU" -ge "$SATURATED" ]; then M_SATURATED=wrk
  elif [ "$M_CORE0" -ge "$SATURATED" ]; then M_SATURATED=shared
  else M_SATURATED=no; fi
  [ -n "$M_RPS" ] || { echo "$BENCH_NAME: no req/s in wrk's output for $label:" >&2; echo "$M_OUT" >&2; return 1; }
}

# saturation_verdict WRK SHARED RUNS MEDIAN-WRK-CPU MEDIAN-CORE0: one paragraph on wrk's core
saturation_verdict() {
  local by_wrk=$1 shared=$2 runs=$3 cpu=${4%.*} core0=${5%.*}
  echo "wrk's core 0 over $runs measurements: median wrk CPU $cpu% of the wall time, core 0 busy $core0% (saturated: $SATURATED% or more)."
  if [ "$by_wrk" -gt 0 ]; then
    echo "   SATURATED BY WRK in $by_wrk: there wrk could not send faster, so req/s is partly the load generator's limit" \
      "and ratios between those runs are compressed toward 1."
  fi
  if [ "$shared" -gt 0 ]; then
    echo "   CORE 0 FULL WITH OTHER WORK in $shared: wrk itself used less, but other processes took its core," \
      "so those figures are noisier (the paired ratios are what to trust)."
  fi
  if [ "$by_wrk" = 0 ] && [ "$shared" = 0 ]; then
    echo "   Not saturated in any: the server on core 1 set the pace."
  fi
}
