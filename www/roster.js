// Roster mode (roster.html): a cadre loads a village's or a county's roster (CSV or an Excel
// sheet, .xlsx or .xls, with one row per person, or JSON Lines with one household per line;
// docs/roster-format.md), a Web Worker evaluates every household with the WebAssembly module, and
// the page shows a sortable table of totals and alerts, opens any row's full report in the
// calculator, and downloads the results as CSV or as an Excel workbook (the rows the filter
// shows, in the order shown). A spreadsheet is read by the sheets module, which the workers load
// only for a spreadsheet or an .xlsx download; a workbook of several sheets offers them in a select. The file is read on this device and
// nothing is sent anywhere. On a narrow screen (roster.css) each row is a card with labelled
// values and the header row is a row of sort buttons.
//
// Parts, below: the tally (showTally); the view — filter (passes, filterRows) and sort (key,
// sortRows, sortBy); rendering (cell, renderRow, render); a household's report (showDetail);
// downloads (shownRows, save, requestCsv, onCsv, onXlsx); the file's kind and sheets
// (sheetKind, chooseFile); events.
//
// Safety: text from the file is only ever set as textContent; this file never assigns innerHTML.
import "./huimin-calculator.js";
import { SAMPLE } from "./roster-sample.js";
import { groupDigits } from "./i18n.js";

const TEXTS = {
  "zh-CN": {
    title: "花名册批量测算", back: "返回单户计算器", lang: "English",
    intro: "导入一个村或一个县的花名册(Excel、CSV 或 JSON Lines),逐户测算应享待遇,列出需要跟进的户(如应申请低保)。文件只在本机读取和计算,不上传。",
    loadTitle: "选择花名册", file: "文件(Excel .xlsx/.xls 或 .csv 每人一行 / .jsonl 每户一行)", sheet: "工作表", region: "地区代码(文件中没有时)",
    asOf: "评估日期(文件中没有时)", start: "开始测算", sample: "下载示例花名册(CSV)",
    resultsTitle: "测算结果", filter: "显示", fAll: "全部", fAlerts: "有提示的户", fShouldApply: "应申请低保",
    fNeeds: "需补充信息", fErrors: "有错误的行", search: "查找户编号", download: "下载结果(CSV)", downloadXlsx: "下载Excel(.xlsx)",
    cLine: "行号", cHousehold: "户编号", cRegion: "地区", cPerYear: "每年合计", cOnce: "一次性",
    cIfApproved: "待批(每年)", cAlerts: "提示", cNeeds: "需补充", cOpen: "详情", open: "查看",
    sortBy: "排序(点按列名,再点反向):",

    prev: "上一页", next: "下一页", page: (a, b, n) => `第 ${a}–${b} 行,共 ${n} 行`,
    privacy: "花名册只在您的设备上读取和计算,不上传、不保存任何信息。",
    reading: (n, pct) => `已测算 ${n} 户(${pct}%)`, readingSheet: (n) => `已测算 ${n} 户`, makingXlsx: (n) => `正在生成Excel文件(${n} 户)…`,
    ignored: (cols) => `以下列未能识别,未读取:${cols.join("、")}`,
    done: (n, e, s) => `完成:${n} 户已测算,${e} 行有错误,用时 ${s} 秒`,
    gbk: "文件不是 UTF-8 编码,已按 GBK 读取。",
    tHouseholds: "户数", tErrors: "有错误", tPerYear: "应享合计(每年)", tOnce: "应享合计(一次性)",
    tIfApproved: "待批(每年)", tAlerts: "提示(户数)", error: "错误", errorsOf: (l) => `第 ${l} 行的错误`,
    detail: (h, l) => `户 ${h}(第 ${l} 行)`, yuan: "元", notJson: "此行不是有效的家庭数据,无法计算。",
    areas: { medical: "医疗", insurance: "参保资助", education: "教育", dibao: "低保", housing: "住房", other: "其他" },
  },
  en: {
    title: "Roster check", back: "Back to the household calculator", lang: "中文",
    intro: "Load a village's or a county's roster (Excel, CSV or JSON Lines) to work out every household's entitlements and list the households to follow up (such as those who should apply for dibao). The file is read and computed on this device and never uploaded.",
    loadTitle: "Choose a roster", file: "File (Excel .xlsx/.xls or .csv one row per person / .jsonl one household per line)", sheet: "Sheet",
    region: "Region code (when the file has none)", asOf: "Date (when the file has none)", start: "Evaluate",
    sample: "Download a sample roster (CSV)", resultsTitle: "Results", filter: "Show", fAll: "All",
    fAlerts: "Households with alerts", fShouldApply: "Should apply for dibao", fNeeds: "Needs information",
    fErrors: "Lines with errors", search: "Find a household number", download: "Download results (CSV)", downloadXlsx: "Download Excel (.xlsx)",
    cLine: "Line", cHousehold: "Household", cRegion: "Region", cPerYear: "Per year", cOnce: "Once",
    cIfApproved: "If approved (per year)", cAlerts: "Alerts", cNeeds: "Needs", cOpen: "Details", open: "Open",
    sortBy: "Sort (choose a column; again to reverse):",

    prev: "Previous", next: "Next", page: (a, b, n) => `Rows ${a}–${b} of ${n}`,
    privacy: "The roster is read and computed on your device; nothing is uploaded or stored.",
    reading: (n, pct) => `${n} households evaluated (${pct}%)`, readingSheet: (n) => `${n} households evaluated`, makingXlsx: (n) => `Making the Excel file (${n} households)…`,
    ignored: (cols) => `Columns not recognised, not read: ${cols.join(", ")}`,
    done: (n, e, s) => `Done: ${n} households evaluated, ${e} lines with errors, in ${s} s`,
    gbk: "The file is not UTF-8; it was read as GBK.",
    tHouseholds: "Households", tErrors: "With errors", tPerYear: "Entitled per year", tOnce: "Entitled once",
    tIfApproved: "If approved (per year)", tAlerts: "Alerts (households)", error: "Error",
    errorsOf: (l) => `Errors of line ${l}`, detail: (h, l) => `Household ${h} (line ${l})`, yuan: "yuan",
    notJson: "This line is not household data and cannot be evaluated.",
    areas: { medical: "Medical", insurance: "Insurance", education: "Education", dibao: "Dibao", housing: "Housing", other: "Other" },
  },
};

