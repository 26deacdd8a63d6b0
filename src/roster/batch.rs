//! Evaluating a whole roster into result lines (`huimin batch`): read in chunks, evaluate on
//! every core, write in the roster's order, tally as it goes.

use super::{error_csv_row, read_stream, summary_csv_header, Item, ReadError, Reader, RosterError, Summary, Tally};
use crate::Engine;
use std::cell::Cell;
use std::io::{Read, Write};

/// What a result line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// JSON Lines: a summary per household (`full`: with the whole report).
    Jsonl {
        /// With the whole report under `report`.
        full: bool,
    },
    /// CSV: per-area totals, status counts, alert codes (`zh`: Chinese header and labels).
    Csv {
        /// Chinese header and labels (else English).
        zh: bool,
    },
}

/// Why a batch stopped.
#[derive(Debug)]
pub enum BatchError {
    /// The roster cannot be read (I/O, or not a roster at all).
    Read(ReadError),
    /// The results cannot be written.
    Write(std::io::Error),
}

/// Households evaluated per unit of work handed to a thread.
#[cfg(not(target_arch = "wasm32"))]
const CHUNK: usize = 256;

/// The result line(s) of one item, appended to `out`; the tally takes the item too.
pub fn write_item(engine: &Engine, item: &Item, output: Output, out: &mut String, tally: &mut Tally) {
    match item {
        Item::Household(entry) => match entry.evaluate(engine) {
            Ok(mut report) => {
                let full = output == (Output::Jsonl { full: true });
                let (s, report) = if full {
                    // The whole report, its texts in Chinese (what a cadre reads).
                    engine.render(&mut report, crate::render::FALLBACK);
                    (Summary::of(entry.line, &report), Some(report))
                } else {
                    (Summary::from_report(entry.line, report), None)
                };
                tally.add(&s);
                match output {
                    Output::Jsonl { .. } => {
                        s.write_json(out);
                        if let Some(report) = report {
                            out.pop();
                            out.push_str(",\"report\":");
                            out.push_str(&serde_json::to_string(&report).unwrap_or_default());
                            out.push('}');
                        }
                    }
                    Output::Csv { zh } => s.write_csv_row(zh, out),
                }
                out.push('\n');
            }
            Err(e) => write_error(&e, output, out, tally),
        },
        Item::Error(e) => write_error(e, output, out, tally),
    }
}

fn write_error(e: &RosterError, output: Output, out: &mut String, tally: &mut Tally) {
    tally.add_error(e);
    match output {
        Output::Jsonl { .. } => out.push_str(&serde_json::to_string(e).unwrap_or_default()),
        Output::Csv { .. } => out.push_str(&error_csv_row(e)),
    }
    out.push('\n');
}

/// Progress as the roster is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Bytes read so far.
    pub bytes: u64,
    /// Households and bad lines read so far.
    pub items: u64,
}

/// Reads the roster from `input`, writes one result line per household (or bad line) to `out`
/// in the roster's order, and returns the tally. `threads` engines work at once (each thread
/// builds its own with `engine`); `progress` is called after each piece read.
pub fn run<R: Read, W: Write>(
    input: R,
    mut out: W,
    mut reader: Reader,
    output: Output,
    threads: usize,
    engine: &(dyn Fn() -> Engine + Sync),
    progress: &mut dyn FnMut(Progress),
) -> Result<Tally, BatchError> {
    if let Output::Csv { zh } = output {
        let bom = if zh { "\u{feff}" } else { "" };
        writeln!(out, "{bom}{}", summary_csv_header(zh)).map_err(BatchError::Write)?;
    }
    let bytes = Cell::new(0u64);
    let mut counting = Counting { inner: input, bytes: &bytes };
    let threads = if cfg!(target_arch = "wasm32") { 1 } else { threads.max(1) };
    let mut tally = Tally::default();
    if threads == 1 {
        let engine = engine();
        let mut text = String::new();
        let mut items = 0u64;
        let mut write_err = None;
        let res = read_stream(&mut counting, &mut reader, |item| {
            write_item(&engine, &item, output, &mut text, &mut tally);
            items += 1;
            if text.len() > 64 * 1024 {
                if let Err(e) = out.write_all(text.as_bytes()) {
                    write_err.get_or_insert(e);
                }
                text.clear();
                progress(Progress { bytes: bytes.get(), items });
            }
        });
        out.write_all(text.as_bytes()).map_err(BatchError::Write)?;
        if let Some(e) = write_err {
            return Err(BatchError::Write(e));
        }
        res.map_err(BatchError::Read)?;
        out.flush().map_err(BatchError::Write)?;
        return Ok(tally);
    }
    run_threads(&mut counting, out, reader, output, threads, engine, progress)
}

