#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter: Rasa Open Source 3.6 supports no newer Python.
# Honours $PYTHON310 if set; otherwise looks on PATH and under pyenv.
set -u
candidates=("${PYTHON310:-}" python3.10 "$HOME"/.pyenv/versions/3.10.*/bin/python /usr/local/bin/python3.10 /usr/bin/python3.10)
for candidate in "${candidates[@]}"; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if "$path" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
cat >&2 <<'MSG'
error: Python 3.10 not found (Rasa Open Source 3.6 needs Python 3.8-3.10; this project pins 3.10).
Install it, then re-run, e.g.:
  pyenv install 3.10          # with pyenv
  apt-get install python3.10  # on Debian/Ubuntu releases that ship it
or point the build at one:   make run PYTHON310=/path/to/python3.10
MSG
exit 1
