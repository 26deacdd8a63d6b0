// The roster mode (www/roster.html) in Debian's Chromium, run with `node --test` by
// scripts/test-page.sh: a CSV export with a bad row in the middle, a GBK file, a JSON Lines file;
// the table, a row's full report in the calculator, the CSV download; nothing leaves 127.0.0.1.
import { after, before, describe, test } from "node:test";
import { ARTIFACTS, ROOT, servePage } from "./harness.mjs";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";


const CSV = "\ufeff户编号,地区代码,评估日期,身份,家庭年纯收入(元),低保标准(月),成员编号,姓名,年龄,学段,新生,慢性病,慢性病目录内自付,住院总费用,政策范围内费用,医保报销,区内住院\r\n" +
  "H1,150203,2017-09-01,建档立卡贫困户,24000.00,450.00,m1,\"王,大\",45,,,否,,,,,\r\n" +
  "H1,150203,2017-09-01,建档立卡贫困户,24000.00,450.00,m3,王三,18,本科,是,否,,,,,\r\n" +
  "H2,150203,2017-09-01,建档立卡贫困户,9600.00,450.00,m1,李四,abc,,,否,,,,,\r\n" +
  "H3,150203,2017-09-01,建档立卡贫困户,1200.00,450.00,m1,<img src=x onerror=alert(1)>,50,,,否,,,,,\r\n";

let stop;
let base;
let browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ({ base, browser, stop } = await servePage());
});

after(async () => {
  await stop?.();
});

