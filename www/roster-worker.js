// The roster worker: reads a roster file (CSV or JSON Lines) piece by piece, evaluates every
// household with the WebAssembly module (RosterJob, summary lines), and posts progress and result
// rows to the page. It keeps each household's JSON so that the page can ask for any row's full
// report later. Nothing leaves the browser: the file is read from the user's disk, here.
// A spreadsheet (.xlsx, .xls) is read by the sheets module (pkg/sheets/: the roster module with
// calamine and rust_xlsxwriter), imported only when a spreadsheet or an .xlsx download is asked
// for: a CSV roster never loads it. A sheet is read whole (a workbook is a zip archive, read from
// its end); the job keeps each household's rows (RosterJob.keptInput) to show its report again.
//
// Messages in:  {type: "start", file, format, region, asOf, zh, k, n, sheet}
//               (format "csv", "jsonl", "xlsx" or "xls"; `sheet`: a spreadsheet's sheet, "" for the first)
//               {type: "report", index}           → {type: "report", index, household, report}
//               {type: "csv"}                     → {type: "csv", header, rows}
//               {type: "sheets", file}            → {type: "sheets", names} | {type: "sheets", error}
//               {type: "xlsx", csv, lines, zh}    → {type: "xlsx", bytes} | {type: "xlsx", error}
//               (the result CSV and the same rows' result lines → the results as an .xlsx workbook)
// With n workers (k = 0..n-1) given the same file, each evaluates every nth household from the
// kth (RosterJob.share); `index` is then the worker's own row number. The job keeps the CSV rows
// and where each household is in the file until the next roster, so nothing but the result lines
// crosses per piece; a row's full report reads its household's bytes from the file again.
// Messages out: {type: "ready"} | {type: "rows", utf8, bytes, total} | {type: "done", tally, ms, memory, kept}
// (`memory`: the bytes of the modules' memory at the end; `kept`: of a spreadsheet's households
// kept for 查看; for the page's figures)
// `utf8` holds result lines (RosterSummary or RosterError JSON), one per line, as UTF-8 bytes in a
// transferred buffer (no copy): the page decodes them, and parses a row when it shows it.
//               {type: "fatal", error} | {type: "note", code} | {type: "note", code: "ignored", columns}
// The roster build of the module (pkg/roster/): the calculator's own module has no RosterJob.
import init, { RosterJob, evaluate } from "./pkg/roster/huimin.js";
import { SAMPLE } from "./roster-sample.js";

/**
 * Warms the module while the cadre chooses a file: a small roster (the sample's households, 300
 * of them, as CSV and as JSON Lines) is evaluated once and dropped. The engine compiles the
 * module's hot code to optimized machine code only once it has run a while, so without this the
 * first part of every roster ran on the slower baseline code (a 100,000-household roster took
 * 0.1–0.2 s longer). Takes about 0.1 s here, in this worker, before it says it is ready.
 */
function warm() {
  try {
    const [header, ...rows] = SAMPLE.split("\r\n").filter((r) => r);
    let csv = header + "\r\n";
    for (let copy = 0; copy < 150; copy++) csv += rows.map((r) => r.replace(/^H/, `W${copy}-`)).join("\r\n") + "\r\n";
    const bytes = new TextEncoder().encode(csv);
    const job = new RosterJob("csv", "", "", true);
    job.pushUtf8(bytes);
    job.finishUtf8();
    const lines = [];
    for (let i = 0; i < job.count(); i++) {
      const range = job.range(i);
      const text = range && job.input(i, bytes.subarray(range[0], range[1]));
      if (text) lines.push(text);
    }
    job.free();
    const jsonl = new RosterJob("jsonl", "", "", true);
    jsonl.pushUtf8(new TextEncoder().encode(lines.join("\n")));
    jsonl.finishUtf8();
    jsonl.free();
  } catch {
    // Only a warm-up: a roster still runs without it.
  }
}

let rosterMemory = null;
const ready = init().then((wasm) => {
  rosterMemory = wasm.memory;
  warm();
});

/** The sheets module, imported and compiled the first time a spreadsheet needs it. */
let sheetsModule = null;
function sheets() {
  sheetsModule ??= import("./pkg/sheets/huimin.js").then(async (m) => {
    const wasm = await m.default();
    return { RosterJob: m.RosterJob, memory: wasm.memory };
  });
  return sheetsModule;
}
/** The last roster's job: its CSV rows and households' places stay in it until the next roster. */
let job = null;
/** The bytes of the last roster from `start` to `end`, as the job was given them. */
let bytesOf = null;

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

/** A GBK (GB18030) file as UTF-8: the browser decodes GBK, the module reads UTF-8. */
async function gbkToUtf8(file) {
  return new TextEncoder().encode(new TextDecoder("gb18030").decode(await file.arrayBuffer()));
}

function* piecesOf(bytes) {
  for (let at = 0; at < bytes.length; at += PIECE) yield bytes.subarray(at, at + PIECE);
}