const ALERTS = {
  "dibao.should_apply": ["应申请低保", "Should apply for dibao"],
  "dibao.review": ["低保待复核", "Dibao to be reviewed"],
  "monitoring.below_line": ["低于监测线", "Below the monitoring line"],
  "dibao.low_income_margin": ["低保边缘", "Low-income margin"],
  "dibao.standard_below_poverty_line": ["低保标准低于扶贫标准", "Dibao standard below the poverty line"],
  "guarantee.education": ["义务教育未保障", "Compulsory education not assured"],
  "guarantee.medical": ["基本医疗未保障", "Basic medical care not assured"],
  "guarantee.housing": ["住房安全未保障", "Housing not safe"],
};

const $ = (id) => document.getElementById(id);
const PAGE = 100;
const params = new URLSearchParams(location.search);
let lang = params.get("lang")?.toLowerCase().startsWith("en") ? "en" : "zh-CN";
const T = () => TEXTS[lang];
const alertLabel = (code) => (ALERTS[code] ? ALERTS[code][lang === "en" ? 1 : 0] : code);

/** Result rows in roster order: summaries ({line, household, totals, …}) or errors ({line, errors}),
 * each kept as the JSON text the worker sent until it is first needed (`row(i)`): the table shows
 * a page at a time, so most rows of a large roster are never parsed unless sorted or filtered. */
let rows = [];
const row = (i) => (typeof rows[i] === "string" ? (rows[i] = JSON.parse(rows[i])) : rows[i]);
let view = [];
let page = 0;
let sort = { key: "line", dir: 1 };
let tally = null;
let running = false;
/** Decodes the workers' result lines (UTF-8 bytes in transferred buffers). */
const utf8 = new TextDecoder();

/** Workers share a roster: worker k evaluates rows k, k+n, k+2n… (RosterJob.share). */
const WORKERS = Math.max(1, Math.min(4, Number(params.get("workers")) || Math.min(2, navigator.hardwareConcurrency || 1)));
let workers = [];
/** How many of the workers share the current roster (one for a spreadsheet). */
let active = WORKERS;
/** Per worker: its rows not yet placed, and how far it has read. */
let pending = [];
let progress = [];
let finished = [];
/** Per worker: its module's memory at the end of the roster (bytes). */
let memory = [];
/** Per worker: the bytes of a spreadsheet's households it kept (for 查看). */
let kept = [];
let csvParts = [];
/** What the workers' CSV rows are asked for: "csv" or "xlsx" (a download), else false. */
let csvWanted = false;
/** The language the results were made in (their CSV header and alert labels). */
let resultsZh = true;
let started = 0;

