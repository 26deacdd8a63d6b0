//! The 两不愁三保障 checklist: no worry about food or clothing; compulsory education, basic
//! medical care and safe housing assured. A check, not money: each item that the household's
//! facts can show is shown; the rest is left to ask about on the visit.

use super::{who, Ctx, Eval};
use crate::household::HouseGrade;
use crate::money::fmt_plain;
use crate::policy::{Programme, Rule};
use crate::report::CheckResult;
use rust_decimal::Decimal;

pub fn guarantees(ctx: &mut Ctx, prog: &Programme) {
    let Rule::GuaranteeChecklist { compulsory_min_age, compulsory_max_age } = &prog.rule else { return };
    let mut ev = Eval::new(prog);
    let mut steps = vec![text!(ctx, "两不愁(吃、穿):请入户询问核实。", "Food and clothing: ask the household on the visit.")];
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
            let out: Vec<&str> = ctx.hh.members.iter().filter(|m| Decimal::from(m.age) >= lo && Decimal::from(m.age) <= hi && m.school.is_none()).map(who).collect();
            if out.is_empty() {
                steps.push(text!(ctx, 
                    format!("义务教育有保障:{}至{}周岁的成员均在校。", fmt_plain(lo), fmt_plain(hi)),
                    format!("Compulsory education: every member aged {} to {} is at school.", fmt_plain(lo), fmt_plain(hi)),
                ));
            } else {
                fail = true;
                let names = out.join("、");
                steps.push(text!(ctx, format!("义务教育:{names}处于义务教育年龄但未填写在校,请核实(控辍保学)。"), format!("Compulsory education: {} of compulsory-school age but not at school; check (no drop-outs).", out.join(", "))));
                ctx.alert("guarantee.education", format!("{names}处于义务教育年龄但未在校"), format!("{} of compulsory-school age but not at school", out.join(", ")), &prog.id);
            }
        }
        None => steps.push(text!(ctx, "义务教育:未给出义务教育年龄段,请入户核实适龄子女是否在校。", "Compulsory education: no compulsory-school ages given; check on the visit that children of that age are at school.")),
    }

    // Basic medical care: every member insured.
    let uninsured: Vec<&str> = ctx.hh.members.iter().filter(|m| !m.insured_medical).map(who).collect();
    if uninsured.is_empty() {
        steps.push(text!(ctx, "基本医疗有保障:全部成员已参加城乡居民医保。", "Basic medical care: every member has resident medical insurance."));
    } else {
        fail = true;
        steps.push(text!(ctx, format!("基本医疗:{}未参保,应帮助参保。", uninsured.join("、")), format!("Basic medical care: {} not insured; help them enrol.", uninsured.join(", "))));
        ctx.alert("guarantee.medical", format!("{}未参加城乡居民医保", uninsured.join("、")), format!("{} without resident medical insurance", uninsured.join(", ")), &prog.id);
    }

    // Safe housing: no C or D dangerous house.
    match ctx.hh.housing_grade {
        Some(g @ (HouseGrade::C | HouseGrade::D)) => {
            fail = true;
            steps.push(text!(ctx, format!("住房安全:住房为{},应纳入危房改造。", g.zh()), format!("Safe housing: the house is {}; it should be renovated.", g.en())));
            ctx.alert("guarantee.housing", format!("住房为{},住房安全未保障", g.zh()), format!("the house is {}: housing is not safe", g.en()), &prog.id);
        }
        Some(g) => steps.push(text!(ctx, format!("住房安全有保障:住房为{}。", g.zh()), format!("Safe housing: the house is {}.", g.en()))),
        None => steps.push(text!(ctx, "住房安全:未填写鉴定等级,请入户查看或申请鉴定。", "Safe housing: no grade entered; look on the visit or ask for an assessment.")),
    }

    let c = ev.check(ctx, if fail { CheckResult::Fail } else { CheckResult::Pass }, steps);
    ctx.checks.push(c);
}
