//! Low-income guarantee (dibao) alignment: the gap benefit, the two-line check against the
//! poverty line, and status alignment alerts (should apply, review, monitoring, margin).
//!
//! The gap is paid monthly: (standard − income per person) × members, which is worked out as
//! standard × members − household income ÷ 12 (or, from a yearly standard, (standard × members −
//! household income) ÷ 12) with no intermediate rounded, and rounded once, half-up, to the fen.
//! Its yearly total is twelve times the monthly payment. Comparisons with the standard's lines
//! are made on whole-household figures, never on a divided one.

use super::{Ctx, Eval};
use crate::household::Status;
use crate::message::{count, money, number, Msg};
use crate::money::{div, mul, round_fen, sub};
use crate::msg;
use crate::policy::registry::Lookup;
use crate::policy::{Period, Programme, Rule, StandardRef};
use crate::report::{CheckResult, EntStatus};
use rust_decimal::Decimal;

/// The local dibao standard per person as the policy (or the user) gives it.
struct Standard {
    /// Per year: exact (twelve times a monthly standard, or as given).
    yearly: Decimal,
    /// The monthly figure given, when the standard is monthly.
    monthly: Option<Decimal>,
    step: Msg,
}

fn standard(ctx: &mut Ctx, ev: &mut Eval, s: &StandardRef) -> Option<Standard> {
    let twelve = Decimal::from(12);
    let found =
        |ctx: &Ctx, n: &Option<String>| n.as_ref().is_some_and(|n| matches!(ctx.policy.lookup(n, ctx.as_of(), &ctx.hh.overrides), Lookup::Found { .. }));
    if found(ctx, &s.monthly) {
        let m = ev.param(ctx, s.monthly.as_deref()?)?;
        let y = mul(m, twelve)?;
        return Some(Standard { yearly: y, monthly: Some(m), step: msg!("dibao.standard_monthly", monthly = money(m), yearly = money(y)) });
    }
    if found(ctx, &s.yearly) {
        let y = ev.param(ctx, s.yearly.as_deref()?)?;
        let m = div(y, twelve)?;
        return Some(Standard { yearly: y, monthly: None, step: msg!("dibao.standard_yearly", yearly = money(y), monthly = money(m)) });
    }
    for n in [&s.monthly, &s.yearly].into_iter().flatten() {
        ev.need(ctx, n);
    }
    None
}

/// The household's annual net income and its step (per person a year and a month, shown
/// rounded to the fen; never used rounded).
fn income(ctx: &mut Ctx, ev: &mut Eval) -> Option<(Decimal, Msg)> {
    let Some(total) = ctx.hh.annual_net_income else {
        ev.need(ctx, "annualNetIncome");
        return None;
    };
    let people = ctx.hh.members.len();
    let per_year = div(total, Decimal::from(people))?;
    let per_month = div(per_year, Decimal::from(12))?;
    let step = msg!("dibao.income", income = money(total), people = count(people), per_year = money(per_year), per_month = money(per_month));
    Some((total, step))
}

/// Income per person a year, for messages only.
fn per_person(ctx: &Ctx, total: Decimal) -> Decimal {
    div(total, Decimal::from(ctx.hh.members.len())).unwrap_or_default()
}

pub fn gap(ctx: &mut Ctx, prog: &Programme) {
    let Rule::DibaoGap { standard: s } = &prog.rule else { return };
    let mut ev = Eval::new(prog);
    let std = standard(ctx, &mut ev, s);
    let inc = income(ctx, &mut ev);
    let (Some(std), Some((total, inc_step))) = (std, inc) else {
        let e = ev.needs_info(ctx, None, Period::Month);
        ctx.entitlements.push(e);
        return;
    };
    let people = Decimal::from(ctx.hh.members.len());
    let twelve = Decimal::from(12);
    // Twelve times the monthly gap, exact: (standard a year × members) − household income.
    let Some(gap12) = mul(std.yearly, people).and_then(|s| sub(s, total)) else { return };
    let mut steps = vec![std.step, inc_step];
    if gap12 <= Decimal::ZERO {
        let per_month = div(per_person(ctx, total), twelve).unwrap_or_default();
        let standard_month = std.monthly.or_else(|| div(std.yearly, twelve)).unwrap_or_default();
        let reason = msg!("dibao.income_above_standard", income = money(per_month), standard = money(standard_month));
        let e = ev.not_eligible_after(ctx, None, Period::Month, steps, reason);
        ctx.entitlements.push(e);
        return;
    }
    let Some(amount) = div(gap12, twelve).map(round_fen) else { return };
    let Some(yearly) = mul(amount, twelve) else { return };
    steps.push(match std.monthly {
        Some(m) => msg!(
            "dibao.gap_monthly",
            standard = money(m),
            people = count(ctx.hh.members.len()),
            income = money(total),
            amount = money(amount),
            yearly = money(yearly)
        ),
        None => msg!(
            "dibao.gap_yearly",
            standard = money(std.yearly),
            people = count(ctx.hh.members.len()),
            income = money(total),
            amount = money(amount),
            yearly = money(yearly)
        ),
    });
    let status = if ctx.hh.status.contains(&Status::Dibao) {
        EntStatus::Entitled
    } else {
        steps.push(msg!("dibao.may_apply"));
        EntStatus::Apply
    };
    let e = ev.entitlement(ctx, None, status, Some(amount), Period::Month, Vec::new(), steps);
    ctx.entitlements.push(e);
}

