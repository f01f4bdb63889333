#!/usr/bin/env bash
# Checks the deployment files in docs/deploy with the tools that read them:
# systemd-analyze verify for the unit and nginx -t for the TLS fronts (with a
# throwaway self-signed certificate). Prints one line per file and ends with
# "N passed, N failed"; a missing tool is a failure, never a skip.
set -uo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/gazette-deploy-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0; failed=0
verdict() {
  if [ "$2" = 0 ]; then echo "ok   $1"; passed=$((passed + 1)); else echo "FAIL $1"; failed=$((failed + 1)); fi
}

# systemd-analyze verify needs the ExecStart program to exist: a stub stands in
# for /usr/local/bin/gazette, nothing else in the unit changes. It warns about
# unknown keys without failing, so any output fails the check.
if command -v systemd-analyze >/dev/null; then
  printf '#!/bin/sh\n' > "$work/gazette" && chmod +x "$work/gazette"
  sed "s#/usr/local/bin/gazette#$work/gazette#" docs/deploy/gazette.service > "$work/gazette.service"
  out=$(systemd-analyze verify "$work/gazette.service" 2>&1); rc=$?
  [ -z "$out" ] || { echo "$out" >&2; rc=1; }
  verdict "docs/deploy/gazette.service (systemd-analyze verify)" $rc
else
  echo "deploy-check: systemd-analyze is missing (apt-get install systemd)" >&2
  verdict "docs/deploy/gazette.service (systemd-analyze verify)" 1
fi

# nginx -t reads each site's file as an operator's nginx.conf would include it,
# with the certificate paths pointed at a self-signed pair made here.
nginx_files=(docs/deploy/gazette.nginx.conf docs/deploy/gazette-cluster.nginx.conf)
if command -v nginx >/dev/null && command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=news.example.org" \
    -keyout "$work/privkey.pem" -out "$work/fullchain.pem" >/dev/null 2>&1
  mkdir -p "$work/logs"
  for file in "${nginx_files[@]}"; do
    sed -e "s#/etc/letsencrypt/live/news.example.org/#$work/#" "$file" > "$work/gazette.conf"
    cat > "$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log stderr;
events {}
http {
    access_log off;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    include $work/gazette.conf;
}
CONF
    out=$(nginx -t -q -p "$work" -e stderr -c "$work/nginx.conf" 2>&1); rc=$?
    [ -z "$out" ] || { echo "$out" >&2; rc=1; }
    verdict "$file (nginx -t)" $rc
  done
else
  echo "deploy-check: nginx or openssl is missing (apt-get install nginx openssl)" >&2
  for file in "${nginx_files[@]}"; do verdict "$file (nginx -t)" 1; done
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
