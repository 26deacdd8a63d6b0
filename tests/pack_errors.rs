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

// Issue 14: a pack says which format it is written in; one newer than the engine reads is refused
// with one clear error (its other fields may be ones this engine would misread).
#[test]
fn a_pack_of_a_newer_format_is_refused_and_one_without_a_version_is_read_as_1() {
    let mut engine = common::engine();
    let mut p = good_pack();
    p["formatVersion"] = json!(huimin::policy::FORMAT_VERSION + 1);
    p["aFieldOfTheNewFormat"] = json!({ "x": 1 });
    let err = engine.validate_pack_json(&p.to_string()).expect_err("a newer pack is refused");
    let v: Value = serde_json::from_str(&err).unwrap();
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "only the version is reported: {errors:?}");
    assert_eq!(errors[0]["code"], "pack.format_newer");
    assert_eq!(errors[0]["path"], "formatVersion");
    assert_eq!(errors[0]["zh"], "政策包格式版本为2,本计算器只能读取1及以下版本;请先升级惠民计算器");
    assert_eq!(errors[0]["en"], "the pack's formatVersion is 2, newer than this engine reads (up to 1): upgrade huimin first");
    // Not a whole number from 1: a plain error at the same path, with the pack's other errors.
    for bad in [json!(0), json!("1"), json!(1.5), json!(-1)] {
        let mut p = good_pack();
        p["formatVersion"] = bad.clone();
        p["colour"] = json!("red");
        let got = pack_errors(&p);
        assert!(got.iter().any(|(path, _)| path == "formatVersion"), "{bad}: {got:?}");
        assert!(got.contains(&("colour".to_string(), "field.unknown".to_string())), "{bad}: {got:?}");
    }
    // The current version, and no version at all (portals' packs written before the field), load.
    let mut p = good_pack();
    p["formatVersion"] = json!(1);
    assert_eq!(engine.load_pack_json(&p.to_string()), Ok("cn-150204".to_string()));
    assert_eq!(engine.registry().get("cn-150204").unwrap().format_version, 1);
    let p = good_pack();
    assert!(p.get("formatVersion").is_none());
    assert_eq!(engine.load_pack_json(&p.to_string()), Ok("cn-150204".to_string()));
    assert_eq!(engine.registry().get("cn-150204").unwrap().format_version, 1);
    // Every shipped pack says its version.
    for (file, text) in huimin::policy::shipped::SHIPPED {
        let v: Value = serde_json::from_str(text).unwrap();
        assert_eq!(v["formatVersion"], json!(huimin::policy::FORMAT_VERSION), "{file}");
    }
}

// Issue 11: documents by title, issuer, number and date; the dates a source supports; a pack's
// reviewed date; statuses that end; a cite with no sentence retrieved.
#[test]
fn dates_documents_and_status_periods_are_read_and_checked() {
    let mut engine = common::engine();
    let mut p = good_pack();
    p["reviewed"] = json!("2026-12-01");
    p["documents"]["d"]["number"] = json!("青政发〔2024〕1号");
    p["documents"]["d"]["supports"] = json!({ "from": "2024-01-01", "until": "2024-12-31" });
    p["documents"]["t"] = json!({ "title": "标题文件", "issuer": "某部", "date": "2020-03-20", "source": "https://example.gov.cn/t", "confidence": "V2" });
    p["statusPeriods"] = json!({ "registered_poor": { "until": "2020-12-31", "instead": ["exited_poor", "monitored"],
                                                     "cite": { "doc": "t", "note": "原文句子未取得,仅见标题" } } });
    assert_eq!(engine.load_pack_json(&p.to_string()), Ok("cn-150204".to_string()));
    let pack = engine.registry().get("cn-150204").unwrap().clone();
    assert_eq!(pack.reviewed.map(|d| d.to_string()).as_deref(), Some("2026-12-01"));
    let d = pack.documents.get("d").unwrap();
    assert_eq!(d.number.as_deref(), Some("青政发〔2024〕1号"));
    assert_eq!(d.supports.until.map(|d| d.to_string()).as_deref(), Some("2024-12-31"));
    let sp = &pack.status_periods[0];
    assert_eq!(sp.status, huimin::household::Status::RegisteredPoor);
    assert_eq!(sp.instead, [huimin::household::Status::ExitedPoor, huimin::household::Status::Monitored]);
    assert_eq!(sp.cite.quote, "");
    let policy = engine.registry().policy(&pack).unwrap();
    assert!(policy.status_period(huimin::household::Status::RegisteredPoor).is_some());
    let c = policy.resolve(&pack.programmes[0].cite);
    assert_eq!((c.document.as_str(), c.number.as_deref()), ("某文件", Some("青政发〔2024〕1号")));
    let c = serde_json::to_value(&c).unwrap();
    assert_eq!(c["supports"], json!({ "from": "2024-01-01", "until": "2024-12-31" }));

    // Wrong: each error at once, with its path.
    let mut p = good_pack();
    p["reviewed"] = json!("2026-13-01");
    p["documents"]["d"]["supports"] = json!({ "from": "2024-06-01", "until": "2024-01-01" });
    p["documents"]["e"] = json!({ "title": "t", "issuer": "i", "date": "d", "source": "s", "confidence": "V", "supports": {} });
    p["statusPeriods"] = json!({
        "registered_poor": { "instead": ["registered_poor", "rich"], "cite": { "doc": "d", "quote": "" } },
        "famous": { "until": "2020-12-31", "cite": { "doc": "d" } }
    });
    p["programmes"][0]["cite"] = json!({ "doc": "d" });
    let got = pack_errors(&p);
    for (path, code) in [
        ("reviewed", "date.invalid"),
        ("documents.d.supports.until", "date.order"),
        ("documents.e.supports", "field.required"),
        ("statusPeriods.registered_poor", "field.required"),
        ("statusPeriods.registered_poor.instead", "status_period.instead_self"),
        ("statusPeriods.registered_poor.instead[1]", "enum.unknown"),
        ("statusPeriods.registered_poor.cite.quote", "cite.quote_empty"),
        ("statusPeriods.famous", "enum.unknown"),
        ("statusPeriods.famous.cite", "cite.note_required"),
        ("programmes[0].cite", "cite.note_required"),
    ] {
        assert!(got.contains(&(path.to_string(), code.to_string())), "missing {code} at {path}; got {got:?}");
    }
    // A status period's cite must name a document of the chain.
    let mut p = good_pack();
    p["statusPeriods"] = json!({ "monitored": { "from": "2020-03-20", "cite": { "doc": "nowhere", "quote": "q" } } });
    assert_eq!(pack_errors(&p), vec![("statusPeriods.monitored.cite.doc".to_string(), "cite.doc_unknown".to_string())]);
}
