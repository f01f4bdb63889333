#!/usr/bin/env bash
# Fault trials (run as root: it mounts file systems). Publishes a Release build
# into $WORK and runs Gazette on loopback through three faults, with a comment
# writer, an upload writer (an editor posting ~$UPLOAD_KB KB PNGs to
# /admin/media), a reader (home page and the sample article) and a /healthz
# sampler running all the time:
#   1. tmpfs: the SQLite data folder on a $TMPFS_MB MB tmpfs; a filler file
#      takes all but about 3 MB, the writers fill the rest until writes fail,
#      then the filler is deleted;
#   2. loop: the data folder on a file-backed ext4 image mounted with
#      errors=remount-ro. `mount -o remount,ro` is tried first, live; the kernel
#      refuses it while SQLite holds gazette.db open for writing, so the file
#      system is then made read-only the way a failing disk does it: an ext4
#      error (/sys/fs/ext4/DEV/trigger_fs_error) remounts it read-only.
#      ext4 keeps a file system that had an error read-only until it is
#      unmounted, so getting back to read-write is an operator's job here:
#      stop the site, unmount, e2fsck, mount read-write, start the site;
#   3. postgres: a throwaway PostgreSQL (tests/services.sh, fsync on) stopped
#      for $PG_DOWN_SECONDS s with pg_ctl and started again.
# For each phase it prints the statuses writes and reads got (counts per
# status), /healthz's statuses, overall status and the database's reason, and afterwards whether
# every acknowledged write (comment ids, media names) is there, after
# recovery and again after a restart. Flood control and the fill-time check
# are switched OFF through configuration (Gazette__Discussion__FloodSeconds=0,
# MinFillSeconds=0). Mounts, loop devices and servers are removed on exit.
# Exit 1 if an acknowledged write was lost, a read failed in a phase where only
# writes should (tmpfs full, read-only), or the site did not come back by itself
# (tmpfs, postgres) or after the remount (loop).
#   PHASE_SECONDS=8 TMPFS_MB=64 PG_DOWN_SECONDS=10 WORK=/tmp/gazette-faults bench/faults.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PHASE_SECONDS=${PHASE_SECONDS:-8}
TMPFS_MB=${TMPFS_MB:-64}
PG_DOWN_SECONDS=${PG_DOWN_SECONDS:-10}
UPLOAD_KB=${UPLOAD_KB:-300}
WORK=${WORK:-/tmp/gazette-faults}
BENCH_NAME=faults.sh
BENCH_TMP=$WORK
# shellcheck source=bench/lib.sh
. bench/lib.sh
SAMPLE=/2024/04/china-outlines-five-goals-for-antony-blinkens-visit-to-foster-us-relations/

[ "$(id -u)" = 0 ] || { echo "faults.sh: run as root (it mounts a tmpfs and a loop device)" >&2; exit 1; }
for tool in curl dotnet python3 sqlite3 psql mkfs.ext4 e2fsck losetup findmnt; do
  command -v "$tool" >/dev/null || { echo "faults.sh: $tool is missing (apt-get install -y curl python3 sqlite3 postgresql e2fsprogs util-linux)" >&2; exit 1; }
done

mkdir -p "$WORK"; run=$WORK/run; mnt=$WORK/mnt
server=""; load=(); pg_port=""
cleanup() {
  touch "$run/stop" 2>/dev/null || true
  for pid in "${load[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  if findmnt -n "$mnt" >/dev/null 2>&1; then
    dev=$(findmnt -n -o SOURCE "$mnt"); umount "$mnt" || umount -l "$mnt"
    case $dev in /dev/loop*) losetup -d "$dev" 2>/dev/null || true ;; esac
  fi
  rm -f "$WORK/ext4.img"
  [ -n "$pg_port" ] && SERVICES_ROOT="$WORK/pg" PGPORT=$pg_port tests/services.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
started=$(date +%s)

echo "== building Release into $WORK/gazette"
dotnet publish src/Gazette -c Release -o "$WORK/gazette" -nologo -v quiet >/dev/null
gazette() { (cd "$site" && Logging__LogLevel__Default=Warning dotnet "$WORK/gazette/gazette.dll" "$@" --database "$database"); }
password="fault trials password $RANDOM$RANDOM"
failures=()

