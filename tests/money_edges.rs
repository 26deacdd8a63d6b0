//! Money at its edges (issue 5): half fen rounding through real rules, the largest accepted
//! amounts in every money field, the largest household, and totals checked against sums worked
//! out here in whole fen (integers), independently of the engine's decimal arithmetic.

mod hardening_support;

use hardening_support::*;
use huimin::Engine;
use serde_json::{json, Value};

const MAX: &str = "100000000.00";
const MAX_FEN: i128 = 10_000_000_000;

/// Parses "123.45" into fen, insisting on two decimals and no sign.
fn fen(s: &str) -> i128 {
    let (i, f) = s.split_once('.').unwrap_or_else(|| panic!("no decimals: {s}"));
    assert!(f.len() == 2 && !i.is_empty() && (i.bytes().chain(f.bytes())).all(|c| c.is_ascii_digit()), "bad amount {s}");
    i.parse::<i128>().unwrap() * 100 + f.parse::<i128>().unwrap()
}

fn fen_text(n: i128) -> String {
    format!("{}.{:02}", n / 100, n % 100)
}

/// Half-up (四舍五入) of n fen × rate, with the rate given as a decimal string: whole integers only.
fn half_up(n: i128, rate: &str) -> i128 {
    let (i, f) = rate.split_once('.').unwrap_or((rate, ""));
    let scale = 10i128.pow(f.len() as u32);
    let r = i.parse::<i128>().unwrap() * scale + if f.is_empty() { 0 } else { f.parse::<i128>().unwrap() };
    (2 * n * r + scale) / (2 * scale)
}

#[test]
fn the_independent_rounding_is_right() {
    assert_eq!(half_up(300_001, "0.5"), 150_001); // 1500.005 → 1500.01
    assert_eq!(half_up(300_001, "0.333"), 99_900); // 999.00333 → 999.00
    assert_eq!(half_up(1, "0.5"), 1); // 0.005 → 0.01
    assert_eq!(half_up(3, "0.5"), 2); // 0.015 → 0.02
    assert_eq!(half_up(4, "0.125"), 1); // 0.005 → 0.01
    assert_eq!(half_up(3, "0.125"), 0); // 0.00375 → 0.00
}

/// An engine with a nation pack of our own and a province pack holding `programmes`.
fn engine_with(parameters: Value, programmes: Value, insurance_model: Option<Value>) -> Engine {
    let mut e = Engine::empty();
    e.load_pack_json(&text(&nation_pack(json!({}), json!([])))).unwrap();
    let mut p = province_pack("110000", parameters, programmes);
    if let Some(m) = insurance_model {
        p["insuranceModel"] = m;
    }
    e.load_pack_json(&text(&p)).unwrap_or_else(|err| panic!("test pack refused: {err}"));
    e
}

fn report(engine: &Engine, h: &Value) -> Value {
    let out = engine.report_json(&text(h), Some("zh-CN")).unwrap_or_else(|e| panic!("refused: {e:.1000}"));
    serde_json::from_str(&out).unwrap()
}

/// Checks totals against sums made here; returns the entitled amounts by programme.
fn check_totals(r: &Value) -> std::collections::BTreeMap<String, Vec<i128>> {
    let (mut year, mut once, mut ay, mut ao) = (0i128, 0i128, 0i128, 0i128);
    let mut by_area: std::collections::BTreeMap<String, (i128, i128)> = Default::default();
    let mut by_prog: std::collections::BTreeMap<String, Vec<i128>> = Default::default();
    for e in r["entitlements"].as_array().unwrap() {
        let Some(a) = e["amount"].as_str().map(fen) else { continue };
        let (y, o) = match e["period"].as_str().unwrap() {
            "year" => (a, 0),
            "month" => (12 * a, 0),
            _ => (0, a),
        };
        match e["status"].as_str().unwrap() {
            "entitled" => {
                year += y;
                once += o;
                let s = by_area.entry(e["area"].as_str().unwrap().to_string()).or_default();
                s.0 += y;
                s.1 += o;
                by_prog.entry(e["programme"].as_str().unwrap().to_string()).or_default().push(a);
            }
            "apply" => {
                ay += y;
                ao += o;
            }
            s => panic!("an amount on a {s} entry"),
        }
    }
    let t = &r["totals"];
    assert_eq!(fen(t["perYear"].as_str().unwrap()), year, "perYear");
    assert_eq!(fen(t["once"].as_str().unwrap()), once, "once");
    assert_eq!(fen(t["ifApproved"]["perYear"].as_str().unwrap()), ay, "ifApproved.perYear");
    assert_eq!(fen(t["ifApproved"]["once"].as_str().unwrap()), ao, "ifApproved.once");
    for (area, (y, o)) in &by_area {
        assert_eq!(fen(t["byArea"][area]["perYear"].as_str().unwrap()), *y, "byArea.{area}.perYear");
        assert_eq!(fen(t["byArea"][area]["once"].as_str().unwrap()), *o, "byArea.{area}.once");
    }
    by_prog
}