async function open(contextOptions = {}) {
  const context = await browser.newContext({ locale: "zh-CN", acceptDownloads: true, ...contextOptions });
  const requests = [];
  const problems = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e}`));
  page.on("dialog", async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  await page.goto(base + "roster.html");
  const origin = new URL(base).origin;
  return {
    page,
    requests,
    async finish() {
      const outside = requests.filter((u) => !(u.startsWith(origin + "/") || u.startsWith(`blob:${origin}/`) || u.startsWith("data:")));
      await context.close();
      assert.deepEqual(outside, [], "no request leaves 127.0.0.1");
      assert.deepEqual(problems, [], "no console error, page error or dialog");
    },
  };
}

/** Opens the full report of the table's row with `text` in the calculator, and returns it. */
async function openReport(page, text) {
  const report = page.evaluate(() => new Promise((resolve) => {
    document.querySelector("huimin-calculator").addEventListener("result", (e) => resolve(e.detail), { once: true });
  }));
  await page.locator("#roster-table tbody tr", { hasText: text }).getByRole("button", { name: "查看" }).click();
  return report;
}

/** The 行号 of the table's rows, in the order shown. */
async function shownLines(page) {
  return page.locator("#roster-table tbody td.c-line").evaluateAll((tds) => tds.map((td) => td.lastChild.textContent));
}

async function load(page, name, mimeType, buffer) {
  await page.locator("#roster-file").setInputFiles({ name, mimeType, buffer });
  await page.getByRole("button", { name: "开始测算" }).click();
  await page.waitForSelector("body[data-roster-done]", { timeout: 60_000 });
}

test("a CSV export: a table row per household, the bad row with its line and column, a row's report, the CSV download", async () => {
  const { page, finish } = await open();
  await load(page, "村花名册.csv", "text/csv", Buffer.from(CSV, "utf8"));
  const rows = page.locator("#roster-table tbody tr");
  assert.equal(await rows.count(), 3);
  assert.match(await rows.nth(0).innerText(), /H1/);
  const bad = await rows.nth(1).innerText();
  assert.match(bad, /H2/);
  assert.match(bad, /年龄/, "the error names its column");
  // H3: income 400 a person a year, far under the 低保 standard: should apply.
  assert.match(await rows.nth(2).innerText(), /应申请低保/);
  assert.equal(await page.locator("img").count(), 0, "a name from the file is text, not markup");

  // Filter and sort.
  await page.locator("#roster-filter").selectOption("dibao.should_apply");
  assert.equal(await rows.count(), 1);
  await page.locator("#roster-filter").selectOption("all");
  await page.locator("th[data-key=perYear]").click();
  assert.equal(await page.locator("th[data-key=perYear]").getAttribute("aria-sort"), "descending");

  // A row's full report in the calculator (its household's bytes read from the file again).
  const r = await openReport(page, "H1");
  assert.ok(r.entitlements.some((e) => e.member === "m3" && e.amount === "10000.00"), "H1's freshman grant is in its report");
  await page.screenshot({ path: path.join(ARTIFACTS, "roster.png"), fullPage: true });

  // The results as CSV.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "下载结果(CSV)" }).click();
  const file = await (await download).path();
  const text = readFileSync(file, "utf8");
  const lines = text.replace(/^\ufeff/, "").trim().split(/\r?\n/);
  assert.match(lines[0], /^行号,户编号,地区代码/);
  assert.equal(lines.length, 4);
  // The rows as shown (sorted by 每年合计 above), the bad row among them.
  assert.deepEqual(lines.slice(1).map((l) => l.split(",")[0]), await shownLines(page));
  assert.ok(lines.some((l) => /^4,H2,/.test(l)));
  await finish();
});

test("a GBK file is read as GBK; JSON Lines work too", async () => {
  const { page, finish } = await open();
  // 户编号,地区代码,评估日期,年龄 / A,150203,2017-09-01,40 — in GBK.
  const gbk = Buffer.concat([Buffer.from([0xbb, 0xa7, 0xb1, 0xe0, 0xba, 0xc5]), Buffer.from(",region,asOf,age\r\nA,150203,2017-09-01,40\r\n")]);
  await load(page, "gbk.csv", "text/csv", gbk);
  assert.match(await page.locator("#roster-message").innerText(), /GBK/);
  assert.equal(await page.locator("#roster-table tbody tr").count(), 1);
  // Its report: the household's bytes are taken from the file as decoded, not the GBK file.
  const a = await openReport(page, "A");
  assert.equal(a.household, "A");
  assert.equal(a.region, "150203");

  const hh = { id: "J1", region: "510811", asOf: "2017-09-01", status: ["registered_poor"], members: [{ id: "m1", age: 40 }] };
  await load(page, "roster.jsonl", "application/x-ndjson", Buffer.from(`${JSON.stringify(hh)}\n{not json\n`));
  const rows = page.locator("#roster-table tbody tr");
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(1).innerText(), /JSON/);
  assert.equal((await openReport(page, "J1")).household, "J1");
  await finish();
});

// ---------------------------------------------------------------------------------------------
// On a phone (issue 13): 360 px wide, the page's own sample roster (300 households).

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const MONEY = String.raw`-?\d{1,3}(?:,\d{3})*\.\d\d`;
const scrollWidth = (page) => page.evaluate(() => document.scrollingElement.scrollWidth);

/**
 * A village's roster of `n` households (CSV, one row per person, as in the page's sample): every
 * 15th household's income is far under the 低保 standard (1,200 a year; 450 a month is 5,400 a
 * person a year), so 20 of 300 should apply; every 4th has an undergraduate freshman, every 5th
 * an old member with a listed chronic disease; those 20 and the odd households are registered poor.
 */
function villageRoster(n) {
  const lines = ["\ufeff户编号,地区代码,评估日期,身份,家庭年纯收入(元),低保标准(月),成员编号,姓名,年龄,学段,新生,慢性病,慢性病目录内自付"];
  for (let i = 1; i <= n; i++) {
    const id = `H${String(i).padStart(3, "0")}`;
    const head = `${id},150203,2017-09-01,${i % 2 || i % 15 === 0 ? "建档立卡贫困户" : ""},${i % 15 === 0 ? "1200.00" : `${40000 + ((i * 137) % 20000)}.00`},450.00`;
    lines.push(`${head},m1,户主${i},45,,,否,`);
    if (i % 4 === 0) lines.push(`${head},m2,学生${i},18,本科,是,否,`);
    if (i % 5 === 0) lines.push(`${head},m3,老人${i},72,,,是,${1000 + i * 10}.00`);
  }
  return lines.join("\r\n") + "\r\n";
}

/** Evaluates a roster of 300 households. */
async function loadSample(page) {
  await load(page, "村花名册.csv", "text/csv", Buffer.from(villageRoster(300), "utf8"));
  assert.equal(await page.locator("body").getAttribute("data-roster-done"), "300");
}

/** The CSV the download button gives: its data lines. */
async function downloadCsv(page) {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "下载结果(CSV)" }).click();
  return readFileSync(await (await download).path(), "utf8").replace(/^\ufeff/, "").trim().split(/\r?\n/).slice(1);
}

describe("the roster page at 360 px", () => {
  test("no sideways scrolling; every household a card with its labelled totals and alerts; every tally amount labelled", async () => {
    const { page, finish } = await open(PHONE);
    assert.ok(await scrollWidth(page) <= 360, `the form fits: scrollWidth ${await scrollWidth(page)}`);
    await loadSample(page);
    assert.ok(await scrollWidth(page) <= 360, `the results fit: scrollWidth ${await scrollWidth(page)}`);

    const cards = page.locator("#roster-table tbody tr");
    assert.equal(await cards.count(), 100, "a page of 100 households");
    for (let i = 0; i < 100; i += 3) {
      const card = cards.nth(i);
      const box = await card.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 360, `card ${i} is within the screen: ${JSON.stringify(box)}`);
      // The yearly total always; a one-off total where there is one (0.00 is left out of a card).
      for (const [cls, label] of [["c-perYear", "每年合计"], ["c-once", "一次性"]]) {
        const td = card.locator(`td.${cls}`);
        if (!(await td.isVisible())) {
          assert.equal(cls, "c-once");
          assert.match(await td.textContent(), /0\.00/);
          continue;
        }
        assert.match(await td.innerText(), new RegExp(`^${label} ${MONEY} 元$`), `card ${i}: ${cls} labelled`);
        const b = await td.boundingBox();
        assert.ok(b.x >= 0 && b.x + b.width <= 360, `card ${i}: ${cls} on screen`);
      }
      const open = await card.getByRole("button", { name: "查看" }).boundingBox();
      assert.ok(open.x + open.width <= 360, `card ${i}: 查看 on screen`);
    }
    // The households with alerts: each alert on screen, in its card.
    const alerts = page.locator("#roster-table tbody .alert");
    assert.ok(await alerts.count() > 0, "the sample has households with alerts");
    for (const b of await alerts.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
      assert.ok(b.left >= 0 && b.right <= 360, `an alert is on screen: ${JSON.stringify(b)}`);
    }

    // Every amount above the table has its label and unit: "每年合计 167,865.84 元 / 一次性 0.00 元".
    const tally = await page.locator("#roster-tally").evaluate((dl) => [...dl.querySelectorAll("dt")].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]));
    const amounts = tally.filter(([, v]) => /\d\.\d\d/.test(v));
    assert.ok(amounts.length >= 4, JSON.stringify(tally));
    for (const [k, v] of amounts) {
      const labelled = /^应享合计\((每年|一次性)\)$|^待批\(每年\)$/.test(k)
        ? new RegExp(`^${MONEY} 元$`).test(v)
        : new RegExp(`^每年合计 ${MONEY} 元 / 一次性 ${MONEY} 元$`).test(v);
      assert.ok(labelled, `${k}: "${v}" is labelled`);
    }
    await page.locator("#roster-results").evaluate((e) => e.scrollIntoView());
    await page.screenshot({ path: path.join(ARTIFACTS, "roster-360.png") });
    await finish();
  });

  test("查看 opens that household at its title, focused", async () => {
    const { page, finish } = await open(PHONE);
    await loadSample(page);
    const card = page.locator("#roster-table tbody tr").nth(40);
    const household = await card.locator("td.c-household").evaluate((td) => td.lastChild.textContent);
    const line = await card.locator("td.c-line").evaluate((td) => td.lastChild.textContent);
    await card.getByRole("button", { name: "查看" }).click();
    await page.waitForFunction(() => document.activeElement?.id === "detail-title", null, { timeout: 30_000 });
    assert.equal(await page.locator("#detail-title").innerText(), `户 ${household}(第 ${line} 行)`);
    // Let a smooth scroll (if any) settle, then the title is at the top of the screen.
    await page.waitForTimeout(600);
    const top = await page.locator("#detail-title").evaluate((h) => h.getBoundingClientRect().top);
    assert.ok(top >= -1 && top < 60, `the title is at the top of the screen (top ${top})`);
    assert.match(await page.locator("huimin-calculator [part~=totals]").first().innerText(), /\d\.\d\d/, "the household's report is below it");
    assert.ok(await scrollWidth(page) <= 360, `the report fits: scrollWidth ${await scrollWidth(page)}`);
    await finish();
  });

  test("sorting by keyboard: a button in each header cell, aria-sort", async () => {
    const { page, finish } = await open(PHONE);
    await loadSample(page);
    // Tab from the last download button reaches the first column's button.
    await page.locator("#roster-download-xlsx").focus();
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.closest("th")?.dataset.key), "line");
    const sortButton = page.locator("th[data-key=perYear] button");
    assert.equal(await page.getByRole("button", { name: "每年合计", exact: true }).count(), 1, "the header's button is named by its column");
    const perYear = () => page.locator("#roster-table tbody td.c-perYear").evaluateAll((tds) => tds.map((td) => Number(td.childNodes[2].textContent.replaceAll(",", ""))));
    const sorted = (xs, dir) => xs.every((x, i) => i === 0 || (dir > 0 ? xs[i - 1] <= x : xs[i - 1] >= x));

    await sortButton.focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.locator("th[data-key=perYear]").getAttribute("aria-sort"), "descending");
    assert.equal(await page.locator("th[data-key=line]").getAttribute("aria-sort"), "none");
    const down = await perYear();
    assert.ok(down[0] > down[down.length - 1] && sorted(down, -1), "largest first");

    await page.keyboard.press("Space");
    assert.equal(await page.locator("th[data-key=perYear]").getAttribute("aria-sort"), "ascending");
    const up = await perYear();
    assert.ok(sorted(up, 1), "smallest first");
    assert.ok(await scrollWidth(page) <= 360);
    await finish();
  });

  test("with 有提示的户 on, the download holds exactly the rows shown", async () => {
    const { page, finish } = await open(PHONE);
    await loadSample(page);
    await page.locator("#roster-filter").selectOption({ label: "有提示的户" });
    const shown = await shownLines(page);
    assert.equal(shown.length, 20, "every 15th household should apply for 低保");
    assert.match(await page.locator("#roster-page").innerText(), new RegExp(`共 ${shown.length} 行`));
    let lines = await downloadCsv(page);
    assert.deepEqual(lines.map((l) => l.split(",")[0]), shown);
    for (const l of lines) assert.match(l, /应申请低保/, `a downloaded row has its alert: ${l}`);

    // Sorted, the file follows the order on screen; all again, it holds the 300.
    await page.locator("th[data-key=perYear] button").click();
    lines = await downloadCsv(page);
    assert.deepEqual(lines.map((l) => l.split(",")[0]), await shownLines(page));
    await page.locator("#roster-filter").selectOption("all");
    assert.equal((await downloadCsv(page)).length, 300);
    await finish();
  });
});

// ---------------------------------------------------------------------------------------------
// Spreadsheets (issue 13): .xlsx and .xls rosters read by the sheets module, which a CSV roster
// never loads; the results as an .xlsx download, read back and compared with the CSV download.

/** The roster of tests/spreadsheets.rs (EXPORT): tests/fixtures/roster.xls holds it as a county's
 * .xls (a title row and a header of two rows above it: its rows are 2 below these lines). */
const EXPORT = "户编号,地区代码,评估日期,身份,家庭年纯收入(元),危房等级,低保标准(月),成员编号,姓名,年龄,劳动能力,学段,新生,慢性病,慢性病目录内自付,住院总费用,政策范围内费用,医保报销,区内住院,身份证号\r\n" +
  "H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m1,\"王,大\",45,有劳动能力,,,否,,,,,,1501\r\n" +
  "H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m2,李二,72,无劳动能力,,,是,5200.00,,,,,1502\r\n" +
  "H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m3,王三,18,,本科,是,否,,,,,,1503\r\n" +
  "H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m4,王四,40,,,,否,,20000.00,18000.00,14000.00,是,1504\r\n" +
  "H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m4,王四,40,,,,否,,3000.00,2500.00,1500.00,否,1504\r\n" +
  "H2,150203,2017-09-01,低保户,3000,,450,,赵五,66,,,,,,,,,,\r\n";

const HUIMIN = path.join(ROOT, "target", "release", "huimin");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A generated roster (`huimin gen`) as CSV and as an .xlsx workbook (numbers as numbers, the
 * date as a date cell). */
function generated(count) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "huimin-roster-"));
  const [csv, xlsx] = ["csv", "xlsx"].map((f) => {
    const out = path.join(dir, `r.${f}`);
    execFileSync(HUIMIN, ["gen", "--seed", "11", "--count", String(count), "--format", f, "--out", out]);
    return readFileSync(out);
  });
  return { csv, xlsx };
}

/** An .xlsx file's sheets as rows of cells (numbers as numbers, text as strings), read with
 * Python's zipfile and ElementTree from the workbook's XML. */
function readXlsx(file) {
  const script = String.raw`
import json, re, sys, zipfile
import xml.etree.ElementTree as ET
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile(sys.argv[1])
strings = []
if "xl/sharedStrings.xml" in z.namelist():
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
        strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
wb = ET.fromstring(z.read("xl/workbook.xml"))
rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
target = {r.get("Id"): r.get("Target") for r in rels}
out = {}
for sh in wb.find("m:sheets", NS):
    rid = sh.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    root = ET.fromstring(z.read("xl/" + target[rid]))
    rows = []
    for row in root.find("m:sheetData", NS):
        cells = {}
        for c in row:
            col = 0
            for ch in re.match("[A-Z]+", c.get("r")).group(0):
                col = col * 26 + ord(ch) - 64
            v = c.find("m:v", NS)
            t = c.get("t")
            if t == "s":
                cells[col - 1] = strings[int(v.text)]
            elif t == "inlineStr":
                cells[col - 1] = "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"]))
            elif v is not None:
                cells[col - 1] = float(v.text)
        rows.append([cells.get(i) for i in range(max(cells) + 1)] if cells else [])
    out[sh.get("name")] = {"rows": rows, "frozen": root.find(".//m:pane[@state='frozen']", NS) is not None,
                           "widths": len(root.findall(".//m:col", NS))}
