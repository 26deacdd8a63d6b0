//! The message catalogues (messages/*.ftl): complete for every code the engine can emit, with
//! exactly the arguments it passes; rendered by the library's renderer exactly as the reference
//! Fluent implementation (fluent-bundle) renders them; a third catalogue works with no code
//! change; and no text a person reads holds an internal name.

use huimin::fluent::{Catalogue, Value};
use huimin::household::{HouseGrade, LaborAbility, Stage, Status, Treatment};
use huimin::render::{Messages, SHIPPED};
use huimin::Engine;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every `msg!("code", name = …)` in the sources: code → the argument names of each use.
fn emitted() -> BTreeMap<String, BTreeSet<Vec<String>>> {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    let mut texts = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut texts);
    let mut codes: BTreeMap<String, BTreeSet<Vec<String>>> = BTreeMap::new();
    for text in texts {
        let mut rest = text.as_str();
        while let Some(at) = rest.find("msg!(\"") {
            rest = &rest[at + 6..];
            let Some(end) = rest.find('"') else { break };
            let code = rest[..end].to_string();
            // The invocation's text up to its closing parenthesis.
            let bytes = rest.as_bytes();
            let (mut depth, mut i) = (1, end);
            while depth > 0 && i < bytes.len() {
                match bytes[i] {
                    b'(' => depth += 1,
                    b')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            let body = &rest[end + 1..i.saturating_sub(1)];
            // Top-level `, name =` pairs.
            let mut args = Vec::new();
            let mut depth = 0;
            let b = body.as_bytes();
            for (k, c) in b.iter().enumerate() {
                match c {
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' => depth -= 1,
                    b',' if depth == 0 => {
                        let tail = body[k + 1..].trim_start();
                        let name: String = tail.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                        if !name.is_empty() && tail[name.len()..].trim_start().starts_with('=') && !tail[name.len()..].trim_start().starts_with("==") {
                            args.push(name);
                        }
                    }
                    _ => {}
                }
            }
            args.sort();
            codes.entry(code).or_default().insert(args);
        }
    }
    codes
}

fn shipped() -> Vec<Catalogue> {
    SHIPPED.iter().map(|(lang, text)| Catalogue::parse(lang, text).unwrap_or_else(|e| panic!("{lang}.ftl does not read: {e:?}"))).collect()
}

#[test]
fn every_emitted_code_has_a_message_with_exactly_its_arguments() {
    let codes = emitted();
    assert!(codes.len() > 100, "the scan finds the engine's messages ({})", codes.len());
    for cat in shipped() {
        assert!(cat.dangling().is_empty(), "{}: refers to {:?}", cat.lang, cat.dangling());
        for (code, uses) in &codes {
            let id = huimin::render::message_id(code);
            let vars = cat.variables(&id).unwrap_or_else(|| panic!("{}.ftl has no message {id} (code {code})", cat.lang));
            for args in uses {
                assert_eq!(&vars, args, "{}.ftl: {id} uses {vars:?}, the engine passes {args:?}", cat.lang);
            }
        }
    }
}

#[test]
fn every_vocabulary_word_and_household_field_has_a_label_in_every_catalogue() {
    let mut ids: Vec<String> = Vec::new();
    ids.extend(Status::ALL.iter().map(|s| format!("status-{}", s.json())));
    ids.extend(Stage::ALL.iter().map(|s| format!("stage-{}", s.json())));
    ids.extend(LaborAbility::ALL.iter().map(|s| format!("labor-{}", s.json())));
    ids.extend(HouseGrade::ALL.iter().map(|s| format!("grade-{}", s.json())));
    ids.extend(Treatment::ALL.iter().map(|s| format!("treatment-{}", s.json())));
    ids.extend(huimin::policy::Period::ALL.iter().map(|s| format!("period-{}", s.json())));
    ids.extend(huimin::policy::Area::ALL.iter().map(|s| format!("area-{}", s.json())));
    ids.extend(huimin::policy::When::ALL.iter().map(|s| format!("when-{}", s.json())));
    ids.extend(huimin::policy::Confidence::ALL.iter().map(|s| format!("confidence-{}", s.json())));
    ids.extend(["entitled", "apply", "needs_info", "not_eligible"].map(|s| format!("result-{s}")));
    ids.extend(["null", "boolean", "number", "string", "array", "object", "whole"].map(|s| format!("json-{s}")));
    // Every key the household reader asks for (src/household.rs) is a field with a title.
    let reader = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/household.rs")).unwrap();
    for call in [".string(\"", ".boolean(\"", ".whole(\"", ".money(\"", ".array(\"", ".get(\"", ".require(\""] {
        for part in reader.split(call).skip(1) {
            let key: String = part.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            ids.push(format!("field-{key}"));
        }
    }
    assert!(ids.iter().filter(|i| i.starts_with("field-")).count() > 15);
    for cat in shipped() {
        for id in &ids {
            assert!(cat.has(id), "{}.ftl has no label {id}", cat.lang);
            assert_eq!(cat.variables(id), Some(vec![]), "{}.ftl: the label {id} takes no arguments", cat.lang);
        }
    }
}

/// Arguments that reach every variant: each variable as a word of each selector's keys, or a
/// number, in turn.
fn argument_sets(cat: &Catalogue, id: &str) -> Vec<Vec<(String, Value)>> {
    let vars = cat.variables(id).unwrap();
    let mut sets = Vec::new();
    for choice in ["yes", "no", "1", "3", "other"] {
        sets.push(
            vars.iter()
                .map(|v| {
                    let value = match choice.parse::<u64>() {
                        Ok(n) => Value::Num(n),
                        Err(_) => Value::Str(if choice == "other" { format!("«{v}»") } else { choice.to_string() }),
                    };
                    (v.clone(), value)
                })
                .collect(),
        );
    }
    sets
}

#[test]
fn the_renderer_agrees_with_fluent_bundle_on_every_message() {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
    let mut compared = 0;
    for (lang, text) in SHIPPED {
        let ours = Catalogue::parse(lang, text).unwrap();
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(_, e)| panic!("fluent-syntax refuses {lang}.ftl: {e:?}"));
        let langid: unic_langid::LanguageIdentifier = lang.parse().unwrap();
        let mut bundle = FluentBundle::new(vec![langid]);
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).unwrap();
        for id in ours.ids() {
            for set in argument_sets(&ours, id) {
                let mut args = FluentArgs::new();
                for (k, v) in &set {
                    match v {
                        Value::Str(s) => args.set(k.clone(), FluentValue::from(s.clone())),
                        Value::Num(n) => args.set(k.clone(), FluentValue::from(*n as f64)),
                    }
                }
                let msg = bundle.get_message(id).unwrap_or_else(|| panic!("fluent-bundle has no {id}"));
                let mut errors = Vec::new();
                let theirs = bundle.format_pattern(msg.value().unwrap(), Some(&args), &mut errors).to_string();
                assert!(errors.is_empty(), "{lang} {id}: {errors:?}");
                let refs: Vec<(&str, Value)> = set.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
                assert_eq!(ours.format(id, &refs).unwrap(), theirs, "{lang} {id} with {set:?}");
                compared += 1;
            }
        }
    }
    assert!(compared > 1000, "{compared}");
}

