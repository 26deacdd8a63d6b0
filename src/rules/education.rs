//! Education grants: per student at the stages a programme covers, yearly or once (freshmen),
//! boarding allowances, and quota grants one applies for.

use super::{covered_step, Ctx, Eval};
use crate::message::{member, money, number, period, rate, stage, stages, yes_no};
use crate::money::{mul, round_fen};
use crate::msg;
use crate::policy::{Boarding, Programme, Rule};
use crate::report::EntStatus;

pub fn student_grant(ctx: &mut Ctx, prog: &Programme) {
    let Rule::StudentGrant { stages: covered, amount, period: per, freshman_only, boarding, share, apply, quota } = &prog.rule else { return };
    let mut ev = Eval::new(prog);
    let students: Vec<_> = ctx.hh.members.iter().filter(|m| m.school.is_some_and(|s| covered.contains(&s.stage))).collect();
    if students.is_empty() {
        let e = ev.not_eligible(ctx, None, *per, msg!("education.no_student", stages = stages(covered)));
        ctx.entitlements.push(e);
        return;
    }
    let base = ev.param(ctx, amount);
    let share = share.as_ref().map(|s| ev.param(ctx, s));
    let places = quota.as_ref().and_then(|q| ev.param(ctx, q));
    let (Some(base), false) = (base, share.is_some_and(|r| r.is_none())) else {
        let e = ev.needs_info(ctx, None, *per);
        ctx.entitlements.push(e);
        return;
    };
    let share = share.flatten();
    for m in students {
        let Some(school) = m.school else { continue };
        let studies =
            msg!("education.studies", member = member(m), stage = stage(school.stage), freshman = yes_no(school.freshman), boarding = yes_no(school.boarding));
        let fails = if *freshman_only && !school.freshman {
            Some(msg!("education.not_freshman"))
        } else {
            match boarding {
                Boarding::Required if !school.boarding => Some(msg!("education.not_boarding")),
                Boarding::Excluded if school.boarding => Some(msg!("education.boarding")),
                _ => None,
            }
        };
        if let Some(reason) = fails {
            let e = ev.not_eligible_after(ctx, Some(&m.id), *per, vec![studies], reason);
            ctx.entitlements.push(e);
            continue;
        }
        let mut steps = vec![covered_step(prog, ctx), studies];
        // A fixed amount per student, or a share of a rate.
        let value = match share {
            Some(r) => {
                let Some(v) = mul(base, r).map(round_fen) else { continue };
                steps.push(msg!("education.share_of_rate", rate = money(base), share = rate(r), amount = money(v)));
                v
            }
            None => {
                steps.push(msg!("education.per_student", amount = money(base), period = period(*per)));
                base
            }
        };
        let status = if *apply {
            steps.push(match places {
                Some(q) => msg!("education.apply_quota", places = number(q)),
                None => msg!("education.apply"),
            });
            EntStatus::Apply
        } else {
            EntStatus::Entitled
        };
        let e = ev.entitlement(ctx, Some(&m.id), status, Some(value), *per, Vec::new(), steps);
        ctx.entitlements.push(e);
    }
}
