//! The WebAssembly boundary: `evaluate`, `validatePolicy`, `loadPolicy`, `regions`, `version`.
//!
//! Every function takes a plain JS object or a JSON string and gives back a plain JS object.
//! Nothing here throws and nothing here may panic: a bad input, a value JSON cannot represent
//! (a BigInt, a cycle, a function), a throwing `toJSON` — each comes back as the documented
//! `{ "errors": [ { "code", "path", "zh", "en" } ] }` object, and the instance keeps answering.
//!
//! One engine per module instance, built on first use, kept in a thread-local; `loadPolicy` adds
//! packs to it.
//!
//! `evaluate` returns a report whose explanations are computed on first read: the summary-only
//! evaluation here, the report built and its explanation fields made lazy in JavaScript
//! (src/wasm-report.js, a wasm-bindgen snippet), which calls back (`Core`) for the full report
//! when one of them is first read.

use std::cell::RefCell;

use js_sys::JSON;
use wasm_bindgen::prelude::*;

use crate::{Engine, VERSION};

thread_local! {
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

/// Runs `f` with the instance's engine, building it on first use. Re-entrant use (a JS getter
/// calling back into the module while the engine is borrowed) is answered with an error, never a
/// panic. (Public for tests/wasm.rs, which holds the engine to check that.)
#[doc(hidden)]
pub fn with_engine<R>(f: impl FnOnce(&mut Engine) -> R) -> Result<R, String> {
    ENGINE.with(|cell| match cell.try_borrow_mut() {
        Ok(mut slot) => Ok(f(slot.get_or_insert_with(Engine::with_shipped_packs))),
        Err(_) => Err(error_json(
            "engine.busy",
            "",
            "计算器正忙，请稍后再试",
            "the calculator is busy; call it again once the current call has returned",
        )),
    })
}

/// One `{"errors":[…]}` document with a single error.
fn error_json(code: &str, path: &str, zh: &str, en: &str) -> String {
    let problem = crate::problem::Problem { code: code.into(), path: path.into(), zh: zh.into(), en: en.into() };
    crate::problem::errors_json(&[problem])
}

/// Reads an input that is either a JSON string or a JS value JSON can represent.
fn input_text(value: &JsValue, what_zh: &str, what_en: &str) -> Result<String, String> {
    input_js(value, what_zh, what_en).map(|(_, text)| text)
}

/// `input_text`, with the text also as a JS string (the value itself, or what JSON.stringify gave).
fn input_js(value: &JsValue, what_zh: &str, what_en: &str) -> Result<(JsValue, String), String> {
    // Text longer than any input accepted (a pack, 4 MiB) is refused before it is copied into the
    // module's memory, which never shrinks: its UTF-8 is at least as long as its UTF-16 length.
    let too_large = |s: &JsValue| s.dyn_ref::<js_sys::JsString>().is_some_and(|s| s.length() as usize > crate::policy::read::MAX_PACK_BYTES);
    let too_large_error = || error_json("input.too_large", "", &format!("{what_zh}过大"), &format!("the {what_en} is larger than any accepted input"));
    if too_large(value) {
        return Err(too_large_error());
    }
    if let Some(text) = value.as_string() {
        return Ok((value.clone(), text));
    }
    if value.is_undefined() || value.is_null() {
        return Err(error_json(
            "input.missing",
            "",
            &format!("缺少{what_zh}"),
            &format!("no {what_en} was given"),
        ));
    }
    match JSON::stringify(value) {
        Ok(text) if too_large(&text) => Err(too_large_error()),
        Ok(js) => match js.as_string() {
            Some(text) => Ok((js.into(), text)),
            // JSON.stringify gives undefined for a function or a symbol.
            None => Err(not_json(what_zh, what_en)),
        },
        // A BigInt, a cycle, or a getter / toJSON that throws.
        Err(_) => Err(not_json(what_zh, what_en)),
    }
}

fn not_json(what_zh: &str, what_en: &str) -> String {
    error_json(
        "input.not_json",
        "",
        &format!("{what_zh}须为对象或JSON文本"),
        &format!("the {what_en} must be an object or JSON text that JSON can represent"),
    )
}

/// Turns JSON text made by the core into a plain JS object.
fn to_js(json: &str) -> JsValue {
    match JSON::parse(json) {
        Ok(value) => value,
        Err(_) => JSON::parse(&internal_error()).unwrap_or(JsValue::NULL),
    }
}

fn internal_error() -> String {
    error_json(
        "internal",
        "",
        "计算器内部错误，请报告此问题",
        "internal error in the calculator; please report it",
    )
}

/// An error document from the core, checked: an `Err` that does not list at least one error is
/// reported as an internal error rather than passed on as an empty (seemingly clean) list.
fn errors_to_js(err: &str) -> JsValue {
    let listed = serde_json::from_str::<serde_json::Value>(err)
        .ok()
        .and_then(|v| v.get("errors").and_then(|e| e.as_array()).map(|a| !a.is_empty()))
        .unwrap_or(false);
    if listed {
        to_js(err)
    } else {
        to_js(&internal_error())
    }
}

fn ok_json(id: Option<&str>) -> String {
    match id {
        Some(id) => format!("{{\"ok\":true,\"id\":{}}}", serde_json::to_string(id).unwrap_or_default()),
        None => "{\"ok\":true}".into(),
    }
}

/// Works out a household's entitlements. Returns the report, or `{ errors }` listing every problem.
///
/// The report's explanations (`reasons`, `steps`, `figures`, `warnings`) are filled in on first
/// read: see src/wasm-report.js and docs/report-format.md.
#[wasm_bindgen(unchecked_return_type = "Report | ErrorResult")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "Household | string")] household: JsValue,
) -> JsValue {
    let (input, text) = match input_js(&household, "家庭信息", "household") {
        Ok(input) => input,
        Err(err) => return to_js(&err),
    };
    match with_engine(|engine| engine.evaluate_outline_wire(&text)) {
        Ok(Ok(outline)) => {
            give_core();
            // Never thrown on (it cannot fail, short of a bug): an internal error instead.
            report::outline(&outline, &input).unwrap_or_else(|_| to_js(&internal_error()))
        }
        Ok(Err(err)) | Err(err) => errors_to_js(&err),
    }
}

