//! The WebAssembly boundary in headless Chromium (wasm-bindgen-test, `run_in_browser`).
//!
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm
//!
//! All tests run in one module instance, so every test after the malformed-input storm also
//! checks that the instance still answers correctly.
#![cfg(target_arch = "wasm32")]

use huimin::wasm::{evaluate, labels, load_messages, load_policy, regions, totals_at_incomes, validate_policy, version};
use js_sys::{BigInt, Function, Object, Reflect, Symbol, JSON};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------------
// helpers

/// A JS value back to serde_json, through JSON text (what a page would see).
fn to_value(v: &JsValue) -> Value {
    let text = JSON::stringify(v).ok().and_then(|s| s.as_string()).expect("result is JSON-representable");
    serde_json::from_str(&text).expect("result is JSON")
}

/// A serde_json value as a plain JS object.
fn js(v: &Value) -> JsValue {
    JSON::parse(&v.to_string()).expect("valid JSON")
}

/// `evaluate` with no options (zh-CN texts).
fn ev(household: JsValue) -> JsValue {
    evaluate(household, None)
}

fn eval(v: &Value) -> Value {
    to_value(&ev(js(v)))
}

/// The errors of an error result, after checking the documented shape:
/// `{ "errors": [ { "code", "path", "zh", "en" } ] }`, non-empty, sorted by path, nothing else.
fn errors_of(result: &Value) -> Vec<Value> {
    let obj = result.as_object().unwrap_or_else(|| panic!("result is an object: {result}"));
    assert_eq!(obj.len(), 1, "an error result has only `errors`: {result}");
    let errors = obj.get("errors").and_then(Value::as_array).unwrap_or_else(|| panic!("`errors` is an array: {result}"));
    assert!(!errors.is_empty(), "an error result lists at least one error: {result}");
    for e in errors {
        let e = e.as_object().expect("each error is an object");
        for key in ["code", "path", "zh", "en"] {
            assert!(e.get(key).is_some_and(Value::is_string), "error has a string `{key}`: {e:?}");
        }
        assert!(!e["code"].as_str().unwrap().is_empty(), "error code is not empty");
        assert!(!e["zh"].as_str().unwrap().is_empty(), "error has Chinese text");
        assert!(!e["en"].as_str().unwrap().is_empty(), "error has English text");
    }
    let paths: Vec<&str> = errors.iter().map(|e| e["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "errors are sorted by path");
    errors.clone()
}

fn is_error_result(v: &Value) -> bool {
    v.get("errors").is_some()
}

fn assert_report(v: &Value) {
    assert!(!is_error_result(v), "expected a report, got {v}");
    for key in ["region", "asOf", "policy", "entitlements", "checks", "totals", "needsInfo", "alerts", "warnings"] {
        assert!(v.get(key).is_some(), "report has `{key}`: {v}");
    }
}

fn paths(errors: &[Value]) -> Vec<String> {
    errors.iter().map(|e| e["path"].as_str().unwrap().to_string()).collect()
}

/// The error at `path` has `code`.
fn has_error(errors: &[Value], path: &str, code: &str) -> bool {
    errors.iter().any(|e| e["path"] == json!(path) && e["code"] == json!(code))
}

fn kundulun_household() -> Value {
    json!({
        "region": "150203",
        "asOf": "2017-09-01",
        "status": ["registered_poor"],
        "annualNetIncome": "9600.00",
        "members": [
            { "id": "m1", "name": "张三", "age": 45, "laborAbility": "full" },
            { "id": "m2", "age": 72, "chronic": { "listed": true, "selfPayInCatalog": "5200.00" } },
            { "id": "m3", "age": 18, "school": { "stage": "undergraduate", "freshman": true } }
        ]
    })
}

/// The entitlement of a rule kind for a member with a given amount.
fn entitlement<'a>(report: &'a Value, kind: &str, member: &str, amount: &str) -> Option<&'a Value> {
    report["entitlements"].as_array()?.iter().find(|e| e["kind"] == json!(kind) && e["member"] == json!(member) && e["amount"] == json!(amount))
}

