//! One line per household of a roster (totals, statuses, alerts, missing figures), the CSV form
//! of it, and the running tally of a whole roster. The command line and the page share these,
//! so a roster gives the same figures in both; money is summed as `Decimal`, never as floats.

use super::csv::quote;
use super::RosterError;
use crate::date::Date;
use crate::household::Status;
use crate::money::{add, fmt_money, push_money};
use crate::report::{EntStatus, Report, Totals};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// The areas a summary always lists, in this order.
pub const AREAS: &[(&str, &str)] =
    &[("medical", "医疗"), ("insurance", "参保资助"), ("education", "教育"), ("dibao", "低保"), ("housing", "住房"), ("other", "其他")];

/// A household's entitlements counted by status.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    /// `entitled`: due.
    pub entitled: usize,
    /// `apply`: eligible to apply.
    pub apply: usize,
    /// `needs_info`: a figure or an input is missing.
    pub needs_info: usize,
    /// `not_eligible`.
    pub not_eligible: usize,
}

impl StatusCounts {
    /// A report's entitlements by status.
    pub fn of(r: &Report) -> StatusCounts {
        let mut statuses = StatusCounts::default();
        for e in &r.entitlements {
            match e.status {
                EntStatus::Entitled => statuses.entitled += 1,
                EntStatus::Apply => statuses.apply += 1,
                EntStatus::NeedsInfo => statuses.needs_info += 1,
                EntStatus::NotEligible => statuses.not_eligible += 1,
            }
        }
        statuses
    }
}

/// The result line of one household.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// The line the household starts on.
    pub line: usize,
    /// The household's number, when it has one.
    pub household: Option<String>,
    /// Its region code.
    pub region: String,
    /// The date it was evaluated as of.
    pub as_of: Date,
    /// Its statuses.
    pub status: Vec<Status>,
    /// The pack that applied (the last of the chain).
    pub policy: String,
    /// The report's totals.
    pub totals: Totals,
    /// Entitlements by status.
    pub statuses: StatusCounts,
    /// Alert codes, in the report's order.
    pub alerts: Vec<String>,
    /// The parameters or inputs the report lacks.
    pub needs_info: Vec<String>,
}

impl Summary {
    /// `of`, taking the report apart instead of copying its texts (a roster's hot path: the
    /// report is dropped right after).
    pub fn from_report(line: usize, r: Report) -> Summary {
        let statuses = StatusCounts::of(&r);
        let Report { household, region, as_of, status, policy, totals, needs_info, alerts, .. } = r;
        Summary {
            line,
            statuses,
            household,
            region,
            as_of,
            status,
            policy: policy.chain.last().cloned().unwrap_or_default(),
            totals,
            alerts: alerts.into_iter().map(|a| a.msg.code.to_string()).collect(),
            needs_info: needs_info.into_iter().map(|n| n.parameter.to_string()).collect(),
        }
    }

    /// The summary of a report (`from_report` without taking it apart).
    pub fn of(line: usize, r: &Report) -> Summary {
        Summary {
            line,
            statuses: StatusCounts::of(r),
            household: r.household.clone(),
            region: r.region.clone(),
            as_of: r.as_of,
            status: r.status.clone(),
            policy: r.policy.chain.last().cloned().unwrap_or_default(),
            totals: r.totals.clone(),
            alerts: r.alerts.iter().map(|a| a.msg.code.to_string()).collect(),
            needs_info: r.needs_info.iter().map(|n| n.parameter.to_string()).collect(),
        }
    }

