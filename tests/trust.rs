//! Issue 11, engine side: every card true on its date. Amounts resting on sources older than the
//! date stand, marked `policy.stale`; a date before any policy is an error naming the earliest
//! date with policy; a status the sources say ended is an alert naming what to choose instead;
//! each entry's confidence is the lowest of its citation and its figures. Households worked out
//! by hand from the quoted sentences (packs/cn-150203.json, 004 昆都仑区, and cn.json).

mod common;
use common::*;
use serde_json::{json, Value};

/// A 昆都仑区 (150203) registered-poor household: a chronic patient, a primary pupil and an
/// undergraduate freshman.
fn household(as_of: &str) -> Value {
    json!({ "region": "150203", "asOf": as_of, "status": ["registered_poor"], "members": [
        { "id": "m1", "age": 60, "chronic": { "listed": true, "selfPayInCatalog": "5200.00" } },
        { "id": "m2", "age": 9, "school": { "stage": "primary" } },
        { "id": "m3", "age": 18, "school": { "stage": "undergraduate", "freshman": true } }
    ] })
}

fn codes(list: &Value) -> Vec<&str> {
    list.as_array().map(|a| a.iter().map(|m| m["code"].as_str().unwrap()).collect()).unwrap_or_default()
}

fn stale_of(list: &Value) -> Vec<&Value> {
    list.as_array().map(|a| a.iter().filter(|m| m["code"] == "policy.stale").collect()).unwrap_or_default()
}

/// The local grants of the article, by hand: chronic (5200 − 3000) × 50% = 1100 a year ("超过3000元
/// 的,超出部分给予50%的救助"); compulsory school 2000 a year ("义务教育阶段学生每生每年补助2000元");
/// undergraduate freshman 10000 once ("本科新生每生一次性资助10000元").
const LOCAL: [(&str, &str, &str); 3] = [
    ("kundulun.medical.chronic", "m1", "1100.00"),
    ("kundulun.education.compulsory", "m2", "2000.00"),
    ("kundulun.education.undergraduate_freshman", "m3", "10000.00"),
];

#[test]
fn inside_the_articles_years_nothing_is_stale() {
    let r = report(household("2017-09-01"));
    for (programme, member, amount) in LOCAL {
        let e = one(&r, programme, Some(member));
        assert_entry(e, "entitled", Some(amount));
        assert!(e.get("warnings").is_none(), "{programme}: {:#}", e["warnings"]);
    }
    assert!(stale_of(&r["warnings"]).is_empty(), "{:#}", r["warnings"]);
    for e in r["entitlements"].as_array().unwrap() {
        assert!(e.get("warnings").is_none(), "{}: {:#}", e["programme"], e["warnings"]);
    }
    // 建档立卡贫困户 is a status of the campaign's years: no alert in 2017.
    assert!(!has_alert(&r, "status.ended"));
}

#[test]
fn after_the_articles_years_the_same_amounts_each_marked_stale_with_one_warning() {
    let r = report(household("2026-12-01"));
    for (programme, member, amount) in LOCAL {
        let e = one(&r, programme, Some(member));
        // Never dropped: the same amounts as in 2017.
        assert_entry(e, "entitled", Some(amount));
        let stale = stale_of(&e["warnings"]);
        assert_eq!(stale.len(), 1, "{programme}: {:#}", e["warnings"]);
        let w = stale[0];
        assert_eq!(w["args"]["document"], "聚焦问题 率先脱贫 我区走出中心城区脱贫改革新路子");
        assert_eq!(w["args"]["date"], "约2016-2017(原文未注日期)");
        // supports.until 2017-12-31 → 2026: 2026 − 2017 = 9 years.
        assert_eq!(w["args"]["years"], 9);
        assert_eq!(w["args"]["basis"], "document");
        let text = w["text"].as_str().unwrap();
        assert!(text.contains("《聚焦问题 率先脱贫 我区走出中心城区脱贫改革新路子》") && text.contains("9年") && text.contains("核实"), "{text}");
    }
    // One report-level warning for the article, however many entries rest on it, and first.
    let warnings = r["warnings"].as_array().unwrap();
    let article: Vec<&Value> =
        warnings.iter().filter(|w| w["code"] == "policy.stale" && w["args"]["document"] == "聚焦问题 率先脱贫 我区走出中心城区脱贫改革新路子").collect();
    assert_eq!(article.len(), 1, "{:#}", r["warnings"]);
    assert_eq!(warnings[0]["code"], "policy.stale");
    // Each distinct document once.
    let mut docs: Vec<&str> = stale_of(&r["warnings"]).iter().map(|w| w["args"]["document"].as_str().unwrap()).collect();
    let n = docs.len();
    docs.dedup();
    assert_eq!(docs.len(), n);
    // The totals still count them: 1100 + 2000 a year (+ the premium, national figures), 10000 once (+ travel).
    let again = report(household("2017-09-01"));
    for (programme, member, _) in LOCAL {
        assert_eq!(one(&r, programme, Some(member))["amount"], one(&again, programme, Some(member))["amount"]);
    }
}

