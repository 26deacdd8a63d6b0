//! Helpers shared by the hardening suites (tests/properties.rs, tests/hostile_packs.rs,
//! tests/money_edges.rs): pack and household builders, and the checks every answer must pass.
#![allow(dead_code)]

use serde_json::{json, Value};

/// Every error document must be `{"errors":[…]}` with a non-empty list, each error carrying a
/// non-empty `code`, a string `path` and non-empty `zh` and `en`. Returns the errors.
pub fn errors_of(text: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("error text is not JSON ({e}): {text:.300}"));
    let obj = v.as_object().unwrap_or_else(|| panic!("error document is not an object: {text:.300}"));
    assert_eq!(obj.len(), 1, "error document has other keys than errors: {text:.300}");
    let list = obj["errors"].as_array().unwrap_or_else(|| panic!("errors is not a list: {text:.300}")).clone();
    assert!(!list.is_empty(), "empty error list");
    for e in &list {
        for k in ["code", "zh", "en"] {
            let s = e[k].as_str().unwrap_or_else(|| panic!("error without {k}: {e}"));
            assert!(!s.trim().is_empty(), "error with empty {k}: {e}");
        }
        assert!(e["path"].is_string(), "error without a path: {e}");
    }
    list
}

/// The (code, path) pairs of an error document, checking its shape on the way.
pub fn codes(text: &str) -> Vec<(String, String)> {
    errors_of(text).iter().map(|e| (e["code"].as_str().unwrap().to_string(), e["path"].as_str().unwrap().to_string())).collect()
}

/// Asserts that an error document holds `code` at `path`.
#[track_caller]
pub fn assert_has(text: &str, code: &str, path: &str) {
    let c = codes(text);
    assert!(c.iter().any(|(k, p)| k == code && p == path), "expected {code} at {path:?}, got {c:?}");
}

pub fn documents() -> Value {
    json!({ "t": { "title": "测试文件", "issuer": "测试", "date": "2020", "source": "test.txt", "confidence": "V" } })
}

pub fn cite() -> Value {
    json!({ "doc": "t", "quote": "测试引文" })
}

/// A parameter with one value from 2000-01-01.
pub fn param(unit: &str, value: &str) -> Value {
    json!({ "title": { "zh": "参数", "en": "parameter" }, "unit": unit,
            "values": [ { "from": "2000-01-01", "value": value, "cite": cite() } ] })
}

pub fn programme(id: &str, kind: &str, area: &str, rule: Value) -> Value {
    json!({ "id": id, "kind": kind, "area": area, "statuses": [], "from": "2000-01-01",
            "title": { "zh": "项目", "en": "programme" }, "cite": cite(), "rule": rule })
}

/// A province pack `cn-RR0000` under the shipped national pack `cn`.
pub fn province_pack(region: &str, parameters: Value, programmes: Value) -> Value {
    json!({ "id": format!("cn-{region}"), "region": region, "parent": "cn", "level": "province",
            "name": { "zh": "测试省", "en": "Test province" }, "documents": documents(),
            "parameters": parameters, "programmes": programmes })
}

/// A self-contained national pack (for an `Engine::empty()`).
pub fn nation_pack(parameters: Value, programmes: Value) -> Value {
    json!({ "id": "cn", "region": "000000", "level": "nation", "name": { "zh": "全国", "en": "National" },
            "documents": documents(), "parameters": parameters, "programmes": programmes })
}

pub fn text(v: &Value) -> String {
    serde_json::to_string(v).unwrap()
}

/// A small valid household for `region`.
pub fn small_household(region: &str) -> Value {
    json!({ "region": region, "asOf": "2023-06-01", "status": ["registered_poor", "dibao", "tekun"],
            "annualNetIncome": "9600.00",
            "members": [
              { "id": "m1", "age": 45, "laborAbility": "full" },
              { "id": "m2", "age": 72, "chronic": { "listed": true, "selfPayInCatalog": "5200.00" } },
              { "id": "m3", "age": 18, "school": { "stage": "undergraduate", "freshman": true } },
              { "id": "m4", "age": 10, "school": { "stage": "primary", "boarding": true } },
              { "id": "m5", "age": 40, "stays": [ { "inDistrict": true, "total": "20000.00", "covered": "18000.00", "insurancePaid": "14000.00" },
                                                  { "inDistrict": false, "total": "3000.01", "covered": "3000.01" } ] }
            ],
            "housing": { "grade": "D" } })
}

pub const STAGES: [&str; 8] =
    ["preschool", "primary", "junior_secondary", "senior_secondary", "secondary_vocational", "junior_college", "undergraduate", "postgraduate"];

/// The largest household accepted: 50 members with 50 stays each, every money field at the maximum.
pub fn maximal_household(region: &str) -> Value {
    let max = "100000000.00";
    let members: Vec<Value> = (0..50)
        .map(|i| {
            let stays: Vec<Value> = (0..50)
                .map(|j| {
                    json!({ "inDistrict": j % 2 == 0, "total": max, "covered": max,
                                 "insurancePaid": if j % 3 == 0 { Value::Null } else { json!("0.00") },
                                 "treatment": if j % 5 == 0 { "labor_recovery" } else { "general" } })
                })
                .collect();
            json!({ "id": format!("m{i}"), "name": format!("成员{i}"), "age": (i * 3) % 131,
                    "disability": 1 + i % 4, "laborAbility": (["full", "partial", "none"][i % 3]),
                    "school": if i % 2 == 0 { json!({ "stage": (STAGES[i % 8]), "freshman": true, "boarding": i % 4 == 0 }) } else { Value::Null },
                    "chronic": { "listed": true, "selfPayInCatalog": max },
                    "stays": stays })
        })
        .collect();
    json!({ "id": "max", "region": region, "asOf": "2023-06-01",
            "status": ["registered_poor", "exited_poor", "dibao", "tekun", "monitored", "low_income_margin"],
            "annualNetIncome": "0.00", "members": members, "housing": { "grade": "D" } })
}

/// The shipped regions whose policies differ (programmes and parameters): a province with an
/// empty pack computes what the nation does, so one of them stands for all.
pub fn distinct_regions(engine: &huimin::Engine) -> Vec<String> {
    let list: Vec<Value> = serde_json::from_str(&engine.regions_json()).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for code in list.iter().filter_map(|r| r["code"].as_str()).filter(|c| *c != "000000") {
        let Some((pack, _)) = engine.registry().pack_for_region(code) else { continue };
        let Some(policy) = engine.registry().policy(&pack) else { continue };
        let key: Vec<String> = policy.programmes.iter().map(|p| p.id.to_string()).chain(policy.parameters.keys().cloned()).collect();
        if seen.insert(key) {
            out.push(code.to_string());
        }
    }
    out
}
