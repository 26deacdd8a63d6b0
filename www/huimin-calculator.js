// <huimin-calculator region="150203" lang="zh-CN" as-of="2017-09-01" policy-src="local-pack.json" mode="guided">
//
// The calculator in one custom element, loaded with one script tag:
//   <script type="module" src="/huimin/huimin-calculator.js"></script>
// It loads its stylesheet, its modules and the WebAssembly module from beside itself (./pkg/),
// makes no other request, and computes everything on the device. The form is drawn at once, in
// plain JavaScript; the WebAssembly module loads meanwhile (Calculate waits for it if pressed early).
//
// This file only wires the parts together:
//   hm-household.js  the draft household both views fill in, and the engine's input made from it
//   hm-guided.js     the guided path (phones: one short step at a time)
//   hm-form.js       the full form (cadres), field builders, errors beside fields
//   hm-report.js     the report view (every report text is read through its `say`)
//   hm-charts.js     the pictures (totals by area; the yearly total against income)
//   hm-speech.js     read aloud
//   hm-format.js     input as people write it ("9,600元", "７０岁"), amounts as people read them
//
// Events: `result` (detail: the report), `invalid` (detail: { errors }), `langchange` (detail: { lang }),
// `ready` (detail: { version, regions }), `largetext` (detail: { on }).
// Properties and methods: `report`, `household` (get/set), `evaluate()`, `loadPolicy(pack)`, `version`.
// Theming: CSS custom properties --huimin-* (see huimin-calculator.css) and ::part(container|toolbar|
// form|results|card|totals|button).
//
// Safety: user text (names, ids, imported files) is only ever set as textContent or input values;
// no file of the calculator assigns innerHTML.

import { t } from "./i18n.js";
import { h } from "./hm-dom.js";
import { groupDigits } from "./hm-format.js";
import { fromHousehold, newDraft, toHousehold } from "./hm-household.js";
import { chronicNote, clearErrors, fullForm, markErrors, markNeeds } from "./hm-form.js";
import { guided, stepOf, visibleSteps } from "./hm-guided.js";
import { printHeader, renderReport, say, speechItems } from "./hm-report.js";
import { areaBars, whatIf } from "./hm-charts.js";
import { readAloudButton } from "./hm-speech.js";
import { enginePromise, warmUp } from "./hm-engine.js";

const HOUSEHOLD_FIELDS = new Set(["id", "region", "asOf", "status", "annualNetIncome", "members", "housing", "overrides"]);
/** A needsInfo entry names a household field (to fill in the form) or a parameter (an override). */
const isHouseholdPath = (p) => /[[.]/.test(p) || HOUSEHOLD_FIELDS.has(p);

// The engine: loaded once per page, for every calculator on it (hm-engine.js).
let engine = null;
function loadEngine() {
  return enginePromise.then((api) => { engine = api; return api; });
}

/** After the page's next paint (a hidden page paints nothing: then at once; at most a second). */
function afterPaint() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, document.hidden ? 0 : 1000);
    requestAnimationFrame(() => setTimeout(() => { clearTimeout(timer); resolve(); }, 0));
  });
}

const STYLE_URL = new URL("./huimin-calculator.css", import.meta.url).href;
const NARROW = "(max-width: 640px)";

export class HuiminCalculator extends HTMLElement {
  static observedAttributes = ["region", "lang", "as-of", "policy-src", "mode"];

