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
    /// Each household's summary or errors as they are (`Sink::outcome`), for a writer of
    /// another kind of file (an .xlsx workbook).
    Outcomes,
}

/// A household's result: its summary, or why it gave none.
pub type Outcome = Result<Summary, RosterError>;

/// Where the results go, in the roster's order: text (JSON Lines, CSV), or outcomes.
pub trait Sink {
    fn text(&mut self, text: &str) -> std::io::Result<()>;
    fn outcome(&mut self, outcome: Outcome) -> std::io::Result<()>;
    fn flush(&mut self) -> std::io::Result<()>;
}

/// Results as text onto a `Write`.
pub struct TextSink<W>(pub W);

impl<W: Write> Sink for TextSink<W> {
    fn text(&mut self, text: &str) -> std::io::Result<()> {
        self.0.write_all(text.as_bytes())
    }

    fn outcome(&mut self, _: Outcome) -> std::io::Result<()> {
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// The results of some items: text, or (`Output::Outcomes`) the outcomes themselves.
#[derive(Default)]
pub struct Done {
    pub text: String,
    pub outcomes: Vec<Outcome>,
}

impl Done {
    fn len(&self) -> usize {
        self.text.len() + self.outcomes.len() * 256
    }

    fn send(&mut self, sink: &mut dyn Sink) -> std::io::Result<()> {
        let text = sink.text(&self.text);
        self.text.clear();
        let mut res = text;
        for o in self.outcomes.drain(..) {
            if res.is_ok() {
                res = sink.outcome(o);
            }
        }
        res
    }
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

/// The result line(s) of one item, appended to `done`; the tally takes the item too.
pub fn write_item(engine: &Engine, item: &Item, output: Output, done: &mut Done, tally: &mut Tally) {
    let out = &mut done.text;
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
                    Output::Outcomes => {
                        done.outcomes.push(Ok(s));
                        return;
                    }
                    Output::Jsonl { .. } => {
                        s.write_json(out);
                        if let Some(report) = report {
                            out.pop();
                            out.push_str(",\"report\":");
                            out.push_str(&report.to_json().unwrap_or_default());
                            out.push('}');
                        }
                    }
                    Output::Csv { zh } => s.write_csv_row(zh, out),
                }
                out.push('\n');
            }
            Err(e) => write_error(e, output, done, tally),
        },
        Item::Error(e) => write_error(e.clone(), output, done, tally),
    }
}

fn write_error(e: RosterError, output: Output, done: &mut Done, tally: &mut Tally) {
    tally.add_error(&e);
    let out = &mut done.text;
    match output {
        Output::Jsonl { .. } => out.push_str(&serde_json::to_string(&e).unwrap_or_default()),
        Output::Csv { .. } => out.push_str(&error_csv_row(&e)),
        Output::Outcomes => {
            done.outcomes.push(Err(e));
            return;
        }
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
    out: W,
    reader: Reader,
    output: Output,
    threads: usize,
    engine: &(dyn Fn() -> Engine + Sync),
    progress: &mut dyn FnMut(Progress),
) -> Result<Tally, BatchError> {
    run_into(input, &mut TextSink(out), reader, output, threads, engine, progress)
}

/// `run`, the results going to `out` (text, or outcomes with `Output::Outcomes`).
pub fn run_into<R: Read>(
    input: R,
    out: &mut dyn Sink,
    mut reader: Reader,
    output: Output,
    threads: usize,
    engine: &(dyn Fn() -> Engine + Sync),
    progress: &mut dyn FnMut(Progress),
) -> Result<Tally, BatchError> {
    run_with(input, out, &mut reader, output, threads, engine, progress)
}

/// `run_into` with a reader that is only lent: asked afterwards, it says what it saw (e.g.
/// `Reader::ignored_columns`, for the command line's summary).
pub fn run_with<R: Read>(
    input: R,
    out: &mut dyn Sink,
    reader: &mut Reader,
    output: Output,
    threads: usize,
    engine: &(dyn Fn() -> Engine + Sync),
    progress: &mut dyn FnMut(Progress),
) -> Result<Tally, BatchError> {
    if let Output::Csv { zh } = output {
        let bom = if zh { "\u{feff}" } else { "" };
        out.text(&format!("{bom}{}\n", summary_csv_header(zh))).map_err(BatchError::Write)?;
    }
    let bytes = Cell::new(0u64);
    let mut counting = Counting { inner: input, bytes: &bytes };
    let threads = if cfg!(target_arch = "wasm32") { 1 } else { threads.max(1) };
    let mut tally = Tally::default();
    if threads == 1 {
        let engine = engine();
        let mut done = Done::default();
        let mut items = 0u64;
        let mut write_err = None;
        let res = read_stream(&mut counting, reader, |item| {
            write_item(&engine, &item, output, &mut done, &mut tally);
            items += 1;
            if done.len() > 64 * 1024 {
                if let Err(e) = done.send(out) {
                    write_err.get_or_insert(e);
                }
                progress(Progress { bytes: bytes.get(), items });
            }
        });
        done.send(out).map_err(BatchError::Write)?;
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
fn run_threads<R: Read>(
    input: &mut Counting<'_, R>,
    out: &mut dyn Sink,
    reader: &mut Reader,
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
            let (otx, orx) = mpsc::channel::<(Done, Tally)>();
            to_workers.push(tx);
            from_workers.push(orx);
            scope.spawn(move || {
                let engine = engine();
                for chunk in rx {
                    let mut done = Done { text: String::with_capacity(if output == Output::Outcomes { 0 } else { chunk.len() * 400 }), outcomes: Vec::new() };
                    let mut t = Tally::default();
                    for item in &chunk {
                        write_item(&engine, item, output, &mut done, &mut t);
                    }
                    if otx.send((done, t)).is_err() {
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
            if let Ok((mut piece, t)) = from_workers[*done % threads].recv() {
                if write_err.is_none() {
                    if let Err(e) = piece.send(out) {
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
        let res = read_stream(&mut *input, reader, |item| {
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
fn run_threads<R: Read>(
    _input: &mut Counting<'_, R>,
    _out: &mut dyn Sink,
    _reader: &mut Reader,
    _output: Output,
    _threads: usize,
    _engine: &(dyn Fn() -> Engine + Sync),
    _progress: &mut dyn FnMut(Progress),
) -> Result<Tally, BatchError> {
    // No threads in WebAssembly: `run` takes the one-thread path there (see `threads` in `run`).
    // Calling `run` from here would wrap the reader again and again (an endless generic type).
    Ok(Tally::default())
}
