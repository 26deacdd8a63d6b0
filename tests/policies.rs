//! Tests that read like the policy: for each quoted household rule, a household and the amount
//! worked out by hand from the quoted sentence, with its edges.

mod common;
use common::*;
use serde_json::json;

fn kundulun(members: serde_json::Value) -> serde_json::Value {
    json!({ "region": "150203", "asOf": "2017-09-01", "status": ["registered_poor"], "members": members })
}

// 004 昆都仑区: "在园幼儿和在校学生可享受数额不等的资费补助每生每年1500元、义务教育阶段学生每生每年补助2000元、
// 高中阶段学生每生每年补助2400元、高等教育阶段本科新生每生一次性资助10000元、专科新生每生一次性补助5000元"
#[test]
fn kundulun_education_by_stage() {
    let r = report(kundulun(json!([
        { "id": "p", "age": 5, "school": { "stage": "preschool" } },
        { "id": "c1", "age": 9, "school": { "stage": "primary" } },
        { "id": "c2", "age": 14, "school": { "stage": "junior_secondary" } },
        { "id": "s", "age": 17, "school": { "stage": "senior_secondary" } },
        { "id": "u", "age": 18, "school": { "stage": "undergraduate", "freshman": true } },
        { "id": "u2", "age": 20, "school": { "stage": "undergraduate" } },
        { "id": "j", "age": 19, "school": { "stage": "junior_college", "freshman": true } }
    ])));
    assert_entry(one(&r, "kundulun.education.preschool", Some("p")), "entitled", Some("1500.00"));
    assert_entry(one(&r, "kundulun.education.compulsory", Some("c1")), "entitled", Some("2000.00"));
    assert_entry(one(&r, "kundulun.education.compulsory", Some("c2")), "entitled", Some("2000.00"));
    assert_entry(one(&r, "kundulun.education.senior_secondary", Some("s")), "entitled", Some("2400.00"));
    let u = one(&r, "kundulun.education.undergraduate_freshman", Some("u"));
    assert_entry(u, "entitled", Some("10000.00"));
    assert_eq!(u["period"], "once");
    assert_eq!(u["citation"]["quote"], "高等教育阶段本科新生每生一次性资助10000元");
    assert_eq!(u["citation"]["source"], "004_33b9fa698911b5ee.txt");
    assert_eq!(u["citation"]["confidence"], "V");
    // Only freshmen: a second-year undergraduate gets nothing from the freshman grant, and is told why.
    let u2 = one(&r, "kundulun.education.undergraduate_freshman", Some("u2"));
    assert_entry(u2, "not_eligible", None);
    assert_eq!(reason_codes(u2), ["education.not_freshman"]);
    assert_entry(one(&r, "kundulun.education.junior_college_freshman", Some("j")), "entitled", Some("5000.00"));
    // Totals: yearly 1500 + 2000 + 2000 + 2400 = 7900 (+ premiums 7 × 130 = 910) ; once 10000 + 5000.
    assert_eq!(r["totals"]["byArea"]["education"]["perYear"], "7900.00");
    assert_eq!(r["totals"]["byArea"]["education"]["once"], "15000.00");
    assert_eq!(r["totals"]["byArea"]["insurance"]["perYear"], "910.00");
}

// "实行对贫困家庭城乡居民医疗保险个人缴费部分全额补贴(每人每年130元)"
#[test]
fn kundulun_premium_paid_in_full_per_insured_member() {
    let r = report(kundulun(json!([
        { "id": "a", "age": 45 },
        { "id": "b", "age": 43, "insured": { "medical": false } }
    ])));
    let a = one(&r, "kundulun.insurance.medical_premium", Some("a"));
    assert_entry(a, "entitled", Some("130.00"));
    assert_eq!(a["period"], "year");
    let b = one(&r, "kundulun.insurance.medical_premium", Some("b"));
    assert_entry(b, "not_eligible", None);
    assert_eq!(reason_codes(b), ["insurance.not_insured"]);
    // The article's 130 is for its own year; in 2018 the national premium stands: 220, "2018年个人
    // 缴费标准同步提升40元,达到每人每年220元。" (a secondary page only: V2), quoted in Chinese from
    // national-quotes.md with its document's title, never an English table row.
    let mut h = kundulun(json!([{ "id": "a", "age": 45 }]));
    h["asOf"] = json!("2018-09-01");
    let r = report(h);
    let a = one(&r, "kundulun.insurance.medical_premium", Some("a"));
    assert_entry(a, "entitled", Some("220.00"));
    let c = &a["figures"][0]["citation"];
    assert_eq!(c["source"], "national-quotes.md");
    assert_eq!(c["quote"], "2018年个人缴费标准同步提升40元,达到每人每年220元。");
    assert_eq!(c["document"], "关于做好2018年城乡居民医疗保险工作的通知");
    assert_eq!(c["confidence"], "V2");
}

