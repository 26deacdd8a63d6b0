// Hardening in the browser (issue 5), run with `node --test` in Debian's Chromium (playwright-core
// from .tools), like calculator.test.mjs: its own server (scripts/serve.py on a free 127.0.0.1
// port) and browser. Needs a built www/pkg (scripts/build-wasm.sh).
//
// 1. One WebAssembly instance — the one the page's <huimin-calculator> uses — is called 100,000
//    times with garbage and valid households mixed (and pack garbage through validatePolicy and
//    loadPolicy): nothing throws, every refusal is {errors:[{code,path,zh,en}]}, every valid
//    household gets its pack example's expected answer, byte for byte the same each time, and
//    the instance's memory stays bounded (figures reported as test diagnostics).
// 2. Markup in members' names neither runs nor renders as HTML, and the page's CSP holds (a
//    securitypolicyviolation listener; an inline script injected on purpose is blocked).
//
// HUIMIN_HARDENING_CALLS sets the number of calls (default 100000).
import { after, before, describe, test } from "node:test";
import { ROOT, servePage } from "./harness.mjs";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const CALLS = Number(process.env.HUIMIN_HARDENING_CALLS || 100000);
const BATCH = 5000;

let stop;
let base;
let browser;

before(async () => {
  ({ base, browser, stop } = await servePage(["--enable-precise-memory-info", "--js-flags=--expose-gc"]));
});

after(async () => {
  await stop?.();
});

