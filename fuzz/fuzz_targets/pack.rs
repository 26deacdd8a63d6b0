//! Pack parser + chain check: arbitrary bytes as pack JSON text, validated against the shipped
//! packs and then loaded into an engine that keeps every pack that loads (so later inputs meet a
//! registry that earlier ones changed: replaced parents, odd chains). Never a panic; errors are
//! well formed; a loaded pack's region and the shipped regions still evaluate (report or errors).
#![no_main]

use huimin::Engine;
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;

thread_local! {
    static BASE: Engine = Engine::with_shipped_packs();
    static LOADED: RefCell<(Engine, usize)> = RefCell::new((Engine::with_shipped_packs(), 0));
}

fn check_errors(errors: &str) {
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

const HOUSEHOLD: &str = r#"{"region":"REGION","asOf":"2023-06-01","status":["registered_poor","dibao","tekun"],
  "annualNetIncome":"9600.00","members":[{"id":"m1","age":45},{"id":"m2","age":72,"chronic":{"listed":true,"selfPayInCatalog":"5200.00"}},
  {"id":"m3","age":18,"school":{"stage":"undergraduate","freshman":true}},
  {"id":"m4","age":40,"stays":[{"inDistrict":true,"total":"20000.00","covered":"18000.00","insurancePaid":"14000.00","treatment":"labor_recovery"},
  {"inDistrict":false,"total":"3000.01","covered":"3000.01"}]}],"housing":{"grade":"D"}}"#;

fn evaluate(engine: &Engine, region: &str) {
    match engine.evaluate_json(&HOUSEHOLD.replace("REGION", region)) {
        Ok(r) => {
            serde_json::from_str::<serde_json::Value>(&r).expect("report is JSON");
        }
        Err(e) => check_errors(&e),
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let valid = BASE.with(|engine| match engine.validate_pack_json(&text) {
        Ok(()) => true,
        Err(e) => {
            check_errors(&e);
            false
        }
    });
    LOADED.with(|cell| {
        let mut guard = cell.borrow_mut();
        let (engine, loads) = &mut *guard;
        // Start again now and then, so that the registry does not drift too far from the shipped one.
        if *loads > 1000 {
            *engine = Engine::with_shipped_packs();
            *loads = 0;
        }
        match engine.load_pack_json(&text) {
            Ok(id) => {
                *loads += 1;
                let region = engine.registry().get(&id).map(|p| p.region.clone()).expect("a loaded pack is there");
                evaluate(engine, &region);
                evaluate(engine, "150203");
            }
            Err(e) => {
                check_errors(&e);
                // A pack refused against the shipped packs may still load after earlier loads
                // (its parent may have been loaded by a previous input), never the reverse
                // while the engine is fresh.
                if *loads == 0 {
                    assert!(!valid, "validate said yes, load said no");
                }
            }
        }
    });
});