// ---------------------------------------------------------------------------------------------
// valid households

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn regions_lists_the_seed_places() {
    let list = to_value(&regions());
    let list = list.as_array().expect("regions() is an array");
    for r in list {
        for key in ["code", "id", "level", "zh", "en"] {
            assert!(r[key].is_string(), "region has `{key}`: {r}");
        }
        assert!(r.get("parent").is_some(), "region has `parent`: {r}");
    }
    let codes: Vec<&str> = list.iter().filter_map(|r| r["code"].as_str()).collect();
    for code in ["150203", "510811"] {
        assert!(codes.contains(&code), "regions() has {code}: {codes:?}");
    }
}

#[wasm_bindgen_test]
fn kundulun_undergraduate_freshman_gets_10000_once() {
    let report = eval(&kundulun_household());
    assert_report(&report);
    assert_eq!(report["region"], "150203");
    let grant = entitlement(&report, "student_grant", "m3", "10000.00").unwrap_or_else(|| panic!("a 10000.00 grant for the freshman: {report}"));
    assert_eq!(grant["status"], "entitled", "{grant}");
    assert_eq!(grant["amount"], "10000.00", "{grant}");
    assert_eq!(grant["period"], "once", "{grant}");
    assert_eq!(grant["area"], "education");
    let quote = grant["citation"]["quote"].as_str().unwrap_or("");
    assert!(quote.contains("10000"), "the citation quotes the policy: {grant}");
    assert_eq!(grant["citation"]["source"], "004_33b9fa698911b5ee.txt");
    assert!(!grant["steps"].as_array().is_none_or(Vec::is_empty), "steps explain the figure");
}

#[wasm_bindgen_test]
fn kundulun_chronic_relief_and_premium() {
    let report = eval(&kundulun_household());
    assert_report(&report);
    // (5200 − 3000) × 50% = 1100.00 per year
    let chronic = entitlement(&report, "chronic_relief", "m2", "1100.00").unwrap_or_else(|| panic!("1100.00 chronic relief for m2: {report}"));
    assert_eq!(chronic["status"], "entitled");
    assert_eq!(chronic["period"], "year");
    // the resident medical insurance premium: 130 yuan per insured member
    let premium = entitlement(&report, "premium_subsidy", "m1", "130.00").unwrap_or_else(|| panic!("a 130.00 premium subsidy for m1: {report}"));
    assert_eq!(premium["status"], "entitled");
}

#[wasm_bindgen_test]
fn a_string_and_an_object_give_the_same_report() {
    let h = kundulun_household();
    let from_object = to_value(&ev(js(&h)));
    let from_string = to_value(&ev(JsValue::from_str(&h.to_string())));
    assert_report(&from_object);
    assert_eq!(from_object, from_string);
}

#[wasm_bindgen_test]
fn money_as_a_number_is_read_exactly() {
    let mut h = kundulun_household();
    h["annualNetIncome"] = json!(9600);
    let report = eval(&h);
    assert_report(&report);
}

// ---------------------------------------------------------------------------------------------
// every error shape

#[wasm_bindgen_test]
fn unknown_field_is_named_by_path() {
    let mut h = kundulun_household();
    h["members"][0]["favouriteColour"] = json!("red");
    let errors = errors_of(&eval(&h));
    assert!(has_error(&errors, "members[0].favouriteColour", "field.unknown"), "{errors:?}");
    let mut h = kundulun_household();
    h["incomee"] = json!("1.00");
    let errors = errors_of(&eval(&h));
    assert!(has_error(&errors, "incomee", "field.unknown"), "{errors:?}");
}