// "当年自费支出部分(医保药品目录内)超过3000元的,超出部分给予50%的救助,每人每年最高救助15000元"
#[test]
fn kundulun_chronic_relief_threshold_rate_cap() {
    let cases = [
        ("5200.00", "entitled", Some("1100.00")),   // (5200 − 3000) × 50%
        ("3000.00", "not_eligible", None),          // exactly at the threshold: not "超过"
        ("3000.01", "entitled", Some("0.01")),      // 0.01 × 50% = 0.005 → half-up 0.01
        ("3000.03", "entitled", Some("0.02")),      // 0.015 → 0.02
        ("33000.00", "entitled", Some("15000.00")), // 30000 × 50% = 15000: exactly the cap
        ("33000.02", "entitled", Some("15000.00")), // 15000.01 → capped
        ("40000.00", "entitled", Some("15000.00")), // 18500 → capped
    ];
    for (spent, status, amount) in cases {
        let r = report(kundulun(json!([{ "id": "m", "age": 70, "chronic": { "listed": true, "selfPayInCatalog": spent } }])));
        assert_entry(one(&r, "kundulun.medical.chronic", Some("m")), status, amount);
    }
    // A disease not on the national list of 24 is not covered.
    let r = report(kundulun(json!([{ "id": "m", "age": 70, "chronic": { "listed": false, "selfPayInCatalog": "9000" } }])));
    let e = one(&r, "kundulun.medical.chronic", Some("m"));
    assert_entry(e, "not_eligible", None);
    assert_eq!(reason_codes(e), ["medical.chronic_not_listed"]);
}

#[test]
fn a_status_not_covered_and_a_date_before_the_rule() {
    let mut h = kundulun(json!([{ "id": "m", "age": 70, "chronic": { "listed": true, "selfPayInCatalog": "5200" } }]));
    h["status"] = json!(["low_income_margin"]);
    let r = report(h.clone());
    let e = one(&r, "kundulun.medical.chronic", None);
    assert_entry(e, "not_eligible", None);
    assert_eq!(reason_codes(e), ["status.not_covered"]);

    h["status"] = json!(["registered_poor"]);
    h["asOf"] = json!("2016-12-31");
    let r = report(h);
    let e = one(&r, "kundulun.medical.chronic", None);
    assert_entry(e, "not_eligible", None);
    assert_eq!(reason_codes(e), ["policy.not_yet"]);
}

