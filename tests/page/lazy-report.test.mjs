// The report's explanations computed on first read (src/wasm-report.js, docs/report-format.md), in
// the Node build (pkg/node, CommonJS) and the web build (pkg/huimin.js, initSync) run by Node, and
// in the page's module in Chromium (structuredClone, postMessage). Needs a built pkg/ and www/pkg
// (scripts/build-wasm.sh). tests/native_vs_wasm.rs compares the bytes with the native reports over
// generated households; tests/wasm.rs holds the engine to fire a getter while it is busy.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, servePage } from "./harness.mjs";
import { outline } from "../support/outline.mjs";

const require = createRequire(import.meta.url);
const nodeBuild = require(path.join(ROOT, "pkg", "node", "huimin.js"));
const webBuild = await import(pathToFileURL(path.join(ROOT, "pkg", "huimin.js")).href);
webBuild.initSync({ module: readFileSync(path.join(ROOT, "pkg", "huimin_bg.wasm")) });
const BUILDS = [["pkg/node", nodeBuild], ["pkg (web)", webBuild]];

/** The six-member household of the benchmarks (tests/support/six-members.json). */
const SIX = JSON.parse(readFileSync(path.join(ROOT, "tests", "support", "six-members.json"), "utf8"));


/** SIX, the examples and every shipped pack's example households. */
function households() {
  const list = [SIX];
  for (const f of readdirSync(path.join(ROOT, "examples"))) list.push(JSON.parse(readFileSync(path.join(ROOT, "examples", f), "utf8")));
  for (const f of readdirSync(path.join(ROOT, "packs")).filter((f) => f.endsWith(".json"))) {
    const pack = JSON.parse(readFileSync(path.join(ROOT, "packs", f), "utf8"));
    for (const ex of pack.examples || []) if (ex.household) list.push(ex.household);
  }
  return list;
}

const ENTRY = ["reasons", "steps", "figures"];
const CHECK = ["steps", "figures"];
/** Every [object, key] of a report that is computed on first read. */
const lazyFields = (r) => [
  [r, "warnings"],
  ...r.entitlements.flatMap((e) => ENTRY.map((k) => [e, k])),
  ...r.checks.flatMap((c) => CHECK.map((k) => [c, k])),
];
const isLazy = ([o, k]) => {
  const d = Object.getOwnPropertyDescriptor(o, k);
  return !!d && typeof d.get === "function" && typeof d.set === "function" && d.enumerable && d.configurable;
};
const isPlain = ([o, k]) => {
  const d = Object.getOwnPropertyDescriptor(o, k);
  return !!d && "value" in d && d.writable && d.enumerable && d.configurable;
};
/** A plain report with the fields computed on first read as 0. */
const zeroed = (report) => {
  const r = structuredClone(report);
  r.warnings = 0;
  for (const e of r.entitlements) for (const k of ENTRY) e[k] = 0;
  for (const c of r.checks) for (const k of CHECK) c[k] = 0;
  return r;
};
const full = (m, h) => JSON.stringify(m.evaluate(h));

