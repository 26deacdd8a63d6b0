//! The two-assurances-three-guarantees (liang buchou san baozhang) checklist: no worry about food or clothing; compulsory education, basic
//! medical care and safe housing assured. A check, not money: each item that the household's
//! facts can show is shown; the rest is left to ask about on the visit.

use super::{Ctx, Eval};
use crate::household::HouseGrade;
use crate::message::{members, number, vocab};
use crate::msg;
use crate::policy::{Programme, Rule};
use crate::report::CheckResult;
use rust_decimal::Decimal;

pub fn guarantees(ctx: &mut Ctx, prog: &Programme) {
    let Rule::GuaranteeChecklist { compulsory_min_age, compulsory_max_age } = &prog.rule else { return };
    let mut ev = Eval::new(prog);
    let mut steps = vec![msg!("guarantee.food_clothing")];
    let mut fail = false;

    // Compulsory education: members of compulsory-school age who are not at school.
    let ages = match (compulsory_min_age, compulsory_max_age) {
        (Some(lo), Some(hi)) => {
            let (lo, hi) = (ev.param(ctx, lo), ev.param(ctx, hi));
            lo.zip(hi)
        }
        _ => None,
    };
    match ages {
        Some((lo, hi)) => {
            let out: Vec<_> = ctx.hh.members.iter().filter(|m| Decimal::from(m.age) >= lo && Decimal::from(m.age) <= hi && m.school.is_none()).collect();
            if out.is_empty() {
                steps.push(msg!("guarantee.education_ok", min_age = number(lo), max_age = number(hi)));
            } else {
                fail = true;
                steps.push(msg!("guarantee.education_check", members = members(out.iter().copied())));
                ctx.alert(msg!("guarantee.education", members = members(out)), &prog.id);
            }
        }
        None => steps.push(msg!("guarantee.education_no_ages")),
    }

    // Basic medical care: every member insured.
    let uninsured: Vec<_> = ctx.hh.members.iter().filter(|m| !m.insured_medical).collect();
    if uninsured.is_empty() {
        steps.push(msg!("guarantee.medical_ok"));
    } else {
        fail = true;
        steps.push(msg!("guarantee.medical_check", members = members(uninsured.iter().copied())));
        ctx.alert(msg!("guarantee.medical", members = members(uninsured)), &prog.id);
    }

    // Safe housing: no C or D dangerous house.
    match ctx.hh.housing_grade {
        Some(g @ (HouseGrade::C | HouseGrade::D)) => {
            fail = true;
            steps.push(msg!("guarantee.housing_check", grade = vocab("grade", g.json())));
            ctx.alert(msg!("guarantee.housing", grade = vocab("grade", g.json())), &prog.id);
        }
        Some(g) => steps.push(msg!("guarantee.housing_ok", grade = vocab("grade", g.json()))),
        None => steps.push(msg!("guarantee.housing_no_grade")),
    }

    let c = ev.check(ctx, if fail { CheckResult::Fail } else { CheckResult::Pass }, steps);
    ctx.checks.push(c);
}