    /// The JSON of this summary, written directly: the same bytes as `serde_json::to_string`
    /// (tested), several times faster on a roster's hundred thousand lines.
    pub fn write_json(&self, out: &mut String) {
        use std::fmt::Write;
        let _ = write!(out, "{{\"line\":{},\"household\":", self.line);
        match &self.household {
            Some(h) => json_str(out, h),
            None => out.push_str("null"),
        }
        out.push_str(",\"region\":");
        json_str(out, &self.region);
        let _ = write!(out, ",\"asOf\":\"{}\",\"status\":[", self.as_of);
        for (i, st) in self.status.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_str(out, st.json());
        }
        out.push_str("],\"policy\":");
        json_str(out, &self.policy);
        let t = &self.totals;
        out.push_str(",\"totals\":");
        pair(out, t.per_year.0, t.once.0, false);
        out.push_str(",\"byArea\":{");
        for (i, (area, sums)) in t.by_area.0.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_str(out, area);
            out.push(':');
            pair(out, sums.per_year.0, sums.once.0, true);
        }
        out.push_str("},\"ifApproved\":");
        pair(out, t.if_approved.per_year.0, t.if_approved.once.0, true);
        let c = self.statuses;
        let _ = write!(
            out,
            "}},\"statuses\":{{\"entitled\":{},\"apply\":{},\"needsInfo\":{},\"notEligible\":{}}},\"alerts\":[",
            c.entitled, c.apply, c.needs_info, c.not_eligible
        );
        for (i, a) in self.alerts.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_str(out, a);
        }
        out.push_str("],\"needsInfo\":[");
        for (i, n) in self.needs_info.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_str(out, n);
        }
        out.push_str("]}");
    }

    /// The totals of one area (zero when the chain has no programme there).
    pub fn area(&self, area: &str) -> (Decimal, Decimal) {
        self.totals.by_area.get(area).map_or((Decimal::ZERO, Decimal::ZERO), |s| (s.per_year.0, s.once.0))
    }

    /// The CSV row of this summary (columns of `summary_csv_header`), without a line end.
    pub fn csv_row(&self, zh: bool) -> String {
        let mut out = String::with_capacity(256);
        self.write_csv_row(zh, &mut out);
        out
    }

    /// `csv_row`, written onto `out` (no intermediate strings for the cells that need no quoting).
    pub fn write_csv_row(&self, zh: bool, out: &mut String) {
        self.write_row(zh, &mut CsvCells::new(out));
    }

    /// The result row of this summary, cell by cell (columns of `summary_header`): the one
    /// place that says what a result row holds, for the CSV and the spreadsheet alike.
    pub fn write_row<C: Cells>(&self, zh: bool, out: &mut C) {
        out.count(self.line);
        out.text(self.household.as_deref().unwrap_or(""));
        out.text(&self.region);
        out.date(self.as_of);
        let status: Vec<&str> = self.status.iter().map(|s| if zh { s.zh() } else { s.json() }).collect();
        out.text(&status.join(";"));
        let t = &self.totals;
        for d in [t.per_year.0, t.once.0, t.if_approved.per_year.0, t.if_approved.once.0] {
            out.money(d);
        }
        for (area, _) in AREAS {
            let (y, o) = self.area(area);
            out.money(y);
            out.money(o);
        }
        let c = self.statuses;
        for n in [c.entitled, c.apply, c.needs_info, c.not_eligible] {
            out.count(n);
        }
        let alerts: Vec<&str> = self.alerts.iter().map(|a| if zh { alert_label(a) } else { a.as_str() }).collect();
        out.text(&alerts.join(";"));
        out.text(&self.needs_info.join(";"));
        out.text("");
    }
}

/// Where a result row's cells go, by kind: the CSV writes them as text, a spreadsheet writes
/// amounts and counts as numbers.
pub trait Cells {
    fn text(&mut self, x: &str);
    /// An amount of money (written to the fen).
    fn money(&mut self, d: Decimal);
    /// A whole number (a line, a count).
    fn count(&mut self, n: usize);
    fn date(&mut self, d: Date);
}

/// A CSV row onto a string: cells separated by commas, quoted where they need it, on one line.
pub struct CsvCells<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> CsvCells<'a> {
    pub fn new(out: &'a mut String) -> CsvCells<'a> {
        CsvCells { out, first: true }
    }

    fn sep(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.out.push(',');
        }
    }
}

