// The TypeScript types are checked against what the Rust code produces: every object of real
// reports (zh-CN, en, codes only; households of every kind, and errors) has exactly the fields its
// interface in pkg/huimin.d.ts declares — no key the types do not know, no required key missing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const ROOT = new URL("../../", import.meta.url);
const dts = readFileSync(new URL("pkg/huimin.d.ts", ROOT), "utf8");
const m = createRequire(import.meta.url)(new URL("pkg/node/huimin.js", ROOT).pathname);

/** `interface Name { a: …; b?: … }` (and `extends`) → { a: required, b: optional }. */
function fields(name) {
  // One line (`export interface AmountPair { perYear: Money; once: Money; }`) or several.
  const oneLine = dts.match(new RegExp(`export interface ${name}(?: extends ([\\w, ]+))? \\{([^\\n]*)\\}\\n`));
  const re = new RegExp(`export interface ${name}(?: extends ([\\w, ]+))? \\{([\\s\\S]*?)\\n\\}`);
  const found = oneLine ?? dts.match(re);
  assert.ok(found, `huimin.d.ts declares ${name}`);
  const out = {};
  for (const parent of (found[1] || "").split(",").map((s) => s.trim()).filter(Boolean)) Object.assign(out, fields(parent));
  if (oneLine) {
    for (const f of found[2].split(";").map((x) => x.match(/^\s*(\w+)(\??):/)).filter(Boolean)) out[f[1]] = f[2] === "?" ? "optional" : "required";
    return out;
  }
  // Top-level members only (`name?: type;` at the body's own indent), comments dropped.
  const body = found[2].replace(/\/\*[\s\S]*?\*\//g, "");
  const members = body.split("\n").map((line) => line.match(/^(\s+)(\w+)(\??):/)).filter(Boolean);
  const indent = Math.min(...members.map((f) => f[1].length));
  for (const f of members) if (f[1].length === indent) out[f[2]] = f[3] === "?" ? "optional" : "required";
  return out;
}

function conforms(obj, name, where) {
  const want = fields(name);
  for (const k of Object.keys(obj)) assert.ok(k in want, `${where}: key "${k}" is not in the type ${name}`);
  for (const [k, how] of Object.entries(want)) if (how === "required") assert.ok(k in obj, `${where}: ${name}.${k} is missing`);
}

function checkReport(r, where) {
  conforms(r, "Report", where);
  conforms(r.totals, "Totals", `${where}.totals`);
  r.entitlements.forEach((e, i) => {
    conforms(e, "Entitlement", `${where}.entitlements[${i}]`);
    conforms(e.citation, "Citation", `${where}.entitlements[${i}].citation`);
    for (const s of [...e.steps, ...e.reasons]) conforms(s, "Message", `${where}.entitlements[${i}] message`);
    for (const f of e.figures) conforms(f, "Figure", `${where}.entitlements[${i}] figure`);
  });
  r.checks.forEach((c, i) => {
    conforms(c, "Check", `${where}.checks[${i}]`);
    for (const s of c.steps) conforms(s, "Message", `${where}.checks[${i}] message`);
  });
  r.needsInfo.forEach((n, i) => conforms(n, "NeedsInfo", `${where}.needsInfo[${i}]`));
  r.alerts.forEach((a, i) => conforms(a, "Alert", `${where}.alerts[${i}]`));
  r.warnings.forEach((w, i) => conforms(w, "Warning", `${where}.warnings[${i}]`));
}

const households = [
  JSON.parse(readFileSync(new URL("tests/support/six-members.json", ROOT), "utf8")),
  JSON.parse(readFileSync(new URL("examples/kundulun-household.json", ROOT), "utf8")),
  JSON.parse(readFileSync(new URL("examples/zhaohua-household.json", ROOT), "utf8")),
];

test("reports have exactly the fields of the TypeScript types, in every language and with codes only", () => {
  let checked = 0;
  for (const h of households) {
    for (const options of [undefined, { lang: "en" }, { texts: false }]) {
      const r = m.evaluate(h, options);
      assert.ok(!r.errors, JSON.stringify(r.errors));
      checkReport(r, `${h.region} ${JSON.stringify(options ?? {})}`);
      checked++;
    }
  }
  assert.equal(checked, 9);
});

test("errors have exactly the fields of ErrorResult and HuiminError", () => {
  const r = m.evaluate({ region: "15020", members: [{ id: "a", age: -1 }], extra: 1 });
  conforms(r, "ErrorResult", "errors");
  r.errors.forEach((e, i) => conforms(e, "HuiminError", `errors[${i}]`));
});

test("a key the types do not declare is caught (the check can fail)", () => {
  assert.throws(() => conforms({ formatVersion: 1, surprise: true }, "Report", "made up"), /surprise/);
});
