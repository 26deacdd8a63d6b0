//! Hostile packs and the limits (issue 5): every pack below is refused with errors that name the
//! JSON path, or handled within the limits, and none of it changes what the engine answers for a
//! valid household afterwards. Also: the household limits, and time bounds on the largest inputs.

mod hardening_support;

use hardening_support::*;
use huimin::household::{MAX_INPUT_BYTES, MAX_MEMBERS, MAX_OVERRIDES, MAX_STAYS};
use huimin::policy::read::{MAX_DOCUMENTS, MAX_EXAMPLES, MAX_PACK_BYTES, MAX_PARAMETERS, MAX_PROGRAMMES, MAX_VALUES};
use huimin::read::{MAX_STRING, MAX_TEXT};
use huimin::Engine;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// An engine and what it answered for a valid household of every shipped region before anything
/// hostile happened.
struct Fixture {
    engine: Engine,
    baseline: Vec<(String, Result<String, String>)>,
}

fn shipped_regions(engine: &Engine) -> Vec<String> {
    let list: Vec<Value> = serde_json::from_str(&engine.regions_json()).unwrap();
    list.iter().filter_map(|r| r["code"].as_str()).filter(|c| *c != "000000").map(str::to_string).collect()
}

impl Fixture {
    fn new() -> Fixture {
        let engine = Engine::with_shipped_packs();
        let baseline = shipped_regions(&engine)
            .into_iter()
            .map(|r| {
                let out = engine.report_json(&text(&small_household(&r)), Some("zh-CN"));
                (r, out)
            })
            .collect();
        Fixture { engine, baseline }
    }

    /// Validating and loading `pack` both fail; returns the errors.
    #[track_caller]
    fn refused(&mut self, pack: &str) -> String {
        let v = self.engine.validate_pack_json(pack).expect_err("validate accepted a hostile pack");
        let l = self.engine.load_pack_json(pack).expect_err("load accepted a hostile pack");
        assert_eq!(v, l, "validate and load disagree");
        errors_of(&v);
        v
    }

    /// The valid households still get the same bytes as before.
    #[track_caller]
    fn assert_intact(&self) {
        assert!(!self.baseline.is_empty());
        for (region, before) in &self.baseline {
            let now = self.engine.report_json(&text(&small_household(region)), Some("zh-CN"));
            assert_eq!(&now, before, "the answer for {region} changed");
        }
    }
}

fn rate_programme(id: &str, param: &str) -> Value {
    programme(id, "medical_assistance", "medical", json!({ "rate": param }))
}

/// A small valid province pack: one parameter, one programme.
fn valid_province(region: &str) -> Value {
    province_pack(region, json!({ "x.rate": param("rate", "0.5") }), json!([rate_programme("x.assist", "x.rate")]))
}

#[test]
fn a_valid_extra_pack_loads_and_leaves_other_regions_alone() {
    let mut f = Fixture::new();
    assert_eq!(f.engine.load_pack_json(&text(&valid_province("110000"))), Ok("cn-110000".to_string()));
    let r = f.engine.report_json(&text(&small_household("110000")), Some("zh-CN")).expect("the new region evaluates");
    assert!(r.contains("x.assist"));
    f.assert_intact();
}

#[test]
fn parent_cycle_built_by_replacing_a_loaded_pack() {
    let mut f = Fixture::new();
    f.engine.load_pack_json(&text(&valid_province("110000"))).unwrap();
    let city = json!({ "id": "cn-110100", "region": "110100", "parent": "cn-110000", "level": "city",
                       "name": { "zh": "测试市", "en": "Test city" }, "programmes": [] });
    f.engine.load_pack_json(&text(&city)).unwrap();
    let before_city = f.engine.report_json(&text(&small_household("110100")), Some("zh-CN"));
    assert!(before_city.is_ok());

    // The province replaced by one whose parent is its own child: A → B → A.
    let mut cyclic = valid_province("110000");
    cyclic["parent"] = json!("cn-110100");
    let e = f.refused(&text(&cyclic));
    assert_has(&e, "pack.parent_cycle", "parent");

    // The nation replaced by one that hangs under the province: cn → cn-110000 → cn.
    let mut nation: Value = serde_json::from_str(include_str!("../packs/cn.json")).unwrap();
    nation["parent"] = json!("cn-110000");
    let e = f.refused(&text(&nation));
    assert_has(&e, "pack.parent_cycle", "parent");

    assert_eq!(f.engine.report_json(&text(&small_household("110100")), Some("zh-CN")), before_city);
    f.assert_intact();
}

