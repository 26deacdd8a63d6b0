// The full form, for cadres: every field of the household on one page (place, statuses, income
// and housing, each member with school, chronic illness and hospital stays, and the local figures
// for staff). It reads and writes the shared draft (hm-household.js) as the person types. The
// field builders and the error marking here are shared with the guided path.
import { h, nextId } from "./hm-dom.js";
import { STATUSES, STAGES, BOARDING_STAGES, addMember, ageOf, newStay, suggestStage } from "./hm-household.js";
import { say } from "./hm-report.js";

// ---------------------------------------------------------------- field builders

/** A labelled field with an optional hint and an error slot. */
export function field(c, labelKey, input, hintKey, opts = {}) {
  input.id ||= nextId("f");
  const label = h("label", { for: input.id }, opts.label ?? c.t(labelKey));
  const described = [];
  let hint = null;
  if (hintKey || opts.hint) {
    hint = h("p", { class: "hint", id: nextId("hint") }, opts.hint ?? c.t(hintKey));
    described.push(hint.id);
  }
  const error = errorSlot();
  described.push(error.id);
  input.setAttribute("aria-describedby", described.join(" "));
  return h("div", { class: "field" }, label, hint, input, error);
}

export function errorSlot() {
  return h("p", { class: "field-error", id: nextId("err"), hidden: true });
}

/** A checkbox with its label; `onchange(checked)`. */
export function check(c, labelKey, checked, onchange, props = {}) {
  const input = h("input", { type: "checkbox", id: nextId("cb"), checked, ...props,
    onchange: (e) => { onchange(e.target.checked); c.changed(); } });
  return { input, el: h("div", { class: "check" }, input, h("label", { for: input.id }, c.t(labelKey))) };
}

/** A select of `[value, i18n key]` pairs, bound to `get`/`set`. */
export function select(c, options, value, set, props = {}) {
  const el = h("select", { id: nextId("sel"), ...props,
    onchange: (e) => { set(e.target.value); c.changed(); } },
  options.map(([v, key]) => h("option", { value: v }, c.t(key))));
  if (value && ![...el.options].some((o) => o.value === value)) el.append(h("option", { value }, value));
  el.value = value;
  return el;
}

/** A text input bound to `get`/`set` (kept as typed). */
export function text(c, value, set, props = {}) {
  return h("input", { type: "text", autocomplete: "off", value, ...props,
    oninput: (e) => { set(e.target.value); c.changed(); } });
}

export const money = (c, value, set, path) => text(c, value, set, { inputmode: "decimal", dataset: { path } });

/** The place: the region select with its whole name written out beneath, and the date. */
export function placeFields(c) {
  const d = c.draft;
  const region = h("select", { id: nextId("region"), dataset: { path: "region" } });
  const whole = h("p", { class: "region-name", "aria-hidden": "true" });
  const show = () => { whole.textContent = c.regionFull(d.region); };
  c.fillRegions(region);
  region.addEventListener("change", () => {
    d.region = region.value;
    show();
    c.changed();
    c.policyChanged();
  });
  show();
  const asOf = h("input", { id: nextId("asof"), type: "date", value: d.asOf, dataset: { path: "asOf" },
    onchange: (e) => { d.asOf = e.target.value; c.changed(); c.policyChanged(); } });
  return [h("div", { class: "place-region" }, field(c, "region", region, "regionHint"), whole), field(c, "asOf", asOf, "asOfHint")];
}

export function statusFields(c) {
  const d = c.draft;
  return h("fieldset", { class: "block", dataset: { path: "status" } },
    h("legend", {}, c.t("sectionStatus")),
    h("div", { class: "checks" }, STATUSES.map((s) => check(c, `status_${s}`, d.status.includes(s), (on) => {
      d.status = STATUSES.filter((x) => (x === s ? on : d.status.includes(x)));
    }, { value: s }).el)),
    errorSlot());
}

export function incomeField(c) {
  const d = c.draft;
  return field(c, "income", money(c, d.income, (v) => { d.income = v; }, "annualNetIncome"), "incomeHint");
}

export function housingField(c) {
  const d = c.draft;
  return field(c, "housing", select(c, [["", "housing_none"], ...["A", "B", "C", "D"].map((g) => [g, `housing_${g}`])],
    d.housing, (v) => { d.housing = v; }, { dataset: { path: "housing.grade" } }), "housingHint");
}

/** The 低保 standard per month, asked of a household only where the region's pack lacks it. */
export function dibaoField(c) {
  const d = c.draft;
  return field(c, "dibaoMonthly", money(c, d.overrides.dibaoStandardMonthly ?? "",
    (v) => { d.overrides.dibaoStandardMonthly = v; }, "overrides.dibaoStandardMonthly"), "dibaoMonthlyHint");
}

// ---------------------------------------------------------------- member parts (both views)

