#!/usr/bin/env bash
# Make sure the system tools the tests use are there: a Chrome or Chromium (browser tests,
# handouts), Java (the Nu HTML Checker), Node's npm and poppler's pdftoppm. As root on Debian or
# Ubuntu, install what is missing from Debian's packages; anywhere else, say how to get it.
# Never downloads a browser build of its own.
set -euo pipefail
only="${1:-}"   # "chromium": only what building the site needs (the handouts print with it)
missing=()
have_browser=""
for b in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -n "$b" ] && [ -x "$b" ]; then have_browser=1; break; fi
done
[ -n "$have_browser" ] || missing+=(chromium)
# The handouts need at least one font to print with.
{ command -v fc-list >/dev/null && [ -n "$(fc-list 2>/dev/null | head -n 1)" ]; } || missing+=(fonts-dejavu-core)
if [ "$only" != chromium ]; then
  command -v java >/dev/null || missing+=(default-jre-headless)
  command -v npm >/dev/null || missing+=(npm)
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's ${missing[*]} for the tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "Needed: ${missing[*]}. Install with: sudo apt-get install ${missing[*]}" >&2
echo "(or set CHROMIUM=/path/to/chrome for the browser) and run make test again." >&2
exit 1
