//! Rule kinds: how each kind of programme turns a household and the policy in force into
//! entitlements. Rules know kinds, never places: every figure comes from the pack chain or the
//! household's overrides, with its citation.

/// A step's text, or an empty one in a lean evaluation: the `format!`s are not even run.
macro_rules! text {
    ($ctx:expr, $zh:expr, $en:expr $(,)?) => {
        if $ctx.lean {
            crate::text::Text::default()
        } else {
            crate::text::Text::new($zh, $en)
        }
    };
}

/// A reason with its code, its texts left empty in a lean evaluation (which shows none).
macro_rules! note {
    ($ctx:expr, $code:expr, $zh:expr, $en:expr $(,)?) => {
        if $ctx.lean {
            crate::text::Note::new($code, "", "")
        } else {
            crate::text::Note::new($code, $zh, $en)
        }
    };
}

mod checklist;
mod dibao;
mod education;
mod housing;
mod insurance;
mod medical;

use crate::date::Date;
use crate::household::{Household, Status};
use crate::money::{fmt_money, fmt_percent, fmt_plain};
use crate::policy::registry::Lookup;
use crate::policy::{Area, Cite, Confidence, Kind, Period, Policy, Programme, Unit};
use crate::report::*;
use crate::text::{Note, Text};
use rust_decimal::Decimal;
use crate::table::Table;
use std::rc::Rc;

/// Everything one evaluation reads and writes.
pub struct Ctx<'a> {
    pub hh: &'a Household,
    pub policy: &'a Policy,
    pub entitlements: Vec<Entitlement>,
    pub checks: Vec<Check>,
    pub alerts: Vec<Alert>,
    pub warnings: Vec<Warning>,
    /// Parameter → programmes that need it (for `needsInfo`).
    pub needs: Table<Vec<Rc<str>>>,
    /// Amounts, statuses, alerts and needs only: no steps, citations, figures or titles (the
    /// summary of a roster line). The amounts are the same as in a full evaluation.
    pub lean: bool,
}

impl<'a> Ctx<'a> {
    pub fn as_of(&self) -> Date {
        self.hh.as_of
    }

    /// The report's citation of a cite of the policy: resolved once per region, shared.
    pub fn citation(&self, cite: &Cite) -> CiteRef {
        match self.policy.cite_position(cite) {
            Some(index) => CiteRef { index, citation: self.policy.citations[index].clone() },
            // Only a cite the policy does not hold (none, in practice) is resolved on the spot.
            None => CiteRef { index: usize::MAX, citation: Rc::new(self.policy.resolve(cite)) },
        }
    }

    fn warn_confidence(&mut self, name: &str, title: &Text, c: Confidence) {
        let (code, zh, en) = match c {
            Confidence::V2 | Confidence::D => (
                "parameter.low_confidence",
                format!("“{}”的数值{},请以当地最新文件为准", title.zh, c.zh()),
                format!("the figure \"{}\" is {}; check the latest local document", title.en, c.en()),
            ),
            Confidence::R => (
                "parameter.unverified",
                format!("“{}”的数值未经核实(无来源),仅作示例", title.zh),
                format!("the figure \"{}\" is unverified (no source found); an example only", title.en),
            ),
            Confidence::V | Confidence::User => return,
        };
        if !self.warnings.iter().any(|w| w.parameter.as_deref() == Some(name)) {
            self.warnings.push(Warning { code: code.into(), zh, en, parameter: Some(name.to_string()) });
        }
    }

    fn needed(&mut self, name: &str, programme: &Rc<str>) {
        let list = self.needs.get_or_insert_with(name, Vec::new);
        if !list.iter().any(|p| p == programme) {
            list.push(programme.clone());
        }
    }

    pub fn alert(&mut self, code: &str, zh: String, en: String, programme: &Rc<str>) {
        self.alerts.push(Alert { code: code.into(), zh, en, programme: programme.clone() });
    }
}

/// One programme being evaluated: the figures it has looked up and the inputs it lacks.
pub struct Eval<'p> {
    pub prog: &'p Programme,
    pub figures: Vec<Figure>,
    pub needs: Vec<String>,
}

