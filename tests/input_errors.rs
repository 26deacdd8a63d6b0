//! Bad input gets every problem at once, each with its JSON path, in both languages (SPEC §6).

mod common;
use common::*;
use serde_json::Value;

fn paths_and_codes(errs: &[Value]) -> Vec<(String, String)> {
    errs.iter().map(|e| (e["path"].as_str().unwrap().to_string(), e["code"].as_str().unwrap().to_string())).collect()
}

#[test]
fn every_problem_is_reported_at_once_with_its_path() {
    let input = r#"{
      "region": "150203", "asOf": "2017-09-01", "status": ["registered_poor", "rich"],
      "annualNetIncome": "96O0", "colour": "red",
      "members": [
        { "id": "m1", "age": -3 },
        { "id": "m2", "age": 200, "school": { "stage": "kindergarten" } },
        { "id": "m1", "age": 40, "laborAbility": "some",
          "stays": [ { "inDistrict": true, "total": "1000.00", "covered": "1200.00", "insurancePaid": "1300.00" } ] },
        { "id": "m4", "age": 30, "chronic": { "listed": true, "selfPayInCatalog": "12.345" } }
      ]
    }"#;
    let errs = errors(input);
    let got = paths_and_codes(&errs);
    let want = [
        ("annualNetIncome", "money.invalid"),
        ("colour", "field.unknown"),
        ("members[0].age", "number.range"),
        ("members[1].age", "number.range"),
        ("members[1].school.stage", "enum.unknown"),
        ("members[2].id", "member.duplicate_id"),
        ("members[2].laborAbility", "enum.unknown"),
        ("members[2].stays[0].covered", "stay.covered_above_total"),
        ("members[2].stays[0].insurancePaid", "stay.insurance_above_covered"),
        ("members[3].chronic.selfPayInCatalog", "money.precision"),
        ("status[1]", "enum.unknown"),
    ];
    for (path, code) in want {
        assert!(got.contains(&(path.to_string(), code.to_string())), "missing {code} at {path}; got {got:?}");
    }
    assert_eq!(got.len(), want.len(), "exactly these problems: {got:?}");
    for e in &errs {
        assert!(!e["zh"].as_str().unwrap().is_empty() && !e["en"].as_str().unwrap().is_empty(), "both languages: {e}");
    }
    // Sorted by path, so the same input lists its problems alike every time.
    let paths: Vec<&str> = errs.iter().map(|e| e["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}

#[test]
fn a_region_without_a_pack_is_an_error_not_a_silent_zero() {
    let errs = errors(r#"{"region":"110101","asOf":"2020-01-01","members":[{"id":"a","age":30}]}"#);
    assert_eq!(paths_and_codes(&errs), vec![("region".to_string(), "region.unknown".to_string())]);
    let errs = errors(r#"{"region":"1502","asOf":"2020-01-01","members":[{"id":"a","age":30}]}"#);
    assert_eq!(paths_and_codes(&errs), vec![("region".to_string(), "region.format".to_string())]);
}

#[test]
fn dates_must_be_real() {
    for bad in ["2017-02-29", "2017-13-01", "2017/09/01", "", "2017-9-1"] {
        let input = format!(r#"{{"region":"150203","asOf":"{bad}","members":[{{"id":"a","age":30}}]}}"#);
        assert_eq!(paths_and_codes(&errors(&input)), vec![("asOf".to_string(), "date.invalid".to_string())], "{bad}");
    }
}

#[test]
fn required_fields_and_types() {
    let errs = errors(r#"{"members":[{"age":"forty"}], "housing": {"grade": "E"}, "overrides": []}"#);
    let got = paths_and_codes(&errs);
    for (path, code) in [
        ("asOf", "field.required"),
        ("region", "field.required"),
        ("members[0].id", "field.required"),
        ("members[0].age", "field.type"),
        ("housing.grade", "enum.unknown"),
        ("overrides", "field.type"),
    ] {
        assert!(got.contains(&(path.to_string(), code.to_string())), "missing {code} at {path}; got {got:?}");
    }
}

#[test]
fn not_json_and_not_an_object() {
    assert_eq!(paths_and_codes(&errors("{oops")), vec![("".to_string(), "json.syntax".to_string())]);
    assert_eq!(paths_and_codes(&errors("[1,2]")), vec![("".to_string(), "field.type".to_string())]);
    assert_eq!(paths_and_codes(&errors("")), vec![("".to_string(), "json.syntax".to_string())]);
}

#[test]
fn money_as_a_number_is_read_exactly() {
    // 0.1 + 0.2 as floats is 0.30000000000000004; read exactly it is 0.3.
    let r = report(
        serde_json::from_str(
            r#"{"region":"150203","asOf":"2017-09-01","status":["registered_poor"],"members":[
            {"id":"a","age":60,"chronic":{"listed":true,"selfPayInCatalog":3000.1}}]}"#,
        )
        .unwrap(),
    );
    // (3000.10 − 3000) × 50% = 0.05
    assert_entry(one(&r, "kundulun.medical.chronic", Some("a")), "entitled", Some("0.05"));
}

#[test]
fn limits_are_errors_with_paths() {
    let members: Vec<String> = (0..51).map(|i| format!(r#"{{"id":"m{i}","age":30}}"#)).collect();
    let input = format!(r#"{{"region":"150203","asOf":"2017-09-01","members":[{}]}}"#, members.join(","));
    assert_eq!(paths_and_codes(&errors(&input)), vec![("members".to_string(), "list.too_long".to_string())]);
    let long = "x".repeat(201);
    let input = format!(r#"{{"region":"150203","asOf":"2017-09-01","members":[{{"id":"{long}","age":30}}]}}"#);
    assert_eq!(paths_and_codes(&errors(&input)), vec![("members[0].id".to_string(), "string.too_long".to_string())]);
    let input = r#"{"region":"150203","asOf":"2017-09-01","annualNetIncome":"100000000.01","members":[{"id":"a","age":30}]}"#;
    assert_eq!(paths_and_codes(&errors(input)), vec![("annualNetIncome".to_string(), "money.too_large".to_string())]);
}

#[test]
fn an_override_must_name_a_parameter_of_the_chain() {
    let input = r#"{"region":"150203","asOf":"2017-09-01","members":[{"id":"a","age":30}],
                   "overrides":{"dibaoStandardMonthy":"450.00","nonBoardingShare":"1.5"}}"#;
    let got = paths_and_codes(&errors(input));
    assert!(got.contains(&("overrides.dibaoStandardMonthy".to_string(), "override.unknown".to_string())), "{got:?}");
    assert!(got.contains(&("overrides.nonBoardingShare".to_string(), "rate.range".to_string())), "{got:?}");
}