/// A household of `members` members whose stays have the given covered costs (in fen), insurance
/// paid 0, total = covered.
fn household_of_stays(costs: &[i128]) -> Value {
    let members: Vec<Value> = costs
        .chunks(50)
        .enumerate()
        .map(|(i, chunk)| {
            let stays: Vec<Value> = chunk.iter().map(|c| json!({ "total": fen_text(*c), "covered": fen_text(*c), "insurancePaid": "0.00" })).collect();
            json!({ "id": format!("m{i}"), "age": 40, "stays": stays })
        })
        .collect();
    assert!(members.len() <= 50);
    json!({ "region": "110000", "asOf": "2023-06-01", "members": members })
}

#[test]
fn every_half_fen_rounds_up_through_medical_assistance() {
    // Rates whose products land on half a fen often (0.5, 0.125), rarely (0.333), and one with
    // twelve decimals. Amounts: every fen from 0.01 to 25.00, some around 3000.01, and the top.
    let mut amounts: Vec<i128> = (1..=2500).collect();
    amounts.extend(299_990..300_010);
    amounts.extend((MAX_FEN - 200)..=MAX_FEN);
    for rate in ["0.5", "0.333", "0.125", "0.7", "0.999999999999", "1", "0"] {
        let engine =
            engine_with(json!({ "r": param("rate", rate) }), json!([programme("t.assist", "medical_assistance", "medical", json!({ "rate": "r" }))]), None);
        for chunk in amounts.chunks(2500) {
            let r = report(&engine, &household_of_stays(chunk));
            let got = &check_totals(&r)["t.assist"];
            assert_eq!(got.len(), chunk.len());
            for (n, g) in chunk.iter().zip(got) {
                assert_eq!(*g, half_up(*n, rate), "{} × {rate}", fen_text(*n));
            }
            let want: i128 = chunk.iter().map(|n| half_up(*n, rate)).sum();
            assert_eq!(fen(r["totals"]["once"].as_str().unwrap()), want);
        }
    }
    // The brief's own example.
    let engine =
        engine_with(json!({ "r": param("rate", "0.5") }), json!([programme("t.assist", "medical_assistance", "medical", json!({ "rate": "r" }))]), None);
    let r = report(&engine, &household_of_stays(&[300_001]));
    assert_eq!(r["entitlements"][0]["amount"], "1500.01");
}

#[test]
fn half_fen_through_shares_and_thresholds() {
    // A student grant × share, and chronic relief (self-pay − threshold) × rate, each rounded once.
    let engine = engine_with(
        json!({ "g": param("yuan", "3000.01"), "s": param("rate", "0.5"), "t": param("yuan", "0.00"), "c": param("yuan", MAX), "k": param("rate", "0.333") }),
        json!([
            programme("t.grant", "student_grant", "education", json!({ "stages": ["primary"], "amount": "g", "period": "year", "share": "s" })),
            programme("t.chronic", "chronic_relief", "medical", json!({ "threshold": "t", "rate": "k", "cap": "c" })),
        ]),
        None,
    );
    let spent: Vec<i128> = (1..=50).map(|i| 300_000 + i).collect();
    let members: Vec<Value> = spent
        .iter()
        .enumerate()
        .map(|(i, s)| json!({ "id": format!("m{i}"), "age": 10, "school": { "stage": "primary" }, "chronic": { "listed": true, "selfPayInCatalog": fen_text(*s) } }))
        .collect();
    let r = report(&engine, &json!({ "region": "110000", "asOf": "2023-06-01", "members": members }));
    let by = check_totals(&r);
    assert_eq!(by["t.grant"], vec![150_001; 50]); // 3000.01 × 0.5 = 1500.005 → 1500.01
    let want: Vec<i128> = spent.iter().map(|s| half_up(*s, "0.333")).collect();
    assert_eq!(by["t.chronic"], want);
}

