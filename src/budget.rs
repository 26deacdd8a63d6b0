//! A bound on the size of a report, worked out before any rule runs.
//!
//! Every limit on the input is small on its own (50 members, 50 stays each, 500 programmes a
//! pack, quotes of 2000 characters), but a report has an entry per programme per member or per
//! stay, and each entry carries its citation and the figures it used. A pack loaded at run time
//! with hundreds of stay-level programmes and long quotes, met by the largest household, would
//! ask for gigabytes: in WebAssembly an allocation failure aborts the instance. So the engine
//! adds up, per programme, how many entries it can make and how large each can be (its texts,
//! its citation and the citations of the parameters it reads, JSON escaping included), and
//! refuses the evaluation with `report.too_large` when the sum passes `MAX_REPORT_BYTES`.
//! The bound is generous: the real report is smaller.

use crate::household::Household;
use crate::policy::registry::{Lookup, Policy};
use crate::policy::{Cite, Kind, Programme};
use crate::text::Text;

/// The largest report an evaluation may produce, in bytes of JSON (as bounded below).
/// The shipped packs with the largest household accepted stay far below it.
pub const MAX_REPORT_BYTES: usize = 64 << 20;

/// Fixed text of one entry: keys, enums, the amount, and the steps' own wording.
const ENTRY: usize = 2048;
/// Fixed text of one figure (keys, unit, value, date).
const FIGURE: usize = 256;

/// Bytes of `s` in a JSON string: an escaped control character takes six, a quote or a
/// backslash two.
fn json_len(s: &str) -> usize {
    s.len() + s.bytes().filter(|&b| b < 0x20 || b == b'"' || b == b'\\').count() * 5
}

fn text_len(t: &Text) -> usize {
    json_len(&t.zh) + json_len(&t.en)
}

fn citation_len(policy: &Policy, c: &Cite) -> usize {
    let d = policy.document(&c.doc);
    // The citation's note is the cite's, else the document's (`Policy::resolve`): one of the two.
    let note = c.note.as_deref().or(d.and_then(|d| d.note.as_deref())).map_or(0, json_len);
    let doc = d.map_or(json_len(&c.doc), |d| {
        json_len(&d.title) + json_len(&d.issuer) + json_len(&d.date) + json_len(&d.source) + d.url.as_deref().map_or(0, json_len)
            // `"number":"…",` and `"supports":{"from":"YYYY-MM-DD","until":"YYYY-MM-DD"}` where present.
            + d.number.as_deref().map_or(0, |n| 12 + json_len(n))
            + if d.supports.is_empty() { 0 } else { 56 }
    });
    // The other keys and punctuation.
    128 + json_len(&c.quote) + note + doc
}

/// The `policy.stale` markers an entry of `prog` may carry: one per distinct document among its
/// cite's and its figures' (the insurance model's too, for a stay) whose `supports.until` is
/// before `asOf` (`None`: on any date, every value of each figure), each with its code,
/// arguments and text, the title and date twice.
fn stale_len(policy: &Policy, prog: &Programme, as_of: Option<crate::date::Date>) -> usize {
    let mut docs: Vec<&str> = vec![&prog.cite.doc];
    let mut names: Vec<&str> = prog.rule.parameter_slots().into_iter().map(|(_, n, _)| n).collect();
    if is_stay_kind(prog.rule.kind()) {
        if let Some(m) = &policy.insurance_model {
            names.extend(m.parameter_slots().into_iter().map(|(_, n, _)| n));
        }
    }
    for name in names {
        match as_of {
            Some(day) => {
                if let Lookup::Found { cite: Some(c), .. } = policy.lookup(name, day, &crate::table::Table::new()) {
                    docs.push(&c.doc);
                }
            }
            None => docs.extend(policy.layers.get(name).into_iter().flatten().flat_map(|p| p.values.iter()).map(|v| v.cite.doc.as_str())),
        }
    }
    docs.sort_unstable();
    docs.dedup();
    docs.iter()
        .filter_map(|k| policy.document(k))
        .filter(|d| d.supports.until.is_some_and(|u| as_of.is_none_or(|a| a > u)))
        .map(|d| STALE + 2 * (json_len(&d.title) + json_len(&d.date)))
        .fold(0, usize::saturating_add)
}

/// The `policy.stale` marker of a pack reviewed before `asOf` (`None`: on any date).
fn reviewed_len(policy: &Policy, as_of: Option<crate::date::Date>) -> usize {
    let late = policy.chain.iter().filter(|p| p.reviewed.is_some_and(|r| as_of.is_none_or(|a| a > r)));
    late.map(|p| STALE + 2 * json_len(&p.name.zh) + 20).max().unwrap_or(0)
}

/// Fixed text of a `policy.stale` marker: its keys and arguments (about 100 bytes) and the
/// sentence without the title and date (about 100 bytes in Chinese, 150 in English).
const STALE: usize = 256;

/// One figure a programme may show for parameter `name` with its citation, or, when the figure
/// is missing, the step and the `needs` entry that name it.
fn figure_len(policy: &Policy, hh: &Household, name: &str) -> usize {
    let title = policy.parameters.get(name).map_or(2 * json_len(name), |p| text_len(&p.title));
    match policy.lookup(name, hh.as_of, &hh.overrides) {
        Lookup::Found { cite, .. } => FIGURE + 2 * json_len(name) + title + cite.map_or(0, |c| citation_len(policy, c)),
        // Missing: named in `needs` and in a step that quotes its title.
        _ => FIGURE + 3 * json_len(name) + 2 * title,
    }
}

