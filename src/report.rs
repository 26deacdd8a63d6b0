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
    /// Set while a report is written in its wire form (`Report::to_json(true)`).
    static WIRE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn wire() -> bool {
    WIRE.with(|w| w.get())
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
    pub programme: String,
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
    pub reasons: Vec<Note>,
    pub steps: Vec<Text>,
    pub citation: CiteRef,
    pub figures: Vec<Figure>,
    pub needs: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how_to_apply: Option<Shared<Rc<Text>>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub programme: String,
    pub kind: Kind,
    pub area: Area,
    pub result: CheckResult,
    pub title: Shared<Rc<Text>>,
    pub steps: Vec<Text>,
    pub citation: CiteRef,
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
    pub title: Text,
    pub programmes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alert {
    pub code: String,
    pub zh: String,
    pub en: String,
    pub programme: String,
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
    pub policy: PolicyUsed,
    pub entitlements: Vec<Entitlement>,
    pub checks: Vec<Check>,
    pub totals: Totals,
    pub needs_info: Vec<NeedInfo>,
    pub alerts: Vec<Alert>,
    pub warnings: Vec<Warning>,
}

impl Report {
    /// The report as JSON: in full, or — `wire` — with each region-wide text (titles, units, where
    /// to apply) as `0` and each citation as its index, for the WebAssembly boundary to put back
    /// from the region's shared text (`Engine::policy_text_json`). A third as long.
    pub fn to_json(&self, wire: bool) -> serde_json::Result<String> {
        WIRE.with(|w| w.set(wire));
        let out = serde_json::to_string(self);
        WIRE.with(|w| w.set(false));
        out
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