/// A pack whose every programme pays the most it can: yuan parameters at the limit, rates at 1.
fn maximal_engine() -> Engine {
    let y = || param("yuan", MAX);
    engine_with(
        json!({
            "g": y(), "one": param("rate", "1"), "q": param("count", "1000000"), "prem": y(), "fixed": y(),
            "pa": y(), "pcap": y(), "amin": param("age", "0"), "amax": param("age", "130"),
            "t": param("yuan", "0.00"), "ccap": y(), "red": param("rate", "1"), "ded": y(), "bcap": y(), "cded": param("yuan", "0.00"),
            "acap": y(), "std": y(), "hc": y(), "hd": y(),
        }),
        json!([
            programme("t.grant_year", "student_grant", "education", json!({ "stages": STAGES, "amount": "g", "period": "year" })),
            programme("t.grant_once", "student_grant", "education", json!({ "stages": STAGES, "amount": "g", "period": "once", "share": "one" })),
            programme("t.grant_apply", "student_grant", "education", json!({ "stages": STAGES, "amount": "g", "period": "year", "apply": true, "quota": "q" })),
            programme("t.premium_full", "premium_subsidy", "insurance", json!({ "premium": "prem", "mode": "full" })),
            programme("t.premium_share", "premium_subsidy", "insurance", json!({ "premium": "prem", "mode": "share", "share": "one" })),
            programme("t.premium_fixed", "premium_subsidy", "insurance", json!({ "premium": "prem", "mode": "fixed", "amount": "fixed" })),
            programme("t.pension", "pension_premium", "insurance", json!({ "amount": "pa", "cap": "pcap", "minAge": "amin", "maxAge": "amax" })),
            programme("t.chronic", "chronic_relief", "medical", json!({ "threshold": "t", "rate": "one", "cap": "ccap" })),
            programme("t.deductible", "deductible_reduction", "medical", json!({ "reduction": "red" })),
            programme("t.assist", "medical_assistance", "medical", json!({ "rate": "one", "annualCap": "acap" })),
            programme("t.ceiling", "self_pay_ceiling", "medical", json!({ "share": "one", "scope": "any" })),
            programme("t.zero", "zero_self_pay", "medical", json!({ "treatments": ["labor_recovery"] })),
            programme("t.gap", "dibao_gap", "dibao", json!({ "standardMonthly": "std" })),
            programme("t.house", "housing_renovation", "housing", json!({ "grades": { "C": "hc", "D": "hd" } })),
            programme("t.notice", "apply_notice", "other", json!({ "when": "always" })),
        ]),
        Some(json!({ "deductible": "ded", "ratio": "one", "cap": "bcap", "criticalDeductible": "cded", "criticalRatio": "one" })),
    )
}

#[test]
fn the_largest_amounts_in_every_field_of_the_largest_household() {
    let engine = maximal_engine();
    let mut h = maximal_household("110000");
    h["annualNetIncome"] = json!("0.00");
    let r = report(&engine, &h);
    let by = check_totals(&r);
    let students = h["members"].as_array().unwrap().iter().filter(|m| m["school"].is_object()).count();
    assert_eq!(by["t.grant_year"], vec![MAX_FEN; students]);
    assert_eq!(by["t.grant_once"], vec![MAX_FEN; students]);
    for p in ["t.premium_full", "t.premium_share", "t.premium_fixed", "t.chronic"] {
        assert_eq!(by[p], vec![MAX_FEN; 50], "{p}");
    }
    // 低保 gap: (100000000.00 − 0) × 50 people a month.
    assert_eq!(by["t.gap"], vec![50 * MAX_FEN]);
    // Every stay amount within the stay's total; the medical pipeline never relieves more than a
    // stay cost.
    for e in r["entitlements"].as_array().unwrap().iter().filter(|e| e["stay"].is_u64()) {
        if let Some(a) = e["amount"].as_str() {
            assert!(fen(a) <= MAX_FEN, "{e}");
        }
    }
    let per_year = fen(r["totals"]["perYear"].as_str().unwrap());
    let once = fen(r["totals"]["once"].as_str().unwrap());
    assert!(per_year > 0 && once > 0);
    eprintln!("largest household under the maximal pack: perYear {}, once {}", fen_text(per_year), fen_text(once));

    // The same through overrides: every yuan parameter of the chain overridden at the limit.
    let mut h2 = h.clone();
    h2["overrides"] = json!({ "g": MAX, "prem": MAX, "std": MAX, "acap": MAX, "one": "1" });
    let r2 = report(&engine, &h2);
    check_totals(&r2);
}

