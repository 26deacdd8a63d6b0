// The household on a cheap phone (issue 12), in Debian's Chromium (playwright-core from .tools),
// run with `node --test`: the guided path at 360 × 740 for a four-person household, counted step
// by step; amounts and ages as people write them; language and 大字 after calculating, with every
// value still there; the charts' numbers against the report and the engine; read aloud with a
// stubbed speechSynthesis; the form usable before the WebAssembly is ready. Screenshots of each
// guided step and of the result go to $HUIMIN_SCREENS (default tests/artifacts/screens/).
// Needs a built www/pkg (scripts/build-wasm.sh).
import { after, before, describe, test } from "node:test";
import { ARTIFACTS, servePage } from "./harness.mjs";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";

const SCREENS = process.env.HUIMIN_SCREENS || path.join(ARTIFACTS, "screens");
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

let stop;
let base;
let browser;

before(async () => {
  mkdirSync(SCREENS, { recursive: true });
  ({ base, browser, stop } = await servePage());
});

after(async () => {
  await stop?.();
});

/**
 * A stubbed speech synthesis, installed before the page loads: `getVoices()` gives what
 * `window.__voices` holds (a Chinese voice unless told otherwise), `speak` records each utterance
 * in `window.__spoken`, `window.__fireVoices()` announces a change of voices.
 */
function stubSpeech(voices) {
  const listeners = [];
  window.__voices = voices;
  window.__spoken = [];
  window.__fireVoices = () => listeners.forEach((f) => f(new Event("voiceschanged")));
  window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.lang = ""; this.voice = null; this.onend = null; this.onerror = null; }
  };
  const synth = {
    getVoices: () => window.__voices,
    speak: (u) => {
      window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? null });
      setTimeout(() => u.onend?.(), 0);
    },
    cancel: () => {},
    pause: () => {},
    resume: () => {},
    speaking: false,
    pending: false,
    addEventListener: (type, f) => { if (type === "voiceschanged") listeners.push(f); },
    removeEventListener: () => {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
}

