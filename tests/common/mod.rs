//! Shared helpers for the native tests: evaluate a household with the shipped packs and pick
//! entitlements out of the report.
#![allow(dead_code)]

use huimin::Engine;
use serde_json::Value;

pub fn engine() -> Engine {
    let e = Engine::with_shipped_packs();
    assert!(e.shipped_failures().is_empty(), "shipped packs must check clean: {:?}", e.shipped_failures());
    e
}

/// Evaluates and returns the report, failing the test on errors.
pub fn report(household: Value) -> Value {
    match engine().report_json(&household.to_string(), Some("zh-CN")) {
        Ok(r) => serde_json::from_str(&r).unwrap(),
        Err(e) => panic!("household refused: {e}"),
    }
}

/// Evaluates and returns the errors, failing the test on success.
pub fn errors(household: &str) -> Vec<Value> {
    match engine().report_json(household, Some("zh-CN")) {
        Ok(r) => panic!("expected errors, got a report: {}", &r[..r.len().min(300)]),
        Err(e) => {
            let v: Value = serde_json::from_str(&e).unwrap();
            v["errors"].as_array().unwrap().clone()
        }
    }
}

/// The entitlements of a programme for a member (`None` = the household).
pub fn entries<'a>(r: &'a Value, programme: &str, member: Option<&str>) -> Vec<&'a Value> {
    r["entitlements"].as_array().unwrap().iter().filter(|e| e["programme"] == programme && e["member"].as_str() == member).collect()
}

/// The one entitlement of a programme for a member.
pub fn one<'a>(r: &'a Value, programme: &str, member: Option<&str>) -> &'a Value {
    let list = entries(r, programme, member);
    assert_eq!(list.len(), 1, "expected one entry for {programme} {member:?}, got {}: {:#?}", list.len(), programme_entries(r, programme));
    list[0]
}

pub fn programme_entries<'a>(r: &'a Value, programme: &str) -> Vec<&'a Value> {
    r["entitlements"].as_array().unwrap().iter().filter(|e| e["programme"] == programme).collect()
}

/// Asserts status and amount (`None` = null).
pub fn assert_entry(e: &Value, status: &str, amount: Option<&str>) {
    assert_eq!(e["status"], status, "status of {} {}: {:#}", e["programme"], e["member"], e);
    match amount {
        Some(a) => assert_eq!(e["amount"], a, "amount of {} {}: steps {:#}", e["programme"], e["member"], e["steps"]),
        None => assert!(e["amount"].is_null(), "amount of {} should be null: {:#}", e["programme"], e),
    }
}

pub fn has_alert(r: &Value, code: &str) -> bool {
    r["alerts"].as_array().unwrap().iter().any(|a| a["code"] == code)
}

pub fn reason_codes(e: &Value) -> Vec<String> {
    e["reasons"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap().to_string()).collect()
}
