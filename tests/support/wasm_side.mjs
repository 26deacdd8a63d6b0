// The WebAssembly side of tests/native_vs_wasm.rs: the Node build of the package (pkg/node)
// evaluates a JSON Lines file two ways and prints what JavaScript gets back, as JSON text:
//   node tests/support/wasm_side.mjs PKG_NODE_JS ROSTER.jsonl OUT_DIR
// OUT_DIR/reports.jsonl:    per line, JSON.stringify(evaluate(line))  (the report in zh-CN, or {errors})
// OUT_DIR/reports-en.jsonl: the same with { lang: "en" }
// OUT_DIR/codes.jsonl:      the same with { texts: false }
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
writeFileSync(`${outDir}/reports-en.jsonl`, lines.map((l) => JSON.stringify(m.evaluate(l, { lang: "en" }))).join("\n") + "\n");
writeFileSync(`${outDir}/codes.jsonl`, lines.map((l) => JSON.stringify(m.evaluate(l, { texts: false }))).join("\n") + "\n");

// The roster, pushed in pieces of an awkward size (households cut across pieces).
const job = new m.RosterJob("jsonl", "", "", false);
const fd = openSync(rosterPath, "r");
const buf = Buffer.alloc(65_521);
const results = [];
let csv = job.csvHeader() + "\n";
const take = (text) => {
  const fatal = job.fatal();
  if (fatal) throw new Error(fatal);
  // One result per line of the text (JSON Lines), re-stringified as JavaScript sees it.
  if (text) for (const line of text.split("\n")) results.push(JSON.stringify(JSON.parse(line)));
};
for (;;) {
  const n = readSync(fd, buf, 0, buf.length, null);
  if (n === 0) break;
  take(job.push(buf.subarray(0, n)));
}
take(job.finish());
if (job.count() !== results.length) throw new Error(`count() ${job.count()} but ${results.length} result lines`);
csv += job.csvRows().replaceAll("\r\n", "\n");
// Each household is read again from its bytes in the file (to open its full report, the page
// slices them from the file): it gives the same report again.
const file = readFileSync(rosterPath);
for (let i = 0; i < job.count(); i++) {
  const range = job.range(i);
  if (range === undefined) continue;
  if (job.input(i, file.subarray(range[0], range[1] - 1)) !== undefined) throw new Error(`input(${i}) takes bytes that are not its household's`);
  const input = job.input(i, file.subarray(range[0], range[1]));
  if (input === undefined) continue;
  const again = JSON.stringify(m.evaluate(input));
  if (again !== reports[i]) throw new Error(`input(${i}) does not give line ${i + 1}'s report again`);
}
writeFileSync(`${outDir}/roster.jsonl`, results.join("\n") + "\n");
writeFileSync(`${outDir}/roster.csv`, csv);
