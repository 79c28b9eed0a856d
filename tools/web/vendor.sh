#!/usr/bin/env bash
# Re-vendors the dashboard's front-end libraries from npm into src/Sitrep.Web/wwwroot/vendor (committed, so
# neither CI nor users need npm). Run after changing a version below.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund leaflet@1.9.4 world-atlas@2.0.2 topojson-client@3.1.0 >/dev/null
dest="$here/src/Sitrep.Web/wwwroot/vendor"
mkdir -p "$dest"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$dest/"
cp node_modules/topojson-client/dist/topojson-client.min.js "$dest/"
cp node_modules/world-atlas/countries-110m.json "$dest/"
{ echo "leaflet 1.9.4 (BSD-2-Clause)"; cat node_modules/leaflet/LICENSE; echo; echo "topojson-client 3.1.0 (ISC)"; cat node_modules/topojson-client/LICENSE;
  echo; echo "world-atlas 2.0.2 (ISC; data: Natural Earth, public domain)"; cat node_modules/world-atlas/LICENSE; } > "$dest/LICENSES.txt"
echo "vendored into $dest"
