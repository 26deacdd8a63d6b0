//! Education grants: per student at the stages a programme covers, yearly or once (freshmen),
//! boarding allowances, and quota grants one applies for.

use super::{covered_step, yuan, Ctx, Eval};
use crate::money::{mul, round_fen};
use crate::policy::{Boarding, Programme, Rule};
use crate::report::EntStatus;

pub fn student_grant(ctx: &mut Ctx, prog: &Programme) {
    let Rule::StudentGrant { stages, amount, period, freshman_only, boarding, share, apply, quota } = &prog.rule else { return };
    let mut ev = Eval::new(prog);
    let students: Vec<_> = ctx.hh.members.iter().filter(|m| m.school.is_some_and(|s| stages.contains(&s.stage))).collect();
    if students.is_empty() {
        let reason = note!(ctx, "education.no_student", format!("家中没有就读于{}的学生", stages.iter().map(|s| s.zh()).collect::<Vec<_>>().join("、")), format!("no member studies at: {}", stages.iter().map(|s| s.en()).collect::<Vec<_>>().join(", ")));
        let e = ev.not_eligible(ctx, None, *period, reason);
        ctx.entitlements.push(e);
        return;
    }
    let base = ev.param(ctx, amount);
    let rate = share.as_ref().map(|s| ev.param(ctx, s));
    let quota_count = quota.as_ref().and_then(|q| ev.param(ctx, q));
    if base.is_none() || rate.is_some_and(|r| r.is_none()) {
        let e = ev.needs_info(ctx, None, *period);
        ctx.entitlements.push(e);
        return;
    }
    let base = base.unwrap_or_default();
    let rate = rate.flatten();
    for m in students {
        let Some(school) = m.school else { continue };
        let stage_step = text!(ctx, 
            format!("{}就读于{}{}{}。", super::who(m), school.stage.zh(), if school.freshman { "(新生)" } else { "" }, if school.boarding { "(寄宿)" } else { "" }),
            format!("{} studies at {}{}{}.", super::who(m), school.stage.en(), if school.freshman { " (freshman)" } else { "" }, if school.boarding { " (boarding)" } else { "" }),
        );
        if *freshman_only && !school.freshman {
            let reason = note!(ctx, "education.not_freshman", "本项目只资助新生(入学当年一次性)", "this grant is for freshmen only (once, in the first year)");
            let e = ev.entitlement(ctx, Some(&m.id), EntStatus::NotEligible, None, *period, vec![reason.clone()], vec![stage_step, text!(ctx, reason.zh, reason.en)]);
            ctx.entitlements.push(e);
            continue;
        }
        let boarding_fails = match boarding {
            Boarding::Any => None,
            Boarding::Required if !school.boarding => Some(note!(ctx, "education.not_boarding", "本项目只补助寄宿生", "this allowance is for boarders only")),
            Boarding::Excluded if school.boarding => Some(note!(ctx, "education.boarding", "本项目补助非寄宿生(寄宿生另有寄宿生活补助)", "this allowance is for non-boarders (boarders have their own)")),
            _ => None,
        };
        if let Some(reason) = boarding_fails {
            let e = ev.entitlement(ctx, Some(&m.id), EntStatus::NotEligible, None, *period, vec![reason.clone()], vec![stage_step, text!(ctx, reason.zh, reason.en)]);
            ctx.entitlements.push(e);
            continue;
        }
        let mut steps = vec![covered_step(prog, ctx), stage_step];
        let value = match rate {
            Some(r) => {
                let Some(v) = mul(base, r).map(round_fen) else { continue };
                steps.push(text!(ctx, 
                    format!("标准{}元 × {} = {}元(四舍五入到分)。", yuan(base), super::pct(r), yuan(v)),
                    format!("Rate {} yuan × {} = {} yuan (rounded half-up to the fen).", yuan(base), super::pct(r), yuan(v)),
                ));
                v
            }
            None => {
                steps.push(text!(ctx, format!("每生{}{}元。", period_zh(*period), yuan(base)), format!("{} yuan per student {}.", yuan(base), period_en(*period))));
                base
            }
        };
        let status = if *apply {
            let q = quota_count.map(|q| (format!("每年名额{}名,", crate::money::fmt_plain(q)), format!("{} places a year; ", crate::money::fmt_plain(q)))).unwrap_or_default();
            steps.push(text!(ctx, format!("{}须本人申请,经审核后发放。", q.0), format!("{}the student must apply; paid once approved.", q.1)));
            EntStatus::Apply
        } else {
            EntStatus::Entitled
        };
        let e = ev.entitlement(ctx, Some(&m.id), status, Some(value), *period, Vec::new(), steps);
        ctx.entitlements.push(e);
    }
}

pub fn period_zh(p: crate::policy::Period) -> &'static str {
    match p {
        crate::policy::Period::Year => "每年",
        crate::policy::Period::Month => "每月",
        crate::policy::Period::Once => "一次性",
    }
}

pub fn period_en(p: crate::policy::Period) -> &'static str {
    match p {
        crate::policy::Period::Year => "a year",
        crate::policy::Period::Month => "a month",
        crate::policy::Period::Once => "once",
    }
}
