#!/usr/bin/env bash
# Installs the Debian packages the tests need, only when they are missing:
# chromium (the dashboard's browser tests, driven by Playwright).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "ci-packages: missing ${need[*]}; install them with: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
  echo "ci-packages: installed ${need[*]}"
fi
