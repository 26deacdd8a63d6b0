// The household as the page holds it while a person fills it in: one draft, shared by the guided
// path and the full form, keeping every value as typed (so that switching views, language or text
// size, or going back a step, loses nothing). `toHousehold` turns it into the engine's input.
import { parseMoney, parseWhole, today } from "./hm-format.js";

export const STATUSES = ["registered_poor", "exited_poor", "dibao", "tekun", "monitored", "low_income_margin"];
export const STAGES = ["preschool", "primary", "junior_secondary", "senior_secondary", "secondary_vocational",
  "junior_college", "undergraduate", "postgraduate"];
/** Stages where a boarding allowance can apply (the national boarding grants: primary, junior). */
export const BOARDING_STAGES = new Set(["primary", "junior_secondary"]);

/**
 * Which questions to show, not a policy figure: the school question is offered for ages 3 to 30
 * (anyone else can still be marked a student in the full form), and a stage is suggested from
 * the age (the usual ages of Chinese schooling). Nothing is computed from these.
 */
export const SCHOOL_AGES = [3, 30];
export function suggestStage(age) {
  if (!Number.isInteger(age)) return "";
  if (age <= 5) return "preschool";
  if (age <= 11) return "primary";
  if (age <= 14) return "junior_secondary";
  if (age <= 17) return "senior_secondary";
  if (age <= 22) return "undergraduate";
  return "postgraduate";
}

export function newStay(data = {}) {
  const s = (v) => (v != null ? String(v) : "");
  return {
    total: s(data.total), covered: s(data.covered), paid: s(data.insurancePaid),
    inDistrict: data.inDistrict !== false, treatment: data.treatment != null ? String(data.treatment) : "",
  };
}

export function newMember(id, data = {}) {
  const school = data.school && typeof data.school === "object" ? data.school : null;
  const chronic = data.chronic && typeof data.chronic === "object" ? data.chronic : null;
  const insured = data.insured && typeof data.insured === "object" ? data.insured : {};
  const stays = Array.isArray(data.stays) ? data.stays.map((x) => newStay(x && typeof x === "object" ? x : {})) : [];
  return {
    id,
    name: data.name != null ? String(data.name) : "",
    age: data.age != null ? String(data.age) : "",
    disability: data.disability != null ? String(data.disability) : "",
    labor: data.laborAbility != null ? String(data.laborAbility) : "",
    medical: insured.medical !== false,
    // null: not said (the engine's default, insured); shown only for contributing ages
    pension: typeof insured.pension === "boolean" ? insured.pension : null,
    student: !!school,
    stage: school?.stage != null ? String(school.stage) : "",
    freshman: !!school?.freshman,
    boarding: !!school?.boarding,
    chronic: !!chronic,
    listed: chronic ? chronic.listed !== false : true,
    selfPay: chronic?.selfPayInCatalog != null ? String(chronic.selfPayInCatalog) : "",
    hasStays: stays.length > 0,
    stays,
  };
}

export function newDraft(asOf) {
  return {
    id: null, region: "", asOf: asOf || today(), status: [], income: "", housing: "",
    members: [newMember("m1")], overrides: {}, seq: 1,
  };
}

/** A member id not yet taken. */
export function addMember(draft, data) {
  const taken = new Set(draft.members.map((m) => m.id));
  let id;
  do id = `m${++draft.seq}`; while (taken.has(id));
  const m = newMember(id, data);
  draft.members.push(m);
  return m;
}

/** A household object (import, `household` setter) as a draft; missing parts get defaults. */
export function fromHousehold(hh, asOf) {
  const d = newDraft(asOf);
  if (!hh || typeof hh !== "object" || Array.isArray(hh)) return d;
  d.id = hh.id != null ? String(hh.id) : null;
  if (hh.region != null) d.region = String(hh.region);
  if (hh.asOf != null) d.asOf = String(hh.asOf);
  d.status = Array.isArray(hh.status) ? hh.status.map(String) : [];
  d.income = hh.annualNetIncome != null ? String(hh.annualNetIncome) : "";
  d.housing = hh.housing?.grade ? String(hh.housing.grade) : "";
  const list = Array.isArray(hh.members) ? hh.members : [];
  d.members = list.map((m, i) => newMember(m?.id != null ? String(m.id) : `m${i + 1}`, m && typeof m === "object" ? m : {}));
  d.seq = d.members.length;
  if (!d.members.length) addMember(d);
  if (hh.overrides && typeof hh.overrides === "object") {
    for (const [k, v] of Object.entries(hh.overrides)) d.overrides[k] = String(v);
  }
  return d;
}

/** The engine's input from the draft: amounts and ages normalised, empty answers left out. */
export function toHousehold(d) {
  const hh = {};
  if (d.id != null) hh.id = d.id;
  hh.region = d.region;
  hh.asOf = d.asOf;
  hh.status = [...d.status];
  const income = parseMoney(d.income);
  if (income !== "") hh.annualNetIncome = income;
  if (d.housing) hh.housing = { grade: d.housing };
  hh.members = d.members.map((m) => {
    const member = { id: m.id };
    if (m.name.trim()) member.name = m.name.trim();
    const age = parseWhole(m.age);
    if (age !== "") member.age = age;
    if (m.disability) member.disability = parseWhole(m.disability);
    if (m.labor) member.laborAbility = m.labor;
    member.insured = { medical: m.medical };
    if (m.pension != null) member.insured.pension = m.pension;
    if (m.student) member.school = { stage: m.stage, freshman: m.freshman, boarding: m.boarding };
    if (m.chronic) {
      member.chronic = { listed: m.listed };
      const pay = parseMoney(m.selfPay);
      if (pay !== "") member.chronic.selfPayInCatalog = pay;
    }
    if (m.hasStays && m.stays.length) {
      member.stays = m.stays.map((s) => {
        const stay = { inDistrict: s.inDistrict };
        for (const [key, v] of [["total", s.total], ["covered", s.covered], ["insurancePaid", s.paid]]) {
          const x = parseMoney(v);
          if (x !== "") stay[key] = x;
        }
        if (s.treatment) stay.treatment = s.treatment;
        return stay;
      });
    }
    return member;
  });
  const overrides = {};
  for (const [k, v] of Object.entries(d.overrides)) {
    const x = parseMoney(v).replace(/(周岁|岁)$/, "");
    if (x !== "") overrides[k] = x;
  }
  if (Object.keys(overrides).length) hh.overrides = overrides;
  return hh;
}

/** A member's age as a whole number, or null while it is empty or not one. */
export function ageOf(m) {
  const a = parseWhole(m.age);
  return typeof a === "number" && Number.isInteger(a) ? a : null;
}