/** A page in a new context, with the speech stub, recording page errors and requests. */
async function open(options = {}, voices = [{ name: "stub-zh", lang: "zh-CN" }]) {
  const context = await browser.newContext({ locale: "zh-CN", ...options });
  const problems = [];
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  await page.addInitScript(stubSpeech, voices);
  page.on("pageerror", (e) => problems.push(`pageerror: ${e}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  return {
    context, page, problems,
    async finish() {
      const origin = new URL(base).origin;
      await context.close();
      assert.deepEqual(requests.filter((u) => !(u.startsWith(origin + "/") || u.startsWith("data:") || u.startsWith("blob:"))), [],
        "no request leaves 127.0.0.1");
      assert.deepEqual(problems, [], "no page error");
    },
  };
}

const calc = (page) => page.locator("huimin-calculator");
const ready = (page) => page.waitForFunction(() => document.querySelector("huimin-calculator")?.hasAttribute("data-ready"));
const frame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** The report of the next `result` event. */
function nextResult(page) {
  return page.evaluate(() => new Promise((resolve) => {
    document.querySelector("huimin-calculator").addEventListener("result", (e) => resolve(e.detail), { once: true });
  }));
}

/**
 * Where the guided path is: its step number and count, the step's own height (scrollHeight), how
 * far down the page its Next (or Calculate) button ends, and the page's width.
 */
async function where(page) {
  await frame(page);
  return page.evaluate(() => {
    const root = document.querySelector("huimin-calculator").shadowRoot;
    const step = root.querySelector(".guided");
    const g = step?.querySelector(".progress");
    const next = step?.querySelector(".step-nav .primary");
    return {
      step: Number(g?.dataset.step), steps: Number(g?.dataset.steps), height: step?.scrollHeight,
      nextAt: Math.round(next.getBoundingClientRect().bottom + window.scrollY), page: document.documentElement.scrollHeight,
      width: document.documentElement.scrollWidth,
    };
  });
}

const group = (page, name) => page.getByRole("group", { name });

/** Holds the page's .wasm back: `release()` lets it go; `served` settles once it has been sent. */
async function holdWasm(page) {
  let release, sent;
  const held = new Promise((r) => { release = r; });
  const served = new Promise((r) => { sent = r; });
  await page.route("**/pkg/huimin_bg.wasm", async (route) => { await held; await route.continue(); sent(); });
  return { release, served };
}

/** The shortest guided path, up to its Calculate button: the date, one adult of 45, an income. */
async function fillShortPath(page) {
  await page.getByLabel("测算日期").fill("2017-09-01");
  await page.getByRole("button", { name: "下一步" }).click();
  await group(page, /^成员 1/).getByLabel("年龄（周岁）").fill("45");
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByLabel("家庭年纯收入（元）").fill("9600");
}

describe("the household on a phone (360 × 740)", () => {
  test("the guided path: a four-person household reaches its answer in 6 screens, none over two screen heights", async (t) => {
    const s = await open(PHONE);
    const { page } = s;
    await page.goto(base);
    await ready(page);
    const screens = [];
    const snap = async (name) => {
      const w = await where(page);
      screens.push({ name, ...w });
      await page.screenshot({ path: path.join(SCREENS, `guided-step${w.step}-${name}.png`), fullPage: true });
      assert.ok(w.height <= 2 * 740, `${name}: the step is ${w.height}px high at 360 × 740 (at most ${2 * 740})`);
      assert.ok(w.nextAt <= 2 * 740, `${name}: its button ends ${w.nextAt}px down the page (at most ${2 * 740})`);
      assert.ok(w.width <= 360, `${name}: ${w.width}px wide (no sideways scrolling)`);
      return w;
    };

    // 1. where and when
    let w = await snap("where");
    assert.equal(w.step, 1);
    assert.equal(await page.getByText("第 1 步，共 5 步").count(), 1, "a progress line");
    await page.getByLabel("所在地").selectOption("150203");
    await page.getByLabel("测算日期").fill("2017-09-01");
    await page.getByRole("checkbox", { name: "建档立卡贫困户（未脱贫）" }).check();
    await page.getByRole("button", { name: "下一步" }).click();

    // 2. who lives here: an age per person, as people write them
    w = await snap("who-empty");
    assert.equal(w.step, 2);
    screens.pop(); // the same step, drawn again below with everyone in it
    await group(page, /^成员 1/).getByLabel("年龄（周岁）").fill("70岁");
    await group(page, /^成员 1/).getByLabel("称呼（可不填）").fill("奶奶");
    for (const age of ["45", "９", "18"]) {
      await page.getByRole("button", { name: "再加一位家人" }).click();
      const n = await page.getByRole("group", { name: /^成员 \d/ }).count();
      await group(page, new RegExp(`^成员 ${n}`)).getByLabel("年龄（周岁）").fill(age);
    }
    await snap("who");
    await page.getByRole("button", { name: "下一步" }).click();

    // 3. school: only the members of school age; the 9-year-old's box starts ticked, at primary
    w = await snap("school");
    assert.equal(w.step, 3);
    assert.equal(await page.getByRole("group", { name: /^成员 \d/ }).count(), 2, "only the 9- and 18-year-old are asked about school");
    const pupil = group(page, /^成员 3（9岁）/);
    assert.equal(await pupil.getByRole("checkbox", { name: "在校学生（含幼儿园）" }).isChecked(), true);
    assert.equal(await pupil.getByLabel("学段").inputValue(), "primary");
    const student = group(page, /^成员 4（18岁）/);
    await student.getByRole("checkbox", { name: "在校学生（含幼儿园）" }).check();
    assert.equal(await student.getByLabel("学段").inputValue(), "undergraduate", "a stage suggested by age");
    await student.getByRole("checkbox", { name: "本学年新入学（新生）" }).check();
    await snap("school-filled");
    screens.pop();
    await page.getByRole("button", { name: "下一步" }).click();

    // 4. health: the grandparent's chronic illness, with what the region's policy says of the list
    w = await snap("health");
    assert.equal(w.step, 4);
    const granny = group(page, /^成员 1：奶奶（70岁）/);
    await granny.getByRole("checkbox", { name: "患慢性病，常年服药" }).check();
    const note = await granny.locator(".chronic-note").innerText();
    assert.match(note, /国家规定的?24种/, "the region's own words on the listed diseases");
    assert.match(note, /没有列出具体病种/, "no list is made up");
    assert.match(note, /村委会|医保办/, "where to ask");
    assert.equal(await granny.getByRole("checkbox", { name: "属于规定的慢性病种" }).isChecked(), true);
    await granny.getByLabel("今年医保目录内自付（元）").fill("5,200元");
    // no pension box while the pack gives no contributing ages (and never for the 9-year-old)
    assert.equal(await page.getByRole("checkbox", { name: "参加城乡居民养老保险" }).count(), 0);
    await snap("health-filled");
    screens.pop();
    await page.getByRole("button", { name: "下一步" }).click();

    // 5. income, as written on a form
    w = await snap("income");
    assert.equal(w.step, 5);
    assert.match(await page.locator("huimin-calculator .guided").innerText(), /村委会/, "where to find the 低保 standard");
    await page.getByLabel("家庭年纯收入（元）").fill("９，６００元");
    const result = nextResult(page);
    await page.getByRole("button", { name: "计算", exact: true }).click();
    const report = await result;

    // 6. the answer
    await page.getByRole("heading", { name: "测算结果" }).waitFor();
    assert.equal(await page.locator("huimin-calculator .guided").isVisible(), false, "the questions make way for the answer");
    screens.push({ name: "result" });
    // the answer as it first shows (the results' heading is focused and scrolled to), then each part
    await frame(page);
    await page.screenshot({ path: path.join(SCREENS, `guided-step${screens.length}-result.png`) });
    for (const [selector, file] of [[".chart-bars", "result-bars"], ["section.area-education", "result-education"], [".chart-curve", "result-curve"]]) {
      // scrolled to, and the cards above it laid out (they are drawn only near the screen), then taken
      const part = page.locator(`huimin-calculator ${selector}`);
      await part.scrollIntoViewIfNeeded();
      await frame(page);
      await part.scrollIntoViewIfNeeded();
      await frame(page);
      await part.screenshot({ path: path.join(SCREENS, `${file}.png`) });
    }
    assert.ok(screens.length <= 6, `the answer on screen ${screens.length} (at most 6): ${screens.map((x) => x.name).join(", ")}`);
    // (the heights, for the report: `node --test` prints diagnostics)
    t.diagnostic(screens.map((x) => `${x.name}: step ${x.height ?? "-"}px, button at ${x.nextAt ?? "-"}px, page ${x.page ?? "-"}px`).join("; "));

    // The household as the engine read it: "９，６００元" → 9600, "70岁" → 70, "９" → 9, "5,200元" → 5200.
    const household = await calc(page).evaluate((el) => el.household);
    assert.equal(household.annualNetIncome, "9600");
    assert.deepEqual(household.members.map((m) => m.age), [70, 45, 9, 18]);
    assert.equal(household.members[0].chronic.selfPayInCatalog, "5200");
    // Worked out by hand from packs/cn-150203.json (a registered-poor household of 4, 2017):
    // premiums 130 × 4 = 520; chronic (5200 − 3000) × 50% = 1100; the pupil's compulsory-stage
    // grant 2000 a year; the freshman's 10000 once.
    const amount = (programme, member) => report.entitlements.find((e) => e.programme === programme && e.member === member)?.amount;
    assert.equal(amount("kundulun.insurance.medical_premium", "m1"), "130.00");
    assert.equal(amount("kundulun.medical.chronic", "m1"), "1100.00");
    assert.equal(amount("kundulun.education.compulsory", "m3"), "2000.00");
    assert.equal(amount("kundulun.education.undergraduate_freshman", "m4"), "10000.00");
    assert.equal(report.totals.once, "10000.00");
    const totals = await page.locator("huimin-calculator .totals").innerText();
    assert.match(totals, /一次性合计\s*10,000\.00 元/);
    await s.finish();
  });

  test("the charts' numbers: bars are totals.byArea, curve points are evaluate() at their incomes, lines from the figures", async () => {
    const s = await open({ viewport: { width: 360, height: 740 } });
    const { page } = s;
    await page.goto(base);
    await ready(page);
    const household = {
      region: "150203", asOf: "2017-09-01", status: ["registered_poor"], annualNetIncome: "9600",
      members: [
        { id: "m1", age: 70, chronic: { listed: true, selfPayInCatalog: "5200" } },
        { id: "m2", age: 45 }, { id: "m3", age: 9, school: { stage: "primary" } },
        { id: "m4", age: 18, school: { stage: "undergraduate", freshman: true } },
      ],
    };
    // without the 低保 standard: the lines it needs are left out, and the page says so
    await calc(page).evaluate((el, hh) => { el.household = hh; }, household);
    let report = await calc(page).evaluate((el) => el.evaluate());
    await page.locator("huimin-calculator [data-chart=income]").waitFor();
    const unknown = () => page.locator("huimin-calculator [data-unknown-line]").evaluateAll((els) => els.map((e) => e.dataset.unknownLine));
    assert.deepEqual(await unknown(), ["dibaoStop", "monitoring", "margin"]);
    // with it (450 a month) in 2017: 低保 stops at 450 × 12 × 4 = 21,600 a year; the poverty line
    // of 2017 and the multiples (from 2020 and 2023) are not in the packs, so neither is the
    // monitoring line nor the margin
    await calc(page).evaluate((el, hh) => { el.household = { ...hh, overrides: { dibaoStandardMonthly: "450" } }; }, household);
    await calc(page).evaluate((el) => el.evaluate());
    assert.deepEqual(await unknown(), ["monitoring", "margin"]);
    const lines = () => page.locator("huimin-calculator svg.curve .mark").evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.dataset.line, e.dataset.income])));
    assert.deepEqual(await lines(), { dibaoStop: "21600.00" });
    // in 2020: the monitoring line is the poverty line 4000 × 1.5 per person, × 4 = 24,000
    household.asOf = "2020-06-01";
    household.overrides = { dibaoStandardMonthly: "450" };
    await calc(page).evaluate((el, hh) => { el.household = hh; }, household);
    report = await calc(page).evaluate((el) => el.evaluate());
    assert.deepEqual(await unknown(), ["margin"]);
    assert.deepEqual(await lines(), { dibaoStop: "21600.00", monitoring: "24000.00" });
    const curve = page.locator("huimin-calculator .chart-curve");
    await curve.scrollIntoViewIfNeeded();
    await frame(page);
    await curve.scrollIntoViewIfNeeded();
    await frame(page);
    await curve.screenshot({ path: path.join(SCREENS, "curve-2020-with-dibao-standard.png") });

    // bars: one per area with a yearly amount, each the report's byArea figure
    const bars = await page.locator("huimin-calculator .chart-bars .bar-fill").evaluateAll((els) =>
      els.map((e) => [e.dataset.area, e.dataset.value]));
    const expected = Object.entries(report.totals.byArea).filter(([, x]) => x.perYear !== "0.00").map(([a, x]) => [a, x.perYear]);
    assert.deepEqual(bars.sort(), expected.sort());
    assert.ok(bars.length >= 3, "medical, insurance, education at least");
    // the table behind: every area with an amount, per year and once
    const table = await page.locator("huimin-calculator .chart-bars table tbody tr").evaluateAll((rows) =>
      rows.map((r) => [...r.children].map((c) => c.textContent)));
    const withAmount = Object.entries(report.totals.byArea).filter(([, x]) => x.perYear !== "0.00" || x.once !== "0.00");
    assert.equal(table.length, withAmount.length);
    const money = (a) => `${a.replace(/\B(?=(\d{3})+(?!\d))/g, ",")} 元`;
    for (const [area, x] of withAmount) {
      assert.ok(table.some((row) => row[1] === money(x.perYear) && row[2] === money(x.once)), `${area}: ${JSON.stringify(table)}`);
    }

    // the curve: 40 points from 0 to 2 × 21,600, each the engine's answer for that income
    const points = await page.locator("huimin-calculator svg.curve circle.point").evaluateAll((els) =>
      els.map((e) => ({ income: e.dataset.income, perYear: e.dataset.perYear, withApplied: e.dataset.withApplied })));
    assert.equal(points.length, 40);
    assert.equal(points[0].income, "0.00");
    assert.equal(points[39].income, "43200.00");
    const again = await page.evaluate(async ({ hh, incomes }) => {
      const m = await import("/pkg/huimin.js");
      return incomes.map((income) => {
        const r = m.evaluate({ ...hh, annualNetIncome: income });
        const fen = (a) => Math.round(Number(a) * 100);
        return { income, perYear: r.totals.perYear,
          withApplied: ((fen(r.totals.perYear) + fen(r.totals.ifApproved.perYear)) / 100).toFixed(2) };
      });
    }, { hh: household, incomes: points.map((p) => p.income) });
    assert.deepEqual(points, again);
    // 低保 (applied for, not yet granted) falls to nothing where it stops: with it below, without it above
    const at = (x) => points.find((p) => p.income === x);
    assert.ok(Number(at("0.00").withApplied) > Number(at("0.00").perYear), "below the line the 低保 gap is there to apply for");
    const above = points.filter((p) => Number(p.income) >= 21600);
    assert.ok(above.every((p) => p.withApplied === above[0].withApplied || Number(p.withApplied) <= Number(above[0].withApplied)));
    const rows = await page.locator("huimin-calculator .chart-curve table tbody tr").count();
    assert.equal(rows, 40, "a table row behind each point");
    // printable: the charts stay, their tables go
    await page.emulateMedia({ media: "print" });
    assert.ok(await page.locator("huimin-calculator .chart-bars .bars").isVisible());
    assert.equal(await page.locator("huimin-calculator .chart-data").first().isVisible(), false);
    await page.emulateMedia({ media: "screen" });
    await page.screenshot({ path: path.join(SCREENS, "charts.png"), fullPage: true });
    await s.finish();
  });

  test("language and 大字 after calculating keep every value and the local figures; 大字 enlarges the whole page", async () => {
    const s = await open(PHONE);
    const { page } = s;
    await page.goto(base);
    await ready(page);
    // the full form, as a cadre on a phone uses it
    await page.getByRole("button", { name: "完整表格" }).click();
    await page.getByLabel("所在地").selectOption("150203");
    await page.getByLabel("测算日期").fill("2017-09-01");
    await page.getByRole("checkbox", { name: "建档立卡贫困户（未脱贫）" }).check();
    await page.getByLabel("家庭年纯收入（元）").fill("9,600元");
    const m1 = group(page, /^成员 1/);
    await m1.getByLabel("称呼（可不填）").fill("张三");
    await m1.getByLabel("年龄（周岁）").fill("４５岁");
    await page.getByRole("button", { name: "添加成员" }).click();
    const m2 = group(page, /^成员 2/);
    await m2.getByLabel("年龄（周岁）").fill("72");
    await m2.getByRole("checkbox", { name: "患慢性病，常年服药" }).check();
    await m2.getByLabel("今年医保目录内自付（元）").fill("5200");
    await page.getByText("本地数据（工作人员填写）").click();
    await page.getByLabel("本地农村低保标准(元/人·月)").fill("450");
    await page.getByLabel("城乡居民养老保险参保最低年龄").fill("16");
    await page.getByLabel("城乡居民养老保险缴费最高年龄").fill("59");
    const result = nextResult(page);
    await page.getByRole("button", { name: "计算", exact: true }).click();
    await result;
    await page.getByRole("heading", { name: "测算结果" }).waitFor();
    // the contributing ages given, the pension box shows for the 45-year-old only, ticked
    assert.equal(await m1.getByRole("checkbox", { name: "参加城乡居民养老保险" }).isChecked(), true);
    assert.equal(await m2.getByRole("checkbox", { name: "参加城乡居民养老保险" }).count(), 0);

    const values = async () => calc(page).evaluate((el) => [...el.shadowRoot.querySelectorAll("input, select")]
      .filter((x) => x.type !== "file" && x.getClientRects().length)
      .map((x) => (x.type === "checkbox" ? x.checked : x.value)));
    const before = await values();
    assert.ok(before.includes("450") && before.includes("16") && before.includes("59") && before.includes("４５岁"));
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.getByRole("heading", { name: "Results" }).waitFor();
    assert.deepEqual(await values(), before, "every value and local figure kept in English");
    assert.equal(await page.getByRole("button", { name: "Calculate again" }).count(), 1, "still 'calculate again'");
    await page.getByRole("button", { name: "Large text" }).click();
    await page.getByRole("button", { name: "切换到中文" }).click();
    await page.getByRole("heading", { name: "测算结果" }).waitFor();
    assert.deepEqual(await values(), before, "and back in Chinese, in large text");
    assert.equal(await page.getByRole("button", { name: "重新计算" }).count(), 1);
    assert.equal(await page.getByLabel("本地农村低保标准(元/人·月)").inputValue(), "450");

    // 大字: the page header grows too; nothing is cut or scrolls sideways; the place's whole name shows
    const look = await page.evaluate(() => {
      const host = document.querySelector("huimin-calculator");
      const name = host.shadowRoot.querySelector(".region-name");
      return {
        large: document.documentElement.classList.contains("large"),
        h1: parseFloat(getComputedStyle(document.querySelector("h1")).fontSize),
        width: document.documentElement.scrollWidth,
        name: name.textContent, nameFits: name.scrollWidth <= name.clientWidth,
        // the chosen place's own name fits in its select (measured in the select's font)
        selectFits: (() => {
          const sel = host.shadowRoot.querySelector('select[data-path="region"]');
          const ctx = document.createElement("canvas").getContext("2d");
          ctx.font = getComputedStyle(sel).font;
          return ctx.measureText(sel.selectedOptions[0].text).width <= sel.clientWidth - 32;
        })(),
        cut: [...host.shadowRoot.querySelectorAll("button, label, select, h2, h3, legend")]
          .filter((e) => e.getClientRects().length && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible")
          .map((e) => e.textContent.slice(0, 30)),
      };
    });
    assert.equal(look.large, true);
    assert.ok(look.h1 >= 27, `the page header is enlarged (${look.h1}px)`);
    assert.ok(look.width <= 360, `no sideways scrolling (${look.width}px)`);
    assert.match(look.name, /包头市.*昆都仑区/);
    assert.ok(look.nameFits, "the place's name wraps instead of being cut");
    assert.ok(look.selectFits, "the place's own name fits in the select");
    assert.deepEqual(look.cut, [], "no control's text is clipped");
    await page.screenshot({ path: path.join(SCREENS, "large-text.png"), fullPage: false });
    await s.finish();
  });

  test("read aloud: the summary and each card, in the page's language, only where there is a voice", async () => {
    const s = await open(PHONE);
    const { page } = s;
    await page.goto(base);
    await ready(page);
    const report = await calc(page).evaluate(async (el) => {
      el.household = { region: "150203", asOf: "2017-09-01", status: ["registered_poor"], annualNetIncome: "9600",
        members: [{ id: "m1", age: 18, school: { stage: "undergraduate", freshman: true } }, { id: "m2", age: 45 }] };
      return el.evaluate();
    });
    const button = page.getByRole("button", { name: /朗读结果/ });
    await button.click();
    await page.waitForFunction(() => window.__spoken.length > 2);
    const spoken = await page.evaluate(() => window.__spoken);
    assert.match(spoken[0].text, /每年合计260元/, "the summary first (130 × 2 premiums)");
    assert.match(spoken[0].text, /一次性合计10000元/);
    assert.ok(spoken.every((u) => u.lang === "zh-CN" && u.voice === "stub-zh"));
    const freshman = spoken.find((u) => /本科新生/.test(u.text));
    assert.ok(freshman, "each card is read");
    assert.match(freshman.text, /10000元/);
    assert.match(freshman.text, /如何办理/, "with its next step");
    const cards = report.entitlements.filter((e) => e.status !== "not_eligible").length;
    assert.equal(spoken.length, 1 + report.alerts.length + cards);

    // English: no English voice on this device, so no button; one arrives, and the button with it
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.getByRole("heading", { name: "Results" }).waitFor();
    assert.equal(await page.getByRole("button", { name: /Read aloud/ }).count(), 0);
    await page.evaluate(() => { window.__voices.push({ name: "stub-en", lang: "en-US" }); window.__fireVoices(); });
    await page.getByRole("button", { name: /Read aloud/ }).click();
    await page.waitForFunction(() => window.__spoken.some((u) => u.lang === "en"));
    const en = await page.evaluate(() => window.__spoken.filter((u) => u.lang === "en"));
    assert.match(en[0].text, /260 yuan per year/);
    assert.ok(en.every((u) => u.voice === "stub-en"));
    await s.finish();
  });

  test("no voice at all: no read-aloud button", async () => {
    const s = await open(PHONE, []);
    const { page } = s;
    await page.goto(base);
    await ready(page);
    await calc(page).evaluate(async (el) => {
      el.household = { region: "150203", asOf: "2017-09-01", members: [{ id: "m1", age: 45 }] };
      await el.evaluate();
    });
    await page.getByRole("heading", { name: "测算结果" }).waitFor();
    assert.equal(await page.getByRole("button", { name: /朗读/ }).count(), 0);
    await s.finish();
  });

  test("a wrong answer on the guided path: back to its step, the error beside it, nothing else lost", async () => {
    const s = await open(PHONE);
    const { page } = s;
    await page.goto(base);
    await ready(page);
    await page.getByLabel("测算日期").fill("2017-09-01");
    await page.getByRole("button", { name: "下一步" }).click();
    await group(page, /^成员 1/).getByLabel("年龄（周岁）").fill("四十五");
    for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "下一步" }).click();
    await page.getByLabel("家庭年纯收入（元）").fill("9,600元");
    await page.getByRole("button", { name: "计算", exact: true }).click();
    await page.getByRole("alert").waitFor();
    assert.equal(await page.getByText("第 2 步，共 5 步").count(), 1, "back on the step that asks for ages");
    const age = group(page, /^成员 1/).getByLabel("年龄（周岁）");
    assert.equal(await age.getAttribute("aria-invalid"), "true");
    assert.equal(await age.inputValue(), "四十五");
    await page.screenshot({ path: path.join(SCREENS, "guided-error.png"), fullPage: true });
    await age.fill("45岁");
    // no one of school age now: the school step drops out
    for (let i = 0; i < 2; i++) await page.getByRole("button", { name: "下一步" }).click();
    assert.equal(await page.getByText("第 4 步，共 4 步").count(), 1);
    assert.equal(await page.getByLabel("家庭年纯收入（元）").inputValue(), "9,600元", "the income is still there");
    const result = nextResult(page);
    await page.getByRole("button", { name: "计算", exact: true }).click();
    assert.equal((await result).asOf, "2017-09-01");
    await s.finish();
  });

  test("the form is usable before the WebAssembly is ready; Calculate waits for it", async () => {
    const s = await open(PHONE);
    const { page } = s;
    const { release } = await holdWasm(page);
    await page.goto(base);
    await page.getByText("第 1 步，共 5 步").waitFor();
    assert.equal(await calc(page).evaluate((el) => el.hasAttribute("data-ready")), false, "the module is still held back");
    await fillShortPath(page);
    const result = nextResult(page);
    await page.getByRole("button", { name: "计算", exact: true }).click();
    await page.getByText("计算器还在加载").waitFor();
    release();
    const report = await result;
    assert.equal(report.asOf, "2017-09-01");
    assert.equal(report.region, "150203", "the first county, chosen once the places are known");
    await s.finish();
  });

  test("the engine's first use waits until the form is on screen", async () => {
    const s = await open(PHONE);
    const { page } = s;
    await page.addInitScript(() => {
      // the first frame with a form control laid out (as scripts/bench-first.mjs times "form")
      const look = () => {
        const input = document.querySelector("huimin-calculator")?.shadowRoot?.querySelector("form:not([hidden]) select, form:not([hidden]) input");
        if (input && input.getClientRects().length) window.__formAt = performance.now();
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await page.goto(base);
    await ready(page);
    const t = await page.evaluate(() => ({
      form: window.__formAt,
      warm: performance.getEntriesByName("huimin-warm-up", "measure")[0],
    }));
    assert.ok(t.warm, "the warm-up ran (User Timing measure huimin-warm-up)");
    assert.ok(t.form > 0 && t.form <= t.warm.startTime, `form on screen at ${t.form} ms, warm-up from ${t.warm.startTime} ms`);
    await s.finish();
  });

  test("Calculate between the engine's arrival and ready waits for ready (its places, the default county)", async () => {
    const s = await open(PHONE);
    const { page } = s;
    // no animation frames: the warm-up waits its full second after the module arrives
    await page.addInitScript(() => { window.requestAnimationFrame = () => 0; });
    const { release, served } = await holdWasm(page);
    await page.goto(base);
    await fillShortPath(page);
    release();
    await served;
    await page.waitForFunction(() => performance.getEntriesByType("resource").some((r) => r.name.endsWith(".wasm") && r.responseEnd > 0));
    await page.waitForTimeout(300);
    assert.equal(await calc(page).evaluate((el) => el.hasAttribute("data-ready")), false, "the engine is loaded, not yet ready");
    // the next answer, a report or errors
    const answer = page.evaluate(() => new Promise((resolve) => {
      const el = document.querySelector("huimin-calculator");
      el.addEventListener("result", (e) => resolve({ report: e.detail }), { once: true });
      el.addEventListener("invalid", (e) => resolve({ errors: e.detail.errors }), { once: true });
    }));
    await page.getByRole("button", { name: "计算", exact: true }).click();
    const { report, errors } = await answer;
    assert.equal(errors, undefined, "no errors");
    assert.equal(report.region, "150203", "the first county, chosen once the places are known");
    await s.finish();
  });

  test("a page that paints nothing (a background tab) still gets its engine ready", async () => {
    const s = await open(PHONE);
    const { page } = s;
    await page.addInitScript(() => {
      // a hidden tab: no animation frames
      Object.defineProperty(document, "hidden", { value: true, configurable: true });
      window.requestAnimationFrame = () => 0;
    });
    await page.goto(base);
    await ready(page);
    assert.ok(await page.evaluate(() => performance.getEntriesByName("huimin-warm-up", "measure").length === 1));
    await s.finish();
  });
});