start_server() {
  (cd "$site" && exec env Gazette__Discussion__FloodSeconds=0 Gazette__Discussion__MinFillSeconds=0 \
    dotnet "$WORK/gazette/gazette.dll" serve --urls "$url" --database "$database" \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore.Antiforgery=Error) >>"$run/server.log" 2>&1 &
  server=$!
  wait_for "$url/healthz"
}
stop_server() { kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; }

token_of() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
phase() { cat "$run/phase"; }
record() { echo "$(phase) $1 $2" >>"$run/log"; } # KIND STATUS

login() {
  local jar=$1 token code
  rm -f "$jar"
  token=$(curl -s -c "$jar" -b "$jar" --max-time 10 "$url/admin/login" | token_of)
  [ -n "$token" ] || return 1
  code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --max-time 10 "$url/admin/login" \
    --data-urlencode "login=faults" --data-urlencode "password=$password" --data-urlencode "__RequestVerificationToken=$token")
  [ "$code" = 302 ]
}

comment_writer() {
  set +e
  local i=0 out
  while [ ! -e "$run/stop" ]; do
    i=$((i + 1))
    out=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --max-time 15 -X POST "$url/comments/" \
      --data-urlencode comment_post_ID=1 --data-urlencode comment_parent=0 --data-urlencode "author=Fault reader" \
      --data-urlencode "email=fault-$i-$RANDOM@example.org" --data-urlencode "comment=Fault trial comment $i-$RANDOM$RANDOM, with a few words more.")
    record write-comment "${out:0:3}"
    case $out in 303*) echo "${out##*#comment-}" >>"$run/acks.comments" ;; *) echo "${out:0:3} $(phase)" >>"$run/refusals" ;; esac
    sleep 0.05
  done
}

upload_writer() {
  set +e
  local jar=$run/jar i=0 token code name
  while [ ! -e "$run/stop" ]; do
    token=$(curl -s -b "$jar" -c "$jar" --max-time 10 "$url/admin/" | token_of)
    if [ -z "$token" ]; then login "$jar" || sleep 0.3; continue; fi
    i=$((i + 1))
    python3 - "$UPLOAD_KB" "$run/upload.png" <<'PY'
import os, struct, sys, zlib
kb, out = int(sys.argv[1]), sys.argv[2]
w = h = max(16, int((kb * 1024 / 3) ** 0.5))
raw = b"".join(b"\0" + os.urandom(w * 3) for _ in range(h))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
open(out, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
PY
    code=$(curl -s -o "$run/upload.body" -w '%{http_code}' --max-time 30 -b "$jar" -c "$jar" -H "RequestVerificationToken: $token" \
      -H "Accept: application/json" -F "file=@$run/upload.png;type=image/png;filename=fault-$i.png" -F "alt=Fault trial image $i" "$url/admin/media")
    record write-upload "$code"
    if [ "$code" = 201 ]; then
      name=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["name"])' "$run/upload.body")
      [ -n "$name" ] && echo "$name" >>"$run/acks.media"
    else
      echo "$code $(phase) upload: $(head -c 300 "$run/upload.body" | tr '\n' ' ')" >>"$run/refusals"; sleep 0.2
    fi
  done
}

reader() {
  set +e
  local code n=0
  while [ ! -e "$run/stop" ]; do
    n=$((n + 1))
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 15 "$url$([ $((n % 2)) = 0 ] && echo / || echo "$SAMPLE")")
    record read "$code"
    sleep 0.05
  done
}

