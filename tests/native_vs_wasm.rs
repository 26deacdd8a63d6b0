//! Native and WebAssembly give the same bytes: a few thousand generated households go through
//! the library here and through the Node build of the package (pkg/node, run by node), and every
//! report, every roster result line and the roster's CSV are compared byte for byte.
//!
//! Needs a built package (scripts/build-wasm.sh) newer than the sources; without one the test says
//! so and passes, unless HUIMIN_REQUIRE_WASM=1 (scripts/test.sh sets it after building), when a
//! missing or stale package fails.

use huimin::roster::batch::{self, Output};
use huimin::roster::{Format, Options, Reader};
use huimin::Engine;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

const HOUSEHOLDS: u64 = 3000;

fn newest(dir: &Path) -> SystemTime {
    let mut t = SystemTime::UNIX_EPOCH;
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        let m = if p.is_dir() { newest(&p) } else { e.metadata().and_then(|m| m.modified()).unwrap_or(t) };
        t = t.max(m);
    }
    t
}

/// The package to compare with, or why there is none.
fn package(root: &Path) -> Result<PathBuf, String> {
    let js = root.join("pkg/node/huimin.js");
    let wasm = root.join("pkg/node/huimin_bg.wasm");
    let built = std::fs::metadata(&wasm).and_then(|m| m.modified()).map_err(|_| "no pkg/node (run scripts/build-wasm.sh)".to_string())?;
    let sources = newest(&root.join("src")).max(newest(&root.join("packs")));
    if built < sources {
        return Err("pkg/node is older than src/ or packs/ (run scripts/build-wasm.sh)".into());
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Err("no node".into());
    }
    Ok(js)
}

#[test]
fn native_and_wasm_give_the_same_bytes() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let js = match package(&root) {
        Ok(js) => js,
        Err(why) if std::env::var("HUIMIN_REQUIRE_WASM").is_ok_and(|v| v == "1") => panic!("{why}"),
        Err(why) => {
            eprintln!("native_vs_wasm: not compared: {why}");
            return;
        }
    };
    let dir = std::env::temp_dir().join(format!("huimin-native-vs-wasm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let roster = dir.join("roster.jsonl");
    let mut text = String::new();
    for i in 0..HOUSEHOLDS {
        text.push_str(&huimin::generate::household(77, i).to_string());
        text.push('\n');
    }
    // A few households with errors, and a line that is not JSON.
    text.push_str("{\"region\":\"150203\",\"asOf\":\"2017-02-30\",\"members\":[{\"id\":\"m1\",\"age\":-1}]}\n");
    text.push_str("{\"region\":\"999999\",\"asOf\":\"2017-09-01\",\"members\":[{\"id\":\"m1\",\"age\":40,\"name\":\"\\u2028\\\"引号\\\"\"}]}\n");
    text.push_str("{not json\n");
    std::fs::write(&roster, &text).unwrap();

    let out = Command::new("node").arg(root.join("tests/support/wasm_side.mjs")).arg(&js).arg(&roster).arg(&dir).output().expect("node runs");
    assert!(out.status.success(), "the wasm side failed: {}", String::from_utf8_lossy(&out.stderr));

    // Single evaluations: the report (or the errors) as JavaScript gets it, in zh-CN (the
    // default), in English, and as codes only.
    let engine = Engine::with_shipped_packs();
    let lines: Vec<&str> = text.lines().collect();
    let mut reports = 0;
    for (file, lang) in [("reports.jsonl", Some("zh-CN")), ("reports-en.jsonl", Some("en")), ("codes.jsonl", None)] {
        let wasm_reports = std::fs::read_to_string(dir.join(file)).unwrap();
        let wasm: Vec<&str> = wasm_reports.lines().collect();
        assert_eq!(wasm.len(), lines.len());
        for (i, (line, w)) in lines.iter().zip(&wasm).enumerate() {
            let native = engine.report_json(line, lang).unwrap_or_else(|e| e);
            reports += native.starts_with("{\"formatVersion\"") as usize;
            assert_eq!(&native, w, "{file} line {}: native and wasm reports differ", i + 1);
        }
    }
    assert!(reports as u64 >= 3 * HOUSEHOLDS, "the generated households give reports ({reports})");

    // The roster: result lines and CSV rows.
    let run = |output: Output| {
        let mut buf = Vec::new();
        let engine = Engine::with_shipped_packs;
        batch::run(text.as_bytes(), &mut buf, Reader::new(Options::new(Format::Jsonl)), output, 2, &engine, &mut |_| {}).unwrap();
        String::from_utf8(buf).unwrap()
    };
    let native_lines = run(Output::Jsonl { full: false });
    let wasm_lines = std::fs::read_to_string(dir.join("roster.jsonl")).unwrap();
    for (i, (n, w)) in native_lines.lines().zip(wasm_lines.lines()).enumerate() {
        assert_eq!(n, w, "roster result {} differs", i + 1);
    }
    assert_eq!(native_lines.lines().count(), wasm_lines.lines().count());
    let native_csv = run(Output::Csv { zh: false });
    let wasm_csv = std::fs::read_to_string(dir.join("roster.csv")).unwrap();
    assert_eq!(native_csv, wasm_csv, "the roster's CSV differs");
    let _ = std::fs::remove_dir_all(&dir);
}