/** The page, with a recorder of CSP violations, dialogs, page errors and requests. */
async function open() {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e}`));
  page.on("dialog", async (d) => {
    problems.push(`dialog: ${d.message()}`);
    await d.dismiss();
  });
  await page.goto(base);
  await page.locator("huimin-calculator form").waitFor();
  // the form is usable before the module is: wait for the component's own instance
  await page.waitForFunction(() => document.querySelector("huimin-calculator").hasAttribute("data-ready"));
  return { context, page, problems, requests };
}

/** Every pack example with expected totals: the answers the engine must give. */
function examples() {
  const out = [];
  for (const f of readdirSync(path.join(ROOT, "packs")).filter((f) => f.endsWith(".json")).sort()) {
    const pack = JSON.parse(readFileSync(path.join(ROOT, "packs", f), "utf8"));
    for (const ex of pack.examples || []) {
      if (ex.household && (ex.expectTotals || (ex.expect || []).length)) {
        out.push({ name: `${pack.id}: ${ex.name}`, household: ex.household, expect: ex.expect || [], totals: ex.expectTotals || {} });
      }
    }
  }
  return out;
}

describe("hardening in the browser", () => {
  test(`one WebAssembly instance answers ${CALLS} mixed calls correctly, with bounded memory`, async (t) => {
    const s = await open();
    const cases = examples();
    assert.ok(cases.length > 0, "the shipped packs have examples with expected results");

    // Set up in the page: the module the component uses (same URL, so the same instance), a
    // seeded generator of garbage, and the checks.
    const setup = await s.page.evaluate(async (cases) => {
      const m = await import("/pkg/huimin.js");
      const wasm = await m.default(); // already initialised by the component: returns its exports
      let seed = 0x5eed1234;
      const rnd = () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
        return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
      };
      const pick = (a) => a[Math.floor(rnd() * a.length)];
      const KEYS = ["region", "asOf", "status", "members", "id", "age", "stays", "total", "covered", "insurancePaid",
        "school", "stage", "chronic", "selfPayInCatalog", "overrides", "housing", "grade", "parent", "programmes",
        "parameters", "values", "value", "kind", "rule", "__proto__", "constructor", "", "成员"];
      const LEAVES = [null, true, false, 0, -1, 1e308, -0, 0.1, 45, 131, "", "150203", "2017-09-01", "2019-02-29",
        "1e30", "NaN", "-5", "100000000.01", "12.345", "<script>alert(1)</script>", "\u0000", "\ud800", "𝕏", "undergraduate",
        "labor_recovery", "registered_poor", "rate", "yuan"];
      const randomString = () => {
        const n = Math.floor(rnd() * 40);
        let s = "";
        for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(rnd() * (rnd() < 0.8 ? 128 : 0x10000)));
        return s;
      };
      const randomJson = (depth = 0) => {
        const r = rnd();
        if (depth > 4 || r < 0.4) return rnd() < 0.5 ? pick(LEAVES) : randomString();
        if (r < 0.7) return Array.from({ length: Math.floor(rnd() * 5) }, () => randomJson(depth + 1));
        const o = {};
        for (let i = Math.floor(rnd() * 6); i > 0; i--) o[rnd() < 0.8 ? pick(KEYS) : randomString()] = randomJson(depth + 1);
        return o;
      };
      const mutate = (doc) => {
        const copy = JSON.parse(JSON.stringify(doc));
        const nodes = [];
        const walk = (v, parent, key) => {
          nodes.push([parent, key]);
          if (v && typeof v === "object") for (const k of Object.keys(v)) walk(v[k], v, k);
        };
        walk(copy, null, null);
        const [parent, key] = pick(nodes);
        if (parent === null) return randomJson();
        const r = rnd();
        if (r < 0.5) parent[key] = randomJson();
        else if (r < 0.75) delete parent[key];
        else parent[randomString() || "x"] = randomJson();
        return copy;
      };
      const cyclic = {};
      cyclic.self = cyclic;
      let deep = [];
      for (let i = 0; i < 5000; i++) deep = [deep];
      const SPECIAL = [
        () => undefined, () => null, () => 42, () => "", () => "{", () => "[]", () => 1n, () => cyclic, () => () => 1,
        () => Symbol("x"), () => deep, () => JSON.stringify(deep), () => "x".repeat(2 << 20),
        () => ({ toJSON() { throw new Error("no"); } }),
        () => new Proxy({}, { get() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); } }),
        () => ({ region: "150203", asOf: "2017-09-01", members: Array.from({ length: 51 }, (_, i) => ({ id: `m${i}`, age: 1 })) }),
        () => new Date(), () => [1, 2, 3], () => new Uint8Array(16), () => "\"\\u0000\"",
      ];
      const packs = [];
      const firsts = new Map();
      const h = (window.__hardening = {
        m, wasm, rnd, pick, randomJson, randomString, mutate, SPECIAL, cases, firsts, packs,
        counts: { valid: 0, garbage: 0, special: 0, mutated: 0, validatePolicy: 0, loadPolicy: 0, reports: 0, errors: 0 },
        failures: [],
        fail(msg) { if (this.failures.length < 20) this.failures.push(msg); },
        checkErrors(what, r) {
          if (!r || typeof r !== "object") return this.fail(`${what}: not an object: ${String(r)}`);
          if (!("errors" in r)) return false;
          if (!Array.isArray(r.errors) || r.errors.length === 0) return this.fail(`${what}: empty errors`);
          for (const e of r.errors) {
            if (typeof e.code !== "string" || !e.code || typeof e.path !== "string" || typeof e.zh !== "string" || !e.zh || typeof e.en !== "string" || !e.en) {
              return this.fail(`${what}: malformed error ${JSON.stringify(e)}`);
            }
          }
          return true;
        },
        memory() {
          if (typeof window.gc === "function") window.gc(); // the heap as live data, not garbage not yet collected
          return { wasm: this.wasm.memory.buffer.byteLength, heap: performance.memory ? performance.memory.usedJSHeapSize : null };
        },
      });
      const startMemory = h.memory();
      // The component's instance and this one are the same: a pack loaded through the component
      // shows in this module's regions().
      const el = document.querySelector("huimin-calculator");
      const extra = {
        id: "cn-110000", region: "110000", parent: "cn", level: "province", name: { zh: "测试省", en: "Test province" },
        documents: { t: { title: "测试", issuer: "测试", date: "2020", source: "test.txt", confidence: "V" } },
        parameters: { "x.rate": { title: { zh: "比例", en: "rate" }, unit: "rate", values: [{ from: "2000-01-01", value: "0.5", cite: { doc: "t", quote: "测试" } }] } },
        programmes: [{ id: "x.assist", kind: "medical_assistance", area: "medical", statuses: [], from: "2000-01-01",
          title: { zh: "测试", en: "test" }, cite: { doc: "t", quote: "测试" }, rule: { rate: "x.rate" } }],
      };
      const loaded = await el.loadPolicy(extra);
      packs.push(extra);
      const shared = m.regions().some((r) => r.code === "110000");
      // Text far past every limit is refused before it is copied into the module's memory.
      const before = h.memory().wasm;
      const huge = "\u957f".repeat(64 << 20);
      const refused = [m.evaluate(huge), m.validatePolicy(huge), m.loadPolicy(huge), m.evaluate({ members: [huge] })]
        .map((r) => (r.errors || []).map((e) => e.code).join());
      const hugeGrowth = h.memory().wasm - before;
      return { loaded, shared, refused, hugeGrowth, version: m.version(), memory: startMemory };
    }, cases);
    assert.deepEqual(setup.loaded, { ok: true, id: "cn-110000" });
    assert.ok(setup.shared, "the test calls the same instance as the page's component");
    assert.deepEqual(setup.refused, ["input.too_large", "input.too_large", "input.too_large", "input.too_large"]);
    assert.ok(setup.hugeGrowth < 1 << 20, `64 Mi characters grew the module's memory by ${setup.hugeGrowth} bytes`);

    const runBatch = (n) => s.page.evaluate((n) => {
      const h = window.__hardening;
      const { m } = h;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const kind = Math.floor(h.rnd() * 20);
        try {
          if (kind < 7) {
            // A valid household with its expected answer.
            const c = h.pick(h.cases);
            const r = m.evaluate(c.household);
            h.counts.valid++;
            if (r.errors) { h.fail(`${c.name}: refused ${JSON.stringify(r.errors).slice(0, 300)}`); continue; }
            const text = JSON.stringify(r);
            const first = h.firsts.get(c.name);
            if (first === undefined) h.firsts.set(c.name, text);
            else if (first !== text) h.fail(`${c.name}: a different answer on a later call`);
            if (c.totals.perYear !== undefined && r.totals.perYear !== c.totals.perYear) h.fail(`${c.name}: perYear ${r.totals.perYear}, expected ${c.totals.perYear}`);
            if (c.totals.once !== undefined && r.totals.once !== c.totals.once) h.fail(`${c.name}: once ${r.totals.once}, expected ${c.totals.once}`);
            for (const want of c.expect) {
              const found = r.entitlements.some((e) => e.programme === want.programme && (e.member ?? null) === (want.member ?? null)
                && e.status === want.status && (e.amount ?? null) === (want.amount ?? null));
              if (!found) h.fail(`${c.name}: expected ${JSON.stringify(want)}`);
            }
          } else if (kind < 10) {
            h.counts.garbage++;
            const v = h.rnd() < 0.5 ? h.randomString() : h.randomJson();
            const r = m.evaluate(h.rnd() < 0.5 ? v : JSON.stringify(v));
            h.checkErrors("garbage", r) ? h.counts.errors++ : h.counts.reports++;
          } else if (kind < 14) {
            h.counts.mutated++;
            const r = m.evaluate(h.mutate(h.pick(h.cases).household));
            h.checkErrors("mutated", r) ? h.counts.errors++ : h.counts.reports++;
          } else if (kind < 16) {
            h.counts.special++;
            const r = m.evaluate(h.pick(h.SPECIAL)());
            h.checkErrors("special", r) ? h.counts.errors++ : h.counts.reports++;
          } else if (kind < 18) {
            h.counts.validatePolicy++;
            const r = m.validatePolicy(h.rnd() < 0.5 ? h.mutate(h.packs[0]) : h.randomJson());
            if (r.errors) h.checkErrors("validatePolicy", r);
          } else {
            h.counts.loadPolicy++;
            // Garbage, or a mutated copy of the extra pack (which may load: a changed province
            // 110000 does not touch the shipped regions whose answers are checked).
            const mutated = h.rnd() < 0.5;
            const pack = mutated ? h.mutate(h.packs[0]) : h.pick(h.SPECIAL)();
            if (mutated && pack && typeof pack === "object" && pack.id && pack.id !== "cn-110000") continue;
            const r = m.loadPolicy(pack);
            if (r.errors) h.checkErrors("loadPolicy", r);
          }
        } catch (e) {
          h.fail(`threw: ${e && e.stack ? e.stack.split("\n").slice(0, 3).join(" | ") : e}`);
        }
      }
      return { ms: performance.now() - t0, memory: h.memory(), failures: h.failures.length };
    }, n);

    // Warm up (the allocator reaches its working size), then the rest.
    const warm = await runBatch(1000);
    let done = 1000;
    let ms = warm.ms;
    let last = warm;
    while (done < CALLS) {
      const n = Math.min(BATCH, CALLS - done);
      last = await runBatch(n);
      done += n;
      ms += last.ms;
      if (last.failures > 0) break;
    }
    const summary = await s.page.evaluate(() => ({ counts: window.__hardening.counts, failures: window.__hardening.failures }));
    const mb = (b) => (b == null ? "n/a" : `${(b / 1048576).toFixed(1)} MiB`);
    t.diagnostic(`calls ${done} in ${(ms / 1000).toFixed(1)} s: ${JSON.stringify(summary.counts)}`);
    t.diagnostic(`WebAssembly.Memory: ${mb(setup.memory.wasm)} at start, ${mb(warm.memory.wasm)} after 1000 calls, ${mb(last.memory.wasm)} after ${done}`);
    t.diagnostic(`JS heap (performance.memory.usedJSHeapSize): ${mb(setup.memory.heap)} at start, ${mb(warm.memory.heap)} after 1000 calls, ${mb(last.memory.heap)} after ${done}`);
    console.log(`[hardening] ${done} calls in ${(ms / 1000).toFixed(1)} s; wasm memory ${mb(setup.memory.wasm)} → ${mb(warm.memory.wasm)} (1000 calls) → ${mb(last.memory.wasm)}; JS heap ${mb(setup.memory.heap)} → ${mb(last.memory.heap)}`);

    assert.deepEqual(summary.failures, [], "every call answered correctly");
    assert.equal(done, CALLS);
    assert.ok(summary.counts.valid > CALLS / 5 && summary.counts.special > 0 && summary.counts.loadPolicy > 0);
    // Bounded: after the warm-up the instance's memory may still grow to the largest single input
    // seen (a 2 MiB string, a 5000-deep array), but not with the number of calls.
    assert.ok(last.memory.wasm - warm.memory.wasm <= 16 << 20, `wasm memory grew from ${mb(warm.memory.wasm)} to ${mb(last.memory.wasm)}`);
    assert.ok(last.memory.wasm <= 64 << 20, `wasm memory ${mb(last.memory.wasm)}`);
    if (last.memory.heap != null) {
      assert.ok(last.memory.heap - warm.memory.heap <= 16 << 20, `JS heap grew from ${mb(warm.memory.heap)} to ${mb(last.memory.heap)}`);
    }
    // And the component on the page still works after all that.
    const after = await s.page.evaluate(async () => {
      const el = document.querySelector("huimin-calculator");
      el.household = { region: "150203", asOf: "2017-09-01", status: ["registered_poor"],
        members: [{ id: "m1", age: 18, school: { stage: "undergraduate", freshman: true } }] };
      const r = await el.evaluate();
      return r.totals;
    });
    assert.equal(after.once, "10000.00");
    assert.deepEqual(await s.page.evaluate(() => window.__csp), []);
    assert.deepEqual(s.problems, []);
    await s.context.close();
  });

  test("markup in names neither runs nor renders as HTML, and the CSP holds", async () => {
    const s = await open();
    const { page } = s;
    const names = [
      `<img src=x onerror="window.__xss='img'">`,
      `<script>window.__xss='script'</script>`,
      `"><svg onload="window.__xss='svg'"></svg>`,
      `</textarea><iframe srcdoc="<script>parent.__xss='iframe'</script>">`,
      `javascript:window.__xss='url'`,
      `{{constructor.constructor('window.__xss=1')()}}`,
      `<a href="javascript:window.__xss='a'">点我</a>`,
      `<style>*{display:none}</style><b>粗</b>`,
    ];
    const result = await page.evaluate(async (names) => {
      const scriptsBefore = document.querySelectorAll("script").length;
      const el = document.querySelector("huimin-calculator");
      el.household = {
        region: "150203", asOf: "2017-09-01", status: ["registered_poor", "dibao"], annualNetIncome: "3000.00",
        members: names.map((name, i) => ({ id: `m${i + 1}`, name, age: 10 + i * 8,
          school: i < 3 ? { stage: ["primary", "junior_secondary", "undergraduate"][i], freshman: true } : undefined,
          chronic: i >= 3 ? { listed: true, selfPayInCatalog: "5200.00" } : undefined })),
        overrides: { dibaoStandardMonthly: "450.00" },
      };
      const report = await el.evaluate();
      await new Promise((r) => setTimeout(r, 200));
      // Every element of the page and of every open shadow root.
      const all = [];
      const walk = (root) => {
        for (const e of root.querySelectorAll("*")) {
          all.push(e);
          if (e.shadowRoot) walk(e.shadowRoot);
        }
      };
      walk(document);
      const tags = (t) => all.filter((e) => e.localName === t).length;
      const text = all.filter((e) => e.shadowRoot).map((e) => e.shadowRoot.textContent).join("\n") + document.body.textContent;
      const values = all.filter((e) => e.localName === "input").map((e) => e.value);
      return {
        ok: !report.errors, xss: window.__xss ?? null,
        img: tags("img"), svg: all.filter((e) => e.localName === "svg" && e.getAttribute("onload")).length,
        iframe: tags("iframe"), styleInReport: all.filter((e) => e.localName === "style" && e.textContent.includes("display:none")).length,
        anchorsWithJs: all.filter((e) => e.localName === "a" && /^javascript:/i.test(e.getAttribute("href") || "")).length,
        scripts: document.querySelectorAll("script").length - scriptsBefore,
        shownLiterally: names.filter((n) => text.includes(n) || values.includes(n)).length,
        inReport: names.filter((n) => JSON.stringify(report).includes(JSON.stringify(n).slice(1, -1))).length,
      };
    }, names);
    assert.equal(result.ok, true, "the household evaluates");
    assert.equal(result.xss, null, "no injected code ran");
    assert.deepEqual([result.img, result.svg, result.iframe, result.styleInReport, result.anchorsWithJs, result.scripts], [0, 0, 0, 0, 0, 0],
      "no element was made from a name");
    assert.equal(result.shownLiterally, names.length, "every name is shown as the text it is");
    assert.ok(result.inReport > 0, "the names reach the report's steps");
    assert.deepEqual(await page.evaluate(() => window.__csp), [], "no CSP violation from names");
    const origin = new URL(base).origin;
    assert.deepEqual(s.requests.filter((u) => !(u.startsWith(origin + "/") || u.startsWith("data:") || u.startsWith("blob:"))), [],
      "no request left 127.0.0.1");

    // The CSP itself: an injected inline script and an image from elsewhere are refused, and the
    // listener hears it. (Code run through the DevTools protocol, as page.evaluate is, may eval
    // regardless of the CSP, so the policy's text is checked for 'unsafe-eval' instead.)
    const control = await page.evaluate(async () => {
      const sc = document.createElement("script");
      sc.textContent = "window.__inline = 1";
      document.body.append(sc);
      const img = document.createElement("img");
      img.src = "http://127.0.0.2:9/x.png"; // another origin, on loopback: never leaves the machine
      document.body.append(img);
      await new Promise((r) => setTimeout(r, 300));
      const policy = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || "";
      return { inline: window.__inline ?? null, csp: window.__csp, policy };
    });
    assert.equal(control.inline, null, "an injected inline script does not run");
    assert.match(control.policy, /script-src 'self'/);
    assert.doesNotMatch(control.policy, /'unsafe-inline'|'unsafe-eval'|\*/, `a strict policy: ${control.policy}`);
    assert.ok(control.csp.some((v) => v.startsWith("script-src")), `the violation listener heard the inline script: ${control.csp}`);
    assert.ok(control.csp.some((v) => v.startsWith("img-src")), `an image from elsewhere is refused: ${control.csp}`);
    assert.deepEqual(s.problems, []);
    await s.context.close();
  });
});
