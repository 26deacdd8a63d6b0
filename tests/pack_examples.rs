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
    // The packs' quotes from the five articles must occur in them character for character.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/policy-sources");
    if !dir.exists() {
        eprintln!("skipping: ../shared/policy-sources is not beside the repository");
        return;
    }
    let engine = common::engine();
    let mut checked = 0;
    for pack in engine.registry().packs() {
        let mut cites: Vec<&huimin::policy::Cite> = pack.programmes.iter().map(|p| &p.cite).collect();
        for par in pack.parameters.values() {
            cites.extend(par.values.iter().map(|v| &v.cite));
        }
        for c in cites {
            let doc = pack.documents.get(&c.doc).or_else(|| engine.registry().packs().find_map(|p| p.documents.get(&c.doc))).expect("document resolves");
            if doc.source.ends_with(".txt") {
                let text = std::fs::read_to_string(dir.join(&doc.source)).expect("source file exists");
                assert!(text.contains(&c.quote), "{}: quote not found in {}: {}", pack.id, doc.source, c.quote);
                checked += 1;
            }
        }
    }
    assert!(checked >= 15, "quotes from the articles checked: {checked}");
}
