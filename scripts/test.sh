#!/usr/bin/env bash
# Runs every test: native (engine, packs and their examples, properties, hostile input), the
# WebAssembly boundary in headless Chromium, and the page in Chromium driven by Playwright.
# Installs what is missing first (scripts/setup.sh). Ends with one line "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; exit 1; }
export HUIMIN_SKIP_SETUP=1
log=$(mktemp)
status=0
run() {
  echo "== $*" >&2
  "$@" 2>&1 | tee -a "$log"
  local rc=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] || { echo "!! failed ($rc): $*" >&2; status=1; }
}
run cargo test --release
run bash scripts/build-wasm.sh
export HUIMIN_SKIP_BUILD=1   # the page tests use the package just built
# native and WebAssembly reports byte for byte, on the package just built
run env HUIMIN_REQUIRE_WASM=1 cargo test --release --test native_vs_wasm
[ -x scripts/test-wasm.sh ] && run bash scripts/test-wasm.sh
[ -x scripts/test-page.sh ] && run bash scripts/test-page.sh
passed=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' "$log" | grep -v '^0' | awk '{s+=$1} END {print s+0}')
npass=$(grep -E '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
nfail=$(grep -E '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ $((failed + nfail)) -eq 0 ]; then nfail=1; fi
echo "huimin: $((passed + npass)) passed, $((failed + nfail)) failed"
exit "$status"
