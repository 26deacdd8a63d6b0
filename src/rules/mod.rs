//! Rule kinds: how each kind of programme turns a household and the policy in force into
//! entitlements. Rules know kinds, never places: every figure comes from the pack chain or the
//! household's overrides, with its citation. Rules explain themselves in messages (codes with
//! typed arguments, `crate::message`), never in text: the catalogues speak.

mod checklist;
mod dibao;
mod education;
mod housing;
mod insurance;
mod medical;

use crate::date::Date;
use crate::household::{Household, Status};
use crate::message::{self, Msg};
use crate::msg;
use crate::policy::registry::Lookup;
use crate::policy::{Area, Cite, Confidence, Kind, Period, Policy, Programme, Unit};
use crate::report::*;
use crate::table::Table;
use rust_decimal::Decimal;
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
}

impl<'a> Ctx<'a> {
    pub fn as_of(&self) -> Date {
        self.hh.as_of
    }

    /// The report's citation of a cite of the policy: resolved once per region, shared.
    pub fn citation(&self, cite: &Cite) -> CiteRef {
        match self.policy.cite_position(cite) {
            Some(index) => self.policy.citations[index].clone(),
            // Only a cite the policy does not hold (none, in practice) is resolved on the spot.
            None => Rc::new(crate::policy::Cited::new(self.policy.resolve(cite))),
        }
    }

    fn warn_confidence(&mut self, name: &Rc<str>, c: Confidence) {
        let code = match c {
            Confidence::V2 | Confidence::D => "parameter.low_confidence",
            Confidence::R => "parameter.unverified",
            Confidence::V | Confidence::User => return,
        };
        if !self.warnings.iter().any(|w| w.parameter.as_ref() == Some(name)) {
            let msg = match c {
                Confidence::R => msg!("parameter.unverified", parameter = Arg::Parameter(name.clone())),
                _ => msg!("parameter.low_confidence", parameter = Arg::Parameter(name.clone()), confidence = message::word(c.json())),
            };
            debug_assert_eq!(msg.code, code);
            self.warnings.push(Warning { msg, parameter: Some(name.clone()) });
        }
    }

    fn needed(&mut self, name: &str, programme: &Rc<str>) {
        let list = self.needs.get_or_insert_with(name, Vec::new);
        if !list.iter().any(|p| p == programme) {
            list.push(programme.clone());
        }
    }

    pub fn alert(&mut self, msg: Msg, programme: &Rc<str>) {
        self.alerts.push(Alert { msg, programme: programme.clone() });
    }
}

use crate::message::Arg;

/// One programme being evaluated: the figures it has looked up and the inputs it lacks.
pub struct Eval<'p> {
    pub prog: &'p Programme,
    pub figures: Vec<Figure>,
    pub needs: Vec<Rc<str>>,
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
                if !self.figures.iter().any(|f| &*f.parameter == name) {
                    let unit = ctx.policy.parameters.get(name).map(|p| p.unit).unwrap_or(Unit::Yuan);
                    let citation = cite.map(|c| ctx.citation(c));
                    let confidence = if overridden { Confidence::User } else { citation.as_ref().map_or(Confidence::R, |c| c.confidence) };
                    let parameter: Rc<str> = Rc::from(name);
                    ctx.warn_confidence(&parameter, confidence);
                    self.figures.push(Figure { parameter, title: None, unit, value: (value, unit), from, citation, confidence });
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
        if !self.needs.iter().any(|n| &**n == name) {
            self.needs.push(Rc::from(name));
        }
        ctx.needed(name, &self.prog.id);
    }

    /// A step per missing figure: a parameter (a local figure no source gives, or none for the
    /// year) or a household input.
    fn missing_steps<'c>(&'c self, ctx: &'c Ctx) -> impl Iterator<Item = Msg> + 'c {
        let as_of = ctx.as_of();
        let policy = ctx.policy;
        self.needs.iter().map(move |n| {
            if policy.parameters.get(n).is_some() {
                let local = !matches!(policy.lookup(n, as_of, &Table::new()), Lookup::NotInForce);
                msg!("input.missing_parameter", parameter = Arg::Parameter(n.clone()), year = message::count(as_of.year), local = message::yes_no(local))
            } else {
                msg!("input.missing_field", field = Arg::Field(n.clone()))
            }
        })
    }

    /// Builds an entitlement of this programme. (Each argument is one field of the entry.)
    #[allow(clippy::too_many_arguments)]
    pub fn entitlement(
        &self,
        ctx: &Ctx,
        member: Option<&str>,
        status: EntStatus,
        amount: Option<Decimal>,
        period: Period,
        reasons: Vec<Msg>,
        mut steps: Vec<Msg>,
    ) -> Entitlement {
        let mut needs = Vec::new();
        if status == EntStatus::NeedsInfo {
            steps.extend(self.missing_steps(ctx));
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
            title: None,
            reasons,
            steps,
            citation: ctx.citation(&self.prog.cite),
            figures: self.figures.clone(),
            confidence: Confidence::V,
            warnings: Vec::new(),
            needs,
            how_to_apply: None,
        }
    }

    /// The household-level `needs_info` entry when figures are missing.
    pub fn needs_info(&self, ctx: &Ctx, member: Option<&str>, period: Period) -> Entitlement {
        self.entitlement(ctx, member, EntStatus::NeedsInfo, None, period, vec![msg!("input.missing")], Vec::new())
    }

    /// A `not_eligible` entry: its reason says why (no steps: there is no amount to explain).
    pub fn not_eligible(&self, ctx: &Ctx, member: Option<&str>, period: Period, reason: Msg) -> Entitlement {
        self.entitlement(ctx, member, EntStatus::NotEligible, None, period, vec![reason], Vec::new())
    }

    /// A `not_eligible` entry whose reason is also its last step, after `steps`.
    pub fn not_eligible_after(&self, ctx: &Ctx, member: Option<&str>, period: Period, mut steps: Vec<Msg>, reason: Msg) -> Entitlement {
        steps.push(reason.clone());
        self.entitlement(ctx, member, EntStatus::NotEligible, None, period, vec![reason], steps)
    }

    pub fn check(&self, ctx: &Ctx, result: CheckResult, mut steps: Vec<Msg>) -> Check {
        steps.extend(self.missing_steps(ctx));
        Check {
            programme: self.prog.id.clone(),
            kind: self.prog.rule.kind(),
            area: self.prog.area,
            result,
            title: None,
            steps,
            citation: ctx.citation(&self.prog.cite),
            figures: self.figures.clone(),
            confidence: Confidence::V,
            warnings: Vec::new(),
            needs: self.needs.clone(),
        }
    }
}

