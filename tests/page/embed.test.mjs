// A portal that follows www/EMBED.md and nothing else (issue 13): the folder EMBED.md names is
// copied, alone, into a temporary directory, a portal page is made of EMBED.md's own snippets
// (read out of the file, not copied into this test), the directory is served by Python's
// http.server on 127.0.0.1 (not scripts/serve.py, not www/), and Chromium fills the form and
// gets an amount. Needs scripts/build-wasm.sh (it makes the folder).
import { after, before, test } from "node:test";
import { ROOT, chromium, CHROMIUM_ARGS, serveFolder } from "./harness.mjs";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const DOC = readFileSync(path.join(ROOT, "www", "EMBED.md"), "utf8");
/** The ```html blocks of EMBED.md, in order. */
const HTML_BLOCKS = [...DOC.matchAll(/```html\n([\s\S]*?)```/g)].map((m) => m[1]);
/** The folder EMBED.md tells a portal to copy: "the folder **`dist/huimin/`**". */
const FOLDER = /the folder \*\*`([^`]+?)\/?`\*\*/.exec(DOC)?.[1];
/** The snippet with the component (one script tag and the element). */
const EMBED = HTML_BLOCKS.find((b) => b.includes("<huimin-calculator"));
/** The snippet that uses the JavaScript API without a bundler. */
const API = HTML_BLOCKS.find((b) => b.includes("importmap"));

// What the component needs, as EMBED.md says (§1, Content-Security-Policy): nothing else is allowed.
const CSP = DOC.replace(/\s+/g, " ").includes("needs only `script-src 'self' 'wasm-unsafe-eval'`, `style-src 'self'`, `connect-src 'self'`")
  ? "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'"
  : null;

let browser;
let tmp;
before(async () => {
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  tmp = mkdtempSync(path.join(os.tmpdir(), "portal-site-"));
});
after(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("EMBED.md names one folder, the one-tag embed and the no-bundler import", () => {
  assert.equal(FOLDER, "dist/huimin", "EMBED.md names the folder a portal copies");
  assert.ok(existsSync(path.join(ROOT, FOLDER, "huimin-calculator.js")), `${FOLDER} is built (scripts/build-wasm.sh)`);
  assert.ok(EMBED, "EMBED.md shows the component's snippet");
  assert.match(EMBED, /^<script type="module" src="\/huimin\/huimin-calculator\.js"><\/script>$/m, "one script tag");
  assert.ok(API, "EMBED.md shows the import without a bundler");
  assert.ok(CSP, "EMBED.md states the Content-Security-Policy the component needs");
  // README.md names the same folder and shows the same snippet.
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  assert.ok(readme.includes(`**\`${FOLDER}/\`**`), "README.md names the folder");
  assert.ok(readme.includes(EMBED), "README.md shows EMBED.md's snippet");
});

/** A new site in `tmp`: the folder copied (alone) to `at`, and `pages` ({ name: html }) at its root. */
function site(name, at, pages) {
  const root = path.join(tmp, name);
  mkdirSync(root, { recursive: true });
  cpSync(path.join(ROOT, FOLDER), path.join(root, at), { recursive: true });
  for (const [file, html] of Object.entries(pages)) writeFileSync(path.join(root, file), html);
  writeFileSync(path.join(root, "favicon.ico"), "");   // the portal's own (Chromium asks for it)
  return root;
}

/** A portal page around a snippet; a CSP meta only if given. */
const portalPage = (body, csp) => `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  ${csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : ""}
  <title>某区人民政府 · 便民服务</title>
</head>
<body>
<h1>某区人民政府 · 便民服务</h1>
${body}
</body>
</html>
`;

/** Opens `url` and records what would make a portal's staff give up: 404s, errors, CSP refusals. */
async function open(url) {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const problems = [];
  const requests = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP: ${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on("request", (r) => requests.push(r.url()));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e}`));
  await page.goto(url);
  return {
    page,
    problems,
    async finish() {
      await context.close();
      assert.deepEqual(requests.filter((u) => !u.startsWith(origin + "/") && !u.startsWith("data:")), [], "no request leaves the portal");
      assert.deepEqual(problems, [], "no missing file, error or refused resource");
    },
  };
}

/** Fills the form as a person would (a poor household's undergraduate freshman) and calculates. */
async function calculate({ page, problems }) {
  await page.locator("huimin-calculator form").waitFor({ timeout: 15_000 }).catch((e) => {
    throw new Error(`the component did not appear: ${problems.join("; ") || e.message}`);
  });
  await page.getByLabel("测算日期").fill("2017-09-01");
  await page.getByRole("checkbox", { name: "建档立卡贫困户（未脱贫）" }).check();
  const m1 = page.getByRole("group", { name: /^成员 1/ });
  await m1.getByLabel("年龄（周岁）").fill("18");
  await m1.getByRole("checkbox", { name: "在校学生（含幼儿园）" }).check();
  await m1.getByLabel("学段").selectOption({ label: "本科" });
  await m1.getByRole("checkbox", { name: "本学年新入学（新生）" }).check();
  const result = page.evaluate(() => new Promise((resolve) => {
    document.querySelector("huimin-calculator").addEventListener("result", (e) => resolve(e.detail.totals), { once: true });
  }));
  await page.getByRole("button", { name: "计算", exact: true }).click();
  return result;
}

test("a portal page made of EMBED.md's snippet, with only the folder it names, shows a result", async () => {
  // The snippet loads "/huimin/…": the folder is copied there, into a directory of another name.
  const root = site("portal", "huimin", { "index.html": portalPage(EMBED, CSP) });
  const { base, stop } = await serveFolder(root);
  try {
    const opened = await open(base);
    const { page, finish } = opened;
    const totals = await calculate(opened);
    // 包头市昆都仑区: an undergraduate freshman of a registered poor household, 10000 yuan once.
    assert.equal(totals.once, "10000.00");
    await page.locator("huimin-calculator [part~=totals]").filter({ hasText: "10,000.00" }).first().waitFor();
    await finish();
  } finally {
    stop();
  }
});

test("the folder works under any path (its files find each other by relative URLs)", async () => {
  const root = site("elsewhere", "static/calc-2025", { "index.html": portalPage(EMBED.replaceAll("/huimin/", "/static/calc-2025/"), CSP) });
  const { base, stop } = await serveFolder(root);
  try {
    const opened = await open(base);
    assert.equal((await calculate(opened)).once, "10000.00");
    const { finish } = opened;
    await finish();
  } finally {
    stop();
  }
});

test("EMBED.md's import without a bundler (an import map) evaluates in the page", async () => {
  const root = site("api", "huimin", { "index.html": portalPage(API, null) });
  const { base, stop } = await serveFolder(root);
  try {
    const { page, finish } = await open(base);
    // (innerText: the inline script's own source is in textContent.)
    await page.waitForFunction(() => document.body.innerText.includes("一次性"), null, { timeout: 30_000 });
    assert.match(await page.locator("body").innerText(), /一次性 10000\.00 元/);
    await finish();
  } finally {
    stop();
  }
});
