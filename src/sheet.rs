//! A plain-text sheet of a rendered report, for the command line (`huimin eval --text`): what a
//! cadre reads out or prints on a home visit. Its labels come from the message catalogues.

use crate::render::Lang;
use crate::report::Report;

/// The sheet of a report already rendered in `lang` (`Engine::render`).
pub fn render(r: &Report, lang: &Lang) -> String {
    let label = |id: &str| lang.label(id).unwrap_or_default();
    let mut out = String::new();
    let names: Vec<&str> = r.policy.names.iter().map(|n| n.name.as_deref().unwrap_or(&n.id)).collect();
    out.push_str(&format!("{} {} — {}\n\n", r.region, r.as_of, names.join(" › ")));
    for e in &r.entitlements {
        let amount = e.amount.map(|a| format!(" {} {}", crate::money::fmt_money(a.0), label(&format!("period-{}", e.period.json())))).unwrap_or_default();
        let member = e.member.as_deref().map(|m| format!(" [{m}]")).unwrap_or_default();
        out.push_str(&format!("• {}{} — {}{}\n", e.title.as_deref().unwrap_or(&e.programme), member, label(&format!("result-{}", e.status.json())), amount));
        for step in e.reasons.iter().filter(|_| e.steps.is_empty()).chain(&e.steps) {
            out.push_str(&format!("    {}\n", step.text.as_deref().unwrap_or(step.code)));
        }
        let c = &e.citation;
        out.push_str(&format!("    «{}» — {}, {} {}\n", c.quote, c.document, c.issuer, c.date));
    }
    let t = &r.totals;
    out.push_str(&format!(
        "\n{}: {} / {}: {}\n",
        label("sheet-per_year"),
        crate::money::fmt_money(t.per_year.0),
        label("sheet-once"),
        crate::money::fmt_money(t.once.0)
    ));
    for a in &r.alerts {
        out.push_str(&format!("! {}\n", a.msg.text.as_deref().unwrap_or(a.msg.code)));
    }
    for w in &r.warnings {
        out.push_str(&format!("? {}\n", w.msg.text.as_deref().unwrap_or(w.msg.code)));
    }
    out
}
