//! Medical self-pay relief. Chronic-disease relief is yearly per member. Hospital stays go
//! through one pipeline in a fixed order, whatever the packs' order: insurance paid (from the
//! settlement slip, or estimated where the pack models basic insurance) → the deductible
//! reduction → medical assistance (with an annual cap per member) → the self-pay ceiling →
//! zero self-pay for named treatments. Each step relieves what the earlier ones left.

use super::{covered_step, Ctx, Eval};
use crate::household::Stay;
use crate::message::{self, count, member, money, vocab, yes_no, Msg};
use crate::money::{add, mul, round_fen, sub};
use crate::msg;
use crate::policy::{Kind, Period, Programme, Rule, Scope};
use crate::read::{index_path, key_path};
use crate::report::{EntStatus, Entitlement, Figure};
use rust_decimal::Decimal;
use std::rc::Rc;

pub fn chronic_relief(ctx: &mut Ctx, prog: &Programme) {
    let Rule::ChronicRelief { threshold, rate, cap } = &prog.rule else { return };
    let mut ev = Eval::new(prog);
    let patients: Vec<_> = ctx.hh.members.iter().filter(|m| m.chronic.is_some()).collect();
    if patients.is_empty() {
        let e = ev.not_eligible(ctx, None, Period::Year, msg!("medical.no_chronic"));
        ctx.entitlements.push(e);
        return;
    }
    let (t, r, c) = (ev.param(ctx, threshold), ev.param(ctx, rate), ev.param(ctx, cap));
    let (Some(t), Some(r), Some(c)) = (t, r, c) else {
        let e = ev.needs_info(ctx, None, Period::Year);
        ctx.entitlements.push(e);
        return;
    };
    for m in patients {
        let Some(ch) = m.chronic else { continue };
        let spent = ch.self_pay_in_catalog;
        let spent_step = msg!("medical.chronic_spent", member = member(m), amount = money(spent));
        let reason = if !ch.listed {
            Some(msg!("medical.chronic_not_listed"))
        } else if spent <= t {
            Some(msg!("medical.below_threshold", amount = money(spent), threshold = money(t)))
        } else {
            None
        };
        if let Some(reason) = reason {
            let e = ev.not_eligible_after(ctx, Some(&m.id), Period::Year, vec![spent_step], reason);
            ctx.entitlements.push(e);
            continue;
        }
        let Some(excess) = sub(spent, t) else { continue };
        let Some(raw) = mul(excess, r).map(round_fen) else { continue };
        let v = raw.min(c);
        let mut steps = vec![
            covered_step(prog, ctx),
            spent_step,
            msg!("medical.chronic_relief", amount = money(spent), threshold = money(t), excess = money(excess), rate = message::rate(r), relief = money(raw)),
        ];
        if raw > c {
            steps.push(msg!("medical.chronic_cap", cap = money(c)));
        }
        let e = ev.entitlement(ctx, Some(&m.id), EntStatus::Entitled, Some(v), Period::Year, Vec::new(), steps);
        ctx.entitlements.push(e);
    }
}

/// The basic + critical-illness insurance model, when the pack has one and its figures are known.
struct Model {
    deductible: Decimal,
    ratio: Decimal,
    cap: Option<Decimal>,
    critical: Option<(Decimal, Decimal)>,
    /// The deductible reduction of an open programme (0 when none applies).
    reduction: Decimal,
    figures: Vec<Figure>,
}

impl Model {
    /// Basic insurance paid for covered cost `c` with deductible `d`.
    fn basic(&self, c: Decimal, d: Decimal) -> Option<Decimal> {
        let over = sub(c, d)?.max(Decimal::ZERO);
        let paid = round_fen(mul(self.ratio, over)?);
        Some(match self.cap {
            Some(cap) => paid.min(cap),
            None => paid,
        })
    }

    fn reduced_deductible(&self) -> Option<Decimal> {
        Some(round_fen(mul(self.deductible, sub(Decimal::ONE, self.reduction)?)?))
    }