/// A reader that counts the bytes read (for the progress bar).
struct Counting<'a, R> {
    inner: R,
    bytes: &'a Cell<u64>,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.set(self.bytes.get() + n as u64);
        Ok(n)
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn run_threads<R: Read, W: Write>(
    input: &mut Counting<'_, R>,
    mut out: W,
    mut reader: Reader,
    output: Output,
    threads: usize,
    engine: &(dyn Fn() -> Engine + Sync),
    progress: &mut dyn FnMut(Progress),
) -> Result<Tally, BatchError> {
    use std::sync::mpsc;
    let mut tally = Tally::default();
    let input_bytes = input.bytes;
    std::thread::scope(|scope| {
        // Chunk k goes to worker k % threads; its results come back from that worker in order,
        // so reading the workers in turn gives the roster's order.
        let mut to_workers = Vec::new();
        let mut from_workers = Vec::new();
        for _ in 0..threads {
            let (tx, rx) = mpsc::sync_channel::<Vec<Item>>(2);
            let (otx, orx) = mpsc::channel::<(String, Tally)>();
            to_workers.push(tx);
            from_workers.push(orx);
            scope.spawn(move || {
                let engine = engine();
                for chunk in rx {
                    let mut text = String::with_capacity(chunk.len() * 400);
                    let mut t = Tally::default();
                    for item in &chunk {
                        write_item(&engine, item, output, &mut text, &mut t);
                    }
                    if otx.send((text, t)).is_err() {
                        return;
                    }
                }
            });
        }
        let mut sent = 0usize;
        let mut done = 0usize;
        let mut items = 0u64;
        let mut write_err: Option<std::io::Error> = None;
        let mut collect = |done: &mut usize, tally: &mut Tally, write_err: &mut Option<std::io::Error>| {
            if let Ok((text, t)) = from_workers[*done % threads].recv() {
                if write_err.is_none() {
                    if let Err(e) = out.write_all(text.as_bytes()) {
                        *write_err = Some(e);
                    }
                }
                tally.merge(&t);
            }
            *done += 1;
        };
        let mut chunk = Vec::with_capacity(CHUNK);
        let mut send = |chunk: Vec<Item>, sent: &mut usize, done: &mut usize, tally: &mut Tally, write_err: &mut Option<std::io::Error>| {
            // Keep at most two chunks per worker in flight.
            while *sent - *done >= 2 * threads {
                collect(done, tally, write_err);
            }
            let _ = to_workers[*sent % threads].send(chunk);
            *sent += 1;
        };
        let res = read_stream(&mut *input, &mut reader, |item| {
            chunk.push(item);
            items += 1;
            if chunk.len() == CHUNK {
                send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)), &mut sent, &mut done, &mut tally, &mut write_err);
                progress(Progress { bytes: input_bytes.get(), items });
            }
        });
        if !chunk.is_empty() {
            send(chunk, &mut sent, &mut done, &mut tally, &mut write_err);
        }
        while done < sent {
            collect(&mut done, &mut tally, &mut write_err);
        }
        if let Some(e) = write_err {
            return Err(BatchError::Write(e));
        }
        res.map_err(BatchError::Read)?;
        out.flush().map_err(BatchError::Write)?;
        Ok(())
    })?;
    Ok(tally)
}

#[cfg(target_arch = "wasm32")]
fn run_threads<R: Read, W: Write>(
    _input: &mut Counting<'_, R>,
    _out: W,
    _reader: Reader,
    _output: Output,
    _threads: usize,
    _engine: &(dyn Fn() -> Engine + Sync),
    _progress: &mut dyn FnMut(Progress),
) -> Result<Tally, BatchError> {
    // No threads in WebAssembly: `run` takes the one-thread path there (see `threads` in `run`).
    // Calling `run` from here would wrap the reader again and again (an endless generic type).
    Ok(Tally::default())
}
