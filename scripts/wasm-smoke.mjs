// Loads the optimised modules (pkg/node and the web build in pkg/) and calls each export once:
// an optimiser can write a file that validates but fails at instantiation or at the first call.
// Run by scripts/build-wasm.sh; exits non-zero on any failure.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";

const require = createRequire(import.meta.url);
const root = new URL("../pkg/", import.meta.url);
const cargoVersion = readFileSync(new URL("../Cargo.toml", import.meta.url), "utf8")
  .match(/^version = "(.*)"/m)[1];

const household = {
  region: "150203",
  asOf: "2017-09-01",
  status: ["registered_poor"],
  annualNetIncome: "9600.00",
  members: [
    { id: "m1", age: 45, laborAbility: "full" },
    { id: "m3", age: 18, school: { stage: "undergraduate", freshman: true } },
  ],
};

function isErrorResult(r) {
  return r && Array.isArray(r.errors) && r.errors.length > 0 &&
    r.errors.every((e) => ["code", "path", "zh", "en"].every((k) => typeof e[k] === "string"));
}

function check(name, m) {
  assert.equal(m.version(), cargoVersion, `${name}: version()`);
  const regions = m.regions();
  assert.ok(Array.isArray(regions), `${name}: regions() is an array`);

  for (const bad of ["", "{", "[]", "null", 42, null, undefined, { region: 1 }, 10n, () => 1]) {
    const r = m.evaluate(bad);
    assert.ok(isErrorResult(r), `${name}: evaluate(${String(bad)}) gives an error object: ${JSON.stringify(r)}`);
  }
  const cyclic = {}; cyclic.self = cyclic;
  assert.ok(isErrorResult(m.evaluate(cyclic)), `${name}: a cyclic object gives an error object`);
  assert.ok(isErrorResult(m.loadPolicy("{}")), `${name}: loadPolicy("{}") gives an error object`);
  const coreReady = regions.length > 0;
  const v = m.validatePolicy(7);
  assert.ok(coreReady ? isErrorResult(v) : v.ok === true || isErrorResult(v),
    `${name}: validatePolicy(7) gives an error object: ${JSON.stringify(v)}`);

  const r = m.evaluate(household);
  if (regions.some((x) => x.code === "150203")) {
    assert.ok(!r.errors, `${name}: evaluate(150203 household) gives a report: ${JSON.stringify(r)}`);
    const grant = r.entitlements.find((e) => e.member === "m3" && e.amount === "10000.00");
    assert.ok(grant, `${name}: the undergraduate freshman grant is 10000.00`);
    assert.ok(grant.steps.length > 0 && typeof grant.steps[0].text === "string" && /元/.test(grant.steps.at(-1).text), `${name}: steps with their Chinese texts`);
    assert.equal(r.lang, "zh-CN", `${name}: zh-CN by default`);
    const en = m.evaluate(household, { lang: "en" });
    assert.match(en.entitlements.find((e) => e.member === "m3" && e.amount === "10000.00").steps.at(-1).text, /yuan/, `${name}: English texts`);
    const codes = m.evaluate(household, { texts: false });
    assert.ok(codes.entitlements.every((e) => e.title === undefined && e.steps.every((s) => s.text === undefined)), `${name}: codes only`);
    // the same household as JSON text gives the same report
    assert.deepEqual(m.evaluate(JSON.stringify(household)), r, `${name}: string input`);
    console.log(`[smoke] ${name}: ok (${regions.length} regions, ${r.entitlements.length} entitlements)`);
  } else {
    assert.ok(r && (Array.isArray(r.errors) || Array.isArray(r.entitlements)), `${name}: evaluate shape`);
    console.log(`[smoke] ${name}: ok (no 150203 pack yet: regions() has ${regions.length})`);
  }
}

check("pkg/node (nodejs target)", require(new URL("node/huimin.js", root).pathname));

const web = await import(new URL("huimin.js", root));
web.initSync({ module: readFileSync(new URL("huimin_bg.wasm", root)) });
check("pkg (web target)", web);

const esm = await import(new URL("node/index.mjs", root));
await esm.default();
assert.equal(esm.version(), cargoVersion, "pkg/node/index.mjs: version()");
console.log("[smoke] pkg/node/index.mjs: ok");
