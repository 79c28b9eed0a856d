#!/usr/bin/env bash
# Stops the services that scripts/start-services.sh started. With --clean, also deletes their data.
set -euo pipefail
dir="${SITREP_SERVICES_DIR:-/tmp/sitrep-services}"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}
if [ -n "$pg_bin" ] && [ -f "$dir/pg/postmaster.pid" ]; then
  as_pg "$pg_bin/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null 2>&1 || true
fi
if [ -f "$dir/nats.pid" ]; then
  pid="$(cat "$dir/nats.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -f "$dir/nats.pid"
fi
if [ "${1:-}" = "--clean" ]; then rm -rf "$dir"; fi
echo "stop-services: stopped"