#[test]
fn a_pack_naming_itself_as_parent() {
    let mut f = Fixture::new();
    let mut p = valid_province("110000");
    p["parent"] = json!("cn-110000");
    assert_has(&f.refused(&text(&p)), "pack.parent_self", "parent");
    let mut p = valid_province("110000");
    p["parent"] = json!("cn-999999");
    assert_has(&f.refused(&text(&p)), "pack.parent_unknown", "parent");
    f.assert_intact();
}

#[test]
fn a_replaced_parent_that_drops_what_the_child_uses() {
    let mut f = Fixture::new();
    f.engine.load_pack_json(&text(&valid_province("110000"))).unwrap();
    let city = json!({ "id": "cn-110100", "region": "110100", "parent": "cn-110000", "level": "city",
                       "name": { "zh": "测试市", "en": "Test city" }, "documents": documents(),
                       "programmes": [ rate_programme("x.city_assist", "x.rate") ] });
    f.engine.load_pack_json(&text(&city)).unwrap();
    // The province comes back without x.rate: the city's programme now names a parameter that the
    // chain lacks. The engine says what is missing; it does not crash or invent a figure.
    let bare = province_pack("110000", json!({}), json!([]));
    f.engine.load_pack_json(&text(&bare)).unwrap();
    let r: Value = serde_json::from_str(&f.engine.report_json(&text(&small_household("110100")), Some("zh-CN")).unwrap()).unwrap();
    let e = r["entitlements"].as_array().unwrap().iter().find(|e| e["programme"] == "x.city_assist").unwrap();
    assert_eq!(e["status"], "needs_info");
    assert_eq!(e["needs"], json!(["x.rate"]));
    f.assert_intact();
}

#[test]
fn overlapping_and_unordered_dates() {
    let mut f = Fixture::new();
    let value = |from: &str, until: Option<&str>, v: &str| {
        let mut x = json!({ "from": from, "value": v, "cite": cite() });
        if let Some(u) = until {
            x["until"] = json!(u);
        }
        x
    };
    let with_values = |values: Value| {
        let mut p = valid_province("110000");
        p["parameters"]["x.rate"]["values"] = values;
        text(&p)
    };
    let e = f.refused(&with_values(json!([value("2020-01-01", None, "0.5"), value("2019-01-01", None, "0.6")])));
    assert_has(&e, "date.order", "parameters[\"x.rate\"].values[1].from");
    let e = f.refused(&with_values(json!([value("2020-01-01", None, "0.5"), value("2020-01-01", None, "0.6")])));
    assert_has(&e, "date.order", "parameters[\"x.rate\"].values[1].from");
    let e = f.refused(&with_values(json!([value("2020-01-01", Some("2021-06-30"), "0.5"), value("2021-01-01", None, "0.6")])));
    assert_has(&e, "date.overlap", "parameters[\"x.rate\"].values[1].from");
    let e = f.refused(&with_values(json!([value("2020-01-01", Some("2019-12-31"), "0.5")])));
    assert_has(&e, "date.order", "parameters[\"x.rate\"].values[0].until");
    let e = f.refused(&with_values(json!([value("2019-02-29", None, "0.5")])));
    assert_has(&e, "date.invalid", "parameters[\"x.rate\"].values[0].from");

    let mut p = valid_province("110000");
    p["programmes"][0]["from"] = json!("2022-01-01");
    p["programmes"][0]["until"] = json!("2021-01-01");
    assert_has(&f.refused(&text(&p)), "date.order", "programmes[0].until");
    f.assert_intact();
}

