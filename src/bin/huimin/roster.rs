//! `huimin batch ROSTER` and `huimin gen`: whole rosters on the command line.

use crate::sheets;
use huimin::roster::batch::{self, BatchError, Output, Progress};
use huimin::roster::{Format, Options, ReadError, Reader};
use huimin::Engine;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The value after a flag (`--out FILE`).
pub fn opt<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

/// Flags of `batch` and `gen` that take a value.
pub const VALUE_FLAGS: &[&str] = &["--format", "--input-format", "--out", "--region", "--as-of", "--threads", "--seed", "--count", "--sheet"];

pub fn batch(file: &str, args: &[String]) -> ExitCode {
    let flag = |f: &str| args.iter().any(|a| a == f);
    let out_path = opt(args, "--out");
    let zh = opt(args, "--lang").unwrap_or("zh") != "en";
    let by_name = out_path.and_then(|p| ["csv", "xlsx"].into_iter().find(|ext| p.to_ascii_lowercase().ends_with(&format!(".{ext}"))));
    let xlsx = matches!(opt(args, "--format").or(by_name), Some("xlsx"));
    let output = match opt(args, "--format").or(by_name) {
        None | Some("jsonl") | Some("json") => Output::Jsonl { full: flag("--full") },
        Some("csv") => Output::Csv { zh },
        Some("xlsx") if cfg!(all(feature = "sheets", not(target_arch = "wasm32"))) => Output::Outcomes,
        Some(other) => {
            eprintln!(
                "huimin batch: unknown --format {other} (jsonl, csv{})",
                if cfg!(all(feature = "sheets", not(target_arch = "wasm32"))) { " or xlsx" } else { "" }
            );
            return ExitCode::from(1);
        }
    };
    if xlsx && out_path.is_none() && std::io::stdout().is_terminal() {
        eprintln!("huimin batch: --format xlsx writes a workbook: give --out FILE.xlsx");
        return ExitCode::from(1);
    }
    let threads = match opt(args, "--threads") {
        Some(t) => match t.parse::<usize>() {
            Ok(n) if n >= 1 => n,
            _ => {
                eprintln!("huimin batch: --threads takes a number ≥ 1");
                return ExitCode::from(1);
            }
        },
        None => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(8),
    };

    // The input: a file (its size drives the progress bar) or standard input.
    let (input, size): (Box<dyn Read>, Option<u64>) = if file == "-" {
        (Box::new(std::io::stdin().lock()), None)
    } else {
        match std::fs::File::open(file) {
            Ok(f) => {
                let size = f.metadata().ok().map(|m| m.len());
                (Box::new(f), size)
            }
            Err(e) => {
                eprintln!("huimin batch: cannot read {file}: {e}");
                return ExitCode::from(2);
            }
        }
    };
    let mut input = std::io::BufReader::with_capacity(256 * 1024, input);
    let head = std::io::BufRead::fill_buf(&mut input).map(|b| b.to_vec()).unwrap_or_default();
    let format = match opt(args, "--input-format") {
        Some(f) => match Format::from_name(f) {
            Some(f) => f,
            None => {
                eprintln!("huimin batch: unknown --input-format {f} (jsonl, csv, xlsx or xls)");
                return ExitCode::from(1);
            }
        },
        None => Format::guess(file, &head),
    };
    // A CSV that is not UTF-8 is taken as GBK/GB18030 (a plain "CSV" from Excel on a Chinese
    // Windows), as the page does.
    let input = if format == Format::Csv { utf8(input, &head, file, flag("--quiet")) } else { Box::new(input) };
    let mut options = Options::new(format);
    options.region = opt(args, "--region").map(str::to_string);
    options.as_of = opt(args, "--as-of").map(str::to_string);
    options.sheet = opt(args, "--sheet").map(str::to_string);
    let mut reader = Reader::new(options);

    let out: Box<dyn Write> = match out_path {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("huimin batch: cannot write {p}: {e}");
                return ExitCode::from(1);
            }
        },
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::with_capacity(256 * 1024, out);

    let started = Instant::now();
    let mut bar = Bar::new(size, std::io::stderr().is_terminal() && !flag("--quiet"));
    let engine = || Engine::with_shipped_packs();
    let result = if xlsx {
        sheets::batch_xlsx(input, &mut out, &mut reader, zh, threads, &engine, &mut |p| bar.show(p))
    } else {
        batch::run_with(input, &mut batch::TextSink(out), &mut reader, output, threads, &engine, &mut |p| bar.show(p))
    };
    bar.clear();
    let elapsed = started.elapsed();
    match result {
        Ok(tally) => {
            if !flag("--quiet") {
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "{}", tally.text());
                let ignored = reader.ignored_columns();
                if !ignored.is_empty() {
                    let _ = writeln!(err, "未识别的列(未读取) columns not recognised (not read): {}", ignored.join(", "));
                }
                let per = if tally.households + tally.errors > 0 { elapsed.as_secs_f64() * 1e6 / (tally.households + tally.errors) as f64 } else { 0.0 };
                let _ = writeln!(
                    err,
                    "用时 time: {:.3} s ({per:.1} µs per household, {threads} thread{})",
                    elapsed.as_secs_f64(),
                    if threads == 1 { "" } else { "s" }
                );
            }
            ExitCode::SUCCESS
        }
        Err(BatchError::Read(ReadError::Roster(fatal))) => {
            eprintln!("huimin batch: {file}: {fatal}");
            let problem = huimin::problem::Problem { code: fatal.code, path: String::new(), zh: fatal.zh, en: fatal.en };
            println!("{}", huimin::problem::errors_json(&[problem]));
            ExitCode::from(2)
        }
        Err(BatchError::Read(ReadError::Io(e))) => {
            eprintln!("huimin batch: cannot read {file}: {e}");
            ExitCode::from(2)
        }
        Err(BatchError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(BatchError::Write(e)) => {
            eprintln!("huimin batch: cannot write the results: {e}");
            ExitCode::from(1)
        }
    }
}