#[test]
fn a_date_before_any_policy_of_the_chain_is_an_error_naming_the_earliest() {
    // The chain's earliest programme is the national college grant, autumn 2010 (cn.json:
    // cn.education.higher_grant from 2010-09-01): 2010-06-01 has no policy at all.
    let e = errors(&household("2010-06-01").to_string());
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0]["code"], "policy.not_in_force");
    assert_eq!(e[0]["path"], "asOf");
    assert_eq!(e[0]["zh"], "测算日期早于本地区最早的政策(2010-09-01起),请改为之后的日期");
    assert!(e[0]["en"].as_str().unwrap().contains("2010-09-01"));
    // The day itself has policy: a report.
    let r = report(household("2010-09-01"));
    assert_eq!(r["asOf"], "2010-09-01");
    // 2012-06-01 is after that date: a report, whose local programmes (from 2017) say why not.
    let r = report(household("2012-06-01"));
    let e = one(&r, "kundulun.medical.chronic", None);
    assert_entry(e, "not_eligible", None);
    assert_eq!(reason_codes(e), ["policy.not_yet"]);
}

#[test]
fn registered_poor_after_2020_is_told_what_to_choose_instead() {
    let r = report(household("2021-06-01"));
    let a: Vec<&Value> = r["alerts"].as_array().unwrap().iter().filter(|a| a["code"] == "status.ended").collect();
    assert_eq!(a.len(), 1, "{:#}", r["alerts"]);
    assert_eq!(a[0]["args"]["status"], "registered_poor");
    assert_eq!(a[0]["args"]["until"], "2020-12-31");
    assert_eq!(a[0]["args"]["instead"], json!(["exited_poor", "monitored"]));
    assert_eq!(a[0]["programme"], "policy.status_periods");
    let text = a[0]["text"].as_str().unwrap();
    assert!(text.contains("建档立卡贫困户") && text.contains("2020-12-31") && text.contains("已脱贫户") && text.contains("防返贫监测对象"), "{text}");
    // The last day of the campaign: no alert.
    assert!(!has_alert(&report(household("2020-12-31")), "status.ended"));
    // 防返贫监测对象 before the mechanism existed (国开发〔2020〕6号, 2020-03-20).
    let mut h = household("2019-06-01");
    h["status"] = json!(["monitored"]);
    let r = report(h);
    let a: Vec<&Value> = r["alerts"].as_array().unwrap().iter().filter(|a| a["code"] == "status.not_yet").collect();
    assert_eq!(a.len(), 1, "{:#}", r["alerts"]);
    assert_eq!(a[0]["args"]["from"], "2020-03-20");
}

#[test]
fn the_insurance_card_shows_the_lowest_confidence_of_what_it_used() {
    // 2018: the article's rule ("个人缴费部分全额补贴", V) pays the national premium of 2018, 220
    // ("达到每人每年220元", a secondary page only: V2). The card's confidence is the lower: V2.
    let r = report(household("2018-09-01"));
    let e = one(&r, "kundulun.insurance.medical_premium", Some("m1"));
    assert_entry(e, "entitled", Some("220.00"));
    assert_eq!(e["citation"]["confidence"], "V");
    assert_eq!(e["figures"][0]["confidence"], "V2");
    assert_eq!(e["confidence"], "V2");
    // Both documents named for people: the article, and the premium's notice with its own sentence.
    assert_eq!(e["figures"][0]["citation"]["document"], "关于做好2018年城乡居民医疗保险工作的通知");
    assert_ne!(e["figures"][0]["citation"]["document"], e["citation"]["document"]);
    // A figure the user supplies does not lower it: the article's V stands.
    let mut h = household("2018-09-01");
    h["overrides"] = json!({ "residentMedicalPremium": "220.00" });
    let r = report(h);
    let e = one(&r, "kundulun.insurance.medical_premium", Some("m1"));
    assert_eq!(e["figures"][0]["confidence"], "user");
    assert_eq!(e["confidence"], "V");
    // The chronic relief rests on the article alone (V, its figures V): V.
    let r = report(household("2018-09-01"));
    assert_eq!(one(&r, "kundulun.medical.chronic", Some("m1"))["confidence"], "V");
}

