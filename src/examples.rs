//! Running a pack's example households against their expected results. The test suite runs
//! every shipped pack's examples; `huimin policy check` runs a portal's own.

use crate::Engine;

/// Evaluates every example of pack `id`; returns one message per mismatch (empty when all pass).
pub fn run_pack_examples(engine: &Engine, id: &str) -> Vec<String> {
    let Some(pack) = engine.registry().get(id) else { return vec![format!("no pack {id}")] };
    let mut failures = Vec::new();
    for (i, ex) in pack.examples.iter().enumerate() {
        let label = format!("{id} examples[{i}] {}", ex.name);
        let report = match engine.evaluate_tree(&ex.household) {
            Ok(r) => r,
            Err(errors) => {
                let codes: Vec<String> = errors.iter().map(|e| format!("{} at {}", e.code, e.path)).collect();
                failures.push(format!("{label}: the household is refused: {}", codes.join("; ")));
                continue;
            }
        };
        for want in &ex.expect {
            let found = report.entitlements.iter().find(|e| {
                *e.programme == *want.programme
                    && e.member == want.member
                    && serde_json::to_value(e.status).ok().and_then(|v| v.as_str().map(str::to_string)).as_deref() == Some(want.status.as_str())
                    && e.amount.map(|a| crate::money::fmt_money(a.0)) == want.amount
                    && want.reason.as_ref().is_none_or(|r| e.reasons.iter().any(|n| n.code == r.as_str()))
            });
            if found.is_none() {
                let got: Vec<String> = report
                    .entitlements
                    .iter()
                    .filter(|e| *e.programme == *want.programme)
                    .map(|e| {
                        let reasons: Vec<&str> = e.reasons.iter().map(|n| n.code).collect();
                        format!(
                            "member {:?} {} {} {}",
                            e.member,
                            serde_json::to_value(e.status).map(|v| v.to_string()).unwrap_or_default(),
                            e.amount.map(|a| crate::money::fmt_money(a.0)).unwrap_or_else(|| "null".into()),
                            reasons.join(",")
                        )
                    })
                    .collect();
                failures.push(format!(
                    "{label}: expected {} member {:?} {} {}{}, got [{}]",
                    want.programme,
                    want.member,
                    want.status,
                    want.amount.as_deref().unwrap_or("null"),
                    want.reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default(),
                    got.join("; ")
                ));
            }
        }
        let per_year = crate::money::fmt_money(report.totals.per_year.0);
        let once = crate::money::fmt_money(report.totals.once.0);
        if ex.expect_per_year.as_ref().is_some_and(|w| *w != per_year) {
            failures.push(format!("{label}: expected perYear {}, got {per_year}", ex.expect_per_year.as_deref().unwrap_or("")));
        }
        if ex.expect_once.as_ref().is_some_and(|w| *w != once) {
            failures.push(format!("{label}: expected once {}, got {once}", ex.expect_once.as_deref().unwrap_or("")));
        }
        for want in &ex.expect_checks {
            let got: Vec<&str> = report.checks.iter().filter(|c| *c.programme == *want.programme).map(|c| c.result.json()).collect();
            if !got.contains(&want.result.as_str()) {
                failures.push(format!("{label}: expected check {} {}, got [{}]", want.programme, want.result, got.join("; ")));
            }
        }
        for code in &ex.expect_alerts {
            if !report.alerts.iter().any(|a| a.msg.code == code) {
                failures.push(format!("{label}: expected alert {code}"));
            }
        }
    }
    failures
}
