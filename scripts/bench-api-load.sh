#!/usr/bin/env bash
# API latency under concurrent reads while a queue worker writes (loopback only).
#   scripts/bench-api-load.sh [PRELOAD=500] [QUEUED=4000] [CLIENTS=50] [SECONDS=60]   (CACHE_SECONDS=0 turns off answer reuse)
# 1. the real news of ../shared/data/ukraine-war-news-en (when present), samples/ and PRELOAD synthetic reports go into
#    a fresh PostgreSQL schema and are fused, so the queries have data;
# 2. `sitrep serve` starts on 127.0.0.1 against that schema;
# 3. QUEUED more reports are published to a fresh JetStream queue and one `sitrep worker` drains it into the same schema;
# 4. tests/Sitrep.Load sends CLIENTS concurrent clients' GETs (map, events, full-text, claims, estimates,
#    contradictions, stats; 60 different bounding boxes, months, types and search words, so no one query dominates)
#    for SECONDS seconds; the script prints the latency distribution and how many articles the worker stored meanwhile.
# Needs scripts/start-services.sh to have run; uses the Release CLI that ./sitrep builds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preload="${1:-500}"
queued="${2:-4000}"
clients="${3:-50}"
seconds="${4:-60}"
pg_port="${SITREP_PG_PORT:-55432}"
nats="${SITREP_TEST_NATS:-nats://127.0.0.1:54222}"
port="${SITREP_LOAD_PORT:-58080}"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
psql() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$pg_bin/psql" "$@"; else "$pg_bin/psql" "$@"; fi; }
"$here/sitrep" --help >/dev/null
dll="$here/.build/cli/sitrep.dll"
dotnet build "$here/tests/Sitrep.Load" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
load_dll="$(ls "$here"/tests/Sitrep.Load/bin/Release/net*/Sitrep.Load.dll | head -n1)"
work="$(mktemp -d /tmp/sitrep-load.XXXXXX)"
name="load$(date +%s)"
db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=sitrep_test;Search Path=$name"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -d sitrep_test -qc "SET client_min_messages=warning; DROP SCHEMA IF EXISTS \"$name\" CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

python3 - "$work" "$preload" "$queued" <<'PY'
import os, sys
out, pre, que = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
towns = ["Kharkiv", "Odesa", "Kherson", "Dnipro", "Zaporizhzhia", "Sumy", "Mykolaiv", "Chernihiv", "Poltava", "Lviv"]
verbs = ["shelled", "struck", "attacked", "hit"]
def write(folder, start, n):
    os.makedirs(folder)
    for i in range(start, start + n):
        s = [f"Bulletin {i}"]
        for k in range(8):
            s.append(f"On {'Tuesday' if (i+k)%2==0 else 'Friday'}, artillery {verbs[(i+k)%4]} the outskirts of {towns[(i*7+k)%10]}, "
                     f"killing {(i*13+k)%40+2} people and wounding {(i+k*5)%30+1}, the regional governor said in report {i}.{k}.")
        open(os.path.join(folder, f"r{i:05d}.txt"), "w").write(" ".join(s))
write(os.path.join(out, "preload"), 0, pre)
write(os.path.join(out, "queued"), pre, que)
PY

echo "preloading into schema $name …" >&2
news="$here/../shared/data/ukraine-war-news-en"
if [ -f "$news/warline_events_2022.jsonl" ]; then
  dotnet "$dll" ingest "$news/warline_events_2022.jsonl" --text-field description_en,headline --title-field headline --date-field full_date \
    --url-field source_url --outlet-field source_account --db "$db" --no-fuse >/dev/null 2>>"$work/preload.log" || true
  dotnet "$dll" ingest "$news/scraped_articles_2026.jsonl" --db "$db" --no-fuse >/dev/null 2>>"$work/preload.log" || true
fi
dotnet "$dll" ingest "$work/preload" "$here/samples" --db "$db" --no-fuse --published 2022-06-15 >/dev/null 2>>"$work/preload.log" || true
dotnet "$dll" fuse --db "$db" >/dev/null
dotnet "$dll" serve --db "$db" --urls "http://127.0.0.1:$port" --cache-seconds "${CACHE_SECONDS:-1}" >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/api/stats" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/api/stats" >/dev/null || { echo "serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }

dotnet "$dll" ingest "$work/queued" --queue "$nats/$name" --published 2025-03-03 >/dev/null
dotnet "$dll" worker --queue "$nats/$name" --db "$db" --idle-exit 30 --quiet >"$work/worker.log" 2>&1 &
pids+=($!)
count() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d sitrep_test -tAc "SELECT COUNT(*) FROM \"$name\".analyses"; }
sleep 5 # the worker is writing before the readers start
before="$(count)"
paths=()
while IFS= read -r p; do paths+=(--path "$p"); done < <(python3 - <<'PY'
import random
r = random.Random(7)
types = ["ASSAULT", "COERCE", "MOBILIZE", "AID", "CONSULT", "AGREE", "DISAPPROVE", "THREATEN"]
words = ["drone", "missile", "shelling", "Kharkiv", "Donetsk", "Zaporizhzhia", "grain", "sanctions", "killed", "artillery", "Kherson", "Odesa"]
units = ["killed", "wounded", "personnel", "drones", "missiles", "civilians"]
out = []
for i in range(60):
    lon, lat = r.uniform(24, 38), r.uniform(45, 51)
    m = r.randint(2, 12)
    since, until = f"2022-{m:02d}-01", f"2022-{m:02d}-28"
    k = i % 7
    if k == 0: out.append(f"/api/map?bbox={lon-3:.1f},{lat-2:.1f},{lon+3:.1f},{lat+2:.1f}&from={since}&to={until}&type={r.choice(types)}&limit=5000")
    elif k == 1: out.append(f"/api/events?bbox={lon-2:.1f},{lat-1.5:.1f},{lon+2:.1f},{lat+1.5:.1f}&from={since}&limit=50")
    elif k == 2: out.append(f"/api/events?q={r.choice(words)}&limit=50")
    elif k == 3: out.append(f"/api/claims?from={since}&to={until}&limit=50")
    elif k == 4: out.append(f"/api/estimates?unit={r.choice(units)}&limit=50")
    elif k == 5: out.append(f"/api/contradictions?from={since}&limit=50")
    else: out.append("/api/stats")
print("\n".join(out))
PY
)
dotnet "$load_dll" --url "http://127.0.0.1:$port" --clients "$clients" --requests 10000000 --seconds "$seconds" --p99-target 200 "${paths[@]}" \
  >"$work/load.txt" && status=0 || status=$?
cat "$work/load.txt"
after="$(count)"
echo "worker stored $((after - before)) articles while the load ran (analyses $before → $after)"
exit "$status"