/// A household with something in every area (tests/support/six-members.json).
fn six_members() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/six-members.json")).unwrap()
}

#[test]
fn a_third_catalogue_works_with_no_code_change_and_falls_back_to_chinese() {
    let mut engine = Engine::with_shipped_packs();
    // A test-only language: two messages and a label of its own, the rest from zh-CN.
    let test = "dibao-should_apply = TEST should apply: { $income } < { $standard }\nprogramme-open_to_all = TEST open\nstatus-registered_poor = TEST-POOR\nprogramme-covers = TEST covers { $covers } / { $held }\n";
    engine.load_messages("x-test", test).unwrap();
    let hh = engine.read(&six_members()).unwrap();
    let mut report = engine.evaluate(&hh).unwrap();
    engine.render(&mut report, "x-test");
    assert_eq!(report.lang.as_deref(), Some("x-test"));
    let json = report.to_json().unwrap();
    assert!(json.contains("TEST covers TEST-POOR"), "its own messages and labels are used");
    let zh = Messages::shipped();
    let zh = zh.lang("zh-CN");
    // A message it lacks is the Chinese one.
    let any_step = report.entitlements.iter().flat_map(|e| &e.steps).find(|s| s.code == "education.studies").expect("a student");
    assert_eq!(any_step.text.as_deref(), Some(zh.text(any_step, None).as_str()));
    // A catalogue with a syntax error is refused, with its line.
    let err = engine.load_messages("x-bad", "ok = fine\nbroken = { $x\n").unwrap_err();
    assert_eq!(err[0].code, "messages.syntax");
    assert!(err[0].zh.contains("第2行"), "{}", err[0].zh);
    // The check finds a wrong argument and a missing message.
    let (json, ok) = huimin::render::check_catalogue("x-test", "dibao-should_apply = { $incme }\n");
    assert!(!ok, "{json}");
    assert!(json.contains("\"wrongArguments\":[{\"id\":\"dibao-should_apply\""), "{json}");
    assert!(json.contains("\"missing\":[\"list-separator\""), "{json}");
}

