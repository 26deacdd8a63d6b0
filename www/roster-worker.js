// The roster worker: reads a roster file (CSV or JSON Lines) piece by piece, evaluates every
// household with the WebAssembly module (RosterJob, summary lines), and posts progress and result
// rows to the page. It keeps each household's JSON so that the page can ask for any row's full
// report later. Nothing leaves the browser: the file is read from the user's disk, here.
//
// Messages in:  {type: "start", file, format, region, asOf, zh, k, n}
//               {type: "report", index}           → {type: "report", index, household, report}
//               {type: "csv"}                     → {type: "csv", header, rows}
// With n workers (k = 0..n-1) given the same file, each evaluates every nth household from the
// kth (RosterJob.share); `index` is then the worker's own row number. The job keeps the households'
// JSON and the CSV rows until the next roster, so nothing but the result lines crosses per piece.
// Messages out: {type: "ready"} | {type: "rows", text, bytes, total} | {type: "done", tally, ms}
// `text` holds result lines (RosterSummary or RosterError JSON), one per line: the page parses a
// row when it shows it.
//               {type: "fatal", error} | {type: "note", code}
// The roster build of the module (pkg/roster/): the calculator's own module has no RosterJob.
import init, { RosterJob, evaluate } from "./pkg/roster/huimin.js";

const ready = init();
/** The last roster's job: its households' JSON and CSV rows stay in it until the next roster. */
let job = null;

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
  const started = performance.now();
  // A new roster replaces the last; a run still reading the old one stops at its next piece.
  const mine = new RosterJob(format, region || "", asOf || "", zh);
  if (job) job.free();
  job = mine;
  if (n > 1) mine.share(k, n);
  let source = pieces(file);
  if (format === "csv" && !(await isUtf8(file))) {
    postMessage({ type: "note", code: "gbk" });
    source = gbkPieces(file);
  }
  let bytes = 0;
  const take = (text) => {
    if (text) postMessage({ type: "rows", text, bytes, total: file.size });
    const fatal = mine.fatal();
    return fatal ? JSON.parse(fatal) : null;
  };
  try {
    for await (const piece of source) {
      if (job !== mine) return;
      bytes += piece.length;
      const fatal = take(mine.push(piece));
      if (fatal) {
        postMessage({ type: "fatal", error: fatal });
        return;
      }
    }
    if (job !== mine) return;
    const fatal = take(mine.finish());
    if (fatal) {
      postMessage({ type: "fatal", error: fatal });
      return;
    }
    postMessage({ type: "done", tally: JSON.parse(mine.tally()), ms: performance.now() - started });
  } catch (e) {
    if (job !== mine) return;
    postMessage({ type: "fatal", error: { code: "roster.read", zh: `无法读取文件:${e.message}`, en: `the file cannot be read: ${e.message}` } });
  }
}

onmessage = async (e) => {
  const msg = e.data;
  if (msg.type === "start") {
    await run(msg);
  } else if (msg.type === "report") {
    await ready;
    const text = job ? job.input(msg.index) : undefined;
    const household = text == null ? null : JSON.parse(text);
    postMessage({ type: "report", index: msg.index, household, report: household ? evaluate(text) : null });
  } else if (msg.type === "csv") {
    const rows = job ? job.csvRows().split("\r\n") : [];
    rows.pop();
    postMessage({ type: "csv", header: job ? job.csvHeader() : "", rows });
  }
};

ready.then(() => postMessage({ type: "ready" }));
