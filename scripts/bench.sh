#!/usr/bin/env bash
# Benchmarks of SPEC §8, printed (figures, not tests; BENCHMARKS.md records them):
#   1. native `huimin batch` on 100,000 generated households (release build), JSON Lines and CSV;
#   2. in headless Chromium (scripts/bench-browser.mjs): one evaluate() of a six-member household
#      (median, p95), the first evaluation after navigation at a 4x CPU slowdown, and a
#      100,000-household roster in the page's roster mode (roster.html, Web Worker);
#   3. gzipped sizes of the .wasm and of the page's first load.
#
#   scripts/bench.sh [--count N] [--no-browser] [--no-build]
#
# Builds what it needs (cargo build --release; scripts/build-wasm.sh for the package) unless
# --no-build. The machine's other load shows in the figures: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=100000
BROWSER=1
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --count) COUNT=$2; shift 2;;
    --no-browser) BROWSER=0; shift;;
    --no-build) BUILD=0; shift;;
    *) echo "usage: scripts/bench.sh [--count N] [--no-browser] [--no-build]" >&2; exit 1;;
  esac
done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
H=target/release/huimin
say() { printf '%s\n' "$*"; }

if [ "$BUILD" = 1 ]; then
  cargo build --release --quiet
  [ "$BROWSER" = 0 ] || bash scripts/build-wasm.sh >/dev/null 2>"$TMP/build.log" || { cat "$TMP/build.log" >&2; exit 1; }
fi

say "== machine: $(nproc) cores, $(uname -m); load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "== native: huimin batch, $COUNT generated households (huimin gen --seed 1 --count $COUNT)"
$H gen --seed 1 --count "$COUNT" > "$TMP/r.jsonl"
$H gen --seed 1 --count "$COUNT" --format csv > "$TMP/r.csv"
$H gen --seed 1 --count "$COUNT" --format xlsx --out "$TMP/r.xlsx"
say "roster sizes: $(wc -c < "$TMP/r.jsonl") bytes JSON Lines, $(wc -c < "$TMP/r.csv") bytes CSV ($(($(wc -l < "$TMP/r.csv") - 1)) rows)"
for f in r.jsonl r.csv r.xlsx; do
  for threads in 2 1; do
    best=""
    for run in 1 2 3; do
      /usr/bin/time -f '%e %U' -o "$TMP/time" $H batch "$TMP/$f" --threads "$threads" --quiet > "$TMP/out" || true
      read -r wall user < "$TMP/time"
      if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best="$wall $user"; fi
    done
    read -r wall user <<< "$best"
    say "batch $f, $threads thread(s): ${wall} s wall (best of 3), ${user} s user CPU; $(wc -l < "$TMP/out") result lines"
  done
done
/usr/bin/time -f '%e %U' -o "$TMP/time" $H batch "$TMP/r.jsonl" --full --quiet > "$TMP/out-full"
read -r wall user < "$TMP/time"
say "batch r.jsonl --full (whole reports, $(($(wc -c < "$TMP/out-full") / 1048576)) MiB): ${wall} s wall, ${user} s user CPU"

if [ "$BROWSER" = 1 ]; then
  say "== browser: headless Chromium ($(/usr/bin/chromium --version 2>/dev/null | head -1))"
  node scripts/bench-browser.mjs --calls 3000 --roster "$TMP/r.jsonl" --roster-csv "$TMP/r.csv" --roster-xlsx "$TMP/r.xlsx"
fi

say "== sizes (gzip -9)"
gz() { gzip -9 -n -c "$1" | wc -c; }
[ -f www/pkg/huimin_bg.wasm ] || { say "no www/pkg (run scripts/build-wasm.sh)"; exit 0; }
say ".wasm: $(wc -c < www/pkg/huimin_bg.wasm) bytes, gzipped $(gz www/pkg/huimin_bg.wasm) bytes (budget 153600)"
total=0
# pkg/snippets/…: the module's JavaScript part (src/wasm-report.js), imported by pkg/huimin.js
snippets=$(cd www && find pkg/snippets -type f -name '*.js' 2>/dev/null)
for f in index.html app.js style.css huimin-calculator.js huimin-calculator.css i18n.js hm-wasm.js hm-engine.js hm-dom.js hm-format.js hm-household.js hm-form.js hm-guided.js hm-report.js hm-charts.js hm-speech.js manifest.webmanifest icon.svg pkg/huimin.js pkg/huimin_bg.wasm $snippets; do
  [ -f "www/$f" ] && total=$((total + $(gz "www/$f")))
done
say "page first load (index.html and what it loads), gzipped: $total bytes (budget 256000)"
total=0
roster_snippets=$(cd www && find pkg/roster/snippets -type f -name '*.js' 2>/dev/null)
for f in roster.html roster.js roster-sample.js roster-worker.js roster.css style.css huimin-calculator.js huimin-calculator.css i18n.js hm-wasm.js hm-engine.js hm-dom.js hm-format.js hm-household.js hm-form.js hm-guided.js hm-report.js hm-charts.js hm-speech.js pkg/huimin.js pkg/huimin_bg.wasm $snippets pkg/roster/huimin.js pkg/roster/huimin_bg.wasm $roster_snippets; do
  [ -f "www/$f" ] && total=$((total + $(gz "www/$f")))
done
say "roster page first load (roster.html, the calculator and the worker's roster module), gzipped: $total bytes"
[ -f www/pkg/roster/huimin_bg.wasm ] && say "roster module .wasm, gzipped: $(gz www/pkg/roster/huimin_bg.wasm) bytes"
if [ -f www/pkg/sheets/huimin_bg.wasm ]; then say "sheets module .wasm (loaded for spreadsheets only), gzipped: $(gz www/pkg/sheets/huimin_bg.wasm) bytes"; fi
