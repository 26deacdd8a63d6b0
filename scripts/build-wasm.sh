#!/usr/bin/env bash
# Builds the WebAssembly package into pkg/, the page's copy into www/pkg/ and the portals' folder
# dist/huimin/ (www/EMBED.md: copied as it is to a portal's server).
#
#   scripts/build-wasm.sh            build pkg/ (web), pkg/node/ (Node), www/pkg/, dist/huimin/,
#                                    smoke-test, print sizes
#   scripts/build-wasm.sh --measure  compare opt-level 3 (default release) / "z" / "s" under
#                                    wasm-opt -Oz and print the sizes (does not change pkg/)
#
# Tools: the wasm32 target, wasm-bindgen-cli of the exact Cargo.lock version, wasm-opt from
# binaryen@132 in .tools (Debian's binaryen 108 breaks wasm-bindgen 0.2.130 modules). Missing tools
# are installed by scripts/setup.sh (skipped with HUIMIN_SKIP_SETUP=1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

# Chosen by `--measure` (SPEC §8: ≤ 150 KB gzipped). Override with HUIMIN_WASM_OPT_LEVEL.
# Measured at 1f48ebb (core + 11 packs), bytes after wasm-opt -Oz / gzipped:
#   opt-level 3: 579305 / 210641;  "s": 490709 / 178672;  "z": 455073 / 168129  → "z".
OPT_LEVEL=${HUIMIN_WASM_OPT_LEVEL:-z}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
WASM_OPT="$ROOT/.tools/node_modules/.bin/wasm-opt"
BUDGET_GZ=$((150 * 1024))

log() { printf '[build-wasm] %s\n' "$*" >&2; }
die() { printf '[build-wasm] error: %s\n' "$*" >&2; exit 1; }

[ "${HUIMIN_SKIP_SETUP:-0}" = 1 ] || bash scripts/setup.sh
[ -x "$WASM_OPT" ] || die "no $WASM_OPT; run scripts/setup.sh"
command -v wasm-bindgen >/dev/null || die "no wasm-bindgen; run scripts/setup.sh"
case "$("$WASM_OPT" --version)" in *"version 132"*) ;; *) die "wasm-opt is not binaryen 132: $("$WASM_OPT" --version)";; esac

gz() { gzip -9 -n -c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }

# cargo build at an opt-level; prints the path of the raw .wasm
cargo_build() {
  local level=$1 features=${2:-}
  log "cargo build --release --target wasm32-unknown-unknown --lib (opt-level $level${features:+, features $features})"
  # --no-default-features: the spreadsheet libraries (feature `sheets`) stay out of these modules.
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$level cargo build --release --target wasm32-unknown-unknown --lib --quiet --no-default-features ${features:+--features "$features"} >&2
  echo "$TARGET_DIR/wasm32-unknown-unknown/release/huimin.wasm"
}

# wasm-bindgen + wasm-opt into a directory
bindgen_opt() {
  local wasm=$1 out=$2 target=$3 opt=${4:--Oz}
  rm -rf "$out"
  wasm-bindgen --target "$target" --out-name huimin --out-dir "$out" "$wasm"
  "$WASM_OPT" "$opt" --converge "$out/huimin_bg.wasm" -o "$out/huimin_bg.wasm.opt"
  mv "$out/huimin_bg.wasm.opt" "$out/huimin_bg.wasm"
}