health() {
  set +e
  local code body
  while [ ! -e "$run/stop" ]; do
    body=$(curl -s -w '\n%{http_code}' --max-time 10 "$url/healthz")
    code=${body##*$'\n'}
    record healthz "$code"
    echo "$(phase) $code $(grep -m1 -o '"status": "[A-Za-z]*"' <<<"$body" | cut -d'"' -f4) | $(grep -A2 '"database"' <<<"$body" | grep -o '"description": ".*"' | cut -d'"' -f4 | cut -c1-110)" >>"$run/health"
    sleep 0.5
  done
}

start_load() {
  rm -f "$run/stop"
  comment_writer & load+=($!)
  upload_writer & load+=($!)
  reader & load+=($!)
  health & load+=($!)
}
stop_load() { touch "$run/stop"; for pid in "${load[@]}"; do wait "$pid" 2>/dev/null || true; done; load=(); }

report_phase() { # PHASE: statuses per kind, then /healthz's most frequent answers
  local p=$1
  printf '   %-14s' "$p"
  for k in write-comment write-upload read healthz; do
    printf ' %s: %s;' "${k#write-}" "$(awk -v p="$p" -v k="$k" '$1 == p && $2 == k { c[$3]++ } END { for (s in c) printf "%s x %d ", s, c[s] }' "$run/log")"
  done
  echo
  awk -v p="$p" '$1 == p { $1 = ""; print }' "$run/health" | sort | uniq -c | sort -rn | head -2 | sed 's/^ */                  healthz /'
}

# every acknowledged comment id in the database, every acknowledged media file served; prints "comments a/b uploads c/d", sets LOST
verify() {
  local found missing acked line
  LOST=0
  sort -u "$run/acks.comments" 2>/dev/null >"$run/acked" || : >"$run/acked"
  if [ "$kind" = postgres ]; then psql -At "$database" -c "select id from comments" | sort -u >"$run/found"
  else sqlite3 "$site/data/gazette.db" "select id from comments" | sort -u >"$run/found"; fi
  acked=$(wc -l <"$run/acked"); missing=$(comm -23 "$run/acked" "$run/found" | wc -l)
  line="comments $((acked - missing))/$acked"; LOST=$((LOST + missing))
  acked=0; missing=0
  while read -r name; do
    acked=$((acked + 1))
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/media/$name")" = 200 ] || missing=$((missing + 1))
  done < <(sort -u "$run/acks.media" 2>/dev/null)
  line+=" uploads $((acked - missing))/$acked"; LOST=$((LOST + missing))
  echo "$line"
}

check_reads() { # PHASE...: reads must all have been 200 in these phases
  local bad
  for p in "$@"; do
    bad=$(awk -v p="$p" '$1 == p && $2 == "read" && $3 != 200' "$run/log" | wc -l)
    [ "$bad" = 0 ] || failures+=("$kind: $bad reads failed in phase $p, where only writes should")
  done
}

check_recovered() { # PHASE: writes acknowledged again and /healthz 200 by its end
  local p=$1
  awk -v p="$p" '$1 == p && $2 ~ /^write/ && ($3 == 303 || $3 == 201)' "$run/log" | grep -q . || failures+=("$kind: no write succeeded in phase $p")
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/healthz")" = 200 ] || failures+=("$kind: /healthz not 200 at the end of phase $p")
}

after_recovery_and_restart() {
  local result
  stop_load
  verify >"$run/verified"; result=$(cat "$run/verified"); echo "   after recovery: acknowledged/found $result"
  [ "$LOST" = 0 ] || failures+=("$kind: acknowledged writes lost after recovery ($result)")
  stop_server; start_server
  verify >"$run/verified"; result=$(cat "$run/verified"); echo "   after a restart: acknowledged/found $result"
  [ "$LOST" = 0 ] || failures+=("$kind: acknowledged writes lost after a restart ($result)")
  [ "$kind" = postgres ] || echo "   integrity_check: $(sqlite3 "$site/data/gazette.db" 'PRAGMA integrity_check' | tr '\n' ' ')"
  stop_server
}

new_site() { # KIND SITE DATABASE: a migrated site with an editor, served on a new port, load running
  kind=$1; site=$2; database=$3
  rm -rf "$run"; mkdir -p "$run" "$site"; echo setup >"$run/phase"; : >"$run/log"; : >"$run/health"
  gazette migrate >/dev/null
  printf '%s\n' "$password" | gazette user add faults --role editor --password-stdin >/dev/null
  url="http://127.0.0.1:$(free_port)"
  start_server
  start_load
}

run_phase() { echo "$1" >"$run/phase"; sleep "$2"; }

# 1. tmpfs
echo "== tmpfs: the data folder on a ${TMPFS_MB} MB tmpfs, filled, then freed (phases of ${PHASE_SECONDS} s)"
mkdir -p "$mnt"; mount -t tmpfs -o size="${TMPFS_MB}m" gazette-faults "$mnt"
new_site tmpfs "$mnt/site" "sqlite:$mnt/site/data/gazette.db"
run_phase normal "$PHASE_SECONDS"
free_kb=$(df -k --output=avail "$mnt" | tail -1)
echo filling >"$run/phase"
dd if=/dev/zero of="$mnt/filler" bs=1k count=$((free_kb - 3072)) status=none 2>/dev/null || true
for _ in $(seq 120); do  # until writes fail (at most 60 s)
  [ "$(awk '$1 == "filling" && $2 ~ /^write/ && $3 != 303 && $3 != 201' "$run/log" | wc -l)" -ge 5 ] && break
  sleep 0.5