    /// Estimated insurance paid: basic with the (reduced) deductible, then critical illness.
    fn estimate(&self, c: Decimal) -> Option<(Decimal, Vec<Msg>)> {
        let d = self.reduced_deductible()?;
        let basic = self.basic(c, d)?;
        let mut steps = vec![match self.cap {
            Some(cap) => msg!(
                "medical.estimate_basic_capped",
                covered = money(c),
                deductible = money(d),
                ratio = message::rate(self.ratio),
                paid = money(basic),
                cap = money(cap)
            ),
            None => msg!("medical.estimate_basic", covered = money(c), deductible = money(d), ratio = message::rate(self.ratio), paid = money(basic)),
        }];
        let mut paid = basic;
        if let Some((cd, cr)) = self.critical {
            let rest = sub(sub(c, basic)?, cd)?.max(Decimal::ZERO);
            let crit = round_fen(mul(rest, cr)?);
            steps.push(msg!(
                "medical.estimate_critical",
                covered = money(c),
                basic = money(basic),
                deductible = money(cd),
                ratio = message::rate(cr),
                paid = money(crit)
            ));
            paid = add(paid, crit)?;
        }
        Some((paid.min(c), steps))
    }
}

/// What one stay has had relieved so far.
#[derive(Clone)]
struct Ledger {
    member: usize,
    stay: usize,
    s: Stay,
    insurance: Option<Decimal>,
    estimate_steps: Vec<Msg>,
    assistance: Decimal,
    relieved: Decimal,
    /// Inputs or figures an earlier step lacked: later steps cannot be worked out without them.
    blocked: Vec<Rc<str>>,
}

impl Ledger {
    fn remaining(&self) -> Option<Decimal> {
        let i = self.insurance?;
        sub(sub(sub(self.s.total, i)?, self.assistance)?, self.relieved)
    }
    fn path(&self) -> String {
        index_path(&key_path(&index_path("members", self.member), "stays"), self.stay)
    }
}

const ORDER: [Kind; 4] = [Kind::DeductibleReduction, Kind::MedicalAssistance, Kind::SelfPayCeiling, Kind::ZeroSelfPay];

fn push_at(out: &mut [Vec<Entitlement>], i: usize, e: Entitlement) {
    if let Some(slot) = out.get_mut(i) {
        slot.push(e);
    }
}

