#!/usr/bin/env bash
# Measures queue throughput with 1 and 2 worker processes (or the counts given): publishes N synthetic reports to a
# fresh JetStream queue, runs the workers against a fresh PostgreSQL schema, and reports articles per second over
# the span of stored analyses (first to last commit, so process start-up is not counted).
#   scripts/bench-workers.sh [ARTICLES=2000] [WORKER_COUNTS="1 2"]   (WORKER_ARGS="--parallel 2" adds worker options;
#   FUSER=SECONDS also runs one `sitrep fuse --every SECONDS` process beside the workers, the topology for many
#   workers started with --no-fuse; CORPUS=news uses 600-word news articles instead of short synthetic bulletins)
# Needs scripts/start-services.sh to have run; uses the Release CLI that ./sitrep builds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-2000}"
counts="${2:-1 2}"
pg_port="${SITREP_PG_PORT:-55432}"
nats="${SITREP_TEST_NATS:-nats://127.0.0.1:54222}"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
# CPU seconds (own + reaped children) of every process with the given name, to show where the time goes.
cpu_of() {
  local tot=0 p f
  for p in $(pgrep -x "$1"); do
    read -r -a f < "/proc/$p/stat" 2>/dev/null || continue
    tot=$((tot + f[13] + f[14] + f[15] + f[16]))
  done
  echo "$tot"
}
psql() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$pg_bin/psql" "$@"; else "$pg_bin/psql" "$@"; fi; }
"$here/sitrep" --help >/dev/null
dll="$here/.build/cli/sitrep.dll"
work="$(mktemp -d /tmp/sitrep-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# CORPUS=bulletins (default): synthetic 8-sentence reports (~200 words), so storage and queue costs weigh heavily.
# CORPUS=news: 600-word articles cut from ../shared/data/ukraine-war-news-en as `sitrep eval speed` does (news
# articles are about that long), each with its own first line so that no two are one content hash.
python3 - "$work/in" "$n" "${CORPUS:-bulletins}" "$here/../shared/data/ukraine-war-news-en" <<'PY'
import json, os, sys
out, n, corpus, news = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
os.makedirs(out)
if corpus == "news":
    words = []
    for name, fields in (("warline_events_2022.jsonl", ("headline", "description_en")), ("scraped_articles_2026.jsonl", ("text",))):
        with open(os.path.join(news, name), encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                words += " ".join(str(r.get(k) or "") for k in fields).split()
    for i in range(n):
        start = i * 600 % max(1, len(words) - 600)
        open(os.path.join(out, f"r{i:05d}.txt"), "w", encoding="utf-8").write(f"Report {i}.\n" + " ".join(words[start:start + 600]))
    sys.exit(0)
places = ["the northern district", "the river crossing", "the rail depot", "the eastern villages", "the airfield"]
verbs = ["shelled", "struck", "attacked", "hit"]
for i in range(n):
    s = [f"Bulletin {i}"]
    for k in range(8):
        s.append(f"On {'Tuesday' if (i+k)%2==0 else 'Friday'}, artillery {verbs[(i+k)%4]} {places[(i*7+k)%5]}, killing {(i*13+k)%40+2} people and wounding {(i+k*5)%30+1}, the regional governor said in report {i}.{k}.")
    open(os.path.join(out, f"r{i:05d}.txt"), "w").write(" ".join(s))
PY
for k in $counts; do
  name="bench$(date +%s)w$k"
  schema="$name"
  db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=sitrep_test;Search Path=$schema"
  dotnet "$dll" ingest "$work/in" --queue "$nats/$name" >/dev/null
  pg0=$(cpu_of postgres); nats0=$(cpu_of nats-server)
  fuser=""
  if [ -n "${FUSER:-}" ]; then
    /usr/bin/time -f "%U %S" -o "$work/f$k" dotnet "$dll" fuse --db "$db" --every "$FUSER" --idle-exit 15 >"$work/fuse$k.log" 2>&1 &
    fuser=$!
  fi
  pids=()
  for w in $(seq 1 "$k"); do
    /usr/bin/time -f "%U %S" -o "$work/t$k-$w" dotnet "$dll" worker --queue "$nats/$name" --db "$db" --idle-exit 4 --quiet ${WORKER_ARGS:-} >"$work/w$k-$w.log" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  if [ -n "$fuser" ]; then
    wait "$fuser"
    echo "workers=$k fuser: $(grep -c '^fusion:' "$work/fuse$k.log") fusions, last: $(grep '^fusion:' "$work/fuse$k.log" | tail -n1); cpu_seconds=$(awk '{printf "%.1f", $1 + $2}' "$work/f$k")"
  fi
  tck=$(getconf CLK_TCK)
  pg_cpu=$(echo "scale=1; ($(cpu_of postgres) - $pg0) / $tck" | bc)
  nats_cpu=$(echo "scale=1; ($(cpu_of nats-server) - $nats0) / $tck" | bc)
  worker_cpu=$(cat "$work"/t$k-* | awk '{s += $1 + $2} END {printf "%.1f", s}')
  echo "workers=$k cpu_seconds: workers=$worker_cpu postgres=$pg_cpu nats=$nats_cpu (worker figures include start-up)"
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -d sitrep_test -tA -F ' ' -c \
    "SELECT $k AS workers, COUNT(*) AS articles, ROUND(EXTRACT(EPOCH FROM (MAX(created_at::timestamptz) - MIN(created_at::timestamptz)))::numeric, 2) AS seconds,
            ROUND(COUNT(*) / NULLIF(EXTRACT(EPOCH FROM (MAX(created_at::timestamptz) - MIN(created_at::timestamptz))), 0)::numeric, 1) AS per_second
     FROM \"$schema\".analyses" | awk '{printf "workers=%s articles=%s seconds=%s articles_per_second=%s\n", $1, $2, $3, $4}'
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -d sitrep_test -qc "SET client_min_messages=warning; DROP SCHEMA \"$schema\" CASCADE" >/dev/null
done