/** The member's legend text: 成员 1：name. */
export function memberTitle(c, m, i) {
  const n = c.t("memberN", { n: i + 1 });
  const name = m.name.trim();
  return name ? (c.lang === "en" ? `${n}: ${name}` : `${n}：${name}`) : n;
}

/** School: a checkbox, then stage (suggested by age), freshman, boarding (where it applies). */
export function schoolPart(c, m, path, onchange) {
  const stage = select(c, STAGES.map((v) => [v, `stage_${v}`]), m.stage || suggestStage(ageOf(m)) || "primary",
    (v) => { m.stage = v; boarding.el.hidden = !BOARDING_STAGES.has(v); }, { dataset: { path: `${path}.school.stage` } });
  if (!m.stage) m.stage = stage.value;
  const freshman = check(c, "freshman", m.freshman, (on) => { m.freshman = on; });
  const boarding = check(c, "boarding", m.boarding, (on) => { m.boarding = on; });
  boarding.el.hidden = !BOARDING_STAGES.has(m.stage);
  const panel = h("div", { class: "panel", id: nextId("panel"), hidden: !m.student },
    h("div", { class: "grid" }, field(c, "stage", stage)),
    h("div", { class: "checks" }, freshman.el, boarding.el));
  const box = check(c, "isStudent", m.student, (on) => {
    m.student = on;
    panel.hidden = !on;
    if (on && !m.stage) { m.stage = suggestStage(ageOf(m)) || "primary"; stage.value = m.stage; }
    onchange?.();
  }, { dataset: { path: `${path}.school` }, "aria-controls": panel.id });
  return [h("div", { class: "checks" }, box.el), panel];
}

/** The region's words on listed chronic diseases: its own sentence where a source gives one. */
export function chronicNote(c) {
  const info = c.policy()?.chronic;
  return h("div", { class: "chronic-note hint" },
    info?.title ? h("p", {}, c.t("chronicProgramme", { title: info.title })) : null,
    h("p", {}, c.t(info?.list?.length ? "chronicListShown" : "chronicNoList")),
    info?.list?.length ? h("ul", {}, info.list.map((x) => h("li", {}, x))) : null,
    info?.quote ? h("details", {}, h("summary", {}, c.t("chronicPolicySays")), h("q", { lang: "zh-CN" }, info.quote)) : null);
}

export function chronicPart(c, m, path) {
  const listed = check(c, "chronicListed", m.listed, (on) => { m.listed = on; });
  const pay = money(c, m.selfPay, (v) => { m.selfPay = v; }, `${path}.chronic.selfPayInCatalog`);
  const panel = h("div", { class: "panel", id: nextId("panel"), hidden: !m.chronic },
    chronicNote(c),
    h("div", { class: "checks" }, listed.el),
    h("div", { class: "grid" }, field(c, "chronicSelfPay", pay, "chronicSelfPayHint")));
  const box = check(c, "isChronic", m.chronic, (on) => { m.chronic = on; panel.hidden = !on; },
    { dataset: { path: `${path}.chronic` }, "aria-controls": panel.id });
  return [h("div", { class: "checks" }, box.el), panel];
}

export function staysPart(c, m, path) {
  const list = h("div", { class: "stays" });
  const renumber = () => [...list.children].forEach((el, j) => { el.querySelector("legend").textContent = c.t("stayN", { n: j + 1 }); });
  const addOne = (s, focus) => {
    const j = m.stays.indexOf(s);
    const sp = `${path}.stays[${j}]`;
    const total = money(c, s.total, (v) => { s.total = v; }, `${sp}.total`);
    const el = h("fieldset", { class: "stay", dataset: { path: sp } },
      h("legend"), errorSlot(),
      h("div", { class: "grid" },
        field(c, "stayTotal", total),
        field(c, "stayCovered", money(c, s.covered, (v) => { s.covered = v; }, `${sp}.covered`)),
        field(c, "stayInsurancePaid", money(c, s.paid, (v) => { s.paid = v; }, `${sp}.insurancePaid`), "stayInsurancePaidHint"),
        c.full ? field(c, "stayTreatment", select(c, [["", "treatment_none"], ["labor_recovery", "treatment_labor_recovery"]],
          s.treatment, (v) => { s.treatment = v; }, { dataset: { path: `${sp}.treatment` } })) : null),
      h("div", { class: "checks" }, check(c, "stayInDistrict", s.inDistrict, (on) => { s.inDistrict = on; },
        { dataset: { path: `${sp}.inDistrict` } }).el),
      h("button", { type: "button", class: "remove small", part: "button", onclick: () => {
        m.stays.splice(m.stays.indexOf(s), 1);
        c.changed();
        c.rerender();
      } }, c.t("removeStay")));
    list.append(el);
    renumber();
    if (focus) total.focus();
  };
  const add = h("button", { type: "button", class: "add small", part: "button", onclick: () => {
    const s = newStay();
    m.stays.push(s);
    addOne(s, true);
    c.changed();
  } }, h("span", { "aria-hidden": "true" }, "＋ "), c.t("addStay"));
  const panel = h("div", { class: "panel", id: nextId("panel"), hidden: !m.hasStays },
    h("p", { class: "hint" }, c.t("stayHint")), list, add);
  for (const s of m.stays) addOne(s, false);
  const box = check(c, "hasStays", m.hasStays, (on) => {
    m.hasStays = on;
    panel.hidden = !on;
    if (on && !m.stays.length) { const s = newStay(); m.stays.push(s); addOne(s, false); }
  }, { dataset: { path: `${path}.stays` }, "aria-controls": panel.id });
  return [h("div", { class: "checks" }, box.el), panel];
}

