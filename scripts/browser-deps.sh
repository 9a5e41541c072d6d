#!/usr/bin/env bash
# What the widget's browser tests need, installed once per machine by `make test`:
# Debian's chromium (Playwright cannot download browsers here) and axe-core from npm.
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

if [ ! -f tests/axe/node_modules/axe-core/axe.min.js ]; then
  command -v npm >/dev/null || { echo "error: npm is needed to fetch axe-core for the accessibility tests" >&2; exit 1; }
  npm ci --prefix tests/axe --no-audit --no-fund --loglevel=error
fi
echo "axe-core $(node -p 'require("./tests/axe/node_modules/axe-core/package.json").version' 2>/dev/null || echo '?')"
