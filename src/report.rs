//! The report (SPEC §5): every programme of the chain with its status, amount, steps and
//! citation; checks; totals by area; alerts, warnings and the figures the user may supply.

use crate::date::Date;
use crate::household::Status;
use crate::money::{add, fmt_money, mul};
use crate::policy::{Area, Confidence, Kind, Period, Unit};
use crate::text::{Note, Text};
use rust_decimal::Decimal;
use std::rc::Rc;
use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntStatus {
    Entitled,
    Apply,
    NeedsInfo,
    NotEligible,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckResult {
    Pass,
    Fail,
    NeedsInfo,
}

impl EntStatus {
    /// The JSON name (as serialized).
    pub fn json(self) -> &'static str {
        match self {
            EntStatus::Entitled => "entitled",
            EntStatus::Apply => "apply",
            EntStatus::NeedsInfo => "needs_info",
            EntStatus::NotEligible => "not_eligible",
        }
    }
}

impl CheckResult {
    /// The JSON name (as serialized).
    pub fn json(self) -> &'static str {
        match self {
            CheckResult::Pass => "pass",
            CheckResult::Fail => "fail",
            CheckResult::NeedsInfo => "needs_info",
        }
    }
}

/// Money in the report: a string with two decimals, rounded half-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Yuan(pub Decimal);

impl Serialize for Yuan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&fmt_money(self.0))
    }
}

pub use crate::policy::Citation;

thread_local! {
    /// How a report is being written: `WIRE` (`Report::to_json(true)`) and / or `OUTLINE`
    /// (`Report::to_outline_json`); neither in full.
    static FORM: std::cell::Cell<u8> = const { std::cell::Cell::new(0) };
}
const WIRE: u8 = 1;
const OUTLINE: u8 = 2;

fn wire() -> bool {
    FORM.with(|w| w.get() & WIRE != 0)
}

/// An explanation field (`reasons`, `steps`, `figures`, the report's `warnings`): written in full,
/// or as `0` in an outline, where the WebAssembly boundary makes it a property computed on first
/// read (docs/report-format.md).
fn lazy<T: Serialize, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    if FORM.with(|w| w.get() & OUTLINE != 0) {
        s.serialize_u8(0)
    } else {
        value.serialize(s)
    }
}

/// Text that is the same in every report of a region (titles, units, where to apply): written in
/// place, or as `0` in the wire form, where the WebAssembly boundary puts the region's shared
/// object back (`Engine::policy_text_json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared<T>(pub T);

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if wire() {
            s.serialize_u8(0)
        } else {
            self.0.serialize(s)
        }
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A citation, shared by every entry that rests on the same sentence: written in full, or in the
/// wire form as its index in the region's `citations` (`Engine::policy_text_json`).
#[derive(Debug, Clone)]
pub struct CiteRef {
    pub index: usize,
    pub citation: Rc<Citation>,
}

impl std::ops::Deref for CiteRef {
    type Target = Citation;
    fn deref(&self) -> &Citation {
        &self.citation
    }
}

impl Serialize for CiteRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if wire() && self.index != usize::MAX {
            s.serialize_u64(self.index as u64)
        } else {
            self.citation.serialize(s)
        }
    }
}

