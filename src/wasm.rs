//! The WebAssembly boundary: `evaluate`, `validatePolicy`, `loadPolicy`, `loadMessages`,
//! `labels`, `regions`, `version` — a thin adapter over `Engine` (read, evaluate, render).
//!
//! Every function takes a plain JS object or a JSON string and gives back a plain JS object
//! (safe for `JSON.stringify`, `structuredClone`, `postMessage`). Nothing here throws and nothing
//! here may panic: a bad input, a value JSON cannot represent (a BigInt, a cycle, a function), a
//! throwing `toJSON` — each comes back as the documented `{ "errors": [ { "code", "path", "zh",
//! "en" } ] }` object, and the instance keeps answering.
//!
//! One engine per module instance, built on first use, kept in a thread-local; `loadPolicy` and
//! `loadMessages` add to it.

use std::cell::RefCell;

use js_sys::JSON;
use wasm_bindgen::prelude::*;

use crate::message::{self, Msg};
use crate::problem::{errors_json, Problem};
use crate::{msg, Engine, VERSION};

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
        Err(_) => Err(error_json("", msg!("engine.busy"))),
    })
}

/// One `{"errors":[…]}` document with a single error.
fn error_json(path: &str, m: Msg) -> String {
    errors_json(&[Problem::of(path, &m)])
}

/// What an input is, for its errors (`input-what` labels in the catalogues).
#[derive(Clone, Copy)]
enum What {
    Household,
    Pack,
    Messages,
    Incomes,
}

impl What {
    fn word(self) -> message::Arg {
        message::vocab(
            "input",
            match self {
                What::Household => "household",
                What::Pack => "pack",
                What::Messages => "messages",
                What::Incomes => "incomes",
            },
        )
    }
}

/// Reads an input that is either a JSON string or a JS value JSON can represent.
fn input_text(value: &JsValue, what: What) -> Result<String, String> {
    // Text longer than any input accepted (a pack, 4 MiB) is refused before it is copied into the
    // module's memory, which never shrinks: its UTF-8 is at least as long as its UTF-16 length.
    let too_large = |s: &JsValue| s.dyn_ref::<js_sys::JsString>().is_some_and(|s| s.length() as usize > crate::policy::read::MAX_PACK_BYTES);
    let too_large_error = || error_json("", msg!("input.too_large", limit = message::count(crate::policy::read::MAX_PACK_BYTES)));
    if too_large(value) {
        return Err(too_large_error());
    }
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    if value.is_undefined() || value.is_null() {
        return Err(error_json("", msg!("input.none", what = what.word())));
    }
    match JSON::stringify(value) {
        Ok(text) if too_large(&text) => Err(too_large_error()),
        Ok(js) => match js.as_string() {
            Some(text) => Ok(text),
            // JSON.stringify gives undefined for a function or a symbol.
            None => Err(error_json("", msg!("input.not_json", what = what.word()))),
        },
        // A BigInt, a cycle, or a getter / toJSON that throws.
        Err(_) => Err(error_json("", msg!("input.not_json", what = what.word()))),
    }
}

/// Turns JSON text made by the core into a plain JS object.
fn to_js(json: &str) -> JsValue {
    match JSON::parse(json) {
        Ok(value) => value,
        Err(_) => JSON::parse(&internal_error()).unwrap_or(JsValue::NULL),
    }
}

fn internal_error() -> String {
    error_json("", msg!("internal"))
}