function applyLang() {
  document.documentElement.lang = lang;
  document.title = `${T().title} — ${lang === "en" ? "huimin" : "惠民政策计算器"}`;
  for (const el of document.querySelectorAll("[data-r]")) {
    const v = T()[el.dataset.r];
    if (typeof v === "string") el.textContent = v;
  }
  for (const el of document.querySelectorAll("[data-r-placeholder]")) el.placeholder = T()[el.dataset.rPlaceholder];
  $("calculator").setAttribute("lang", lang);
  if (tally) showTally();
  render();
}

function startWorkers() {
  workers = Array.from({ length: WORKERS }, (_, k) => {
    const w = new Worker(new URL("./roster-worker.js", import.meta.url), { type: "module" });
    w.onmessage = (e) => onWorker(e.data, k);
    w.onerror = (e) => message(`${T().error}: ${e.message || "worker"}`);
    return w;
  });
}

/** Moves the workers' rows into `rows` in the roster's order: row j comes from worker j % n. */
function place() {
  for (;;) {
    const q = pending[rows.length % active];
    if (!q || q.at >= q.rows.length) return;
    rows.push(q.rows[q.at++]);
    if (q.at > 4096) {
      q.rows = q.rows.slice(q.at);
      q.at = 0;
    }
  }
}

/** Money of the tallies added exactly, in fen (decimal strings, never floats). */
const fen = (s) => {
  const neg = s.startsWith("-");
  const [a, b = ""] = s.replace("-", "").split(".");
  const v = BigInt(a) * 100n + BigInt((b + "00").slice(0, 2));
  return neg ? -v : v;
};
const yuanText = (v) => (v < 0n ? "-" : "") + `${(v < 0n ? -v : v) / 100n}.${String((v < 0n ? -v : v) % 100n).padStart(2, "0")}`;
const addMoney = (a, b) => yuanText(fen(a) + fen(b));
const pairAdd = (a, b) => ({ perYear: addMoney(a.perYear, b.perYear), once: addMoney(a.once, b.once) });

function mergeTallies(list) {
  const out = list[0];
  for (const t of list.slice(1)) {
    out.households += t.households;
    out.errors += t.errors;
    out.perYear = addMoney(out.perYear, t.perYear);
    out.once = addMoney(out.once, t.once);
    for (const [area, sums] of Object.entries(t.byArea)) out.byArea[area] = out.byArea[area] ? pairAdd(out.byArea[area], sums) : sums;
    out.ifApproved = pairAdd(out.ifApproved, t.ifApproved);
    for (const k of Object.keys(out.statuses)) out.statuses[k] += t.statuses[k];
    for (const key of ["alerts", "needsInfo", "errorCodes"]) {
      for (const [k, n] of Object.entries(t[key])) out[key][k] = (out[key][k] || 0) + n;
    }
  }
  // In code order, as one worker's tally has them (a map sorted by key), however many workers.
  for (const key of ["byArea", "alerts", "needsInfo", "errorCodes"]) out[key] = Object.fromEntries(Object.entries(out[key]).sort(([a], [b]) => (a < b ? -1 : 1)));
  return out;
}

function message(text) {
  const m = $("roster-message");
  m.textContent = text;
  m.hidden = !text;
}

/** How many workers have their module compiled and ready. */
let readyWorkers = 0;

