#!/usr/bin/env bash
# Runs every test: native (engine, packs and their examples, properties, hostile input), the
# WebAssembly boundary in headless Chromium, and the page in Chromium driven by Playwright.
# Installs what is missing first (scripts/setup.sh). Ends with one line "N passed, M failed".
#
# First, fast, the code's habits (each one passed or one failed in the closing line; a failed one
# fails the run): formatting, clippy (native and WebAssembly), dependencies' licences, duplicates and
# sources (cargo deny), and the API docs. HUIMIN_CHECKS chooses which run (default: all of them,
# "fmt clippy clippy-wasm deny doc"); HUIMIN_CHECKS= runs none. `scripts/test.sh --checks` runs only
# them.
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

# The habits. Their output goes to stderr only, not to $log, whose "N passed"/"N failed" lines are
# the tests' own.
check_fmt() { cargo fmt --check; }
check_clippy() { cargo clippy --locked --all-targets -- -D warnings; }
# The WebAssembly library as built for the page (pkg/) and for the roster worker (pkg/roster/),
# and the boundary's tests (tests/wasm.rs).
check_clippy_wasm() {
  cargo clippy --locked --lib --test wasm --target wasm32-unknown-unknown -- -D warnings &&
  cargo clippy --locked --lib --target wasm32-unknown-unknown --features wasm-roster -- -D warnings
}
# deny.toml: licences, banned and duplicate crates, registries. Not advisories (the advisory
# database cannot be fetched here).
check_deny() { cargo deny --locked check licenses bans sources; }
# The API docs without a warning (broken links, bad code blocks), natively and for the WebAssembly
# modules (src/wasm.rs, src/wasm_roster.rs); the doctests run with `cargo test`.
check_doc() {
  RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps &&
  RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps --target wasm32-unknown-unknown --features wasm-roster
}
checks_passed=0
checks_failed=0
for name in ${HUIMIN_CHECKS-fmt clippy clippy-wasm deny doc}; do
  echo "== check $name" >&2
  if "check_${name//-/_}" >&2; then
    checks_passed=$((checks_passed + 1))
  else
    echo "!! check failed: $name" >&2
    checks_failed=$((checks_failed + 1))
    status=1
  fi
done
if [ "${1:-}" = "--checks" ]; then
  rm -f "$log"
  echo "huimin: $checks_passed passed, $checks_failed failed"
  exit "$status"
fi

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
passed=$((passed + checks_passed))
failed=$((failed + checks_failed))
if [ "$status" -ne 0 ] && [ $((failed + nfail)) -eq 0 ]; then nfail=1; fi
echo "huimin: $((passed + npass)) passed, $((failed + nfail)) failed"
exit "$status"
