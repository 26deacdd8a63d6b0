//! Property tests of the two parsers and the evaluator (issue 5).
//!
//! - arbitrary bytes and arbitrary JSON as a household and as a pack: never a panic; a refusal is
//!   `{"errors":[…]}` with a non-empty list, each error with code, path, zh and en;
//! - structure-aware *valid* households for every shipped region (members, students, chronic
//!   patients, stays with total ≥ covered ≥ insurance paid, overrides of the region's real
//!   parameters): always a report; totals are the sums of their parts; no negative amount; every
//!   amount has exactly two decimals; the same input gives the same bytes, also after other
//!   households were evaluated on the same engine;
//! - valid households and shipped packs with one node mutated: a report or well-formed errors.
//!
//! Case counts are modest by default (the file runs in well under a minute in a debug build).
//! Long runs: `HUIMIN_PROPTEST_CASES=100000 cargo test --release --test properties`.

mod hardening_support;

use hardening_support::errors_of;
use huimin::Engine;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::Config;
use serde_json::{json, Map, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;

thread_local! {
    static ENGINE: Engine = Engine::with_shipped_packs();
    /// The last valid household evaluated and its report: re-evaluated after the next one, so
    /// that an evaluation in between cannot change an answer.
    static LAST: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
    /// An engine that keeps the packs that load (mutated shipped packs), checked for sanity.
    static LOADED: RefCell<Engine> = RefCell::new(Engine::with_shipped_packs());
}

/// `HUIMIN_PROPTEST_CASES` when set, else the default of the test (five times more in a release
/// build, which CI runs: still a few seconds).
fn cases(default: u32) -> Config {
    let default = if cfg!(debug_assertions) { default } else { default * 5 };
    let cases = std::env::var("HUIMIN_PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(default);
    Config { cases, max_shrink_iters: 2000, ..Config::default() }
}

// ---------------------------------------------------------------------------------------------
// The shipped regions and their parameters

#[derive(Debug, Clone)]
struct Region {
    code: String,
    /// Parameter name → unit, over the region's whole chain.
    parameters: Vec<(String, String)>,
}

fn regions() -> Vec<Region> {
    ENGINE.with(|engine| {
        let list: Vec<Value> = serde_json::from_str(&engine.regions_json()).unwrap();
        list.iter()
            .filter_map(|r| r["code"].as_str())
            .filter(|c| *c != "000000")
            .filter_map(|code| {
                let (pack, _) = engine.registry().pack_for_region(code)?;
                let policy = engine.registry().policy(&pack)?;
                let parameters = policy.parameters.iter().map(|(k, p)| (k.clone(), p.unit.json().to_string())).collect();
                Some(Region { code: code.to_string(), parameters })
            })
            .collect()
    })
}

#[test]
fn shipped_regions_are_there() {
    assert!(!regions().is_empty(), "no shipped region to test");
}

// ---------------------------------------------------------------------------------------------
// Money in fen, written as the household may write it

/// An amount in fen, ≤ 100000000.00 yuan: mostly everyday sums, sometimes edges.
fn fen() -> impl Strategy<Value = i64> {
    prop_oneof![
        6 => 0i64..2_000_000,            // up to 20,000 yuan
        2 => 0i64..100_000_000,          // up to 1,000,000 yuan
        1 => 0i64..=10_000_000_000,      // up to the limit
        1 => select(vec![0i64, 1, 5, 99, 100, 300_001, 9_999_999_999, 10_000_000_000]),
    ]
}

fn fen_text(f: i64) -> String {
    format!("{}.{:02}", f / 100, f % 100)
}

/// Money as a JSON value: "1500.00", "1500.5", "1500", or a JSON number read from its digits.
fn money_value(f: i64, style: u8) -> Value {
    let exact = fen_text(f);
    let short = {
        let t = exact.trim_end_matches('0').trim_end_matches('.').to_string();
        if t.is_empty() {
            "0".to_string()
        } else {
            t
        }
    };
    match style % 4 {
        0 | 1 => Value::String(exact),
        2 => Value::String(short),
        _ => serde_json::from_str(&short).unwrap(),
    }
}

/// Parses a report amount ("123.45") into fen, insisting on exactly two decimals and no sign.
fn parse_fen(s: &str) -> i128 {
    let (int, frac) = s.split_once('.').unwrap_or_else(|| panic!("amount without decimals: {s}"));
    assert!(!int.is_empty() && int.bytes().all(|c| c.is_ascii_digit()), "bad amount {s}");
    assert!(frac.len() == 2 && frac.bytes().all(|c| c.is_ascii_digit()), "amount without exactly two decimals: {s}");
    int.parse::<i128>().unwrap() * 100 + frac.parse::<i128>().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Valid households

fn date() -> impl Strategy<Value = String> {
    (2014u32..=2026, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn name() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        3 => Just(None),
        1 => Just(Some("<img src=x onerror=alert(1)>".to_string())),
        1 => Just(Some("张三\"\\\n\t\u{0}\u{7f}".to_string())),
        2 => "[\\PC]{0,40}".prop_map(Some),
        1 => Just(Some("长".repeat(200))),
    ]
}

fn stay() -> impl Strategy<Value = Value> {
    (fen(), fen(), fen(), any::<bool>(), any::<bool>(), 0u8..3, any::<u8>()).prop_map(|(a, b, c, in_district, known, treatment, style)| {
        let mut v = [a, b, c];
        v.sort_unstable();
        let [paid, covered, total] = v;
        let mut s = json!({ "inDistrict": in_district, "total": money_value(total, style), "covered": money_value(covered, style / 4) });
        if known {
            s["insurancePaid"] = money_value(paid, style / 16);
        }
        match treatment {
            1 => s["treatment"] = json!("labor_recovery"),
            2 => s["treatment"] = json!("general"),
            _ => {}
        }
        s
    })
}

fn member(max_stays: usize) -> impl Strategy<Value = Value> {
    (
        name(),
        0u64..=130,
        prop::option::of(1u64..=4),
        prop::option::of(select(vec!["full", "partial", "none"])),
        prop::option::of((any::<bool>(), any::<bool>())),
        prop::option::of((select(hardening_support::STAGES.to_vec()), any::<bool>(), any::<bool>())),
        prop::option::of((any::<bool>(), fen(), any::<u8>())),
        prop::collection::vec(stay(), 0..=max_stays),
    )
        .prop_map(|(name, age, disability, labor, insured, school, chronic, stays)| {
            let mut m = Map::new();
            if let Some(n) = name {
                m.insert("name".into(), json!(n));
            }
            m.insert("age".into(), json!(age));
            if let Some(d) = disability {
                m.insert("disability".into(), json!(d));
            }
            if let Some(l) = labor {
                m.insert("laborAbility".into(), json!(l));
            }
            if let Some((medical, pension)) = insured {
                m.insert("insured".into(), json!({ "medical": medical, "pension": pension }));
            }
            if let Some((stage, freshman, boarding)) = school {
                m.insert("school".into(), json!({ "stage": stage, "freshman": freshman, "boarding": boarding }));
            }
            if let Some((listed, spent, style)) = chronic {
                m.insert("chronic".into(), json!({ "listed": listed, "selfPayInCatalog": money_value(spent, style) }));
            }
            if !stays.is_empty() {
                m.insert("stays".into(), json!(stays));
            }
            Value::Object(m)
        })
}

/// A value valid for a parameter of `unit`.
fn override_value(unit: &str, f: i64, k: u32) -> Value {
    match unit {
        "yuan" => json!(fen_text(f)),
        "rate" => json!(format!("{}", rust_decimal::Decimal::new((k % 10_001) as i64, 4).normalize())),
        "factor" => json!(format!("{}", rust_decimal::Decimal::new((k % 100_001) as i64, 4).normalize())),
        "age" => json!((k % 131).to_string()),
        _ => json!((k % 1000).to_string()),
    }
}

/// A valid household for one of the shipped regions.
fn household(regions: Vec<Region>, max_members: usize, max_stays: usize) -> impl Strategy<Value = Value> {
    (
        select(regions),
        date(),
        prop::collection::btree_set(select(vec!["registered_poor", "exited_poor", "dibao", "tekun", "monitored", "low_income_margin"]), 0..=6),
        prop::option::of(fen()),
        prop::collection::vec(member(max_stays), 1..=max_members),
        prop::option::of(select(vec!["A", "B", "C", "D"])),
        prop::collection::vec((any::<Index>(), fen(), any::<u32>()), 0..4),
        prop::option::of("[a-z0-9]{1,12}"),
    )
        .prop_map(|(region, as_of, status, income, members, grade, overrides, id)| {
            let members: Vec<Value> = members
                .into_iter()
                .enumerate()
                .map(|(i, mut m)| {
                    m["id"] = json!(format!("m{}", i + 1));
                    m
                })
                .collect();
            let mut h = json!({ "region": region.code, "asOf": as_of, "status": status.into_iter().collect::<Vec<_>>(), "members": members });
            if let Some(i) = income {
                h["annualNetIncome"] = json!(fen_text(i));
            }
            if let Some(g) = grade {
                h["housing"] = json!({ "grade": g });
            }
            if let Some(id) = id {
                h["id"] = json!(id);
            }
            if !region.parameters.is_empty() && !overrides.is_empty() {
                let mut o = Map::new();
                for (ix, f, k) in overrides {
                    let (name, unit) = ix.get(&region.parameters);
                    o.insert(name.clone(), override_value(unit, f, k));
                }
                h["overrides"] = Value::Object(o);
            }
            h
        })
}

/// Checks one report against the properties every report must have.
fn check_report(text: &str) {
    let r: Value = serde_json::from_str(text).expect("a report is JSON");
    let mut per_year = 0i128;
    let mut once = 0i128;
    let mut approved = (0i128, 0i128);
    let mut by_area: BTreeMap<String, (i128, i128)> = BTreeMap::new();
    for e in r["entitlements"].as_array().expect("entitlements") {
        let status = e["status"].as_str().expect("status");
        assert!(["entitled", "apply", "needs_info", "not_eligible"].contains(&status), "status {status}");
        let amount = match &e["amount"] {
            Value::Null => continue,
            Value::String(s) => parse_fen(s),
            other => panic!("amount is not a string: {other}"),
        };
        assert!(amount >= 0);
        let (y, o) = match e["period"].as_str().expect("period") {
            "year" => (amount, 0),
            "month" => (amount * 12, 0),
            "once" => (0, amount),
            p => panic!("period {p}"),
        };
        match status {
            "entitled" => {
                per_year += y;
                once += o;
                let a = by_area.entry(e["area"].as_str().unwrap().to_string()).or_default();
                a.0 += y;
                a.1 += o;
            }
            "apply" => {
                approved.0 += y;
                approved.1 += o;
            }
            _ => assert!(e["amount"].is_null() || status == "apply", "an amount on a {status} entry"),
        }
    }
    let t = &r["totals"];
    assert_eq!(parse_fen(t["perYear"].as_str().unwrap()), per_year, "perYear");
    assert_eq!(parse_fen(t["once"].as_str().unwrap()), once, "once");
    assert_eq!(parse_fen(t["ifApproved"]["perYear"].as_str().unwrap()), approved.0, "ifApproved.perYear");
    assert_eq!(parse_fen(t["ifApproved"]["once"].as_str().unwrap()), approved.1, "ifApproved.once");
    let areas = t["byArea"].as_object().expect("byArea");
    for (area, sums) in areas {
        let want = by_area.get(area).copied().unwrap_or_default();
        assert_eq!(parse_fen(sums["perYear"].as_str().unwrap()), want.0, "byArea.{area}.perYear");
        assert_eq!(parse_fen(sums["once"].as_str().unwrap()), want.1, "byArea.{area}.once");
    }
    for (area, sums) in &by_area {
        assert!(areas.contains_key(area) || *sums == (0, 0), "area {area} has amounts but no byArea entry");
    }
    // Every figure shown as money has two decimals and no sign.
    for e in r["entitlements"].as_array().unwrap().iter().chain(r["checks"].as_array().unwrap()) {
        for f in e["figures"].as_array().unwrap() {
            if f["unit"] == "yuan" {
                parse_fen(f["value"].as_str().unwrap());
            }
        }
    }
}

fn evaluate_valid(h: &Value) {
    let text = serde_json::to_string(h).unwrap();
    ENGINE.with(|engine| {
        let out = engine.report_json(&text, Some("zh-CN")).unwrap_or_else(|e| panic!("a valid household was refused: {e}\n{text:.2000}"));
        check_report(&out);
        assert_eq!(engine.report_json(&text, Some("zh-CN")).as_deref(), Ok(out.as_str()), "same input, other bytes");
        let via_value = engine.evaluate_value(h).map(|mut r| {
            engine.render(&mut r, "zh-CN");
            serde_json::to_string(&r).unwrap()
        });
        assert_eq!(via_value.as_deref(), Ok(out.as_str()), "evaluate_value + render and report_json differ");
        LAST.with(|last| {
            if let Some((prev_text, prev_out)) = last.borrow().as_ref() {
                assert_eq!(engine.report_json(prev_text, Some("zh-CN")).as_deref(), Ok(prev_out.as_str()), "an evaluation in between changed an answer");
            }
            *last.borrow_mut() = Some((text, out));
        });
    });
}

proptest! {
    #![proptest_config(cases(400))]

    /// Everyday households: a few members, a few stays.
    #[test]
    fn valid_households_give_consistent_reports(h in household(regions(), 6, 3)) {
        evaluate_valid(&h);
    }
}

proptest! {
    #![proptest_config(cases(12))]

    /// Large households: up to the member and stay limits.
    #[test]
    fn large_valid_households_give_consistent_reports(h in household(regions(), 50, 12)) {
        evaluate_valid(&h);
    }
}

// ---------------------------------------------------------------------------------------------
// Garbage: bytes, JSON, and valid documents with one node changed

fn check_answer(out: Result<String, String>) {
    match out {
        Ok(report) => check_report(&report),
        Err(errors) => {
            errors_of(&errors);
        }
    }
}

const KEYS: &[&str] = &[
    "region",
    "asOf",
    "status",
    "annualNetIncome",
    "members",
    "housing",
    "overrides",
    "id",
    "name",
    "age",
    "disability",
    "laborAbility",
    "insured",
    "medical",
    "pension",
    "school",
    "stage",
    "freshman",
    "boarding",
    "chronic",
    "listed",
    "selfPayInCatalog",
    "stays",
    "inDistrict",
    "total",
    "covered",
    "insurancePaid",
    "treatment",
    "grade",
    "dibaoStandardMonthly",
    "parent",
    "level",
    "documents",
    "parameters",
    "programmes",
    "replaces",
    "examples",
    "unit",
    "values",
    "from",
    "until",
    "value",
    "cite",
    "doc",
    "quote",
    "kind",
    "area",
    "statuses",
    "rule",
    "title",
    "zh",
    "en",
    "$schema",
    "insuranceModel",
    "",
    "成员",
    "__proto__",
];

const STRINGS: &[&str] = &[
    "150203",
    "510811",
    "530129",
    "000000",
    "cn",
    "cn-150000",
    "2017-09-01",
    "2020-02-29",
    "2019-02-29",
    "0000-00-00",
    "1500.00",
    "1e30",
    "NaN",
    "Infinity",
    "-1",
    "-0",
    "0.005",
    "100000000.00",
    "100000000.01",
    "99999999999999999999999999999",
    "registered_poor",
    "dibao",
    "tekun",
    "undergraduate",
    "labor_recovery",
    "D",
    "yuan",
    "rate",
    "student_grant",
    "medical_assistance",
    "province",
    "county",
    "",
    " ",
    "<script>alert(1)</script>",
    "\u{0}",
    "\u{fffd}",
    "𝕏",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        select(vec!["0", "-0", "1e400", "-1e-400", "1.0e2", "0.1", "45.0", "1E+2", "123456789012345678901234567890", "0.0000000000001"])
            .prop_map(|s| serde_json::from_str::<Value>(s).unwrap()),
        select(STRINGS.to_vec()).prop_map(|s| json!(s)),
        "\\PC{0,30}".prop_map(Value::String),
    ]
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((prop_oneof![3 => select(KEYS.to_vec()).prop_map(str::to_string), 1 => "\\PC{0,12}"], inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Every node of a document, as a path of keys and indices.
fn nodes(v: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(path.clone());
    match v {
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                path.push(json!(i));
                nodes(x, path, out);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                path.push(json!(k));
                nodes(x, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn node_mut<'a>(v: &'a mut Value, path: &[Value]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        Value::String(k) => &mut v[k.as_str()],
        Value::Number(i) => &mut v[i.as_u64().unwrap() as usize],
        _ => unreachable!(),
    })
}

/// Changes one node: replaces it, removes it, adds an unknown key beside it, or duplicates it.
fn mutate(mut doc: Value, at: Index, how: u8, with: Value) -> Value {
    let mut all = Vec::new();
    nodes(&doc, &mut Vec::new(), &mut all);
    let path = at.get(&all).clone();
    match how % 4 {
        0 => *node_mut(&mut doc, &path) = with,
        1 => {
            if let Some((last, parent)) = path.split_last() {
                match (node_mut(&mut doc, parent), last) {
                    (Value::Object(m), Value::String(k)) => {
                        m.remove(k);
                    }
                    (Value::Array(a), Value::Number(i)) => {
                        a.remove(i.as_u64().unwrap() as usize);
                    }
                    _ => {}
                }
            }
        }
        2 => match node_mut(&mut doc, &path) {
            Value::Object(m) => {
                m.insert("unexpected".into(), with);
            }
            Value::Array(a) => a.push(with),
            other => *other = json!([other.clone(), with]),
        },
        _ => {
            let node = node_mut(&mut doc, &path);
            if let Value::Array(a) = node {
                let copy = a.clone();
                a.extend(copy);
            } else {
                *node = json!({ "value": node.clone() });
            }
        }
    }
    doc
}

fn shipped_pack_texts() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/packs");
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(cases(600))]

    #[test]
    fn arbitrary_bytes_as_household(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        ENGINE.with(|e| check_answer(e.report_json(&text, Some("zh-CN"))));
    }

    #[test]
    fn arbitrary_bytes_as_pack(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        ENGINE.with(|e| {
            if let Err(errors) = e.validate_pack_json(&text) {
                errors_of(&errors);
            }
        });
        LOADED.with(|e| {
            if let Err(errors) = e.borrow_mut().load_pack_json(&text) {
                errors_of(&errors);
            }
        });
    }

    #[test]
    fn arbitrary_json_as_household(v in arbitrary_json()) {
        let text = serde_json::to_string(&v).unwrap();
        ENGINE.with(|e| {
            check_answer(e.report_json(&text, Some("zh-CN")));
            if let Err(problems) = e.evaluate_value(&v) {
                prop_assert!(!problems.is_empty());
            }
            Ok(())
        })?;
    }

    #[test]
    fn arbitrary_json_as_pack(v in arbitrary_json()) {
        let text = serde_json::to_string(&v).unwrap();
        ENGINE.with(|e| {
            if let Err(errors) = e.validate_pack_json(&text) {
                errors_of(&errors);
            }
        });
    }
}

proptest! {
    #![proptest_config(cases(600))]

    /// A valid household with one node changed: a report, or errors that are well formed.
    #[test]
    fn mutated_households(h in household(regions(), 5, 3), at in any::<Index>(), how in any::<u8>(), with in arbitrary_json()) {
        let m = mutate(h, at, how, with);
        let text = serde_json::to_string(&m).unwrap();
        ENGINE.with(|e| check_answer(e.report_json(&text, Some("zh-CN"))));
    }

    /// A shipped pack with one node changed: refused with well-formed errors, or it loads and
    /// the engine still answers for its region and for the others.
    #[test]
    fn mutated_shipped_packs(which in any::<Index>(), at in any::<Index>(), how in any::<u8>(), with in arbitrary_json(), h in household(regions(), 4, 2)) {
        let packs = shipped_pack_texts();
        let pack: Value = serde_json::from_str(which.get(&packs).as_str()).unwrap();
        let region = pack["region"].as_str().unwrap_or("000000").to_string();
        let text = serde_json::to_string(&mutate(pack, at, how, with)).unwrap();
        ENGINE.with(|e| {
            if let Err(errors) = e.validate_pack_json(&text) {
                errors_of(&errors);
            }
        });
        LOADED.with(|cell| {
            let mut engine = cell.borrow_mut();
            match engine.load_pack_json(&text) {
                Ok(_) => {
                    let mut hh = h.clone();
                    hh["region"] = json!(region);
                    check_answer(engine.report_json(&serde_json::to_string(&hh).unwrap(), Some("zh-CN")));
                    check_answer(engine.report_json(&serde_json::to_string(&h).unwrap(), Some("zh-CN")));
                }
                Err(errors) => {
                    errors_of(&errors);
                }
            }
        });
    }
}
