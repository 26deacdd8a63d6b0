//! The 低保 gap to the fen: standard × members − household income ÷ 12, no intermediate rounded
//! or truncated, rounded once half-up (docs/report-format.md). Compared with exact integer
//! arithmetic in fen on a million random households, and the two households of the trust issue
//! worked out by hand.

use huimin::Engine;
use serde_json::json;

/// The gap entitlement's amount (or `None`: not eligible) for `people` members.
fn gap(engine: &Engine, people: usize, overrides: serde_json::Value, income: &str) -> Option<String> {
    let members: Vec<_> = (0..people).map(|i| json!({ "id": format!("m{i}"), "age": 40 })).collect();
    let h = json!({ "region": "150203", "asOf": "2024-06-01", "status": ["dibao"], "annualNetIncome": income, "members": members, "overrides": overrides });
    let text = h.to_string();
    let report = engine.evaluate(&engine.read(&text).unwrap()).unwrap();
    let e = report.entitlements.iter().find(|e| &*e.programme == "cn.dibao.gap").expect("the gap programme");
    e.amount.map(|a| huimin::money::fmt_money(a.0))
}

fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// Exactly, in fen: (12 × standard × n − income) ÷ 12 for a monthly standard, (standard × n −
/// income) ÷ 12 for a yearly one, rounded half-up; `None` when not positive.
fn expected(twelfths: i128) -> Option<String> {
    (twelfths > 0).then(|| yuan(((twelfths + 6) / 12) as u64))
}

#[test]
fn the_two_households_of_the_trust_issue() {
    let engine = Engine::with_shipped_packs();
    // 653.27 × 7 − 16,598.10 ÷ 12 = 4,572.89 − 1,383.175 = 3,189.715 → 3,189.72
    assert_eq!(gap(&engine, 7, json!({ "dibaoStandardMonthly": "653.27" }), "16598.10").as_deref(), Some("3189.72"));
    // 439.51 × 3 − 15,536.58 ÷ 12 = 1,318.53 − 1,294.715 = 23.815 → 23.82
    assert_eq!(gap(&engine, 3, json!({ "dibaoStandardMonthly": "439.51" }), "15536.58").as_deref(), Some("23.82"));
    // From a yearly standard: (5,400.00 × 3 − 15,536.58) ÷ 12 = 663.42 ÷ 12 = 55.285 → 55.29
    assert_eq!(gap(&engine, 3, json!({ "dibaoStandardYearly": "5400.00" }), "15536.58").as_deref(), Some("55.29"));
    // Income at the line exactly: nothing is owed.
    assert_eq!(gap(&engine, 2, json!({ "dibaoStandardMonthly": "500.00" }), "12000.00"), None);
}

#[test]
fn a_million_random_households_agree_with_exact_arithmetic_in_fen() {
    let engine = Engine::with_shipped_packs();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let count: u64 = std::env::var("HUIMIN_DIBAO_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let (mut owed, mut checked) = (0, 0);
    for _ in 0..count {
        let people = 1 + next(8) as usize;
        let yearly = next(4) == 0;
        let standard = 10_000 + next(190_000); // fen a month: 100.00 to 2,000.00
        let standard = if yearly { standard * 12 + next(12) } else { standard };
        let line = if yearly { standard } else { standard * 12 } * people as u64;
        let income = next(line + line / 5 + 1); // up to a fifth above the line
        let overrides = if yearly { json!({ "dibaoStandardYearly": yuan(standard) }) } else { json!({ "dibaoStandardMonthly": yuan(standard) }) };
        let got = gap(&engine, people, overrides, &yuan(income));
        let want = expected(line as i128 - income as i128);
        assert_eq!(got, want, "{people} people, standard {} {}, income {}", yuan(standard), if yearly { "a year" } else { "a month" }, yuan(income));
        owed += got.is_some() as u64;
        checked += 1;
    }
    assert_eq!(checked, count);
    assert!(owed > count / 2, "most of them are owed a gap ({owed})");
}

/// The what-if curve (`Engine::totals_at_incomes`, the module's `totalsAtIncomes`): at each income,
/// the totals `evaluate` gives for the household with that income, and the 低保 gap by hand.
#[test]
fn totals_at_incomes_are_the_totals_of_each_evaluation() {
    let engine = Engine::with_shipped_packs();
    let members: Vec<_> = (0..3).map(|i| json!({ "id": format!("m{i}"), "age": 40 })).collect();
    let h = json!({ "region": "150203", "asOf": "2024-06-01", "status": ["dibao"], "annualNetIncome": "9600", "members": members,
                    "overrides": { "dibaoStandardMonthly": "439.51" } });
    let hh = engine.read(&h.to_string()).unwrap();
    let incomes: Vec<rust_decimal::Decimal> = ["0", "15536.58", "15822.36", "20000"].iter().map(|s| s.parse().unwrap()).collect();
    let totals = engine.totals_at_incomes(&hh, &incomes).unwrap();
    assert_eq!(totals.len(), 4);
    let dibao: Vec<String> = totals.iter().map(|t| huimin::money::fmt_money(t.by_area.get("dibao").unwrap().per_year.0)).collect();
    // 439.51 × 3 = 1,318.53 a month; less income ÷ 12, rounded half-up, times 12 months:
    // 0 → 1,318.53 × 12 = 15,822.36; 15,536.58 → 23.82 × 12 = 285.84; at the line and above → 0.
    assert_eq!(dibao, ["15822.36", "285.84", "0.00", "0.00"]);
    for (income, t) in incomes.iter().zip(&totals) {
        let mut at = h.clone();
        at["annualNetIncome"] = json!(income.to_string());
        let report = engine.evaluate(&engine.read(&at.to_string()).unwrap()).unwrap();
        assert_eq!(serde_json::to_value(&report.totals).unwrap(), serde_json::to_value(t).unwrap(), "{income}");
    }
}