#[wasm_bindgen_test]
fn bad_age_is_named_by_path() {
    for age in [json!(-1), json!(131), json!(1.5), json!("forty")] {
        let mut h = kundulun_household();
        h["members"][1]["age"] = age.clone();
        let errors = errors_of(&eval(&h));
        assert!(paths(&errors).contains(&"members[1].age".to_string()), "age {age}: {errors:?}");
        assert_eq!(errors.len(), 1, "only the age is wrong: {errors:?}");
    }
}

#[wasm_bindgen_test]
fn bad_money_string_is_named_by_path() {
    for money in ["12,3x", "1.234", "-5.00", "", "1e5", "NaN", "100000000.01"] {
        let mut h = kundulun_household();
        h["annualNetIncome"] = json!(money);
        let errors = errors_of(&eval(&h));
        assert!(paths(&errors).contains(&"annualNetIncome".to_string()), "money {money:?}: {errors:?}");
        assert_eq!(errors.len(), 1, "only the income is wrong: {errors:?}");
    }
}

#[wasm_bindgen_test]
fn covered_above_total_is_refused() {
    let mut h = kundulun_household();
    h["members"][0]["stays"] = json!([{ "inDistrict": true, "total": "1000.00", "covered": "2000.00" }]);
    let errors = errors_of(&eval(&h));
    assert!(has_error(&errors, "members[0].stays[0].covered", "stay.covered_above_total"), "{errors:?}");
}

#[wasm_bindgen_test]
fn unknown_region_is_refused() {
    let mut h = kundulun_household();
    h["region"] = json!("999999");
    let errors = errors_of(&eval(&h));
    assert!(has_error(&errors, "region", "region.unknown"), "{errors:?}");
}

#[wasm_bindgen_test]
fn every_problem_at_once_sorted_by_path() {
    let mut h = kundulun_household();
    h["annualNetIncome"] = json!("abc");
    h["members"][2]["age"] = json!(-3);
    h["members"][0]["stays"] = json!([{ "total": "1.00", "covered": "2.00" }]);
    let errors = errors_of(&eval(&h));
    let p = paths(&errors);
    assert!(p.contains(&"annualNetIncome".to_string()), "{p:?}");
    assert!(p.contains(&"members[2].age".to_string()), "{p:?}");
    assert!(p.contains(&"members[0].stays[0].covered".to_string()), "{p:?}");
    assert_eq!(errors.len(), 3, "{errors:?}");
}

#[wasm_bindgen_test]
fn values_json_cannot_carry_are_errors_not_throws() {
    let cyclic = Object::new();
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    let throwing = Object::new();
    let getter = Object::new();
    Reflect::set(&getter, &"get".into(), &Function::new_no_args("throw new Error('boom')")).unwrap();
    Reflect::set(&getter, &"enumerable".into(), &JsValue::TRUE).unwrap();
    Object::define_property(&throwing, &"region".into(), &getter);
    let inputs: Vec<JsValue> = vec![
        JsValue::UNDEFINED,
        JsValue::NULL,
        BigInt::from(10u32).into(),
        Symbol::for_("huimin").into(),
        Function::new_no_args("return 1").into(),
        cyclic.into(),
        throwing.into(),
    ];
    for input in inputs {
        for result in [ev(input.clone()), validate_policy(input.clone()), load_policy(input.clone())] {
            let errors = errors_of(&to_value(&result));
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0]["path"], "", "{errors:?}");
            let code = errors[0]["code"].as_str().unwrap();
            assert!(code == "input.none" || code == "input.not_json", "{errors:?}");
        }
    }
}

#[wasm_bindgen_test]
fn not_json_text_and_wrong_types_are_errors() {
    for text in ["", "{", "[]", "null", "42", "\"x\"", "{\"region\":", "\u{feff}{}"] {
        errors_of(&to_value(&ev(JsValue::from_str(text))));
    }
    for v in [json!([]), json!(1), json!(true), json!({}), json!({ "members": [] })] {
        errors_of(&eval(&v));
    }
    let huge = format!("{{\"region\":\"150203\",\"pad\":\"{}\"}}", "x".repeat(1_100_000));
    errors_of(&to_value(&ev(JsValue::from_str(&huge))));
}

