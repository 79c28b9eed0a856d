#!/usr/bin/env bash
# Runs the whole test suite (Release) and ends with the plain line "N passed, N failed, N skipped".
# Tests whose service (PostgreSQL, NATS, chromium) or ../shared data is absent are reported as skipped, each with its
# reason, and counted; under CI=true a missing service fails its tests instead (see tests/Sitrep.Tests/Support/Requires.cs).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
log="$(mktemp)"
results="$(mktemp -d)"
trap 'rm -rf "$log" "$results"' EXIT
dotnet test Sitrep.slnx -c Release --nologo --logger "trx;LogFilePrefix=sitrep" --results-directory "$results" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

counts=""
if command -v python3 >/dev/null 2>&1 && ls "$results"/*.trx >/dev/null 2>&1; then
  # The TRX files hold every test's outcome and a skipped test's reason; their Counters omit skips, so count results.
  counts="$(python3 - "$results" <<'EOF'
import collections, glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
outcomes = collections.Counter()
skipped = collections.defaultdict(list)
for path in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    for r in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        outcome = r.get("outcome", "")
        outcomes[outcome] += 1
        if outcome == "NotExecuted":
            message = r.find("t:Output/t:ErrorInfo/t:Message", ns)
            reason = (message.text or "").strip() if message is not None else "(no reason given)"
            skipped[reason].append(r.get("testName", "?"))
if skipped:
    print(f"Skipped tests ({sum(len(v) for v in skipped.values())}), by reason:", file=sys.stderr)
    for reason, names in sorted(skipped.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(names)} skipped: {reason}", file=sys.stderr)
        for n in sorted(names):
            print(f"      {n}", file=sys.stderr)
failed = sum(v for k, v in outcomes.items() if k not in ("Passed", "NotExecuted"))
print(outcomes["Passed"], failed, outcomes["NotExecuted"])
EOF
)"
fi
if [ -n "$counts" ]; then
  read -r passed failed skipped <<<"$counts"
else
  passed=$(grep -oE 'Passed: +[0-9]+' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  failed=$(grep -oE 'Failed: +[0-9]+' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  grep -E '^ +Skipped ' "$log" >&2 || true
fi
if [ "$status" -ne 0 ] && [ "${failed:-0}" = 0 ]; then
  # The run failed before or outside any test (a build error, a crashed test host): count it as a failure.
  failed=1
fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"
