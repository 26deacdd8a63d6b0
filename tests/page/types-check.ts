// Compiled with `tsc --noEmit --strict` by tests/page/types.test.mjs: the package's .d.ts types
// every input and output, so a portal's TypeScript catches a wrong household at compile time.
import init, { evaluate, loadPolicy, regions, validatePolicy, version } from "../../pkg/huimin.js";
import type { ErrorResult, Household, PolicyPack, Region, Report } from "../../pkg/huimin.js";

export async function use(): Promise<string> {
  await init();
  const household: Household = {
    region: "150203",
    asOf: "2017-09-01",
    status: ["registered_poor"],
    annualNetIncome: "9600.00",
    members: [
      { id: "m1", age: 45, laborAbility: "full" },
      { id: "m2", age: 72, chronic: { listed: true, selfPayInCatalog: 5200 } },
      { id: "m3", age: 18, school: { stage: "undergraduate", freshman: true } },
      { id: "m4", age: 40, stays: [{ inDistrict: true, total: "20000.00", covered: "18000.00", treatment: "labor_recovery" }] },
    ],
    overrides: { dibaoStandardMonthly: "450.00" },
  };
  const result = evaluate(household);
  let out = "";
  if ("errors" in result) {
    const e: ErrorResult = result;
    out = e.errors.map((x) => `${x.path}: ${x.zh} / ${x.en} (${x.code})`).join("\n");
  } else {
    const report: Report = result;
    for (const e of report.entitlements) {
      const amount: string | null = e.amount;
      const member: string | null = e.member;
      out += `${e.programme} ${member ?? "household"} ${e.status} ${amount ?? "-"} ${e.period} ${e.citation.quote}`;
      for (const f of e.figures) out += f.citation ? f.citation.source : f.confidence;
    }
    out += report.totals.perYear + report.totals.ifApproved.once + (report.totals.byArea.education?.once ?? "");
    for (const n of report.needsInfo) out += n.parameter + (n.title ?? "");
    for (const a of report.alerts) out += a.code + (a.text ?? "") + JSON.stringify(a.args ?? {});
    for (const e of report.entitlements) for (const s of e.steps) out += s.code + (s.text ?? "");
    const en = evaluate(household, { lang: "en", texts: true });
    if (!("errors" in en)) out += en.lang ?? "";
  }
  const places: Region[] = regions();
  out += places.map((r) => `${r.code} ${r.zh} ${r.level} ${r.parent ?? ""}`).join(",");
  const pack: PolicyPack = { id: "cn-150207", region: "150207", parent: "cn-150200", level: "county",
    name: { zh: "九原区", en: "Jiuyuan" } };
  const checked = validatePolicy(pack);
  if (!("errors" in checked)) out += String(checked.ok);
  const loaded = loadPolicy(JSON.stringify(pack));
  if (!("errors" in loaded)) out += loaded.id;
  out += version();

  // @ts-expect-error a number is not a household
  evaluate(42);
  // @ts-expect-error an unknown school stage
  const badStage: Household = { region: "150203", asOf: "2017-09-01", members: [{ id: "m", age: 9, school: { stage: "grade3" } }] };
  // @ts-expect-error a misspelt field
  const misspelt: Household = { region: "150203", asOf: "2017-09-01", members: [], incomee: "1.00" };
  // @ts-expect-error a report's amount is a string, not a number
  const n: number = (evaluate(household) as Report).totals.perYear;
  return out + JSON.stringify([badStage, misspelt, n]);
}