/// An error document from the core, checked: an `Err` that does not list at least one error is
/// reported as an internal error rather than passed on as an empty (seemingly clean) list.
fn errors_to_js(err: &str) -> JsValue {
    if err.starts_with("{\"errors\":[{") {
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

/// Today on the device, for a household that leaves `asOf` out.
fn today() -> Option<crate::date::Date> {
    let now = js_sys::Date::new_0();
    let text = format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date());
    crate::date::Date::parse(&text)
}

#[wasm_bindgen]
extern "C" {
    /// `evaluate`'s options (typed in the .d.ts as `EvaluateOptions`).
    #[wasm_bindgen(typescript_type = "EvaluateOptions")]
    pub type EvaluateOptions;
}

/// `evaluate`'s options: `{ lang?: string, texts?: boolean }`.
fn read_options(value: &EvaluateOptions) -> (String, bool) {
    let get = |key: &str| js_sys::Reflect::get(value, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let lang = get("lang").and_then(|v| v.as_string()).filter(|l| !l.is_empty() && l.len() <= 35).unwrap_or_else(|| crate::render::FALLBACK.to_string());
    let texts = get("texts").and_then(|v| v.as_bool()).unwrap_or(true);
    (lang, texts)
}

/// Works out a household's entitlements. Returns the report — its texts in `options.lang`
/// (zh-CN by default), or codes only with `{ texts: false }` — or `{ errors }` listing every
/// problem. A household without `asOf` is evaluated on today's date on the device.
#[wasm_bindgen(unchecked_return_type = "Report | ErrorResult")]
pub fn evaluate(#[wasm_bindgen(unchecked_param_type = "Household | string")] household: JsValue, options: Option<EvaluateOptions>) -> JsValue {
    let text = match input_text(&household, What::Household) {
        Ok(text) => text,
        Err(err) => return to_js(&err),
    };
    let (lang, texts) = options.map_or_else(|| (crate::render::FALLBACK.to_string(), true), |o| read_options(&o));
    let result = with_engine(|engine| {
        let hh = engine.read_on(&text, today()).map_err(|p| errors_json(&p))?;
        let mut report = engine.evaluate(&hh).map_err(|p| errors_json(&p))?;
        if texts {
            engine.render(&mut report, &lang);
        }
        report.to_json().map_err(|_| internal_error())
    });
    match result {
        Ok(Ok(json)) => to_js(&json),
        Ok(Err(err)) | Err(err) => errors_to_js(&err),
    }
}

/// The household's totals had its annual net income been each of `incomes` (amounts, at most
/// 200) instead: the points of the page's what-if curve, `{ points: [{ annualNetIncome, totals }] }`,
/// or `{ errors }`. One call for the whole curve, and no report or text is written for a point.
#[wasm_bindgen(js_name = totalsAtIncomes, unchecked_return_type = "IncomeTotals | ErrorResult")]
pub fn totals_at_incomes(
    #[wasm_bindgen(unchecked_param_type = "Household | string")] household: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MoneyInput[]")] incomes: JsValue,
) -> JsValue {
    let text = match input_text(&household, What::Household) {
        Ok(text) => text,
        Err(err) => return to_js(&err),
    };
    let list = match input_text(&incomes, What::Incomes) {
        Ok(list) => list,
        Err(err) => return to_js(&err),
    };
    let result = with_engine(|engine| {
        let hh = engine.read_on(&text, today()).map_err(|p| errors_json(&p))?;
        let incomes = crate::read::money_list(&list, "incomes", MAX_INCOMES).map_err(|p| errors_json(&p.into_sorted()))?;
        let totals = engine.totals_at_incomes(&hh, &incomes).map_err(|p| errors_json(&p))?;
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Point<'a> {
            annual_net_income: crate::report::Yuan,
            totals: &'a crate::report::Totals,
        }
        #[derive(serde::Serialize)]
        struct Points<'a> {
            points: Vec<Point<'a>>,
        }
        let points = incomes.iter().zip(&totals).map(|(i, t)| Point { annual_net_income: crate::report::Yuan(*i), totals: t }).collect();
        serde_json::to_string(&Points { points }).map_err(|_| internal_error())
    });
    match result {
        Ok(Ok(json)) => to_js(&json),
        Ok(Err(err)) | Err(err) => errors_to_js(&err),
    }
}

/// The most points `totalsAtIncomes` takes at once.
const MAX_INCOMES: usize = 200;

