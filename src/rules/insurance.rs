//! Insurance subsidies: the individual premium of resident medical insurance paid in full, in
//! part or by a fixed amount, from the premium of the coverage year containing `asOf`; and the
//! resident pension premium paid by government for members of contributing age.

use super::{covered_step, Ctx, Eval};
use crate::message::{count, member, money, number, rate};
use crate::money::{mul, round_fen};
use crate::msg;
use crate::policy::{Period, PremiumMode, Programme, Rule};
use crate::report::EntStatus;
use rust_decimal::Decimal;

pub fn premium_subsidy(ctx: &mut Ctx, prog: &Programme) {
    let Rule::PremiumSubsidy { premium, mode } = &prog.rule else { return };
    let mut ev = Eval::new(prog);
    let p = ev.param(ctx, premium);
    let part = match mode {
        PremiumMode::Full => Some(None),
        PremiumMode::Share(s) => ev.param(ctx, s).map(|v| Some((true, v))),
        PremiumMode::Fixed(a) => ev.param(ctx, a).map(|v| Some((false, v))),
    };
    let (Some(p), Some(part)) = (p, part) else {
        let e = ev.needs_info(ctx, None, Period::Year);
        ctx.entitlements.push(e);
        return;
    };
    let year = ctx.as_of().year;
    for m in &ctx.hh.members {
        if !m.insured_medical {
            let e = ev.not_eligible_after(ctx, Some(&m.id), Period::Year, Vec::new(), msg!("insurance.not_insured"));
            ctx.entitlements.push(e);
            continue;
        }
        let mut steps = vec![covered_step(prog, ctx), msg!("insurance.premium", year = count(year), premium = money(p))];
        let amount = match part {
            None => {
                steps.push(msg!("insurance.paid_in_full", member = member(m), amount = money(p)));
                p
            }
            Some((true, share)) => {
                let Some(v) = mul(p, share).map(round_fen) else { continue };
                steps.push(msg!("insurance.paid_share", share = rate(share), premium = money(p), amount = money(v)));
                v
            }
            Some((false, fixed)) => {
                let v = fixed.min(p);
                steps.push(msg!("insurance.paid_fixed", fixed = money(fixed), premium = money(p), amount = money(v)));
                v
            }
        };
        let e = ev.entitlement(ctx, Some(&m.id), EntStatus::Entitled, Some(amount), Period::Year, Vec::new(), steps);
        ctx.entitlements.push(e);
    }
}

pub fn pension_premium(ctx: &mut Ctx, prog: &Programme) {
    let Rule::PensionPremium { amount, cap, min_age, max_age } = &prog.rule else { return };
    let mut ev = Eval::new(prog);
    let a = ev.param(ctx, amount);
    let c = cap.as_ref().map(|c| ev.param(ctx, c));
    let lo = ev.param(ctx, min_age);
    let hi = ev.param(ctx, max_age);
    let (Some(a), Some(lo), Some(hi), false) = (a, lo, hi, c.is_some_and(|c| c.is_none())) else {
        let e = ev.needs_info(ctx, None, Period::Year);
        ctx.entitlements.push(e);
        return;
    };
    let c = c.flatten();
    let mut any = false;
    for m in &ctx.hh.members {
        let age = Decimal::from(m.age);
        if age < lo || age > hi {
            continue;
        }
        any = true;
        let of_age = msg!("pension.of_age", member = member(m), age = count(m.age), min_age = number(lo), max_age = number(hi));
        let reason = if m.school.is_some() {
            Some(msg!("pension.student"))
        } else if !m.insured_pension {
            Some(msg!("pension.not_insured"))
        } else {
            None
        };
        if let Some(reason) = reason {
            let e = ev.not_eligible_after(ctx, Some(&m.id), Period::Year, vec![of_age], reason);
            ctx.entitlements.push(e);
            continue;
        }
        let v = c.map_or(a, |c| a.min(c));
        let paid = match c {
            Some(c) => msg!("pension.paid_capped", amount = money(a), cap = money(c), paid = money(v)),
            None => msg!("pension.paid", paid = money(v)),
        };
        let steps = vec![covered_step(prog, ctx), of_age, paid];
        let e = ev.entitlement(ctx, Some(&m.id), EntStatus::Entitled, Some(v), Period::Year, Vec::new(), steps);
        ctx.entitlements.push(e);
    }
    if !any {
        let e = ev.not_eligible(ctx, None, Period::Year, msg!("pension.no_member_of_age", min_age = number(lo), max_age = number(hi)));
        ctx.entitlements.push(e);
    }
}
