// The first answer after navigation, two builds side by side in one run (SPEC §8: A B A B on the
// same machine, because its speed drifts), in Debian's Chromium at a 4x CPU slowdown:
//
//   node scripts/bench-first.mjs --a OLD/www --b www [--runs 8] [--rate 4] [--width 1280]
//
// Each run is a new browser context (nothing cached), alternating A and B. Per run, from
// navigation: `form` — the first form control on screen (usable); `ready` — the calculator's
// `ready` event; `first` — the first evaluation done (as scripts/bench-browser.mjs times it: on
// `ready`, the page's module evaluates the six-member household). Prints each run, the medians,
// and B/A of the medians. Both directories need their pkg/ (scripts/build-wasm.sh).
import path from "node:path";
import { ROOT, SIX, arg, launch, median, serve } from "./bench-common.mjs";

const RUNS = Number(arg("--runs", 8));
const RATE = Number(arg("--rate", 4));
const WIDTH = Number(arg("--width", 1280));
const DIRS = { A: path.resolve(arg("--a", "")), B: path.resolve(arg("--b", path.join(ROOT, "www"))) };
if (!arg("--a")) {
  console.error("usage: node scripts/bench-first.mjs --a OLD/www --b www [--runs 8] [--rate 4]");
  process.exit(1);
}

const servers = { A: await serve(DIRS.A), B: await serve(DIRS.B) };
const browser = await launch();
const out = (k, v) => console.log(`${k}: ${v}`);

async function once(which) {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: WIDTH < 600 ? 740 : 720 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: RATE });
  await page.addInitScript((household) => {
    // the first form control laid out on screen, polled every frame
    const look = () => {
      const el = document.querySelector("huimin-calculator");
      const input = el?.shadowRoot?.querySelector("form:not([hidden]) select, form:not([hidden]) input");
      if (input && input.getClientRects().length) window.__form = performance.now();
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
    customElements.whenDefined("huimin-calculator").then(() => {
      const el = document.querySelector("huimin-calculator");
      el.addEventListener("ready", async () => {
        const ready = performance.now();
        const m = await import("./pkg/huimin.js");
        const r = m.evaluate(household);
        window.__first = { ready, first: performance.now(), ok: !r.errors };
      }, { once: true });
    });
  }, SIX);
  await page.goto(servers[which].base);
  await page.waitForFunction(() => window.__first && window.__form, null, { timeout: 60_000 });
  const f = await page.evaluate(() => ({ ...window.__first, form: window.__form }));
  await context.close();
  return f;
}

const runs = { A: [], B: [] };
try {
  out("A", DIRS.A);
  out("B", DIRS.B);
  out("CPU slowdown", `${RATE}x; viewport ${WIDTH} px wide; ${RUNS} runs each, alternating (A B, then B A)`);
  await once("A"); // warm the browser and the disk cache of both servers' files (not counted)
  await once("B");
  for (let i = 1; i <= RUNS; i++) {
    for (const which of i % 2 ? ["A", "B"] : ["B", "A"]) {
      const f = await once(which);
      runs[which].push(f);
      out(`run ${i} ${which}`, `form ${f.form.toFixed(0)} ms, ready ${f.ready.toFixed(0)} ms, first evaluation ${f.first.toFixed(0)} ms${f.ok ? "" : " (error!)"}`);
    }
  }
  for (const key of ["form", "ready", "first"]) {
    const a = median(runs.A.map((x) => x[key]));
    const b = median(runs.B.map((x) => x[key]));
    const spread = (w) => `${Math.min(...runs[w].map((x) => x[key])).toFixed(0)}–${Math.max(...runs[w].map((x) => x[key])).toFixed(0)}`;
    const pairs = runs.A.map((x, i) => x[key] / runs.B[i][key]);
    out(`median ${key} ms`, `A ${a.toFixed(0)} (${spread("A")}), B ${b.toFixed(0)} (${spread("B")}), A/B of the medians ${(a / b).toFixed(2)}, ` +
      `median of the runs' A/B ${median(pairs).toFixed(2)} (${Math.min(...pairs).toFixed(2)}–${Math.max(...pairs).toFixed(2)})`);
  }
} finally {
  await browser.close();
  servers.A.server.kill();
  servers.B.server.kill();
}
