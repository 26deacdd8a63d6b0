//! A plain-text sheet of a report in one language, for the command line (`huimin eval --text`):
//! what a cadre reads out or prints on a home visit.

use serde_json::Value;

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Renders the report JSON text; `en` picks English, otherwise Chinese.
pub fn render(report_json: &str, en: bool) -> String {
    let Ok(r) = serde_json::from_str::<Value>(report_json) else { return String::new() };
    let l = if en { "en" } else { "zh" };
    let mut out = String::new();
    let names: Vec<&str> = r["policy"]["names"].as_array().map(|a| a.iter().map(|n| s(n, l)).collect()).unwrap_or_default();
    out.push_str(&format!("{} {} — {}\n\n", s(&r, "region"), s(&r, "asOf"), names.join(" › ")));
    let status_label = |st: &str| match (st, en) {
        ("entitled", false) => "可享受",
        ("apply", false) => "可申请",
        ("needs_info", false) => "需补充信息",
        ("not_eligible", false) => "不符合",
        ("entitled", true) => "entitled",
        ("apply", true) => "apply",
        ("needs_info", true) => "needs info",
        _ => "not eligible",
    };
    for e in r["entitlements"].as_array().into_iter().flatten() {
        let amount = e["amount"].as_str().map(|a| format!(" {a} ({})", s(e, "period"))).unwrap_or_default();
        let member = e["member"].as_str().map(|m| format!(" [{m}]")).unwrap_or_default();
        out.push_str(&format!("• {}{} — {}{}\n", s(&e["title"], l), member, status_label(s(e, "status")), amount));
        for step in e["steps"].as_array().into_iter().flatten() {
            out.push_str(&format!("    {}\n", s(step, l)));
        }
        out.push_str(&format!("    «{}» — {}, {} [{}]\n", s(&e["citation"], "quote"), s(&e["citation"], "document"), s(&e["citation"], "source"), s(&e["citation"], "confidence")));
    }
    let t = &r["totals"];
    out.push_str(&format!("\n{}: {} / {}: {}\n", if en { "Per year" } else { "每年合计" }, s(t, "perYear"), if en { "Once" } else { "一次性合计" }, s(t, "once")));
    for a in r["alerts"].as_array().into_iter().flatten() {
        out.push_str(&format!("! {}\n", s(a, l)));
    }
    for w in r["warnings"].as_array().into_iter().flatten() {
        out.push_str(&format!("? {}\n", s(w, l)));
    }
    out
}