#[test]
fn codes_only_reports_carry_the_markers_without_text() {
    let engine = engine();
    let hh = engine.read(&household("2026-12-01").to_string()).unwrap();
    let r = engine.evaluate(&hh).unwrap();
    let e = r.entitlements.iter().find(|e| &*e.programme == "kundulun.medical.chronic" && e.member.as_deref() == Some("m1")).unwrap();
    assert_eq!(e.warnings.len(), 1);
    assert_eq!(e.warnings[0].code, "policy.stale");
    assert!(e.warnings[0].text.is_none());
    assert!(codes(&serde_json::to_value(&r.warnings).unwrap()).contains(&"policy.stale"));
}

#[test]
fn after_the_packs_reviewed_date_each_pack_is_named_once() {
    // Every shipped pack was reviewed up to 2026-12-01: on 2027-06-01 an entry of the article
    // carries the article's marker and its pack's (包头市昆都仑区), 2027 − 2026 = 1 year on.
    let r = report(household("2027-06-01"));
    let e = one(&r, "kundulun.medical.chronic", Some("m1"));
    assert_entry(e, "entitled", Some("1100.00"));
    let basis: Vec<&str> = stale_of(&e["warnings"]).iter().map(|w| w["args"]["basis"].as_str().unwrap()).collect();
    assert_eq!(basis, ["document", "reviewed"]);
    let reviewed = stale_of(&e["warnings"])[1];
    assert_eq!(reviewed["args"]["document"], "包头市昆都仑区");
    assert_eq!(reviewed["args"]["date"], "2026-12-01");
    assert_eq!(reviewed["args"]["years"], 1);
    assert_eq!(reviewed["text"], "“包头市昆都仑区”政策包只核对到2026-12-01,测算日期在其后第1年,请向当地核实政策是否仍在执行");
    // The report names each pack once: 包头市昆都仑区 for the local programmes, 全国 for the national ones.
    let packs: Vec<&str> =
        stale_of(&r["warnings"]).iter().filter(|w| w["args"]["basis"] == "reviewed").map(|w| w["args"]["document"].as_str().unwrap()).collect();
    assert_eq!(packs.len(), 2, "{packs:?}");
    assert!(packs.contains(&"包头市昆都仑区") && packs.contains(&"全国"), "{packs:?}");
    // The day of the review itself: no pack marker.
    let r = report(household("2026-12-01"));
    assert!(stale_of(&r["warnings"]).iter().all(|w| w["args"]["basis"] == "document"));
}

/// People never see an internal name: no text of a shipped pack that a person may read (titles,
/// notes, quotes, how to apply, document titles) names a parameter by its key
/// (`boardingAllowancePrimary`); they name its title instead.
#[test]
fn no_pack_text_names_a_parameter_by_its_key() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("packs");
    let mut keys: Vec<String> = Vec::new();
    let mut packs: Vec<(String, Value)> = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let pack: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            if let Some(params) = pack["parameters"].as_object() {
                keys.extend(params.keys().cloned());
            }
            packs.push((path.display().to_string(), pack));
        }
    }
    assert!(keys.iter().any(|k| k == "boardingAllowancePrimary"), "{keys:?}");
    fn texts<'a>(v: &'a Value, key: &str, out: &mut Vec<(String, &'a str)>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    if let (true, Some(s)) = (["note", "quote", "howToApply", "title", "zh", "en"].contains(&k.as_str()), x.as_str()) {
                        out.push((format!("{key}.{k}"), s));
                    }
                    texts(x, &format!("{key}.{k}"), out);
                }
            }
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| texts(x, &format!("{key}[{i}]"), out)),
            _ => {}
        }
    }
    let (mut found, mut read) = (Vec::new(), 0);
    for (file, pack) in &packs {
        let mut list = Vec::new();
        texts(pack, "", &mut list);
        read += list.len();
        for (path, text) in list {
            for k in keys.iter().filter(|k| k.chars().any(|c| c.is_ascii_uppercase())) {
                let at_word = text.match_indices(k.as_str()).any(|(i, _)| !text[..i].ends_with(|c: char| c.is_ascii_alphanumeric()));
                if at_word {
                    found.push(format!("{file} {path}: {k}"));
                }
            }
        }
    }
    assert!(read > 300, "{read}");
    assert!(found.is_empty(), "{found:#?}");
}
