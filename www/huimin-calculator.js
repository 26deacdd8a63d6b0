// <huimin-calculator region="150203" lang="zh-CN" as-of="2017-09-01" policy-src="local-pack.json">
//
// The whole calculator — form and report — in one custom element, loaded with one script tag:
//   <script type="module" src="/huimin/huimin-calculator.js"></script>
// It loads its stylesheet and the WebAssembly module from beside itself (./pkg/), makes no other
// request, and computes everything on the device.
//
// Events: `result` (detail: the report), `invalid` (detail: { errors }), `langchange` (detail: { lang }),
// `ready` (detail: { version, regions }).
// Properties and methods: `report`, `household` (get/set), `evaluate()`, `loadPolicy(pack)`, `version`.
// Theming: CSS custom properties --huimin-* (see huimin-calculator.css) and ::part(container|toolbar|
// form|results|card|totals|button).
//
// Safety: user text (names, ids, imported files) is only ever set as textContent or input values;
// this file never assigns innerHTML.

import init, { evaluate, loadPolicy, regions, version } from "./pkg/huimin.js";
import { groupDigits, t } from "./i18n.js";

const STATUSES = ["registered_poor", "exited_poor", "dibao", "tekun", "monitored", "low_income_margin"];
const STAGES = ["preschool", "primary", "junior_secondary", "senior_secondary", "secondary_vocational",
  "junior_college", "undergraduate", "postgraduate"];
const AREAS = ["medical", "insurance", "education", "dibao", "housing", "other"];
const STATUS_ORDER = { entitled: 0, apply: 1, needs_info: 2, not_eligible: 3 };
const LOW_CONFIDENCE = new Set(["V2", "D", "R"]);
const HOUSEHOLD_FIELDS = new Set(["id", "region", "asOf", "status", "annualNetIncome", "members", "housing", "overrides"]);
/** A needsInfo entry names a household field (to fill in the form) or a parameter (an override). */
const isHouseholdPath = (p) => /[[.]/.test(p) || HOUSEHOLD_FIELDS.has(p);

let modulePromise = null;
/** Loads the WebAssembly module once per page, for every calculator on it. */
function loadModule() {
  modulePromise ??= init({ module_or_path: new URL("./pkg/huimin_bg.wasm", import.meta.url) });
  return modulePromise;
}

let uid = 0;
const nextId = (prefix) => `hm-${prefix}-${++uid}`;

/**
 * Creates an element. `text` sets textContent; strings among the children become text nodes.
 * Nothing here parses HTML.
 */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k === "i18n") el.dataset.i18n = v;
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "checked" || k === "value" || k === "hidden" || k === "disabled" || k === "open") el[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** "９６００，00 " → "9600,00"; keeps what it does not understand for the engine to report. */
function normaliseMoney(raw) {
  let s = String(raw ?? "").trim()
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xFEE0))
    .replace(/[．。]/g, ".")
    .replace(/\s+/g, "");
  if (/^\d{1,3}([,，]\d{3})+(\.\d*)?$/.test(s)) s = s.replace(/[,，]/g, "");
  return s;
}

function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

const STYLE_URL = new URL("./huimin-calculator.css", import.meta.url).href;

export class HuiminCalculator extends HTMLElement {
  static observedAttributes = ["region", "lang", "as-of", "policy-src"];