if [ "${1:-}" = "--measure" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  printf '%-10s %14s %14s %14s\n' "opt-level" "after bindgen" "after wasm-opt" "gzipped" >&2
  for level in 3 z s; do
    wasm=$(cargo_build "$level")
    wasm-bindgen --target web --out-dir "$tmp/$level-raw" "$wasm"
    bindgen_opt "$wasm" "$tmp/$level" web
    printf '%-10s %14s %14s %14s\n' "$level" \
      "$(wc -c < "$tmp/$level-raw/huimin_bg.wasm")" "$(wc -c < "$tmp/$level/huimin_bg.wasm")" \
      "$(gz "$tmp/$level/huimin_bg.wasm")" >&2
  done
  log "keep the smallest gzipped: set OPT_LEVEL in this script (now $OPT_LEVEL)"
  exit 0
fi

# Two modules: the calculator (pkg/, what every page loads) and the roster build (pkg/roster/,
# with RosterJob; only the roster mode's Web Worker loads it, and the Node build is made from it).
wasm=$(cargo_build "$OPT_LEVEL")
cp "$wasm" "$TARGET_DIR/huimin-calculator.wasm"
wasm="$TARGET_DIR/huimin-calculator.wasm"
raw_bytes=$(wc -c < "$wasm")
# The roster module is built for speed, not size (opt-level 3, wasm-opt -O3: a fifth faster on a
# roster): only a cadre's roster page loads it, and SPEC §8's size budget is the calculator's.
roster_wasm=$(cargo_build 3 wasm-roster)
cp "$roster_wasm" "$TARGET_DIR/huimin-roster.wasm"
roster_wasm="$TARGET_DIR/huimin-roster.wasm"
# The sheets module (pkg/sheets/, www/pkg/sheets/): the roster build with the spreadsheet libraries
# (features wasm-roster,sheets: calamine reads .xlsx/.xls, rust_xlsxwriter writes .xlsx). The
# roster worker loads it only when a spreadsheet is chosen or an .xlsx download is asked for; the
# calculator and roster modules above are built without it. Its opt-level (HUIMIN_SHEETS_OPT_LEVEL)
# chosen by measurement (BENCHMARKS.md, "Spreadsheets in the page"): 3 with wasm-opt -O3, 840,538
# bytes gzipped, 12–15 s of CPU for a 100,000-household .xlsx in Node; "z" with -Oz 683,561 bytes
# but 20–23 s. A cadre downloads it once (then cached) and waits for every roster.
SHEETS_OPT_LEVEL=${HUIMIN_SHEETS_OPT_LEVEL:-3}
case "$SHEETS_OPT_LEVEL" in 3|2|1|0) SHEETS_WASM_OPT=-O3 ;; *) SHEETS_WASM_OPT=-Oz ;; esac
sheets_wasm=$(cargo_build "$SHEETS_OPT_LEVEL" wasm-roster,sheets)
cp "$sheets_wasm" "$TARGET_DIR/huimin-sheets.wasm"
sheets_wasm="$TARGET_DIR/huimin-sheets.wasm"

log "wasm-bindgen --target web → pkg/, --target nodejs → pkg/node/; wasm-opt -Oz (binaryen 132)"
# Built aside (a directory of this run's own, so two builds at once do not collide), then moved in.
stage=$(mktemp -d "$ROOT/.pkg-build.XXXXXX")
trap 'rm -rf "$stage"' EXIT
wasm-bindgen --target web --out-name huimin --out-dir "$stage/unopt" "$wasm"
bindgen_bytes=$(wc -c < "$stage/unopt/huimin_bg.wasm")
rm -rf "$stage/unopt"
bindgen_opt "$wasm" "$stage/web" web
bindgen_opt "$roster_wasm" "$stage/node" nodejs -O3
bindgen_opt "$roster_wasm" "$stage/roster" web -O3
bindgen_opt "$sheets_wasm" "$stage/sheets" web "$SHEETS_WASM_OPT"
rm -rf pkg
mv "$stage/web" pkg
mv "$stage/node" pkg/node
mv "$stage/roster" pkg/roster
mv "$stage/sheets" pkg/sheets

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
# repository and homepage come from Cargo.toml's [package], when it has them (there is no public
# repository yet: neither is written until Cargo.toml names one).
cargo_field() { sed -n "/^\[package\]/,/^\[/s/^$1 = \"\(.*\)\"/\1/p" Cargo.toml | head -1; }
REPOSITORY=$(cargo_field repository)
HOMEPAGE=$(cargo_field homepage)
project_links=""
[ -z "$REPOSITORY" ] || project_links+=$'\n'"  \"repository\": { \"type\": \"git\", \"url\": \"git+$REPOSITORY\" },"
[ -z "$HOMEPAGE" ] || project_links+=$'\n'"  \"homepage\": \"$HOMEPAGE\","