/// The step that says which statuses a programme covers and that the household has one.
pub fn covered_step(prog: &Programme, ctx: &Ctx) -> Msg {
    if prog.statuses.is_empty() {
        return msg!("programme.open_to_all");
    }
    let held: Vec<Status> = prog.statuses.iter().copied().filter(|s| ctx.hh.status.contains(s)).collect();
    msg!("programme.covers", covers = message::statuses(&prog.statuses), held = message::statuses(&held))
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
    // (About one entitlement per programme and member, one check per check programme: room made
    // once instead of the list growing four or five times.)
    let entitlements = Vec::with_capacity(policy.programmes.len() + hh.members.len() * 4);
    let mut ctx = Ctx { hh, policy, entitlements, checks: Vec::with_capacity(4), alerts: Vec::new(), warnings: Vec::new(), needs: Table::new() };
    // Stay-level medical programmes depend on each other (insurance → assistance → ceiling →
    // zero pay), so they are worked out together first and placed in order afterwards.
    let closed: Vec<Option<Msg>> = policy.programmes.iter().map(|p| closed_reason(hh, p)).collect();
    let open: Vec<bool> = closed.iter().map(Option::is_none).collect();
    let mut medical = medical::stays(&mut ctx, &open);
    let trust = Trust::new(hh, policy);
    for (i, prog) in policy.programmes.iter().enumerate() {
        let (entries, checks) = (ctx.entitlements.len(), ctx.checks.len());
        if let Some(reason) = &closed[i] {
            push_closed(&mut ctx, prog, reason.clone());
            trust.mark(&mut ctx, prog, entries, checks, false);
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
        trust.mark(&mut ctx, prog, entries, checks, true);
    }
    status_alerts(&mut ctx);
    ctx
}

/// The id given as `programme` to the alerts about a household status the sources start or end
/// on a date (`status.ended`, `status.not_yet`): they rest on the chain's `statusPeriods`, not
/// on one programme.
pub const STATUS_PERIODS: &str = "policy.status_periods";

/// A status chosen outside the dates the sources give it (registered_poor after 2020): an
/// alert naming what to choose instead.
fn status_alerts(ctx: &mut Ctx) {
    let as_of = ctx.as_of();
    let mut alerts = Vec::new();
    for s in ctx.hh.status.iter() {
        let Some(sp) = ctx.policy.status_period(*s) else { continue };
        if let Some(until) = sp.until.filter(|u| as_of > *u) {
            alerts.push(msg!(
                "status.ended",
                status = message::vocab("status", s.json()),
                until = message::date(until),
                instead = message::statuses(&sp.instead)
            ));
        } else if let Some(from) = sp.from.filter(|f| as_of < *f) {
            alerts.push(msg!("status.not_yet", status = message::vocab("status", s.json()), from = message::date(from)));
        }
    }
    if !alerts.is_empty() {
        let id: Rc<str> = Rc::from(STATUS_PERIODS);
        for m in alerts {
            ctx.alert(m, &id);
        }
    }
}

/// How far the sources reach on `asOf`: the chain's packs reviewed before it, for the
/// `policy.stale` markers of entries and checks.
struct Trust {
    as_of: Date,
    /// Some pack of the chain was reviewed before `asOf`: the defining pack is looked up.
    any_unreviewed: bool,
}

impl Trust {
    fn new(hh: &Household, policy: &Policy) -> Trust {
        let as_of = hh.as_of;
        Trust { as_of, any_unreviewed: policy.chain.iter().any(|p| p.reviewed.is_some_and(|r| as_of > r)) }
    }

    /// Sets the confidence of the entries and checks `prog` made (from `entries`, `checks` on),
    /// and, for a programme in force (`open`), marks those that rest on sources older than
    /// `asOf` with `policy.stale` (a `not_eligible` entry, having no amount, is not marked).
    fn mark(&self, ctx: &mut Ctx, prog: &Programme, entries: usize, checks: usize, open: bool) {
        let reviewed = if open && self.any_unreviewed {
            ctx.policy.defining_pack(&prog.id).and_then(|p| p.reviewed.filter(|r| self.as_of > *r).map(|r| (p.name.zh.as_str(), r)))
        } else {
            None
        };
        for e in &mut ctx.entitlements[entries..] {
            e.confidence = lowest(&e.citation, &e.figures);
            if open && e.status != EntStatus::NotEligible {
                e.warnings = self.stale(reviewed, &e.citation, &e.figures);
            }
        }
        for c in &mut ctx.checks[checks..] {
            c.confidence = lowest(&c.citation, &c.figures);
            if open {
                c.warnings = self.stale(reviewed, &c.citation, &c.figures);
            }
        }
    }

    /// One `policy.stale` per document older than `asOf` among the citation and the figures',
    /// and one when the defining pack was reviewed before `asOf`.
    fn stale(&self, reviewed: Option<(&str, Date)>, citation: &Citation, figures: &[Figure]) -> Vec<Msg> {
        let mut out: Vec<Msg> = Vec::new();
        let years = |until: Date| message::count(self.as_of.year.saturating_sub(until.year).max(1));
        for c in std::iter::once(citation).chain(figures.iter().filter_map(|f| f.citation.as_deref().map(|c| &c.citation))) {
            let Some(until) = c.supports.until.filter(|u| self.as_of > *u) else { continue };
            let m = msg!(
                "policy.stale",
                document = message::text(&c.document),
                date = Arg::Label(Rc::from(c.date.as_str())),
                years = years(until),
                basis = message::word("document")
            );
            if !out.contains(&m) {
                out.push(m);
            }
        }
        if let Some((pack, r)) = reviewed {
            out.push(msg!(
                "policy.stale",
                document = message::text(pack),
                date = Arg::Label(Rc::from(r.to_string().as_str())),
                years = years(r),
                basis = message::word("reviewed")
            ));
        }
        out
    }
}

/// The lowest confidence of a citation and the figures used (V > V2 > D > R); a figure the user
/// supplied does not lower it.
pub fn lowest(citation: &Citation, figures: &[Figure]) -> Confidence {
    figures.iter().map(|f| f.confidence).filter(|c| *c != Confidence::User).fold(citation.confidence, |a, b| a.max(b))
}

/// Why a programme is closed to the household on `asOf`: not yet in force, ended, or a status
/// it does not cover. `None` when it is open.
pub(crate) fn closed_reason(hh: &Household, prog: &Programme) -> Option<Msg> {
    let as_of = hh.as_of;
    if as_of < prog.from {
        Some(msg!("policy.not_yet", from = message::date(prog.from), as_of = message::date(as_of)))
    } else if let Some(until) = prog.until.filter(|u| as_of > *u) {
        Some(msg!("policy.ended", until = message::date(until)))
    } else if !prog.statuses.is_empty() && !prog.statuses.iter().any(|s| hh.status.contains(s)) {
        Some(msg!("status.not_covered", covers = message::statuses(&prog.statuses)))
    } else {
        None
    }
}

/// The one entry of a closed programme: `not_eligible`, or a check that does not apply.
fn push_closed(ctx: &mut Ctx, prog: &Programme, reason: Msg) {
    let ev = Eval::new(prog);
    if matches!(prog.rule.kind(), Kind::TwoLineCheck | Kind::StatusAlignment | Kind::GuaranteeChecklist) {
        let c = ev.check(ctx, CheckResult::Pass, vec![reason]);
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
