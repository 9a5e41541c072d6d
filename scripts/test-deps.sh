#!/usr/bin/env bash
# What the tests need beyond Python, installed once per machine by `make test`: Debian's
# chromium (Playwright cannot download browsers here), and from npm (tests/npm/package.json)
# axe-core and Microsoft's Teams app manifest schemas.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "error: /usr/bin/chromium is missing and this user cannot install it: run 'apt-get install chromium' as root" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q chromium >/dev/null 2>&1 || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q chromium >/dev/null; }
fi
/usr/bin/chromium --version 2>/dev/null | head -1

if [ ! -f tests/npm/node_modules/.package-lock.json ] || [ tests/npm/package-lock.json -nt tests/npm/node_modules/.package-lock.json ]; then
  command -v npm >/dev/null || { echo "error: npm is needed to fetch axe-core and the Teams manifest schemas for the tests" >&2; exit 1; }
  npm ci --prefix tests/npm --no-audit --no-fund --loglevel=error
fi