# Node build: CommonJS (wasm-bindgen's nodejs target) plus an ES module wrapper that has the same
# shape as the web build (a default init, initSync), so `import init, { evaluate } from "huimin"`
# works unchanged in Node and in the browser.
# "main": `require` of the folder itself finds the module (an ES `import` of a folder never works
# in Node: import the package by its name, "huimin").
echo '{ "type": "commonjs", "main": "huimin.js" }' > pkg/node/package.json
cat > pkg/node/index.mjs <<'EOF'
import huimin from "./huimin.js";
export const { evaluate, validatePolicy, loadPolicy, loadMessages, labels, regions, version, RosterJob } = huimin;
/** The Node build is ready at import; kept for parity with the web build. */
export default async function init() { return huimin; }
export function initSync() { return huimin; }
EOF

cat > pkg/package.json <<EOF
{
  "name": "huimin",
  "version": "$VERSION",
  "description": "惠民政策计算器: household entitlements under China's poverty-alleviation and social-assistance policies, computed in the browser (WebAssembly)",
  "license": "MIT OR Apache-2.0",$project_links
  "type": "module",
  "module": "huimin.js",
  "main": "node/huimin.js",
  "types": "huimin.d.ts",
  "exports": {
    ".": {
      "types": "./huimin.d.ts",
      "node": { "import": "./node/index.mjs", "require": "./node/huimin.js" },
      "default": "./huimin.js"
    },
    "./huimin_bg.wasm": "./huimin_bg.wasm",
    "./roster": { "types": "./roster/huimin.d.ts", "default": "./roster/huimin.js" },
    "./package.json": "./package.json"
  },
  "files": [
    "huimin.js",
    "huimin.d.ts",
    "huimin_bg.wasm",
    "huimin_bg.wasm.d.ts",
    "node/huimin.js",
    "node/huimin.d.ts",
    "node/huimin_bg.wasm",
    "node/huimin_bg.wasm.d.ts",
    "node/index.mjs",
    "node/package.json",
    "roster/huimin.js",
    "roster/huimin.d.ts",
    "roster/huimin_bg.wasm",
    "roster/huimin_bg.wasm.d.ts",
    "README.md",
    "CHANGELOG.md",
    "LICENSE-MIT",
    "LICENSE-APACHE"
  ],
  "sideEffects": false,
  "keywords": ["poverty-alleviation", "social-assistance", "dibao", "minimum-living-allowance", "entitlements", "benefits-calculator", "wasm", "webassembly", "china"]
}
EOF

cp www/EMBED.md pkg/README.md
cp CHANGELOG.md LICENSE-MIT LICENSE-APACHE pkg/

log "smoke test: load the optimised modules in Node and call them"
node scripts/wasm-smoke.mjs

