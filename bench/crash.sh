#!/usr/bin/env bash
# Crash trials. Publishes a Release build into $WORK, makes a SQLite site with an
# editor account, and runs Gazette under a restart loop standing in for systemd's
# Restart=on-failure (restart 0.1 s after any exit, no human in between). Mixed
# load runs all the time, each writer a bash loop of curl requests:
#   - $COMMENT_WRITERS readers posting comments (POST /comments/; 303 = on disk);
#   - an editor publishing articles and saving new versions through the admin
#     forms (/admin/articles/new?handler=publish, /admin/articles/{id}?handler=save
#     with BaseVersion), antiforgery tokens scraped from the pages;
#   - an editor uploading PNG images (POST /admin/media, multipart, 201 + JSON);
#   - an editor moderating the posted comments (POST /admin/comments, approve,
#     spam or trash, one change per comment).
# $KILLS times (default 20), at a random moment ($MIN_GAP-$MAX_GAP s after the
# server last answered /healthz), the server gets SIGKILL. For each kill it
# prints whether the loop brought it back to a 200 from /healthz (and how
# fast), PRAGMA integrity_check, and acknowledged vs found: every comment id,
# article id and version, media name (row and file served) and moderation
# status that got a 2xx/3xx must be in the database after the restart.
# Switched OFF through configuration: flood control
# (Gazette__Discussion__FloodSeconds=0) and the fill-time check
# (Gazette__Discussion__MinFillSeconds=0). Durability is not switched off.
# Loopback only; everything started here is stopped on exit. Exit 1 if an
# acknowledged write was lost, integrity_check failed or the server did not
# come back by itself within $RESTART_SECONDS.
#   KILLS=20 MIN_GAP=1 MAX_GAP=4 COMMENT_WRITERS=4 RESTART_SECONDS=120 WORK=/tmp/gazette-crash PORT= bench/crash.sh
# (PORT: the server's port, default a free one)
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${KILLS:-20}
MIN_GAP=${MIN_GAP:-1}
MAX_GAP=${MAX_GAP:-4}
COMMENT_WRITERS=${COMMENT_WRITERS:-4}
RESTART_SECONDS=${RESTART_SECONDS:-120}
WORK=${WORK:-/tmp/gazette-crash}
BENCH_NAME=crash.sh
BENCH_TMP=$WORK
# shellcheck source=bench/lib.sh
. bench/lib.sh

for tool in curl dotnet python3 sqlite3; do
  command -v "$tool" >/dev/null || { echo "crash.sh: $tool is missing (apt-get install -y curl python3 sqlite3)" >&2; exit 1; }
done

rm -rf "$WORK/site" "$WORK/acks" "$WORK/run"; mkdir -p "$WORK/site" "$WORK/acks" "$WORK/run"
site=$WORK/site; data=$site/data; db=$data/gazette.db; acks=$WORK/acks; run=$WORK/run
pids=()
cleanup() {
  touch "$run/stop"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -s "$run/server.pid" ] && kill "$(cat "$run/server.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
started=$(date +%s)

echo "== building Release into $WORK/gazette"
dotnet publish src/Gazette -c Release -o "$WORK/gazette" -nologo -v quiet >/dev/null
gazette() { (cd "$site" && Logging__LogLevel__Default=Warning dotnet "$WORK/gazette/gazette.dll" "$@"); }
gazette migrate >/dev/null
password="crash trials password $RANDOM$RANDOM"
printf '%s\n' "$password" | gazette user add crash --role editor --password-stdin >/dev/null

port=${PORT:-$(free_port)}; url="http://127.0.0.1:$port"
echo "== Gazette on $url under a restart loop; flood control and fill-time check OFF (Gazette__Discussion__FloodSeconds=0, MinFillSeconds=0)"

supervise() { # the stand-in for systemd: start, wait for any exit, start again
  while [ ! -e "$run/stop" ]; do
    echo "== started $(date +%T.%N)" >>"$run/server.log"
    (cd "$site" && exec env Gazette__Discussion__FloodSeconds=0 Gazette__Discussion__MinFillSeconds=0 \
      dotnet "$WORK/gazette/gazette.dll" serve --urls "$url" \
      --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore.Antiforgery=Error) >>"$run/server.log" 2>&1 &
    echo $! >"$run/server.pid"
    echo "$!" >>"$run/starts"
    wait $! || true
    [ -e "$run/stop" ] || sleep 0.1
  done
}
supervise 2>/dev/null &  # quiet: bash would report every kill
pids+=($!)
wait_for "$url/healthz"

