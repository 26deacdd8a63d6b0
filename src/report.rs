//! The report (SPEC §5): every programme of the chain with its status, amount, steps and
//! citation; checks; totals by area; alerts, warnings and the figures the user may supply.

use crate::date::Date;
use crate::household::Status;
use crate::message::Msg;
use crate::money::{add, fmt_money, mul};
use crate::policy::{Area, Confidence, Kind, Period, Unit};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use std::rc::Rc;

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

pub use crate::policy::{Citation, Cited};

/// A citation, shared by every entry that rests on the same sentence (`Policy::citations`).
pub type CiteRef = Rc<Cited>;

fn figure_value<S: Serializer>(v: &(Decimal, Unit), s: S) -> Result<S::Ok, S::Error> {
    match v.1 {
        Unit::Yuan => s.serialize_str(&fmt_money(v.0)),
        _ => s.collect_str(&v.0.normalize()),
    }
}

/// A figure a calculation used: the parameter, its value and where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub parameter: Rc<str>,
    /// The parameter's title in the report's language (rendered reports only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub unit: Unit,
    /// Written as money (two decimals) for a yuan figure, without trailing zeros otherwise.
    #[serde(serialize_with = "figure_value")]
    pub value: (Decimal, Unit),
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
    /// The programme's title in the report's language (rendered reports only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub reasons: Vec<Msg>,
    pub steps: Vec<Msg>,
    pub citation: CiteRef,
    pub figures: Vec<Figure>,
    /// The lowest confidence of its citation and of every figure it used (V > V2 > D > R; a
    /// figure the user supplied does not lower it): the one confidence a card shows.
    pub confidence: Confidence,
    /// Warnings about this entry (`policy.stale`: a date after what its sources vouch for; the
    /// amount still stands). Omitted when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Msg>,
    pub needs: Vec<Rc<str>>,
    /// Where to apply, in the report's language (rendered reports of programmes that have it,
    /// for those who may apply).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how_to_apply: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub programme: Rc<str>,
    pub kind: Kind,
    pub area: Area,
    pub result: CheckResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub steps: Vec<Msg>,
    pub citation: CiteRef,
    pub figures: Vec<Figure>,
    /// As an entitlement's: the lowest confidence of its citation and figures.
    pub confidence: Confidence,
    /// As an entitlement's (`policy.stale`); omitted when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Msg>,
    pub needs: Vec<Rc<str>>,
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

/// A figure the calculation needs and nobody gave: a policy parameter with no value on the date
/// (the user may supply it in `overrides`), or a household input.
#[derive(Debug, Clone, Serialize)]
pub struct NeedInfo {
    pub parameter: Rc<str>,
    pub unit: Option<Unit>,
    /// Its title in the report's language (rendered reports only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub programmes: Vec<Rc<str>>,
}

/// An alert: something the household or the cadre should act on.
#[derive(Debug, Clone, Serialize)]
pub struct Alert {
    #[serde(flatten)]
    pub msg: Msg,
    pub programme: Rc<str>,
}

/// A warning about the report itself (a figure of low confidence, an estimate, an old policy).
#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    #[serde(flatten)]
    pub msg: Msg,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<Rc<str>>,
}

/// A pack of the chain: its id and, in a rendered report, its name.
#[derive(Debug, Clone, Serialize)]
pub struct PackName {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PolicyUsed {
    pub chain: Vec<String>,
    pub names: Vec<PackName>,
}

/// The version of the report format (docs/report-format.md, CHANGELOG.md).
pub const REPORT_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub format_version: u32,
    /// The language its texts are in (`None`: codes only, not rendered).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub household: Option<String>,
    pub region: String,
    pub as_of: Date,
    pub status: Vec<Status>,
    pub policy: PolicyUsed,
    pub entitlements: Vec<Entitlement>,
    pub checks: Vec<Check>,
    pub totals: Totals,
    pub needs_info: Vec<NeedInfo>,
    pub alerts: Vec<Alert>,
    pub warnings: Vec<Warning>,
}

impl Report {
    /// The report as JSON text (the same bytes natively and in WebAssembly).
    pub fn to_json(&self) -> serde_json::Result<String> {
        // Room for a rendered report at once (its quotes make it tens of kilobytes), rather than
        // a buffer doubled and copied a dozen times.
        let mut out = Vec::with_capacity(2048 + 2048 * (self.entitlements.len() + self.checks.len()));
        serde_json::to_writer(&mut out, self)?;
        // SAFETY: serde_json writes only UTF-8 (the contents of `str`s, escapes and ASCII
        // punctuation); `serde_json::to_string` itself ends the same way. Checking it again cost a
        // quarter of the time of writing a report.
        Ok(unsafe { String::from_utf8_unchecked(out) })
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
