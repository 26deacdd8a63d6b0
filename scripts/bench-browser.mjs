// Browser benchmarks of SPEC §8 (figures, not tests), in Debian's Chromium with playwright-core:
//   node scripts/bench-browser.mjs [--roster FILE.jsonl] [--roster-csv FILE.csv] [--roster-xlsx FILE.xlsx]
//                                  [--calls N] [--workers N]
//                                  [--roster-runs N] [--evaluate-only]
// 1. one evaluate() from JavaScript, a six-member household: median and p95 per call; and the
//    same with every entitlement's and check's `steps` read (the report's explanations are
//    computed on first read: this is the cost when the texts are shown);
// 2. the first evaluation after navigation with a 4x CPU slowdown (CDP Emulation.setCPUThrottlingRate);
// 3. a roster in the page's roster mode (roster.html, Web Workers), each --roster-runs times (3) in a
//    new page: from Start to the last row and to the table on screen; the median and the spread;
//    the workers' WebAssembly memory at the end (an .xlsx is read by the sheets module, which the
//    worker loads when the file is chosen: its load is in the figure).
// Needs www/pkg (scripts/build-wasm.sh). Prints one "name: value" line per figure.
import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT, SIX, arg, launch } from "./bench-common.mjs";

const CALLS = Number(arg("--calls", 3000));


const server = spawn("python3", [path.join(ROOT, "scripts", "serve.py"), "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise((resolve) => server.stdout.once("data", (d) => resolve(String(d).trim())));
const browser = await launch();
const out = (k, v) => console.log(`${k}: ${v}`);
try {
  // 1. evaluate() from JavaScript. Chromium coarsens performance.now() outside cross-origin
  // isolation, so calls are timed in runs of 10 and each run's mean is one sample.
  {
    const page = await browser.newPage();
    await page.goto(base);
    // the component's own instance (the form is usable before the module is ready)
    await page.waitForFunction(() => document.querySelector("huimin-calculator")?.hasAttribute("data-ready"));
    const s = await page.evaluate(async ({ household, calls }) => {
      const m = await import("./pkg/huimin.js");
      await m.default();
      const r = m.evaluate(household);
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      const shown = () => {
        const r = m.evaluate(household);
        let n = 0;
        for (const e of r.entitlements) n += e.steps.length;
        for (const c of r.checks) n += c.steps.length;
        return n;
      };
      const time = (f) => {
        for (let i = 0; i < 500; i++) f();
        const runs = [];
        for (let i = 0; i < calls / 10; i++) {
          const t = performance.now();
          for (let j = 0; j < 10; j++) f();
          runs.push((performance.now() - t) / 10);
        }
        runs.sort((a, b) => a - b);
        const q = (p) => runs[Math.min(runs.length - 1, Math.floor(p * runs.length))];
        return { n: runs.length * 10, median: q(0.5), p95: q(0.95) };
      };
      const plain = time(() => m.evaluate(household));
      const steps = time(shown);
      // The report with its texts in English, and with codes only (no texts).
      const en = time(() => m.evaluate(household, { lang: "en" }));
      const codes = time(() => m.evaluate(household, { texts: false }));
      return { plain, steps, en, codes, entitlements: r.entitlements.length, bytes: JSON.stringify(r).length };
    }, { household: SIX, calls: CALLS });
    out("evaluate calls", `${s.plain.n} (six members, ${s.entitlements} entitlements, report ${s.bytes} bytes)`);
    out("evaluate median µs", (s.plain.median * 1000).toFixed(1));
    out("evaluate p95 µs", (s.plain.p95 * 1000).toFixed(1));
    out("evaluate + every steps read median µs", (s.steps.median * 1000).toFixed(1));
    out("evaluate + every steps read p95 µs", (s.steps.p95 * 1000).toFixed(1));
    out("evaluate { lang: en } median µs", (s.en.median * 1000).toFixed(1));
    out("evaluate { texts: false } median µs", (s.codes.median * 1000).toFixed(1));
    await page.close();
  }

  // 2. First evaluation after navigation, 4x CPU slowdown, nothing cached (a new context).
  for (let run = 1; run <= (process.argv.includes("--evaluate-only") ? 0 : 3); run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.addInitScript((household) => {
      customElements.whenDefined("huimin-calculator").then(() => {
        const el = document.querySelector("huimin-calculator");
        el.addEventListener("ready", async () => {
          const m = await import("./pkg/huimin.js");
          const r = m.evaluate(household);
          window.__first = { ready: performance.now(), ok: !r.errors };
        }, { once: true });
      });
    }, SIX);
    await page.goto(base);
    await page.waitForFunction(() => window.__first, null, { timeout: 60_000 });
    const f = await page.evaluate(() => ({ ...window.__first, at: performance.now() }));
    out(`first evaluation ms (4x slowdown, run ${run})`, `${f.ready.toFixed(0)}${f.ok ? "" : " (error!)"}`);
    await context.close();
  }

  // 3. A roster in the page, several runs (this machine's speed varies from run to run).
  const RUNS = Number(arg("--roster-runs", 3));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [flag, kind] of [["--roster", "JSON Lines"], ["--roster-csv", "CSV"], ["--roster-xlsx", ".xlsx"]]) {
    const file = arg(flag);
    if (!file) continue;
    const runs = [];
    for (let run = 1; run <= RUNS; run++) {
      const page = await browser.newPage();
      await page.goto(base + "roster.html" + (arg("--workers") ? `?workers=${arg("--workers")}` : ""));
      // As a cadre does: the page loaded (its workers have compiled the roster module and warmed
      // it), then the file chosen and Start clicked. The module's load is the page's, not the
      // roster's.
      await page.waitForSelector("body[data-roster-ready]", { timeout: 60_000 });
      const readyMs = await page.evaluate(() => performance.now());
      await page.locator("#roster-file").setInputFiles(file);
      await page.locator("#roster-start").click();
      await page.waitForSelector("body[data-roster-shown-ms]", { timeout: 600_000 });
      const r = await page.evaluate(() => ({ rows: document.body.dataset.rosterDone, ms: Number(document.body.dataset.rosterMs), shown: Number(document.body.dataset.rosterShownMs), workers: document.body.dataset.rosterWorkers, memory: Number(document.body.dataset.rosterMemory), kept: Number(document.body.dataset.rosterKept || 0) }));
      runs.push(r);
      out(`page roster ${kind}, run ${run}`, `${r.rows} households, ${r.workers} worker(s): ${(r.ms / 1000).toFixed(2)} s from Start to the last row, ${(r.shown / 1000).toFixed(2)} s to the table on screen (page ready ${readyMs.toFixed(0)} ms after navigation); workers' wasm memory ${(r.memory / 2 ** 20).toFixed(0)} MiB${r.kept ? `, of which rows kept for 查看 ${(r.kept / 2 ** 20).toFixed(1)} MiB` : ""}`);
      await page.close();
    }
    const shown = runs.map((r) => r.shown);
    out(`page roster ${kind}`, `median ${(median(shown) / 1000).toFixed(2)} s from Start to the table on screen (runs ${shown.map((x) => (x / 1000).toFixed(2)).join(", ")} s)`);
  }
} finally {
  await browser.close();
  server.kill();
}
