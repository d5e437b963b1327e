#!/usr/bin/env bash
# Rebuilds dist/*.geojson from source/*.topo.json with the pinned mapshaper (package-lock.json): npm ci, then build.mjs.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
node build.mjs