/**
 * Insurance: medical for everyone; the pension box only for a member of the contributing ages the
 * policy gives (none is shown, and nothing is said for anyone, while the ages are unknown).
 */
export function insurancePart(c, m, path, { medical: askMedical = true } = {}) {
  const medical = check(c, "insuredMedical", m.medical, (on) => { m.medical = on; }, { dataset: { path: `${path}.insured.medical` } });
  medical.el.hidden = !askMedical;
  const pension = check(c, "insuredPension", m.pension ?? true, (on) => { m.pension = on; }, { dataset: { path: `${path}.insured.pension` } });
  const sync = () => { pension.el.hidden = !pensionApplies(c, m); };
  sync();
  return { el: h("div", { class: "checks" }, medical.el, pension.el), sync };
}

export function pensionApplies(c, m) {
  const range = c.policy()?.pension;
  const age = ageOf(m);
  return !!range && age != null && age >= range.min && age <= range.max && !m.student;
}

// ---------------------------------------------------------------- the full form

export function fullForm(c) {
  const d = c.draft;
  const place = h("section", { class: "block" }, h("h2", {}, c.t("sectionPlace")), h("div", { class: "grid place" }, placeFields(c)));
  const income = h("section", { class: "block" }, h("h2", {}, c.t("sectionIncome")),
    h("div", { class: "grid" }, incomeField(c), housingField(c)));
  const members = h("div", { class: "members" });
  const add = h("button", { type: "button", class: "add", part: "button", dataset: { focus: "add-member" }, onclick: () => {
    const m = addMember(d);
    const fs = memberFieldset(c, m, d.members.length - 1);
    members.append(fs);
    c.changed();
    fs.querySelector("input[data-path$='.age']").focus();
    c.announce(`${c.t("memberAdded")} ${memberTitle(c, m, d.members.length - 1)}`);
  } }, h("span", { "aria-hidden": "true" }, "＋ "), c.t("addMember"));
  d.members.forEach((m, i) => members.append(memberFieldset(c, m, i)));
  const membersBlock = h("section", { class: "block" }, h("h2", {}, c.t("sectionMembers")),
    h("p", { class: "hint" }, c.t("membersHint")), members, add);
  return [place, statusFields(c), income, membersBlock, staffSection(c)];
}

function memberFieldset(c, m, i) {
  const path = `members[${i}]`;
  const legend = h("legend", {}, memberTitle(c, m, i));
  const ins = { sync() {} };
  const name = text(c, m.name, (v) => { m.name = v; legend.textContent = memberTitle(c, m, c.draft.members.indexOf(m)); },
    { maxlength: "200", dataset: { path: `${path}.name` } });
  const age = text(c, m.age, (v) => { m.age = v; ins.sync(); }, { inputmode: "numeric", class: "short", dataset: { path: `${path}.age` } });
  const disability = select(c, [["", "disability_none"], ...["1", "2", "3", "4"].map((g) => [g, `disability_${g}`])],
    m.disability, (v) => { m.disability = v; }, { dataset: { path: `${path}.disability` } });
  const labor = select(c, [["", "labor_unset"], ...["full", "partial", "none"].map((v) => [v, `labor_${v}`])],
    m.labor, (v) => { m.labor = v; }, { dataset: { path: `${path}.laborAbility` } });
  Object.assign(ins, insurancePart(c, m, path));
  const fs = h("fieldset", { class: "member", dataset: { id: m.id, path } },
    legend, errorSlot(),
    h("div", { class: "grid" },
      field(c, "name", name, "nameHint"),
      field(c, "age", age, "ageHint"),
      field(c, "disability", disability),
      field(c, "laborAbility", labor)),
    ins.el,
    schoolPart(c, m, path, () => ins.sync()),
    chronicPart(c, m, path),
    staysPart(c, m, path),
    h("div", { class: "member-actions" }, h("button", { type: "button", class: "remove", part: "button", onclick: () => {
      c.draft.members.splice(c.draft.members.indexOf(m), 1);
      c.changed();
      c.rerender({ focus: "add-member" });
      c.announce(c.t("memberRemoved"));
    } }, c.t("removeMember"))));
  fs.hm = { sync: () => ins.sync() };
  return fs;
}