function onWorker(msg, k) {
  if (msg.type === "ready") {
    // Marked for tests and benchmarks: a roster started from now on is not waiting for the
    // workers' module to compile.
    if (++readyWorkers === WORKERS) document.body.dataset.rosterReady = "1";
  } else if (msg.type === "rows") {
    if (!running || k >= active) return;
    const lines = utf8.decode(msg.utf8).split("\n");
    for (const line of lines) pending[k].rows.push(line);
    place();
    progress[k] = msg.total ? msg.bytes / msg.total : 0;
    if (msg.total) {
      const frac = Math.min(...progress);
      $("roster-bar").value = frac;
      $("roster-count").textContent = T().reading(rows.length, Math.min(100, Math.round(100 * frac)));
    } else {
      // A spreadsheet: how many rows it has is not known until it is read.
      $("roster-bar").removeAttribute("value");
      $("roster-count").textContent = T().readingSheet(rows.length);
    }
  } else if (msg.type === "note" && msg.code === "gbk") {
    message(T().gbk);
  } else if (msg.type === "note" && msg.code === "ignored") {
    message(T().ignored(msg.columns));
  } else if (msg.type === "done") {
    if (!running || k >= active) return;
    finished[k] = msg.tally;
    memory[k] = msg.memory;
    kept[k] = msg.kept || 0;
    if (finished.filter(Boolean).length < active) return;
    place();
    running = false;
    tally = mergeTallies(finished);
    const ms = performance.now() - started;
    $("roster-bar").value = 1;
    $("roster-count").textContent = T().done(tally.households, tally.errors, (ms / 1000).toFixed(2));
    $("roster-start").disabled = false;
    $("roster-results").hidden = false;
    document.body.dataset.rosterMs = String(Math.round(ms));
    document.body.dataset.rosterWorkers = String(active);
    document.body.dataset.rosterDone = String(rows.length);
    document.body.dataset.rosterMemory = String(memory.reduce((a, m) => a + (m || 0), 0));
    document.body.dataset.rosterKept = String(kept.reduce((a, m) => a + m, 0));
    showTally();
    refresh();
    // For benchmarks: when the table is on screen (the next frame after it is rendered).
    requestAnimationFrame(() => { document.body.dataset.rosterShownMs = String(Math.round(performance.now() - started)); });
  } else if (msg.type === "fatal") {
    if (!running) return;
    running = false;
    $("roster-start").disabled = false;
    message(`${T().error}: ${lang === "en" ? msg.error.en : msg.error.zh}`);
  } else if (msg.type === "report") {
    showDetail(msg.index * active + k, msg.household);
  } else if (msg.type === "csv" && csvWanted) {
    onCsv(msg, k);
  } else if (msg.type === "xlsx") {
    onXlsx(msg);
  } else if (msg.type === "sheets") {
    onSheets(msg);
  }
}

async function start(e) {
  e.preventDefault();
  const file = $("roster-file").files[0];
  if (!file || running) return;
  running = true;
  delete document.body.dataset.rosterDone;
  const name = file.name.toLowerCase();
  const format = (await sheetKind(file)) || (/\.(jsonl|ndjson|json)$/.test(name) ? "jsonl" : "csv");
  const sheet = $("roster-sheet-row").hidden ? "" : $("roster-sheet").value;
  // A spreadsheet is read by one worker: each worker would unpack and parse the whole workbook
  // (nearly all of a sheet's time), and hold it (BENCHMARKS.md, "Spreadsheets in the page").
  active = format === "xlsx" || format === "xls" ? 1 : WORKERS;
  resultsZh = lang !== "en";
  rows = [];
  tally = null;
  page = 0;
  running = true;
  pending = workers.slice(0, active).map(() => ({ rows: [], at: 0 }));
  progress = pending.map(() => 0);
  finished = pending.map(() => null);
  memory = pending.map(() => 0);
  kept = pending.map(() => 0);
  started = performance.now();
  message("");
  $("roster-start").disabled = true;
  $("roster-progress").hidden = false;
  $("roster-results").hidden = true;
  $("roster-detail").hidden = true;
  $("roster-bar").value = 0;
  delete document.body.dataset.rosterDone;
  delete document.body.dataset.rosterShownMs;
  workers.slice(0, active).forEach((w, k) => w.postMessage({ type: "start", file, format, region: $("roster-region").value, asOf: $("roster-asof").value, zh: resultsZh, k, n: active, sheet }));
}

// ------------------------------------------------------------------ a spreadsheet's kind and sheets

/** "xlsx" or "xls" for a spreadsheet (by its first bytes: a zip archive, an OLE file; else by
 * its name), null for text. */
async function sheetKind(file) {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const starts = (...bytes) => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return "xlsx";
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return "xls";
  const ext = /\.([a-z]+)$/.exec(file.name.toLowerCase())?.[1];
  return ext === "xlsx" || ext === "xlsm" ? "xlsx" : ext === "xls" ? "xls" : null;
}

