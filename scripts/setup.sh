#!/usr/bin/env bash
# Installs what building and testing huimin needs, skipping what is already there.
# Idempotent: a warm machine returns in seconds. Used by `make serve`, `make test` and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock 2>/dev/null | sed -n 's/^version = "\(.*\)"/\1/p' | head -1)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}
BINARYEN_VERSION=132
CARGO_DENY_VERSION=0.20.2   # builds with Rust ≥ 1.88 (cargo-deny's rust-version)
TOOLS=.tools   # npm tools (wasm-opt, playwright-core, typescript, esbuild) live here, not in the repo

log() { printf '[setup] %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# scripts/test.sh's checks: cargo fmt --check, cargo clippy, cargo deny.
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    log "adding the $component component"
    rustup component add "$component"
  fi
done
if ! command -v cargo-deny >/dev/null || [ "$(cargo-deny --version | awk '{print $2}')" != "$CARGO_DENY_VERSION" ]; then
  log "installing cargo-deny $CARGO_DENY_VERSION (a build of about 290 s of CPU: 3–15 minutes)"
  cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked --force
fi

if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ ! -x "$TOOLS/node_modules/.bin/wasm-opt" ] || [ ! -d "$TOOLS/node_modules/playwright-core" ] \
   || [ ! -x "$TOOLS/node_modules/.bin/tsc" ] || [ ! -x "$TOOLS/node_modules/.bin/esbuild" ]; then
  log "installing binaryen@$BINARYEN_VERSION (wasm-opt), playwright-core, typescript (checks pkg's .d.ts) and esbuild (bundles the npm package in a test) into $TOOLS"
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{"name":"huimin-tools","private":true}' > "$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-audit --no-fund "binaryen@$BINARYEN_VERSION" playwright-core@1 typescript@5 esbuild@0.28 >&2
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  log "installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium chromium-driver >&2
fi
# A CJK font so that screenshots of the page (tests/artifacts) show Chinese, not boxes.
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  log "installing a Chinese font (fonts-wqy-microhei) for the browser tests' screenshots"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq fonts-wqy-microhei >&2 || { apt-get update -qq >&2 && apt-get install -y -qq fonts-wqy-microhei >&2; }
fi
log "ready"
