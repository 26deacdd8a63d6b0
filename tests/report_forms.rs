//! The compact report (each citation once, referred to by index: the WebAssembly boundary's form)
//! carries exactly the full report once its citations are put back in place.

mod common;
use serde_json::Value;

fn inline(mut compact: Value) -> Value {
    let table = compact.as_object_mut().unwrap().remove("citations").expect("a citations table");
    let put_back = |v: &mut Value| {
        let i = v["citation"].as_u64().expect("an index") as usize;
        v["citation"] = table[i].clone();
    };
    for list in ["entitlements", "checks"] {
        for item in compact[list].as_array_mut().unwrap() {
            put_back(item);
            for f in item["figures"].as_array_mut().unwrap() {
                if !f["citation"].is_null() {
                    put_back(f);
                }
            }
        }
    }
    compact
}

#[test]
fn compact_and_full_reports_agree() {
    let engine = common::engine();
    for file in ["examples/kundulun-household.json", "examples/zhaohua-household.json"] {
        let text = std::fs::read_to_string(file).unwrap();
        let full: Value = serde_json::from_str(&engine.evaluate_json(&text).unwrap()).unwrap();
        let compact_text = engine.evaluate_json_compact(&text).unwrap();
        let compact: Value = serde_json::from_str(&compact_text).unwrap();
        let table_len = compact["citations"].as_array().unwrap().len();
        let mut references = 0;
        for list in ["entitlements", "checks"] {
            for item in full[list].as_array().unwrap() {
                references += 1 + item["figures"].as_array().unwrap().iter().filter(|f| !f["citation"].is_null()).count();
            }
        }
        assert!(table_len > 0 && table_len < references, "citations shared: {table_len} for {references} references");
        assert_eq!(inline(compact), full, "{file}");
        assert!(compact_text.len() < engine.evaluate_json(&text).unwrap().len(), "compact is shorter");
    }
}
