// The guided path, for a household on a phone: one short step at a time — where and when, who
// lives here (an age per person), school (only for those of school age), health (chronic illness,
// hospital stays, insurance), income — with a progress line and Back / Next that keep every
// answer (all of it lives in the shared draft). The last step calculates; the answer follows.
import { h, nextId } from "./hm-dom.js";
import { addMember, ageOf, SCHOOL_AGES } from "./hm-household.js";
import { check, chronicPart, errorSlot, dibaoField, field, housingField, incomeField, insurancePart, memberTitle, placeFields,
  schoolPart, select, staysPart, statusFields, text } from "./hm-form.js";

/** School ages for the question (not a policy figure: see hm-household.js). */
const inSchoolAges = (m) => {
  const a = ageOf(m);
  return m.student || (a != null && a >= SCHOOL_AGES[0] && a <= SCHOOL_AGES[1]);
};
/** Compulsory schooling ages, at which the school box starts ticked (the person can untick it). */
const COMPULSORY = [6, 15];

export const STEPS = [
  { key: "where", paths: /^(region|asOf|status)/, build: whereStep },
  { key: "who", paths: /^members(\[\d+\](\.(age|name|id))?)?$/, build: whoStep },
  // counted while an age is still missing, so that the step count does not grow as ages come in
  { key: "school", paths: /^members\[\d+\]\.school/, build: schoolStep, applies: (d) => d.members.some((m) => inSchoolAges(m) || ageOf(m) == null) },
  { key: "health", paths: /^members\[\d+\]\./, build: healthStep },
  { key: "income", paths: /^(annualNetIncome|housing|overrides)/, build: incomeStep },
];

/** The steps this household goes through (the school step only if someone is of school age). */
export const visibleSteps = (d) => STEPS.filter((s) => !s.applies || s.applies(d));

/** The index (among the visible steps) of the step that asks for `path`. */
export function stepOf(d, path) {
  const steps = visibleSteps(d);
  const i = steps.findIndex((s) => s.paths.test(path));
  return i < 0 ? 0 : i;
}

/** The guided view: progress, the current step's questions, Back / Next (or Calculate). */
export function guided(c) {
  const d = c.draft;
  const steps = visibleSteps(d);
  const i = Math.max(0, Math.min(c.ui.step ?? 0, steps.length - 1));
  c.ui.step = i;
  const step = steps[i];
  const headingId = nextId("step");
  const heading = h("h2", { id: headingId, class: "step-title", tabindex: "-1" }, c.t(`step_${step.key}`));
  const progress = h("div", { class: "progress", dataset: { step: String(i + 1), steps: String(steps.length) } },
    h("p", { class: "progress-text" }, c.t("stepOf", { n: i + 1, total: steps.length })),
    h("ol", { class: "progress-dots", "aria-hidden": "true" },
      steps.map((s, j) => h("li", { class: j < i ? "done" : j === i ? "current" : null }))));
  const back = i > 0 ? h("button", { type: "button", class: "secondary back", part: "button",
    onclick: () => c.go(i - 1) }, c.t("back")) : null;
  const last = i === steps.length - 1;
  const next = last
    ? h("button", { type: "submit", class: "primary", part: "button" }, c.t(c.hasReport() ? "recalculate" : "calculate"))
    : h("button", { type: "button", class: "primary next", part: "button", onclick: () => c.go(i + 1) }, c.t("next"));
  return h("section", { class: `guided step-${step.key}`, "aria-labelledby": headingId, dataset: { stepKey: step.key } },
    progress, heading, step.build(c), h("div", { class: "actions step-nav" }, back, next));
}

function whereStep(c) {
  return [h("div", { class: "grid place" }, placeFields(c)), statusFields(c)];
}

