//! The wire form of a report (region-wide texts as 0, citations as indexes: what crosses the
//! WebAssembly boundary) carries exactly the full report once the region's shared texts are put
//! back — as the boundary does (src/wasm-report.js, which also builds the report's outline from
//! the shared `programmes`, in the policy's order, and `policy`).

mod common;
use serde_json::Value;

fn put_back(mut wire: Value, text: &Value) -> Value {
    let zero = Value::from(0);
    for list in ["entitlements", "checks"] {
        for item in wire[list].as_array_mut().unwrap() {
            let prog = text["programmes"].as_array().unwrap().iter().find(|p| p["id"] == item["programme"]).expect("the programme's shared texts");
            assert_eq!((&prog["kind"], &prog["area"]), (&item["kind"], &item["area"]));
            assert_eq!(item["title"], zero);
            item["title"] = prog["title"].clone();
            if item.get("howToApply").is_some() {
                assert_eq!(item["howToApply"], zero);
                item["howToApply"] = prog["howToApply"].clone();
            }
            let i = item["citation"].as_u64().expect("a citation index") as usize;
            item["citation"] = text["citations"][i].clone();
            for f in item["figures"].as_array_mut().unwrap() {
                let par = &text["parameters"][f["parameter"].as_str().unwrap()];
                f["title"] = par["title"].clone();
                f["unit"] = par["unit"].clone();
                if let Some(i) = f["citation"].as_u64() {
                    f["citation"] = text["citations"][i as usize].clone();
                }
            }
        }
    }
    wire
}

#[test]
fn wire_and_full_reports_agree() {
    let engine = common::engine();
    for file in ["examples/kundulun-household.json", "examples/zhaohua-household.json"] {
        let text = std::fs::read_to_string(file).unwrap();
        let full_text = engine.evaluate_json(&text).unwrap();
        let full: Value = serde_json::from_str(&full_text).unwrap();
        let wire_text = engine.evaluate_json_wire(&text).unwrap();
        let wire: Value = serde_json::from_str(&wire_text).unwrap();
        let pack = full["policy"]["chain"].as_array().unwrap().last().unwrap().as_str().unwrap();
        let shared: Value = serde_json::from_str(&engine.policy_text_json(pack).unwrap()).unwrap();
        assert_eq!(shared["policy"], full["policy"], "{file}: the region's policy, as the report names it");
        assert_eq!(put_back(wire, &shared), full, "{file}");
        assert!(wire_text.len() * 2 < full_text.len(), "the wire form is under half as long: {} vs {}", wire_text.len(), full_text.len());
    }
}
