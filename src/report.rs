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

#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    pub document: String,
    pub issuer: String,
    pub date: String,
    pub quote: String,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub confidence: Confidence,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Citation {
    /// No citation: only in a lean evaluation (`rules::evaluate_detail`), which shows no text.
    pub fn empty() -> Citation {
        Citation {
            document: String::new(),
            issuer: String::new(),
            date: String::new(),
            quote: String::new(),
            source: String::new(),
            url: None,
            confidence: Confidence::R,
            note: None,
        }
    }
}

/// A citation in the report, shared by the entries that rest on the same sentence. Written in
/// full; in the compact form (`Report::to_json(true)`, the WebAssembly boundary's) written as its
/// index in the report's `citations`, which the boundary puts back in place as shared objects.
#[derive(Debug, Clone)]
pub struct CiteRef(pub Rc<Citation>);

impl std::ops::Deref for CiteRef {
    type Target = Citation;
    fn deref(&self) -> &Citation {
        &self.0
    }
}

thread_local! {
    /// The citations of the report being written in the compact form; `None` otherwise.
    static COMPACT: std::cell::RefCell<Option<Vec<Rc<Citation>>>> = const { std::cell::RefCell::new(None) };
}

impl Serialize for CiteRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let index = COMPACT.with(|c| c.borrow().as_ref().map(|list| list.iter().position(|x| Rc::ptr_eq(x, &self.0))));
        match index {
            Some(Some(i)) => s.serialize_u64(i as u64),
            _ => self.0.serialize(s),
        }
    }
}

/// A figure a calculation used: the parameter, its value and where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub parameter: String,
    pub title: Text,
    pub unit: Unit,
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
    pub title: Text,
    pub reasons: Vec<Note>,
    pub steps: Vec<Text>,
    pub citation: CiteRef,
    pub figures: Vec<Figure>,
    pub needs: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how_to_apply: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub programme: String,
    pub kind: Kind,
    pub area: Area,
    pub result: CheckResult,
    pub title: Text,
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
    /// The report as JSON: citations written in place, or — `compact` — once each in
    /// `citations`, referred to by index (a six-member household's report is about half as long).
    pub fn to_json(&self, compact: bool) -> serde_json::Result<String> {
        if !compact {
            return serde_json::to_string(self);
        }
        let mut table: Vec<Rc<Citation>> = Vec::new();
        let mut add = |c: &CiteRef| {
            if !table.iter().any(|x| Rc::ptr_eq(x, &c.0)) {
                table.push(c.0.clone());
            }
        };
        for e in &self.entitlements {
            add(&e.citation);
            e.figures.iter().filter_map(|f| f.citation.as_ref()).for_each(&mut add);
        }
        for c in &self.checks {
            add(&c.citation);
            c.figures.iter().filter_map(|f| f.citation.as_ref()).for_each(&mut add);
        }
        /// The report followed by its table of citations (written in full: they are `Rc`s, not `CiteRef`s).
        #[derive(Serialize)]
        struct WithTable<'a> {
            #[serde(flatten)]
            report: &'a Report,
            citations: &'a [Rc<Citation>],
        }
        COMPACT.with(|c| *c.borrow_mut() = Some(table.clone()));
        let out = serde_json::to_string(&WithTable { report: self, citations: &table });
        COMPACT.with(|c| *c.borrow_mut() = None);
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