  #root;
  #ui = {};
  #built = false;
  #regions = null;
  #report = null;
  #errors = null;
  #household = null;
  #needTitles = new Map();
  #needed = [];
  #draft = null;
  #view = { mode: null, step: 0, staffOpen: false, showResult: false };
  #policyInfo = null;
  #policyKey = "";
  #speech = null;
  #startPromise = null;
  #touched = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
  }

  // ---------------------------------------------------------------- public API

  /** The last report, or null. */
  get report() { return this.#report; }
  /** The household as the form holds it. */
  get household() { return toHousehold(this.#draftNow()); }
  set household(value) { this.#fill(value); }
  /** The engine's version, once loaded. */
  get version() { return engine ? engine.version() : null; }

  /** Evaluates the form; returns the report or `{ errors }`. */
  async evaluate() {
    await this.#whenReady();
    return this.#evaluateNow();
  }

  /** Validates and loads a policy pack (object or JSON text) into the engine; returns `{ ok, id }` or `{ errors }`. */
  async loadPolicy(pack) {
    await this.#whenReady();
    const result = engine.loadPolicy(pack);
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
    else if (name === "region" && value) { this.#draft.region = value; this.#renderInput(); this.#policyChanged(); }
    else if (name === "as-of" && value) { this.#draft.asOf = value; this.#renderInput(); this.#policyChanged(); }
    else if (name === "mode" && value) this.#setMode(value === "full" ? "full" : "guided");
    else if (name === "policy-src" && value && engine) this.#loadPolicySrc(value);
  }

  get #lang() {
    return (this.getAttribute("lang") || "zh-CN").toLowerCase().startsWith("en") ? "en" : "zh-CN";
  }

  #t(key, vars) { return t(this.#lang, key, vars); }

  #draftNow() {
    this.#draft ??= newDraft(this.getAttribute("as-of"));
    return this.#draft;
  }

  #whenReady() {
    return this.#startPromise ?? this.#start();
  }

  #start() {
    this.#startPromise ??= (async () => {
      try {
        await loadEngine();
      } catch (err) {
        this.#ui.loading.hidden = false;
        this.#ui.loading.textContent = this.#t("loadFailed");
        this.#ui.loading.classList.add("failed");
        throw err;
      }
      // the form on screen first, then the engine's first use (hm-engine.js)
      await afterPaint();
      warmUp();
      this.#refreshRegions();
      const src = this.getAttribute("policy-src");
      if (src) await this.#loadPolicySrc(src);
      this.#ui.loading.hidden = true;
      this.#ui.version.textContent = this.#t("generatedBy", { version: engine.version() });
      this.dataset.ready = "";
      this.dispatchEvent(new CustomEvent("ready", {
        detail: { version: engine.version(), regions: this.#regions }, bubbles: true, composed: true,
      }));
      // what the region's policy says (listed chronic diseases, pension ages) is read when the
      // person starts on the form (not now: the first seconds belong to drawing the page)
      if (this.#touched) this.#policyChanged();
    })();
    return this.#startPromise;
  }

  async #loadPolicySrc(src) {
    let result;
    try {
      const response = await fetch(new URL(src, document.baseURI), { credentials: "same-origin" });
      result = engine.loadPolicy(await response.text());
    } catch (err) {
      result = { errors: [{ code: "policy.fetch", path: "", zh: `无法读取政策包 ${src}`, en: `cannot read the policy pack ${src}` }] };
    }
    if (result.errors) this.#showErrors(result.errors);
    else this.#refreshRegions();
    return result;
  }

  // ---------------------------------------------------------------- building

  #build() {
    this.#built = true;
    const ui = this.#ui;
    const d = this.#draftNow();
    d.region ||= this.getAttribute("region") || "";
    const mode = this.getAttribute("mode");
    this.#view.mode = mode === "full" || mode === "guided" ? mode : (matchMedia(NARROW).matches ? "guided" : "full");

    this.#root.append(h("link", { rel: "stylesheet", href: STYLE_URL }));
    ui.announce = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
    ui.loading = h("p", { class: "loading", role: "status", hidden: true });

    ui.langBtn = h("button", { type: "button", class: "tool", part: "button", onclick: () => this.#toggleLang() });
    ui.largeBtn = h("button", { type: "button", class: "tool", part: "button", "aria-pressed": "false", onclick: () => this.#toggleLarge() });
    ui.modeBtn = h("button", { type: "button", class: "tool mode", part: "button",
      onclick: () => this.#setMode(this.#view.mode === "guided" ? "full" : "guided") });
    ui.exportBtn = h("button", { type: "button", class: "tool cadre", part: "button", onclick: () => this.#export() });
    ui.importInput = h("input", { type: "file", accept: "application/json,.json", class: "visually-hidden",
      tabindex: "-1", "aria-hidden": "true", onchange: (e) => this.#import(e) });
    ui.importBtn = h("button", { type: "button", class: "tool cadre", part: "button", onclick: () => ui.importInput.click() });
    ui.printBtn = h("button", { type: "button", class: "tool cadre", part: "button", onclick: () => window.print() });
    const toolbar = h("div", { class: "toolbar no-print", part: "toolbar" },
      ui.langBtn, ui.largeBtn, ui.modeBtn, ui.exportBtn, ui.importBtn, ui.importInput, ui.printBtn);

    ui.formHost = h("div", { class: "form-host" });
    ui.errorSummary = h("div", { class: "error-summary", tabindex: "-1", hidden: true });
    ui.submit = h("button", { type: "submit", class: "primary", part: "button" });
    ui.clear = h("button", { type: "button", class: "secondary", part: "button", onclick: () => this.#fill(null) });
    ui.actions = h("div", { class: "actions" }, ui.submit, ui.clear);
    ui.form = h("form", { class: "form no-print", part: "form", novalidate: true,
      onfocusin: () => { if (!this.#touched) { this.#touched = true; this.#policyChanged(); } },
      onsubmit: (e) => { e.preventDefault(); this.#submit(); },
      oninput: () => this.#markStale() },
    ui.formHost, ui.errorSummary, ui.actions);

    ui.printHeader = h("div", { class: "print-only print-header" });
    ui.results = h("section", { class: "results", part: "results", hidden: true });
    ui.version = h("p", { class: "version" });
    ui.container = h("div", { class: "hm", part: "container" },
      ui.announce, toolbar, ui.loading, ui.form, ui.printHeader, ui.results, ui.version);
    this.#root.append(ui.container);

    this.#speech = readAloudButton({ t: (k, v) => this.#t(k, v), lang: () => this.#lang,
      items: () => (this.#report ? speechItems(this.#report, this.#reportContext()) : []) });
    this.#applyLang({ quiet: true });
  }

  /** What the views get: the draft, words, region names, the region's policy, callbacks. */
  #context() {
    const lang = this.#lang;
    return {
      lang,
      t: (key, vars) => t(lang, key, vars),
      draft: this.#draftNow(),
      ui: this.#view,
      full: this.#view.mode === "full",
      needTitles: this.#needTitles,
      neededParams: () => this.#needed,
      policy: () => this.#policyInfo,
      fillRegions: (select) => this.#fillRegions(select),
      regionFull: (code) => this.#regionName(code),
      changed: () => this.#markStale(),
      policyChanged: () => this.#policyChanged(),
      rerender: (opts) => this.#renderInput(opts),
      go: (step) => this.#go(step),
      announce: (text) => this.#say(text),
      hasReport: () => !!this.#report,
      pathLabel: () => null,
    };
  }

  /** Draws the form (guided step or full form) from the draft; keeps the focus where it was. */
  #renderInput(opts = {}) {
    const ui = this.#ui;
    const active = this.#root.activeElement;
    const keep = opts.focusPath ? { path: opts.focusPath } : opts.focus ? { focus: opts.focus }
      : active && ui.formHost.contains(active) ? { path: active.dataset.path, focus: active.dataset.focus } : null;
    const c = this.#context();
    const guidedMode = this.#view.mode === "guided";
    ui.container.classList.toggle("mode-guided", guidedMode);
    ui.container.classList.toggle("mode-full", !guidedMode);
    if (guidedMode) {
      ui.formHost.replaceChildren(guided(c));
      ui.form.hidden = this.#view.showResult && !!this.#report;
    } else {
      ui.formHost.replaceChildren(...fullForm(c));
      ui.form.hidden = false;
    }
    ui.actions.hidden = guidedMode;
    ui.submit.textContent = this.#t(this.#report || this.#needed.length ? "recalculate" : "calculate");
    ui.clear.textContent = this.#t("clear");
    if (this.#errors) this.#showErrors(this.#errors, { focus: false });
    else if (this.#report) markNeeds(ui.formHost, (this.#report.needsInfo || []).filter((n) => isHouseholdPath(n.parameter)), c);
    if (keep) {
      const el = (keep.path && ui.formHost.querySelector(`[data-path="${CSS.escape(keep.path)}"]`)) ||
        (keep.focus && ui.formHost.querySelector(`[data-focus="${CSS.escape(keep.focus)}"]`));
      el?.focus();
    }
  }

  #setMode(mode) {
    this.#view.mode = mode;
    this.#view.showResult = false;
    this.#renderToolbar();
    this.#renderInput();
    if (this.#report) this.#renderReport();
  }

  /** The guided path: to step `i` (focus on its title). */
  #go(i) {
    this.#touched = true;
    this.#policyChanged();
    this.#view.step = i;
    this.#view.showResult = false;
    this.#renderInput();
    this.#ui.formHost.querySelector(".step-title")?.focus();
    this.#ui.formHost.scrollIntoView?.({ block: "start" });
  }

  #submit() {
    if (this.#view.mode === "guided") {
      const last = visibleSteps(this.#draftNow()).length - 1;
      if (this.#view.step < last) { this.#go(this.#view.step + 1); return; }
    }
    this.#calculate();
  }

  /** Calculate: at once if the engine is ready, else when it is (the button says so meanwhile). */
  async #calculate() {
    // ready: the engine loaded, warmed and its places in the form (not only loaded: the place
    // chosen by default comes with the places)
    if (!this.hasAttribute("data-ready")) {
      const ui = this.#ui;
      ui.loading.hidden = false;
      ui.loading.textContent = this.#t("loadingEngine");
      try { await this.#whenReady(); } catch { return null; }
    }
    return this.#evaluateNow();
  }

  // ---------------------------------------------------------------- regions

  #regionName(code) {
    const r = this.#regions?.find((x) => x.code === code);
    return r ? this.#regionLabel(r) : code || "";
  }

  /** The whole name: 内蒙古自治区 · 包头市 · 昆都仑区, without repeating what a name already says. */
  #regionLabel(r) {
    const byId = new Map(this.#regions.map((x) => [x.id, x]));
    const names = [];
    let cur = r;
    for (let guard = 0; cur && guard < 8; guard++) {
      const name = say(cur, this.#lang);
      const said = names.length && names[0].includes(name);
      if ((cur.level !== "nation" || cur === r) && !said) names.unshift(name);
      cur = cur.parent ? byId.get(cur.parent) : null;
    }
    return names.join(this.#lang === "en" ? ", " : " · ");
  }

  /** The region select: places by province, each by its own name (short enough for a phone). */
  #fillRegions(sel) {
    const d = this.#draftNow();
    if (!this.#regions) {
      // before the engine: the chosen place only (its name comes with the engine)
      sel.replaceChildren(h("option", { value: d.region }, d.region || this.#t("loadingRegions")));
      sel.value = d.region;
      return;
    }
    const list = this.#regions;
    const byId = new Map(list.map((x) => [x.id, x]));
    const provinceOf = (r) => {
      let cur = r;
      for (let g = 0; cur && g < 8; g++) {
        if (cur.level === "province") return cur;
        cur = cur.parent ? byId.get(cur.parent) : null;
      }
      return null;
    };
    const groups = new Map();
    for (const r of [...list].sort((a, b) => a.code.localeCompare(b.code))) {
      if (r.level === "nation") continue;
      const p = provinceOf(r) || r;
      if (!groups.has(p)) groups.set(p, []);
      groups.get(p).push(r);
    }
    const option = (r) => h("option", { value: r.code }, say(r, this.#lang));
    sel.replaceChildren(
      ...[...groups].map(([p, rs]) => h("optgroup", { label: say(p, this.#lang) }, rs.map(option))),
      ...list.filter((r) => r.level === "nation").map(option));
    if (d.region && ![...sel.options].some((o) => o.value === d.region)) sel.append(h("option", { value: d.region }, d.region));
    const fallback = list.find((r) => r.level === "county") || list[0];
    if (!d.region) d.region = fallback?.code ?? "";
    sel.value = d.region;
  }

  #refreshRegions() {
    const list = engine.regions();
    this.#regions = Array.isArray(list) ? list : [];
    const d = this.#draftNow();
    if (!d.region) {
      // none chosen yet: the first county (as before the guided path existed)
      const sorted = [...this.#regions].sort((a, b) => a.code.localeCompare(b.code));
      d.region = (sorted.find((r) => r.level === "county") || sorted[0])?.code ?? "";
    }
    for (const sel of this.#ui.formHost.querySelectorAll('select[data-path="region"]')) {
      this.#fillRegions(sel);
      const whole = sel.closest(".place-region")?.querySelector(".region-name");
      if (whole) whole.textContent = this.#regionName(this.#draft.region);
    }
  }

  /**
   * What the region's policy says that the questions depend on, read from the engine with a
   * probe household (nothing is shown of it): the sentence on listed chronic diseases, the pension
   * scheme's contributing ages (when the pack or the staff give them), whether the 低保 standard is
   * missing. Worked out again when the place, the date or the local figures change.
   */
  #policyChanged() {
    if (!engine) return;
    const d = this.#draftNow();
    const overrides = toHousehold(d).overrides;
    const key = JSON.stringify([d.region, d.asOf, overrides]);
    if (key === this.#policyKey) return;
    this.#policyKey = key;
    let info = null;
    try {
      const r = engine.evaluate({ region: d.region, asOf: d.asOf, status: ["registered_poor"], overrides,
        members: [{ id: "p1", age: 40 }, { id: "p2", age: 60, chronic: { listed: true, selfPayInCatalog: "0" } }] }, { lang: this.#lang });
      if (!r.errors) {
        const chronic = r.entitlements.find((e) => e.kind === "chronic_relief");
        // the contributing ages, wherever they are known (the amount may still be missing)
        const pension = r.entitlements.find((e) => e.kind === "pension_premium");
        const ages = (pension?.figures || []).filter((f) => f.unit === "age").map((f) => Number(f.value)).filter(Number.isFinite);
        info = {
          // no source lists the diseases (the 包头 text says "国家规定的24种" and no more): none is shown
          chronic: chronic ? { title: say(chronic.title, this.#lang), quote: say(chronic.citation?.quote, this.#lang), list: [] } : null,
          pension: ages.length >= 2 ? { min: Math.min(...ages), max: Math.max(...ages) } : null,
          needsDibao: (r.needsInfo || []).some((n) => /^dibaoStandard/.test(n.parameter)),
        };
        for (const n of r.needsInfo || []) if (!this.#needTitles.has(n.parameter)) this.#needTitles.set(n.parameter, n);
      }
    } catch { info = null; }
    const before = this.#policyInfo;
    this.#policyInfo = info;
    if (JSON.stringify(info?.pension) !== JSON.stringify(before?.pension) || !!info?.needsDibao !== !!before?.needsDibao) {
      this.#renderInput();
    } else if (JSON.stringify(info?.chronic) !== JSON.stringify(before?.chronic)) {
      const c = this.#context();
      for (const note of this.#ui.formHost.querySelectorAll(".chronic-note")) note.replaceWith(chronicNote(c));
    }
  }

  // ---------------------------------------------------------------- evaluating

  #evaluateNow() {
    if (!engine) return null;
    const ui = this.#ui;
    ui.loading.hidden = true;
    const household = toHousehold(this.#draftNow());
    let result;
    try {
      result = engine.evaluate(household, { lang: this.#lang });
    } catch (err) {
      result = { errors: [{ code: "internal", path: "", zh: "计算器内部错误，请刷新页面", en: "internal error; please reload the page" }] };
    }
    if (result.errors) {
      this.#report = null;
      ui.results.hidden = true;
      if (this.#view.mode === "guided") {
        const first = result.errors.find((e) => e.path)?.path;
        if (first != null) this.#view.step = stepOf(this.#draft, first);
        this.#view.showResult = false;
      }
      this.#errors = result.errors;
      // a wrong local figure: its (collapsed) section opens
      if (result.errors.some((e) => String(e.path).startsWith("overrides."))) this.#view.staffOpen = true;
      this.#renderInput();
      this.#showErrors(result.errors);
      this.dispatchEvent(new CustomEvent("invalid", { detail: result, bubbles: true, composed: true }));
      return result;
    }
    this.#household = household;
    this.#report = result;
    this.#errors = null;
    for (const n of result.needsInfo || []) this.#needTitles.set(n.parameter, n);
    this.#needed = (result.needsInfo || []).map((n) => n.parameter).filter((p) => !isHouseholdPath(p));
    this.#view.showResult = true;
    this.#renderInput();
    ui.errorSummary.hidden = true;
    this.#renderReport();
    this.#ui.resultsHeading?.focus();
    this.#say(`${this.#t("perYear")} ${this.#t("yuan", { amount: groupDigits(result.totals.perYear) })}，${this.#t("once")} ${this.#t("yuan", { amount: groupDigits(result.totals.once) })}`);
    this.dispatchEvent(new CustomEvent("result", { detail: result, bubbles: true, composed: true }));
    this.#policyChanged();
    return result;
  }

  #markStale() {
    if (this.#report && !this.#ui.results.hidden) this.#ui.results.classList.add("stale");
  }

  #showErrors(errors, { focus = true } = {}) {
    this.#errors = errors;
    const ui = this.#ui;
    const c = this.#context();
    c.pathLabel = (p) => (p.startsWith("members[") ? this.#t("sectionMembers") : null);
    clearErrors(ui.formHost);
    const items = markErrors(ui.formHost, errors, c);
    ui.errorSummary.replaceChildren(h("h2", {}, this.#t("errorsTitle")), h("ul", {}, items));
    ui.errorSummary.setAttribute("role", "alert");
    ui.errorSummary.hidden = false;
    ui.form.hidden = false;
    if (focus) ui.errorSummary.focus();
  }

  // ---------------------------------------------------------------- the report

  #reportContext() {
    const lang = this.#lang;
    return {
      lang,
      t: (key, vars) => t(lang, key, vars),
      household: this.#household,
      regionName: (code) => this.#regionName(code),
      needTitles: this.#needTitles,
    };
  }

  #renderReport() {
    const r = this.#report;
    if (!r) return;
    const ui = this.#ui;
    const v = this.#reportContext();
    ui.results.classList.remove("stale");
    const view = renderReport(r, v);
    ui.resultsHeading = view.heading;
    const guidedMode = this.#view.mode === "guided";
    const edit = guidedMode ? h("div", { class: "actions no-print" },
      h("button", { type: "button", class: "secondary", part: "button", onclick: () => this.#go(visibleSteps(this.#draft).length - 1) },
        this.#t("editAnswers")),
      h("button", { type: "button", class: "secondary", part: "button", onclick: () => this.#go(0) }, this.#t("toStart"))) : null;
    this.#speech.update();
    const tools = h("div", { class: "result-tools no-print" }, this.#speech.button,
      h("button", { type: "button", class: "tool", part: "button", onclick: () => window.print() }, this.#t("print")));
    let curve = null;
    try { curve = whatIf(engine.totalsAtIncomes, this.#household, r, v); } catch { curve = null; }
    ui.results.replaceChildren(...view.top, tools, areaBars(r, v) || "", ...view.due, curve || "", ...view.rest, edit || "");
    ui.results.hidden = false;
    ui.printHeader.replaceChildren(...printHeader(r, v));
  }

  // ---------------------------------------------------------------- language, size, mode

  #toggleLang() {
    this.setAttribute("lang", this.#lang === "en" ? "zh-CN" : "en");
  }

  #renderToolbar() {
    const ui = this.#ui;
    const lang = this.#lang;
    ui.langBtn.textContent = this.#t("langSwitch");
    ui.langBtn.setAttribute("lang", lang === "en" ? "zh-CN" : "en");
    ui.langBtn.setAttribute("aria-label", this.#t("langSwitchLabel"));
    ui.largeBtn.textContent = this.#t("largeText");
    ui.modeBtn.textContent = this.#t(this.#view.mode === "guided" ? "modeFull" : "modeGuided");
    ui.exportBtn.textContent = this.#t("export");
    ui.importBtn.textContent = this.#t("import");
    ui.printBtn.textContent = this.#t("print");
  }

  /** Everything in the other language; every entered value stays (it lives in the draft). */
  #applyLang({ quiet = false } = {}) {
    const lang = this.#lang;
    const ui = this.#ui;
    ui.container.setAttribute("lang", lang);
    this.#renderToolbar();
    if (!ui.loading.hidden) ui.loading.textContent = this.#t(ui.loading.classList.contains("failed") ? "loadFailed" : "loadingEngine");
    if (engine) ui.version.textContent = this.#t("generatedBy", { version: engine.version() });
    if (this.#policyInfo) { this.#policyKey = ""; this.#policyChanged(); }
    this.#renderInput();
    // A report's texts are in one language: the same household is evaluated in the new one.
    if (this.#report && engine && this.#household) {
      const again = engine.evaluate(this.#household, { lang });
      if (!again.errors) this.#report = again;
    }
    if (this.#report) this.#renderReport();
    this.#speech?.update();
    if (!quiet) this.dispatchEvent(new CustomEvent("langchange", { detail: { lang }, bubbles: true, composed: true }));
  }

  #toggleLarge() {
    const on = this.#ui.container.classList.toggle("large");
    this.#ui.largeBtn.setAttribute("aria-pressed", String(on));
    this.dispatchEvent(new CustomEvent("largetext", { detail: { on }, bubbles: true, composed: true }));
  }

  #say(text) {
    this.#ui.announce.textContent = "";
    // a new text node each time so that screen readers announce repeats
    requestAnimationFrame(() => { this.#ui.announce.textContent = text; });
  }

  // ---------------------------------------------------------------- export / import

  /** Fills the form from a household object (import) or empties it (null). */
  #fill(data) {
    const ui = this.#ui;
    const region = this.#draft?.region || this.getAttribute("region") || "";
    this.#draft = fromHousehold(data, this.getAttribute("as-of"));
    if (!this.#draft.region) this.#draft.region = region;
    this.#report = null;
    this.#errors = null;
    this.#needed = [];
    this.#view.step = 0;
    this.#view.showResult = false;
    this.#view.allInsured = undefined;
    this.#view.anyDisabled = undefined;
    ui.errorSummary.hidden = true;
    ui.results.hidden = true;
    ui.results.replaceChildren();
    ui.printHeader.replaceChildren();
    this.#renderInput();
    this.#policyChanged();
  }

  #export() {
    const household = this.household;
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

if (!customElements.get("huimin-calculator")) customElements.define("huimin-calculator", HuiminCalculator);