/** A file chosen: for a workbook, its sheets' names are asked for (a select when it has several). */
async function chooseFile() {
  const row = $("roster-sheet-row");
  row.hidden = true;
  $("roster-sheet").replaceChildren();
  const file = $("roster-file").files[0];
  if (file && (await sheetKind(file))) workers[0].postMessage({ type: "sheets", file });
}

function onSheets(msg) {
  if (msg.error) {
    message(`${T().error}: ${lang === "en" ? msg.error.en : msg.error.zh}`);
    return;
  }
  const select = $("roster-sheet");
  select.replaceChildren(...msg.names.map((n) => {
    const o = document.createElement("option");
    o.value = n;
    o.textContent = n;
    return o;
  }));
  $("roster-sheet-row").hidden = msg.names.length < 2;
}

/** An amount as shown: digits grouped ("167,865.84"); downloads keep the plain decimal. */
const money = (amount) => groupDigits(amount);
/** An amount with its unit: "167,865.84 元". */
const yuan = (amount) => `${money(amount)} ${T().yuan}`;

// ------------------------------------------------------------------ tally (above the table)

function showTally() {
  const dl = $("roster-tally");
  dl.replaceChildren();
  const add = (k, ...parts) => {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    // Parts are kept whole when the line wraps: "每年合计 … 元" / "一次性 … 元".
    parts.forEach((p, i) => {
      const span = document.createElement("span");
      span.textContent = p;
      dd.append(...(i ? [" / ", span] : [span]));
    });
    dl.append(dt, dd);
  };
  add(T().tHouseholds, String(tally.households));
  add(T().tErrors, String(tally.errors));
  add(T().tPerYear, yuan(tally.perYear));
  add(T().tOnce, yuan(tally.once));
  // Every amount labelled: an area's sums are "每年合计 … 元 / 一次性 … 元".
  for (const [area, sums] of Object.entries(tally.byArea)) {
    if (sums.perYear !== "0.00" || sums.once !== "0.00") add(T().areas[area] || area, `${T().cPerYear} ${yuan(sums.perYear)}`, `${T().cOnce} ${yuan(sums.once)}`);
  }
  add(T().tIfApproved, yuan(tally.ifApproved.perYear));
  const alerts = Object.entries(tally.alerts).map(([c, n]) => `${alertLabel(c)} ${n}`).join(";");
  if (alerts) add(T().tAlerts, alerts);
}

// ------------------------------------------------------------------ filter and sort (the view)

/** Whether result row `r` passes the filter `f` (the select's value) and the search text `q`. */
function passes(r, f, q) {
  if (q && !(r.household || "").includes(q)) return false;
  if (f === "errors" ? !r.errors : f !== "all" && r.errors) return false;
  if (f === "alerts" && !r.alerts.length) return false;
  if (f === "needs" && !r.needsInfo.length) return false;
  if (f.includes(".") && !r.alerts.includes(f)) return false;
  return true;
}

/** The indices into `rows` that the filter and the search let through, in roster order. */
function filterRows() {
  const f = $("roster-filter").value;
  const q = $("roster-search").value.trim();
  const out = [];
  const all = !q && f === "all";
  for (let i = 0; i < rows.length; i++) if (all || passes(row(i), f, q)) out.push(i);
  return out;
}

/** The value a column sorts by. Amounts are decimal strings: compared as numbers, shown as text. */
function key(r, k) {
  if (k === "line") return r.line;
  if (k === "household") return r.household || "";
  if (r.errors) return k === "alerts" || k === "needs" ? -1 : "";
  switch (k) {
    case "region": return r.region;
    case "perYear": return Number(r.totals.perYear);
    case "once": return Number(r.totals.once);
    case "ifApproved": return Number(r.totals.ifApproved.perYear);
    case "alerts": return r.alerts.length;
    case "needs": return r.needsInfo.length;
    default: return 0;
  }
}

/** Sorts indices into `rows` in place by `sort` (ties in line order). */
function sortRows(list) {
  const { key: k, dir } = sort;
  // `rows` is in the roster's order, which is line order: nothing to sort for the first view.
  if (k === "line" && dir === 1) return list;
  return list.sort((a, b) => {
    const x = key(row(a), k);
    const y = key(row(b), k);
    return (x < y ? -1 : x > y ? 1 : 0) * dir || row(a).line - row(b).line;
  });
}