// The report put together in JavaScript: the region's shared texts put back, the explanation
// fields made lazy, reports not yet filled in given their full report before a pack is loaded.
// (Done through Reflect from here, the put-back alone cost several times as much.)
mod report {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/src/wasm-report.js")]
    extern "C" {
        /// The report of an outline (`Engine::evaluate_outline_wire`) of the input text `input`.
        #[wasm_bindgen(catch)]
        pub fn outline(outline: &str, input: &JsValue) -> Result<JsValue, JsValue>;
        /// Works out the full report of every report not yet filled in (under the policy before
        /// the load), and forgets the shared texts.
        #[wasm_bindgen(js_name = beforeLoad, catch)]
        pub fn before_load() -> Result<(), JsValue>;
        #[wasm_bindgen(js_name = setCore)]
        pub fn set_core(core: super::Core);
    }
}

/// What src/wasm-report.js calls back: the full report of an input, a pack's shared texts. Not
/// exported from the package, and not in its types.
#[wasm_bindgen(private, skip_typescript)]
pub struct Core;

#[wasm_bindgen]
impl Core {
    /// The full report of a household's JSON text in the wire form (`Engine::evaluate_json_wire`),
    /// or `{ errors }` (the engine busy: a getter fired inside a call into the module).
    pub fn full(&self, input: &str) -> String {
        match with_engine(|engine| engine.evaluate_json_wire(input)) {
            Ok(Ok(report)) => report,
            Ok(Err(err)) | Err(err) => err,
        }
    }

    /// A pack's shared report texts (`Engine::policy_text_json`).
    #[wasm_bindgen(js_name = policyText)]
    pub fn policy_text(&self, pack: &str) -> Option<String> {
        with_engine(|engine| engine.policy_text_json(pack)).ok().flatten()
    }
}