pub fn two_line_check(ctx: &mut Ctx, prog: &Programme) {
    let Rule::TwoLineCheck { standard: s, poverty_line } = &prog.rule else { return };
    let mut ev = Eval::new(prog);
    let std = standard(ctx, &mut ev, s);
    let line = ev.param(ctx, poverty_line);
    let (Some(std), Some(line)) = (std, line) else {
        let c = ev.check(ctx, CheckResult::NeedsInfo, Vec::new());
        ctx.checks.push(c);
        return;
    };
    let year = ctx.as_of().year;
    let sy = std.yearly;
    let mut steps = vec![std.step, msg!("dibao.poverty_line", year = count(year), line = money(line))];
    let result = if sy < line {
        let monthly = div(line, Decimal::from(12)).map(round_fen).unwrap_or_default();
        steps.push(msg!("dibao.standard_below_line", line = money(line), monthly = money(monthly)));
        ctx.alert(msg!("dibao.standard_below_poverty_line", standard = money(sy), line = money(line)), &prog.id);
        CheckResult::Fail
    } else {
        steps.push(msg!("dibao.two_lines_one"));
        CheckResult::Pass
    };
    let c = ev.check(ctx, result, steps);
    ctx.checks.push(c);
}

pub fn status_alignment(ctx: &mut Ctx, prog: &Programme) {
    let Rule::StatusAlignment { standard: s, poverty_line, monitoring_multiplier, margin_multiplier } = &prog.rule else { return };
    let mut ev = Eval::new(prog);
    let std = standard(ctx, &mut ev, s);
    let inc = income(ctx, &mut ev);
    let (Some(std), Some((total, inc_step))) = (std, inc) else {
        let c = ev.check(ctx, CheckResult::NeedsInfo, Vec::new());
        ctx.checks.push(c);
        return;
    };
    let sy = std.yearly;
    let people = Decimal::from(ctx.hh.members.len());
    let iy = per_person(ctx, total);
    // "income per person under a line" ⇔ household income under the line × members (exact).
    let under = |line: Decimal| mul(line, people).is_some_and(|l| total < l);
    let st = &ctx.hh.status;
    let (poor, dibao, monitored, margin) =
        (st.contains(&Status::RegisteredPoor), st.contains(&Status::Dibao), st.contains(&Status::Monitored), st.contains(&Status::LowIncomeMargin));
    let mut steps = vec![std.step, inc_step];
    let mut fail = false;
    if poor && !dibao && under(sy) {
        fail = true;
        steps.push(msg!("dibao.should_apply_step"));
        ctx.alert(msg!("dibao.should_apply", income = money(iy), standard = money(sy)), &prog.id);
    }
    if dibao && !under(sy) {
        fail = true;
        steps.push(msg!("dibao.review_step"));
        ctx.alert(msg!("dibao.review", income = money(iy), standard = money(sy)), &prog.id);
    }
    if let (Some(pl), Some(mm)) = (poverty_line, monitoring_multiplier) {
        let line = ev.param(ctx, pl);
        let mult = ev.param(ctx, mm);
        if let Some(mline) = line.zip(mult).and_then(|(l, m)| mul(l, m).map(round_fen).map(|x| (l, m, x))) {
            let (line, mult, mline) = mline;
            steps.push(msg!("monitoring.line", line = money(line), factor = number(mult), amount = money(mline)));
            if under(mline) && !monitored && !poor {
                fail = true;
                ctx.alert(msg!("monitoring.below_line", income = money(iy), line = money(mline)), &prog.id);
            }
        }
    }
    if let Some(mm) = margin_multiplier {
        if let Some((mult, mline)) = ev.param(ctx, mm).and_then(|m| mul(sy, m).map(round_fen).map(|x| (m, x))) {
            steps.push(msg!("dibao.margin_line", standard = money(sy), factor = number(mult), amount = money(mline)));
            if !dibao && !margin && !under(sy) && under(mline) {
                fail = true;
                ctx.alert(msg!("dibao.low_income_margin", income = money(iy), line = money(mline)), &prog.id);
            }
        }
    }
    if !fail {
        steps.push(msg!("dibao.statuses_match"));
    }
    let c = ev.check(ctx, if fail { CheckResult::Fail } else { CheckResult::Pass }, steps);
    ctx.checks.push(c);
}