describe("a report's explanations are computed on first read", () => {
  for (const [name, m] of BUILDS) {
    test(`${name}: every field of the full report, in its order; amounts, statuses, totals and alerts as filled in`, () => {
      let reports = 0;
      for (const h of households()) {
        const r = m.evaluate(h);
        if (r.errors) continue;
        reports++;
        const fields = lazyFields(r);
        assert.ok(fields.every(isLazy), "reasons, steps, figures and warnings are accessors");
        const before = JSON.stringify(outline(r));
        const text = JSON.stringify(r);
        assert.ok(fields.every(isPlain), "the first read made every one of them a data property");
        // Everything but the explanations is what the filled-in report has, key by key.
        assert.equal(before, JSON.stringify(zeroed(JSON.parse(text))), `${h.region} ${h.asOf}`);
        assert.equal(JSON.stringify(outline(r)), text, "no accessor left");
        assert.equal(full(m, h), text, "the same bytes again");
        assert.equal(full(m === nodeBuild ? webBuild : nodeBuild, h), text, "the same bytes from the other build");
      }
      assert.ok(reports >= 10, `${reports} households`);
    });

    test(`${name}: reading the steps of one entitlement fills in every field of the report, in place`, () => {
      const r = m.evaluate(SIX);
      const entries = [...r.entitlements];
      const keys = entries.map((e) => Object.keys(e).join());
      const steps = r.entitlements[5].steps;
      assert.ok(Array.isArray(steps) && steps.length > 0 && typeof steps[0].zh === "string", JSON.stringify(steps));
      assert.ok(lazyFields(r).every(isPlain), "every field of every part filled in");
      assert.ok(r.entitlements.every((e, i) => e === entries[i]), "the same objects");
      assert.deepEqual(r.entitlements.map((e) => Object.keys(e).join()), keys, "the same keys in the same order");
      assert.equal(JSON.stringify(r), full(m, SIX));
      assert.ok(r.warnings.length > 0 || Array.isArray(r.warnings));
    });

    test(`${name}: writing a lazy field fills in the report, then keeps what was written`, () => {
      const r = m.evaluate(SIX);
      const keys = Object.keys(r.entitlements[2]).join();
      r.entitlements[2].figures = ["mine"];
      assert.deepEqual(r.entitlements[2].figures, ["mine"]);
      assert.ok(lazyFields(r).every(isPlain));
      assert.equal(Object.keys(r.entitlements[2]).join(), keys, "key order unchanged");
      const expected = JSON.parse(full(m, SIX));
      expected.entitlements[2].figures = ["mine"];
      assert.equal(JSON.stringify(r), JSON.stringify(expected));
      const r2 = m.evaluate(SIX);
      r2.warnings = [];
      assert.deepEqual(r2.warnings, []);
      assert.ok(isPlain([r2.checks[0], "steps"]) && r2.checks[0].steps.length > 0);
      // Redefined or deleted before the first read: left as the caller made it.
      const r3 = m.evaluate(SIX);
      Object.defineProperty(r3.entitlements[0], "steps", { value: "own", writable: true, enumerable: true, configurable: true });
      delete r3.entitlements[1].reasons;
      assert.ok(Array.isArray(r3.entitlements[2].steps));
      assert.equal(r3.entitlements[0].steps, "own");
      assert.ok(!("reasons" in r3.entitlements[1]));
    });

    test(`${name}: a report frozen before its first read still gives its texts`, () => {
      const expected = full(m, SIX);
      const r = m.evaluate(SIX);
      const freeze = (v) => {
        if (v && typeof v === "object") {
          for (const k of Object.keys(v)) {
            const d = Object.getOwnPropertyDescriptor(v, k);
            if (!d.get) freeze(d.value);
          }
          Object.freeze(v);
        }
      };
      freeze(r);
      assert.equal(typeof Object.getOwnPropertyDescriptor(r.entitlements[0], "steps").get, "function", "frozen before its first read");
      assert.ok(r.entitlements[0].steps.length > 0);
      assert.equal(JSON.stringify(r), expected);
      assert.equal(JSON.stringify(structuredClone(r)), expected);
      r.entitlements[1].steps = ["mine"];
      assert.deepEqual(r.entitlements[1].steps, ["mine"], "a write to a frozen report's field is kept too");
    });

    test(`${name}: structuredClone, spread and Object.assign give the full report`, () => {
      const expected = full(m, SIX);
      assert.equal(JSON.stringify(structuredClone(m.evaluate(SIX))), expected);
      const r = m.evaluate(SIX);
      const spread = { ...r, entitlements: r.entitlements.map((e) => ({ ...e })) };
      assert.equal(JSON.stringify(spread), expected);
      const r2 = m.evaluate(SIX);
      assert.equal(JSON.stringify(Object.assign({}, r2)), expected);
    });

    test(`${name}: errors are still a plain { errors }`, () => {
      for (const bad of ["{", "", 42, null, { region: "150203", asOf: "2017-02-30", members: [] }, { ...SIX, region: "999999" }]) {
        const r = m.evaluate(bad);
        assert.deepEqual(Object.keys(r), ["errors"]);
        assert.ok(r.errors.length > 0);
        assert.ok(Object.keys(r).every((k) => isPlain([r, k])));
        for (const e of r.errors) assert.deepEqual(Object.keys(e), ["code", "path", "zh", "en"]);
      }
    });

    test(`${name}: a report keeps the policy it was computed under when packs are loaded before its first read`, () => {
      // Region 150206 has no pack of its own: Baotou's (cn-150200) applies until one is loaded.
      const h = {
        region: "150206", asOf: "2017-09-01", status: ["registered_poor"],
        members: [{ id: "m1", age: 9, school: { stage: "primary", boarding: true } }],
      };
      const pack = (value, zh) => ({
        id: "cn-150206", region: "150206", parent: "cn-150200", level: "county",
        name: { zh: "测试区", en: "Test district" },
        documents: { t: { title: "测试文件", issuer: "测试", date: "2017", source: "test.txt", confidence: "V" } },
        parameters: {
          boardingAllowancePrimary: {
            title: { zh, en: "Boarding allowance (test)" }, unit: "yuan",
            values: [{ from: "2011-09-01", value, cite: { doc: "t", quote: `小学寄宿生每生每年${value}元` } }],
          },
        },
      });
      const amount = (r) => r.entitlements.find((e) => e.programme === "cn.education.boarding_primary").amount;
      const before = full(m, h);
      assert.equal(amount(JSON.parse(before)), "1000.00");
      const r1 = m.evaluate(h);
      const r1b = m.evaluate(h);
      assert.deepEqual(m.loadPolicy(pack("1111.00", "小学寄宿生生活补助(测试)")), { ok: true, id: "cn-150206" });
      const r2 = m.evaluate(h);
      assert.equal(amount(r2), "1111.00");
      assert.equal(JSON.stringify(r1), before, "outlined before the pack was loaded: the old policy's texts");
      assert.ok(!JSON.stringify(r1).includes("测试"));
      // Loaded again with another figure: the report of the first load keeps its own.
      assert.deepEqual(m.loadPolicy(pack("1222.00", "小学寄宿生生活补助(再测)")), { ok: true, id: "cn-150206" });
      const text2 = JSON.stringify(r2);
      assert.ok(text2.includes("1111.00") && text2.includes("(测试)") && !text2.includes("1222.00"), "r2: the first loaded pack's figure and title");
      assert.equal(JSON.stringify(r1b), before, "two loads later, still the policy it was computed under");
      const r3 = m.evaluate(h);
      assert.equal(amount(r3), "1222.00");
      assert.ok(JSON.stringify(r3).includes("(再测)"));
      // A refused pack changes nothing.
      const r4 = m.evaluate(h);
      assert.ok(m.loadPolicy({ id: "cn-150206" }).errors);
      assert.equal(JSON.stringify(r4), JSON.stringify(r3));
    });

    test(`${name}: a getter fired inside a call into the module (a household's toJSON) answers`, () => {
      const expected = full(m, SIX);
      const earlier = m.evaluate(SIX);
      let seen;
      const household = { toJSON() { seen = earlier.entitlements[0].steps; return SIX; } };
      const r = m.evaluate(household);
      assert.ok(Array.isArray(seen) && seen.length > 0, "the earlier report was filled in from inside evaluate");
      assert.equal(JSON.stringify(earlier), expected);
      assert.equal(JSON.stringify(r), expected);
      // From inside loadPolicy and validatePolicy.
      const e2 = m.evaluate(SIX);
      assert.ok(m.validatePolicy({ toJSON() { return { id: String(e2.checks[0].steps.length) }; } }).errors);
      assert.ok(isPlain([e2, "warnings"]));
      const e3 = m.evaluate(SIX);
      assert.ok(m.loadPolicy({ toJSON() { return { id: String(e3.entitlements[0].figures.length) }; } }).errors);
      assert.equal(JSON.stringify(e3), expected);
      // A report given back as a household: read in full (its getters run), refused as a household.
      const r5 = m.evaluate(m.evaluate(SIX));
      assert.deepEqual(Object.keys(r5), ["errors"]);
    });
  }
});

