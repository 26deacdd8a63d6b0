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