done
echo "   full after the filler and $(awk '$1 == "filling" && $2 ~ /^write/ && ($3 == 303 || $3 == 201)' "$run/log" | wc -l) more writes; $(df -k --output=avail "$mnt" | tail -1) KB free"
run_phase full "$PHASE_SECONDS"
rm -f "$mnt/filler"
run_phase freed "$PHASE_SECONDS"
for p in normal filling full freed; do report_phase "$p"; done
check_reads filling full
check_recovered freed
after_recovery_and_restart
umount "$mnt"

# 2. loop-mounted ext4, read-only then read-write
echo "== loop: the data folder on a 64 MB ext4 image (errors=remount-ro), read-only, then read-write (phases of ${PHASE_SECONDS} s)"
truncate -s 64M "$WORK/ext4.img"; mkfs.ext4 -q -F "$WORK/ext4.img"
mount -o loop,errors=remount-ro "$WORK/ext4.img" "$mnt"
new_site loop "$mnt/site" "sqlite:$mnt/site/data/gazette.db"
run_phase normal "$PHASE_SECONDS"
dev=$(findmnt -n -o SOURCE "$mnt")
if out=$(mount -o remount,ro "$mnt" 2>&1); then echo "   mount -o remount,ro: done"
else echo "   mount -o remount,ro refused while the site runs: $(head -1 <<<"$out")"; fi
if ! findmnt -n -o OPTIONS "$mnt" | grep -q '^ro'; then
  echo 1 >"/sys/fs/ext4/${dev#/dev/}/trigger_fs_error"
  echo "   read-only through an ext4 error instead: $(findmnt -n -o OPTIONS "$mnt")"
fi
run_phase readonly "$PHASE_SECONDS"
echo "remount" >"$run/phase"
stop_server
umount "$mnt"; e2fsck -p -f "$WORK/ext4.img" >/dev/null 2>&1 || true
mount -o loop,errors=remount-ro "$WORK/ext4.img" "$mnt"
echo "   operator: site stopped, unmounted, e2fsck, mounted read-write ($(findmnt -n -o OPTIONS "$mnt")), site started"
start_server
run_phase readwrite "$PHASE_SECONDS"
for p in normal readonly remount readwrite; do report_phase "$p"; done
check_reads readonly
check_recovered readwrite
after_recovery_and_restart
dev=$(findmnt -n -o SOURCE "$mnt"); umount "$mnt"; losetup -d "$dev" 2>/dev/null || true; rm -f "$WORK/ext4.img"

# 3. PostgreSQL stopped and started
echo "== postgres: PostgreSQL (fsync on) stopped for ${PG_DOWN_SECONDS} s, then started"
pg_port=$(free_port)
eval "$(SERVICES_ROOT="$WORK/pg" PGPORT=$pg_port PG_DURABLE=1 tests/services.sh start)"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); pg_root=$WORK/pg/pg
new_site postgres "$WORK/pg-site" "$GAZETTE_TEST_POSTGRES"
run_phase normal "$PHASE_SECONDS"
echo down >"$run/phase"
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_root/data" -m fast -w stop >/dev/null
sleep "$PG_DOWN_SECONDS"
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w -t 60 start \
  -o "-p $pg_port -k $pg_root -c listen_addresses=127.0.0.1 -c max_connections=300" >/dev/null
run_phase up "$PHASE_SECONDS"
for p in normal down up; do report_phase "$p"; done
check_recovered up
after_recovery_and_restart

echo
if [ ${#failures[@]} = 0 ]; then
  echo "SUMMARY faults.sh: no acknowledged write lost, reads kept working where only writes should fail, the site recovered; $(($(date +%s) - started)) s in all"
else
  echo "SUMMARY faults.sh: ${#failures[@]} failures ($(($(date +%s) - started)) s in all):"; printf '   %s\n' "${failures[@]}"
  exit 1
fi