// 低保 gap (社会救助暂行办法): (local standard − income per person) × members, per month.
#[test]
fn dibao_gap_needs_the_local_standard_then_pays_the_gap() {
    let mut h = kundulun(json!([{ "id": "a", "age": 45 }, { "id": "b", "age": 43 }, { "id": "c", "age": 15 }, { "id": "d", "age": 70 }]));
    h["annualNetIncome"] = json!("9600.00");
    let r = report(h.clone());
    let e = one(&r, "cn.dibao.gap", None);
    assert_entry(e, "needs_info", None);
    let needs: Vec<&str> = e["needs"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    assert!(needs.contains(&"dibaoStandardMonthly"), "{needs:?}");
    assert!(r["needsInfo"].as_array().unwrap().iter().any(|n| n["parameter"] == "dibaoStandardMonthly"));

    // With the standard: 9600 ÷ 4 ÷ 12 = 200 per person a month; (450 − 200) × 4 = 1000 a month.
    h["overrides"] = json!({ "dibaoStandardMonthly": "450.00" });
    let r = report(h.clone());
    let e = one(&r, "cn.dibao.gap", None);
    assert_entry(e, "apply", Some("1000.00"));
    assert_eq!(e["period"], "month");
    assert!(has_alert(&r, "dibao.should_apply"), "应保尽保: a registered-poor household under the line should apply");
    assert_eq!(r["totals"]["ifApproved"]["perYear"], "12000.00");

    // Already in 低保: entitled, 12 × 1000 a year in the totals.
    h["status"] = json!(["registered_poor", "dibao"]);
    let r = report(h.clone());
    assert_entry(one(&r, "cn.dibao.gap", None), "entitled", Some("1000.00"));
    assert!(!has_alert(&r, "dibao.should_apply"));
    assert_eq!(r["totals"]["byArea"]["dibao"]["perYear"], "12000.00");

    // The yearly standard may be given instead: 5400 a year = 450 a month, the same gap.
    h["overrides"] = json!({ "dibaoStandardYearly": "5400.00" });
    assert_entry(one(&report(h.clone()), "cn.dibao.gap", None), "entitled", Some("1000.00"));

    // Income at the standard: nothing, and a 低保 household there is flagged for review.
    h["annualNetIncome"] = json!("21600.00");
    let r = report(h);
    assert_entry(one(&r, "cn.dibao.gap", None), "not_eligible", None);
    assert!(has_alert(&r, "dibao.review"));
}

// 001 昭化区: "区内贫困患者住院实现自付费用不超过10%", "劳动能力恢复患者救治费用实现“零支付”",
// "区本级财政代缴建卡贫困患者参合费用实现100%"
#[test]
fn zhaohua_self_pay_ceiling_zero_pay_and_premium() {
    let r = report(json!({
        "region": "510811", "asOf": "2017-03-01", "status": ["registered_poor"],
        "members": [
            { "id": "a", "age": 50, "stays": [
                { "inDistrict": true, "total": "20000.00", "covered": "18000.00", "insurancePaid": "14000.00" },
                { "inDistrict": false, "total": "30000.00", "covered": "25000.00", "insurancePaid": "20000.00" } ] },
            { "id": "b", "age": 48, "stays": [
                { "inDistrict": true, "total": "10000.00", "covered": "9000.00", "insurancePaid": "6000.00", "treatment": "labor_recovery" } ] }
        ]
    }));
    let ceiling = entries(&r, "zhaohua.medical.self_pay_ceiling", Some("a"));
    assert_eq!(ceiling.len(), 2);
    // self-pay 20000 − 14000 = 6000; at most 10% × 20000 = 2000; relieved 4000.
    assert_entry(ceiling[0], "entitled", Some("4000.00"));
    assert_eq!(ceiling[0]["stay"], 0);
    assert_eq!(ceiling[0]["period"], "once");
    // Outside the district: not covered by this rule.
    assert_entry(ceiling[1], "not_eligible", None);
    assert_eq!(reason_codes(ceiling[1]), ["medical.out_of_scope"]);
    // b: self-pay 4000, ceiling 1000 → 3000 relieved; then labour-ability recovery: the last 1000 too.
    assert_entry(one(&r, "zhaohua.medical.self_pay_ceiling", Some("b")), "entitled", Some("3000.00"));
    assert_entry(one(&r, "zhaohua.medical.labor_recovery_zero_pay", Some("b")), "entitled", Some("1000.00"));
    // Premium in full: the 2017 individual premium (national 180, V).
    let p = one(&r, "zhaohua.insurance.premium", Some("a"));
    assert_entry(p, "entitled", Some("180.00"));
    assert_eq!(p["figures"][0]["parameter"], "residentMedicalPremium");
    assert_eq!(r["totals"]["byArea"]["medical"]["once"], "8000.00");
}

#[test]
fn zhaohua_without_insurance_paid_asks_for_the_slip() {
    let r = report(json!({
        "region": "510811", "asOf": "2017-03-01", "status": ["registered_poor"],
        "members": [ { "id": "a", "age": 50, "stays": [ { "inDistrict": true, "total": "20000.00", "covered": "18000.00" } ] } ]
    }));
    let e = one(&r, "zhaohua.medical.self_pay_ceiling", Some("a"));
    assert_entry(e, "needs_info", None);
    assert_eq!(e["needs"], json!(["members[0].stays[0].insurancePaid"]));
}

// The deductible reduction needs a basic-insurance model; 004 gives only the halving
// ("住院治疗起付线降低50%"), so it asks for the local deductible and ratio, then estimates.
#[test]
fn kundulun_deductible_halved_with_a_user_supplied_model() {
    let mut h = kundulun(json!([{ "id": "a", "age": 60, "stays": [ { "inDistrict": true, "total": "12000.00", "covered": "10000.00" } ] }]));
    let r = report(h.clone());
    let e = one(&r, "kundulun.medical.deductible_reduction", None);
    assert_entry(e, "needs_info", None);
    let needs: Vec<&str> = e["needs"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    assert_eq!(needs, ["basicInpatientDeductible", "basicInpatientRatio"]);
    // Deductible 800, ratio 75%: halved to 400, so insurance pays 75% × 400 = 300 more.
    // Estimated insurance paid: (10000 − 400) × 75% = 7200.
    h["overrides"] = json!({ "basicInpatientDeductible": "800.00", "basicInpatientRatio": "0.75" });
    let r = report(h);
    let e = one(&r, "kundulun.medical.deductible_reduction", Some("a"));
    assert_entry(e, "entitled", Some("300.00"));
    assert_eq!(e["estimate"], true);
    assert!(r["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "medical.estimate"));
    let steps = e["steps"].to_string();
    assert!(steps.contains("7200.00"), "the estimate is shown: {steps}");
}

// 000 寻甸县: "连续5年每年为寻甸县2000名大学生提供每人每年5000元的助学金" — a quota grant one applies for.
#[test]
fn xundian_charity_grant_is_applied_for() {
    let r = report(json!({
        "region": "530129", "asOf": "2019-09-01", "status": ["registered_poor"],
        "members": [ { "id": "s", "age": 19, "school": { "stage": "undergraduate" } } ]
    }));
    let e = one(&r, "xundian.education.fanhai", Some("s"));
    assert_entry(e, "apply", Some("5000.00"));
    assert!(e["steps"].to_string().contains("2000"), "the quota is explained");
    // If approved: this 5000 plus the national higher-education grant, both yearly. The grant's
    // average is 3300 from spring 2019 ("从2019年春季学期起…普通本科学生国家助学金平均补助标准同时从
    // 每生每年3000元提高到3300元", 经济日报 2019-07-08): 5000 + 3300 = 8300. (It read 3000 while the
    // baseline had no date for 3300; national-quotes.md gives one.)
    assert_entry(one(&r, "cn.education.higher_grant", Some("s")), "apply", Some("3300.00"));
    assert_eq!(r["totals"]["ifApproved"]["perYear"], "8300.00");
    assert_eq!(r["totals"]["perYear"], "0.00", "nothing is counted as due before approval");
    // After the five years the fund ran, it is over.
    let r = report(json!({
        "region": "530129", "asOf": "2024-09-01", "status": ["registered_poor"],
        "members": [ { "id": "s", "age": 19, "school": { "stage": "undergraduate" } } ]
    }));
    let e = one(&r, "xundian.education.fanhai", None);
    assert_entry(e, "not_eligible", None);
    assert_eq!(reason_codes(e), ["policy.ended"]);
}

// 002 昭通市: "实现农村低保标准与扶贫标准“两线合一”" against the national poverty line (2016: 2952, V).
#[test]
fn zhaotong_two_line_check() {
    let check = |r: &serde_json::Value| r["checks"].as_array().unwrap().iter().find(|c| c["kind"] == "two_line_check").unwrap().clone();
    let h = |yearly: &str, as_of: &str| {
        json!({
            "region": "530600", "asOf": as_of, "status": ["registered_poor"],
            "members": [ { "id": "a", "age": 40 } ], "overrides": { "dibaoStandardYearly": yearly }
        })
    };
    let r = report(h("2500.00", "2016-10-01"));
    let c = check(&r);
    assert_eq!(c["result"], "fail");
    assert!(c["steps"].to_string().contains("2952.00"));
    assert!(has_alert(&r, "dibao.standard_below_poverty_line"));
    assert_eq!(check(&report(h("2952.00", "2016-10-01")))["result"], "pass");
    // No source gives the 2017 line: needs_info naming it, never a made-up figure.
    let c = check(&report(h("3000.00", "2017-10-01")));
    assert_eq!(c["result"], "needs_info");
    assert_eq!(c["needs"], json!(["povertyLine"]));
}

// National: 特困 premium paid in full from 2021-10 (V2), medical assistance 70% for 低保 and 特困 (V2).
#[test]
fn national_tekun_premium_and_medical_assistance() {
    let mut h = json!({
        "region": "530600", "asOf": "2022-03-01", "status": ["tekun"],
        "members": [ { "id": "a", "age": 70, "stays": [ { "inDistrict": true, "total": "20000.00", "covered": "18000.00", "insurancePaid": "14000.00" } ] } ]
    });
    let r = report(h.clone());
    assert_entry(one(&r, "cn.insurance.premium_tekun", Some("a")), "entitled", Some("350.00"));
    assert!(r["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "parameter.low_confidence"), "V2 figures are flagged");
    // The annual cap is local: needs_info until given.
    assert_entry(one(&r, "cn.medical.assistance", None), "needs_info", None);
    // (18000 − 14000) × 70% = 2800; a cap of 2000 for the year limits it.
    h["overrides"] = json!({ "medicalAssistanceAnnualCap": "10000.00" });
    assert_entry(one(&report(h.clone()), "cn.medical.assistance", Some("a")), "entitled", Some("2800.00"));
    h["overrides"] = json!({ "medicalAssistanceAnnualCap": "2000.00" });
    assert_entry(one(&report(h), "cn.medical.assistance", Some("a")), "entitled", Some("2000.00"));
}

#[test]
fn a_county_without_its_own_pack_uses_its_city_with_a_warning() {
    let r = report(json!({ "region": "530602", "asOf": "2017-03-01", "status": [], "members": [ { "id": "a", "age": 40 } ] }));
    assert_eq!(r["policy"]["chain"], json!(["cn", "cn-530000", "cn-530600"]));
    assert!(r["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "region.nearest_pack"));
}

#[test]
fn every_programme_of_the_chain_appears_and_the_same_input_gives_the_same_bytes() {
    let h = kundulun(json!([{ "id": "a", "age": 45 }]));
    let engine = engine();
    let a = engine.report_json(&h.to_string(), Some("zh-CN")).unwrap();
    let b = engine.report_json(&h.to_string(), Some("zh-CN")).unwrap();
    assert_eq!(a, b);
    let r: serde_json::Value = serde_json::from_str(&a).unwrap();
    let policy_ids: Vec<String> =
        engine.registry().policy(engine.registry().get("cn-150203").unwrap()).unwrap().programmes.iter().map(|p| p.id.to_string()).collect();
    for id in policy_ids {
        let in_entitlements = r["entitlements"].as_array().unwrap().iter().any(|e| e["programme"] == id.as_str());
        let in_checks = r["checks"].as_array().unwrap().iter().any(|c| c["programme"] == id.as_str());
        assert!(in_entitlements || in_checks, "programme {id} appears in the report");
    }
}

// 002 昭通市: "围绕“两不愁、三保障”…的要求" — a checklist on the visit, not money.
#[test]
fn zhaotong_guarantee_checklist() {
    let check = |r: &serde_json::Value| r["checks"].as_array().unwrap().iter().find(|c| c["kind"] == "guarantee_checklist").unwrap().clone();
    let r = report(json!({
        "region": "530600", "asOf": "2017-03-01", "status": ["registered_poor"],
        "members": [ { "id": "a", "age": 40, "insured": { "medical": false } }, { "id": "k", "name": "小明", "age": 10 } ],
        "housing": { "grade": "D" },
        "overrides": { "compulsoryEducationMinAge": "6", "compulsoryEducationMaxAge": "15" }
    }));
    assert_eq!(check(&r)["result"], "fail");
    for code in ["guarantee.education", "guarantee.medical", "guarantee.housing"] {
        assert!(has_alert(&r, code), "{code}");
    }
    assert!(check(&r)["steps"].to_string().contains("小明"));
    let r = report(json!({
        "region": "530600", "asOf": "2017-03-01", "status": ["registered_poor"],
        "members": [ { "id": "a", "age": 40 }, { "id": "k", "age": 10, "school": { "stage": "primary" } } ],
        "housing": { "grade": "B" },
        "overrides": { "compulsoryEducationMinAge": "6", "compulsoryEducationMaxAge": "15" }
    }));
    assert_eq!(check(&r)["result"], "pass");
    // Without the local ages the education item is left to the visit, and the ages are asked for.
    let r = report(json!({ "region": "530600", "asOf": "2017-03-01", "status": ["registered_poor"], "members": [ { "id": "a", "age": 40 } ] }));
    assert!(check(&r)["needs"].to_string().contains("compulsoryEducationMinAge"));
}