#[wasm_bindgen_test]
fn bad_packs_are_refused_with_errors() {
    for pack in [
        json!({}),
        json!({ "id": "cn-999999", "region": "999999", "parent": "cn-nowhere",
                                    "level": "county", "name": { "zh": "无", "en": "None" } }),
        json!({ "id": "x", "bogus": 1 }),
    ] {
        errors_of(&to_value(&validate_policy(js(&pack))));
        errors_of(&to_value(&load_policy(js(&pack))));
    }
}

#[wasm_bindgen_test]
fn a_loaded_pack_is_used_by_evaluate() {
    // A county pack under Baotou that changes nothing: loading it must make its region evaluable.
    let pack = json!({
        "id": "cn-150207", "region": "150207", "parent": "cn-150200", "level": "county",
        "name": { "zh": "九原区（测试）", "en": "Jiuyuan (test)" }
    });
    let v = to_value(&validate_policy(js(&pack)));
    assert_eq!(v, json!({ "ok": true }), "validatePolicy: {v}");
    let loaded = to_value(&load_policy(js(&pack)));
    assert_eq!(loaded, json!({ "ok": true, "id": "cn-150207" }), "loadPolicy: {loaded}");
    let codes = to_value(&regions());
    assert!(codes.as_array().unwrap().iter().any(|r| r["code"] == "150207"), "regions() lists the loaded pack");
    let mut h = kundulun_household();
    h["region"] = json!("150207");
    assert_report(&eval(&h));
}

// ---------------------------------------------------------------------------------------------
// a thousand malformed inputs, then a valid one on the same instance

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
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
    "school",
    "stage",
    "freshman",
    "boarding",
    "chronic",
    "listed",
    "selfPayInCatalog",
    "stays",
    "total",
    "covered",
    "insurancePaid",
    "inDistrict",
    "treatment",
    "grade",
    "insured",
    "medical",
    "pension",
    "disability",
    "laborAbility",
    "dibaoStandardMonthly",
    "__proto__",
    "constructor",
    "",
];

/// Random JSON text of a value (strings may carry lone surrogates and control escapes).
fn random_json(rng: &mut Rng, depth: u32) -> String {
    let leaf = depth == 0 || rng.below(3) == 0;
    match if leaf { rng.below(6) } else { 6 + rng.below(2) } {
        0 => "null".into(),
        1 => (if rng.below(2) == 0 { "true" } else { "false" }).into(),
        2 => rng.pick(&["0", "-1", "1e308", "-0", "0.1", "123456789012345678901234567890", "2.005", "131", "45"]).to_string(),
        3 => format!("{}", rng.next() as i64),
        4 => rng
            .pick(&[
                "\"\"",
                "\"150203\"",
                "\"2017-09-01\"",
                "\"2017-02-30\"",
                "\"undergraduate\"",
                "\"registered_poor\"",
                "\"\\ud800\"",
                "\"\\udfff\\ud800\"",
                "\"\\u0000\"",
                "\"10000.00\"",
                "\"-1.00\"",
                "\"1.005\"",
                "\"<img src=x onerror=alert(1)>\"",
                "\"张三\"",
                "\"D\"",
                "\"labor_recovery\"",
            ])
            .to_string(),
        5 => format!("\"{}\"", "y".repeat(rng.below(400) as usize)),
        6 => {
            let n = rng.below(5);
            let items: Vec<String> = (0..n).map(|_| random_json(rng, depth - 1)).collect();
            format!("[{}]", items.join(","))
        }
        _ => {
            let n = rng.below(6);
            let items: Vec<String> = (0..n).map(|_| format!("{}:{}", Value::from(rng.pick(KEYS)), random_json(rng, depth - 1))).collect();
            format!("{{{}}}", items.join(","))
        }
    }
}