impl Cells for CsvCells<'_> {
    fn text(&mut self, x: &str) {
        self.sep();
        push_cell(self.out, x);
    }

    fn money(&mut self, d: Decimal) {
        self.sep();
        push_money(self.out, d);
    }

    fn count(&mut self, n: usize) {
        use std::fmt::Write;
        self.sep();
        let _ = write!(self.out, "{n}");
    }

    fn date(&mut self, d: Date) {
        use std::fmt::Write;
        self.sep();
        let _ = write!(self.out, "{d}");
    }
}

/// A result cell onto `out`: as it is when it needs no quoting (the usual case), else `cell`.
fn push_cell(out: &mut String, x: &str) {
    if x.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r' | b';' | b'\t')) || x.starts_with(' ') || x.ends_with(' ') {
        out.push_str(&cell(x));
    } else {
        out.push_str(x);
    }
}

/// `{"perYear":"…","once":"…"` and, when `close`, `}`.
fn pair(out: &mut String, per_year: Decimal, once: Decimal, close: bool) {
    out.push_str("{\"perYear\":\"");
    push_money(out, per_year);
    out.push_str("\",\"once\":\"");
    push_money(out, once);
    out.push('"');
    if close {
        out.push('}');
    }
}

use crate::json::write_str as json_str;

/// A result cell: quoted when it needs it, and on one line (a line break in a household number
/// becomes a space), so that every result row is one line of the file.
fn cell(x: &str) -> String {
    if x.contains(['\r', '\n']) {
        quote(&x.replace(['\r', '\n'], " ")).into_owned()
    } else {
        quote(x).into_owned()
    }
}

/// The header of the result CSV, in English (the JSON names) or Chinese.
pub fn summary_csv_header(zh: bool) -> String {
    summary_header(zh).join(",")
}

/// The result table's column names (`summary_csv_header`), one by one.
pub fn summary_header(zh: bool) -> Vec<String> {
    let mut h: Vec<String> = if zh {
        ["行号", "户编号", "地区代码", "评估日期", "身份", "每年合计", "一次性合计", "待批每年", "待批一次性"].map(String::from).to_vec()
    } else {
        ["line", "household", "region", "asOf", "status", "perYear", "once", "ifApprovedPerYear", "ifApprovedOnce"].map(String::from).to_vec()
    };
    for (area, area_zh) in AREAS {
        if zh {
            h.push(format!("{area_zh}每年"));
            h.push(format!("{area_zh}一次性"));
        } else {
            h.push(format!("{area}PerYear"));
            h.push(format!("{area}Once"));
        }
    }
    if zh {
        h.extend(["可享受项数", "可申请项数", "需补充项数", "不符合项数", "提示", "需补充", "错误"].map(String::from));
    } else {
        h.extend(["entitled", "apply", "needsInfo", "notEligible", "alerts", "needsInfoParameters", "errors"].map(String::from));
    }
    h
}

/// The CSV row of a household that gave no report: its line, number and errors.
pub fn error_csv_row(e: &RosterError) -> String {
    let mut out = String::with_capacity(256);
    write_error_row(e, &mut CsvCells::new(&mut out));
    out
}

/// The result row of a household that gave no report, cell by cell: its line, number and
/// errors, the other cells empty.
pub fn write_error_row<C: Cells>(e: &RosterError, out: &mut C) {
    let n = 9 + 2 * AREAS.len() + 6;
    out.count(e.line);
    out.text(e.household.as_deref().unwrap_or(""));
    for _ in 2..n {
        out.text("");
    }
    let errors = e
        .errors
        .iter()
        .map(|x| match &x.column {
            Some(c) => format!("{} {} (line {} {}): {}", x.code, x.path, x.line, c, x.zh),
            None => format!("{} {} (line {}): {}", x.code, x.path, x.line, x.zh),
        })
        .collect::<Vec<_>>()
        .join("; ");
    out.text(&errors);
}