#[test]
fn the_largest_household_in_every_shipped_region_sums_exactly() {
    let engine = Engine::with_shipped_packs();
    for code in distinct_regions(&engine) {
        let code = code.as_str();
        let mut h = maximal_household(code);
        // Every local figure the chain lacks, given at the limit, so that everything computes.
        let (pack, _) = engine.registry().pack_for_region(code).unwrap();
        let policy = engine.registry().policy(&pack).unwrap();
        let overrides: serde_json::Map<String, Value> = policy
            .parameters
            .iter()
            .filter(|(_, p)| p.values.is_empty())
            .map(|(k, p)| {
                (
                    k.clone(),
                    json!(match p.unit.json() {
                        "rate" => "1",
                        "factor" => "2",
                        "age" => "130",
                        "count" => "100",
                        _ => MAX,
                    }),
                )
            })
            .collect();
        h["overrides"] = overrides.into();
        let r = report(&engine, &h);
        check_totals(&r);
        // Without overrides, at the smallest amounts.
        let h0: Value = serde_json::from_str(&text(&maximal_household(code)).replace(MAX, "0.01")).unwrap();
        check_totals(&report(&engine, &h0));
    }
}

#[test]
fn money_is_read_exactly_at_its_limits() {
    let engine = engine_with(json!({ "r": param("rate", "1") }), json!([programme("t.assist", "medical_assistance", "medical", json!({ "rate": "r" }))]), None);
    let stay = |total: Value| json!({ "region": "110000", "asOf": "2023-06-01", "members": [ { "id": "m", "age": 1, "stays": [ { "total": total.clone(), "covered": total, "insurancePaid": "0" } ] } ] });
    let accepted: &[(&str, &str)] = &[
        ("\"100000000.00\"", "100000000.00"),
        ("\"100000000\"", "100000000.00"),
        ("100000000", "100000000.00"),
        ("1e8", "100000000.00"),
        ("1.0000000000E+8", "100000000.00"),
        ("99999999.99", "99999999.99"),
        ("\"0.01\"", "0.01"),
        ("0.1", "0.10"),
        ("\"0\"", "0.00"),
        ("\"-0\"", "0.00"),
        ("-0.0", "0.00"),
        ("\"000123.40\"", "123.40"),
        ("1.10", "1.10"),
    ];
    for (v, want) in accepted {
        let h = stay(serde_json::from_str(v).unwrap());
        let r = report(&engine, &h);
        assert_eq!(r["entitlements"][0]["amount"], *want, "{v}");
        assert_eq!(r["totals"]["once"], *want, "{v}");
    }
    let refused: &[(&str, &str)] = &[
        ("\"100000000.01\"", "money.too_large"),
        ("100000000.01", "money.too_large"),
        ("1.2345e-1", "money.precision"),
        ("1e9", "money.too_large"),
        ("1e400", "money.too_large"),
        ("\"0.001\"", "money.precision"),
        ("0.005", "money.precision"),
        ("1e-3", "money.precision"),
        ("\"-0.01\"", "money.negative"),
        ("-1", "money.negative"),
        ("\"1e3\"", "money.invalid"),
        ("\"1,000.00\"", "money.invalid"),
        ("\"¥100\"", "money.invalid"),
        ("\"100元\"", "money.invalid"),
        ("\"\"", "money.invalid"),
        ("\".5\"", "money.invalid"),
        ("\"5.\"", "money.invalid"),
        ("null", "field.required"),
    ];
    for (v, code) in refused {
        let h = stay(serde_json::from_str(v).unwrap());
        let e = engine.report_json(&text(&h), Some("zh-CN")).unwrap_err();
        let c = codes(&e);
        assert!(c.iter().any(|(k, p)| k == code && p == "members[0].stays[0].total"), "{v}: expected {code}, got {c:?}");
    }
}
