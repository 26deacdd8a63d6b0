// The roster worker: reads a roster file (CSV or JSON Lines) piece by piece, evaluates every
// household with the WebAssembly module (RosterJob, summary lines), and posts progress and result
// rows to the page. It keeps each household's JSON so that the page can ask for any row's full
// report later. Nothing leaves the browser: the file is read from the user's disk, here.
//
// Messages in:  {type: "start", file, format, region, asOf, zh, k, n}
//               {type: "report", index}           → {type: "report", index, household, report}
//               {type: "csv"}                     → {type: "csv", header, rows}
// With n workers (k = 0..n-1) given the same file, each evaluates every nth household from the
// kth (RosterJob.share); `index` is then the worker's own row number.
// Messages out: {type: "ready"} | {type: "rows", rows, bytes, total} | {type: "done", tally, ms}
//               {type: "fatal", error} | {type: "note", code}
// The roster build of the module (pkg/roster/): the calculator's own module has no RosterJob.
import init, { RosterJob, evaluate } from "./pkg/roster/huimin.js";

const ready = init();
/** Per result row: the household's JSON text (null for a line that is not JSON). */
let inputs = [];
/** The CSV result rows, one per result row (no line ends). */
let csvRows = [];
let csvHeader = "";

/** Bytes pushed to the module at once: large enough to keep the per-call overhead small. */
const PIECE = 1 << 20;

async function* pieces(file) {
  const reader = file.stream().getReader();
  let held = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    held.push(value);
    size += value.length;
    if (size >= PIECE) {
      yield join(held, size);
      held = [];
      size = 0;
    }
  }
  if (size > 0) yield join(held, size);
}

function join(parts, size) {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Whether the file starts as UTF-8 (a GBK export from a spreadsheet does not). */
async function isUtf8(file) {
  const head = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** A GBK (GB18030) file as UTF-8 pieces: the browser decodes GBK, the module reads UTF-8. */
async function* gbkPieces(file) {
  const text = new TextDecoder("gb18030").decode(await file.arrayBuffer());
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += PIECE) yield bytes.subarray(at, at + PIECE);
}

async function run({ file, format, region, asOf, zh, k = 0, n = 1 }) {
  await ready;
  inputs = [];
  csvRows = [];
  const started = performance.now();
  const job = new RosterJob(format, region || "", asOf || "", zh);
  if (n > 1) job.share(k, n);
  csvHeader = job.csvHeader();
  let source = pieces(file);
  if (format === "csv" && !(await isUtf8(file))) {
    postMessage({ type: "note", code: "gbk" });
    source = gbkPieces(file);
  }
  let bytes = 0;
  const take = (text) => {
    const chunk = JSON.parse(text);
    if (chunk.results.length) {
      for (const input of job.inputs().split("\n")) inputs.push(input || null);
      const rows = job.csv().split("\r\n");
      rows.pop();
      for (const row of rows) csvRows.push(row);
    }
    if (chunk.results.length) postMessage({ type: "rows", rows: chunk.results, bytes, total: file.size });
    return chunk.fatal;
  };
  try {
    for await (const piece of source) {
      bytes += piece.length;
      const fatal = take(job.push(piece));
      if (fatal) {
        postMessage({ type: "fatal", error: fatal });
        return;
      }
    }
    const fatal = take(job.finish());
    if (fatal) {
      postMessage({ type: "fatal", error: fatal });
      return;
    }
    postMessage({ type: "done", tally: JSON.parse(job.tally()), ms: performance.now() - started });
  } catch (e) {
    postMessage({ type: "fatal", error: { code: "roster.read", zh: `无法读取文件:${e.message}`, en: `the file cannot be read: ${e.message}` } });
  } finally {
    job.free();
  }
}

onmessage = async (e) => {
  const msg = e.data;
  if (msg.type === "start") {
    await run(msg);
  } else if (msg.type === "report") {
    await ready;
    const text = inputs[msg.index];
    const household = text == null ? null : JSON.parse(text);
    postMessage({ type: "report", index: msg.index, household, report: household ? evaluate(text) : null });
  } else if (msg.type === "csv") {
    postMessage({ type: "csv", header: csvHeader, rows: csvRows });
  }
};

ready.then(() => postMessage({ type: "ready" }));