# The page's copy: www/ is then a complete static site (served by scripts/serve.sh).
rm -rf www/pkg
mkdir -p www/pkg
cp -R pkg/huimin.js pkg/huimin_bg.wasm pkg/huimin.d.ts www/pkg/
mkdir -p www/pkg/roster
cp -R pkg/roster/huimin.js pkg/roster/huimin_bg.wasm www/pkg/roster/
mkdir -p www/pkg/sheets
cp -R pkg/sheets/huimin.js pkg/sheets/huimin_bg.wasm www/pkg/sheets/
# The message catalogues, for portals; and the page's labels from them (www/pkg/labels.js), so
# that the form shows the catalogues' labels before the module is ready.
mkdir -p www/messages && cp messages/*.ftl www/messages/
node scripts/labels.mjs www/pkg/labels.js
# A build id over every file the service worker caches: a new build → a new worker → a new cache.
build_id=$( (cd www && find . -type f ! -name build-id.js ! -path './node_modules/*' | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -c1-16)
printf '// generated by scripts/build-wasm.sh\nself.HUIMIN_BUILD = "%s";\nself.HUIMIN_SNIPPETS = [];\n' "$build_id" > www/pkg/build-id.js

# The portals' folder (www/EMBED.md §1): everything the component needs, and nothing else, laid
# out as it loads it, so that a portal copies the folder as it is. Its files are those
# www/huimin-calculator.js reaches by relative URLs (imports, `new URL(…, import.meta.url)`:
# its CSS, i18n.js, pkg/huimin.js, the module, the snippets), followed from file to file, so
# that a file the component starts to load is in the folder without a change here; then the
# types, the shipped packs (a portal's own pack starts from one; `policy-src` loads it), the
# message catalogues where the repository has them, and EMBED.md itself.
EMBED=dist/huimin
rm -rf "$EMBED"
node - www "$EMBED" <<'NODE'
const fs = require("fs"), path = require("path");
const [from, to] = process.argv.slice(2).map((p) => path.resolve(p));
const REF = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)["']((?:\.{1,2}\/)?[^"':/]+(?:\/[^"':]+)*\.(?:m?js|css|wasm|json))["']/g;
const seen = new Set();
const missing = [];
const visit = (file, by) => {
  if (seen.has(file)) return;
  seen.add(file);
  if (!fs.existsSync(file)) { missing.push(`${path.relative(from, file)} (from ${by})`); return; }
  fs.mkdirSync(path.dirname(path.join(to, path.relative(from, file))), { recursive: true });
  fs.copyFileSync(file, path.join(to, path.relative(from, file)));
  if (!/\.m?js$/.test(file)) return;
  for (const [, ref] of fs.readFileSync(file, "utf8").matchAll(REF)) visit(path.resolve(path.dirname(file), ref), path.relative(from, file));
};
visit(path.join(from, "huimin-calculator.js"), "the start");
if (missing.length) { console.error(`[build-wasm] error: the component refers to files that are not there: ${missing.join(", ")}`); process.exit(1); }
console.error(`[build-wasm] ${path.relative(process.cwd(), to)}/: ${[...seen].map((f) => path.relative(from, f)).join(", ")}`);
NODE
cp pkg/huimin.d.ts "$EMBED/pkg/"
mkdir -p "$EMBED/packs"
cp packs/*.json "$EMBED/packs/"
for dir in www/messages messages; do
  if [ -d "$dir" ]; then cp -R "$dir" "$EMBED/messages"; break; fi
done
cp www/EMBED.md "$EMBED/EMBED.md"

opt_bytes=$(wc -c < pkg/huimin_bg.wasm)
gz_bytes=$(gz pkg/huimin_bg.wasm)
page_gz=0
for f in www/index.html www/app.js www/style.css www/huimin-calculator.js www/huimin-calculator.css \
         www/i18n.js www/hm-*.js www/pkg/labels.js www/manifest.webmanifest www/icon.svg www/pkg/huimin.js www/pkg/huimin_bg.wasm; do
  [ -f "$f" ] && page_gz=$((page_gz + $(gz "$f")))
done
printf '\nhuimin %s (opt-level %s)\n' "$VERSION" "$OPT_LEVEL"
printf '  cargo .wasm          %8d bytes  %s\n' "$raw_bytes" "$(kb "$raw_bytes")"
printf '  after wasm-bindgen   %8d bytes  %s\n' "$bindgen_bytes" "$(kb "$bindgen_bytes")"
printf '  after wasm-opt -Oz   %8d bytes  %s\n' "$opt_bytes" "$(kb "$opt_bytes")"
printf '  gzipped              %8d bytes  %s   (budget 150 KB)\n' "$gz_bytes" "$(kb "$gz_bytes")"
printf '  page first load, gz  %8d bytes  %s   (budget 250 KB)\n' "$page_gz" "$(kb "$page_gz")"
roster_gz=$(gz pkg/roster/huimin_bg.wasm)
printf '  roster module, gz    %8d bytes  %s   (roster mode only, loaded by its worker)\n' "$roster_gz" "$(kb "$roster_gz")"
sheets_gz=$(gz pkg/sheets/huimin_bg.wasm)
printf '  sheets module, gz    %8d bytes  %s   (opt-level %s; loaded by the roster worker for spreadsheets only)\n' "$sheets_gz" "$(kb "$sheets_gz")" "$SHEETS_OPT_LEVEL"
printf '  portals folder       %s/ (%d files, %s)\n' "$EMBED" "$(find "$EMBED" -type f | wc -l)" "$(du -sh "$EMBED" | cut -f1)"
# Over budget is reported loudly; it fails the build only with HUIMIN_BUDGET_STRICT=1 (SPEC §8:
# budgets are measured, not timed tests — the page must still build and serve).
if [ "$gz_bytes" -gt "$BUDGET_GZ" ]; then
  [ "${HUIMIN_BUDGET_STRICT:-0}" = 1 ] && die "the gzipped .wasm is over the 150 KB budget"
  log "WARNING: the gzipped .wasm ($(kb "$gz_bytes")) is over the 150 KB budget of SPEC §8"
fi