/// No text a person reads names a parameter, a field or a code: titles and labels instead.
#[test]
fn rendered_texts_hold_no_internal_name() {
    let engine = Engine::with_shipped_packs();
    let internal: Vec<String> = {
        let mut v: Vec<String> = Vec::new();
        for (id, _) in engine.registry().regions().iter().map(|r| (r.id.clone(), ())) {
            if let Some(pack) = engine.registry().get(&id) {
                if let Some(policy) = engine.registry().policy(pack) {
                    v.extend(policy.parameters.iter().map(|(n, _)| n.to_string()));
                }
            }
        }
        v.extend(
            ["annualNetIncome", "insurancePaid", "selfPayInCatalog", "registered_poor", "junior_secondary", "not_eligible", "needs_info"].map(String::from),
        );
        v.sort();
        v.dedup();
        v
    };
    let mut texts = 0;
    for i in 0..400 {
        let h = huimin::generate::household(31, i);
        let Ok(report) = engine.evaluate_value(&h) else { continue };
        for lang in ["zh-CN", "en"] {
            let mut r = report.clone();
            engine.render(&mut r, lang);
            let mut all: Vec<&str> = Vec::new();
            for e in &r.entitlements {
                all.extend(e.title.as_deref());
                all.extend(e.steps.iter().chain(&e.reasons).filter_map(|m| m.text.as_deref()));
            }
            for c in &r.checks {
                all.extend(c.steps.iter().filter_map(|m| m.text.as_deref()));
            }
            all.extend(r.alerts.iter().filter_map(|a| a.msg.text.as_deref()));
            all.extend(r.warnings.iter().filter_map(|w| w.msg.text.as_deref()));
            all.extend(r.needs_info.iter().filter_map(|n| n.title.as_deref()));
            for t in all {
                texts += 1;
                assert!(!t.contains("{$") && !t.contains("{-"), "{lang}: a variable left unfilled: {t}");
                for name in &internal {
                    assert!(!t.contains(name.as_str()), "{lang}: \"{t}\" names {name}");
                }
            }
        }
    }
    assert!(texts > 10_000, "{texts}");
}

#[test]
fn errors_speak_plainly_in_both_languages() {
    let engine = Engine::with_shipped_packs();
    let e = engine.read(r#"{"region":"150203","asOf":"2024-09-01","members":[{"id":"a"},{"id":"b","age":"70岁x"},{"id":"c","age":8,"school":{"stage":"kindergarden"}}],"annualNetIncome":"九千"}"#).unwrap_err();
    let find = |path: &str| e.iter().find(|p| p.path == path).unwrap_or_else(|| panic!("no error at {path}: {e:?}"));
    assert_eq!(find("members[0].age").zh, "请填写年龄");
    assert_eq!(find("members[0].age").en, "Please enter Age");
    assert_eq!(find("members[1].age").zh, "“年龄”应为整数,实为文字");
    assert!(find("annualNetIncome").zh.contains("请填数字,如 9600"), "{}", find("annualNetIncome").zh);
    assert!(find("members[2].school.stage").zh.contains("可选:学前（幼儿园）、小学"), "{}", find("members[2].school.stage").zh);
    for p in &e {
        assert!(!p.zh.contains("age") && !p.zh.contains("annualNetIncome") && !p.zh.contains("十进制"), "{p:?}");
    }
}
