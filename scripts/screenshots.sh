#!/usr/bin/env bash
# Regenerates docs/screenshots (three of the dashboard, one of the weekly brief) on the 56 scraped articles and the
# warline items of ../shared/data/ukraine-war-news-en, so they can be re-taken after the extraction changes.
#   scripts/screenshots.sh [--db STORE]   (without --db a fresh store is ingested in a temporary folder)
# Needs Debian's chromium (scripts/ci-packages.sh installs it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
db=""
if [ "${1:-}" = "--db" ]; then db="$2"; fi
if [ -z "$db" ]; then
  corpus="$here/../shared/data/ukraine-war-news-en"
  if [ ! -d "$corpus" ]; then echo "screenshots: $corpus not found" >&2; exit 2; fi
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  db="$tmp/corpus.db"
  ./sitrep ingest "$corpus/warline_events_2022.jsonl" --text-field description_en,headline --title-field headline \
    --date-field full_date --url-field source_url --outlet-field source_account --db "$db" | grep -v '^progress'
  ./sitrep ingest "$corpus/scraped_articles_2026.jsonl" --db "$db" 2>/dev/null | grep -v '^progress'
fi
export SITREP_HOME="$here"
dotnet run --project tools/Sitrep.Screenshots -c Release -- --db "$db" --out docs/screenshots