/// A short Chinese label for an alert code (for tables and the Chinese CSV).
pub fn alert_label(code: &str) -> &str {
    match code {
        "dibao.should_apply" => "应申请低保",
        "dibao.review" => "低保待复核",
        "monitoring.below_line" => "低于监测线",
        "dibao.low_income_margin" => "低保边缘",
        "dibao.standard_below_poverty_line" => "低保标准低于扶贫标准",
        "guarantee.education" => "义务教育未保障",
        "guarantee.medical" => "基本医疗未保障",
        "guarantee.housing" => "住房安全未保障",
        other => other,
    }
}

/// A path with its indexes made `*` (`members[2].stays[0].insurancePaid` →
/// `members[*].stays[*].insurancePaid`), so that a tally counts households, not members.
fn any_index(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push_str("[*]");
            }
            ']' => in_index = false,
            _ if in_index => {}
            c => out.push(c),
        }
    }
    out
}

/// The running totals of a roster.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    /// Households with a report.
    pub households: usize,
    /// Lines or households that gave errors.
    pub errors: usize,
    /// Yearly total of the entitled amounts.
    #[serde(serialize_with = "money")]
    pub per_year: Decimal,
    /// One-off total of the entitled amounts.
    #[serde(serialize_with = "money")]
    pub once: Decimal,
    /// Per area: (yearly, one-off) totals.
    #[serde(serialize_with = "money_pairs")]
    pub by_area: BTreeMap<String, (Decimal, Decimal)>,
    /// (yearly, one-off) totals of the amounts households may apply for.
    #[serde(serialize_with = "money_pair")]
    pub if_approved: (Decimal, Decimal),
    /// Entitlements by status, over every household.
    pub statuses: StatusCounts,
    /// Alert code → households with it.
    pub alerts: BTreeMap<String, usize>,
    /// Missing figure → households that lack it.
    pub needs_info: BTreeMap<String, usize>,
    /// Error code → how often.
    pub error_codes: BTreeMap<String, usize>,
}

fn money<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&fmt_money(*d))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Pair {
    per_year: String,
    once: String,
}

fn money_pair<S: serde::Serializer>(p: &(Decimal, Decimal), s: S) -> Result<S::Ok, S::Error> {
    Pair { per_year: fmt_money(p.0), once: fmt_money(p.1) }.serialize(s)
}

fn money_pairs<S: serde::Serializer>(m: &BTreeMap<String, (Decimal, Decimal)>, s: S) -> Result<S::Ok, S::Error> {
    let shown: BTreeMap<&str, Pair> = m.iter().map(|(k, p)| (k.as_str(), Pair { per_year: fmt_money(p.0), once: fmt_money(p.1) })).collect();
    shown.serialize(s)
}

impl Tally {
    /// Counts a household's summary.
    pub fn add(&mut self, s: &Summary) {
        self.households += 1;
        let plus = |a: Decimal, b: Decimal| add(a, b).unwrap_or(a);
        self.per_year = plus(self.per_year, s.totals.per_year.0);
        self.once = plus(self.once, s.totals.once.0);
        for (area, sums) in &s.totals.by_area {
            let slot = self.by_area.entry(area.to_string()).or_default();
            slot.0 = plus(slot.0, sums.per_year.0);
            slot.1 = plus(slot.1, sums.once.0);
        }
        self.if_approved.0 = plus(self.if_approved.0, s.totals.if_approved.per_year.0);
        self.if_approved.1 = plus(self.if_approved.1, s.totals.if_approved.once.0);
        self.statuses.entitled += s.statuses.entitled;
        self.statuses.apply += s.statuses.apply;
        self.statuses.needs_info += s.statuses.needs_info;
        self.statuses.not_eligible += s.statuses.not_eligible;
        let mut codes: Vec<&String> = s.alerts.iter().collect();
        codes.sort();
        codes.dedup();
        for a in codes {
            match self.alerts.get_mut(a) {
                Some(n) => *n += 1,
                None => {
                    self.alerts.insert(a.clone(), 1);
                }
            }
        }
        let mut needs: Vec<std::borrow::Cow<str>> =
            s.needs_info.iter().map(|n| if n.contains('[') { any_index(n).into() } else { n.as_str().into() }).collect();
        needs.sort();
        needs.dedup();
        for n in needs {
            match self.needs_info.get_mut(n.as_ref()) {
                Some(c) => *c += 1,
                None => {
                    self.needs_info.insert(n.into_owned(), 1);
                }
            }
        }
    }

