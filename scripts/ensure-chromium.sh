#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (frontend/test/e2e), when /usr/bin/chromium is
# missing. playwright-core drives it; nothing downloads a browser build of its own.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: $CHROMIUM is missing and installing it needs root: run 'sudo bash scripts/ensure-chromium.sh' (or 'apt-get install chromium' as root)" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and this system has no apt-get: install Chromium so that $CHROMIUM runs it" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium (apt-get)" >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! apt-get update -qq >"$log" 2>&1; then
  cat "$log" >&2
  echo "ensure-chromium: apt-get update failed (above): check the network and /etc/apt/sources.list, then run 'bash scripts/ensure-chromium.sh' again" >&2
  exit 1
fi
# The fonts give the zh screens their glyphs (no tofu boxes in the screenshots).
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  chromium fonts-noto-cjk fonts-liberation >"$log" 2>&1; then
  cat "$log" >&2
  echo "ensure-chromium: 'apt-get install chromium' failed (above)" >&2
  exit 1
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: chromium installed but $CHROMIUM is not there: check 'dpkg -L chromium'" >&2
  exit 1
fi
echo "ensure-chromium: installed $(dpkg-query -W -f '${Package} ${Version}' chromium)" >&2
