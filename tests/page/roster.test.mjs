// The roster mode (www/roster.html) in Debian's Chromium, run with `node --test` by
// scripts/test-page.sh: a CSV export with a bad row in the middle, a GBK file, a JSON Lines file;
// the table, a row's full report in the calculator, the CSV download; nothing leaves 127.0.0.1.
import { after, before, test } from "node:test";
import { ARTIFACTS, servePage } from "./harness.mjs";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
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

async function open() {
  const context = await browser.newContext({ locale: "zh-CN", acceptDownloads: true });
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
  assert.match(lines[2], /^4,H2,/);
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
