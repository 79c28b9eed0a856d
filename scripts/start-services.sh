#!/usr/bin/env bash
# Starts the throw-away services that the PostgreSQL and JetStream tests use, unless they already run:
#   PostgreSQL on 127.0.0.1:${SITREP_PG_PORT:-55432} (user postgres, trust auth, database sitrep_test)
#   nats-server -js on 127.0.0.1:${SITREP_NATS_PORT:-54222}
# State lives in ${SITREP_SERVICES_DIR:-/tmp/sitrep-services}. Needs Debian's `postgresql` and `nats-server` packages.
# Run as root (CI) or as any user: the PostgreSQL cluster runs as the user `postgres` when started by root.
set -euo pipefail
dir="${SITREP_SERVICES_DIR:-/tmp/sitrep-services}"
pg_port="${SITREP_PG_PORT:-55432}"
nats_port="${SITREP_NATS_PORT:-54222}"
mkdir -p "$dir"

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

# --- PostgreSQL ---
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "start-services: PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (apt-get install -y postgresql)" >&2
  exit 1
fi
pg_data="$dir/pg"
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir" 2>/dev/null || true; chmod 755 "$dir"; fi
if ! as_pg "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port" -q; then
  if [ ! -f "$pg_data/PG_VERSION" ]; then
    as_pg mkdir -p "$pg_data"
    as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  # A stale pid file from a killed server would stop pg_ctl from starting a new one.
  if [ -f "$pg_data/postmaster.pid" ] && ! as_pg "$pg_bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; then
    rm -f "$pg_data/postmaster.pid"
  fi
  as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$dir/postgres.log" -w -t 60 start \
    -o "-h 127.0.0.1 -p $pg_port -k $dir -c fsync=off -c max_connections=200 -c shared_buffers=128MB" >/dev/null
fi
for _ in $(seq 1 60); do
  as_pg "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port" -q && break
  sleep 0.5
done
as_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='sitrep_test'" | grep -q 1 \
  || as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres sitrep_test
echo "start-services: PostgreSQL on 127.0.0.1:$pg_port (SITREP_TEST_PG=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=sitrep_test)"

# --- NATS JetStream ---
nats_bin="$(command -v nats-server || true)"
if [ -z "$nats_bin" ]; then
  echo "start-services: nats-server not found (apt-get install -y nats-server)" >&2
  exit 1
fi
nats_up() { (exec 3<>"/dev/tcp/127.0.0.1/$nats_port") 2>/dev/null; }
if ! nats_up; then
  mkdir -p "$dir/nats"
  nohup "$nats_bin" -js -a 127.0.0.1 -p "$nats_port" -sd "$dir/nats" -P "$dir/nats.pid" >"$dir/nats.log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    nats_up && break
    sleep 0.25
  done
  nats_up || { cat "$dir/nats.log" >&2; echo "start-services: nats-server did not start" >&2; exit 1; }
fi
echo "start-services: NATS JetStream on 127.0.0.1:$nats_port (SITREP_TEST_NATS=nats://127.0.0.1:$nats_port)"
