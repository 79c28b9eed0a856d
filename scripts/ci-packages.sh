#!/usr/bin/env bash
# Installs the Debian packages the tests need, only when they are missing: postgresql (server binaries under
# /usr/lib/postgresql/*/bin) and nats-server (2.9 or later, with JetStream) for the store and queue tests, and
# chromium for the dashboard's browser tests (driven by Playwright); python3-pandas to read the ACLED CSV export back.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v nats-server >/dev/null 2>&1 || need+=(nats-server)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
/usr/bin/python3 -c "import pandas" >/dev/null 2>&1 || need+=(python3-pandas)
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "ci-packages: missing ${need[*]}; install them with: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
  echo "ci-packages: installed ${need[*]}"
fi