/// Random bytes, read as text the way a page would hand over a corrupted file.
fn random_text(rng: &mut Rng) -> String {
    let n = rng.below(300) as usize;
    let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
    let mut s = String::from_utf8_lossy(&bytes).into_owned();
    if rng.below(4) == 0 {
        s.insert_str(0, rng.pick(&["{", "[", "{\"region\":", "\"", "[[[[[[[[[[[[", "{\"members\":["]));
    }
    s
}

/// A valid household with one random change somewhere.
fn mutate(rng: &mut Rng, mut v: Value) -> Value {
    fn walk<'a>(rng: &mut Rng, v: &'a mut Value, steps: u32) -> &'a mut Value {
        if steps == 0 {
            return v;
        }
        let next: Option<usize> = match v {
            Value::Object(m) if !m.is_empty() => Some(rng.below(m.len() as u64) as usize),
            Value::Array(a) if !a.is_empty() => Some(rng.below(a.len() as u64) as usize),
            _ => None,
        };
        match (v, next) {
            (Value::Object(m), Some(i)) => {
                let key = m.keys().nth(i).unwrap().clone();
                walk(rng, m.get_mut(&key).unwrap(), steps - 1)
            }
            (Value::Array(a), Some(i)) => walk(rng, &mut a[i], steps - 1),
            (v, _) => v,
        }
    }
    let steps = rng.below(5) as u32;
    let op = rng.below(5);
    let replacement: Value = serde_json::from_str(&random_json(rng, 3)).unwrap_or(Value::Null);
    let key = rng.pick(KEYS);
    let target = walk(rng, &mut v, steps);
    match (op, target) {
        (0, Value::Object(m)) => {
            if let Some(k) = m.keys().next().cloned() {
                m.remove(&k);
            }
        }
        (1, Value::Object(m)) => {
            m.insert(key.to_string(), replacement);
        }
        (2, Value::Array(a)) => a.push(replacement),
        (3, t) => *t = json!(-1),
        (_, t) => *t = replacement,
    }
    v
}

#[wasm_bindgen_test]
fn a_thousand_malformed_inputs_then_the_same_correct_report() {
    let valid = kundulun_household();
    let before = eval(&valid);
    assert_report(&before);

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut errors, mut reports) = (0, 0);
    for i in 0..1000 {
        let result: JsValue = match i % 4 {
            0 => ev(JsValue::from_str(&random_text(&mut rng))),
            1 => match JSON::parse(&random_json(&mut rng, 4)) {
                Ok(v) => ev(v),
                Err(_) => ev(JsValue::from_str(&random_json(&mut rng, 4))),
            },
            2 => ev(js(&mutate(&mut rng, valid.clone()))),
            _ => {
                // mutated text: cut, duplicated or with one byte changed
                let text = mutate(&mut rng, valid.clone()).to_string();
                let cut = rng.below(text.len() as u64 + 1) as usize;
                let cut = (0..=cut).rev().find(|&c| text.is_char_boundary(c)).unwrap_or(0);
                let s = match rng.below(3) {
                    0 => text[..cut].to_string(),
                    1 => format!("{}{}", &text[..cut], &text[cut..].repeat(2)),
                    _ => format!("{}{}{}", &text[..cut], rng.pick(&["\"", "{", "]", ",", "\\", "\u{0}"]), &text[cut..]),
                };
                let f = [ev, validate_policy][rng.below(2) as usize];
                f(JsValue::from_str(&s))
            }
        };
        let v = to_value(&result);
        if is_error_result(&v) {
            errors_of(&v);
            errors += 1;
        } else if v.get("ok").is_some() {
            reports += 1;
        } else {
            assert_report(&v);
            reports += 1;
        }
    }
    assert!(errors > 500, "most malformed inputs are refused ({errors} errors, {reports} reports)");

    // the instance still answers, and answers the same bytes
    let after = eval(&valid);
    assert_eq!(before, after, "the same household gives the same report after 1000 bad inputs");
    let again = ev(js(&valid));
    assert_eq!(JSON::stringify(&ev(js(&valid))).unwrap().as_string(), JSON::stringify(&again).unwrap().as_string());
}