#[test]
fn absurd_amounts_and_rates() {
    let mut f = Fixture::new();
    let path = "parameters.amount.values[0].value";
    // (value as JSON text, unit, the codes that may name it)
    let cases: &[(&str, &str, &[&str])] = &[
        ("1e30", "yuan", &["money.too_large"]),
        ("\"1e30\"", "yuan", &["money.invalid"]),
        ("\"NaN\"", "yuan", &["money.invalid"]),
        ("\"Infinity\"", "yuan", &["money.invalid"]),
        ("\"-5\"", "yuan", &["money.negative"]),
        ("-5", "yuan", &["money.negative"]),
        ("-1e3", "yuan", &["money.negative"]),
        ("\"100000000.01\"", "yuan", &["money.too_large"]),
        ("\"99999999999999999999999999999999\"", "yuan", &["money.too_large"]),
        ("\"12.345\"", "yuan", &["money.precision"]),
        ("1e-30", "yuan", &["money.precision", "money.too_large"]),
        ("\"1.5\"", "rate", &["rate.range"]),
        ("1.0000000001", "rate", &["rate.range"]),
        ("\"-0.1\"", "rate", &["money.negative"]),
        ("\"0.5\"", "age", &["number.whole"]),
        ("\"131\"", "age", &["number.range"]),
        ("\"2.5\"", "count", &["number.whole"]),
        ("true", "yuan", &["money.invalid"]),
        ("[]", "yuan", &["money.invalid"]),
        ("\" 5\"", "yuan", &["money.invalid"]),
        ("\"5 \"", "yuan", &["money.invalid"]),
        ("\"+5\"", "yuan", &["money.invalid"]),
        ("\"0x10\"", "yuan", &["money.invalid"]),
        ("\"５\"", "yuan", &["money.invalid"]),
    ];
    for (value, unit, codes) in cases {
        let mut p = province_pack("110000", json!({ "amount": param(unit, "1") }), json!([]));
        p["parameters"]["amount"]["values"][0]["value"] = serde_json::from_str(value).unwrap();
        let e = f.refused(&text(&p));
        let got = hardening_support::codes(&e);
        assert!(got.iter().any(|(c, p)| p == path && codes.contains(&c.as_str())), "{value} as {unit}: expected one of {codes:?} at {path}, got {got:?}");
    }
    // A factor may exceed 1 but not the amount limit.
    let mut p = province_pack("110000", json!({ "f": param("factor", "1.5") }), json!([]));
    assert!(f.engine.validate_pack_json(&text(&p)).is_ok());
    p["parameters"]["f"]["values"][0]["value"] = json!("100000000.5");
    assert_has(&f.refused(&text(&p)), "money.too_large", "parameters.f.values[0].value");
    f.assert_intact();
}