/// Works out every open stay-level programme; returns their entries by programme index.
pub fn stays(ctx: &mut Ctx, open: &[bool]) -> Vec<Vec<Entitlement>> {
    let mut out: Vec<Vec<Entitlement>> = (0..open.len()).map(|_| Vec::new()).collect();
    let programmes: Vec<(usize, &Programme)> = ctx.policy.programmes.iter().enumerate().filter(|(i, p)| open[*i] && ORDER.contains(&p.rule.kind())).collect();
    if programmes.is_empty() {
        return out;
    }
    let any_stay = ctx.hh.members.iter().any(|m| !m.stays.is_empty());
    if !any_stay {
        for (i, prog) in &programmes {
            let ev = Eval::new(prog);
            push_at(&mut out, *i, ev.not_eligible(ctx, None, Period::Once, msg!("medical.no_stay")));
        }
        return out;
    }

    // The insurance model, with the reduction of the first open deductible programme.
    let reduction_prog = programmes.iter().find(|(_, p)| p.rule.kind() == Kind::DeductibleReduction).map(|(_, p)| *p);
    let mut model_needs: Vec<Rc<str>> = Vec::new();
    let model = ctx.policy.insurance_model.clone().and_then(|m| {
        let host = reduction_prog.unwrap_or(programmes[0].1);
        let mut ev = Eval::new(host);
        let deductible = ev.param(ctx, &m.deductible);
        let ratio = ev.param(ctx, &m.ratio);
        let cap = m.cap.as_ref().map(|c| ev.param(ctx, c));
        let critical = match (&m.critical_deductible, &m.critical_ratio) {
            (Some(d), Some(r)) => Some((ev.param(ctx, d), ev.param(ctx, r))),
            _ => None,
        };
        let reduction = match reduction_prog {
            Some(p) => match &p.rule {
                Rule::DeductibleReduction { reduction } => ev.param(ctx, reduction),
                _ => None,
            },
            None => Some(Decimal::ZERO),
        };
        model_needs = ev.needs.clone();
        let critical = match critical {
            Some((Some(d), Some(r))) => Some(Some((d, r))),
            Some(_) => None,
            None => Some(None),
        };
        Some(Model {
            deductible: deductible?,
            ratio: ratio?,
            cap: match cap {
                Some(Some(c)) => Some(c),
                Some(None) => return None,
                None => None,
            },
            critical: critical?,
            reduction: reduction?,
            figures: ev.figures,
        })
    });

    let mut ledgers: Vec<Ledger> = Vec::new();
    for (mi, m) in ctx.hh.members.iter().enumerate() {
        for (si, s) in m.stays.iter().enumerate() {
            let mut l = Ledger {
                member: mi,
                stay: si,
                s: *s,
                insurance: s.insurance_paid,
                estimate_steps: Vec::new(),
                assistance: Decimal::ZERO,
                relieved: Decimal::ZERO,
                blocked: Vec::new(),
            };
            if l.insurance.is_none() {
                match &model {
                    Some(model) => {
                        if let Some((paid, steps)) = model.estimate(s.covered) {
                            l.insurance = Some(paid);
                            l.estimate_steps = steps;
                        }
                    }
                    None => {
                        l.blocked.push(Rc::from(key_path(&l.path(), "insurancePaid")));
                        l.blocked.extend(model_needs.iter().cloned());
                    }
                }
            }
            ledgers.push(l);
        }
    }

    let model_figures: &[Figure] = model.as_ref().map_or(&[], |m| m.figures.as_slice());
    for kind in ORDER {
        for (idx, prog) in programmes.iter().filter(|(_, p)| p.rule.kind() == kind) {
            let entries = match &prog.rule {
                Rule::DeductibleReduction { .. } => deductible(ctx, prog, model.as_ref(), &model_needs, &ledgers),
                Rule::MedicalAssistance { rate, annual_cap } => assistance(ctx, prog, rate, annual_cap.as_deref(), model_figures, &mut ledgers),
                Rule::SelfPayCeiling { share, scope } => ceiling(ctx, prog, share, *scope, model_figures, &mut ledgers),
                Rule::ZeroSelfPay { treatments } => zero(ctx, prog, treatments, model_figures, &mut ledgers),
                _ => Vec::new(),
            };
            if let Some(slot) = out.get_mut(*idx) {
                slot.extend(entries);
            }
        }
    }
    out
}

fn stay_step(ctx: &Ctx, l: &Ledger) -> Msg {
    let m = &ctx.hh.members[l.member];
    let stay = count(l.stay + 1);
    let (total, covered, district) = (money(l.s.total), money(l.s.covered), yes_no(l.s.in_district));
    match (l.s.insurance_paid, l.insurance) {
        (Some(i), _) => msg!("medical.stay", member = member(m), stay = stay, in_district = district, total = total, covered = covered, insurance = money(i)),
        (None, Some(i)) => {
            msg!("medical.stay_estimated", member = member(m), stay = stay, in_district = district, total = total, covered = covered, insurance = money(i))
        }
        (None, None) => msg!("medical.stay_unknown", member = member(m), stay = stay, in_district = district, total = total, covered = covered),
    }
}

/// A stay-level entry: member, stay index, estimate flag and the model's figures when estimated.
/// (Each argument is one field of the entry.)
#[allow(clippy::too_many_arguments)]
fn stay_entry(
    ctx: &Ctx,
    ev: &Eval,
    l: &Ledger,
    model_figures: &[Figure],
    status: EntStatus,
    amount: Option<Decimal>,
    reasons: Vec<Msg>,
    steps: Vec<Msg>,
) -> Entitlement {
    let m = &ctx.hh.members[l.member];
    let estimated = l.s.insurance_paid.is_none() && l.insurance.is_some();
    let mut all = vec![stay_step(ctx, l)];
    if estimated {
        all.extend(l.estimate_steps.iter().cloned());
    }
    all.extend(steps);
    let mut e = ev.entitlement(ctx, Some(&m.id), status, amount, Period::Once, reasons, all);
    e.stay = Some(l.stay);
    e.estimate = estimated && status != EntStatus::NotEligible;
    if estimated {
        for f in model_figures {
            if !e.figures.iter().any(|g| g.parameter == f.parameter) {
                e.figures.push(f.clone());
            }
        }
    }
    e
}