/// The what-if curve in one call: each point's totals are those `evaluate` gives with that
/// income; bad incomes are errors at `incomes[i]` in both languages, garbage never throws, and the
/// instance answers the same after.
#[wasm_bindgen_test]
fn totals_at_incomes_are_each_evaluations_totals() {
    let valid = kundulun_household();
    let incomes = json!(["0", "4800.5", 9600, "20000.00"]);
    let v = to_value(&totals_at_incomes(js(&valid), js(&incomes)));
    let points = v["points"].as_array().expect("points");
    assert_eq!(points.len(), 4);
    for (p, income) in points.iter().zip(["0.00", "4800.50", "9600.00", "20000.00"]) {
        assert_eq!(p["annualNetIncome"], income);
        let mut h = valid.clone();
        h["annualNetIncome"] = json!(income);
        assert_eq!(p["totals"], eval(&h)["totals"], "{income}");
    }
    let bad = to_value(&totals_at_incomes(js(&valid), js(&json!(["1", "-5", "abc", 1.005]))));
    let errors = errors_of(&bad);
    let paths: Vec<&str> = errors.iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["incomes[1]", "incomes[2]", "incomes[3]"]);
    for e in errors {
        assert!(!e["zh"].as_str().unwrap().is_empty() && !e["en"].as_str().unwrap().is_empty(), "{e}");
    }
    assert!(is_error_result(&to_value(&totals_at_incomes(js(&valid), js(&json!({ "a": 1 }))))));
    assert!(is_error_result(&to_value(&totals_at_incomes(js(&valid), JsValue::UNDEFINED))));
    assert!(is_error_result(&to_value(&totals_at_incomes(js(&valid), js(&json!(vec!["1"; 201]))))));
    assert!(is_error_result(&to_value(&totals_at_incomes(JsValue::from_str("{"), js(&incomes)))));
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..200 {
        let r = to_value(&totals_at_incomes(js(&valid), JsValue::from_str(&random_json(&mut rng, 3))));
        assert!(is_error_result(&r) || r["points"].is_array(), "{r}");
    }
    assert_eq!(to_value(&totals_at_incomes(js(&valid), js(&incomes))), v);
}

// ---------------------------------------------------------------------------------------------
// a plain report in a language; catalogues loaded at run time

/// The six-member household of the benchmarks.
fn six_household() -> Value {
    serde_json::from_str(include_str!("support/six-members.json")).unwrap()
}

fn text_of(v: &JsValue) -> String {
    JSON::stringify(v).ok().and_then(|s| s.as_string()).expect("JSON text")
}

fn options(v: Value) -> Option<huimin::wasm::EvaluateOptions> {
    Some(js(&v).unchecked_into())
}

#[wasm_bindgen_test]
fn a_report_is_a_plain_object_with_the_native_bytes_in_each_language() {
    let engine = huimin::Engine::with_shipped_packs();
    for h in [kundulun_household(), six_household()] {
        let text = h.to_string();
        assert_eq!(text_of(&ev(JsValue::from_str(&text))), engine.report_json(&text, Some("zh-CN")).unwrap(), "zh-CN by default");
        let en = evaluate(JsValue::from_str(&text), options(json!({ "lang": "en" })));
        assert_eq!(text_of(&en), engine.report_json(&text, Some("en")).unwrap());
        let codes = evaluate(JsValue::from_str(&text), options(json!({ "texts": false })));
        assert_eq!(text_of(&codes), engine.report_json(&text, None).unwrap());
        // Plain data: every own property a value, none an accessor.
        let first = js_sys::Array::from(&Reflect::get(&en, &"entitlements".into()).unwrap()).get(0);
        let d = Object::get_own_property_descriptor(first.unchecked_ref::<Object>(), &"steps".into());
        assert!(Reflect::get(&d, &"get".into()).unwrap().is_undefined());
    }
}