#[test]
fn unknown_kinds_fields_units_and_documents() {
    let mut f = Fixture::new();
    let mut p = valid_province("110000");
    p["programmes"][0]["kind"] = json!("free_money");
    assert_has(&f.refused(&text(&p)), "enum.unknown", "programmes[0].kind");

    let mut p = valid_province("110000");
    p["surprise"] = json!(1);
    p["programmes"][0]["surprise"] = json!(1);
    p["programmes"][0]["rule"]["surprise"] = json!(1);
    p["parameters"]["x.rate"]["values"][0]["surprise"] = json!(1);
    p["documents"]["t"]["surprise"] = json!(1);
    let e = f.refused(&text(&p));
    for path in ["surprise", "programmes[0].surprise", "programmes[0].rule.surprise", "parameters[\"x.rate\"].values[0].surprise", "documents.t.surprise"] {
        assert_has(&e, "field.unknown", path);
    }

    let mut p = valid_province("110000");
    p["parameters"]["x.rate"]["unit"] = json!("percent");
    assert_has(&f.refused(&text(&p)), "enum.unknown", "parameters[\"x.rate\"].unit");

    // A parameter of the wrong unit in a slot: an amount where a rate belongs.
    let p = province_pack("110000", json!({ "x.amount": param("yuan", "500.00") }), json!([rate_programme("x.assist", "x.amount")]));
    assert_has(&f.refused(&text(&p)), "parameter.unit", "programmes[0].rule.rate");
    // A slot naming no parameter at all.
    let p = province_pack("110000", json!({}), json!([rate_programme("x.assist", "x.nothing")]));
    assert_has(&f.refused(&text(&p)), "parameter.unknown", "programmes[0].rule.rate");

    // Cites naming a missing document, in a value and in a programme.
    let mut p = valid_province("110000");
    p["parameters"]["x.rate"]["values"][0]["cite"]["doc"] = json!("nowhere");
    p["programmes"][0]["cite"]["doc"] = json!("nowhere");
    let e = f.refused(&text(&p));
    assert_has(&e, "cite.doc_unknown", "parameters[\"x.rate\"].values[0].cite.doc");
    assert_has(&e, "cite.doc_unknown", "programmes[0].cite.doc");

    // Replacing a programme no ancestor has; a region outside its parent; a level not below it.
    let mut p = valid_province("110000");
    p["replaces"] = json!(["cn.no_such_programme"]);
    assert_has(&f.refused(&text(&p)), "replaces.unknown", "replaces[0]");
    let mut p = valid_province("110000");
    p["level"] = json!("nation");
    assert_has(&f.refused(&text(&p)), "pack.level", "level");
    let mut p = valid_province("110000");
    p["id"] = json!("cn-120000");
    assert_has(&f.refused(&text(&p)), "pack.id", "id");
    f.assert_intact();
}

#[test]
fn ten_thousand_programmes_and_the_count_limits() {
    let mut f = Fixture::new();
    let many = |n: usize| -> Vec<Value> { (0..n).map(|i| rate_programme(&format!("x.p{i}"), "x.rate")).collect() };
    let start = Instant::now();
    let p = province_pack("110000", json!({ "x.rate": param("rate", "0.5") }), json!(many(10_000)));
    let t = text(&p);
    assert!(t.len() < MAX_PACK_BYTES, "the 10,000 programmes should fit in the byte limit to test the count limit");
    assert_has(&f.refused(&t), "list.too_long", "programmes");
    assert!(start.elapsed() < Duration::from_secs(10), "10,000 programmes took {:?}", start.elapsed());

    // At the limit it loads (and is checked in reasonable time).
    let start = Instant::now();
    let p = province_pack("110000", json!({ "x.rate": param("rate", "0.5") }), json!(many(MAX_PROGRAMMES)));
    assert_eq!(f.engine.validate_pack_json(&text(&p)), Ok(()));
    assert!(start.elapsed() < Duration::from_secs(10));

    let params = |n: usize| -> Value { (0..n).map(|i| (format!("p{i}"), param("yuan", "1.00"))).collect::<serde_json::Map<_, _>>().into() };
    let p = province_pack("110000", params(MAX_PARAMETERS + 1), json!([]));
    assert_has(&f.refused(&text(&p)), "list.too_long", "parameters");
    let p = province_pack("110000", params(MAX_PARAMETERS), json!([]));
    assert_eq!(f.engine.validate_pack_json(&text(&p)), Ok(()));

    let values =
        |n: usize| -> Value { (0..n).map(|i| json!({ "from": format!("{:04}-01-01", 1900 + i), "value": "1.00", "cite": cite() })).collect::<Vec<_>>().into() };
    let mut p = province_pack("110000", json!({ "a": param("yuan", "1.00") }), json!([]));
    p["parameters"]["a"]["values"] = values(MAX_VALUES + 1);
    assert_has(&f.refused(&text(&p)), "list.too_long", "parameters.a.values");
    p["parameters"]["a"]["values"] = values(MAX_VALUES);
    assert_eq!(f.engine.validate_pack_json(&text(&p)), Ok(()));

    let mut p = valid_province("110000");
    let docs: serde_json::Map<String, Value> = (0..=MAX_DOCUMENTS).map(|i| (format!("d{i}"), documents()["t"].clone())).collect();
    p["documents"] = docs.into();
    assert_has(&f.refused(&text(&p)), "list.too_long", "documents");

    let mut p = valid_province("110000");
    p["examples"] = (0..=MAX_EXAMPLES).map(|i| json!({ "name": format!("e{i}"), "household": small_household("110000") })).collect::<Vec<_>>().into();
    assert_has(&f.refused(&text(&p)), "list.too_long", "examples");

    let mut p = valid_province("110000");
    p["programmes"][0]["cite"]["quote"] = json!("长".repeat(MAX_TEXT + 1));
    p["programmes"][0]["title"]["zh"] = json!("长".repeat(MAX_STRING + 1));
    let e = f.refused(&text(&p));
    assert_has(&e, "string.too_long", "programmes[0].cite.quote");
    assert_has(&e, "string.too_long", "programmes[0].title.zh");
    f.assert_intact();
}

