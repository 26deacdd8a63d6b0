//! Housing renovation by dangerous-house grade, and notices of what a household may apply for
//! where a policy names no amount.

use super::{covered_step, Ctx, Eval};
use crate::household::HouseGrade;
use crate::message::{money, vocab};
use crate::msg;
use crate::policy::{Period, Programme, Rule, When};
use crate::report::EntStatus;

pub fn renovation(ctx: &mut Ctx, prog: &Programme) {
    let Rule::HousingRenovation { grades } = &prog.rule else { return };
    let mut ev = Eval::new(prog);
    let grade = match ctx.hh.housing_grade {
        Some(g @ (HouseGrade::C | HouseGrade::D)) => g,
        other => {
            let reason = match other {
                Some(g) => msg!("housing.not_dangerous", grade = vocab("grade", g.json())),
                None => msg!("housing.no_grade"),
            };
            let e = ev.not_eligible(ctx, None, Period::Once, reason);
            ctx.entitlements.push(e);
            return;
        }
    };
    let Some((_, param)) = grades.iter().find(|(g, _)| *g == grade) else {
        let e = ev.not_eligible(ctx, None, Period::Once, msg!("housing.grade_not_covered", grade = vocab("grade", grade.json())));
        ctx.entitlements.push(e);
        return;
    };
    let Some(amount) = ev.param(ctx, param) else {
        let e = ev.needs_info(ctx, None, Period::Once);
        ctx.entitlements.push(e);
        return;
    };
    let steps = vec![covered_step(prog, ctx), msg!("housing.graded", grade = vocab("grade", grade.json())), msg!("housing.grant", amount = money(amount))];
    let e = ev.entitlement(ctx, None, EntStatus::Apply, Some(amount), Period::Once, Vec::new(), steps);
    ctx.entitlements.push(e);
}

pub fn apply_notice(ctx: &mut Ctx, prog: &Programme) {
    let Rule::ApplyNotice { when } = &prog.rule else { return };
    let ev = Eval::new(prog);
    let hh = ctx.hh;
    let met = match when {
        When::Always => true,
        When::HasStay => hh.members.iter().any(|m| !m.stays.is_empty()),
        When::HasChronic => hh.members.iter().any(|m| m.chronic.is_some()),
        When::HasStudent => hh.members.iter().any(|m| m.school.is_some()),
        When::HousingCOrD => matches!(hh.housing_grade, Some(HouseGrade::C | HouseGrade::D)),
        When::HasDisability => hh.members.iter().any(|m| m.disability.is_some()),
    };
    if !met {
        let e = ev.not_eligible(ctx, None, Period::Once, msg!("notice.condition", condition = vocab("when", when.json())));
        ctx.entitlements.push(e);
        return;
    }
    let steps = vec![covered_step(prog, ctx), msg!("notice.no_fixed_amount")];
    let e = ev.entitlement(ctx, None, EntStatus::Apply, None, Period::Once, Vec::new(), steps);
    ctx.entitlements.push(e);
}
