#!/usr/bin/env bash
# Create (or repair) a virtual environment and install pinned requirements into it:
#   scripts/make_venv.sh PYTHON VENV_DIR REQUIREMENTS_FILE...
# Debian's python3 ships without `venv`/`ensurepip` unless python3-venv is installed; then
# `python3 -m venv` leaves a half-made folder with no pip. This says so (or, as root, installs
# the package) instead of leaving a broken environment behind.
set -euo pipefail
python=$1 venv=$2
shift 2
"$python" scripts/check_python.py
if ! "$python" -c "import ensurepip, venv" 2>/dev/null; then
  pkg="python3-venv"
  version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's $pkg (python$version-venv) so that $python can make a virtual environment..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python$version-venv" >/dev/null 2>&1 ||
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null
  else
    echo "$python cannot make a virtual environment (its venv/ensurepip module is missing)." >&2
    echo "Install it with: sudo apt-get install python$version-venv   (or: $pkg), then run make again." >&2
    exit 1
  fi
fi
# A folder without a working pip is what a failed `python -m venv` leaves: start again.
if [ -d "$venv" ] && ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
  echo "Removing the broken environment in $venv/ and making it again."
  rm -rf "$venv"
fi
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
for requirements in "$@"; do
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
done