#[test]
fn deep_nesting_stops_at_the_parsers_recursion_limit() {
    let mut f = Fixture::new();
    for depth in [129, 1_000, 100_000] {
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_has(&f.refused(&deep), "json.syntax", "");
        assert_has(&f.engine.report_json(&deep, Some("zh-CN")).unwrap_err(), "json.syntax", "");
        // Deep inside a field of an otherwise valid document.
        let mut p = text(&valid_province("110000"));
        p.insert_str(1, &format!("\"note\":{},", deep));
        assert_has(&f.refused(&p), "json.syntax", "");
        let h = text(&small_household("150203"));
        let h = format!("{{\"extra\":{},{}", deep, &h[1..]);
        assert_has(&f.engine.report_json(&h, Some("zh-CN")).unwrap_err(), "json.syntax", "");
    }
    let objects = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    assert_has(&f.refused(&objects), "json.syntax", "");
    // Nesting under the limit in an unknown field: read and refused by name, not by depth.
    let nested = format!("{}{}", "[".repeat(100), "]".repeat(100));
    let mut p = text(&valid_province("110000"));
    p.insert_str(1, &format!("\"deep\":{},", nested));
    assert_has(&f.refused(&p), "field.unknown", "deep");
    f.assert_intact();
}

#[test]
fn packs_past_the_byte_limit() {
    let mut f = Fixture::new();
    let mut p = valid_province("110000");
    p["programmes"][0]["cite"]["note"] = json!("x".repeat(10 << 20));
    let t = text(&p);
    assert!(t.len() > 10_000_000);
    let start = Instant::now();
    let e = f.refused(&t);
    assert_eq!(codes(&e), vec![("input.too_large".to_string(), String::new())]);
    assert!(start.elapsed() < Duration::from_secs(1), "a 10 MB pack took {:?} to refuse", start.elapsed());
    // Just under the byte limit: read in full, the over-long text named by its path.
    p["programmes"][0]["cite"]["note"] = json!("x".repeat(MAX_PACK_BYTES - 2000));
    let t = text(&p);
    assert!(t.len() <= MAX_PACK_BYTES, "{}", t.len());
    assert_has(&f.refused(&t), "string.too_long", "programmes[0].cite.note");
    f.assert_intact();
}

