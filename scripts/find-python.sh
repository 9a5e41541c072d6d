#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 supports Python < 3.11), or explain and fail.
# Order: $PYTHON, python3.10 on PATH, pyenv's installed 3.10.x, /usr/bin/python3.10.
set -u
ok() { [ -n "$1" ] && "$1" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; }
candidates=("${PYTHON:-}" "$(command -v python3.10 2>/dev/null || true)")
for dir in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10*; do candidates+=("$dir/bin/python3.10"); done
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10)
for c in "${candidates[@]}"; do
  if ok "$c"; then echo "$c"; exit 0; fi
done
cat >&2 <<'MSG'
ERROR: Python 3.10 was not found, and this project needs it: Rasa Open Source 3.6 runs on Python 3.8-3.10 only.
Install it (for example `pyenv install 3.10.13`, or your distribution's python3.10 package with venv),
or point the set-up at one with: make run PYTHON=/path/to/python3.10
MSG
exit 1