impl<'p> Eval<'p> {
    pub fn new(prog: &'p Programme) -> Eval<'p> {
        Eval { prog, figures: Vec::new(), needs: Vec::new() }
    }

    /// Looks a parameter up on `asOf`; records the figure, or the need for it.
    pub fn param(&mut self, ctx: &mut Ctx, name: &str) -> Option<Decimal> {
        let lookup = ctx.policy.lookup(name, ctx.as_of(), &ctx.hh.overrides);
        match lookup {
            Lookup::Found { value, from, cite, overridden } => {
                if !ctx.lean && !self.figures.iter().any(|f| f.parameter == name) {
                    let par = ctx.policy.parameters.get(name);
                    let title = par.map(|p| p.title.clone()).unwrap_or_else(|| Rc::new(Text::new(name, name)));
                    let unit = par.map(|p| p.unit).unwrap_or(Unit::Yuan);
                    let citation = cite.map(|c| ctx.citation(c));
                    let confidence = if overridden { Confidence::User } else { citation.as_ref().map_or(Confidence::R, |c| c.confidence) };
                    ctx.warn_confidence(name, &title, confidence);
                    let shown = if unit == Unit::Yuan { fmt_money(value) } else { fmt_plain(value) };
                    self.figures.push(Figure { parameter: name.to_string(), title: Shared(title), unit: Shared(unit), value: shown, from, citation, confidence });
                }
                Some(value)
            }
            Lookup::Local | Lookup::NotInForce | Lookup::Unknown => {
                self.need(ctx, name);
                None
            }
        }
    }

    /// Records a missing input (a household field or a parameter).
    pub fn need(&mut self, ctx: &mut Ctx, name: &str) {
        if !self.needs.iter().any(|n| n == name) {
            self.needs.push(name.to_string());
        }
        ctx.needed(name, &self.prog.id);
    }

    fn missing_steps(&self, ctx: &Ctx) -> Vec<Text> {
        self.needs
            .iter()
            .map(|n| {
                let title = ctx.policy.parameters.get(n.as_str()).map(|p| p.title.clone());
                match title {
                    Some(t) => {
                        let when = match ctx.policy.lookup(n, ctx.as_of(), &Table::new()) {
                            Lookup::NotInForce => (format!("(现有政策文件未给出{}年的数值)", ctx.as_of().year), format!(" (the sources give no figure for {})", ctx.as_of().year)),
                            _ => ("(本地数值,政策来源未给出)".to_string(), " (a local figure no source gives)".to_string()),
                        };
                        Text::new(format!("缺少“{}”{},请填写参数 {n}。", t.zh, when.0), format!("Missing \"{}\"{}; enter parameter {n}.", t.en, when.1))
                    }
                    None => Text::new(format!("缺少 {n},请补充。"), format!("Missing {n}; please enter it.")),
                }
            })
            .collect()
    }

    /// Builds an entitlement of this programme.
    pub fn entitlement(&self, ctx: &Ctx, member: Option<&str>, status: EntStatus, amount: Option<Decimal>, period: Period, reasons: Vec<Note>, steps: Vec<Text>) -> Entitlement {
        let mut steps = steps;
        let mut needs = Vec::new();
        if status == EntStatus::NeedsInfo {
            if !ctx.lean {
                steps.extend(self.missing_steps(ctx));
            }
            needs = self.needs.clone();
        }
        Entitlement {
            programme: self.prog.id.clone(),
            kind: self.prog.rule.kind(),
            area: self.prog.area,
            member: member.map(str::to_string),
            stay: None,
            status,
            amount: amount.map(|a| Yuan(crate::money::round_fen(a))),
            period,
            estimate: false,
            title: Shared(self.prog.title.clone()),
            // A lean evaluation (a roster line's summary) carries no text.
            reasons: if ctx.lean { Vec::new() } else { reasons },
            steps: if ctx.lean { Vec::new() } else { steps },
            citation: ctx.citation(&self.prog.cite),
            figures: self.figures.clone(),
            needs,
            // Where to apply is for those who may: not repeated on every "not eligible". Kept in a
            // lean evaluation too (a shared text: no cost), so that an outline has every key.
            how_to_apply: if status == EntStatus::NotEligible { None } else { self.prog.how_to_apply.clone().map(Shared) },
        }
    }

    /// The household-level `needs_info` entry when figures are missing.
    pub fn needs_info(&self, ctx: &Ctx, member: Option<&str>, period: Period) -> Entitlement {
        let reasons = if ctx.lean { Vec::new() } else { vec![Note::new("input.missing", "缺少计算所需的数值", "a figure the calculation needs is missing")] };
        self.entitlement(ctx, member, EntStatus::NeedsInfo, None, period, reasons, Vec::new())
    }

    /// A `not_eligible` entry: its reason says why (no steps: there is no amount to explain).
    pub fn not_eligible(&self, ctx: &Ctx, member: Option<&str>, period: Period, reason: Note) -> Entitlement {
        let reasons = if ctx.lean { Vec::new() } else { vec![reason] };
        self.entitlement(ctx, member, EntStatus::NotEligible, None, period, reasons, Vec::new())
    }

    pub fn check(&self, ctx: &Ctx, result: CheckResult, steps: Vec<Text>) -> Check {
        let mut steps = if ctx.lean { Vec::new() } else { steps };
        if !ctx.lean {
            steps.extend(self.missing_steps(ctx));
        }
        Check {
            programme: self.prog.id.clone(),
            kind: self.prog.rule.kind(),
            area: self.prog.area,
            result,
            title: Shared(self.prog.title.clone()),
            steps,
            citation: ctx.citation(&self.prog.cite),
            figures: self.figures.clone(),
            needs: self.needs.clone(),
        }
    }
}

/// The step that says which statuses a programme covers and that the household has one.
pub fn covered_step(prog: &Programme, ctx: &Ctx) -> Text {
    if ctx.lean {
        return Text::default();
    }
    let hh = ctx.hh;
    if prog.statuses.is_empty() {
        return Text::new("本项目面向所有家庭。", "This programme is open to every household.");
    }
    let held: Vec<Status> = prog.statuses.iter().copied().filter(|s| hh.status.contains(s)).collect();
    Text::new(
        format!("本项目面向:{};本户身份:{}。", list_zh(&prog.statuses), list_zh(&held)),
        format!("Covers: {}; this household is: {}.", list_en(&prog.statuses), list_en(&held)),
    )
}

pub fn list_zh(s: &[Status]) -> String {
    s.iter().map(|x| x.zh()).collect::<Vec<_>>().join("、")
}
pub fn list_en(s: &[Status]) -> String {
    s.iter().map(|x| x.en()).collect::<Vec<_>>().join(", ")
}

pub fn yuan(d: Decimal) -> String {
    fmt_money(d)
}
pub fn pct(d: Decimal) -> String {
    fmt_percent(d)
}

fn period_of(prog: &Programme) -> Period {
    use crate::policy::Rule::*;
    match &prog.rule {
        StudentGrant { period, .. } => *period,
        DibaoGap { .. } => Period::Month,
        DeductibleReduction { .. } | MedicalAssistance { .. } | SelfPayCeiling { .. } | ZeroSelfPay { .. } | HousingRenovation { .. } => Period::Once,
        _ => Period::Year,
    }
}

/// Evaluates every programme of the policy for the household, in the policy's order.
pub fn evaluate<'a>(hh: &'a Household, policy: &'a Policy) -> Ctx<'a> {
    evaluate_detail(hh, policy, false)
}

/// `evaluate`, or with `lean` the amounts, statuses, alerts and needs without any text.
pub fn evaluate_detail<'a>(hh: &'a Household, policy: &'a Policy, lean: bool) -> Ctx<'a> {
    // (About one entitlement per programme and member, one check per check programme: room made
    // once instead of the list growing four or five times.)
    let entitlements = Vec::with_capacity(policy.programmes.len() + hh.members.len() * 4);
    let mut ctx = Ctx { hh, policy, entitlements, checks: Vec::with_capacity(4), alerts: Vec::new(), warnings: Vec::new(), needs: Table::new(), lean };
    // Stay-level medical programmes depend on each other (insurance → assistance → ceiling →
    // zero pay), so they are worked out together first and placed in order afterwards.
    let closed: Vec<Option<Note>> = policy.programmes.iter().map(|p| closed_reason(hh, p, lean)).collect();
    let open: Vec<bool> = closed.iter().map(Option::is_none).collect();
    let mut medical = medical::stays(&mut ctx, &open);
    for (i, prog) in policy.programmes.iter().enumerate() {
        if let Some(reason) = &closed[i] {
            push_closed(&mut ctx, prog, reason.clone());
            continue;
        }
        use crate::policy::Rule::*;
        match &prog.rule {
            StudentGrant { .. } => education::student_grant(&mut ctx, prog),
            PremiumSubsidy { .. } => insurance::premium_subsidy(&mut ctx, prog),
            PensionPremium { .. } => insurance::pension_premium(&mut ctx, prog),
            ChronicRelief { .. } => medical::chronic_relief(&mut ctx, prog),
            DeductibleReduction { .. } | MedicalAssistance { .. } | SelfPayCeiling { .. } | ZeroSelfPay { .. } => {
                let list = medical.get_mut(i).map(std::mem::take).unwrap_or_default();
                ctx.entitlements.extend(list);
            }
            DibaoGap { .. } => dibao::gap(&mut ctx, prog),
            TwoLineCheck { .. } => dibao::two_line_check(&mut ctx, prog),
            StatusAlignment { .. } => dibao::status_alignment(&mut ctx, prog),
            HousingRenovation { .. } => housing::renovation(&mut ctx, prog),
            ApplyNotice { .. } => housing::apply_notice(&mut ctx, prog),
            GuaranteeChecklist { .. } => checklist::guarantees(&mut ctx, prog),
        }
    }
    ctx
}

/// Why a programme is closed to the household on `asOf`: not yet in force, ended, or a status
/// it does not cover. `None` when it is open.
fn closed_reason(hh: &Household, prog: &Programme, lean: bool) -> Option<Note> {
    let as_of = hh.as_of;
    if lean {
        let open = as_of >= prog.from && prog.until.is_none_or(|u| as_of <= u) && (prog.statuses.is_empty() || prog.statuses.iter().any(|s| hh.status.contains(s)));
        return (!open).then(|| Note::new("closed", "", ""));
    }
    if as_of < prog.from {
        Some(Note::new(
            "policy.not_yet",
            format!("该政策自{}起施行,评估日期{}在此之前", prog.from, as_of),
            format!("this policy applies from {}; {} is before that", prog.from, as_of),
        ))
    } else if prog.until.is_some_and(|u| as_of > u) {
        let u = prog.until.map(|u| u.to_string()).unwrap_or_default();
        Some(Note::new("policy.ended", format!("该政策已于{u}结束"), format!("this policy ended on {u}")))
    } else if !prog.statuses.is_empty() && !prog.statuses.iter().any(|s| hh.status.contains(s)) {
        Some(Note::new(
            "status.not_covered",
            format!("本项目面向{},本户不具备上述身份", list_zh(&prog.statuses)),
            format!("this programme covers {}; the household has none of these statuses", list_en(&prog.statuses)),
        ))
    } else {
        None
    }
}

/// The one entry of a closed programme: `not_eligible`, or a check that does not apply.
fn push_closed(ctx: &mut Ctx, prog: &Programme, reason: Note) {
    let ev = Eval::new(prog);
    if matches!(prog.rule.kind(), Kind::TwoLineCheck | Kind::StatusAlignment | Kind::GuaranteeChecklist) {
        let steps = if ctx.lean { Vec::new() } else { vec![Text::new(reason.zh, reason.en)] };
        let c = ev.check(ctx, CheckResult::Pass, steps);
        ctx.checks.push(c);
    } else {
        let e = ev.not_eligible(ctx, None, period_of(prog), reason);
        ctx.entitlements.push(e);
    }
}

/// The areas the report totals: every area of the chain's programmes.
pub fn areas(policy: &Policy) -> Vec<Area> {
    let mut v: Vec<Area> = Vec::new();
    for p in &policy.programmes {
        if !v.contains(&p.area) {
            let at = v.iter().position(|a| a.json() > p.area.json()).unwrap_or(v.len());
            v.insert(at, p.area);
        }
    }
    v
}

/// How a member is named in explanations: the name if given, else the id.
pub fn who(m: &crate::household::Member) -> &str {
    m.name.as_deref().filter(|n| !n.is_empty()).unwrap_or(&m.id)
}
