//! Low-income guarantee (低保) alignment: the gap benefit, the two-line check against the
//! poverty line, and status alignment alerts (should apply, review, monitoring, margin).

use super::{yuan, Ctx, Eval};
use crate::household::Status;
use crate::money::{div, fmt_plain, mul, round_fen, sub};
use crate::policy::registry::Lookup;
use crate::policy::{Period, Programme, Rule, StandardRef};
use crate::report::{CheckResult, EntStatus};
use crate::text::Text;
use rust_decimal::Decimal;

/// The local 低保 standard per person: (monthly, yearly). Either figure may be given; the
/// other follows (× or ÷ 12).
/// A step's text, or nothing in a lean evaluation (which shows no text).
fn lean_or(ctx: &Ctx, text: impl FnOnce() -> Text) -> Text {
    if ctx.lean {
        Text::default()
    } else {
        text()
    }
}

fn standard(ctx: &mut Ctx, ev: &mut Eval, s: &StandardRef) -> Option<(Decimal, Decimal, Text)> {
    let twelve = Decimal::from(12);
    let found = |ctx: &Ctx, n: &Option<String>| n.as_ref().is_some_and(|n| matches!(ctx.policy.lookup(n, ctx.as_of(), &ctx.hh.overrides), Lookup::Found { .. }));
    if found(ctx, &s.monthly) {
        let m = ev.param(ctx, s.monthly.as_deref()?)?;
        let y = mul(m, twelve)?;
        return Some((m, y, lean_or(ctx, || text!(ctx, format!("当地低保标准每人每月{}元(每年{}元)。", yuan(m), yuan(y)), format!("The local dibao standard is {} yuan per person per month ({} a year).", yuan(m), yuan(y))))));
    }
    if found(ctx, &s.yearly) {
        let y = ev.param(ctx, s.yearly.as_deref()?)?;
        let m = div(y, twelve)?;
        return Some((m, y, lean_or(ctx, || text!(ctx, format!("当地低保标准每人每年{}元(每月{}元)。", yuan(y), yuan(m)), format!("The local dibao standard is {} yuan per person per year ({} a month).", yuan(y), yuan(m))))));
    }
    for n in [&s.monthly, &s.yearly].into_iter().flatten() {
        ev.need(ctx, n);
    }
    None
}

/// Household income per person per year and per month, with the step that shows it.
fn income(ctx: &mut Ctx, ev: &mut Eval) -> Option<(Decimal, Decimal, Text)> {
    let Some(total) = ctx.hh.annual_net_income else {
        ev.need(ctx, "annualNetIncome");
        return None;
    };
    let n = Decimal::from(ctx.hh.members.len());
    let per_year = div(total, n)?;
    let per_month = div(per_year, Decimal::from(12))?;
    let step = lean_or(ctx, || {
        text!(ctx, 
            format!("家庭年纯收入{}元 ÷ {}人 = 每人每年{}元,每月{}元。", yuan(total), ctx.hh.members.len(), yuan(per_year), yuan(per_month)),
            format!("Household net income {} yuan ÷ {} people = {} yuan per person a year, {} a month.", yuan(total), ctx.hh.members.len(), yuan(per_year), yuan(per_month)),
        )
    });
    Some((per_year, per_month, step))
}

pub fn gap(ctx: &mut Ctx, prog: &Programme) {
    let Rule::DibaoGap { standard: s } = &prog.rule else { return };
    let mut ev = Eval::new(prog);
    let std = standard(ctx, &mut ev, s);
    let inc = income(ctx, &mut ev);
    let (Some((sm, _, std_step)), Some((_, im, inc_step))) = (std, inc) else {
        let e = ev.needs_info(ctx, None, Period::Month);
        ctx.entitlements.push(e);
        return;
    };
    let n = ctx.hh.members.len();
    let steps = vec![std_step, inc_step];
    let Some(gap_pp) = sub(sm, im) else { return };
    if gap_pp <= Decimal::ZERO {
        let reason = note!(ctx, 
            "dibao.income_above_standard",
            format!("人均月收入{}元不低于低保标准{}元", yuan(im), yuan(sm)),
            format!("income of {} yuan per person a month is not below the standard of {} yuan", yuan(im), yuan(sm)),
        );
        let mut all = steps;
        all.push(text!(ctx, reason.zh.clone(), reason.en.clone()));
        let e = ev.entitlement(ctx, None, EntStatus::NotEligible, None, Period::Month, vec![reason], all);
        ctx.entitlements.push(e);
        return;
    }
    let Some(amount) = mul(gap_pp, Decimal::from(n)).map(round_fen) else { return };
    let Some(yearly) = mul(amount, Decimal::from(12)) else { return };
    let mut all = steps;
    all.push(text!(ctx, 
        format!("补差:({} − {}) × {}人 = 每月{}元,每年{}元。", yuan(sm), yuan(im), n, yuan(amount), yuan(yearly)),
        format!("Gap: ({} − {}) × {} people = {} yuan a month, {} a year.", yuan(sm), yuan(im), n, yuan(amount), yuan(yearly)),
    ));
    let status = if ctx.hh.status.contains(&Status::Dibao) {
        EntStatus::Entitled
    } else {
        all.push(text!(ctx, "本户尚未纳入低保,收入低于标准,可申请低保。", "The household is not yet in dibao and its income is below the standard: it may apply."));
        EntStatus::Apply
    };
    let e = ev.entitlement(ctx, None, status, Some(amount), Period::Month, Vec::new(), all);
    ctx.entitlements.push(e);
}

