//! The outline the WebAssembly `evaluate` returns before its explanations are read: a summary-only
//! evaluation (`Detail::Summary`) whose every field but the explanations (`reasons`, `steps`,
//! `figures`, `warnings`) is the full report's, in the full report's key order. Compared here
//! byte for byte, the explanations written as `0` on both sides (`Report::to_outline_json`);
//! tests/native_vs_wasm.rs compares what JavaScript gets, before and after they are filled in.

use huimin::{Detail, Engine};
use serde_json::json;

fn outlines(engine: &Engine, h: &serde_json::Value) -> Option<(String, String)> {
    let full = engine.evaluate_value_detail(h, Detail::Full);
    let lean = engine.evaluate_value_detail(h, Detail::Summary);
    match (full, lean) {
        (Ok(f), Ok(l)) => Some((f.to_outline_json(false).unwrap(), l.to_outline_json(false).unwrap())),
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "the same errors: {h}");
            None
        }
        (a, b) => panic!("full {:?} / summary {:?}: {h}", a.is_ok(), b.is_ok()),
    }
}

#[test]
fn a_summary_evaluation_outlines_the_full_report() {
    let engine = Engine::with_shipped_packs();
    let mut compared = 0;
    for i in 0..3000 {
        let h = huimin::generate::household(4242, i);
        if let Some((full, lean)) = outlines(&engine, &h) {
            assert_eq!(full, lean, "household {i}: {h}");
            compared += 1;
        }
    }
    assert!(compared > 2900, "{compared}");
}

#[test]
fn the_outline_leaves_out_only_the_explanations() {
    let engine = Engine::with_shipped_packs();
    // A region without a pack of its own (a warning), a hospital stay, a missing local figure.
    let h = json!({
        "id": "H1", "region": "150206", "asOf": "2019-09-01", "status": ["registered_poor", "dibao"],
        "annualNetIncome": "3000.00",
        "members": [
            { "id": "m1", "age": 40, "stays": [{ "inDistrict": true, "total": "20000.00", "covered": "18000.00" }] },
            { "id": "m2", "age": 9, "school": { "stage": "primary", "boarding": true } }
        ]
    });
    let (full, lean) = outlines(&engine, &h).expect("a report");
    assert_eq!(full, lean);
    let outline: serde_json::Value = serde_json::from_str(&lean).unwrap();
    let report: serde_json::Value = serde_json::from_str(&engine.evaluate_value(&h).unwrap().to_json(false).unwrap()).unwrap();
    assert_eq!(outline["warnings"], json!(0));
    assert!(report["warnings"].as_array().is_some_and(|w| !w.is_empty()), "the full report has warnings: {report}");
    let entries = outline["entitlements"].as_array().unwrap().iter().chain(outline["checks"].as_array().unwrap());
    let mut how = 0;
    for (e, f) in entries.zip(report["entitlements"].as_array().unwrap().iter().chain(report["checks"].as_array().unwrap())) {
        for key in ["reasons", "steps", "figures"] {
            if f.get(key).is_some() {
                assert_eq!(e[key], json!(0), "{key} left out: {e}");
            }
        }
        for (key, value) in f.as_object().unwrap() {
            if !["reasons", "steps", "figures"].contains(&key.as_str()) {
                assert_eq!(&e[key], value, "{key} as in the full report");
            }
        }
        how += e.get("howToApply").is_some() as usize;
    }
    assert!(how > 0, "where to apply is in the outline (a lean evaluation keeps it)");
    assert_eq!(outline["totals"], report["totals"]);
    assert_eq!(outline["alerts"], report["alerts"]);
    assert_eq!(outline["needsInfo"], report["needsInfo"]);
}

#[test]
fn the_wire_outline_is_a_tenth_of_the_report() {
    let engine = Engine::with_shipped_packs();
    let six: serde_json::Value = serde_json::from_str(include_str!("support/six-members.json")).unwrap();
    let text = six.to_string();
    let outline = engine.evaluate_outline_wire(&text).unwrap();
    let full = engine.evaluate_json(&text).unwrap();
    let v: serde_json::Value = serde_json::from_str(&outline).expect("the wire outline is JSON");
    assert_eq!(v.as_array().map(Vec::len), Some(10), "{outline}");
    let report: serde_json::Value = serde_json::from_str(&full).unwrap();
    assert_eq!(v[5].as_array().unwrap().len(), 10 * report["entitlements"].as_array().unwrap().len(), "ten values an entitlement");
    assert_eq!(v[6].as_array().unwrap().len(), 4 * report["checks"].as_array().unwrap().len(), "four values a check");
    assert!(outline.len() * 10 < full.len(), "{} bytes against {}", outline.len(), full.len());
    // Errors are the same document either way.
    let bad = r#"{"region":"150203","asOf":"2017-02-30","members":[]}"#;
    assert_eq!(engine.evaluate_outline_wire(bad), engine.evaluate_json(bad).map(|_| String::new()));
}