/** A column header's button chosen (click, Enter or Space): sort by it, again to reverse. */
function sortBy(k) {
  const text = k === "line" || k === "household" || k === "region";
  sort = { key: k, dir: sort.key === k ? -sort.dir : text ? 1 : -1 };
  refresh();
}

function refresh() {
  view = sortRows(filterRows());
  page = Math.min(page, Math.max(0, Math.ceil(view.length / PAGE) - 1));
  render();
}

// ------------------------------------------------------------------ rendering (a page of the view)

/**
 * A table cell. `label` is the column's name, shown before the value only where the table is laid
 * out as one card per household (narrow screens, roster.css); `unit` likewise after it.
 */
function cell(tr, cls, text, label, unit) {
  const td = document.createElement("td");
  td.className = cls;
  if (label) {
    const l = document.createElement("span");
    l.className = "cell-label";
    l.textContent = label;
    td.append(l, " ");
  }
  td.append(text);
  if (unit) {
    const u = document.createElement("span");
    u.className = "cell-unit";
    u.textContent = unit;
    td.append(" ", u);
  }
  tr.append(td);
  return td;
}

/** One result row: a table row, or a card on a narrow screen (the same cells, labelled). */
function renderRow(r, i) {
  const t = T();
  const tr = document.createElement("tr");
  cell(tr, "c-line num", String(r.line), t.cLine);
  cell(tr, "c-household", r.household || "—", t.cHousehold);
  if (r.errors) {
    tr.className = "error";
    const td = cell(tr, "c-errors", r.errors.map((x) => `${x.column ? x.column + ":" : ""}${lang === "en" ? x.en : x.zh}`).join(";"));
    td.colSpan = 6;
  } else {
    cell(tr, "c-region", r.region, t.cRegion);
    cell(tr, "c-perYear num", money(r.totals.perYear), t.cPerYear, t.yuan);
    const once = cell(tr, "c-once num", money(r.totals.once), t.cOnce, t.yuan);
    if (r.totals.once === "0.00") once.classList.add("zero");
    const approved = cell(tr, "c-ifApproved num", money(r.totals.ifApproved.perYear), t.cIfApproved, t.yuan);
    if (r.totals.ifApproved.perYear === "0.00") approved.classList.add("zero");
    const td = document.createElement("td");
    td.className = "c-alerts";
    for (const a of r.alerts) {
      const s = document.createElement("span");
      s.className = `alert ${a.replace(/\W/g, "-")}`;
      s.textContent = alertLabel(a);
      td.append(s);
    }
    tr.append(td);
    if (r.needsInfo.length) cell(tr, "c-needs num", String(r.needsInfo.length), t.cNeeds).title = r.needsInfo.join(", ");
    else cell(tr, "c-needs num zero", "");
  }
  const td = document.createElement("td");
  td.className = "c-open";
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = t.open;
  b.dataset.index = String(i);
  td.append(b);
  tr.append(td);
  return tr;
}

function render() {
  const tbody = $("roster-table").tBodies[0];
  if (!tbody) return;
  for (const th of $("roster-table").tHead.rows[0].cells) {
    if (th.dataset.key) th.setAttribute("aria-sort", th.dataset.key === sort.key ? (sort.dir > 0 ? "ascending" : "descending") : "none");
  }
  const from = page * PAGE;
  const to = Math.min(view.length, from + PAGE);
  const trs = [];
  for (let v = from; v < to; v++) trs.push(renderRow(row(view[v]), view[v]));
  tbody.replaceChildren(...trs);
  $("roster-page").textContent = view.length ? T().page(from + 1, to, view.length) : "";
  $("roster-prev").disabled = page === 0;
  $("roster-next").disabled = to >= view.length;
}

// ------------------------------------------------------------------ a household's full report

async function showDetail(index, household) {
  const r = row(index);
  const section = $("roster-detail");
  section.hidden = false;
  const title = $("detail-title");
  title.textContent = T().detail(r.household || "—", r.line);
  const ul = $("roster-errors");
  ul.replaceChildren();
  for (const x of r.errors || []) {
    const li = document.createElement("li");
    li.textContent = `${T().errorsOf(x.line)}${x.column ? "「" + x.column + "」" : ""} ${x.path}: ${lang === "en" ? x.en : x.zh}`;
    ul.append(li);
  }
  if (!household) {
    const li = document.createElement("li");
    li.textContent = T().notJson;
    ul.append(li);
  }
  const calc = $("calculator");
  calc.hidden = !household;
  if (household) {
    calc.household = household;
    // The calculator moves the focus to its results when it has them; the reader of a roster
    // starts at the household's title instead (below).
    await calc.evaluate();
  }
  title.scrollIntoView({ block: "start" });
  title.focus({ preventScroll: true });
}

