// Issue 11 on the page: a date after what the sources vouch for is said at the top of the result
// and on each affected card; each card names its sources by title, issuer, 文号 and date — never
// a file name, never an English table row — and shows one confidence, the lowest it used.
// Needs a built www/pkg (scripts/build-wasm.sh). Run: node --test tests/page/trust.test.mjs
import { after, before, describe, test } from "node:test";
import { ARTIFACTS, servePage } from "./harness.mjs";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";

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
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 900 } });
  const problems = [];
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e}`));
  await page.goto(base);
  await page.locator("huimin-calculator form").waitFor();
  return { context, page, problems };
}

function nextResult(page) {
  return page.evaluate(() => new Promise((resolve) => {
    document.querySelector("huimin-calculator").addEventListener("result", (e) => resolve(e.detail), { once: true });
  }));
}

/** A 昆都仑区 registered-poor household (a chronic patient, a freshman) on `date`, through the form. */
async function fill(page, date) {
  await page.getByLabel("所在地").selectOption("150203");
  await page.getByLabel("测算日期").fill(date);
  await page.getByRole("checkbox", { name: "建档立卡贫困户（未脱贫）" }).check();
  await page.getByLabel("家庭年纯收入（元）").fill("9600");
  const m1 = page.getByRole("group", { name: /^成员 1/ });
  await m1.getByLabel("年龄（周岁）").fill("60");
  await m1.getByRole("checkbox", { name: "患慢性病，常年服药" }).check();
  await m1.getByLabel("今年医保目录内自付（元）").fill("5200");
  await page.getByRole("button", { name: "添加成员" }).click();
  const m2 = page.getByRole("group", { name: /^成员 2/ });
  await m2.getByLabel("年龄（周岁）").fill("18");
  await m2.getByRole("checkbox", { name: "在校学生（含幼儿园）" }).check();
  await m2.getByLabel("学段").selectOption({ label: "本科" });
  await m2.getByRole("checkbox", { name: "本学年新入学（新生）" }).check();
  const result = nextResult(page);
  await page.getByRole("button", { name: "计算", exact: true }).click();
  return result;
}

const ARTICLE = "聚焦问题 率先脱贫 我区走出中心城区脱贫改革新路子";

/** Every card's text, the not-eligible ones opened too and every step list unfolded. */
async function allCards(page) {
  const more = page.locator("huimin-calculator details.not-eligible > summary");
  if (await more.count()) await more.click();
  await page.locator("huimin-calculator details.steps").evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
  return page.locator("huimin-calculator article.card").evaluateAll((cards) =>
    cards.map((c) => ({ programme: c.dataset.programme, text: c.textContent })));
}

describe("trust on the page", () => {
  test("after the article's years: the stale warning at the top and on each card, the amounts kept", async () => {
    const { context, page, problems } = await open();
    const report = await fill(page, "2026-12-01");
    assert.ok(report.warnings.some((w) => w.code === "policy.stale"), "the report warns");

    const top = page.locator("huimin-calculator .stale-top");
    await top.waitFor();
    const topText = await top.innerText();
    assert.match(topText, new RegExp(`《${ARTICLE}》`));
    assert.match(topText, /9年/);
    // At the top: before the totals and before every card.
    const order = await page.evaluate(() => {
      const root = document.querySelector("huimin-calculator");
      const q = (s) => root.querySelector(s) ?? root.shadowRoot?.querySelector(s);
      const stale = q(".stale-top");
      const before = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
      return { totals: before(stale, q(".totals")), card: before(stale, q("article.card")) };
    });
    assert.deepEqual(order, { totals: true, card: true });

    // Each local card: its amount of 2017, and the marker.
    for (const [programme, amount] of [["kundulun.medical.chronic", "1,100.00 元"], ["kundulun.education.undergraduate_freshman", "10,000.00 元"]]) {
      const card = page.locator(`huimin-calculator article.card[data-programme="${programme}"]`).first();
      await card.scrollIntoViewIfNeeded();
      const text = await card.innerText();
      assert.ok(text.includes(amount), `${programme}: ${text}`);
      assert.match(await card.locator(".stale-note").innerText(), /请向当地核实/);
    }

    const cards = await allCards(page);
    assert.ok(cards.length > 5, `${cards.length} cards`);
    for (const { programme, text } of cards) {
      // Sources by title, never a file name; no English table row ("… | … | V | same").
      assert.doesNotMatch(text, /\.txt|national-quotes\.md|national-baseline\.md|\.md\b/, `${programme}: ${text}`);
      assert.doesNotMatch(text, /\s\|\s/, `${programme}: ${text}`);
      // One confidence a card, never "V 官方原文" beside "可信度较低".
      assert.ok((text.match(/可信度：/g) || []).length <= 1, `${programme}: ${text}`);
      assert.ok(!(text.includes("V 官方原文") && text.includes("可信度较低")), `${programme}: ${text}`);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, "trust-2026.png"), fullPage: true });
    await context.close();
    assert.deepEqual(problems, []);
  });

  test("the insurance card shows the rule's sentence and the premium's, with the lower confidence", async () => {
    const { context, page, problems } = await open();
    const report = await fill(page, "2018-09-01");
    const e = report.entitlements.find((x) => x.programme === "kundulun.insurance.medical_premium" && x.member === "m1");
    assert.equal(e.amount, "220.00");
    assert.equal(e.confidence, "V2");
    const card = page.locator(`huimin-calculator article.card[data-programme="kundulun.insurance.medical_premium"]`).first();
    await card.scrollIntoViewIfNeeded();
    const text = await card.textContent();
    // The local rule (paid in full) and the national premium's own sentence, each with its document.
    assert.match(text, /全额补贴/);
    assert.match(text, new RegExp(`《${ARTICLE}》`));
    assert.match(text, /达到每人每年220元/);
    assert.match(text, /《关于做好2018年城乡居民医疗保险工作的通知》/);
    assert.match(text, /可信度：V2/);
    assert.doesNotMatch(text, /V 官方原文/);
    // 2018 is after the article's years too: marked, and no stale warning in 2017.
    await context.close();
    assert.deepEqual(problems, []);

    const again = await open();
    const r2017 = await fill(again.page, "2017-09-01");
    assert.ok(!r2017.warnings.some((w) => w.code === "policy.stale"));
    assert.equal(await again.page.locator("huimin-calculator .stale-top").count(), 0);
    await again.context.close();
    assert.deepEqual(again.problems, []);
  });

  test("a date before any policy: the error beside the date names the earliest date with policy", async () => {
    const { context, page, problems } = await open();
    await page.getByLabel("所在地").selectOption("150203");
    await page.getByLabel("测算日期").fill("2010-06-01");
    await page.getByRole("group", { name: /^成员 1/ }).getByLabel("年龄（周岁）").fill("45");
    await page.getByRole("button", { name: "计算", exact: true }).click();
    const summary = page.getByRole("alert");
    await summary.waitFor();
    assert.match(await summary.innerText(), /测算日期早于本地区最早的政策\(2010-09-01起\)/);
    assert.equal(await page.getByLabel("测算日期").getAttribute("aria-invalid"), "true");
    await context.close();
    assert.deepEqual(problems, []);
  });
});