#[wasm_bindgen_test]
fn a_catalogue_loaded_at_run_time_speaks_with_no_code_change() {
    let r = to_value(&load_messages(
        "x-wasm",
        JsValue::from_str("programme-open_to_all = WASM open\nstatus-registered_poor = WASM-POOR\nprogramme-covers = WASM covers { $covers }\n"),
    ));
    assert_eq!(r, json!({ "ok": true, "id": "x-wasm" }));
    let report = to_value(&evaluate(js(&kundulun_household()), options(json!({ "lang": "x-wasm" }))));
    assert_eq!(report["lang"], "x-wasm");
    assert!(report.to_string().contains("WASM covers WASM-POOR"), "its own messages");
    assert!(report.to_string().contains("元"), "the rest from zh-CN");
    let bad = to_value(&load_messages("x-bad", JsValue::from_str("broken = { $x\n")));
    assert_eq!(errors_of(&bad)[0]["code"], "messages.syntax");
    let labels = to_value(&labels("en"));
    assert_eq!(labels["area-dibao"], "Low-income guarantee");
    assert_eq!(labels["status-dibao"], "Minimum living guarantee (dibao)");
}

#[wasm_bindgen_test]
fn as_of_defaults_to_today_on_the_device() {
    let mut h = kundulun_household();
    h.as_object_mut().unwrap().remove("asOf");
    let report = eval(&h);
    let now = js_sys::Date::new_0();
    let today = format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date());
    assert_eq!(report["asOf"], json!(today), "{report}");
}

#[wasm_bindgen_test]
fn a_call_while_the_engine_is_busy_is_an_error_not_a_panic() {
    let text = six_household().to_string();
    let busy = huimin::wasm::with_engine(|_| ev(JsValue::from_str(&text))).expect("the engine is free here");
    assert_eq!(errors_of(&to_value(&busy))[0]["code"], "engine.busy");
    // Free again: the same instance answers.
    assert_report(&to_value(&ev(JsValue::from_str(&text))));
}

#[wasm_bindgen_test]
fn a_pack_loaded_is_used_by_the_next_evaluation() {
    // 150205 has no pack of its own until this one (a changed figure and its title) is loaded.
    let h = json!({
        "region": "150205", "asOf": "2017-09-01", "status": ["registered_poor"],
        "members": [{ "id": "m1", "age": 9, "school": { "stage": "primary", "boarding": true } }]
    });
    let pack = json!({
        "id": "cn-150205", "region": "150205", "parent": "cn-150200", "level": "county",
        "name": { "zh": "测试区", "en": "Test district" },
        "documents": { "t": { "title": "测试文件", "issuer": "测试", "date": "2017", "source": "test.txt", "confidence": "V" } },
        "parameters": { "boardingAllowancePrimary": {
            "title": { "zh": "小学寄宿生生活补助(测试)", "en": "Boarding allowance (test)" }, "unit": "yuan",
            "values": [{ "from": "2011-09-01", "value": "1111.00", "cite": { "doc": "t", "quote": "小学寄宿生每生每年1111元" } }]
        } }
    });
    let text = h.to_string();
    let mut engine = huimin::Engine::with_shipped_packs();
    let before = engine.report_json(&text, Some("zh-CN")).unwrap();
    engine.load_pack_json(&pack.to_string()).unwrap();
    let after = engine.report_json(&text, Some("zh-CN")).unwrap();
    assert_ne!(before, after);

    let earlier = ev(JsValue::from_str(&text));
    assert_eq!(to_value(&load_policy(js(&pack))), json!({ "ok": true, "id": "cn-150205" }));
    let later = ev(JsValue::from_str(&text));
    assert_eq!(text_of(&later), after, "evaluated after the load: the new pack");
    assert_eq!(text_of(&earlier), before, "a report is data: the load does not change it");
}