pub fn two_line_check(ctx: &mut Ctx, prog: &Programme) {
    let Rule::TwoLineCheck { standard: s, poverty_line } = &prog.rule else { return };
    let mut ev = Eval::new(prog);
    let std = standard(ctx, &mut ev, s);
    let line = ev.param(ctx, poverty_line);
    let (Some((_, sy, std_step)), Some(line)) = (std, line) else {
        let c = ev.check(ctx, CheckResult::NeedsInfo, Vec::new());
        ctx.checks.push(c);
        return;
    };
    let year = ctx.as_of().year;
    let mut steps = vec![std_step, text!(ctx, format!("{year}年扶贫标准(贫困线)每人每年{}元。", yuan(line)), format!("The {year} poverty line is {} yuan per person a year.", yuan(line)))];
    let result = if sy < line {
        let monthly = div(line, Decimal::from(12)).map(round_fen).unwrap_or_default();
        steps.push(text!(ctx, 
            format!("低保标准低于扶贫标准,应提高到每人每年至少{}元(约每月{}元),实现两线合一。", yuan(line), yuan(monthly)),
            format!("The standard is below the poverty line: raise it to at least {} yuan a year (about {} a month).", yuan(line), yuan(monthly)),
        ));
        ctx.alert(
            "dibao.standard_below_poverty_line",
            format!("当地低保标准(每年{}元)低于扶贫标准({}元),应提高到{}元", yuan(sy), yuan(line), yuan(line)),
            format!("the local dibao standard ({} a year) is below the poverty line ({}); it should be raised to {}", yuan(sy), yuan(line), yuan(line)),
            &prog.id,
        );
        CheckResult::Fail
    } else {
        steps.push(text!(ctx, "低保标准不低于扶贫标准,两线合一。", "The standard is not below the poverty line: the two lines are one."));
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
    let (Some((_, sy, std_step)), Some((iy, _, inc_step))) = (std, inc) else {
        let c = ev.check(ctx, CheckResult::NeedsInfo, Vec::new());
        ctx.checks.push(c);
        return;
    };
    let st = &ctx.hh.status;
    let (poor, dibao, monitored, margin) = (st.contains(&Status::RegisteredPoor), st.contains(&Status::Dibao), st.contains(&Status::Monitored), st.contains(&Status::LowIncomeMargin));
    let mut steps = vec![std_step, inc_step];
    let mut fail = false;
    if poor && !dibao && iy < sy {
        fail = true;
        steps.push(text!(ctx, "建档立卡户人均收入低于低保标准而未纳入低保:应保尽保,应申请低保。", "A registered-poor household under the dibao line but not in dibao: it should apply."));
        ctx.alert(
            "dibao.should_apply",
            format!("人均年收入{}元低于低保标准{}元,应申请低保(应保尽保)。请到乡镇(街道)提出申请,携带户口簿、身份证和收入证明。", yuan(iy), yuan(sy)),
            format!("income of {} yuan per person a year is below the dibao standard of {}; apply for dibao at the township office with the household register, ID cards and proof of income.", yuan(iy), yuan(sy)),
            &prog.id,
        );
    }
    if dibao && iy >= sy {
        fail = true;
        steps.push(text!(ctx, "低保户人均收入已不低于低保标准,应复核。", "A dibao household at or above the line: its dibao should be reviewed."));
        ctx.alert(
            "dibao.review",
            format!("人均年收入{}元已不低于低保标准{}元,低保待遇应复核", yuan(iy), yuan(sy)),
            format!("income of {} yuan per person a year is at or above the dibao standard of {}; the dibao should be reviewed", yuan(iy), yuan(sy)),
            &prog.id,
        );
    }
    if let (Some(pl), Some(mm)) = (poverty_line, monitoring_multiplier) {
        let line = ev.param(ctx, pl);
        let mult = ev.param(ctx, mm);
        if let (Some(line), Some(mult)) = (line, mult) {
            if let Some(mline) = mul(line, mult).map(round_fen) {
                steps.push(text!(ctx, 
                    format!("防返贫监测线:扶贫标准{} × {} = {}元。", yuan(line), fmt_plain(mult), yuan(mline)),
                    format!("Monitoring line: poverty line {} × {} = {} yuan.", yuan(line), fmt_plain(mult), yuan(mline)),
                ));
                if iy < mline && !monitored && !poor {
                    fail = true;
                    ctx.alert(
                        "monitoring.below_line",
                        format!("人均年收入{}元低于防返贫监测线{}元,应纳入监测", yuan(iy), yuan(mline)),
                        format!("income of {} yuan per person a year is under the monitoring line of {}; the household should be monitored", yuan(iy), yuan(mline)),
                        &prog.id,
                    );
                }
            }
        }
    }
    if let Some(mm) = margin_multiplier {
        if let Some(mult) = ev.param(ctx, mm) {
            if let Some(mline) = mul(sy, mult).map(round_fen) {
                steps.push(text!(ctx, 
                    format!("低保边缘线:低保标准{} × {} = {}元。", yuan(sy), fmt_plain(mult), yuan(mline)),
                    format!("Low-income margin line: {} × {} = {} yuan.", yuan(sy), fmt_plain(mult), yuan(mline)),
                ));
                if !dibao && !margin && iy >= sy && iy < mline {
                    fail = true;
                    ctx.alert(
                        "dibao.low_income_margin",
                        format!("人均年收入{}元在低保边缘线{}元以下,可申请认定为低保边缘家庭", yuan(iy), yuan(mline)),
                        format!("income of {} yuan per person a year is under the margin line of {}; the household may apply as a low-income margin household", yuan(iy), yuan(mline)),
                        &prog.id,
                    );
                }
            }
        }
    }
    if !fail {
        steps.push(text!(ctx, "身份与收入相符,无需调整。", "Statuses match the income; nothing to change."));
    }
    let c = ev.check(ctx, if fail { CheckResult::Fail } else { CheckResult::Pass }, steps);
    ctx.checks.push(c);
}