fn blocked_entry(ctx: &mut Ctx, ev: &mut Eval, l: &Ledger, model_figures: &[Figure]) -> Entitlement {
    for n in &l.blocked {
        ev.need(ctx, n);
    }
    // The entry names this stay's missing inputs only: `ev` gathers every stay's, and its steps
    // in each entry made the report grow with the square of the stays.
    let mut needs: Vec<Rc<str>> = Vec::new();
    for n in &l.blocked {
        if !needs.contains(n) {
            needs.push(n.clone());
        }
    }
    let own = Eval { prog: ev.prog, figures: ev.figures.clone(), needs };
    let mut e = stay_entry(ctx, &own, l, model_figures, EntStatus::NeedsInfo, None, vec![msg!("input.missing")], Vec::new());
    e.needs = own.needs;
    for n in &l.blocked {
        if n.ends_with("insurancePaid") {
            e.steps.push(msg!("medical.enter_insurance_paid"));
        }
    }
    e
}

fn deductible(ctx: &mut Ctx, prog: &Programme, model: Option<&Model>, model_needs: &[Rc<str>], ledgers: &[Ledger]) -> Vec<Entitlement> {
    let mut ev = Eval::new(prog);
    let Some(model) = model else {
        for n in model_needs {
            ev.need(ctx, n);
        }
        if ev.needs.is_empty() {
            // No model in the chain: a checked pack cannot get here, but say so rather than guess.
            ev.need(ctx, "insuranceModel");
        }
        return vec![ev.needs_info(ctx, None, Period::Once)];
    };
    ev.figures = model.figures.clone();
    let mut out = Vec::new();
    for l in ledgers {
        let (Some(d2), Some(full), Some(reduced)) =
            (model.reduced_deductible(), model.basic(l.s.covered, model.deductible), model.reduced_deductible().and_then(|d2| model.basic(l.s.covered, d2)))
        else {
            continue;
        };
        let Some(v) = sub(reduced, full) else { continue };
        let mut steps = vec![
            covered_step(prog, ctx),
            msg!("medical.deductible_reduced", deductible = money(model.deductible), reduction = message::rate(model.reduction), reduced = money(d2)),
            msg!("medical.deductible_more_paid", reduced = money(reduced), full = money(full), amount = money(v)),
        ];
        if l.s.insurance_paid.is_some() {
            steps.push(msg!("medical.deductible_on_slip"));
        }
        out.push(stay_entry(ctx, &ev, l, &[], EntStatus::Entitled, Some(v), Vec::new(), steps));
    }
    out
}

fn assistance(ctx: &mut Ctx, prog: &Programme, rate: &str, cap: Option<&str>, model: &[Figure], ledgers: &mut [Ledger]) -> Vec<Entitlement> {
    let mut ev = Eval::new(prog);
    let r = ev.param(ctx, rate);
    let c = cap.map(|c| ev.param(ctx, c));
    let (Some(r), false) = (r, c.is_some_and(|c| c.is_none())) else {
        let missing = ev.needs.clone();
        for l in ledgers.iter_mut() {
            l.blocked.extend(missing.iter().cloned());
        }
        return vec![ev.needs_info(ctx, None, Period::Once)];
    };
    let cap = c.flatten();
    // Assistance so far this year, by member index.
    let mut used: Vec<Decimal> = vec![Decimal::ZERO; ctx.hh.members.len()];
    let mut out = Vec::new();
    for l in ledgers.iter_mut() {
        let (Some(i), true) = (l.insurance, l.blocked.is_empty()) else {
            out.push(blocked_entry(ctx, &mut ev, l, model));
            continue;
        };
        let Some(base) = sub(l.s.covered, i).map(|b| b.max(Decimal::ZERO)) else { continue };
        let Some(raw) = mul(base, r).map(round_fen) else { continue };
        let mut steps = vec![
            covered_step(prog, ctx),
            msg!("medical.assistance", covered = money(l.s.covered), insurance = money(i), base = money(base), rate = message::rate(r), amount = money(raw)),
        ];
        let so_far = used.get(l.member).copied().unwrap_or_default();
        let v = match cap {
            Some(cap) => {
                let left = sub(cap, so_far).unwrap_or_default().max(Decimal::ZERO);
                if raw > left {
                    steps.push(msg!("medical.assistance_cap", cap = money(cap), so_far = money(so_far), amount = money(left)));
                }
                raw.min(left)
            }
            None => raw,
        };
        if let Some(u) = used.get_mut(l.member) {
            *u = add(so_far, v).unwrap_or(so_far);
        }
        l.assistance = add(l.assistance, v).unwrap_or(l.assistance);
        out.push(stay_entry(ctx, &ev, l, model, EntStatus::Entitled, Some(v), Vec::new(), steps));
    }
    out
}