/// Hands src/wasm-report.js its `Core` once.
fn give_core() {
    thread_local! {
        static GIVEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if !GIVEN.with(|g| g.replace(true)) {
        report::set_core(Core);
    }
}

/// Checks a policy pack without loading it. Returns `{ ok: true }` or `{ errors }`.
#[wasm_bindgen(js_name = validatePolicy, unchecked_return_type = "PolicyOk | ErrorResult")]
pub fn validate_policy(
    #[wasm_bindgen(unchecked_param_type = "PolicyPack | string")] pack: JsValue,
) -> JsValue {
    let text = match input_text(&pack, "政策包", "policy pack") {
        Ok(text) => text,
        Err(err) => return to_js(&err),
    };
    match with_engine(|engine| engine.validate_pack_json(&text)) {
        Ok(Ok(())) => to_js(&ok_json(None)),
        Ok(Err(err)) | Err(err) => errors_to_js(&err),
    }
}

/// Validates a policy pack and adds it to this instance's engine (a pack with the id of a loaded
/// one replaces it). Returns `{ ok: true, id }` or `{ errors }`.
#[wasm_bindgen(js_name = loadPolicy, unchecked_return_type = "PolicyLoaded | ErrorResult")]
pub fn load_policy(
    #[wasm_bindgen(unchecked_param_type = "PolicyPack | string")] pack: JsValue,
) -> JsValue {
    let text = match input_text(&pack, "政策包", "policy pack") {
        Ok(text) => text,
        Err(err) => return to_js(&err),
    };
    // Reports not yet filled in are filled in under the policy they were computed with.
    let _ = report::before_load();
    match with_engine(|engine| engine.load_pack_json(&text)) {
        Ok(Ok(id)) => to_js(&ok_json(Some(&id))),
        Ok(Err(err)) | Err(err) => errors_to_js(&err),
    }
}

/// The places this instance has packs for.
#[wasm_bindgen(unchecked_return_type = "Region[]")]
pub fn regions() -> JsValue {
    match with_engine(|engine| engine.regions_json()) {
        Ok(json) => to_js(&json),
        Err(_) => js_sys::Array::new().into(),
    }
}

/// The version of the calculator (the crate version).
#[wasm_bindgen]
pub fn version() -> String {
    VERSION.to_string()
}

// ---------------------------------------------------------------------------------------------
// Rosters: only in the roster build (feature `wasm-roster`, pkg/roster/), which the page's
// roster mode loads in its Web Worker. The calculator's own module stays without them: they
// would make it a quarter larger for every household that never opens a roster.
#[cfg(feature = "wasm-roster")]
pub use roster_job::RosterJob;

#[cfg(feature = "wasm-roster")]
#[path = "wasm_roster.rs"]
mod roster_job;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A bilingual text. */
export interface Text { zh: string; en: string; }

/** Money in yuan: a decimal string with at most two decimals ("9600.00"); a number is accepted and read exactly. */
export type MoneyInput = string | number;
/** Money in yuan as the report gives it: a string with two decimals. */
export type Money = string;
/** A date, YYYY-MM-DD. */
export type DateString = string;

export type HouseholdStatus =
  | "registered_poor" | "exited_poor" | "dibao" | "tekun" | "monitored" | "low_income_margin";
export type SchoolStage =
  | "preschool" | "primary" | "junior_secondary" | "senior_secondary" | "secondary_vocational"
  | "junior_college" | "undergraduate" | "postgraduate";
export type TreatmentKind = "labor_recovery" | (string & {});
export type Area = "medical" | "insurance" | "education" | "dibao" | "housing" | "other";
export type Period = "year" | "month" | "once";
export type EntitlementStatus = "entitled" | "apply" | "needs_info" | "not_eligible";
export type Confidence = "V" | "V2" | "D" | "R" | "user";

/** A household (SPEC §4, docs/report-format.md). */
export interface Household {
  /** A roster's household number; display only. */
  id?: string;
  /** Six-digit GB/T 2260 code of the place whose policy applies. */
  region: string;
  /** The date the entitlements are worked out for. */
  asOf: DateString;
  status?: HouseholdStatus[];
  /** The household's annual net income. */
  annualNetIncome?: MoneyInput;
  members: Member[];
  housing?: { grade?: "A" | "B" | "C" | "D" };
  /** Local figures the user knows: parameter name → decimal string (e.g. dibaoStandardMonthly). */
  overrides?: Record<string, MoneyInput>;
}

export interface Member {
  id: string;
  /** Display only; never interpreted. */
  name?: string;
  age: number;
  disability?: 1 | 2 | 3 | 4;
  laborAbility?: "full" | "partial" | "none";
  /** Each defaults to true. */
  insured?: { medical?: boolean; pension?: boolean };
  school?: School;
  chronic?: Chronic;
  stays?: Stay[];
}

export interface School { stage: SchoolStage; freshman?: boolean; boarding?: boolean; }

export interface Chronic {
  /** One of the listed (national) chronic diseases. */
  listed: boolean;
  /** This year's self-pay within the insurance drug catalogue. */
  selfPayInCatalog: MoneyInput;
}

/** A hospital stay, from its settlement slip. */
export interface Stay {
  inDistrict?: boolean;
  /** 总费用 */
  total: MoneyInput;
  /** 政策范围内费用 */
  covered: MoneyInput;
  /** What insurance paid; estimated when omitted and the pack models insurance. */
  insurancePaid?: MoneyInput;
  treatment?: TreatmentKind;
}

/** One problem with an input, a pack or a call. */
export interface HuiminError {
  code: string;
  /** JSON path of the problem ("members[1].age"); "" for the whole document. */
  path: string;
  zh: string;
  en: string;
}

/** Every problem at once, sorted by path. Returned, never thrown. */
export interface ErrorResult { errors: HuiminError[]; }

export interface Citation {
  document: string;
  issuer: string;
  /** A date or a document number, as the source gives it. */
  date: string;
  /** The policy sentence, quoted. */
  quote: string;
  /** A file in policy-sources or a URL. */
  source: string;
  url?: string;
  confidence: Confidence;
  note?: string;
}

export type Unit = "yuan" | "rate" | "age" | "count" | "factor";

/** A parameter a calculation used, with its value and where it comes from. */
export interface Figure {
  parameter: string;
  title: Text;
  unit: Unit;
  value: string;
  from?: DateString;
  /** null when the user supplied the figure (confidence "user"). */
  citation: Citation | null;
  confidence: Confidence;
}

export interface Reason { code: string; zh: string; en: string; }

export interface Entitlement {
  programme: string;
  kind: string;
  area: Area;
  /** The member's id, or null for the household. */
  member: string | null;
  /** Index of the stay in the member's `stays`, for relief tied to one hospital stay. */
  stay?: number;
  status: EntitlementStatus;
  amount: Money | null;
  period: Period;
  /** True when the amount rests on an estimated insurance payment. */
  estimate: boolean;
  title: Text;
  /** Computed on first read, like `steps` and `figures` (a getter until then: EMBED.md). */
  reasons: Reason[];
  steps: Text[];
  citation: Citation;
  figures: Figure[];
  /** Missing inputs or parameters (status needs_info). */
  needs: string[];
  howToApply?: Text;
}

/** The two-line check, status alignment and the 两不愁三保障 checklist. */
export interface Check {
  programme: string;
  kind: string;
  area: Area;
  result: "pass" | "fail" | "needs_info";
  title: Text;
  /** Computed on first read, like `figures` (a getter until then: EMBED.md). */
  steps: Text[];
  citation: Citation;
  figures: Figure[];
  needs: string[];
}

export interface AmountPair { perYear: Money; once: Money; }

export interface Totals extends AmountPair {
  byArea: Partial<Record<Area, AmountPair>>;
  /** What `apply` entitlements would add if approved. */
  ifApproved: AmountPair;
}

/** A figure the calculation lacks. */
export interface NeedsInfo {
  /** A parameter name (supply it in `overrides`) or the path of a household field
   *  ("annualNetIncome", "members[0].stays[1].insurancePaid"). */
  parameter: string;
  unit: Unit | null;
  title: Text;
  programmes: string[];
}

export type AlertCode =
  | "dibao.should_apply" | "dibao.review" | "monitoring.below_line" | "dibao.low_income_margin"
  | "dibao.standard_below_poverty_line" | "guarantee.education" | "guarantee.medical" | "guarantee.housing"
  | (string & {});
export type WarningCode =
  | "parameter.low_confidence" | "parameter.unverified" | "region.nearest_pack" | "medical.estimate"
  | (string & {});

export interface Alert { code: AlertCode; zh: string; en: string; programme: string; }
export interface Warning { code: WarningCode; zh: string; en: string; parameter?: string; }

export interface Report {
  /** The household's `id`, when it has one. */
  household?: string;
  region: string;
  asOf: DateString;
  status: HouseholdStatus[];
  policy: { chain: string[]; names: Array<{ id: string } & Text> };
  entitlements: Entitlement[];
  checks: Check[];
  totals: Totals;
  needsInfo: NeedsInfo[];
  alerts: Alert[];
  /** Computed on first read, with every entitlement's and check's explanations (EMBED.md). */
  warnings: Warning[];
}

/** A place with a policy pack. */
export interface Region {
  code: string;
  id: string;
  level: "nation" | "province" | "city" | "county";
  parent: string | null;
  zh: string;
  en: string;
}

/** A policy pack (docs/pack-format.md). */
export interface PolicyPack {
  id: string;
  region: string;
  parent?: string;
  level: "nation" | "province" | "city" | "county";
  name: Text;
  documents?: Record<string, {
    title: string; issuer: string; date: string; source: string; url?: string;
    confidence: "V" | "V2" | "D" | "R"; note?: string;
  }>;
  parameters?: Record<string, {
    title: Text; unit: "yuan" | "rate" | "age" | "count" | "factor";
    values: Array<{ from: DateString; until?: DateString; value: string;
                    cite: { doc: string; quote: string; confidence?: string; note?: string } }>;
    note?: Text;
  }>;
  insuranceModel?: Record<string, string>;
  replaces?: string[];
  programmes?: Array<{
    id: string; kind: string; area: Area; statuses: HouseholdStatus[];
    from: DateString; until?: DateString; title: Text;
    cite: { doc: string; quote: string; confidence?: string; note?: string };
    howToApply?: Text; rule: Record<string, unknown>;
  }>;
  examples?: unknown[];
}

/** validatePolicy: the pack is valid. */
export interface PolicyOk { ok: true; }
/** loadPolicy: the pack is loaded under this id. */
export interface PolicyLoaded { ok: true; id: string; }
"#;
