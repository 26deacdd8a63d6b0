//! Household parser + evaluator: arbitrary bytes as household JSON text. Never a panic; an error
//! is the documented `{"errors":[…]}` with every error's code, path, zh and en; a report is JSON
//! with money as two-decimal strings; the same text twice gives the same bytes.
#![no_main]

use huimin::Engine;
use libfuzzer_sys::fuzz_target;

thread_local! {
    static ENGINE: Engine = Engine::with_shipped_packs();
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    ENGINE.with(|engine| {
        let first = engine.evaluate_json(&text);
        match &first {
            Ok(report) => {
                let v: serde_json::Value = serde_json::from_str(report).expect("report is JSON");
                let per_year = v["totals"]["perYear"].as_str().expect("perYear is a string");
                assert!(!per_year.starts_with('-') && per_year.split('.').nth(1).map(str::len) == Some(2), "perYear {per_year}");
            }
            Err(errors) => {
                let v: serde_json::Value = serde_json::from_str(errors).expect("errors are JSON");
                let list = v["errors"].as_array().expect("errors list");
                assert!(!list.is_empty());
                for e in list {
                    assert!(e["code"].as_str().is_some_and(|s| !s.is_empty()));
                    assert!(e["path"].is_string());
                    assert!(e["zh"].as_str().is_some_and(|s| !s.is_empty()));
                    assert!(e["en"].as_str().is_some_and(|s| !s.is_empty()));
                }
            }
        }
        assert_eq!(first, engine.evaluate_json(&text), "not deterministic");
    });
});
