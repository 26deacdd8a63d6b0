//! A pack that is wrong is refused with every error at once, each naming its JSON path (SPEC §3).

mod common;
use serde_json::{json, Value};

fn pack_errors(pack: &Value) -> Vec<(String, String)> {
    let engine = common::engine();
    let err = engine.validate_pack_json(&pack.to_string()).expect_err("the pack must be refused");
    let v: Value = serde_json::from_str(&err).unwrap();
    v["errors"].as_array().unwrap().iter().map(|e| (e["path"].as_str().unwrap().to_string(), e["code"].as_str().unwrap().to_string())).collect()
}

fn good_pack() -> Value {
    json!({
        "id": "cn-150204", "region": "150204", "parent": "cn-150200", "level": "county",
        "name": { "zh": "青山区", "en": "Qingshan District" },
        "documents": { "d": { "title": "某文件", "issuer": "某区政府", "date": "2024", "source": "https://example.gov.cn/x", "confidence": "V" } },
        "parameters": {
            "qs.grant": { "title": { "zh": "资助", "en": "grant" }, "unit": "yuan",
                          "values": [ { "from": "2024-01-01", "value": "800.00", "cite": { "doc": "d", "quote": "每生每年800元" } } ] }
        },
        "programmes": [ { "id": "qs.education.grant", "kind": "student_grant", "area": "education", "statuses": ["registered_poor"],
                          "from": "2024-01-01", "title": { "zh": "资助", "en": "grant" }, "cite": { "doc": "d", "quote": "每生每年800元" },
                          "rule": { "stages": ["primary"], "amount": "qs.grant", "period": "year" } } ]
    })
}

#[test]
fn a_good_pack_loads_and_is_used() {
    let mut engine = common::engine();
    assert_eq!(engine.load_pack_json(&good_pack().to_string()), Ok("cn-150204".to_string()));
    let r = engine
        .report_json(&json!({ "region": "150204", "asOf": "2024-09-01", "status": ["registered_poor"], "members": [ { "id": "c", "age": 8, "school": { "stage": "primary" } } ] }).to_string(), Some("zh-CN"))
        .unwrap();
    let r: Value = serde_json::from_str(&r).unwrap();
    assert_eq!(r["policy"]["chain"], json!(["cn", "cn-150000", "cn-150200", "cn-150204"]));
    let e = r["entitlements"].as_array().unwrap().iter().find(|e| e["programme"] == "qs.education.grant").unwrap();
    assert_eq!(e["amount"], "800.00");
}

#[test]
fn every_error_of_a_wrong_pack_is_listed_with_its_path() {
    let mut p = good_pack();
    p["colour"] = json!("red");
    p["parameters"]["qs.grant"]["values"] = json!([
        { "from": "2024-01-01", "until": "2024-12-31", "value": "800.00", "cite": { "doc": "d", "quote": "x" } },
        { "from": "2024-06-01", "value": "-5", "cite": { "doc": "nowhere", "quote": "y" } },
        { "from": "2023-01-01", "value": "NaN", "cite": { "doc": "d", "quote": "z" } }
    ]);
    p["parameters"]["qs.rate"] = json!({ "title": { "zh": "比例", "en": "rate" }, "unit": "rate",
        "values": [ { "from": "2024-01-01", "value": "1.5", "cite": { "doc": "d", "quote": "q" } } ] });
    p["programmes"][0]["kind"] = json!("magic_grant");
    p["programmes"].as_array_mut().unwrap().push(json!({
        "id": "qs.medical.chronic", "kind": "chronic_relief", "area": "medical", "statuses": ["registered_poor"],
        "from": "2024-01-01", "title": { "zh": "慢病", "en": "chronic" }, "cite": { "doc": "d", "quote": "q" },
        "rule": { "threshold": "qs.grant", "rate": "qs.grant", "cap": "qs.missing" }
    }));
    let got = pack_errors(&p);
    for (path, code) in [
        ("colour", "field.unknown"),
        ("parameters[\"qs.grant\"].values[1].value", "money.negative"),
        ("parameters[\"qs.grant\"].values[2].value", "money.invalid"),
        ("parameters[\"qs.rate\"].values[0].value", "rate.range"),
        ("programmes[0].kind", "enum.unknown"),
    ] {
        assert!(got.contains(&(path.to_string(), code.to_string())), "missing {code} at {path}; got {got:?}");
    }
    // Chain checks come after the pack reads clean: overlap, order, documents, units, parents.
    let mut p = good_pack();
    p["parameters"]["qs.grant"]["values"] = json!([
        { "from": "2024-01-01", "until": "2024-12-31", "value": "800.00", "cite": { "doc": "d", "quote": "x" } },
        { "from": "2024-06-01", "value": "900.00", "cite": { "doc": "nowhere", "quote": "y" } }
    ]);
    p["programmes"].as_array_mut().unwrap().push(json!({
        "id": "qs.medical.chronic", "kind": "chronic_relief", "area": "medical", "statuses": ["registered_poor"],
        "from": "2024-01-01", "title": { "zh": "慢病", "en": "chronic" }, "cite": { "doc": "d", "quote": "q" },
        "rule": { "threshold": "qs.grant", "rate": "qs.grant", "cap": "qs.missing" }
    }));
    let got = pack_errors(&p);
    assert!(got.contains(&("parameters[\"qs.grant\"].values[1].from".into(), "date.overlap".into())), "{got:?}");
    let mut p2 = p.clone();
    p2["parameters"]["qs.grant"]["values"][1]["from"] = json!("2025-01-01");
    let got = pack_errors(&p2);
    for (path, code) in [
        ("parameters[\"qs.grant\"].values[1].cite.doc", "cite.doc_unknown"),
        ("programmes[1].rule.rate", "parameter.unit"),
        ("programmes[1].rule.cap", "parameter.unknown"),
    ] {
        assert!(got.contains(&(path.to_string(), code.to_string())), "missing {code} at {path}; got {got:?}");
    }
    let mut p3 = good_pack();
    p3["parent"] = json!("cn-159900");
    assert_eq!(pack_errors(&p3), vec![("parent".to_string(), "pack.parent_unknown".to_string())]);
    let mut p4 = good_pack();
    p4["parent"] = json!("cn-150204");
    assert!(pack_errors(&p4).contains(&("parent".to_string(), "pack.parent_self".to_string())));
}

#[test]
fn errors_are_bilingual() {
    let engine = common::engine();
    let err = engine.validate_pack_json(r#"{"id":"cn-1"}"#).unwrap_err();
    let v: Value = serde_json::from_str(&err).unwrap();
    for e in v["errors"].as_array().unwrap() {
        assert!(!e["zh"].as_str().unwrap().is_empty() && !e["en"].as_str().unwrap().is_empty());
    }
}