print(json.dumps(out, ensure_ascii=False))
`;
  return JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8" }));
}

/** The CSV download's rows as arrays of cells. */
async function downloadCsvRows(page) {
  const lines = await downloadCsv(page);
  return lines.map((l) => {
    const cells = [];
    let cur = "";
    let quoted = false;
    for (let i = 0; i < l.length; i++) {
      const c = l[i];
      if (quoted) {
        if (c === '"' && l[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") { cells.push(cur); cur = ""; } else cur += c;
    }
    cells.push(cur);
    return cells;
  });
}

async function loadFile(page, name, mimeType, buffer) {
  await page.locator("#roster-file").setInputFiles({ name, mimeType, buffer });
  await page.getByRole("button", { name: "开始测算" }).click();
  await page.waitForSelector("body[data-roster-done]", { timeout: 120_000 });
}

const tallyText = (page) => page.locator("#roster-tally").innerText();

/** CRC-32 (zip's), for `workbook`. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A zip archive of `files` ({name: text}), stored (no compression), as an .xlsx is one. */
function zip(files) {
  const local = [];
  const central = [];
  let at = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, "utf8");
    const fname = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(0x0800, 6);
    head.writeUInt32LE(crc, 14); head.writeUInt32LE(data.length, 18); head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(fname.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt32LE(crc, 16); dir.writeUInt32LE(data.length, 20); dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(fname.length, 28); dir.writeUInt32LE(at, 42);
    local.push(head, fname, data);
    central.push(dir, fname);
    at += head.length + fname.length + data.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(central.length / 2, 8); end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(size, 12); end.writeUInt32LE(at, 16);
  return Buffer.concat([...local, ...central, end]);
}

/** An .xlsx of `sheets` ({name: rows}, a row an array of cells: a number is a number cell, a
 * string an inline string, null nothing), written here (rust_xlsxwriter is not in Node). */
function workbook(sheets) {
  const esc = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  const col = (i) => (i >= 26 ? String.fromCharCode(64 + Math.floor(i / 26)) : "") + String.fromCharCode(65 + (i % 26));
  const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const names = Object.keys(sheets);
  const files = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}</Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets>${names.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}</Relationships>`,
  };
  names.forEach((n, i) => {
    const rows = sheets[n].map((cells, r) => `<row r="${r + 1}">${cells.map((v, c) => v == null || v === "" ? "" : typeof v === "number"
      ? `<c r="${col(c)}${r + 1}"><v>${v}</v></c>`
      : `<c r="${col(c)}${r + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join("")}</row>`).join("");
    files[`xl/worksheets/sheet${i + 1}.xml`] = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;
  });
  return zip(files);
}

