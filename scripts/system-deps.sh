#!/usr/bin/env bash
# Debian packages the tests need: chromium for browser tests, CJK fonts so Chinese renders,
# and a PostgreSQL server for the second run of the suite.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# grep reads to the end (no -q): an early exit would SIGPIPE fc-list and fail under pipefail.
fc-list 2>/dev/null | grep -i "noto.*cjk" >/dev/null || missing+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