token_of() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
stopping() { [ -e "$run/stop" ]; }
# status_of KIND FORMAT CURL-ARGS: curl's -w FORMAT (starting with the status, 000 when
# the connection failed); the status is counted per writer kind, the body kept in $run/KIND.body
status_of() {
  local kind=$1 format=$2 out; shift 2
  out=$(curl -s -o "$run/$kind.body" -w "$format" --max-time 30 "$@" || true)
  echo "${out:0:3}" >>"$run/$kind.statuses"
  echo "$out"
}

login() { # JAR: signs in through the form; 0 when the login page sent us on
  local jar=$1 token code
  rm -f "$jar"
  token=$(curl -s -c "$jar" -b "$jar" --max-time 10 "$url/admin/login" | token_of) || return 1
  [ -n "$token" ] || return 1
  code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --max-time 10 "$url/admin/login" \
    --data-urlencode "login=crash" --data-urlencode "password=$password" --data-urlencode "__RequestVerificationToken=$token" || true)
  [ "$code" = 302 ]
}

page_token() { curl -s -b "$1" -c "$1" --max-time 10 "$url$2" | token_of || true; }

comment_writer() {
  set +e  # a writer keeps going whatever one request or scrape gives
  local w=$1 i=0 code
  while ! stopping; do
    i=$((i + 1))
    code=$(status_of comment '%{http_code} %{redirect_url}' -X POST "$url/comments/" \
      --data-urlencode comment_post_ID=1 --data-urlencode comment_parent=0 --data-urlencode "author=Reader $w" \
      --data-urlencode "email=crash-$w-$i-$RANDOM@example.org" --data-urlencode "comment=Crash trial comment $w-$i-$RANDOM$RANDOM, a remark of a few words.")
    case $code in
      303*) echo "${code##*#comment-}" >>"$acks/comments.$w" ;;
      000*) sleep 0.2 ;;
      *) sleep 0.05 ;;
    esac
  done
}

article_writer() {
  set +e  # a writer keeps going whatever one request or scrape gives
  local jar=$run/articles.jar i=0 token code location id version
  until stopping || login "$jar"; do sleep 0.2; done
  while ! stopping; do
    i=$((i + 1))
    token=$(page_token "$jar" /admin/articles/new)
    [ -n "$token" ] || { login "$jar" || sleep 0.2; continue; }
    code=$(status_of article '%{http_code} %{redirect_url}' -b "$jar" -c "$jar" "$url/admin/articles/new?handler=publish" \
      --data-urlencode "Title=Crash trial story $i $RANDOM" --data-urlencode "BodyMarkdown=First version of story $i." \
      --data-urlencode "Sections=Crash" --data-urlencode "CommentStatus=open" --data-urlencode "__RequestVerificationToken=$token")
    [ "${code%% *}" = 302 ] || { sleep 0.1; continue; }
    location=${code#* }; id=${location##*/}
    case $id in ''|*[!0-9]*) continue ;; esac
    echo "$id 1" >>"$acks/articles"
    for _ in 1 2 3; do
      stopping && break
      page=$(curl -s -b "$jar" -c "$jar" --max-time 10 "$url/admin/articles/$id" || true)
      token=$(token_of <<<"$page"); version=$(grep -o 'name="BaseVersion" value="[0-9]*"' <<<"$page" | grep -o '[0-9]*' | head -1 || true)
      [ -n "$token" ] && [ -n "$version" ] || break
      code=$(status_of article '%{http_code}' -b "$jar" -c "$jar" "$url/admin/articles/$id?handler=save" \
        --data-urlencode "Title=Crash trial story $i version $((version + 1))" --data-urlencode "BodyMarkdown=Version $((version + 1)) of story $i." \
        --data-urlencode "Sections=Crash" --data-urlencode "CommentStatus=open" --data-urlencode "BaseVersion=$version" \
        --data-urlencode "__RequestVerificationToken=$token")
      [ "$code" = 302 ] && echo "$id $((version + 1))" >>"$acks/articles"
    done
  done
}