/// A figure a calculation used: the parameter, its value and where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub parameter: String,
    pub title: Shared<Rc<Text>>,
    pub unit: Shared<Unit>,
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// `null` when the user supplied the figure.
    pub citation: Option<CiteRef>,
    pub confidence: Confidence,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entitlement {
    pub programme: Rc<str>,
    pub kind: Kind,
    pub area: Area,
    pub member: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stay: Option<usize>,
    pub status: EntStatus,
    pub amount: Option<Yuan>,
    pub period: Period,
    pub estimate: bool,
    pub title: Shared<Rc<Text>>,
    #[serde(serialize_with = "lazy")]
    pub reasons: Vec<Note>,
    #[serde(serialize_with = "lazy")]
    pub steps: Vec<Text>,
    pub citation: CiteRef,
    #[serde(serialize_with = "lazy")]
    pub figures: Vec<Figure>,
    pub needs: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how_to_apply: Option<Shared<Rc<Text>>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub programme: Rc<str>,
    pub kind: Kind,
    pub area: Area,
    pub result: CheckResult,
    pub title: Shared<Rc<Text>>,
    #[serde(serialize_with = "lazy")]
    pub steps: Vec<Text>,
    pub citation: CiteRef,
    #[serde(serialize_with = "lazy")]
    pub figures: Vec<Figure>,
    pub needs: Vec<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Sums {
    pub per_year: YuanOrZero,
    pub once: YuanOrZero,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct YuanOrZero(pub Decimal);

impl Serialize for YuanOrZero {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&fmt_money(self.0))
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    pub per_year: YuanOrZero,
    pub once: YuanOrZero,
    pub by_area: AreaSums,
    pub if_approved: Sums,
}

/// Totals by area, in area-name order; written as a JSON object keyed by area.
#[derive(Debug, Clone, Default)]
pub struct AreaSums(pub Vec<(&'static str, Sums)>);

impl AreaSums {
    pub fn get(&self, area: &str) -> Option<&Sums> {
        self.0.iter().find(|(a, _)| *a == area).map(|(_, s)| s)
    }

    pub fn iter(&self) -> impl Iterator<Item = &(&'static str, Sums)> {
        self.0.iter()
    }

    fn slot(&mut self, area: &'static str) -> &mut Sums {
        let i = match self.0.iter().position(|(a, _)| *a == area) {
            Some(i) => i,
            None => {
                let at = self.0.iter().position(|(a, _)| *a > area).unwrap_or(self.0.len());
                self.0.insert(at, (area, Sums::default()));
                at
            }
        };
        &mut self.0[i].1
    }
}

impl<'a> IntoIterator for &'a AreaSums {
    type Item = &'a (&'static str, Sums);
    type IntoIter = std::slice::Iter<'a, (&'static str, Sums)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Serialize for AreaSums {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (area, sums) in &self.0 {
            m.serialize_entry(area, sums)?;
        }
        m.end()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct NeedInfo {
    pub parameter: String,
    pub unit: Option<Unit>,
    /// The parameter's title from the policy (shared), or the household field's.
    pub title: Rc<Text>,
    pub programmes: Vec<Rc<str>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alert {
    pub code: String,
    pub zh: String,
    pub en: String,
    pub programme: Rc<str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    pub code: String,
    pub zh: String,
    pub en: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PackName {
    pub id: String,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PolicyUsed {
    pub chain: Vec<String>,
    pub names: Vec<PackName>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub household: Option<String>,
    pub region: String,
    pub as_of: Date,
    pub status: Vec<Status>,
    /// (Shared by every report of the policy: `Policy::used`.)
    pub policy: Rc<PolicyUsed>,
    pub entitlements: Vec<Entitlement>,
    pub checks: Vec<Check>,
    pub totals: Totals,
    pub needs_info: Vec<NeedInfo>,
    pub alerts: Vec<Alert>,
    #[serde(serialize_with = "lazy")]
    pub warnings: Vec<Warning>,
}

impl Report {
    /// The report as JSON: in full, or — `wire` — with each region-wide text (titles, units, where
    /// to apply) as `0` and each citation as its index, for the WebAssembly boundary to put back
    /// from the region's shared text (`Engine::policy_text_json`). A third as long.
    pub fn to_json(&self, wire: bool) -> serde_json::Result<String> {
        self.write(if wire { WIRE } else { 0 })
    }

    /// The report's outline: every key in its place, with each explanation field (`reasons`,
    /// `steps`, `figures` of entitlements and checks, the report's `warnings`) as `0`, for the
    /// WebAssembly boundary to compute on first read. Meant for a `Detail::Summary` report, whose
    /// other fields are the full report's. `wire` as in `to_json`.
    pub fn to_outline_json(&self, wire: bool) -> serde_json::Result<String> {
        self.write(OUTLINE | if wire { WIRE } else { 0 })
    }

    /// The outline as the WebAssembly boundary reads it (src/wasm-report.js, `outline`): what
    /// varies from household to household, in one JSON array, the rest taken from the region's
    /// shared texts (`Engine::policy_text_json`, whose `programmes` are `policy.programmes` in
    /// order):
    /// `[household, region, asOf, status, pack, entitlements, checks, totals, needsInfo, alerts]`,
    /// `pack` the last of `policy.chain`; `entitlements` ten values each, one after another —
    /// programme (its index), member, stay (or null), status, amount, period, estimate, citation
    /// (as in the wire form), whether it has `howToApply`, needs; `checks` four each — programme,
    /// result, citation, needs; `totals` as `perYear, once, [area, perYear, once]…, ifApproved's
    /// perYear, once`; `needsInfo` four each — parameter, unit, title (`0` for the parameter's
    /// own), programmes. A tenth of the outline as JSON, whose writing and reading were most of
    /// the cost of `evaluate` in WebAssembly.
    pub fn to_outline_wire(&self, policy: &crate::policy::Policy) -> String {
        let mut w = Outline { out: Vec::with_capacity(2048), money: String::new() };
        // A programme's index in the policy's list, searched from the last one found: entries
        // come in the policy's order.
        let programmes = &policy.programmes[..];
        let mut at = 0;
        let mut index = |id: &str| {
            let n = programmes.len();
            at = (0..n).map(|k| (at + k) % n).find(|&i| &*programmes[i].id == id).unwrap_or(usize::MAX);
            at
        };
        FORM.with(|f| f.set(WIRE));
        w.out.push(b'[');
        w.json(&self.household);
        w.json(&self.region);
        w.json(&self.as_of);
        w.json(&self.status);
        w.json(&self.policy.chain.last());
        w.out.push(b'[');
        for e in &self.entitlements {
            w.num(index(&e.programme));
            w.json(&e.member);
            match e.stay {
                Some(i) => w.num(i),
                None => w.raw("null"),
            }
            w.word(e.status.json());
            match e.amount {
                Some(Yuan(a)) => w.money(a),
                None => w.raw("null"),
            }
            w.word(e.period.json());
            w.raw(if e.estimate { "true" } else { "false" });
            w.cite(&e.citation);
            w.raw(if e.how_to_apply.is_some() { "true" } else { "false" });
            w.json(&e.needs);
        }
        w.close(true);
        for c in &self.checks {
            w.num(index(&c.programme));
            w.word(c.result.json());
            w.cite(&c.citation);
            w.json(&c.needs);
        }
        w.close(true);
        let t = &self.totals;
        w.money(t.per_year.0);
        w.money(t.once.0);
        for (area, sums) in &t.by_area {
            w.word(area);
            w.money(sums.per_year.0);
            w.money(sums.once.0);
        }
        w.money(t.if_approved.per_year.0);
        w.money(t.if_approved.once.0);
        w.close(true);
        for n in &self.needs_info {
            w.json(&n.parameter);
            w.json(&n.unit);
            // The report takes a parameter's title from the policy (`Engine::evaluate_detail`).
            if policy.parameters.get(&n.parameter).is_some() {
                w.num(0);
            } else {
                w.json(&n.title);
            }
            w.json(&n.programmes);
        }
        w.close(false);
        w.json(&self.alerts);
        w.out.pop();
        w.out.push(b']');
        FORM.with(|f| f.set(0));
        String::from_utf8(w.out).unwrap_or_default()
    }

    fn write(&self, form: u8) -> serde_json::Result<String> {
        FORM.with(|w| w.set(form));
        let out = serde_json::to_string(self);
        FORM.with(|w| w.set(0));
        out
    }
}

/// `Report::to_outline_wire`'s writer: each value followed by a comma.
struct Outline {
    out: Vec<u8>,
    money: String,
}

impl Outline {
    /// Any value as JSON, by its own serializer (strings escaped).
    fn json<T: Serialize + ?Sized>(&mut self, value: &T) {
        let _ = serde_json::to_writer(&mut self.out, value);
        self.out.push(b',');
    }
    fn raw(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
        self.out.push(b',');
    }
    /// A string that needs no escaping (a vocabulary word).
    fn word(&mut self, s: &str) {
        self.out.push(b'"');
        self.out.extend_from_slice(s.as_bytes());
        self.out.extend_from_slice(b"\",");
    }
    fn num(&mut self, mut n: usize) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.extend_from_slice(&digits[i..]);
        self.out.push(b',');
    }
    fn money(&mut self, d: Decimal) {
        self.money.clear();
        crate::money::push_money(&mut self.money, d);
        self.out.push(b'"');
        self.out.extend_from_slice(self.money.as_bytes());
        self.out.extend_from_slice(b"\",");
    }
    /// A citation as in the wire form: its index, or in full if the region has none.
    fn cite(&mut self, c: &CiteRef) {
        if c.index == usize::MAX {
            self.json(&*c.citation);
        } else {
            self.num(c.index);
        }
    }
    /// Ends a list of values, and opens the next one if `next`.
    fn close(&mut self, next: bool) {
        if self.out.last() == Some(&b',') {
            self.out.pop();
        }
        self.out.extend_from_slice(if next { b"],[" } else { b"]," });
    }
}

/// Sums entitled (and, separately, apply) amounts by period and area. A month counts twelve
/// times in a year. `None` only on overflow, which the input limits make impossible.
pub fn totals(entitlements: &[Entitlement], areas: &[Area]) -> Option<Totals> {
    let twelve = Decimal::from(12);
    let mut by_area = AreaSums::default();
    for a in areas {
        by_area.slot(a.json());
    }
    let (mut per_year, mut once) = (Decimal::ZERO, Decimal::ZERO);
    let mut if_approved = Sums::default();
    for e in entitlements {
        let Some(Yuan(amount)) = e.amount else { continue };
        let (y, o) = match e.period {
            Period::Year => (amount, Decimal::ZERO),
            Period::Month => (mul(amount, twelve)?, Decimal::ZERO),
            Period::Once => (Decimal::ZERO, amount),
        };
        match e.status {
            EntStatus::Entitled => {
                per_year = add(per_year, y)?;
                once = add(once, o)?;
                let s = by_area.slot(e.area.json());
                s.per_year.0 = add(s.per_year.0, y)?;
                s.once.0 = add(s.once.0, o)?;
            }
            EntStatus::Apply => {
                if_approved.per_year.0 = add(if_approved.per_year.0, y)?;
                if_approved.once.0 = add(if_approved.once.0, o)?;
            }
            _ => {}
        }
    }
    Some(Totals { per_year: YuanOrZero(per_year), once: YuanOrZero(once), by_area, if_approved })
}
