#!/usr/bin/env bash
# The page tests (tests/page/*.test.mjs) in Debian's Chromium with playwright-core, run by node's
# built-in test runner. Builds www/pkg first unless HUIMIN_SKIP_BUILD=1 (and it exists).
# Exits non-zero on failure; prints node:test's summary. Screenshots: tests/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${HUIMIN_SKIP_SETUP:-0}" = 1 ] || bash scripts/setup.sh
if [ "${HUIMIN_SKIP_BUILD:-0}" != 1 ] || [ ! -f www/pkg/huimin_bg.wasm ]; then
  HUIMIN_SKIP_SETUP=1 bash scripts/build-wasm.sh
fi
mkdir -p tests/artifacts
echo "[test-page] node --test tests/page/*.test.mjs (headless Chromium)" >&2
# spec for people (stdout), TAP kept aside for its summary lines ("# pass N", "# fail M"), which
# scripts/test.sh adds up.
tap=$(mktemp)
trap 'rm -f "$tap"' EXIT
rc=0
node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" "$@" tests/page/*.test.mjs || rc=$?
echo "[test-page] summary:"
grep -E '^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ' "$tap" || true
exit "$rc"