describe("spreadsheets in the roster page at 360 px", () => {
  test("an .xlsx roster gives the CSV roster's rows and totals; a CSV roster never loads the sheets module", async () => {
    const { csv, xlsx } = generated(150);
    const { page, finish, requests } = await open(PHONE);
    const sheetsRequests = () => requests.filter((u) => u.includes("/pkg/sheets/"));

    await loadFile(page, "村花名册.csv", "text/csv", csv);
    assert.equal(await page.locator("body").getAttribute("data-roster-done"), "150");
    const fromCsv = await downloadCsvRows(page);
    const csvTally = await tallyText(page);
    assert.deepEqual(sheetsRequests(), [], "no request for the sheets module with a CSV roster");

    await loadFile(page, "村花名册.xlsx", XLSX, xlsx);
    assert.ok(sheetsRequests().some((u) => u.endsWith("/pkg/sheets/huimin_bg.wasm")), `the sheets module is loaded for an .xlsx: ${sheetsRequests()}`);
    assert.equal(await page.locator("body").getAttribute("data-roster-done"), "150");
    assert.equal(await tallyText(page), csvTally, "the same totals");
    assert.deepEqual(await downloadCsvRows(page), fromCsv, "the same result rows");
    assert.ok(await scrollWidth(page) <= 360, `no sideways scrolling: ${await scrollWidth(page)}`);

    // 查看 on a sheet's row: the household's report, from the rows the worker kept.
    const card = page.locator("#roster-table tbody tr").nth(7);
    const household = await card.locator("td.c-household").evaluate((td) => td.lastChild.textContent);
    const report = page.evaluate(() => new Promise((resolve) => {
      document.querySelector("huimin-calculator").addEventListener("result", (e) => resolve(e.detail), { once: true });
    }));
    await card.getByRole("button", { name: "查看" }).click();
    const r = await report;
    assert.equal(r.household, household);
    const row = fromCsv.find((c) => c[1] === household);
    assert.equal(r.totals.perYear, row[5], "the report's yearly total is the row's");
    await finish();
  });

  test("the .xls fixture gives the rows of the same roster as CSV (its sheet rows 2 lower); 查看 opens H1", async () => {
    const { page, finish } = await open(PHONE);
    await loadFile(page, "roster.csv", "text/csv", Buffer.from(EXPORT, "utf8"));
    const fromCsv = await downloadCsvRows(page);
    const csvTally = await tallyText(page);
    assert.equal(fromCsv.length, 2);
    await loadFile(page, "county.xls", "application/vnd.ms-excel", readFileSync(path.join(ROOT, "tests", "fixtures", "roster.xls")));
    const fromXls = await downloadCsvRows(page);
    assert.deepEqual(fromXls.map((c) => [String(Number(c[0]) - 2), ...c.slice(1)]), fromCsv);
    assert.equal(await tallyText(page), csvTally);
    const r = await openReport(page, "H1");
    assert.ok(r.entitlements.some((e) => e.member === "m3" && e.amount === "10000.00"), "H1's freshman grant is in its report");
    assert.ok(await scrollWidth(page) <= 360);
    await finish();
  });

  test("下载Excel(.xlsx): the rows shown, as the CSV download has them, amounts as numbers; alerts and missing figures", async () => {
    const { page, finish, requests } = await open(PHONE);
    await loadSample(page);
    await page.locator("#roster-filter").selectOption({ label: "有提示的户" });
    await page.locator("th[data-key=perYear] button").click();
    const csvRows = await downloadCsvRows(page);
    assert.equal(csvRows.length, 20);
    assert.ok(!requests.some((u) => u.includes("/pkg/sheets/")), "a CSV roster and its CSV download load no sheets module");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "下载Excel(.xlsx)" }).click();
    const file = await (await download).path();
    assert.equal((await download).suggestedFilename(), "huimin-roster-results.xlsx");
    const book = readXlsx(file);
    assert.deepEqual(Object.keys(book), ["户", "提示", "需补充"]);
    const [header, ...rows] = book["户"].rows;
    assert.match(header.join(","), /^行号,户编号,地区代码/);
    assert.ok(book["户"].frozen && book["户"].widths > 0, "a frozen header and column widths");
    assert.equal(rows.length, csvRows.length, "the rows shown");
    let numbers = 0;
    rows.forEach((row, r) => {
      csvRows[r].forEach((want, c) => {
        const got = row[c] ?? "";
        if (typeof got === "number") {
          numbers++;
          assert.equal(got, Number(want), `row ${r} col ${c}`);
        } else assert.equal(got, want, `row ${r} col ${c}`);
      });
    });
    assert.equal(numbers, 20 * 21, "each row's line, 16 amounts and 4 counts are numbers");
    const alerts = book["提示"].rows.slice(1);
    assert.ok(alerts.length >= 20 && alerts.filter((a) => a[3] === "dibao.should_apply").length === 20, "every shown household's alert");
    assert.deepEqual([...new Set(alerts.map((a) => a[1]))].sort(), csvRows.map((c) => c[1]).sort());
    assert.ok(requests.some((u) => u.endsWith("/pkg/sheets/huimin_bg.wasm")), "the .xlsx download loads it");
    assert.ok(await scrollWidth(page) <= 360, `the new buttons fit: ${await scrollWidth(page)}`);
    await finish();
  });

  test("a workbook of two sheets: a select of its sheets; the chosen one is read; its unknown columns named", async () => {
    const { page, finish } = await open(PHONE);
    await loadFile(page, "roster.csv", "text/csv", Buffer.from(EXPORT, "utf8"));
    const fromCsv = await downloadCsvRows(page);
    // EXPORT's rows as a sheet: the date as a serial number, ages and amounts as numbers, the
    // income as text; after a sheet of notes.
    const [header, ...lines] = EXPORT.trim().split("\r\n");
    const cells = (l) => l.match(/("[^"]*"|[^,]*)(,|$)/g).map((f) => f.replace(/,$/, "").replace(/^"|"$/g, "")).slice(0, 20);
    const rows = [header.split(","), ...lines.map((l) => cells(l).map((v, c) =>
      c === 2 ? 42979 : v !== "" && /^\d+(\.\d+)?$/.test(v) && c !== 1 && c !== 4 && c !== 19 ? Number(v) : v))];
    const book = workbook({ "说明": [["本表为测试用花名册"]], "花名册": rows });
    await page.locator("#roster-file").setInputFiles({ name: "两表.xlsx", mimeType: XLSX, buffer: book });
    await page.waitForSelector("#roster-sheet-row:not([hidden])");
    assert.deepEqual(await page.locator("#roster-sheet option").allTextContents(), ["说明", "花名册"]);
    await page.locator("#roster-sheet").selectOption("花名册");
    await page.getByRole("button", { name: "开始测算" }).click();
    await page.waitForSelector("body[data-roster-done]", { timeout: 120_000 });
    assert.deepEqual(await downloadCsvRows(page), fromCsv, "the chosen sheet's results are the CSV's");
    assert.match(await page.locator("#roster-message").innerText(), /未能识别.*身份证号/);
    assert.ok(await scrollWidth(page) <= 360, `the select fits: ${await scrollWidth(page)}`);
    // The first sheet (the notes) has no household column: the page says so.
    await page.locator("#roster-sheet").selectOption("说明");
    await page.getByRole("button", { name: "开始测算" }).click();
    await page.waitForFunction(() => /户编号/.test(document.getElementById("roster-message").textContent));
    await finish();
  });
});