  #root;
  #ui = {};
  #built = false;
  #regions = [];
  #report = null;
  #errors = null;
  #household = null;
  #householdId = null;
  #needTitles = new Map();
  #memberSeq = 0;
  #ready = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
  }

  // ---------------------------------------------------------------- public API

  /** The last report, or null. */
  get report() { return this.#report; }
  /** The household as the form holds it. */
  get household() { return this.#read().household; }
  set household(value) { this.#fill(value); }
  /** The engine's version, once loaded. */
  get version() { return this.#ready ? version() : null; }

  /** Evaluates the form; returns the report or `{ errors }`. */
  async evaluate() {
    await this.#whenReady();
    return this.#evaluateNow();
  }

  /** Validates and loads a policy pack (object or JSON text) into the engine; returns `{ ok, id }` or `{ errors }`. */
  async loadPolicy(pack) {
    await this.#whenReady();
    const result = loadPolicy(pack);
    if (!result.errors) this.#refreshRegions();
    return result;
  }

  // ---------------------------------------------------------------- lifecycle

  connectedCallback() {
    if (!this.#built) this.#build();
    this.#start();
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.#built || oldValue === value) return;
    if (name === "lang") this.#applyLang();
    else if (name === "region" && value) this.#ui.region.value = value;
    else if (name === "as-of" && value) this.#ui.asOf.value = value;
    else if (name === "policy-src" && value && this.#ready) this.#loadPolicySrc(value);
  }

  get #lang() {
    return (this.getAttribute("lang") || "zh-CN").toLowerCase().startsWith("en") ? "en" : "zh-CN";
  }

  #t(key, vars) { return t(this.#lang, key, vars); }

  #whenReady() {
    return this.#startPromise ?? this.#start();
  }

  #startPromise = null;
  #start() {
    this.#startPromise ??= (async () => {
      try {
        await loadModule();
      } catch (err) {
        this.#ui.loading.hidden = false;
        this.#ui.loading.dataset.i18n = "loadFailed";
        this.#ui.loading.textContent = this.#t("loadFailed");
        this.#ui.loading.classList.add("failed");
        throw err;
      }
      this.#ready = true;
      this.#refreshRegions();
      const src = this.getAttribute("policy-src");
      if (src) await this.#loadPolicySrc(src);
      this.#ui.loading.hidden = true;
      this.#ui.form.hidden = false;
      this.#ui.version.textContent = this.#t("generatedBy", { version: version() });
      this.dispatchEvent(new CustomEvent("ready", {
        detail: { version: version(), regions: this.#regions }, bubbles: true, composed: true,
      }));
    })();
    return this.#startPromise;
  }

  async #loadPolicySrc(src) {
    let result;
    try {
      const response = await fetch(new URL(src, document.baseURI), { credentials: "same-origin" });
      result = loadPolicy(await response.text());
    } catch (err) {
      result = { errors: [{ code: "policy.fetch", path: "", zh: `无法读取政策包 ${src}`, en: `cannot read the policy pack ${src}` }] };
    }
    if (result.errors) this.#showErrors(result.errors);
    else this.#refreshRegions();
    return result;
  }

  // ---------------------------------------------------------------- building the form

  #build() {
    this.#built = true;
    const ui = this.#ui;
    const root = this.#root;
    root.append(h("link", { rel: "stylesheet", href: STYLE_URL }));

    ui.announce = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
    ui.loading = h("p", { class: "loading", role: "status", i18n: "loading" }, this.#t("loading"));

    // toolbar
    ui.langBtn = h("button", { type: "button", class: "tool", part: "button", onclick: () => this.#toggleLang() });
    ui.largeBtn = h("button", { type: "button", class: "tool", part: "button", "aria-pressed": "false",
      i18n: "largeText", onclick: () => this.#toggleLarge() }, this.#t("largeText"));
    ui.exportBtn = h("button", { type: "button", class: "tool", part: "button", i18n: "export",
      onclick: () => this.#export() }, this.#t("export"));
    ui.importInput = h("input", { type: "file", accept: "application/json,.json", class: "visually-hidden",
      tabindex: "-1", "aria-hidden": "true", onchange: (e) => this.#import(e) });
    ui.importBtn = h("button", { type: "button", class: "tool", part: "button", i18n: "import",
      onclick: () => ui.importInput.click() }, this.#t("import"));
    ui.printBtn = h("button", { type: "button", class: "tool", part: "button", i18n: "print",
      onclick: () => window.print() }, this.#t("print"));
    const toolbar = h("div", { class: "toolbar no-print", part: "toolbar" },
      ui.langBtn, ui.largeBtn, ui.exportBtn, ui.importBtn, ui.importInput, ui.printBtn);

    // place and date
    ui.region = h("select", { id: nextId("region"), dataset: { path: "region" },
      onchange: () => this.#clearOverrides() });
    ui.asOf = h("input", { id: nextId("asof"), type: "date", dataset: { path: "asOf" },
      value: this.getAttribute("as-of") || today() });
    const place = h("section", { class: "block" },
      h("h2", { i18n: "sectionPlace" }, this.#t("sectionPlace")),
      h("div", { class: "grid" },
        this.#field("region", ui.region, "regionHint"),
        this.#field("asOf", ui.asOf, "asOfHint")));

    // status
    ui.statuses = STATUSES.map((s) => h("input", { type: "checkbox", value: s, id: nextId("st") }));
    const statusSet = h("fieldset", { class: "block", dataset: { path: "status" } },
      h("legend", { i18n: "sectionStatus" }, this.#t("sectionStatus")),
      h("div", { class: "checks" }, ui.statuses.map((cb) => this.#check(`status_${cb.value}`, cb))),
      this.#errorSlot());

    // income and housing
    ui.income = h("input", { id: nextId("income"), type: "text", inputmode: "decimal", autocomplete: "off",
      dataset: { path: "annualNetIncome" } });
    ui.housing = this.#select([["", "housing_none"], ...["A", "B", "C", "D"].map((g) => [g, `housing_${g}`])],
      { dataset: { path: "housing.grade" } });
    const income = h("section", { class: "block" },
      h("h2", { i18n: "sectionIncome" }, this.#t("sectionIncome")),
      h("div", { class: "grid" },
        this.#field("income", ui.income, "incomeHint"),
        this.#field("housing", ui.housing, "housingHint")));

    // members
    ui.members = h("div", { class: "members" });
    ui.addMember = h("button", { type: "button", class: "add", part: "button", onclick: () => this.#addMember() },
      h("span", { "aria-hidden": "true" }, "＋ "), h("span", { i18n: "addMember" }, this.#t("addMember")));
    const members = h("section", { class: "block" },
      h("h2", { i18n: "sectionMembers" }, this.#t("sectionMembers")),
      h("p", { class: "hint", i18n: "membersHint" }, this.#t("membersHint")),
      ui.members, ui.addMember);

    // overrides (local figures a programme needs)
    ui.overrideFields = h("div", { class: "grid" });
    ui.overrides = h("section", { class: "block overrides", hidden: true },
      h("h2", { i18n: "sectionOverrides" }, this.#t("sectionOverrides")),
      h("p", { class: "hint", i18n: "overridesHint" }, this.#t("overridesHint")),
      ui.overrideFields);

    ui.errorSummary = h("div", { class: "error-summary", tabindex: "-1", hidden: true });
    ui.submit = h("button", { type: "submit", class: "primary", part: "button", i18n: "calculate" }, this.#t("calculate"));
    ui.clear = h("button", { type: "button", class: "secondary", part: "button", i18n: "clear",
      onclick: () => this.#fill(null) }, this.#t("clear"));
    ui.form = h("form", { class: "form no-print", part: "form", novalidate: true, hidden: true,
      onsubmit: (e) => { e.preventDefault(); this.#evaluateNow(); },
      oninput: () => this.#markStale() },
    place, statusSet, income, members, ui.overrides, ui.errorSummary,
    h("div", { class: "actions" }, ui.submit, ui.clear));

    ui.printHeader = h("div", { class: "print-only print-header" });
    ui.results = h("section", { class: "results", part: "results", hidden: true });
    ui.version = h("p", { class: "version" });

    ui.container = h("div", { class: "hm", part: "container" },
      ui.announce, toolbar, ui.loading, ui.form, ui.printHeader, ui.results, ui.version);
    root.append(ui.container);

    this.#addMember({ silent: true });
    this.#applyLang();
  }

  /** A labelled field with an optional hint and an error slot. */
  #field(labelKey, input, hintKey) {
    input.id ||= nextId("f");
    const label = h("label", { for: input.id, i18n: labelKey }, this.#t(labelKey));
    const described = [];
    let hint = null;
    if (hintKey) {
      hint = h("p", { class: "hint", id: nextId("hint"), i18n: hintKey }, this.#t(hintKey));
      described.push(hint.id);
    }
    const error = this.#errorSlot();
    described.push(error.id);
    input.setAttribute("aria-describedby", described.join(" "));
    return h("div", { class: "field" }, label, hint, input, error);
  }

  #errorSlot() {
    return h("p", { class: "field-error", id: nextId("err"), hidden: true });
  }

  #check(labelKey, input) {
    input.id ||= nextId("cb");
    return h("div", { class: "check" }, input, h("label", { for: input.id, i18n: labelKey }, this.#t(labelKey)));
  }

  /** A select of `[value, i18n key]` pairs. */
  #select(options, props = {}) {
    return h("select", { id: nextId("sel"), ...props },
      options.map(([value, key]) => h("option", { value, i18n: key }, this.#t(key))));
  }

  // ---------------------------------------------------------------- members

  #addMember(opts = {}) {
    const data = opts.data || {};
    const id = data.id != null ? String(data.id) : this.#newMemberId();
    const ui = {};
    ui.legend = h("legend");
    ui.name = h("input", { type: "text", autocomplete: "off", maxlength: "200", value: data.name != null ? String(data.name) : "",
      oninput: () => this.#renumber() });
    ui.age = h("input", { type: "text", inputmode: "numeric", autocomplete: "off", class: "short",
      value: data.age != null ? String(data.age) : "" });
    ui.disability = this.#select([["", "disability_none"], ...["1", "2", "3", "4"].map((g) => [g, `disability_${g}`])]);
    ui.disability.value = data.disability != null ? String(data.disability) : "";
    ui.labor = this.#select([["", "labor_unset"], ...["full", "partial", "none"].map((v) => [v, `labor_${v}`])]);
    ui.labor.value = data.laborAbility || "";
    const insured = data.insured || {};
    ui.medical = h("input", { type: "checkbox", checked: insured.medical !== false });
    ui.pension = h("input", { type: "checkbox", checked: insured.pension !== false });

    // student
    const school = data.school || null;
    ui.isStudent = h("input", { type: "checkbox", checked: !!school });
    ui.stage = this.#select(STAGES.map((v) => [v, `stage_${v}`]));
    if (school?.stage) ui.stage.value = school.stage;
    ui.freshman = h("input", { type: "checkbox", checked: !!school?.freshman });
    ui.boarding = h("input", { type: "checkbox", checked: !!school?.boarding });
    ui.studentPanel = h("div", { class: "panel", id: nextId("panel"), hidden: !school },
      h("div", { class: "grid" }, this.#field("stage", ui.stage)),
      h("div", { class: "checks" }, this.#check("freshman", ui.freshman), this.#check("boarding", ui.boarding)));
    this.#toggles(ui.isStudent, ui.studentPanel);

    // chronic disease
    const chronic = data.chronic || null;
    ui.isChronic = h("input", { type: "checkbox", checked: !!chronic });
    ui.listed = h("input", { type: "checkbox", checked: chronic ? chronic.listed !== false : true });
    ui.selfPay = h("input", { type: "text", inputmode: "decimal", autocomplete: "off",
      value: chronic?.selfPayInCatalog != null ? String(chronic.selfPayInCatalog) : "" });
    ui.chronicPanel = h("div", { class: "panel", id: nextId("panel"), hidden: !chronic },
      h("div", { class: "checks" }, this.#check("chronicListed", ui.listed)),
      h("div", { class: "grid" }, this.#field("chronicSelfPay", ui.selfPay, "chronicSelfPayHint")));
    this.#toggles(ui.isChronic, ui.chronicPanel);

    // hospital stays
    const stays = Array.isArray(data.stays) ? data.stays : [];
    ui.hasStays = h("input", { type: "checkbox", checked: stays.length > 0 });
    ui.stays = h("div", { class: "stays" });
    ui.addStay = h("button", { type: "button", class: "add small", part: "button",
      onclick: () => this.#addStay(fs, {}, true) },
    h("span", { "aria-hidden": "true" }, "＋ "), h("span", { i18n: "addStay" }, this.#t("addStay")));
    ui.staysPanel = h("div", { class: "panel", id: nextId("panel"), hidden: stays.length === 0 },
      h("p", { class: "hint", i18n: "stayHint" }, this.#t("stayHint")), ui.stays, ui.addStay);
    this.#toggles(ui.hasStays, ui.staysPanel, () => {
      if (ui.hasStays.checked && !ui.stays.children.length) this.#addStay(fs, {}, false);
    });

    ui.remove = h("button", { type: "button", class: "remove", part: "button", i18n: "removeMember",
      onclick: () => this.#removeMember(fs) }, this.#t("removeMember"));
    ui.error = this.#errorSlot();

    const fs = h("fieldset", { class: "member", dataset: { id } },
      ui.legend,
      ui.error,
      h("div", { class: "grid" },
        this.#field("name", ui.name, "nameHint"),
        this.#field("age", ui.age),
        this.#field("disability", ui.disability),
        this.#field("laborAbility", ui.labor)),
      h("div", { class: "checks" },
        this.#check("insuredMedical", ui.medical),
        this.#check("insuredPension", ui.pension),
        this.#check("isStudent", ui.isStudent)),
      ui.studentPanel,
      h("div", { class: "checks" }, this.#check("isChronic", ui.isChronic)),
      ui.chronicPanel,
      h("div", { class: "checks" }, this.#check("hasStays", ui.hasStays)),
      ui.staysPanel,
      h("div", { class: "member-actions" }, ui.remove));
    fs.hm = ui;
    for (const stay of stays) this.#addStay(fs, stay, false);
    this.#ui.members.append(fs);
    this.#renumber();
    if (!opts.silent) {
      ui.age.focus();
      this.#say(this.#t("memberAdded") + " " + ui.legend.textContent);
    }
    return fs;
  }

  #newMemberId() {
    const taken = new Set([...this.#ui.members.children].map((f) => f.dataset.id));
    let id;
    do id = `m${++this.#memberSeq}`; while (taken.has(id));
    return id;
  }

  #toggles(checkbox, panel, then) {
    // (aria-expanded is not a checkbox state; the panel follows the checkbox in reading order)
    checkbox.setAttribute("aria-controls", panel.id);
    checkbox.addEventListener("change", () => {
      panel.hidden = !checkbox.checked;
      then?.();
    });
  }

  #removeMember(fs) {
    fs.remove();
    this.#renumber();
    this.#markStale();
    this.#ui.addMember.focus();
    this.#say(this.#t("memberRemoved"));
  }

  #addStay(fs, data, focus) {
    const ui = {};
    ui.legend = h("legend");
    const money = (v) => (v != null ? String(v) : "");
    ui.total = h("input", { type: "text", inputmode: "decimal", autocomplete: "off", value: money(data.total) });
    ui.covered = h("input", { type: "text", inputmode: "decimal", autocomplete: "off", value: money(data.covered) });
    ui.paid = h("input", { type: "text", inputmode: "decimal", autocomplete: "off", value: money(data.insurancePaid) });
    ui.inDistrict = h("input", { type: "checkbox", checked: data.inDistrict !== false });
    ui.treatment = this.#select([["", "treatment_none"], ["labor_recovery", "treatment_labor_recovery"]]);
    if (data.treatment) {
      if (![...ui.treatment.options].some((o) => o.value === data.treatment)) {
        ui.treatment.append(h("option", { value: String(data.treatment) }, String(data.treatment)));
      }
      ui.treatment.value = data.treatment;
    }
    ui.error = this.#errorSlot();
    const stay = h("fieldset", { class: "stay" },
      ui.legend, ui.error,
      h("div", { class: "grid" },
        this.#field("stayTotal", ui.total),
        this.#field("stayCovered", ui.covered),
        this.#field("stayInsurancePaid", ui.paid, "stayInsurancePaidHint"),
        this.#field("stayTreatment", ui.treatment)),
      h("div", { class: "checks" }, this.#check("stayInDistrict", ui.inDistrict)),
      h("button", { type: "button", class: "remove small", part: "button", i18n: "removeStay",
        onclick: () => {
          stay.remove();
          if (!fs.hm.stays.children.length) {
            fs.hm.hasStays.checked = false;
            fs.hm.hasStays.dispatchEvent(new Event("change"));
            fs.hm.hasStays.focus();
          } else fs.hm.addStay.focus();
          this.#renumber();
          this.#markStale();
        } }, this.#t("removeStay")));
    stay.hm = ui;
    fs.hm.stays.append(stay);
    this.#renumber();
    if (focus) ui.total.focus();
    return stay;
  }

  /** Legends follow the order on screen: 成员 1：name, 第 1 次住院. */
  #renumber() {
    [...this.#ui.members.children].forEach((fs, i) => {
      const name = fs.hm.name.value.trim();
      fs.hm.legend.textContent = this.#t("memberN", { n: i + 1 }) + (name ? (this.#lang === "en" ? `: ${name}` : `：${name}`) : "");
      [...fs.hm.stays.children].forEach((stay, j) => {
        stay.hm.legend.textContent = this.#t("stayN", { n: j + 1 });
      });
    });
  }

  // ---------------------------------------------------------------- reading and filling

  /** The household from the form; each input gets the JSON path it feeds (for errors). */
  #read() {
    const ui = this.#ui;
    const hh = {};
    if (this.#householdId != null) hh.id = this.#householdId;
    hh.region = ui.region.value;
    hh.asOf = ui.asOf.value;
    hh.status = ui.statuses.filter((cb) => cb.checked).map((cb) => cb.value);
    const income = normaliseMoney(ui.income.value);
    if (income !== "") hh.annualNetIncome = income;
    if (ui.housing.value) hh.housing = { grade: ui.housing.value };
    hh.members = [...ui.members.children].map((fs, i) => {
      const m = fs.hm;
      const path = `members[${i}]`;
      fs.dataset.path = path;
      const member = { id: fs.dataset.id };
      const name = m.name.value.trim();
      if (name) member.name = name;
      m.name.dataset.path = `${path}.name`;
      const age = m.age.value.trim().replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xFEE0));
      // a number as a number (the engine then checks its range), anything else as typed
      if (age !== "") member.age = /^-?\d+(\.\d+)?$/.test(age) ? Number(age) : age;
      m.age.dataset.path = `${path}.age`;
      if (m.disability.value) member.disability = Number(m.disability.value);
      m.disability.dataset.path = `${path}.disability`;
      if (m.labor.value) member.laborAbility = m.labor.value;
      m.labor.dataset.path = `${path}.laborAbility`;
      member.insured = { medical: m.medical.checked, pension: m.pension.checked };
      m.medical.dataset.path = `${path}.insured.medical`;
      m.pension.dataset.path = `${path}.insured.pension`;
      if (m.isStudent.checked) {
        member.school = { stage: m.stage.value, freshman: m.freshman.checked, boarding: m.boarding.checked };
      }
      m.isStudent.dataset.path = `${path}.school`;
      m.stage.dataset.path = `${path}.school.stage`;
      if (m.isChronic.checked) {
        member.chronic = { listed: m.listed.checked };
        const pay = normaliseMoney(m.selfPay.value);
        if (pay !== "") member.chronic.selfPayInCatalog = pay;
      }
      m.isChronic.dataset.path = `${path}.chronic`;
      m.selfPay.dataset.path = `${path}.chronic.selfPayInCatalog`;
      if (m.hasStays.checked) {
        member.stays = [...m.stays.children].map((el, j) => {
          const s = el.hm;
          const sp = `${path}.stays[${j}]`;
          el.dataset.path = sp;
          const stay = { inDistrict: s.inDistrict.checked };
          for (const [key, input] of [["total", s.total], ["covered", s.covered], ["insurancePaid", s.paid]]) {
            const v = normaliseMoney(input.value);
            if (v !== "") stay[key] = v;
            input.dataset.path = `${sp}.${key}`;
          }
          if (s.treatment.value) stay.treatment = s.treatment.value;
          s.treatment.dataset.path = `${sp}.treatment`;
          s.inDistrict.dataset.path = `${sp}.inDistrict`;
          return stay;
        });
      }
      m.hasStays.dataset.path = `${path}.stays`;
      return member;
    });
    const overrides = {};
    for (const input of ui.overrideFields.querySelectorAll("input[data-param]")) {
      const v = normaliseMoney(input.value);
      if (v !== "") overrides[input.dataset.param] = v;
      input.dataset.path = `overrides.${input.dataset.param}`;
    }
    if (Object.keys(overrides).length) hh.overrides = overrides;
    return { household: hh };
  }

  /** Fills the form from a household object (import) or empties it (null). */
  #fill(data) {
    const ui = this.#ui;
    const hh = data && typeof data === "object" && !Array.isArray(data) ? data : {};
    this.#householdId = hh.id != null ? String(hh.id) : null;
    if (hh.region != null) {
      const code = String(hh.region);
      if (![...ui.region.options].some((o) => o.value === code)) ui.region.append(h("option", { value: code }, code));
      ui.region.value = code;
    }
    ui.asOf.value = hh.asOf != null ? String(hh.asOf) : this.getAttribute("as-of") || today();
    const statuses = Array.isArray(hh.status) ? hh.status.map(String) : [];
    for (const cb of ui.statuses) cb.checked = statuses.includes(cb.value);
    ui.income.value = hh.annualNetIncome != null ? String(hh.annualNetIncome) : "";
    ui.housing.value = hh.housing?.grade ? String(hh.housing.grade) : "";
    ui.members.replaceChildren();
    this.#memberSeq = 0;
    const list = Array.isArray(hh.members) ? hh.members : [];
    for (const m of list) this.#addMember({ data: m && typeof m === "object" ? m : {}, silent: true });
    if (!list.length) this.#addMember({ silent: true });
    this.#clearOverrides();
    if (hh.overrides && typeof hh.overrides === "object") {
      this.#renderOverrides([], hh.overrides);
    }
    this.#report = null;
    this.#errors = null;
    this.#clearErrors();
    ui.results.hidden = true;
    ui.results.replaceChildren();
    ui.printHeader.replaceChildren();
  }

  // ---------------------------------------------------------------- evaluating

  #evaluateNow() {
    if (!this.#ready) return null;
    const { household } = this.#read();
    let result;
    try {
      result = evaluate(household, { lang: this.#lang });
    } catch (err) {
      result = { errors: [{ code: "internal", path: "", zh: "计算器内部错误，请刷新页面", en: "internal error; please reload the page" }] };
    }
    if (result.errors) {
      this.#report = null;
      this.#ui.results.hidden = true;
      this.#showErrors(result.errors);
      this.dispatchEvent(new CustomEvent("invalid", { detail: result, bubbles: true, composed: true }));
      return result;
    }
    this.#household = household;
    this.#report = result;
    this.#errors = null;
    this.#clearErrors();
    this.#renderOverrides(result.needsInfo || [], null);
    this.#markNeededFields(result.needsInfo || []);
    this.#renderReport();
    this.#ui.resultsHeading?.focus();
    this.#say(`${this.#t("perYear")} ${this.#t("yuan", { amount: groupDigits(result.totals.perYear) })}，${this.#t("once")} ${this.#t("yuan", { amount: groupDigits(result.totals.once) })}`);
    this.dispatchEvent(new CustomEvent("result", { detail: result, bubbles: true, composed: true }));
    return result;
  }

  #markStale() {
    if (this.#report && !this.#ui.results.hidden) this.#ui.results.classList.add("stale");
  }

  // ---------------------------------------------------------------- errors

  #clearErrors() {
    for (const el of this.#root.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const el of this.#root.querySelectorAll(".field-error")) {
      el.hidden = true;
      el.textContent = "";
      el.classList.remove("field-need");
    }
    for (const el of this.#root.querySelectorAll(".has-error")) el.classList.remove("has-error");
    this.#ui.errorSummary.hidden = true;
    this.#ui.errorSummary.replaceChildren();
  }

  /** The element an error path belongs to: the exact field or the nearest enclosing one. */
  #target(path) {
    let best = null;
    let bestLen = -1;
    for (const el of this.#root.querySelectorAll("[data-path]")) {
      const p = el.dataset.path;
      const prefix = path === p || (path.startsWith(p) && (path[p.length] === "." || path[p.length] === "["));
      if (prefix && p.length > bestLen) { best = el; bestLen = p.length; }
    }
    return best;
  }

  #showErrors(errors) {
    this.#errors = errors;
    this.#clearErrors();
    const lang = this.#lang;
    const text = (e) => (lang === "en" ? e.en : e.zh);
    const items = [];
    for (const e of errors) {
      const el = e.path ? this.#target(e.path) : null;
      let slot = null;
      let label = this.#t("errorGeneral");
      if (el) {
        if (el.matches("fieldset")) {
          slot = el.querySelector(":scope > .field-error");
          el.classList.add("has-error");
          label = el.querySelector(":scope > legend")?.textContent || label;
        } else {
          el.setAttribute("aria-invalid", "true");
          const field = el.closest(".field, .check");
          slot = field?.querySelector(".field-error");
          const lab = this.#root.querySelector(`label[for="${el.id}"]`);
          const owner = el.closest("fieldset.stay, fieldset.member");
          label = [owner?.querySelector(":scope > legend")?.textContent, lab?.textContent].filter(Boolean).join(" · ") || label;
        }
      }
      if (slot) {
        slot.hidden = false;
        slot.textContent = slot.textContent ? `${slot.textContent}；${text(e)}` : text(e);
      }
      const focusable = el && (el.matches("fieldset") ? el.querySelector("input, select, button") : el);
      items.push(h("li", {},
        focusable
          ? h("button", { type: "button", class: "linkish", onclick: () => focusable.focus() }, `${label}：${text(e)}`)
          : `${label}：${text(e)}`));
    }
    const summary = this.#ui.errorSummary;
    summary.replaceChildren(h("h2", { id: nextId("errh") }, this.#t("errorsTitle")), h("ul", {}, items));
    summary.setAttribute("role", "alert");
    summary.hidden = false;
    summary.focus();
  }

  // ---------------------------------------------------------------- overrides (local figures)

  #clearOverrides() {
    this.#ui.overrideFields.replaceChildren();
    this.#ui.overrides.hidden = true;
  }

  /** One field per needsInfo parameter, plus any the user has already filled. */
  #renderOverrides(needsInfo, initial) {
    const current = {};
    for (const input of this.#ui.overrideFields.querySelectorAll("input[data-param]")) {
      if (input.value.trim() !== "") current[input.dataset.param] = input.value;
    }
    if (initial) for (const [k, v] of Object.entries(initial)) current[k] = String(v);
    for (const n of needsInfo) this.#needTitles.set(n.parameter, n);
    const wanted = needsInfo.map((n) => n.parameter).filter((p) => !isHouseholdPath(p));
    const params = [...new Set([...wanted, ...Object.keys(current)])];
    const fields = params.map((param) => {
      const info = this.#needTitles.get(param);
      const input = h("input", { type: "text", inputmode: info?.unit === "age" || info?.unit === "count" ? "numeric" : "decimal",
        autocomplete: "off", value: current[param] ?? "", dataset: { param } });
      const label = info ? this.#text(info.title) : param;
      input.id = nextId("ov");
      const hintKey = { rate: "unitRate", age: "unitAge", factor: "unitRate" }[info?.unit];
      const hint = hintKey ? h("p", { class: "hint", id: nextId("hint") }, this.#t(hintKey)) : null;
      const error = this.#errorSlot();
      input.setAttribute("aria-describedby", [hint?.id, error.id].filter(Boolean).join(" "));
      return h("div", { class: "field" }, h("label", { for: input.id }, label), hint, input, error);
    });
    this.#ui.overrideFields.replaceChildren(...fields);
    this.#ui.overrides.hidden = fields.length === 0;
    this.#ui.submit.dataset.i18n = fields.length ? "recalculate" : "calculate";
    this.#ui.submit.textContent = this.#t(this.#ui.submit.dataset.i18n);
  }

  /** A household field the calculation lacks (e.g. a stay's insurance payment): say so beside it. */
  #markNeededFields(needsInfo) {
    for (const n of needsInfo) {
      if (!isHouseholdPath(n.parameter)) continue;
      const el = this.#target(n.parameter);
      const slot = el?.matches("fieldset") ? el.querySelector(":scope > .field-error")
        : el?.closest(".field, .check")?.querySelector(".field-error");
      if (!slot) continue;
      slot.hidden = false;
      slot.classList.add("field-need");
      slot.textContent = `${this.#t("needs")}${this.#text(n.title)}`;
    }
  }

  // ---------------------------------------------------------------- the report

  #memberLabel(id) {
    if (id == null) return this.#t("household");
    const members = this.#household?.members || [];
    const i = members.findIndex((m) => m.id === id);
    const n = this.#t("memberN", { n: i >= 0 ? i + 1 : id });
    const name = i >= 0 ? members[i].name : null;
    return name ? (this.#lang === "en" ? `${n}: ${name}` : `${n}：${name}`) : n;
  }

  /** A text of a report (a string, or a message's `text`, in the report's language) or of a
   *  pack (`{zh, en}`). */
  #text(obj) {
    if (!obj) return "";
    if (typeof obj === "string") return obj;
    if (typeof obj.text === "string") return obj.text;
    return this.#lang === "en" ? obj.en ?? obj.zh ?? "" : obj.zh ?? obj.en ?? "";
  }

  #amount(amount) {
    return this.#t("yuan", { amount: groupDigits(amount) });
  }

  #regionName(code) {
    const r = this.#regions.find((x) => x.code === code);
    return r ? this.#regionLabel(r) : code;
  }

  #renderReport() {
    const r = this.#report;
    if (!r) return;
    const ui = this.#ui;
    const lang = this.#lang;
    ui.results.classList.remove("stale");

    ui.resultsHeading = h("h2", { tabindex: "-1", class: "results-title" }, this.#t("results"));
    const chain = (r.policy?.names || []).map((n) => n.name ?? n.id).join(" › ");
    const meta = h("p", { class: "meta" }, this.#t("resultsFor", { place: this.#regionName(r.region), date: r.asOf }));
    const chainP = chain ? h("p", { class: "meta chain" }, this.#t("policyChain"), chain) : null;

    // totals
    const tot = r.totals || {};
    const box = (key, amount, cls) => h("div", { class: `total ${cls}` },
      h("span", { class: "total-label" }, this.#t(key)),
      h("strong", { class: "total-amount" }, this.#amount(amount)));
    const approved = tot.ifApproved && (tot.ifApproved.perYear !== "0.00" || tot.ifApproved.once !== "0.00");
    const totals = h("div", { class: "totals", part: "totals" },
      box("perYear", tot.perYear ?? "0.00", "year"),
      box("once", tot.once ?? "0.00", "once"),
      approved ? h("div", { class: "total approved" },
        h("span", { class: "total-label" }, this.#t("ifApproved")),
        h("strong", { class: "total-amount" },
          [tot.ifApproved.perYear !== "0.00" ? `${this.#amount(tot.ifApproved.perYear)}${this.#t("perYearUnit")}` : null,
            tot.ifApproved.once !== "0.00" ? `${this.#amount(tot.ifApproved.once)} ${this.#t("period_once")}` : null]
            .filter(Boolean).join(" + "))) : null);
    const areaRows = AREAS.filter((a) => tot.byArea?.[a] && (tot.byArea[a].perYear !== "0.00" || tot.byArea[a].once !== "0.00"))
      .map((a) => h("tr", {},
        h("th", { scope: "row" }, this.#t(`area_${a}`)),
        h("td", {}, this.#amount(tot.byArea[a].perYear)),
        h("td", {}, this.#amount(tot.byArea[a].once))));
    const byArea = areaRows.length ? h("table", { class: "by-area" },
      h("caption", {}, this.#t("byArea")),
      h("thead", {}, h("tr", {}, h("td"), h("th", { scope: "col" }, this.#t("perYear")), h("th", { scope: "col" }, this.#t("once")))),
      h("tbody", {}, areaRows)) : null;

    // alerts and warnings
    const ents = r.entitlements || [];
    const how = (programme) => ents.find((e) => e.programme === programme && e.howToApply)?.howToApply;
    const alertsId = nextId("ah");
    const alerts = (r.alerts || []).length ? h("section", { class: "alerts", "aria-labelledby": alertsId },
      h("h3", { id: alertsId }, this.#t("alerts")),
      h("ul", {}, r.alerts.map((a) => h("li", { class: "alert" },
        h("span", {}, this.#text(a)),
        how(a.programme) ? h("span", { class: "how" }, " ", this.#t("howToApply"), this.#text(how(a.programme))) : null)))) : null;
    const warnings = (r.warnings || []).length ? h("section", { class: "warnings" },
      h("h3", {}, this.#t("warnings")),
      h("ul", {}, dedupe(r.warnings, (w) => `${w.code}|${w.text}`).map((w) => h("li", {}, this.#text(w))))) : null;

    // cards per area
    const shown = ents.filter((e) => e.status !== "not_eligible");
    const hidden = ents.filter((e) => e.status === "not_eligible");
    // by status, then the cards of one programme together (the report's order otherwise)
    const firstIndex = new Map();
    ents.forEach((e, i) => { if (!firstIndex.has(e.programme)) firstIndex.set(e.programme, i); });
    const sort = (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      firstIndex.get(a.programme) - firstIndex.get(b.programme);
    const seen = new Set();
    const areas = AREAS.filter((a) => shown.some((e) => e.area === a)).map((a) => h("section", { class: `area area-${a}` },
      h("h3", {}, this.#t(`area_${a}`)),
      h("div", { class: "cards" }, shown.filter((e) => e.area === a).sort(sort).map((e) => {
        const c = this.#card(e);
        if (seen.has(e.programme)) c.classList.add("repeat");
        seen.add(e.programme);
        return c;
      }))));
    const none = shown.length ? null : h("p", { class: "none" }, this.#t("noEntitlements"));

    const checks = (r.checks || []).length ? h("section", { class: "area checks-area no-print" },
      h("h3", {}, this.#t("checks")),
      h("div", { class: "cards" }, r.checks.map((c) => this.#checkCard(c)))) : null;

    // built when first opened: most households see many programmes that do not apply
    const notEligible = hidden.length ? h("details", { class: "not-eligible no-print" },
      h("summary", {}, this.#t("notEligible", { n: hidden.length }))) : null;
    notEligible?.addEventListener("toggle", () => {
      if (notEligible.open && !notEligible.querySelector(".cards")) {
        notEligible.append(h("div", { class: "cards" }, hidden.map((e) => this.#card(e, true))));
      }
    });

    ui.results.replaceChildren(...[ui.resultsHeading, meta, chainP, totals, byArea, alerts,
      areas.length ? h("div", { class: "areas" }, areas) : null, none, warnings, checks,
      notEligible, h("p", { class: "print-only print-note" }, this.#t("printNote"))].filter(Boolean));
    ui.results.hidden = false;
    this.#renderPrintHeader();
  }

  #card(e, compact = false) {
    const titleId = nextId("ct");
    const low = LOW_CONFIDENCE.has(e.citation?.confidence) || (e.figures || []).some((f) => LOW_CONFIDENCE.has(f.confidence ?? f.citation?.confidence));
    const card = h("article", { class: `card st-${e.status}${low ? " low" : ""}`, part: "card", "aria-labelledby": titleId,
      dataset: { programme: e.programme } });
    const who = this.#memberLabel(e.member) + (e.stay != null ? ` · ${this.#t("stayN", { n: e.stay + 1 })}` : "");
    card.append(
      h("header", { class: "card-head" },
        h("h4", { id: titleId }, this.#text(e.title)),
        h("span", { class: `badge st-${e.status}` }, this.#t(`status_${e.status}`))),
      h("p", { class: "who" }, who));
    if (e.amount != null) {
      card.append(h("p", { class: "amount" },
        h("strong", {}, this.#amount(e.amount)), " ",
        h("span", { class: "period" }, this.#t(`period_${e.period}`)),
        e.estimate ? h("span", { class: "estimate" }, this.#t("estimate")) : null));
    }
    if (e.reasons?.length) {
      card.append(h("ul", { class: "reasons", "aria-label": this.#t("reasons") }, e.reasons.map((x) => h("li", {}, this.#text(x)))));
    }
    if (e.needs?.length) {
      const names = e.needs.map((p) => this.#text(this.#needTitles.get(p)?.title) || p);
      card.append(h("p", { class: "needs" }, this.#t("needs"), names.join("、")));
    }
    if (compact) return card;
    if (e.howToApply) card.append(h("p", { class: "how" }, h("strong", {}, this.#t("howToApply")), this.#text(e.howToApply)));
    if (e.steps?.length || e.figures?.length) {
      card.append(h("details", { class: "steps" },
        h("summary", {}, this.#t("steps")),
        e.steps?.length ? h("ol", {}, e.steps.map((s) => h("li", {}, this.#text(s)))) : null,
        e.figures?.length ? h("div", { class: "figures" },
          h("p", { class: "figures-title" }, this.#t("figures")),
          h("ul", {}, e.figures.map((f) => this.#figure(f)))) : null));
    }
    if (e.citation) card.append(this.#citation(e.citation));
    if (low) card.append(h("p", { class: "low-note", role: "note" }, "⚠ ", this.#t("lowConfidence")));
    return card;
  }

  #figure(f) {
    const conf = f.confidence ?? f.citation?.confidence;
    const title = f.title ? this.#text(f.title) : f.parameter;
    return h("li", { class: LOW_CONFIDENCE.has(conf) ? "low" : null },
      `${title}：${f.value}`,
      f.from ? ` (${f.from})` : "",
      conf ? h("span", { class: `conf conf-${conf}` }, ` · ${this.#t("confidence")} ${conf} ${this.#t(`confidence_${conf}`)}`) : null);
  }

  #citation(c) {
    const caption = [
      c.document ? `《${c.document}》` : null,
      c.issuer || null,
      c.date || null,
    ].filter(Boolean).join(" ");
    const src = c.url && /^https:\/\//.test(c.url)
      ? h("a", { href: c.url, rel: "noopener noreferrer", target: "_blank" }, c.source || c.url)
      : c.source;
    return h("figure", { class: "citation" },
      h("blockquote", { lang: "zh-CN" }, c.quote),
      h("figcaption", {},
        caption ? h("span", { class: "doc" }, caption, h("br")) : null,
        h("span", { class: "src" }, `${this.#t("source")}：`, src),
        c.confidence ? h("span", { class: `conf conf-${c.confidence}` },
          ` · ${this.#t("confidence")}：${c.confidence} ${this.#t(`confidence_${c.confidence}`)}`) : null));
  }

  #checkCard(c) {
    const titleId = nextId("ck");
    return h("article", { class: `card check-card res-${c.result}`, part: "card", "aria-labelledby": titleId },
      h("header", { class: "card-head" },
        h("h4", { id: titleId }, this.#text(c.title)),
        h("span", { class: `badge res-${c.result}` }, this.#t(`check_${c.result}`))),
      c.steps?.length ? h("ol", { class: "check-steps" }, c.steps.map((s) => h("li", {}, this.#text(s)))) : null,
      c.needs?.length ? h("p", { class: "needs" }, this.#t("needs"),
        c.needs.map((p) => this.#text(this.#needTitles.get(p)?.title) || p).join("、")) : null,
      c.citation ? this.#citation(c.citation) : null);
  }

  /** The print-only head of the sheet: place, date, status, members (as text). */
  #renderPrintHeader() {
    const hh = this.#household;
    const r = this.#report;
    if (!hh || !r) return;
    const sep = this.#lang === "en" ? ", " : "、";
    const members = (hh.members || []).map((m, i) => {
      const bits = [m.name || this.#t("memberN", { n: i + 1 })];
      if (m.age != null) bits.push(this.#lang === "en" ? `${m.age}` : `${m.age}岁`);
      if (m.school?.stage) bits.push(this.#t(`stage_${m.school.stage}`));
      return bits.join(" ");
    }).join(sep);
    this.#ui.printHeader.replaceChildren(
      h("h2", {}, this.#t("printTitle")),
      h("p", {}, this.#t("resultsFor", { place: this.#regionName(r.region), date: r.asOf })),
      h("p", {}, `${this.#t("printHousehold")}：`, (hh.status || []).map((s) => this.#t(`status_${s}`)).join(sep) || "—",
        hh.annualNetIncome ? ` · ${this.#t("income")} ${groupDigits(hh.annualNetIncome)}` : ""),
      h("p", {}, `${this.#t("printMembers")}：`, members));
  }

  // ---------------------------------------------------------------- regions, language, size

  #regionLabel(r) {
    const byId = new Map(this.#regions.map((x) => [x.id, x]));
    const name = (x) => (this.#lang === "en" ? x.en : x.zh);
    const names = [];
    let cur = r;
    for (let guard = 0; cur && guard < 8; guard++) {
      // "包头市昆都仑区" already says "包头市"; "Kundulun District, Baotou" already says "Baotou"
      const said = names.length && names[0].includes(name(cur));
      if ((cur.level !== "nation" || cur === r) && !said) names.unshift(name(cur));
      cur = cur.parent ? byId.get(cur.parent) : null;
    }
    return names.join(this.#lang === "en" ? ", " : " · ");
  }

  #refreshRegions() {
    const list = regions();
    this.#regions = Array.isArray(list) ? list : [];
    const sel = this.#ui.region;
    const want = sel.value || this.getAttribute("region") || "";
    const sorted = [...this.#regions].sort((a, b) => (a.level === "nation") - (b.level === "nation") || a.code.localeCompare(b.code));
    sel.replaceChildren(...sorted.map((r) => h("option", { value: r.code }, this.#regionLabel(r))));
    const fallback = sorted.find((r) => r.level === "county") || sorted[0];
    sel.value = sorted.some((r) => r.code === want) ? want : fallback?.code ?? "";
  }

  #toggleLang() {
    this.setAttribute("lang", this.#lang === "en" ? "zh-CN" : "en");
  }

  #applyLang() {
    const lang = this.#lang;
    const ui = this.#ui;
    ui.container.setAttribute("lang", lang);
    for (const el of this.#root.querySelectorAll("[data-i18n]")) el.textContent = this.#t(el.dataset.i18n);
    ui.langBtn.textContent = this.#t("langSwitch");
    ui.langBtn.setAttribute("lang", lang === "en" ? "zh-CN" : "en");
    ui.langBtn.setAttribute("aria-label", this.#t("langSwitchLabel"));
    this.#renumber();
    if (this.#ready) {
      this.#refreshRegions();
      ui.version.textContent = this.#t("generatedBy", { version: version() });
    }
    if (!ui.overrides.hidden) this.#renderOverrides([], null);
    // A report's texts are in one language: the household is evaluated again in the new one.
    if (this.#report && this.#ready) this.#evaluateNow();
    else if (this.#report) this.#renderReport();
    if (this.#errors) this.#showErrors(this.#errors);
    this.dispatchEvent(new CustomEvent("langchange", { detail: { lang }, bubbles: true, composed: true }));
  }

  #toggleLarge() {
    const on = this.#ui.container.classList.toggle("large");
    this.#ui.largeBtn.setAttribute("aria-pressed", String(on));
  }

  #say(text) {
    this.#ui.announce.textContent = "";
    // a new text node each time so that screen readers announce repeats
    requestAnimationFrame(() => { this.#ui.announce.textContent = text; });
  }

  // ---------------------------------------------------------------- export / import

  #export() {
    const { household } = this.#read();
    const blob = new Blob([JSON.stringify(household, null, 2) + "\n"], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: `huimin-${household.region || "household"}-${household.asOf || "date"}.json` });
    this.#root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async #import(event) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    let data;
    try {
      data = JSON.parse(await file.text());
      if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("not an object");
    } catch {
      this.#showErrors([{ code: "import.invalid", path: "", zh: t("zh-CN", "importFailed"), en: t("en", "importFailed") }]);
      return;
    }
    this.#fill(data);
    await this.evaluate();
  }
}

function dedupe(list, key) {
  const seen = new Set();
  return list.filter((x) => (seen.has(key(x)) ? false : (seen.add(key(x)), true)));
}

if (!customElements.get("huimin-calculator")) customElements.define("huimin-calculator", HuiminCalculator);
// Start fetching and compiling the module now, while the page is still being laid out.
loadModule().catch(() => {});