fn is_stay_kind(k: Kind) -> bool {
    matches!(k, Kind::DeductibleReduction | Kind::MedicalAssistance | Kind::SelfPayCeiling | Kind::ZeroSelfPay)
}

/// How many entries a programme can make for the household: one per stay, one per member, or one.
fn fanout(hh: &Household, prog: &Programme) -> usize {
    let stays: usize = hh.members.iter().map(|m| m.stays.len()).sum();
    match prog.rule.kind() {
        k if is_stay_kind(k) => stays.max(1),
        Kind::StudentGrant | Kind::PremiumSubsidy | Kind::PensionPremium | Kind::ChronicRelief => hh.members.len().max(1),
        _ => 1,
    }
}

/// The largest `figure_len` of a parameter on any date, with or without overrides.
fn figure_max(policy: &Policy, name: &str) -> usize {
    let title = policy.parameters.get(name).map_or(2 * json_len(name), |p| text_len(&p.title));
    let cite = policy.layers.get(name).into_iter().flatten().flat_map(|p| p.values.iter()).map(|v| citation_len(policy, &v.cite)).max().unwrap_or(0);
    FIGURE + 3 * json_len(name) + 2 * title + cite
}

/// Per programme, an entry's bound without the household's share (`8 * who`): at least what
/// `report_bound` adds for any household on any date.
fn entry_max(policy: &Policy) -> Vec<usize> {
    let model: usize =
        policy.insurance_model.as_ref().map_or(0, |m| m.parameter_slots().iter().map(|(_, n, _)| figure_max(policy, n)).fold(0, usize::saturating_add));
    policy
        .programmes
        .iter()
        .map(|prog| {
            let mut entry = ENTRY
                + 2 * json_len(&prog.id)
                + text_len(&prog.title)
                + prog.how_to_apply.as_ref().map_or(0, |t| text_len(t))
                + citation_len(policy, &prog.cite);
            entry += stale_len(policy, prog, None) + reviewed_len(policy, None);
            for (_, name, _) in prog.rule.parameter_slots() {
                entry = entry.saturating_add(figure_max(policy, name));
            }
            if is_stay_kind(prog.rule.kind()) {
                entry = entry.saturating_add(model);
            }
            entry
        })
        .collect()
}

/// Whether the report may be too large. A bound from the policy's figures worked out once per
/// policy (`entry_max`) settles almost every household; only when it passes the limit is the
/// household's own bound (`report_bound`) worked out.
pub fn too_large(hh: &Household, policy: &Policy) -> bool {
    let who = hh.members.iter().map(|m| json_len(m.name.as_deref().unwrap_or("")).max(json_len(&m.id))).max().unwrap_or(0);
    let entries = policy.budget.get_or_init(|| entry_max(policy));
    let mut quick: usize = 4096;
    for (prog, fixed) in policy.programmes.iter().zip(entries) {
        quick = quick.saturating_add(fixed.saturating_add(8 * who).saturating_mul(fanout(hh, prog))).saturating_add(4096);
    }
    quick > MAX_REPORT_BYTES && report_bound(hh, policy) > MAX_REPORT_BYTES
}

/// An upper bound of the report's size in bytes (saturating: a sum that overflows is "too large").
pub fn report_bound(hh: &Household, policy: &Policy) -> usize {
    // A member's name or id appears in a few steps of each of its entries, in both languages.
    let who = hh.members.iter().map(|m| json_len(m.name.as_deref().unwrap_or("")).max(json_len(&m.id))).max().unwrap_or(0);
    let model: usize = policy.insurance_model.as_ref().map_or(0, |m| m.parameter_slots().iter().map(|(_, n, _)| figure_len(policy, hh, n)).sum());
    let mut total: usize = 4096;
    for prog in &policy.programmes {
        let mut entry = ENTRY
            + 8 * who
            + 2 * json_len(&prog.id)
            + text_len(&prog.title)
            + prog.how_to_apply.as_ref().map_or(0, |t| text_len(t))
            + citation_len(policy, &prog.cite);
        // A programme closed to the household (a date outside it, a status it does not cover)
        // makes one entry, with no figures and no `policy.stale` marker (`rules::push_closed`).
        if crate::rules::closed_reason(hh, prog).is_some() {
            total = total.saturating_add(entry).saturating_add(4096);
            continue;
        }
        entry += stale_len(policy, prog, Some(hh.as_of)) + reviewed_len(policy, Some(hh.as_of));
        for (_, name, _) in prog.rule.parameter_slots() {
            entry = entry.saturating_add(figure_len(policy, hh, name));
        }
        if is_stay_kind(prog.rule.kind()) {
            // A stay's entry also shows the insurance model's figures when insurance paid is estimated.
            entry = entry.saturating_add(model);
        }
        // Household-level lists: the programme's alerts, warnings and needs.
        total = total.saturating_add(entry.saturating_mul(fanout(hh, prog))).saturating_add(4096);
    }
    total
}