/// A CSV as UTF-8: as it is, or decoded from GBK/GB18030 when its first bytes are not UTF-8.
#[cfg(not(target_arch = "wasm32"))]
fn utf8<R: Read + 'static>(input: R, head: &[u8], file: &str, quiet: bool) -> Box<dyn Read> {
    if huimin::roster::encoding::is_utf8(head) {
        return Box::new(input);
    }
    if !quiet {
        eprintln!("huimin batch: {file} 不是UTF-8,按GBK/GB18030读取 / not UTF-8: read as GBK/GB18030");
    }
    Box::new(huimin::roster::encoding::Gb18030::new(input))
}

#[cfg(target_arch = "wasm32")]
fn utf8<R: Read + 'static>(input: R, _: &[u8], _: &str, _: bool) -> Box<dyn Read> {
    Box::new(input)
}

/// A one-line progress bar on standard error, only when it is a terminal.
struct Bar {
    size: Option<u64>,
    on: bool,
    last: Option<Instant>,
    started: Instant,
}

impl Bar {
    fn new(size: Option<u64>, on: bool) -> Bar {
        Bar { size, on, last: None, started: Instant::now() }
    }

    fn show(&mut self, p: Progress) {
        if !self.on || self.last.is_some_and(|t| t.elapsed() < Duration::from_millis(100)) {
            return;
        }
        self.last = Some(Instant::now());
        let rate = p.items as f64 / self.started.elapsed().as_secs_f64().max(1e-3);
        let line = match self.size.filter(|s| *s > 0) {
            Some(size) => {
                let frac = (p.bytes as f64 / size as f64).min(1.0);
                let filled = (frac * 30.0) as usize;
                format!("[{}{}] {:3.0}%  {} households  {:.0}/s", "#".repeat(filled), ".".repeat(30 - filled), frac * 100.0, p.items, rate)
            }
            None => format!("{} households  {:.0}/s", p.items, rate),
        };
        eprint!("\r{line}\x1b[K");
    }

    fn clear(&mut self) {
        if self.on && self.last.is_some() {
            eprint!("\r\x1b[K");
        }
    }
}

/// `huimin gen --seed S --count N [--format jsonl|csv]`: a seeded roster on standard output.
pub fn gen(args: &[String]) -> ExitCode {
    let num = |name: &str, default: u64| -> Result<u64, ExitCode> {
        match opt(args, name) {
            None => Ok(default),
            Some(s) => s.parse().map_err(|_| {
                eprintln!("huimin gen: {name} takes a whole number");
                ExitCode::from(1)
            }),
        }
    };
    let (seed, count) = match (num("--seed", 1), num("--count", 1000)) {
        (Ok(s), Ok(c)) => (s, c),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let by_name = opt(args, "--out").and_then(|p| p.rsplit_once('.')).map(|(_, ext)| ext).filter(|ext| ["jsonl", "csv", "xlsx"].contains(ext));
    let format = opt(args, "--format").or(by_name).unwrap_or("jsonl");
    let csv = match format {
        "jsonl" => false,
        "csv" => true,
        "xlsx" if cfg!(all(feature = "sheets", not(target_arch = "wasm32"))) => {
            if opt(args, "--out").is_none() && std::io::stdout().is_terminal() {
                eprintln!("huimin gen: --format xlsx writes a workbook: give --out FILE.xlsx");
                return ExitCode::from(1);
            }
            return sheets::gen_xlsx(seed, count, opt(args, "--out"));
        }
        other => {
            eprintln!(
                "huimin gen: unknown --format {other} (jsonl, csv{})",
                if cfg!(all(feature = "sheets", not(target_arch = "wasm32"))) { " or xlsx" } else { "" }
            );
            return ExitCode::from(1);
        }
    };
    let out: Box<dyn Write> = match opt(args, "--out") {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("huimin gen: cannot write {p}: {e}");
                return ExitCode::from(1);
            }
        },
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::with_capacity(256 * 1024, out);
    let mut text = String::new();
    if csv {
        // No byte-order mark: the file is plain UTF-8 text that `iconv -t GBK` converts (Excel
        // reads UTF-8 without one only through 数据 → 自文本; the roster reader takes either).
        text.push_str(huimin::generate::CSV_HEADER);
        text.push_str("\r\n");
    }
    for i in 0..count {
        let hh = huimin::generate::household(seed, i);
        if csv {
            huimin::generate::csv_rows(&hh, &mut text);
        } else {
            text.push_str(&hh.to_string());
            text.push('\n');
        }
        if text.len() > 64 * 1024 {
            if out.write_all(text.as_bytes()).is_err() {
                return ExitCode::SUCCESS; // a closed pipe (`| head`)
            }
            text.clear();
        }
    }
    if out.write_all(text.as_bytes()).and_then(|_| out.flush()).is_err() {
        return ExitCode::SUCCESS;
    }
    ExitCode::SUCCESS
}
