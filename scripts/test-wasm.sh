#!/usr/bin/env bash
# The WebAssembly boundary tests (tests/wasm.rs) in headless Chromium via wasm-bindgen-test-runner
# and Debian's chromedriver. Exits non-zero on failure; prints cargo test's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${HUIMIN_SKIP_SETUP:-0}" = 1 ] || bash scripts/setup.sh
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
echo "[test-wasm] cargo test --target wasm32-unknown-unknown --test wasm (headless Chromium)" >&2
cargo test --target wasm32-unknown-unknown --no-default-features --test wasm "$@"
