#!/usr/bin/env bash
# Builds the package (installing what is missing) and serves the page on 127.0.0.1.
#   scripts/serve.sh [--no-build] [--port N]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--no-build" ]; then
  shift
else
  bash scripts/build-wasm.sh
fi
echo "[serve] serving www/ (the page and its copy of pkg/) on 127.0.0.1; Ctrl-C stops" >&2
exec python3 scripts/serve.py "$@"