#[test]
fn hostile_errors_are_bounded() {
    // A pack with thousands of problems lists at most 200 of them, then says there are more.
    let mut f = Fixture::new();
    let mut p = valid_province("110000");
    for i in 0..5000 {
        p[format!("junk{i}")] = json!(i);
    }
    let e = f.refused(&text(&p));
    let c = codes(&e);
    assert_eq!(c.len(), huimin::problem::MAX_PROBLEMS + 1, "{e:.1000}");
    assert!(c.iter().any(|(k, _)| k == "errors.too_many"));
    f.assert_intact();
}

#[test]
fn every_problem_of_a_rule_at_once() {
    // Regression (found by tests/hostile_packs.rs): a rule with a required slot missing stopped
    // before reporting its unknown fields.
    let mut f = Fixture::new();
    let mut p = valid_province("110000");
    p["programmes"][0]["rule"] = json!({ "rat": "x.rate", "annualcap": "x" });
    let e = f.refused(&text(&p));
    assert_has(&e, "field.required", "programmes[0].rule.rate");
    assert_has(&e, "field.unknown", "programmes[0].rule.rat");
    assert_has(&e, "field.unknown", "programmes[0].rule.annualcap");
    f.assert_intact();
}

// ---------------------------------------------------------------------------------------------
// The report's size: a valid but hostile pack against the largest household

#[test]
fn a_pack_that_would_make_a_gigantic_report_is_refused_per_household() {
    let mut f = Fixture::new();
    // Long texts where one copy serves every entry (the document, the parameter's citation), and
    // every programme a stay-level one: the pack stays under its byte limit.
    let long = "长".repeat(MAX_TEXT);
    let mut p = province_pack(
        "110000",
        json!({ "x.rate": param("rate", "0.333") }),
        json!((0..MAX_PROGRAMMES).map(|i| rate_programme(&format!("x.p{i}"), "x.rate")).collect::<Vec<_>>()),
    );
    p["parameters"]["x.rate"]["values"][0]["cite"]["quote"] = json!(long);
    p["parameters"]["x.rate"]["values"][0]["cite"]["note"] = json!(long);
    for k in ["title", "source", "note"] {
        p["documents"]["t"][k] = json!(long);
    }
    for pr in p["programmes"].as_array_mut().unwrap() {
        pr["cite"]["quote"] = json!("长".repeat(300));
    }
    assert!(text(&p).len() < MAX_PACK_BYTES);
    // The pack itself is valid and loads.
    assert_eq!(f.engine.load_pack_json(&text(&p)), Ok("cn-110000".to_string()));
    // A small household gets its report.
    let small = f.engine.report_json(&text(&small_household("110000")), Some("zh-CN")).expect("a small household evaluates");
    assert!(small.len() < 64 << 20);
    // The largest household would need gigabytes: refused at once, with a clear error.
    let start = Instant::now();
    let e = f.engine.report_json(&text(&maximal_household("110000")), Some("zh-CN")).unwrap_err();
    assert_eq!(codes(&e), vec![("report.too_large".to_string(), String::new())]);
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
    f.assert_intact();
}

#[test]
fn the_report_bound_holds_and_the_shipped_packs_fit_in_it() {
    let engine = Engine::with_shipped_packs();
    for region in distinct_regions(&engine) {
        let mut with_overrides = maximal_household(&region);
        let (pack, _) = engine.registry().pack_for_region(&region).unwrap();
        let policy = engine.registry().policy(&pack).unwrap();
        // Every local figure supplied (at its unit's largest sensible value), so every programme computes.
        let overrides: serde_json::Map<String, Value> = policy
            .parameters
            .iter()
            .filter(|(_, p)| p.values.is_empty())
            .map(|(k, p)| {
                (
                    k.clone(),
                    json!(match p.unit.json() {
                        "rate" => "0.5",
                        "factor" => "2",
                        "age" => "60",
                        "count" => "10",
                        _ => "100000000.00",
                    }),
                )
            })
            .collect();
        with_overrides["overrides"] = overrides.into();
        for h in [small_household(&region), maximal_household(&region), with_overrides] {
            let hh = huimin::household::parse_household(&text(&h)).unwrap();
            let bound = huimin::budget::report_bound(&hh, &policy);
            let report = engine.report_json(&text(&h), Some("zh-CN")).unwrap_or_else(|e| panic!("{region}: {e:.500}"));
            assert!(report.len() <= bound, "{region}: report {} bytes, bound {bound}", report.len());
            eprintln!("{region}: report {} bytes, bound {bound}", report.len());
            // Well below the limit (the bound is generous: 510811's largest report is about 7 MB of
            // its 34 MB bound). Raised from a half to five eighths when every stay entry of a
            // source older than the date gained its `policy.stale` marker (issue 11).
            assert!(
                bound <= huimin::budget::MAX_REPORT_BYTES / 8 * 5,
                "{region}: the largest household uses {bound} of {} bytes",
                huimin::budget::MAX_REPORT_BYTES
            );
        }
    }
}

