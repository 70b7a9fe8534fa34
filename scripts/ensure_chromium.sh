#!/usr/bin/env bash
# Make sure a Chrome or Chromium is there for the browser tests. As root on Debian or Ubuntu,
# install Debian's chromium; anywhere else, say how to get one. Never downloads a browser build.
set -euo pipefail
for b in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -n "$b" ] && [ -x "$b" ]; then exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null
  exit 0
fi
echo "The browser tests need Chromium. Install it with: sudo apt-get install chromium" >&2
echo "or set CHROMIUM=/path/to/chrome and run make test again." >&2
exit 1
