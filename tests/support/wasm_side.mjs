// The WebAssembly side of tests/native_vs_wasm.rs: the Node build of the package (pkg/node)
// evaluates a JSON Lines file two ways and prints what JavaScript gets back, as JSON text:
//   node tests/support/wasm_side.mjs PKG_NODE_JS ROSTER.jsonl OUT_DIR
// OUT_DIR/reports.jsonl: per line, JSON.stringify(evaluate(line))  (the report or {errors})
// OUT_DIR/roster.jsonl:  per household, JSON.stringify of RosterJob's result line
// OUT_DIR/roster.csv:    RosterJob's CSV rows (English header)
import { createRequire } from "node:module";
import { openSync, readFileSync, readSync, writeFileSync } from "node:fs";

const [pkgPath, rosterPath, outDir] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const m = require(pkgPath);

const lines = readFileSync(rosterPath, "utf8").split("\n").filter((l) => l.length);
const reports = lines.map((l) => JSON.stringify(m.evaluate(l)));
writeFileSync(`${outDir}/reports.jsonl`, reports.join("\n") + "\n");

// The roster, pushed in pieces of an awkward size (households cut across pieces).
const job = new m.RosterJob("jsonl", "", "", false);
const fd = openSync(rosterPath, "r");
const buf = Buffer.alloc(65_521);
const results = [];
let csv = job.csvHeader() + "\n";
const take = (text) => {
  const c = JSON.parse(text);
  if (c.fatal) throw new Error(JSON.stringify(c.fatal));
  for (const r of c.results) results.push(JSON.stringify(r));
  csv += job.csv().replaceAll("\r\n", "\n");
};
for (;;) {
  const n = readSync(fd, buf, 0, buf.length, null);
  if (n === 0) break;
  take(job.push(buf.subarray(0, n)));
}
take(job.finish());
writeFileSync(`${outDir}/roster.jsonl`, results.join("\n") + "\n");
writeFileSync(`${outDir}/roster.csv`, csv);