png() { # a small PNG of its own colour: every upload is new bytes (the library keeps one copy of equal bytes)
  python3 - "$1" "$2" <<'PY'
import struct, sys, zlib
seed, out = int(sys.argv[1]), sys.argv[2]
w, h = 64, 48
raw = b"".join(b"\0" + b"".join(bytes(((seed * 37 + x) % 256, (seed * 91 + y) % 256, (seed // 256 + x) % 256)) for x in range(w)) for y in range(h))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
open(out, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
}

upload_writer() {
  set +e  # a writer keeps going whatever one request or scrape gives
  local jar=$run/uploads.jar i=0 token code name
  until stopping || login "$jar"; do sleep 0.2; done
  while ! stopping; do
    i=$((i + 1))
    token=$(page_token "$jar" /admin/)
    [ -n "$token" ] || { login "$jar" || sleep 0.2; continue; }
    png "$((i * 7919 + RANDOM))" "$run/upload.png"
    code=$(status_of upload '%{http_code}' -b "$jar" -c "$jar" -H "RequestVerificationToken: $token" -H "Accept: application/json" \
      -F "file=@$run/upload.png;type=image/png;filename=crash-$i.png" -F "alt=Crash trial image $i" "$url/admin/media")
    if [ "$code" = 201 ]; then
      name=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["name"])' "$run/upload.body" 2>/dev/null || true)
      [ -n "$name" ] && echo "$name" >>"$acks/media"
    else
      sleep 0.1
    fi
  done
}

moderation_writer() {
  set +e  # a writer keeps going whatever one request or scrape gives
  local jar=$run/moderation.jar token code id action actions=(approve spam trash) n=0
  until stopping || login "$jar"; do sleep 0.2; done
  touch "$run/moderated"
  while ! stopping; do
    id=$(cat "$acks"/comments.* 2>/dev/null | sort | comm -23 - "$run/moderated" | shuf -n1 || true)
    [ -n "$id" ] || { sleep 0.2; continue; }
    echo "$id" >>"$run/moderated"; sort -o "$run/moderated" "$run/moderated"
    token=$(page_token "$jar" /admin/comments)
    [ -n "$token" ] || { login "$jar" || sleep 0.2; continue; }
    action=${actions[$((n++ % 3))]}
    code=$(status_of moderation '%{http_code}' -b "$jar" -c "$jar" "$url/admin/comments" \
      --data-urlencode "handler=$action" --data-urlencode "ids=$id" --data-urlencode "__RequestVerificationToken=$token")
    if [ "$code" = 302 ]; then
      case $action in approve) echo "$id approved" ;; spam) echo "$id spam" ;; trash) echo "$id trash" ;; esac >>"$acks/moderation"
    fi
  done
}

for w in $(seq "$COMMENT_WRITERS"); do comment_writer "$w" & pids+=($!); done
article_writer & pids+=($!)
upload_writer & pids+=($!)
moderation_writer & pids+=($!)

lost_total=0; bad_integrity=0; not_restarted=0
# verify: prints "kind acked/found" for every kind; sets LOST (acknowledged writes missing)
verify() {
  local v=$run/verify; mkdir -p "$v"; LOST=0; local line="" acked found missing
  # acknowledgements first, then the database: anything acknowledged is already committed when read
  cat "$acks"/comments.* 2>/dev/null | sort -u >"$v/comments.acked" || true
  cp "$acks/articles" "$v/articles.acked" 2>/dev/null || : >"$v/articles.acked"
  sort -u "$acks/media" >"$v/media.acked" 2>/dev/null || : >"$v/media.acked"
  sort -u "$acks/moderation" >"$v/moderation.acked" 2>/dev/null || : >"$v/moderation.acked"
  sqlite3 "$db" "select id from comments" | sort -u >"$v/comments.found"
  sqlite3 "$db" "select id || ' ' || version from articles" >"$v/articles.found"
  sqlite3 "$db" "select name from media" | sort -u >"$v/media.found"
  sqlite3 "$db" "select id || ' ' || status from comments" | sort -u >"$v/moderation.found"

  acked=$(wc -l <"$v/comments.acked"); missing=$(comm -23 "$v/comments.acked" "$v/comments.found" | wc -l)
  line+="comments $((acked - missing))/$acked"; LOST=$((LOST + missing))
  # an article counts when its id is there at the acknowledged version or a later one
  missing=$(awk 'NR == FNR { v[$1] = $2; next } !($1 in v) || v[$1] < $2' "$v/articles.found" "$v/articles.acked" | wc -l)
  acked=$(wc -l <"$v/articles.acked")
  line+="  article writes $((acked - missing))/$acked ($(cut -d' ' -f1 "$v/articles.acked" | sort -u | wc -l) articles)"; LOST=$((LOST + missing))
  acked=$(wc -l <"$v/media.acked"); missing=0
  while read -r name; do
    grep -qxF "$name" "$v/media.found" && [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/media/$name")" = 200 ] || missing=$((missing + 1))
  done <"$v/media.acked"
  line+="  uploads $((acked - missing))/$acked"; LOST=$((LOST + missing))
  acked=$(wc -l <"$v/moderation.acked"); missing=$(comm -23 "$v/moderation.acked" "$v/moderation.found" | wc -l)
  line+="  moderation $((acked - missing))/$acked"; LOST=$((LOST + missing))
  echo "$line"
}

echo "== $KILLS kills, each $MIN_GAP-$MAX_GAP s after the server answered; writers: $COMMENT_WRITERS comment, 1 article, 1 upload, 1 moderation"
restart_times=(); kills=0
for k in $(seq "$KILLS"); do
  gap=$(awk -v a="$MIN_GAP" -v b="$MAX_GAP" -v r="$RANDOM" 'BEGIN { printf "%.2f", a + (b - a) * r / 32767 }')
  sleep "$gap"
  victim=$(cat "$run/server.pid")
  before=$(cat "$acks"/* 2>/dev/null | wc -l)
  kill -KILL "$victim"; kills=$k
  killed_at=$(date +%s.%N)
  back=no; seconds=""
  deadline=$(($(date +%s) + RESTART_SECONDS))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if [ "$(cat "$run/server.pid")" != "$victim" ] && curl -fsS -o /dev/null --max-time 2 "$url/healthz" 2>/dev/null; then
      back=yes; seconds=$(awk -v a="$killed_at" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'); restart_times+=("$seconds"); break
    fi
    sleep 0.1
  done
  [ $back = yes ] || not_restarted=$((not_restarted + 1))
  integrity=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1 | tr '\n' ' ' | sed 's/ $//')
  [ "$integrity" = ok ] || bad_integrity=$((bad_integrity + 1))
  result=$(verify); lost=$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\/[0-9]+$/) { split($i, p, "/"); l += p[2] - p[1] } } END { print l + 0 }' <<<"$result")
  lost_total=$((lost_total + lost))
  printf 'kill %2d after %ss (pid %s, %s writes acknowledged so far): restarted by itself %s%s; integrity_check %s; acknowledged/found: %s\n' \
    "$k" "$gap" "$victim" "$before" "$back" "${seconds:+ in ${seconds} s}" "$integrity" "$result"
  [ $back = yes ] || break
done

touch "$run/stop"
for pid in "${pids[@]:1}"; do wait "$pid" 2>/dev/null || true; done
echo "== after the last kill, writers stopped: $(verify)"
lost_total=$((lost_total + $(verify | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\/[0-9]+$/) { split($i, p, "/"); l += p[2] - p[1] } } END { print l + 0 }')))
for kind in comment article upload moderation; do
  [ -f "$run/$kind.statuses" ] && echo "   $kind statuses: $(sort "$run/$kind.statuses" | cut -c1-3 | uniq -c | awk '{ printf "%s x %s  ", $2, $1 }')"
done
starts=$(wc -l <"$run/starts")
printf 'SUMMARY kills %d, server starts %d, back by itself %d/%d (median %s s), integrity failures %d, acknowledged writes lost %d, %d s in all\n' \
  "$kills" "$starts" "${#restart_times[@]}" "$kills" "$(median "${restart_times[@]}")" "$bad_integrity" "$lost_total" "$(($(date +%s) - started))"
[ "$lost_total" = 0 ] && [ "$bad_integrity" = 0 ] && [ "$not_restarted" = 0 ]