fn ceiling(ctx: &mut Ctx, prog: &Programme, share: &str, scope: Scope, model: &[Figure], ledgers: &mut [Ledger]) -> Vec<Entitlement> {
    let mut ev = Eval::new(prog);
    let Some(sh) = ev.param(ctx, share) else {
        return vec![ev.needs_info(ctx, None, Period::Once)];
    };
    let mut out = Vec::new();
    for l in ledgers.iter_mut() {
        if scope == Scope::InDistrict && !l.s.in_district {
            let reason = msg!("medical.out_of_scope");
            out.push(stay_entry(ctx, &ev, l, model, EntStatus::NotEligible, None, vec![reason.clone()], vec![reason]));
            continue;
        }
        let (Some(rem), true) = (l.remaining(), l.blocked.is_empty()) else {
            out.push(blocked_entry(ctx, &mut ev, l, model));
            continue;
        };
        let Some(limit) = mul(l.s.total, sh).map(round_fen) else { continue };
        let v = sub(rem, limit).unwrap_or_default().max(Decimal::ZERO);
        let earlier = add(l.assistance, l.relieved).unwrap_or_default();
        let mut steps = vec![
            covered_step(prog, ctx),
            if earlier.is_zero() {
                msg!("medical.self_pay", total = money(l.s.total), insurance = money(l.insurance.unwrap_or_default()), self_pay = money(rem))
            } else {
                msg!(
                    "medical.self_pay_after",
                    total = money(l.s.total),
                    insurance = money(l.insurance.unwrap_or_default()),
                    earlier = money(earlier),
                    self_pay = money(rem)
                )
            },
            msg!("medical.ceiling", share = message::rate(sh), total = money(l.s.total), limit = money(limit)),
        ];
        steps.push(if v.is_zero() {
            msg!("medical.within_ceiling")
        } else {
            msg!("medical.ceiling_relief", self_pay = money(rem), limit = money(limit), amount = money(v))
        });
        l.relieved = add(l.relieved, v).unwrap_or(l.relieved);
        out.push(stay_entry(ctx, &ev, l, model, EntStatus::Entitled, Some(v), Vec::new(), steps));
    }
    out
}

fn zero(ctx: &mut Ctx, prog: &Programme, treatments: &[crate::household::Treatment], model: &[Figure], ledgers: &mut [Ledger]) -> Vec<Entitlement> {
    let mut ev = Eval::new(prog);
    let mut out = Vec::new();
    for l in ledgers.iter_mut() {
        let Some(t) = l.s.treatment.filter(|t| treatments.contains(t)) else { continue };
        let (Some(rem), true) = (l.remaining(), l.blocked.is_empty()) else {
            out.push(blocked_entry(ctx, &mut ev, l, model));
            continue;
        };
        let v = rem.max(Decimal::ZERO);
        let steps = vec![
            covered_step(prog, ctx),
            msg!("medical.zero_pay", treatment = vocab("treatment", t.json())),
            msg!("medical.zero_pay_relief", amount = money(v)),
        ];
        l.relieved = add(l.relieved, v).unwrap_or(l.relieved);
        out.push(stay_entry(ctx, &ev, l, model, EntStatus::Entitled, Some(v), Vec::new(), steps));
    }
    if out.is_empty() {
        let kinds = crate::message::Arg::Vocabs { kind: "treatment", keys: treatments.iter().map(|t| t.json()).collect() };
        out.push(ev.not_eligible(ctx, None, Period::Once, msg!("medical.treatment_not_listed", treatments = kinds)));
    }
    out
}
