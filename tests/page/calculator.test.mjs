// The page in Debian's Chromium (playwright-core from .tools), run with `node --test`.
// Starts its own server (scripts/serve.py on a free 127.0.0.1 port) and browser; screenshots go
// to tests/artifacts/ (gitignored). Needs a built www/pkg (scripts/build-wasm.sh).
import { after, before, describe, test } from "node:test";
import { ARTIFACTS, ROOT, servePage } from "./harness.mjs";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import os from "node:os";

const XSS_NAME = "<img src=x onerror=alert(1)>";

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

/**
 * A fresh context and page that records every request, console error, page error, dialog and
 * CSP violation; `finish()` asserts that none left 127.0.0.1 and nothing went wrong.
 */
async function open(options = {}, url = "") {
  const { offlineReady, ...contextOptions } = options;
  const context = await browser.newContext({ locale: "zh-CN", acceptDownloads: true, ...contextOptions });
  const requests = [];
  const problems = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e}`));
  page.on("dialog", async (d) => {
    problems.push(`dialog: ${d.message()}`);
    await d.dismiss();
  });
  await page.goto(base + url);
  await page.locator("huimin-calculator form").waitFor();
  const origin = new URL(base).origin;
  return {
    context,
    page,
    requests,
    problems,
    async finish() {
      const csp = await page.evaluate(() => window.__csp).catch(() => []);
      const outside = requests.filter((u) => !(u.startsWith(origin + "/") || u.startsWith(`blob:${origin}/`) || u.startsWith("data:")));
      await context.close();
      assert.deepEqual(outside, [], "no request leaves 127.0.0.1");
      assert.deepEqual(csp, [], "no Content-Security-Policy violation");
      assert.deepEqual(problems, [], "no console error, page error or dialog");
    },
  };
}

/** The report of the next `result` event. */
function nextResult(page) {
  return page.evaluate(() => new Promise((resolve) => {
    document.querySelector("huimin-calculator").addEventListener("result", (e) => resolve(e.detail), { once: true });
  }));
}

/** Fills the Kundulun household through the form, as a person would, and calculates. */
async function fillKundulun(page) {
  await page.getByLabel("所在地").selectOption("150203");
  await page.getByLabel("测算日期").fill("2017-09-01");
  await page.getByRole("checkbox", { name: "建档立卡贫困户（未脱贫）" }).check();
  await page.getByLabel("家庭年纯收入（元）").fill("9600");

  const m1 = page.getByRole("group", { name: /^成员 1/ });
  await m1.getByLabel("称呼（可不填）").fill("张三");
  await m1.getByLabel("年龄（周岁）").fill("45");

  await page.getByRole("button", { name: "添加成员" }).click();
  const m2 = page.getByRole("group", { name: /^成员 2/ });
  await m2.getByLabel("年龄（周岁）").fill("18");
  await m2.getByRole("checkbox", { name: "在校学生（含幼儿园）" }).check();
  await m2.getByLabel("学段").selectOption({ label: "本科" });
  await m2.getByRole("checkbox", { name: "本学年新入学（新生）" }).check();

  await page.getByRole("button", { name: "添加成员" }).click();
  const m3 = page.getByRole("group", { name: /^成员 3/ });
  await m3.getByLabel("称呼（可不填）").fill(XSS_NAME);
  await m3.getByLabel("年龄（周岁）").fill("72");
  await m3.getByRole("checkbox", { name: "患慢性病，常年服药" }).check();
  await m3.getByLabel("今年医保目录内自付（元）").fill("5200");

  const result = nextResult(page);
  await page.getByRole("button", { name: "计算", exact: true }).click();
  return result;
}

const card = (page, programme) => page.locator(`article.card[data-programme="${programme}"]`).first();

/**
 * A full-page screenshot with every card drawn: off-screen cards are laid out lazily
 * (content-visibility: auto), so the viewport is grown to the page's height first.
 */
async function fullScreenshot(page, file) {
  const size = page.viewportSize();
  for (let i = 0, last = 0; i < 5; i++) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    if (height === last) break;
    last = height;
    await page.setViewportSize({ width: size.width, height });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  await page.screenshot({ path: file, fullPage: true });
  await page.setViewportSize(size);
}

/** The text of a card as a person sees it: scrolled to (off-screen cards are not laid out). */
async function seen(locator) {
  await locator.scrollIntoViewIfNeeded();
  await locator.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return locator.innerText();
}

describe("the calculator page", () => {
  test("a household filled through the form: amounts, steps, citation, totals, no HTML from names", async () => {
    const s = await open({ viewport: { width: 1280, height: 900 } });
    const { page } = s;
    const report = await fillKundulun(page);
    assert.equal(report.region, "150203");

    const grant = card(page, "kundulun.education.undergraduate_freshman");
    await grant.waitFor();
    const text = await seen(grant);
    assert.match(text, /本科新生一次性资助/);
    assert.match(text, /10,000\.00 元/);
    assert.match(text, /一次性/);
    assert.match(text, /可享受/);
    assert.match(text, /成员 2/);
    // the quoted policy, its source and confidence
    assert.match(text, /高等教育阶段本科新生每生一次性资助10000元/);
    assert.match(text, /《聚焦问题 率先脱贫 我区走出中心城区脱贫改革新路子》/);
    assert.doesNotMatch(text, /004_33b9fa698911b5ee\.txt/, "sources by title, never a file name");
    assert.match(text, /可信度：V 官方原文/);
    // the steps, opened as a person would
    await grant.getByText("计算步骤").click();
    const steps = grant.locator("details.steps ol li");
    assert.ok((await steps.count()) > 0, "the card lists its steps");
    await steps.first().waitFor();
    assert.ok(await steps.first().isVisible());

    // chronic relief for the member with the hostile name: the name is text, not markup
    const chronic = card(page, "kundulun.medical.chronic");
    const chronicText = await seen(chronic);
    assert.match(chronicText, /1,100\.00 元/);
    assert.ok(chronicText.includes(XSS_NAME), "the name is shown literally");
    assert.equal(await page.locator("huimin-calculator img").count(), 0, "no <img> was created from the name");

    // totals on screen match the report: 130 × 3 premiums + 1100 chronic per year; 10000 once
    const totals = await page.locator("huimin-calculator .totals").innerText();
    assert.equal(report.totals.perYear, "1490.00");
    assert.equal(report.totals.once, "10000.00");
    assert.match(totals, /每年合计\s*1,490\.00 元/);
    assert.match(totals, /一次性合计\s*10,000\.00 元/);
    // a programme the household does not qualify for says why
    await page.getByText(/不符合条件的项目/).click();
    const preschool = await seen(card(page, "kundulun.education.preschool"));
    assert.match(preschool, /不符合/);

    await fullScreenshot(page, path.join(ARTIFACTS, "desktop.png"));
    await s.finish();
  });

  test("a missing local figure: the field appears, the figure is entered, the benefit is computed", async () => {
    const s = await open();
    const { page } = s;
    await fillKundulun(page);
    // local figures are for staff: a collapsed section, which says how many are missing
    const staff = page.getByText("本地数据（工作人员填写）");
    assert.match(await staff.innerText(), /需补充 \d+ 项/);
    await staff.click();
    const field = page.getByLabel("本地农村低保标准(元/人·月)");
    await field.waitFor();
    await field.fill("450");
    const result = nextResult(page);
    await page.getByRole("button", { name: "重新计算" }).click();
    const report = await result;
    assert.equal(report.needsInfo.some((n) => n.parameter === "dibaoStandardMonthly"), false);
    const gap = await seen(card(page, "cn.dibao.gap"));
    assert.match(gap, /550\.00 元/);
    assert.match(gap, /每月/);
    assert.match(gap, /可申请/);
    const alerts = await page.locator("huimin-calculator .alerts").innerText();
    assert.match(alerts, /提醒和下一步/);
    assert.match(alerts, /应申请低保/);
    // the entered figure stays in the form for the next calculation
    assert.equal(await page.getByLabel("本地农村低保标准(元/人·月)").inputValue(), "450");
    await s.finish();
  });

  test("language switch to English and back", async () => {
    const s = await open();
    const { page } = s;
    await fillKundulun(page);
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.getByRole("heading", { name: "Results" }).waitFor();
    assert.equal(await page.locator("h1").innerText(), "Household entitlement calculator");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    const text = await seen(card(page, "kundulun.education.undergraduate_freshman"));
    assert.match(text, /Undergraduate/i);
    assert.match(text, /¥10,000\.00/);
    assert.match(text, /once/);
    assert.match(text, /Entitled/);
    assert.ok(await page.getByLabel("Household annual net income (yuan)").isVisible());
    assert.equal(await page.getByLabel("Household annual net income (yuan)").inputValue(), "9600", "the form keeps its values");
    await page.getByRole("button", { name: "切换到中文" }).click();
    await page.getByRole("heading", { name: "测算结果" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
    await s.finish();
  });

  test("print view: a one-page sheet without the form", async () => {
    const s = await open({ viewport: { width: 1280, height: 900 } });
    const { page } = s;
    await fillKundulun(page);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.getByRole("button", { name: "添加成员" }).isVisible(), false, "the form is not printed");
    assert.ok(await page.getByText("惠民政策测算单").isVisible(), "the sheet has its title");
    assert.ok(await card(page, "kundulun.education.undergraduate_freshman").isVisible());
    await page.screenshot({ path: path.join(ARTIFACTS, "print.png"), fullPage: true });
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    writeFileSync(path.join(ARTIFACTS, "sheet.pdf"), pdf);
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) || []).length;
    assert.equal(pages, 1, "the printed sheet is one A4 page");
    await page.emulateMedia({ media: "screen" });
    await s.finish();
  });

  test("phone width 360, full form: no sideways scrolling, large targets, same result", async () => {
    const s = await open({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const { page } = s;
    // a phone opens on the guided path (tests/page/phone.test.mjs); a cadre switches to the full form
    await page.getByRole("button", { name: "完整表格" }).click();
    await fillKundulun(page);
    const text = await seen(card(page, "kundulun.education.undergraduate_freshman"));
    assert.match(text, /10,000\.00 元/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `page is ${width}px wide at a 360px viewport`);
    const button = await page.getByRole("button", { name: "添加成员" }).boundingBox();
    assert.ok(button.height >= 44, `buttons are at least 44px high (${button.height})`);
    const fontSize = await page.getByLabel("家庭年纯收入（元）").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(fontSize >= 16, `inputs use large text (${fontSize}px)`);
    await fullScreenshot(page, path.join(ARTIFACTS, "phone.png"));
    await s.finish();
  });

  test("offline after the first visit: reload and evaluate again", async () => {
    const s = await open();
    const { page, context } = s;
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
      }
    });
    await context.setOffline(true);
    await page.reload();
    await page.locator("huimin-calculator form").waitFor();
    const offline = await page.evaluate(() => fetch(`/not-cached-${Date.now()}`).then(() => "reached", () => "failed"));
    assert.equal(offline, "failed", "the network is really off");
    await fillKundulun(page);
    const text = await seen(card(page, "kundulun.education.undergraduate_freshman"));
    assert.match(text, /10,000\.00 元/);
    await context.setOffline(false);
    // the failed probe above logs one "Failed to load resource"; nothing else may go wrong
    const probe = s.problems.findIndex((p) => /Failed to load resource: net::ERR_(FAILED|INTERNET_DISCONNECTED)/.test(p));
    assert.ok(probe >= 0, "the probe failed");
    s.problems.splice(probe, 1);
    await s.finish();
  });

  test("bad input: errors next to the fields and in a summary that leads to them", async () => {
    const s = await open();
    const { page } = s;
    await page.getByLabel("所在地").selectOption("150203");
    const m1 = page.getByRole("group", { name: /^成员 1/ });
    await m1.getByLabel("年龄（周岁）").fill("-1");
    await page.getByLabel("家庭年纯收入（元）").fill("12,3x");
    await page.getByRole("button", { name: "计算", exact: true }).click();
    const summary = page.getByRole("alert");
    await summary.waitFor();
    const text = await summary.innerText();
    assert.match(text, /请检查以下内容/);
    assert.match(text, /年龄/);
    assert.match(text, /家庭年纯收入/);
    const age = m1.getByLabel("年龄（周岁）");
    assert.equal(await age.getAttribute("aria-invalid"), "true");
    assert.match(await m1.innerText(), /须为0到130之间的整数/);
    // the summary's entry moves focus to the field
    await summary.getByRole("button", { name: /年龄/ }).click();
    assert.equal(await age.evaluate((el) => el.getRootNode().activeElement === el), true);
    // and the module keeps answering: fix the input, calculate
    await age.fill("45");
    await page.getByLabel("家庭年纯收入（元）").fill("9600");
    const result = nextResult(page);
    await page.getByRole("button", { name: "计算", exact: true }).click();
    const report = await result;
    assert.equal(report.region, "150203");
    assert.equal(await page.getByRole("alert").count(), 0);
    await s.finish();
  });

  test("keyboard: add and remove members without a mouse", async () => {
    const s = await open();
    const { page } = s;
    const add = page.getByRole("button", { name: "添加成员" });
    await add.focus();
    await page.keyboard.press("Enter");
    const m2 = page.getByRole("group", { name: /^成员 2/ });
    await m2.waitFor();
    assert.equal(await m2.getByLabel("年龄（周岁）").evaluate((el) => el.getRootNode().activeElement === el), true,
      "focus moves to the new member");
    await page.keyboard.type("30");
    await m2.getByRole("button", { name: "删除此成员" }).focus();
    await page.keyboard.press("Space");
    assert.equal(await page.getByRole("group", { name: /^成员 2/ }).count(), 0);
    assert.equal(await add.evaluate((el) => el.getRootNode().activeElement === el), true, "focus returns to the add button");

    // every control a person can reach has a name a screen reader can read
    await fillKundulun(page);
    const unnamed = await page.locator("huimin-calculator").evaluate((host) =>
      [...host.shadowRoot.querySelectorAll("input, select, button, textarea")]
        .filter((el) => el.getClientRects().length > 0 && el.tabIndex >= 0)
        .filter((el) => !(el.labels?.length || el.getAttribute("aria-label") || (el.tagName === "BUTTON" && el.textContent.trim())))
        .map((el) => el.outerHTML.slice(0, 120)));
    assert.deepEqual(unnamed, [], "no control without a label");
    await s.finish();
  });

  test("export the household as JSON and import it again", async () => {
    const s = await open();
    const { page } = s;
    const first = await fillKundulun(page);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "导出家庭信息" }).click(),
    ]);
    const file = path.join(os.tmpdir(), `huimin-export-${process.pid}.json`);
    await download.saveAs(file);
    const household = JSON.parse(readFileSync(file, "utf8"));
    assert.equal(household.region, "150203");
    assert.equal(household.members.length, 3);
    assert.equal(household.members[2].name, XSS_NAME);
    await s.finish();

    const t = await open();
    const result = nextResult(t.page);
    await t.page.locator("huimin-calculator input[type=file]").setInputFiles(file);
    const again = await result;
    assert.deepEqual(again.totals, first.totals, "the imported household gives the same totals");
    assert.equal(await t.page.getByRole("group", { name: /^成员 3/ }).getByLabel("称呼（可不填）").inputValue(), XSS_NAME);
    await t.finish();
  });

  test("the portal example embeds the component, themed, and hears its result event", async () => {
    const s = await open({}, "embed-example.html");
    const { page } = s;
    assert.equal(await page.getByLabel("所在地").inputValue(), "150203", "the region attribute is applied");
    assert.equal(await page.getByLabel("测算日期").inputValue(), "2017-09-01", "the as-of attribute is applied");
    await page.getByRole("checkbox", { name: "建档立卡贫困户（未脱贫）" }).check();
    const m1 = page.getByRole("group", { name: /^成员 1/ });
    await m1.getByLabel("年龄（周岁）").fill("18");
    await m1.getByRole("checkbox", { name: "在校学生（含幼儿园）" }).check();
    await m1.getByLabel("学段").selectOption({ label: "本科" });
    await m1.getByRole("checkbox", { name: "本学年新入学（新生）" }).check();
    await page.getByRole("button", { name: "计算", exact: true }).click();
    await page.getByText(/一次性合计 10000\.00 元/).waitFor();
    const accent = await page.locator("huimin-calculator button.primary")
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(accent, "rgb(13, 74, 143)", "the portal's --huimin-accent colours the component");

    // the portal's own pack, from its own server (policy-src), then through the JS method
    const pack = { id: "cn-150207", region: "150207", parent: "cn-150200", level: "county",
      name: { zh: "包头市九原区（测试）", en: "Jiuyuan District, Baotou (test)" } };
    await page.route("**/portal-pack.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(pack) }));
    await page.locator("huimin-calculator").evaluate((el) => el.setAttribute("policy-src", "portal-pack.json"));
    await page.locator('huimin-calculator option[value="150207"]').waitFor({ state: "attached" });
    await page.getByLabel("所在地").selectOption("150207");
    const result = nextResult(page);
    await page.locator("huimin-calculator button.primary").click();
    const report = await result;
    assert.deepEqual(report.policy.chain, ["cn", "cn-150000", "cn-150200", "cn-150207"]);
    const bad = await page.locator("huimin-calculator").evaluate((el) => el.loadPolicy({ id: "cn-1", bogus: true }));
    assert.ok(Array.isArray(bad.errors) && bad.errors.length > 0, "a wrong pack is refused with its errors");
    await s.finish();
  });
});

describe("the page's files", () => {
  test("no inline script, no inline style, no innerHTML, a strict CSP on every page", () => {
    const www = path.join(ROOT, "www");
    for (const f of readdirSync(www, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name)) {
      const text = readFileSync(path.join(www, f), "utf8");
      if (f.endsWith(".html")) {
        assert.match(text, /Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/, f);
        assert.doesNotMatch(text, /<script(?![^>]*\bsrc=)[^>]*>/, `${f}: no inline script`);
        assert.doesNotMatch(text, /\sstyle=/, `${f}: no style attribute`);
        assert.doesNotMatch(text, /\son[a-z]+=/, `${f}: no inline event handler`);
        assert.doesNotMatch(text, /https?:\/\/(?!127\.0\.0\.1)/, `${f}: no external address`);
      }
      if (f.endsWith(".js")) {
        assert.doesNotMatch(text, /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/, `${f}: no HTML from strings`);
        // (the SVG namespace is a name, not an address: nothing is requested from it)
        assert.doesNotMatch(text.replaceAll('"http://www.w3.org/2000/svg"', ""), /https?:\/\/(?!127\.0\.0\.1)/, `${f}: no external address`);
      }
      if (f.endsWith(".css")) assert.doesNotMatch(text, /url\(\s*["']?https?:|@import/, `${f}: no external resource`);
    }
  });
});
