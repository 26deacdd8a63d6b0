//! Housing renovation by dangerous-house grade, and notices of what a household may apply for
//! where a policy names no amount.

use super::{covered_step, yuan, Ctx, Eval};
use crate::household::HouseGrade;
use crate::policy::{Period, Programme, Rule, When};
use crate::report::EntStatus;

pub fn renovation(ctx: &mut Ctx, prog: &Programme) {
    let Rule::HousingRenovation { grades } = &prog.rule else { return };
    let mut ev = Eval::new(prog);
    let grade = match ctx.hh.housing_grade {
        Some(g @ (HouseGrade::C | HouseGrade::D)) => g,
        Some(g) => {
            let reason = note!(ctx, "housing.not_dangerous", format!("住房为{},不是C、D级危房", g.zh()), format!("the house is {}, not a C or D dangerous house", g.en()));
            let e = ev.not_eligible(ctx, None, Period::Once, reason);
            ctx.entitlements.push(e);
            return;
        }
        None => {
            let reason = note!(ctx, "housing.no_grade", "未填写住房鉴定等级", "no house grade entered");
            let e = ev.not_eligible(ctx, None, Period::Once, reason);
            ctx.entitlements.push(e);
            return;
        }
    };
    let Some((_, param)) = grades.iter().find(|(g, _)| *g == grade) else {
        let reason = note!(ctx, "housing.grade_not_covered", format!("本项目不含{}", grade.zh()), format!("this programme does not cover {}", grade.en()));
        let e = ev.not_eligible(ctx, None, Period::Once, reason);
        ctx.entitlements.push(e);
        return;
    };
    let Some(amount) = ev.param(ctx, param) else {
        let e = ev.needs_info(ctx, None, Period::Once);
        ctx.entitlements.push(e);
        return;
    };
    let steps = vec![
        covered_step(prog, ctx),
        text!(ctx, format!("住房经鉴定为{}。", grade.zh()), format!("The house is graded {}.", grade.en())),
        text!(ctx, format!("补助{}元,须申请并经核验。", yuan(amount)), format!("A grant of {} yuan, on application and inspection.", yuan(amount))),
    ];
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
        let reason = note!(ctx, "notice.condition", format!("不适用:须{}", when.zh()), format!("does not apply: only when {}", when.en()));
        let e = ev.not_eligible(ctx, None, Period::Once, reason);
        ctx.entitlements.push(e);
        return;
    }
    let steps = vec![
        covered_step(prog, ctx),
        text!(ctx, "政策未规定统一金额,可向有关部门申请,按实际情况核定。", "The policy sets no fixed amount: apply, and the amount is decided case by case."),
    ];
    let e = ev.entitlement(ctx, None, EntStatus::Apply, None, Period::Once, Vec::new(), steps);
    ctx.entitlements.push(e);
}