/** A spreadsheet roster: the whole file to the sheets module, result lines as they come. */
async function runSheet({ file, format, region, asOf, zh, k = 0, n = 1, sheet = "" }) {
  await ready;
  const started = performance.now();
  let m;
  try {
    m = await sheets();
  } catch (e) {
    postMessage({ type: "fatal", error: { code: "roster.read", zh: `无法载入电子表格模块:${e.message}`, en: `the spreadsheet module cannot be loaded: ${e.message}` } });
    return;
  }
  const mine = new m.RosterJob(format, region || "", asOf || "", zh);
  if (job) job.free();
  job = mine;
  bytesOf = null;
  if (n > 1) mine.share(k, n);
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (job !== mine) return;
    let count = 0;
    // Progress: households read so far (a sheet's row count is not known before it is read).
    const post = (utf8) => {
      if (utf8.length) postMessage({ type: "rows", utf8, bytes: 0, total: 0 }, [utf8.buffer]);
      count++;
    };
    const last = mine.readSheet(bytes, sheet || "", post);
    post(last);
    const fatal = mine.fatal();
    if (fatal) {
      postMessage({ type: "fatal", error: JSON.parse(fatal) });
      return;
    }
    const columns = JSON.parse(mine.ignoredColumns());
    if (k === 0 && columns.length) postMessage({ type: "note", code: "ignored", columns });
    postMessage({ type: "done", tally: JSON.parse(mine.tally()), ms: performance.now() - started, memory: m.memory.buffer.byteLength + (rosterMemory?.buffer.byteLength || 0), kept: mine.keptBytes() });
  } catch (e) {
    if (job !== mine) return;
    postMessage({ type: "fatal", error: { code: "roster.read", zh: `无法读取文件:${e.message}`, en: `the file cannot be read: ${e.message}` } });
  }
}

async function run({ file, format, region, asOf, zh, k = 0, n = 1 }) {
  await ready;
  const started = performance.now();
  // A new roster replaces the last; a run still reading the old one stops at its next piece.
  const mine = new RosterJob(format, region || "", asOf || "", zh);
  if (job) job.free();
  job = mine;
  bytesOf = async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer());
  if (n > 1) mine.share(k, n);
  let source = pieces(file);
  if (format === "csv" && !(await isUtf8(file))) {
    postMessage({ type: "note", code: "gbk" });
    const utf8 = await gbkToUtf8(file);
    if (job !== mine) return;
    bytesOf = async (start, end) => utf8.subarray(start, end);
    source = piecesOf(utf8);
  }
  let bytes = 0;
  const take = (utf8) => {
    if (utf8.length) postMessage({ type: "rows", utf8, bytes, total: file.size }, [utf8.buffer]);
    const fatal = mine.fatal();
    return fatal ? JSON.parse(fatal) : null;
  };
  try {
    for await (const piece of source) {
      if (job !== mine) return;
      bytes += piece.length;
      const fatal = take(mine.pushUtf8(piece));
      if (fatal) {
        postMessage({ type: "fatal", error: fatal });
        return;
      }
    }
    if (job !== mine) return;
    const fatal = take(mine.finishUtf8());
    if (fatal) {
      postMessage({ type: "fatal", error: fatal });
      return;
    }
    postMessage({ type: "done", tally: JSON.parse(mine.tally()), ms: performance.now() - started, memory: rosterMemory?.buffer.byteLength || 0 });
  } catch (e) {
    if (job !== mine) return;
    postMessage({ type: "fatal", error: { code: "roster.read", zh: `无法读取文件:${e.message}`, en: `the file cannot be read: ${e.message}` } });
  }
}

onmessage = async (e) => {
  const msg = e.data;
  if (msg.type === "start") {
    await (msg.format === "xlsx" || msg.format === "xls" ? runSheet(msg) : run(msg));
  } else if (msg.type === "report") {
    await ready;
    const mine = job;
    const range = mine ? mine.range(msg.index) : undefined;
    let text;
    if (range && !bytesOf) {
      // A spreadsheet's job: the household's rows were kept.
      text = mine.keptInput(msg.index);
    } else if (range) {
      const bytes = await bytesOf(range[0], range[1]).catch(() => null);
      // A new roster may have replaced (and freed) this one while the bytes were read.
      if (bytes && job === mine) text = mine.input(msg.index, bytes);
    }
    const household = text == null ? null : JSON.parse(text);
    postMessage({ type: "report", index: msg.index, household, report: household ? evaluate(text) : null });
  } else if (msg.type === "sheets") {
    try {
      const m = await sheets();
      const head = new Uint8Array(await msg.file.arrayBuffer());
      const names = JSON.parse(m.RosterJob.sheetNames(head));
      postMessage(Array.isArray(names) ? { type: "sheets", names } : { type: "sheets", error: names.error });
    } catch (e) {
      postMessage({ type: "sheets", error: { code: "roster.read", zh: `无法读取文件:${e.message}`, en: `the file cannot be read: ${e.message}` } });
    }
  } else if (msg.type === "xlsx") {
    try {
      const m = await sheets();
      const bytes = m.RosterJob.resultsXlsx(msg.csv, msg.lines, msg.zh);
      postMessage({ type: "xlsx", bytes }, [bytes.buffer]);
    } catch (e) {
      postMessage({ type: "xlsx", error: String(e?.message || e) });
    }
  } else if (msg.type === "csv") {
    const rows = job ? job.csvRows().split("\r\n") : [];
    rows.pop();
    postMessage({ type: "csv", header: job ? job.csvHeader() : "", rows });
  }
};

ready.then(() => postMessage({ type: "ready" }));