/**
 * Local figures, for staff (collapsed): the 低保 standard per month, the poverty line, the pension
 * ages, and every other figure the last report said it needs. Each is an override the engine
 * takes in place of (or for want of) the pack's figure.
 */
export function staffSection(c) {
  const d = c.draft;
  const params = [...new Set(["dibaoStandardMonthly", "povertyLine", "pensionMinAge", "pensionMaxAge",
    ...c.neededParams(), ...Object.keys(d.overrides)])];
  const fields = params.map((param) => {
    const info = c.needTitles.get(param);
    const label = say(info?.title, c.lang) || c.t(`param_${param}`) || param;
    const input = text(c, d.overrides[param] ?? "", (v) => { d.overrides[param] = v; },
      { inputmode: info?.unit === "age" || info?.unit === "count" ? "numeric" : "decimal", dataset: { param, path: `overrides.${param}` } });
    const hintKey = { rate: "unitRate", age: "unitAge", factor: "unitRate" }[info?.unit ?? (/Age$/.test(param) ? "age" : "")];
    return field(c, null, input, hintKey, { label });
  });
  const missing = c.neededParams().filter((p) => !(d.overrides[p] ?? "").trim()).length;
  const details = h("details", { class: "block staff", open: c.ui.staffOpen },
    h("summary", {}, c.t("sectionOverrides"), missing ? h("span", { class: "needs-count" }, c.t("needsCount", { n: missing })) : null),
    h("p", { class: "hint" }, c.t("overridesHint")),
    h("div", { class: "grid" }, fields));
  details.addEventListener("toggle", () => { c.ui.staffOpen = details.open; });
  return details;
}

// ---------------------------------------------------------------- errors beside the fields

/** The element an error path belongs to: the exact field or the nearest enclosing one. */
export function target(root, path) {
  let best = null;
  let bestLen = -1;
  for (const el of root.querySelectorAll("[data-path]")) {
    const p = el.dataset.path;
    const prefix = path === p || (path.startsWith(p) && (path[p.length] === "." || path[p.length] === "["));
    if (prefix && p.length > bestLen && el.getClientRects().length) { best = el; bestLen = p.length; }
  }
  return best;
}

export function clearErrors(root) {
  for (const el of root.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  for (const el of root.querySelectorAll(".field-error")) {
    el.hidden = true;
    el.textContent = "";
    el.classList.remove("field-need");
  }
  for (const el of root.querySelectorAll(".has-error")) el.classList.remove("has-error");
}

/** Marks each error beside its field; returns the summary's items (a button to each field). */
export function markErrors(root, errors, c) {
  const items = [];
  for (const e of errors) {
    const msg = say(e, c.lang);
    const el = e.path ? target(root, e.path) : null;
    let slot = null;
    let label = c.t("errorGeneral");
    if (el) {
      if (el.matches("fieldset")) {
        slot = el.querySelector(":scope > .field-error");
        el.classList.add("has-error");
        label = el.querySelector(":scope > legend")?.textContent || label;
      } else {
        el.setAttribute("aria-invalid", "true");
        slot = el.closest(".field, .check")?.querySelector(".field-error");
        const lab = root.querySelector(`label[for="${el.id}"]`);
        const owner = el.closest("fieldset.stay, fieldset.member, fieldset.person");
        label = [owner?.querySelector(":scope > legend")?.textContent, lab?.textContent].filter(Boolean).join(" · ") || label;
      }
    } else if (e.path) label = c.pathLabel(e.path) || label;
    if (slot) {
      slot.hidden = false;
      slot.textContent = slot.textContent ? `${slot.textContent}；${msg}` : msg;
    }
    const focusable = el && (el.matches("fieldset") ? el.querySelector("input, select, button") : el);
    items.push(h("li", {}, focusable
      ? h("button", { type: "button", class: "linkish", onclick: () => focusable.focus() }, `${label}：${msg}`)
      : `${label}：${msg}`));
  }
  return items;
}

/** A field the calculation lacks (e.g. a stay's insurance payment): say so beside it. */
export function markNeeds(root, needs, c) {
  for (const n of needs) {
    const el = target(root, n.parameter);
    const slot = el?.matches("fieldset") ? el.querySelector(":scope > .field-error")
      : el?.closest(".field, .check")?.querySelector(".field-error");
    if (!slot) continue;
    slot.hidden = false;
    slot.classList.add("field-need");
    slot.textContent = `${c.t("needs")}${say(n.title, c.lang)}`;
  }
}
