//! Every shipped pack checks clean, quotes its sources, and its example households give the
//! results the pack expects (SPEC §3: the test suite runs every one).

mod common;

#[test]
fn every_shipped_pack_checks_and_every_example_passes() {
    let engine = common::engine();
    let ids: Vec<String> = engine.registry().packs().map(|p| p.id.clone()).collect();
    for want in ["cn", "cn-150000", "cn-150200", "cn-150203", "cn-510000", "cn-510800", "cn-510811", "cn-530000", "cn-530100", "cn-530129", "cn-530600"] {
        assert!(ids.iter().any(|i| i == want), "pack {want} is shipped");
    }
    let mut failures = Vec::new();
    let mut examples = 0;
    for id in &ids {
        examples += engine.registry().get(id).map_or(0, |p| p.examples.len());
        failures.extend(huimin::examples::run_pack_examples(&engine, id));
    }
    assert!(examples >= 20, "the seed packs carry their worked examples ({examples})");
    assert!(failures.is_empty(), "{} example failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_figure_cites_a_quote_found_in_its_source_file() {
    // The packs' quotes must occur character for character in their sources: the five articles
    // (`*.txt`) and national-quotes.md (the national documents' Chinese sentences, as stored).
    // national-baseline.md is an English table: no card may quote it. A cite without a quote (no
    // sentence retrieved) names its document and says why in its note.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/policy-sources");
    if !dir.exists() {
        eprintln!("skipping: ../shared/policy-sources is not beside the repository");
        return;
    }
    let engine = common::engine();
    let (mut checked, mut national, mut unquoted) = (0, 0, 0);
    for pack in engine.registry().packs() {
        let mut cites: Vec<&huimin::policy::Cite> = pack.programmes.iter().map(|p| &p.cite).collect();
        for par in pack.parameters.values() {
            cites.extend(par.values.iter().map(|v| &v.cite));
        }
        cites.extend(pack.status_periods.iter().map(|s| &s.cite));
        for c in cites {
            let doc = pack.documents.get(&c.doc).or_else(|| engine.registry().packs().find_map(|p| p.documents.get(&c.doc))).expect("document resolves");
            assert_ne!(doc.source, "national-baseline.md", "{}: {} cites the English baseline table", pack.id, c.doc);
            assert!(!doc.title.is_empty() && !doc.issuer.is_empty() && !doc.date.is_empty(), "{}: {} names its document", pack.id, c.doc);
            if c.quote.is_empty() {
                assert!(c.note.as_deref().is_some_and(|n| !n.is_empty()), "{}: a cite of {} without a quote says why", pack.id, c.doc);
                unquoted += 1;
                continue;
            }
            if doc.source.contains("://") {
                continue;
            }
            let text = std::fs::read_to_string(dir.join(&doc.source)).unwrap_or_else(|_| panic!("source file {} exists", doc.source));
            assert!(text.contains(&c.quote), "{}: quote not found in {}: {}", pack.id, doc.source, c.quote);
            checked += 1;
            if doc.source == "national-quotes.md" {
                national += 1;
                assert!(c.quote.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)), "{}: a national quote is a Chinese sentence: {}", pack.id, c.quote);
            }
        }
    }
    assert!(checked >= 60, "quotes checked in their sources: {checked}");
    assert!(national >= 30, "national figures quote national-quotes.md: {national}");
    assert!(unquoted <= 3, "cites without a sentence: {unquoted}");
}

// Issue 11: the dates the engine needs for `policy.stale`, `policy.not_in_force` and the alert on a
// status that ended, as the shipped packs give them.
#[test]
fn the_shipped_packs_say_how_far_their_sources_reach() {
    use huimin::household::Status;
    let engine = common::engine();
    let reg = engine.registry();
    for pack in reg.packs().filter(|p| !p.parameters.is_empty() || !p.programmes.is_empty()) {
        assert_eq!(pack.reviewed.map(|d| d.to_string()).as_deref(), Some("2026-12-01"), "{} says until when it was reviewed", pack.id);
    }
    let kundulun = reg.policy(reg.get("cn-150203").unwrap()).unwrap();
    // The article of about 2016-2017 vouches for its year only: 2026 − 2017 = 9 years on.
    let chronic = kundulun.programmes.iter().find(|p| &*p.id == "kundulun.medical.chronic").unwrap();
    assert_eq!(kundulun.supported_until(&chronic.cite).map(|d| d.to_string()).as_deref(), Some("2017-12-31"));
    assert_eq!(kundulun.document(&chronic.cite.doc).unwrap().date, "约2016-2017(原文未注日期)");
    assert_eq!(kundulun.defining_pack("kundulun.medical.chronic").unwrap().id, "cn-150203");
    assert_eq!(kundulun.defining_pack("cn.education.higher_grant").unwrap().id, "cn");
    // The earliest date with policy in the chain: the national college grant, autumn 2010.
    assert_eq!(kundulun.earliest_from().map(|d| d.to_string()).as_deref(), Some("2010-09-01"));
    // 建档立卡贫困户(未脱贫) ended with 2020: choose 已脱贫户 or 防返贫监测对象 instead.
    let sp = kundulun.status_period(Status::RegisteredPoor).unwrap();
    assert_eq!(sp.until.map(|d| d.to_string()).as_deref(), Some("2020-12-31"));
    assert_eq!(sp.instead, [Status::ExitedPoor, Status::Monitored]);
    assert!(sp.cite.quote.contains("確保到2020年"));
    assert_eq!(kundulun.status_period(Status::Monitored).and_then(|s| s.from).map(|d| d.to_string()).as_deref(), Some("2020-03-20"));
    assert!(kundulun.status_period(Status::Dibao).is_none());
    // The transition period's premium aid ends with 2025 (national-baseline.md).
    let tekun = kundulun.programmes.iter().find(|p| &*p.id == "cn.insurance.premium_tekun").unwrap();
    assert_eq!(tekun.until.map(|d| d.to_string()).as_deref(), Some("2025-12-31"));
    // A citation names its document for people (title, issuer, number, date) and keeps the file for tools.
    let c = kundulun.resolve(&tekun.cite);
    assert_eq!(c.document, "国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见");
    assert_eq!((c.issuer.as_str(), c.number.as_deref(), c.date.as_str()), ("国务院办公厅", Some("国办发〔2021〕42号"), "2021-10-28"));
    assert_eq!(c.source, "national-quotes.md");
    assert_eq!(c.quote, "全额资助特困人员，定额资助低保对象、返贫致贫人口。");
}
