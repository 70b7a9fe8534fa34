#!/usr/bin/env bash
# Make sure the system tools a make target uses are there, and say what is missing and why:
#   (no argument)  make test:  a Chrome or Chromium (browser tests, handouts), a font, Java (the
#                  Nu HTML Checker), Node.js and npm (the checker's tests, vnu-jar), poppler's pdftoppm
#   chromium       make site:  a Chrome or Chromium and a font (the PDF handouts print with them)
#   node           make check: Node.js (the symptom checker's own tests run in it)
# On Debian or Ubuntu, install what is missing from Debian's packages: as root with apt-get, or
# with sudo where it needs no password (GitHub's hosted runners); anywhere else, print the exact
# command. Never downloads a browser build of its own.
set -euo pipefail
only="${1:-}"
declare -A why=(
  [chromium]="prints the PDF handouts and runs the browser tests"
  [fonts-dejavu-core]="a font to print the handouts with"
  [default-jre-headless]="Java, for the Nu HTML Checker"
  [nodejs]="Node.js, for the symptom checker's tests"
  [npm]="npm, to install the Node test tools"
  [poppler-utils]="pdftoppm, to look at the handouts' pages"
)
missing=()
have_browser=""
for b in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -n "$b" ] && [ -x "$b" ]; then have_browser=1; break; fi
done
if [ "$only" = node ]; then
  command -v node >/dev/null || missing+=(nodejs)
else
  [ -n "$have_browser" ] || missing+=(chromium)
  { command -v fc-list >/dev/null && [ -n "$(fc-list 2>/dev/null | head -n 1)" ]; } || missing+=(fonts-dejavu-core)
fi
if [ -z "$only" ]; then
  command -v java >/dev/null || missing+=(default-jre-headless)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
for package in "${missing[@]}"; do
  echo "Needed: $package (${why[$package]})." >&2
done
sudo=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; fi
if command -v apt-get >/dev/null && { [ "$(id -u)" = 0 ] || [ -n "$sudo" ]; }; then
  echo "Installing Debian's ${missing[*]} with ${sudo:+sudo }apt-get..." >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "Install with: sudo apt-get install ${missing[*]}" >&2
echo "(or, for the browser, set CHROMIUM=/path/to/chrome) and run make again." >&2
exit 1
