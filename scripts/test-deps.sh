#!/usr/bin/env bash
# What the tests need beyond Python, installed once per machine by `make test`: from Debian,
# chromium (Playwright cannot download browsers here), PostgreSQL and Redis, and systemd's
# analyser for the deployment units; from npm (tests/npm/package.json), axe-core and Microsoft's
# Teams app manifest schemas.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: chromium (browser tests), postgresql, redis-server and nginx (the scale-out test),
# systemd (only its `systemd-analyze`, which checks deploy/systemd/ offline).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v systemd-analyze >/dev/null || missing+=(systemd)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages for the tests: ${missing[*]}..."
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "error: ${missing[*]} missing and this user cannot install packages: run 'apt-get install ${missing[*]}' as root" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "${missing[@]}" >/dev/null; }
  # Only their binaries are used: the tests start throwaway servers of their own.
  for service in postgresql redis-server nginx; do $sudo service "$service" stop >/dev/null 2>&1 || true; done
fi
/usr/bin/chromium --version 2>/dev/null | head -1

if [ ! -f tests/npm/node_modules/.package-lock.json ] || [ tests/npm/package-lock.json -nt tests/npm/node_modules/.package-lock.json ]; then
  command -v npm >/dev/null || { echo "error: npm is needed to fetch axe-core and the Teams manifest schemas for the tests" >&2; exit 1; }
  npm ci --prefix tests/npm --no-audit --no-fund --loglevel=error
fi
