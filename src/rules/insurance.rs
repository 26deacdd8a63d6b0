//! Insurance subsidies: the individual premium of resident medical insurance paid in full, in
//! part or by a fixed amount, from the premium of the coverage year containing `asOf`; and the
//! resident pension premium paid by government for members of contributing age.

use super::{covered_step, pct, who, yuan, Ctx, Eval};
use crate::money::{fmt_plain, mul, round_fen};
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
            let reason = note!(ctx, "insurance.not_insured", "未参加城乡居民医疗保险,请先参保", "not enrolled in resident medical insurance; enrol first");
            let e = ev.entitlement(ctx, Some(&m.id), EntStatus::NotEligible, None, Period::Year, vec![reason.clone()], vec![text!(ctx, reason.zh, reason.en)]);
            ctx.entitlements.push(e);
            continue;
        }
        let mut steps = vec![
            covered_step(prog, ctx),
            text!(ctx, format!("{}年度城乡居民医保个人缴费{}元/人。", year, yuan(p)), format!("The {year} individual premium of resident medical insurance is {} yuan per person.", yuan(p))),
        ];
        let amount = match part {
            None => {
                steps.push(text!(ctx, format!("{}的个人缴费全额资助:{}元。", who(m), yuan(p)), format!("{}'s premium is paid in full: {} yuan.", who(m), yuan(p))));
                p
            }
            Some((true, share)) => {
                let Some(v) = mul(p, share).map(round_fen) else { continue };
                steps.push(text!(ctx, format!("资助{}:{} × {} = {}元。", pct(share), yuan(p), pct(share), yuan(v)), format!("{} is paid: {} × {} = {} yuan.", pct(share), yuan(p), pct(share), yuan(v))));
                v
            }
            Some((false, fixed)) => {
                let v = fixed.min(p);
                steps.push(text!(ctx, 
                    format!("定额资助{}元(不超过个人缴费{}元):{}元。", yuan(fixed), yuan(p), yuan(v)),
                    format!("A fixed {} yuan (at most the premium of {} yuan): {} yuan.", yuan(fixed), yuan(p), yuan(v)),
                ));
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
    let (Some(a), Some(lo), Some(hi)) = (a, lo, hi) else {
        let e = ev.needs_info(ctx, None, Period::Year);
        ctx.entitlements.push(e);
        return;
    };
    if c.is_some_and(|c| c.is_none()) {
        let e = ev.needs_info(ctx, None, Period::Year);
        ctx.entitlements.push(e);
        return;
    }
    let c = c.flatten();
    let mut any = false;
    for m in &ctx.hh.members {
        let age = Decimal::from(m.age);
        if age < lo || age > hi {
            continue;
        }
        any = true;
        let age_step = text!(ctx, 
            format!("{}{}周岁,在缴费年龄{}至{}周岁之内。", who(m), m.age, fmt_plain(lo), fmt_plain(hi)),
            format!("{} is {}, within the contributing ages {} to {}.", who(m), m.age, fmt_plain(lo), fmt_plain(hi)),
        );
        if m.school.is_some() {
            let reason = note!(ctx, "pension.student", "在校学生不参加城乡居民养老保险", "students at school are not in resident pension insurance");
            let e = ev.entitlement(ctx, Some(&m.id), EntStatus::NotEligible, None, Period::Year, vec![reason.clone()], vec![age_step, text!(ctx, reason.zh, reason.en)]);
            ctx.entitlements.push(e);
            continue;
        }
        if !m.insured_pension {
            let reason = note!(ctx, "pension.not_insured", "未参加城乡居民养老保险,请先参保", "not enrolled in resident pension insurance; enrol first");
            let e = ev.entitlement(ctx, Some(&m.id), EntStatus::NotEligible, None, Period::Year, vec![reason.clone()], vec![age_step, text!(ctx, reason.zh, reason.en)]);
            ctx.entitlements.push(e);
            continue;
        }
        let v = match c {
            Some(c) => a.min(c),
            None => a,
        };
        let mut steps = vec![covered_step(prog, ctx), age_step];
        steps.push(match c {
            Some(c) => text!(ctx, 
                format!("政府代缴{}元(不超过最低缴费档次{}元):{}元/年。", yuan(a), yuan(c), yuan(v)),
                format!("Government pays {} yuan (at most the lowest tier, {} yuan): {} yuan a year.", yuan(a), yuan(c), yuan(v)),
            ),
            None => text!(ctx, format!("政府代缴{}元/年。", yuan(v)), format!("Government pays {} yuan a year.", yuan(v))),
        });
        let e = ev.entitlement(ctx, Some(&m.id), EntStatus::Entitled, Some(v), Period::Year, Vec::new(), steps);
        ctx.entitlements.push(e);
    }
    if !any {
        let reason = note!(ctx, 
            "pension.no_member_of_age",
            format!("家中没有{}至{}周岁的成员", fmt_plain(lo), fmt_plain(hi)),
            format!("no member is aged {} to {}", fmt_plain(lo), fmt_plain(hi)),
        );
        let e = ev.not_eligible(ctx, None, Period::Year, reason);
        ctx.entitlements.push(e);
    }
}