#[test]
fn a_stays_entry_names_only_its_own_missing_inputs() {
    // Regression: every needs_info entry of a stay listed the missing inputs of all the stays
    // before it, so the report grew with the square of the stays (56 MB for the largest
    // household in 150203, 8 MB after the fix).
    let engine = Engine::with_shipped_packs();
    let size = |stays: usize| {
        let mut h = maximal_household("150203");
        for m in h["members"].as_array_mut().unwrap() {
            m["stays"].as_array_mut().unwrap().truncate(stays);
        }
        h["overrides"] = json!({ "medicalAssistanceAnnualCap": "100000000.00" });
        let r = engine.report_json(&text(&h), Some("zh-CN")).unwrap();
        let v: Value = serde_json::from_str(&r).unwrap();
        for e in v["entitlements"].as_array().unwrap().iter().filter(|e| e["stay"].is_u64() && e["status"] == "needs_info") {
            let own = format!("members[{}].stays[{}]", e["member"].as_str().unwrap().trim_start_matches('m'), e["stay"]);
            for n in e["needs"].as_array().unwrap() {
                let n = n.as_str().unwrap();
                assert!(!n.starts_with("members[") || n.starts_with(&own), "{own} needs {n}");
            }
            let steps = serde_json::to_string(&e["steps"]).unwrap();
            assert!(steps.matches(".insurancePaid").count() <= 2, "{own}: {steps:.500}");
        }
        r.len()
    };
    let (half, full) = (size(25), size(50));
    assert!(full < half * 5 / 2, "the report grows faster than the stays: {half} bytes for 25 stays a member, {full} for 50");
}

// ---------------------------------------------------------------------------------------------
// Household limits and time

