//! The command line: `huimin eval`, `huimin policy check`, `huimin regions` (and `huimin batch`).

use huimin::Engine;
use std::io::{Read, Write};
use std::process::ExitCode;

/// mimalloc for the command line (Cargo.toml says why).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "huimin/roster.rs"]
mod roster;
#[path = "huimin/sheets.rs"]
mod sheets;

const USAGE: &str = "huimin — 惠民政策计算器 household entitlement calculator

usage:
  huimin eval FILE|- [--pretty] [--text] [--lang zh-CN|en] [--messages FILE.ftl]
                                                            evaluate one household (JSON): the report with
                                                            its texts in the language (zh-CN by default)
                                                            beside the codes; --text: a sheet to read out
  huimin policy check PACK.json [--pretty] [--messages FILE.ftl --lang L]
                                                            check a policy pack (and run its examples)
  huimin messages check FILE.ftl [--lang L] [--pretty]      check a message catalogue against zh-CN:
                                                            syntax, missing messages, wrong arguments
  huimin regions [--pretty]                                 list the places with packs
  huimin batch ROSTER|- [--format jsonl|csv|xlsx] [--full] [--out FILE] [--lang zh|en]
        [--input-format jsonl|csv|xlsx|xls] [--sheet NAME] [--region CODE] [--as-of DATE]
        [--threads N] [--quiet]
                                                            evaluate a roster (JSON Lines; CSV, UTF-8 or
                                                            GBK, or an .xlsx/.xls sheet, with one row per
                                                            person): one result line per household, an
                                                            error line per bad one, a summary on stderr;
                                                            --format xlsx: a workbook of households,
                                                            alerts and missing figures
  huimin gen [--seed S] [--count N] [--format jsonl|csv|xlsx] [--out FILE]
                                                            a seeded roster of realistic households
  huimin version

exit codes: 0 success, 2 bad input (the errors are printed as {\"errors\":[…]}), 1 other failure;
batch exits 0 when some households had errors (the summary says how many), 2 only when the roster
cannot be read at all (or has no household)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |f: &str| args.iter().any(|a| a == f);
    let pretty = flag("--pretty");
    let lang = args.iter().position(|a| a == "--lang").and_then(|i| args.get(i + 1)).map(String::as_str).unwrap_or("zh-CN");
    // "zh" is zh-CN, as before catalogues.
    let lang = if lang == "zh" { "zh-CN" } else { lang };
    let messages = args.iter().position(|a| a == "--messages").and_then(|i| args.get(i + 1)).map(String::as_str);
    let positional: Vec<&str> = {
        let mut v = Vec::new();
        let mut skip = false;
        for a in &args {
            if skip {
                skip = false;
                continue;
            }
            if a == "--lang" || a == "--messages" || roster::VALUE_FLAGS.contains(&a.as_str()) {
                skip = true;
                continue;
            }
            if a.starts_with("--") {
                continue;
            }
            v.push(a.as_str());
        }
        v
    };
    match positional.as_slice() {
        ["eval", file] => eval(file, pretty, flag("--text"), lang, messages),
        ["policy", "check", file] => policy_check(file, pretty, messages.map(|m| (m, lang))),
        ["messages", "check", file] => messages_check(file, lang, pretty),
        ["batch", file] => roster::batch(file, &args),
        ["gen"] => roster::gen(&args),
        ["regions"] => {
            let engine = Engine::with_shipped_packs();
            print_json(&engine.regions_json(), pretty);
            ExitCode::SUCCESS
        }
        ["version"] => {
            println!("huimin {}", huimin::VERSION);
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(if args.is_empty() || flag("--help") || flag("-h") { 0 } else { 1 })
        }
    }
}

fn read_input(file: &str) -> Result<String, String> {
    let mut s = String::new();
    let res = if file == "-" { std::io::stdin().read_to_string(&mut s).map(|_| s) } else { std::fs::read_to_string(file) };
    res.map_err(|e| format!("cannot read {file}: {e}"))
}

fn print_json(text: &str, pretty: bool) {
    let out = if pretty {
        serde_json::from_str::<serde_json::Value>(text).ok().and_then(|v| serde_json::to_string_pretty(&v).ok()).unwrap_or_else(|| text.to_string())
    } else {
        text.to_string()
    };
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{out}");
}

/// An engine with the catalogue of `--messages` loaded for `lang`, or the errors to print.
fn engine_with(messages: Option<&str>, lang: &str) -> Result<Engine, ExitCode> {
    let mut engine = Engine::with_shipped_packs();
    if let Some(file) = messages {
        let text = read_input(file).map_err(|e| {
            eprintln!("{e}");
            ExitCode::from(1)
        })?;
        if let Err(problems) = engine.load_messages(lang, &text) {
            print_json(&huimin::problem::errors_json(&problems), false);
            return Err(ExitCode::from(2));
        }
    }
    Ok(engine)
}

fn eval(file: &str, pretty: bool, text: bool, lang: &str, messages: Option<&str>) -> ExitCode {
    let input = match read_input(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let engine = match engine_with(messages, lang) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let result = engine.read(&input).and_then(|hh| engine.evaluate(&hh));
    match result {
        Ok(mut report) => {
            engine.render(&mut report, lang);
            if text {
                print!("{}", huimin::sheet::render(&report, &engine.messages().lang(lang)));
            } else {
                print_json(&report.to_json().unwrap_or_default(), pretty);
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            print_json(&huimin::problem::errors_json(&errors), pretty);
            ExitCode::from(2)
        }
    }
}

fn messages_check(file: &str, lang: &str, pretty: bool) -> ExitCode {
    let text = match read_input(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let out = huimin::render::check_catalogue(lang, &text);
    print_json(&out.0, pretty);
    ExitCode::from(if out.1 { 0 } else { 2 })
}

fn policy_check(file: &str, pretty: bool, messages: Option<(&str, &str)>) -> ExitCode {
    let text = match read_input(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let mut engine = Engine::with_shipped_packs();
    match engine.load_pack_json(&text) {
        Err(errors) => {
            print_json(&errors, pretty);
            ExitCode::from(2)
        }
        Ok(id) => {
            let failures = huimin::examples::run_pack_examples(&engine, &id);
            let mut ok = failures.is_empty();
            let mut out = serde_json::json!({ "ok": ok, "pack": id, "exampleFailures": failures });
            if let Some((file, lang)) = messages {
                let text = match read_input(file) {
                    Ok(s) => s,
                    Err(e) => {
                        eprintln!("{e}");
                        return ExitCode::from(1);
                    }
                };
                let (json, messages_ok) = huimin::render::check_catalogue(lang, &text);
                ok &= messages_ok;
                out["ok"] = serde_json::Value::Bool(ok);
                out["messages"] = serde_json::from_str(&json).unwrap_or_default();
            }
            print_json(&out.to_string(), pretty);
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            }
        }
    }
}
