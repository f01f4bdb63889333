#!/usr/bin/env bash
# Runs every test of Gazette: unit and HTTP tests on SQLite and PostgreSQL, then
# the browser tests. Installs missing Debian packages when run as root, starts a
# throwaway PostgreSQL and Redis on loopback ports, and ends with "N passed, N failed".
#   ./test.sh          everything
#   ./test.sh --fast   skips the browser tests
# Under CI=true a missing dependency fails the run; nothing is ever skipped.
set -uo pipefail
cd "$(dirname "$0")"

fast=0
for arg in "$@"; do
  case "$arg" in
    --fast) fast=1 ;;
    *) echo "usage: ./test.sh [--fast]" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
run_started=$(date +%s)
phase_started=$run_started
phase() {
  local now; now=$(date +%s)
  printf '== %-28s %4ss\n' "$1" "$((now - phase_started))"
  phase_started=$now
}
fail() { echo "test.sh: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

# --- dependencies -----------------------------------------------------------
vnu=tests/tools/node_modules/vnu-jar/build/dist/vnu.jar
packages=(postgresql postgresql-client redis-server default-jre-headless nginx systemd openssl)
[ $fast = 1 ] || packages+=(chromium)
# npm fetches the Nu HTML checker once (Java runs it); a Node.js from elsewhere that has npm will do.
[ -f "$vnu" ] || command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${missing[*]} from Debian's packages"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || fail "could not install ${missing[*]}"
  else
    fail "missing Debian packages: ${missing[*]} (run as root, or apt-get install them)"
  fi
fi
command -v dotnet >/dev/null || fail "the .NET SDK (dotnet) is not on PATH"
if [ ! -f "$vnu" ]; then
  command -v npm >/dev/null || fail "npm is needed to install the Nu HTML checker (tests/tools)"
  npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error >/dev/null || fail "npm ci in tests/tools failed"
fi
phase "dependencies"

# --- services ---------------------------------------------------------------
export SERVICES_ROOT=${SERVICES_ROOT:-$(mktemp -d /tmp/gazette-services.XXXXXX)}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo "$1"; }
export PGPORT=${PGPORT:-$(free_port 54329)}
export REDISPORT=${REDISPORT:-$(free_port 6390)}
trap 'tests/services.sh stop >/dev/null 2>&1; rm -rf "$SERVICES_ROOT"' EXIT
services=$(tests/services.sh start) || fail "PostgreSQL or Redis did not start (see $SERVICES_ROOT/pg/server.log, $SERVICES_ROOT/redis/server.log)"
eval "$services"
phase "postgresql :$PGPORT, redis :$REDISPORT"

# --- build ------------------------------------------------------------------
dotnet build Gazette.slnx -c Debug -nologo -v quiet 2>&1 | tail -n 20
[ "${PIPESTATUS[0]}" = 0 ] || fail "the build failed"
phase "build"

# --- tests ------------------------------------------------------------------
passed=0; failed=0; status=0
run_tests() {
  local project=$1 log; log=$(mktemp)
  dotnet test "$project" --no-build -nologo 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local summary; summary=$(grep -E '^(Passed|Failed)!' "$log" | tail -1)
  if [ -z "$summary" ]; then
    echo "test.sh: $project reported no results" >&2
    failed=$((failed + 1)); status=1
  else
    passed=$((passed + $(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")))
    failed=$((failed + $(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")))
    local skipped; skipped=$(sed -E 's/.*Skipped: +([0-9]+),.*/\1/' <<<"$summary")
    if [ "$skipped" != 0 ]; then echo "test.sh: $project skipped $skipped test(s); tests must not skip" >&2; failed=$((failed + skipped)); status=1; fi
  fi
  [ "$rc" = 0 ] || status=1
  rm -f "$log"
}

deploy_summary=$(tests/deploy-check.sh | tee /dev/stderr | tail -1)
passed=$((passed + $(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$deploy_summary")))
failed=$((failed + $(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$deploy_summary")))
[ "$(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$deploy_summary")" = 0 ] || status=1
phase "deployment files"

run_tests tests/Gazette.Tests
phase "unit + http tests"
if [ $fast = 0 ]; then
  run_tests tests/Gazette.BrowserTests
  phase "browser tests"
fi

echo "== total $(( $(date +%s) - run_started ))s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$status" = 0 ]