function whoStep(c) {
  const d = c.draft;
  const list = h("div", { class: "people" });
  d.members.forEach((m, i) => {
    const path = `members[${i}]`;
    const legend = h("legend", {}, memberTitle(c, m, i));
    const age = text(c, m.age, (v) => { m.age = v; }, { inputmode: "numeric", class: "short", dataset: { path: `${path}.age` } });
    const name = text(c, m.name, (v) => { m.name = v; legend.textContent = memberTitle(c, m, d.members.indexOf(m)); },
      { maxlength: "200", dataset: { path: `${path}.name` } });
    list.append(h("fieldset", { class: "person", dataset: { id: m.id, path } },
      legend, errorSlot(),
      h("div", { class: "person-row" }, field(c, "age", age), field(c, "name", name),
        d.members.length > 1 ? h("button", { type: "button", class: "remove small", part: "button",
          "aria-label": `${c.t("removeMember")}（${memberTitle(c, m, i)}）`, onclick: () => {
            d.members.splice(d.members.indexOf(m), 1);
            c.changed();
            c.rerender({ focus: "add-person" });
            c.announce(c.t("memberRemoved"));
          } }, c.t("remove")) : null)));
  });
  const add = h("button", { type: "button", class: "add", part: "button", dataset: { focus: "add-person" }, onclick: () => {
    const m = addMember(d);
    c.changed();
    c.rerender({ focusPath: `members[${d.members.indexOf(m)}].age` });
    c.announce(`${c.t("memberAdded")} ${memberTitle(c, m, d.members.length - 1)}`);
  } }, h("span", { "aria-hidden": "true" }, "＋ "), c.t("addPerson"));
  return [h("p", { class: "hint" }, c.t("whoHint")), list, add];
}

/** "成员 2（9岁）": who the questions are about. */
function personLegend(c, m, i) {
  const a = ageOf(m);
  return memberTitle(c, m, i) + (a != null ? c.t("ageSuffix", { age: a }) : "");
}

function schoolStep(c) {
  const d = c.draft;
  if (!d.members.some(inSchoolAges)) return [h("p", {}, c.t("schoolNone"))];
  return [h("p", { class: "hint" }, c.t("schoolHint")), d.members.map((m, i) => {
    if (!inSchoolAges(m)) return null;
    if (!m.schoolAsked) {
      m.schoolAsked = true;
      const a = ageOf(m);
      if (!m.student && a >= COMPULSORY[0] && a <= COMPULSORY[1]) m.student = true;
    }
    const path = `members[${i}]`;
    return h("fieldset", { class: "person", dataset: { path } }, h("legend", {}, personLegend(c, m, i)), schoolPart(c, m, path));
  })];
}

function healthStep(c) {
  const d = c.draft;
  // asked once for the household, and per person only where the answer is "not everyone" /
  // "someone": medical insurance (everyone is usually in it) and a disability certificate
  c.ui.allInsured ??= d.members.every((m) => m.medical);
  c.ui.anyDisabled ??= d.members.some((m) => m.disability);
  const all = check(c, "allInsured", c.ui.allInsured, (on) => {
    c.ui.allInsured = on;
    if (on) for (const m of d.members) m.medical = true;
    c.rerender();
  });
  const disabled = check(c, "anyDisabled", c.ui.anyDisabled, (on) => {
    c.ui.anyDisabled = on;
    if (!on) for (const m of d.members) m.disability = "";
    c.rerender();
  });
  return [h("p", { class: "hint" }, c.t("healthHint")), h("div", { class: "checks" }, all.el, disabled.el), d.members.map((m, i) => {
    const path = `members[${i}]`;
    const grade = c.ui.anyDisabled ? field(c, "disability", select(c, [["", "disability_none"], ...["1", "2", "3", "4"].map((g) => [g, `disability_${g}`])],
      m.disability, (v) => { m.disability = v; }, { dataset: { path: `${path}.disability` } })) : null;
    return h("fieldset", { class: "person", dataset: { path } },
      h("legend", {}, personLegend(c, m, i)),
      errorSlot(),
      insurancePart(c, m, path, { medical: !c.ui.allInsured }).el,
      chronicPart(c, m, path),
      staysPart(c, m, path),
      grade);
  })];
}

function incomeStep(c) {
  return [
    incomeField(c),
    c.policy()?.needsDibao ? dibaoField(c) : null,
    housingField(c),
  ];
}
