// `evaluate` from JavaScript, two builds side by side in one run (SPEC §8: A B A B on the same
// machine, because its speed drifts), in Debian's headless Chromium:
//
//   node scripts/bench-evaluate-ab.mjs --a OLD/www --b www [--rounds 6] [--calls 500] [--lang zh-CN]
//                                      [--calculation]
//
// Each directory is a page's folder with its pkg/ (scripts/build-wasm.sh). One page per build,
// both open; rounds alternate A B, B A, … and each round times `--calls` calls in runs of 10
// (Chromium coarsens performance.now()), each run's mean one sample. What is timed is what the
// page shows: the six-member household's report with its texts in one language. For a build
// before issue 10 (no `loadMessages`: texts were read lazily), `evaluate` and then every step's
// text read. Prints each round's median, the medians of all samples, and B/A.
//
// --calculation: what the page computes for one click on 计算 instead — the report in the language
// and the what-if curve of each build's own www/hm-charts.js (`whatIf`: before, 40 `evaluate`
// calls with `texts: false`; now one `totalsAtIncomes` call), on the same household.
import path from "node:path";
import { ROOT, SIX, arg, launch, median, serve } from "./bench-common.mjs";

if (!arg("--a")) {
  console.error("usage: node scripts/bench-evaluate-ab.mjs --a OLD/www --b www [--rounds 6] [--calls 500] [--lang zh-CN]");
  process.exit(1);
}
const ROUNDS = Number(arg("--rounds", 6));
const CALLS = Number(arg("--calls", 500));
const LANG = arg("--lang", "zh-CN");
const CALCULATION = process.argv.includes("--calculation");
const DIRS = { A: path.resolve(arg("--a")), B: path.resolve(arg("--b", path.join(ROOT, "www"))) };

const servers = { A: await serve(DIRS.A), B: await serve(DIRS.B) };
const browser = await launch();
try {
  const pages = {};
  for (const k of ["A", "B"]) {
    const page = await browser.newPage();
    await page.goto(servers[k].base + "pkg/huimin.js");
    const info = await page.evaluate(async ({ household, lang, calculation }) => {
      const m = await import("./huimin.js");
      await m.default();
      const modern = typeof m.loadMessages === "function";
      if (calculation) {
        const charts = await import("../hm-charts.js");
        const v = { t: (k) => k, lang };
        const curve = typeof m.totalsAtIncomes === "function" ? m.totalsAtIncomes : m.evaluate;
        window.__call = () => charts.whatIf(curve, household, m.evaluate(household, modern ? { lang } : undefined), v);
        const fig = window.__call();
        const rows = fig.querySelectorAll("tbody tr").length;
        if (rows < 20) throw new Error(`no what-if curve drawn (${rows} rows)`);
        for (let i = 0; i < 30; i++) window.__call();
        return { modern, calculation: `report and what-if curve (${rows} points, ${curve === m.evaluate ? "evaluate × " + rows : "totalsAtIncomes"})`, entitlements: 0, chars: 0 };
      }
      window.__call = modern
        ? () => m.evaluate(household, { lang })
        : () => {
          const r = m.evaluate(household);
          let n = 0;
          for (const e of r.entitlements) for (const s of e.steps) n += (s.zh || s.text || "").length;
          for (const c of r.checks) for (const s of c.steps) n += (s.zh || s.text || "").length;
          return n;
        };
      const r = m.evaluate(household, modern ? { lang } : undefined);
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      for (let i = 0; i < 300; i++) window.__call();
      return { modern, entitlements: r.entitlements.length, chars: JSON.stringify(r).length };
    }, { household: SIX, lang: LANG, calculation: CALCULATION });
    if (info.calculation) console.log(`${k}: ${DIRS[k]} — ${info.calculation}`);
    else console.log(`${k}: ${DIRS[k]} — ${info.modern ? `evaluate(h, { lang: "${LANG}" })` : "evaluate + every step's text read (lazy report)"}; ${info.entitlements} entitlements, report ${info.chars} characters as JSON`);
    pages[k] = page;
  }
  const samples = { A: [], B: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? ["B", "A"] : ["A", "B"];
    const line = [];
    for (const k of order) {
      const runs = await pages[k].evaluate((calls) => {
        const runs = [];
        for (let i = 0; i < calls / 10; i++) {
          const t = performance.now();
          for (let j = 0; j < 10; j++) window.__call();
          runs.push(((performance.now() - t) / 10) * 1000);
        }
        return runs;
      }, CALLS);
      samples[k].push(...runs);
      line.push(`${k} ${median(runs).toFixed(0)} µs`);
    }
    console.log(`round ${round + 1}: ${line.join(", ")}`);
  }
  const a = median(samples.A), b = median(samples.B);
  console.log(`median µs: A ${a.toFixed(1)}, B ${b.toFixed(1)}; B/A ${(b / a).toFixed(2)} (A/B ${(a / b).toFixed(2)})`);
} finally {
  await browser.close();
  for (const s of Object.values(servers)) s.server.kill();
}
