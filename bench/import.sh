#!/usr/bin/env bash
# Time and peak memory of `gazette import wordpress` for a synthetic export of
# SIZE_MB (default 1024): bench/wxr-generate.py writes it (streaming), then it is
# imported into a fresh SQLite site under /usr/bin/time -v. Prints the file's
# size, what it holds, the wall time, items (posts + comments) per second and
# the import's peak RSS. The file and the site are removed at the end.
#   bench/import.sh [SIZE_MB] [GAZETTE_DLL]
#   KEEP=1 bench/import.sh 100      (keep the work folder, to look at the site)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
size=${1:-1024}
dll=${2:-$here/../src/Gazette/bin/Release/net10.0/gazette.dll}
work=$(mktemp -d /tmp/import-bench.XXXXXX)
[[ -n "${KEEP:-}" ]] || trap 'rm -rf "$work"' EXIT
cd "$work"

held=$(python3 "$here/wxr-generate.py" "$work/export.xml" "$size")
bytes=$(stat -c %s "$work/export.xml")
posts=${held%% posts*}
comments=$(echo "$held" | sed -E 's/.*, ([0-9]+) comments/\1/')
echo "file: $((bytes / 1024 / 1024)) MB ($bytes bytes): $held"

dotnet "$dll" migrate --no-backup --database "sqlite:$work/gazette.db" >/dev/null
/usr/bin/time -v -o "$work/time.txt" dotnet "$dll" import wordpress "$work/export.xml" \
  --database "sqlite:$work/gazette.db" --Gazette:SampleContent=false --Logging:LogLevel:Default=Warning >"$work/report.txt" 2>"$work/stderr.txt" \
  || { cat "$work/stderr.txt" "$work/report.txt" >&2; exit 1; }
head -n 1 "$work/report.txt"
seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")
rss=$(awk -F': ' '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$work/time.txt")
cpu=$(awk -F': ' '/Percent of CPU/ { print $2 }' "$work/time.txt")
echo "time: ${seconds} s wall (CPU ${cpu}), $(awk -v n=$((posts + comments)) -v s="$seconds" 'BEGIN { printf "%.0f", n / s }') items/s ($((posts + comments)) posts and comments)"
echo "peak RSS: ${rss} MB"
echo "database: $(( $(stat -c %s "$work/gazette.db") / 1024 / 1024 )) MB"