// ------------------------------------------------------------------ downloads

/** The rows a download holds: those the filter and search let through, in the order shown. */
const shownRows = () => view;

/** Saves `blob` as a file named `name` (the browser's download). */
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Asks every worker for its CSV rows (`what`: "csv" or "xlsx", the download they are for);
 * `onCsv` puts them together when all have answered. */
function requestCsv(what) {
  csvWanted = what;
  csvParts = [];
  for (const w of workers.slice(0, active)) w.postMessage({ type: "csv" });
}

/** The workers' CSV rows (worker k holds rows k, k+n, …) as one file of the rows shown; or, for
 * an .xlsx, those rows and their result lines to the sheets module (worker 0's), which makes the
 * workbook (`onXlsx` saves it). */
function onCsv(msg, k) {
  csvParts[k] = msg;
  if (csvParts.filter(Boolean).length < active) return;
  const what = csvWanted;
  csvWanted = false;
  const parts = csvParts;
  csvParts = [];
  const lines = shownRows().map((j) => parts[j % active].rows[Math.floor(j / active)]);
  const csv = [parts[0].header, ...lines].join("\r\n") + "\r\n";
  if (what === "xlsx") {
    const results = shownRows().map((j) => (typeof rows[j] === "string" ? rows[j] : JSON.stringify(rows[j])));
    workers[0].postMessage({ type: "xlsx", csv, lines: results.join("\n"), zh: resultsZh });
    // A county's roster takes a while (100,000 households: about 10 s; BENCHMARKS.md).
    message(T().makingXlsx(lines.length));
    return;
  }
  save(new Blob(["\ufeff", csv], { type: "text/csv;charset=utf-8" }), "huimin-roster-results.csv");
}

function onXlsx(msg) {
  $("roster-download-xlsx").disabled = false;
  message("");
  if (msg.error) {
    message(`${T().error}: ${msg.error}`);
    return;
  }
  save(new Blob([msg.bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), "huimin-roster-results.xlsx");
}

// ------------------------------------------------------------------ events

$("roster-form").addEventListener("submit", start);
$("roster-filter").addEventListener("change", () => { page = 0; refresh(); });
$("roster-search").addEventListener("input", () => { page = 0; refresh(); });
$("roster-prev").addEventListener("click", () => { page = Math.max(0, page - 1); render(); });
$("roster-next").addEventListener("click", () => { page += 1; render(); });
$("roster-download").addEventListener("click", () => requestCsv("csv"));
$("roster-download-xlsx").addEventListener("click", () => {
  $("roster-download-xlsx").disabled = true;
  requestCsv("xlsx");
});
$("roster-file").addEventListener("change", chooseFile);
$("roster-sample").addEventListener("click", (e) => {
  e.preventDefault();
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([SAMPLE], { type: "text/csv;charset=utf-8" }));
  a.download = "huimin-roster-sample.csv";
  document.body.append(a);
  a.click();
  a.remove();
});
$("roster-table").tHead.addEventListener("click", (e) => {
  const th = e.target.closest("th[data-key]");
  if (th) sortBy(th.dataset.key);
});
$("roster-table").tBodies[0].addEventListener("click", (e) => {
  const b = e.target.closest("button[data-index]");
  if (b) {
    const i = Number(b.dataset.index);
    workers[i % active].postMessage({ type: "report", index: Math.floor(i / active) });
  }
});
$("lang-switch").addEventListener("click", (e) => {
  e.preventDefault();
  lang = lang === "en" ? "zh-CN" : "en";
  applyLang();
});
$("calculator").addEventListener("langchange", (e) => {
  const l = e.detail.lang.toLowerCase().startsWith("en") ? "en" : "zh-CN";
  if (l !== lang) {
    lang = l;
    applyLang();
  }
});

startWorkers();
applyLang();
if ("serviceWorker" in navigator) navigator.serviceWorker.register("sw.js").catch(() => {});