describe("in Chromium", () => {
  let base;
  let browser;
  let stop;
  before(async () => {
    ({ base, browser, stop } = await servePage());
  });
  after(async () => {
    await stop?.();
  });

  test("the page's module: lazy fields, structuredClone and postMessage give the full report", async () => {
    const page = await browser.newPage();
    await page.goto(base);
    // the component's own instance (the form is usable before it is ready)
    await page.waitForFunction(() => document.querySelector("huimin-calculator")?.hasAttribute("data-ready"));
    const r = await page.evaluate(async (h) => {
      const m = await import("/pkg/huimin.js");
      await m.default();
      const expected = JSON.stringify(m.evaluate(h));
      const lazy = (x) => typeof Object.getOwnPropertyDescriptor(x.entitlements[0], "steps").get === "function";
      const a = m.evaluate(h);
      const wasLazy = lazy(a);
      const cloned = JSON.stringify(structuredClone(a));
      const b = m.evaluate(h);
      const channel = new MessageChannel();
      const posted = await new Promise((resolve) => {
        channel.port2.onmessage = (e) => resolve(JSON.stringify(e.data));
        channel.port1.postMessage(b);
      });
      return { wasLazy, cloned: cloned === expected, posted: posted === expected, bytes: expected.length };
    }, SIX);
    assert.deepEqual(r, { wasLazy: true, cloned: true, posted: true, bytes: r.bytes });
    assert.ok(r.bytes > 20_000);
    await page.close();
  });
});