/// Checks a policy pack without loading it. Returns `{ ok: true }` or `{ errors }`.
#[wasm_bindgen(js_name = validatePolicy, unchecked_return_type = "PolicyOk | ErrorResult")]
pub fn validate_policy(#[wasm_bindgen(unchecked_param_type = "PolicyPack | string")] pack: JsValue) -> JsValue {
    let text = match input_text(&pack, What::Pack) {
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
pub fn load_policy(#[wasm_bindgen(unchecked_param_type = "PolicyPack | string")] pack: JsValue) -> JsValue {
    let text = match input_text(&pack, What::Pack) {
        Ok(text) => text,
        Err(err) => return to_js(&err),
    };
    match with_engine(|engine| engine.load_pack_json(&text)) {
        Ok(Ok(id)) => to_js(&ok_json(Some(&id))),
        Ok(Err(err)) | Err(err) => errors_to_js(&err),
    }
}

/// Adds a message catalogue (Fluent `.ftl` text) for `lang`, replacing one of that language: a
/// portal's own wording, or another language; a message it lacks is shown from zh-CN. Returns
/// `{ ok: true, id: lang }` or `{ errors }` (its syntax errors with their lines).
#[wasm_bindgen(js_name = loadMessages, unchecked_return_type = "PolicyLoaded | ErrorResult")]
pub fn load_messages(lang: &str, catalogue: JsValue) -> JsValue {
    let Some(text) = catalogue.as_string() else {
        return to_js(&error_json("", msg!("input.not_json", what = What::Messages.word())));
    };
    match with_engine(|engine| engine.load_messages(lang, &text)) {
        Ok(Ok(())) => to_js(&ok_json(Some(lang))),
        Ok(Err(problems)) => errors_to_js(&errors_json(&problems)),
        Err(err) => errors_to_js(&err),
    }
}

/// The labels a page shows beside a report (areas, results, statuses, stages, fields, …) in
/// `lang`, from the same catalogues as the report: `{ "area-medical": "医疗", … }`.
#[wasm_bindgen(unchecked_return_type = "Record<string, string>")]
pub fn labels(lang: &str) -> JsValue {
    match with_engine(|engine| crate::render::labels_json(engine.messages(), lang)) {
        Ok(json) => to_js(&json),
        Err(_) => js_sys::Object::new().into(),
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
  /** The date the entitlements are worked out for; evaluate() takes today's date on the
   *  device when it is omitted (the command line requires it). */
  asOf?: DateString;
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

/** A document and its sentence, shown as 《document》(issuer, number, date) with the quote below. */
export interface Citation {
  /** The document's title (shown in 《》). */
  document: string;
  issuer: string;
  /** The document's date, as the source gives it (display text). */
  date: string;
  /** The document's number (文号), where it has one. */
  number?: string;
  /** The policy sentence, quoted; "" when no sentence was retrieved (show the document and note). */
  quote: string;
  /** A file in policy-sources or a URL: for tools, not for display. */
  source: string;
  url?: string;
  confidence: Confidence;
  note?: string;
  /** The dates the document vouches for; after `until`, entries resting on it carry `policy.stale`. */
  supports?: { from?: DateString; until?: DateString };
}

export type Unit = "yuan" | "rate" | "age" | "count" | "factor";

/** A parameter a calculation used, with its value and where it comes from. */
export interface Figure {
  parameter: string;
  /** Its title in the report's language (absent with `texts: false`). */
  title?: string;
  unit: Unit;
  value: string;
  from?: DateString;
  /** null when the user supplied the figure (confidence "user"). */
  citation: Citation | null;
  confidence: Confidence;
}

/** An explanation as data: a message code, its typed arguments, and (unless `texts: false`)
 *  its text in the report's language, rendered from the message catalogues (messages/*.ftl). */
export interface Message {
  code: string;
  /** Amounts as strings to the fen, rates and numbers as decimal strings, counts as numbers,
   *  vocabularies by their JSON names, members by id. Absent when the message has none. */
  args?: Record<string, string | number | string[]>;
  text?: string;
}
/** @deprecated the name of 0.1.0: a reason is a Message. */
export type Reason = Message;

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
  /** The programme's title in the report's language (absent with `texts: false`). */
  title?: string;
  reasons: Message[];
  steps: Message[];
  citation: Citation;
  figures: Figure[];
  /** The lowest confidence of its citation and of the figures it used (V > V2 > D > R; a
   *  figure the user supplied does not lower it): the one confidence to show. */
  confidence: Confidence;
  /** `policy.stale` markers: the date is after what its sources vouch for (the amount stands). */
  warnings?: Message[];
  /** Missing inputs or parameters (status needs_info). */
  needs: string[];
  /** Where and how to apply, in the report's language. */
  howToApply?: string;
}

/** The two-line check, status alignment and the 两不愁三保障 checklist. */
export interface Check {
  programme: string;
  kind: string;
  area: Area;
  result: "pass" | "fail" | "needs_info";
  title?: string;
  steps: Message[];
  citation: Citation;
  figures: Figure[];
  /** As an entitlement's. */
  confidence: Confidence;
  /** As an entitlement's (`policy.stale`). */
  warnings?: Message[];
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
  /** Its title in the report's language (absent with `texts: false`). */
  title?: string;
  programmes: string[];
}

export type AlertCode =
  | "dibao.should_apply" | "dibao.review" | "monitoring.below_line" | "dibao.low_income_margin"
  | "dibao.standard_below_poverty_line" | "guarantee.education" | "guarantee.medical" | "guarantee.housing"
  | "status.ended" | "status.not_yet"
  | (string & {});
export type WarningCode =
  | "policy.stale" | "parameter.low_confidence" | "parameter.unverified" | "region.nearest_pack" | "medical.estimate"
  | (string & {});

export interface Alert extends Message { code: AlertCode; programme: string; }
export interface Warning extends Message { code: WarningCode; parameter?: string; }

/** What `totalsAtIncomes` gives: the household's totals at each income asked for. */
export interface IncomeTotals {
  points: { annualNetIncome: Money; totals: Totals }[];
}

/** `evaluate`'s options. */
export interface EvaluateOptions {
  /** The language of the texts: "zh-CN" (the default), "en", or one loaded with loadMessages. */
  lang?: string;
  /** false: codes and arguments only, no texts (faster; for programs). Default true. */
  texts?: boolean;
}

export interface Report {
  /** The report format's version (CHANGELOG.md). */
  formatVersion: number;
  /** The language of its texts; absent with `texts: false`. */
  lang?: string;
  /** The household's `id`, when it has one. */
  household?: string;
  region: string;
  asOf: DateString;
  status: HouseholdStatus[];
  policy: { chain: string[]; names: Array<{ id: string; name?: string }> };
  entitlements: Entitlement[];
  checks: Check[];
  totals: Totals;
  needsInfo: NeedsInfo[];
  alerts: Alert[];
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
  /** The pack format version (1 when missing). */
  formatVersion?: number;
  id: string;
  region: string;
  parent?: string;
  level: "nation" | "province" | "city" | "county";
  name: Text;
  /** The date until which the pack's figures were checked against their sources. */
  reviewed?: DateString;
  documents?: Record<string, {
    title: string; issuer: string; date: string; number?: string; source: string; url?: string;
    confidence: "V" | "V2" | "D" | "R"; note?: string;
    supports?: { from?: DateString; until?: DateString };
  }>;
  /** Statuses the sources start or end on a date, by status. */
  statusPeriods?: Partial<Record<HouseholdStatus, {
    from?: DateString; until?: DateString; instead?: HouseholdStatus[];
    cite: { doc: string; quote?: string; confidence?: string; note?: string };
  }>>;
  parameters?: Record<string, {
    title: Text; unit: "yuan" | "rate" | "age" | "count" | "factor";
    values: Array<{ from: DateString; until?: DateString; value: string;
                    cite: { doc: string; quote?: string; confidence?: string; note?: string } }>;
    note?: Text;
  }>;
  insuranceModel?: Record<string, string>;
  replaces?: string[];
  programmes?: Array<{
    id: string; kind: string; area: Area; statuses: HouseholdStatus[];
    from: DateString; until?: DateString; title: Text;
    cite: { doc: string; quote?: string; confidence?: string; note?: string };
    howToApply?: Text; rule: Record<string, unknown>;
  }>;
  examples?: unknown[];
}

/** validatePolicy: the pack is valid. */
export interface PolicyOk { ok: true; }
/** loadPolicy: the pack is loaded under this id. */
export interface PolicyLoaded { ok: true; id: string; }
"#;
