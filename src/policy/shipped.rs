//! The packs built into the library (generated list of `packs/*.json`, see build.rs).

include!(concat!(env!("OUT_DIR"), "/shipped_packs.rs"));

use super::read::parse_pack;
use super::registry::Registry;
use crate::problem::Problem;

/// Loads every shipped pack into a registry, parents first. Returns the problems of any pack that
/// does not check (the test suite requires there are none).
pub fn load_into(reg: &mut Registry) -> Vec<(String, Vec<Problem>)> {
    let mut failures = Vec::new();
    let mut pending = Vec::new();
    for (file, text) in SHIPPED {
        match parse_pack(text) {
            Ok(pack) => pending.push((file.to_string(), pack)),
            Err(p) => failures.push((file.to_string(), p.into_sorted())),
        }
    }
    // Parents first: keep adding the packs whose chain checks until nothing more can be added.
    loop {
        let before = pending.len();
        let mut rest = Vec::new();
        for (file, pack) in pending {
            let parent_here = pack.parent.as_ref().is_none_or(|p| reg.get(p).is_some());
            if parent_here {
                let problems = reg.check_in_chain(&pack);
                if problems.is_empty() {
                    reg.insert(pack);
                } else {
                    failures.push((file, problems.into_sorted()));
                }
            } else {
                rest.push((file, pack));
            }
        }
        pending = rest;
        if pending.is_empty() || pending.len() == before {
            break;
        }
    }
    for (file, pack) in pending {
        failures.push((file, reg.check_in_chain(&pack).into_sorted()));
    }
    failures
}