#[test]
fn household_limits_are_enforced_with_paths() {
    let engine = Engine::with_shipped_packs();
    let refuse = |h: &Value| engine.report_json(&text(h), Some("zh-CN")).unwrap_err();

    let mut h = small_household("150203");
    h["members"] = (0..=MAX_MEMBERS).map(|i| json!({ "id": format!("m{i}"), "age": 30 })).collect::<Vec<_>>().into();
    assert_has(&refuse(&h), "list.too_long", "members");
    h["members"] = json!([]);
    assert_has(&refuse(&h), "members.empty", "members");

    let stay = json!({ "total": "1.00", "covered": "1.00" });
    let mut h = small_household("150203");
    h["members"][0]["stays"] = (0..=MAX_STAYS).map(|_| stay.clone()).collect::<Vec<_>>().into();
    assert_has(&refuse(&h), "list.too_long", "members[0].stays");

    let mut h = small_household("150203");
    h["members"][0]["name"] = json!("名".repeat(MAX_STRING + 1));
    h["id"] = json!("x".repeat(MAX_STRING + 1));
    let e = refuse(&h);
    assert_has(&e, "string.too_long", "members[0].name");
    assert_has(&e, "string.too_long", "id");
    h["members"][0]["name"] = json!("名".repeat(MAX_STRING));
    h["id"] = json!("x".repeat(MAX_STRING));
    assert!(engine.report_json(&text(&h), Some("zh-CN")).is_ok(), "strings of exactly {MAX_STRING} characters are accepted");

    let mut h = small_household("150203");
    h["annualNetIncome"] = json!("100000000.01");
    h["members"][1]["chronic"]["selfPayInCatalog"] = json!("100000000.001");
    h["members"][4]["stays"][0]["total"] = json!(1e9);
    h["members"][4]["stays"][0]["covered"] = json!("-1");
    h["members"][4]["stays"][0]["insurancePaid"] = json!("abc");
    let e = refuse(&h);
    assert_has(&e, "money.too_large", "annualNetIncome");
    assert_has(&e, "money.precision", "members[1].chronic.selfPayInCatalog");
    assert_has(&e, "money.too_large", "members[4].stays[0].total");
    assert_has(&e, "money.negative", "members[4].stays[0].covered");
    assert_has(&e, "money.invalid", "members[4].stays[0].insurancePaid");

    let mut h = small_household("150203");
    h["members"][4]["stays"][0] = json!({ "total": "100.00", "covered": "200.00", "insurancePaid": "300.00" });
    let e = refuse(&h);
    assert_has(&e, "stay.covered_above_total", "members[4].stays[0].covered");
    assert_has(&e, "stay.insurance_above_covered", "members[4].stays[0].insurancePaid");

    let mut h = small_household("150203");
    h["overrides"] = (0..=MAX_OVERRIDES).map(|i| (format!("p{i}"), json!("1"))).collect::<serde_json::Map<_, _>>().into();
    assert_has(&refuse(&h), "list.too_long", "overrides");
    h["overrides"] = json!({ "medicalAssistanceRate": "1.5", "noSuchParameter": "1", "dibaoStandardMonthly": "450.005" });
    let e = refuse(&h);
    assert_has(&e, "rate.range", "overrides.medicalAssistanceRate");
    assert_has(&e, "override.unknown", "overrides.noSuchParameter");
    assert_has(&e, "money.precision", "overrides.dibaoStandardMonthly");

    let mut h = small_household("150203");
    h["members"][0]["name"] = json!("x".repeat(MAX_INPUT_BYTES));
    assert_eq!(codes(&refuse(&h)), vec![("input.too_large".to_string(), String::new())]);

    let mut h = small_household("150203");
    h["members"][0]["age"] = json!(131);
    h["members"][1]["age"] = json!(-1);
    h["members"][2]["age"] = json!(45.5);
    h["members"][3]["disability"] = json!(5);
    let e = refuse(&h);
    for i in 0..3 {
        assert_has(&e, "number.range", &format!("members[{i}].age"));
    }
    assert_has(&e, "number.range", "members[3].disability");
}

#[test]
fn the_largest_household_evaluates_quickly_in_every_region() {
    let engine = Engine::with_shipped_packs();
    let h = |r: &str| text(&maximal_household(r));
    // A debug build is many times slower than the release build that ships; the promise (well
    // under a second) is checked in release, a loose bound in debug.
    let limit = if cfg!(debug_assertions) { Duration::from_secs(20) } else { Duration::from_millis(500) };
    for region in distinct_regions(&engine) {
        let text = h(&region);
        let start = Instant::now();
        let out = engine.report_json(&text, Some("zh-CN"));
        let took = start.elapsed();
        assert!(out.is_ok(), "{region}: {:.300}", out.unwrap_err());
        assert!(took < limit, "{region}: the largest household took {took:?}");
        eprintln!("{region}: largest household {took:?}, report {} bytes", out.unwrap().len());
    }
    // The largest refused input (just past the byte limit) is refused at once.
    let big = format!("{{\"x\":\"{}\"}}", "y".repeat(MAX_INPUT_BYTES));
    let start = Instant::now();
    assert!(engine.report_json(&big, Some("zh-CN")).is_err());
    assert!(start.elapsed() < Duration::from_millis(100));
}