    /// Counts a line or household that gave errors.
    pub fn add_error(&mut self, e: &RosterError) {
        self.errors += 1;
        for x in &e.errors {
            *self.error_codes.entry(x.code.clone()).or_default() += 1;
        }
    }

    /// Adds another tally (the parts of a roster worked on apart).
    pub fn merge(&mut self, o: &Tally) {
        let plus = |a: Decimal, b: Decimal| add(a, b).unwrap_or(a);
        self.households += o.households;
        self.errors += o.errors;
        self.per_year = plus(self.per_year, o.per_year);
        self.once = plus(self.once, o.once);
        for (k, v) in &o.by_area {
            let slot = self.by_area.entry(k.clone()).or_default();
            slot.0 = plus(slot.0, v.0);
            slot.1 = plus(slot.1, v.1);
        }
        self.if_approved.0 = plus(self.if_approved.0, o.if_approved.0);
        self.if_approved.1 = plus(self.if_approved.1, o.if_approved.1);
        self.statuses.entitled += o.statuses.entitled;
        self.statuses.apply += o.statuses.apply;
        self.statuses.needs_info += o.statuses.needs_info;
        self.statuses.not_eligible += o.statuses.not_eligible;
        for (k, v) in &o.alerts {
            *self.alerts.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.needs_info {
            *self.needs_info.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.error_codes {
            *self.error_codes.entry(k.clone()).or_default() += v;
        }
    }

    /// The summary a person reads at the end of a batch (both languages).
    pub fn text(&self) -> String {
        let mut out = String::new();
        out.push_str(&format!("户数 households: {} evaluated, {} with errors\n", self.households, self.errors));
        out.push_str(&format!("应享合计 entitled: {} per year, {} once\n", fmt_money(self.per_year), fmt_money(self.once)));
        for (area, zh) in AREAS {
            if let Some((y, o)) = self.by_area.get(*area) {
                if !y.is_zero() || !o.is_zero() {
                    out.push_str(&format!("  {zh} {area}: {} per year, {} once\n", fmt_money(*y), fmt_money(*o)));
                }
            }
        }
        if !self.if_approved.0.is_zero() || !self.if_approved.1.is_zero() {
            out.push_str(&format!("待批 if approved: {} per year, {} once\n", fmt_money(self.if_approved.0), fmt_money(self.if_approved.1)));
        }
        let s = self.statuses;
        out.push_str(&format!("项目 entitlements: {} entitled, {} apply, {} needs_info, {} not_eligible\n", s.entitled, s.apply, s.needs_info, s.not_eligible));
        if !self.alerts.is_empty() {
            out.push_str("提示 alerts (households):\n");
            for (code, n) in &self.alerts {
                out.push_str(&format!("  {code} {}: {n}\n", alert_label(code)));
            }
        }
        if !self.needs_info.is_empty() {
            out.push_str("需补充 needs info (households):\n");
            for (p, n) in &self.needs_info {
                out.push_str(&format!("  {p}: {n}\n"));
            }
        }
        if self.errors > 0 {
            out.push_str(&format!("错误 errors: {} lines or households were not evaluated (see their error lines):\n", self.errors));
            for (code, n) in &self.error_codes {
                out.push_str(&format!("  {code}: {n}\n"));
            }
        }
        out
    }
}
