//! Rosters: many households in one file, read as a stream (docs/roster-format.md).
//!
//! - JSON Lines: one household (SPEC §4) per line.
//! - CSV: one row per person, the household number repeated on each of its rows, as the
//!   poverty-alleviation information systems export them; a member with two hospital stays has
//!   two rows with the same member number. Chinese headers are accepted.
//! - Spreadsheets (.xlsx, .xls; feature `sheets`): a sheet in the CSV's shape. Its rows become
//!   the same records a CSV's do (`csv::RecordRef`, `spreadsheet`), so one row interface
//!   (`Reader::push_row`) takes every kind of row to the same household assembler.
//!
//! Each household becomes a household JSON value and goes through the same validation as a
//! single household (`Engine::evaluate_value`); a problem's JSON path is mapped back to the line
//! and the column it came from. A bad line or household gives an error entry and the rest
//! carries on. Bytes are pushed in chunks and households come out as soon as they are complete,
//! so a roster is never held whole (the command line reads a file piece by piece, the page's
//! worker a `File.stream()`).

pub mod batch;
pub mod columns;
pub mod csv;
#[cfg(not(target_arch = "wasm32"))]
pub mod encoding;
#[cfg(feature = "sheets")]
pub mod spreadsheet;
mod summary;
#[cfg(feature = "sheets")]
pub mod xlsx;

pub use summary::{alert_label, error_csv_row, summary_csv_header, summary_header, write_error_row, Cells, CsvCells, StatusCounts, Summary, Tally, AREAS};

use crate::json::{Json, Map};
use crate::problem::Problem;
use crate::report::Report;
use crate::Engine;
use columns::{Column, COLUMNS, HOUSEHOLD_COLUMNS, MEMBER_COLUMNS, STAY_COLUMNS};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, VecDeque};
use std::hash::BuildHasherDefault;
use std::sync::Arc;

/// The roster's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON Lines: one household per line.
    Jsonl,
    /// CSV (or tab- or semicolon-separated): one row per person.
    Csv,
    /// An Excel 2007+ workbook (read whole: a zip archive is read from its end).
    Xlsx,
    /// An Excel 97–2003 workbook.
    Xls,
}

impl Format {
    /// The format of a name (`jsonl`, `ndjson`, `json`, `csv`, `tsv`, `txt`, any case): a file extension or `--input-format`.
    pub fn from_name(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
            "csv" | "tsv" | "txt" => Some(Format::Csv),
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "xls" => Some(Format::Xls),
            _ => None,
        }
    }

    /// A spreadsheet (rows from a sheet), not text.
    pub fn is_sheet(self) -> bool {
        matches!(self, Format::Xlsx | Format::Xls)
    }

    /// What the first bytes say (a zip archive → .xlsx, an OLE file → .xls), else the format a
    /// file name suggests, else what the first bytes look like (`{` → JSON Lines).
    pub fn guess(file_name: &str, head: &[u8]) -> Format {
        if head.starts_with(b"PK\x03\x04") {
            return Format::Xlsx;
        }
        if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Format::Xls;
        }
        if let Some(ext) = file_name.rsplit('.').next().filter(|e| e.len() < file_name.len()) {
            if let Some(f) = Format::from_name(ext) {
                return f;
            }
        }
        let first = head.iter().copied().find(|b| !(b.is_ascii_whitespace() || *b == 0xEF || *b == 0xBB || *b == 0xBF));
        if first == Some(b'{') {
            Format::Jsonl
        } else {
            Format::Csv
        }
    }
}

/// How a roster is read: its format, and values for households that do not give them (a
/// county's export often has neither the region code nor the date on each row).
#[derive(Debug, Clone)]
pub struct Options {
    /// The file's format.
    pub format: Format,
    /// The region code for households that give none.
    pub region: Option<String>,
    /// The date (`YYYY-MM-DD`) for households that give none.
    pub as_of: Option<String>,
    /// A spreadsheet's sheet to read (by name); `None` for the first.
    pub sheet: Option<String>,
}

impl Options {
    /// Options for `format`, with no region or date given.
    pub fn new(format: Format) -> Options {
        Options { format, region: None, as_of: None, sheet: None }
    }
}

/// A problem of a roster household, located: the JSON path, and the line and column it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located {
    /// The problem's code.
    pub code: String,
    /// The JSON path in the household.
    pub path: String,
    /// The line of the file it came from.
    pub line: usize,
    /// The CSV column it came from (its header), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The problem, in Chinese.
    pub zh: String,
    /// The problem, in English.
    pub en: String,
}

/// A line or household that gives no report: `{"line":N,"household":…,"errors":[…]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterError {
    /// The line the household starts on.
    pub line: usize,
    /// The household's number, when it has one.
    pub household: Option<String>,
    /// Every problem, located.
    pub errors: Vec<Located>,
}

/// Why a roster cannot be read at all (the command line exits 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fatal {
    /// The error's code (`roster.encoding`, `roster.no_household`…).
    pub code: String,
    /// Why, in Chinese.
    pub zh: String,
    /// Why, in English.
    pub en: String,
}

impl Fatal {
    fn new(code: &str, zh: impl Into<String>, en: impl Into<String>) -> Fatal {
        Fatal { code: code.into(), zh: zh.into(), en: en.into() }
    }
}

impl std::fmt::Display for Fatal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.zh, self.en)
    }
}

/// Where the parts of a household came from, to turn a problem's JSON path into a line and a
/// column. Kept small (line numbers by member and stay), resolved only when there is a problem.
#[derive(Debug, Clone)]
enum Origins {
    /// A JSON line: everything is on that line.
    Line,
    Csv(CsvOrigins),
}

#[derive(Debug, Clone)]
struct CsvOrigins {
    /// Header as written, by column (`Column as usize`).
    names: Arc<Vec<Option<String>>>,
    /// The line each household-level column was first given on.
    household: Vec<(Column, usize)>,
    /// Each member's first line, and the line of each of its stays.
    members: Vec<(usize, Vec<usize>)>,
}

impl CsvOrigins {
    fn locate(&self, path: &str, first_line: usize) -> (usize, Option<String>) {
        let name = |c: Option<Column>| c.and_then(|c| self.names.get(c as usize).cloned().flatten());
        let Some(rest) = path.strip_prefix("members[") else {
            let col = Column::from_household_path(path);
            let line = col.and_then(|c| self.household.iter().find(|h| h.0 == c)).map_or(first_line, |h| h.1);
            return (line, name(col));
        };
        let Some((i, rest)) = index_then(rest) else { return (first_line, None) };
        let Some((member_line, stays)) = self.members.get(i) else { return (first_line, None) };
        if let Some(rest) = rest.strip_prefix(".stays[") {
            let Some((j, rest)) = index_then(rest) else { return (*member_line, None) };
            let line = stays.get(j).copied().unwrap_or(*member_line);
            return (line, name(Column::from_stay_path(rest)));
        }
        (*member_line, name(Column::from_member_path(rest)))
    }
}

/// `3].rest` → (3, ".rest").
fn index_then(s: &str) -> Option<(usize, &str)> {
    let close = s.find(']')?;
    Some((s[..close].parse().ok()?, &s[close + 1..]))
}

/// One household read from a roster, not yet validated.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The line it starts on (1-based).
    pub line: usize,
    /// The household number, where known before validation (CSV rows).
    pub household: Option<String>,
    /// Where it is in the file: byte offsets from its first row's first byte to its last row's
    /// line end. `Reader::reread` reads it again from these bytes alone, so that a roster's
    /// households need not be kept in memory to show one again.
    pub range: (u64, u64),
    body: Body,
}

/// A household as read: a JSON line not yet parsed, or a CSV household's rows not yet assembled.
/// Parsing and assembling are left to whoever evaluates, so that they run on the evaluating
/// threads, not on the one reading the file.
#[derive(Debug, Clone)]
enum Body {
    Json(Vec<u8>, Arc<Defaults>),
    Rows(Box<Group>, Arc<CsvLayout>, Arc<Defaults>),
}

/// Where a CSV's columns are: `Column as usize` → its index in a row, and its header as written.
#[derive(Debug, Default)]
struct CsvLayout {
    col_idx: Vec<Option<usize>>,
    names: Arc<Vec<Option<String>>>,
}

/// A household ready for validation: its JSON, its number, where its parts came from, and the
/// problems found while assembling it from rows (conflicting repeated cells).
struct Assembled<'a> {
    value: Json<'a>,
    household: Option<String>,
    origins: Origins,
    early: Vec<Located>,
}

impl Assembled<'_> {
    /// The household's problems, located, after those found while assembling it.
    fn error(self, line: usize, problems: Vec<Problem>) -> RosterError {
        let mut errors = self.early;
        let origins = self.origins;
        errors.extend(problems.into_iter().map(|p| {
            let (line, column) = match &origins {
                Origins::Line => (line, None),
                Origins::Csv(o) => o.locate(&p.path, line),
            };
            Located { code: p.code, path: p.path, line, column, zh: p.zh, en: p.en }
        }));
        RosterError { line, household: self.household, errors }
    }
}

/// The region and date given for a whole roster, for households that lack them.
#[derive(Debug, Clone, Default)]
struct Defaults {
    region: Option<String>,
    as_of: Option<String>,
}

impl Entry {
    fn assemble(&self) -> Result<Assembled<'_>, RosterError> {
        match &self.body {
            Body::Rows(g, layout, defaults) => {
                let (value, origins, early) = build(g, layout, defaults);
                Ok(Assembled { value, household: self.household.clone(), origins: Origins::Csv(origins), early })
            }
            Body::Json(bytes, defaults) => match std::str::from_utf8(bytes).map(Json::parse) {
                Ok(Ok(mut value)) => {
                    let household = value.get("id").and_then(Json::as_str).map(str::to_string);
                    if let Json::Object(map) = &mut value {
                        fill_defaults(map, defaults);
                    }
                    Ok(Assembled { value, household, origins: Origins::Line, early: Vec::new() })
                }
                Err(_) | Ok(Err(_)) => {
                    let (zh, en) = match std::str::from_utf8(bytes).map(Json::parse) {
                        Ok(Err(e)) => (format!("不是有效的JSON(第{}列)", e.column), format!("not valid JSON (column {})", e.column)),
                        _ => ("此行不是UTF-8编码的文本".to_string(), "the line is not UTF-8 text".to_string()),
                    };
                    let e = located("json.syntax", "", self.line, None, zh, en);
                    Err(RosterError { line: self.line, household: None, errors: vec![e] })
                }
            },
        }
    }

    /// The household as a JSON value (a JSON line parsed, CSV rows assembled), with its number.
    pub fn value(&self) -> Result<(Json<'_>, Option<String>), RosterError> {
        self.assemble().map(|a| (a.value, a.household))
    }

    /// The household as JSON text (to evaluate it again later, e.g. to show its full report).
    /// `None` for a line that is not JSON.
    pub fn json_text(&self) -> Option<String> {
        match &self.body {
            Body::Rows(..) => self.value().ok().map(|(v, _)| v.to_text()),
            Body::Json(bytes, defaults) => {
                if defaults.region.is_none() && defaults.as_of.is_none() {
                    return std::str::from_utf8(bytes).ok().filter(|t| Json::parse(t).is_ok()).map(str::to_string);
                }
                self.value().ok().map(|(v, _)| v.to_text())
            }
        }
    }

    /// Validates and evaluates the household: its report (codes, no text), or its located
    /// problems.
    pub fn evaluate(&self, engine: &Engine) -> Result<Report, RosterError> {
        let a = self.assemble()?;
        match engine.evaluate_tree(&a.value) {
            Ok(report) if a.early.is_empty() => Ok(report),
            Ok(_) => Err(a.error(self.line, Vec::new())),
            Err(problems) => Err(a.error(self.line, problems)),
        }
    }

    /// Like `evaluate`, giving the summary line of the household.
    pub fn summarize(&self, engine: &Engine) -> Result<Summary, RosterError> {
        self.evaluate(engine).map(|r| Summary::from_report(self.line, r))
    }
}

/// What a roster yields, in the order of the file.
#[derive(Debug, Clone)]
pub enum Item {
    /// A household, ready to evaluate.
    Household(Entry),
    /// A line or household that gives no report.
    Error(RosterError),
}

/// The longest JSON line accepted (a household is at most 1 MiB of JSON).
const MAX_LINE: usize = crate::household::MAX_INPUT_BYTES;
/// The most CSV rows one household may have (50 members, each with up to 50 stays, and slack).
const MAX_ROWS: usize = 2600;
/// The largest spreadsheet read (it is held whole; a CSV is read in pieces).
const MAX_SHEET: usize = 512 << 20;

/// The roster reader: `push` bytes, `finish` at the end of the file, take items with `next_item`.
pub struct Reader {
    opts: Options,
    defaults: Arc<Defaults>,
    items: VecDeque<Item>,
    fatal: Option<Fatal>,
    /// Only the items whose ordinal (place among all items, in file order) is `k` modulo `n`
    /// (see `set_share`); `None` for all.
    share: Option<(usize, usize)>,
    ordinal: usize,
    jsonl: JsonlState,
    csv: Option<CsvState>,
    /// A spreadsheet's bytes, held until `finish` (a workbook is read whole).
    sheet: Vec<u8>,
    /// The spreadsheet has been read (`read_sheet`).
    sheet_read: bool,
}

#[derive(Default)]
struct JsonlState {
    /// The incomplete last line of what has been pushed.
    partial: Vec<u8>,
    /// The file offsets of the next byte pushed and of the current line's start.
    pos: u64,
    start: u64,
    /// The line the partial line is (1-based), counting the lines already read.
    line: usize,
    /// The current line is past `MAX_LINE`: its bytes are dropped until its end.
    overlong: bool,
}

struct CsvState {
    parser: csv::CsvParser,
    /// Column index → (column, header as written); `None` for a header not understood.
    header: Option<Vec<Option<(Column, String)>>>,
    layout: Arc<CsvLayout>,
    ignored: Vec<String>,
    group: Option<Group>,
    /// Household numbers already finished → the line each started on.
    /// (A hash map: a village's households are looked up once each; the keys' hashing needs no
    /// randomness, which WebAssembly lacks. A roster is its user's own file.)
    seen: HashMap<String, usize, BuildHasherDefault<DefaultHasher>>,
}

#[derive(Debug, Clone)]
struct Group {
    id: String,
    line: usize,
    rows: Rows,
    overflow: bool,
    /// The household's rows are not together: the earlier line of its number.
    split_from: Option<usize>,
    /// Bad lines met while the household was open: they come out after it, in file order.
    after: Vec<RosterError>,
    /// This reader's share (`set_share`): a household of another reader keeps no rows.
    kept: bool,
    /// Where its rows are in the file (`Entry::range`).
    range: (u64, u64),
}

/// A household's rows as kept: each row's text in one string, with where each cell of the known
/// columns is in it (`COLUMNS.len()` a row, in `Column as usize` order, trimmed). Three
/// allocations a household, not two a row.
#[derive(Debug, Clone, Default)]
struct Rows {
    text: String,
    /// Each cell's start and end in `text` (`usize`: 4 bytes each in WebAssembly, where memory
    /// counts).
    cells: Vec<(usize, usize)>,
    /// Each row's line.
    lines: Vec<usize>,
}

impl Rows {
    fn push(&mut self, r: &csv::RecordRef<'_>, col_idx: &[Option<usize>]) {
        let base = self.text.len();
        let text = r.text();
        self.text.push_str(text);
        self.cells.reserve(col_idx.len());
        for i in col_idx {
            let (start, end) = i.and_then(|i| r.span(i)).map_or((0, 0), |(s, e)| trim_span(text, s, e));
            self.cells.push((base + start, base + end));
        }
        self.lines.push(r.line);
    }

    fn len(&self) -> usize {
        self.lines.len()
    }

    /// Row `ri`'s cell of `col` ("" when there is none).
    fn cell(&self, ri: usize, col: Column) -> &str {
        let (start, end) = self.cells.get(ri * COLUMNS.len() + col as usize).copied().unwrap_or((0, 0));
        self.text.get(start..end).unwrap_or("")
    }

    fn line(&self, ri: usize) -> usize {
        self.lines.get(ri).copied().unwrap_or(0)
    }
}

/// `str::trim`, without its search when the cell starts and ends with a character that is not
/// white space (the usual cell).
fn trim(s: &str) -> &str {
    let (start, end) = trim_span(s, 0, s.len());
    &s[start..end]
}

/// `text[start..end].trim()` as a span of `text` (`start`, `end` at character boundaries).
fn trim_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let b = text.as_bytes();
    if start >= end {
        return (start, start);
    }
    // A first byte that is printable ASCII, or that leads a character above U+3000 (E4 and up:
    // CJK and the rest), is no white space; a last byte that is printable ASCII neither.
    let first_ok = matches!(b[start], 0x21..=0x7E | 0xE4..=0xFF);
    let last_ok = match b[end - 1] {
        0x21..=0x7E => true,
        c if c < 0x80 => false,
        _ => text[start..end].chars().next_back().is_some_and(|c| !c.is_whitespace()),
    };
    if first_ok && last_ok {
        return (start, end);
    }
    let cell = &text[start..end];
    let t = cell.trim();
    // `trim` gives a part of the cell: where it starts is found from the pointers.
    let at = start + (t.as_ptr() as usize - cell.as_ptr() as usize);
    (at, at + t.len())
}

impl Reader {
    /// A reader of a roster with these options.
    pub fn new(opts: Options) -> Reader {
        let csv = (opts.format != Format::Jsonl).then(|| CsvState {
            parser: csv::CsvParser::new(),
            header: None,
            layout: Arc::new(CsvLayout::default()),
            ignored: Vec::new(),
            group: None,
            seen: HashMap::default(),
        });
        let defaults = Arc::new(Defaults { region: opts.region.clone(), as_of: opts.as_of.clone() });
        Reader {
            opts,
            defaults,
            items: VecDeque::new(),
            fatal: None,
            share: None,
            ordinal: 0,
            jsonl: JsonlState { line: 1, ..Default::default() },
            csv,
            sheet: Vec::new(),
            sheet_read: false,
        }
    }

    /// Feeds the next bytes of the roster. An error means the roster cannot be read at all.
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), Fatal> {
        if let Some(f) = &self.fatal {
            return Err(f.clone());
        }
        match self.opts.format {
            Format::Jsonl => self.push_jsonl(bytes),
            Format::Csv => self.push_csv(bytes, false),
            Format::Xlsx | Format::Xls => {
                if self.sheet.len() + bytes.len() > MAX_SHEET {
                    self.fatal = Some(Fatal::new(
                        "input.too_large",
                        format!("电子表格超过{}MB上限;请另存为CSV", MAX_SHEET >> 20),
                        format!("the spreadsheet is larger than the limit of {} MB; save it as CSV", MAX_SHEET >> 20),
                    ));
                } else {
                    self.sheet.extend_from_slice(bytes);
                }
            }
        }
        self.fatal.clone().map_or(Ok(()), Err)
    }

    /// Reads the spreadsheet whose bytes are `bytes` (the whole file), handing each item to `f`
    /// as soon as it is complete; `finish` then gives the last. (`push` and `finish` alone do the
    /// same, keeping every item until taken.)
    pub fn read_sheet(&mut self, bytes: &[u8], f: &mut dyn FnMut(Item)) -> Result<(), Fatal> {
        if let Some(fatal) = &self.fatal {
            return Err(fatal.clone());
        }
        self.sheet_read = true;
        #[cfg(feature = "sheets")]
        let read = {
            let sheet = self.opts.sheet.clone();
            spreadsheet::rows(bytes, sheet.as_deref(), &mut |row| {
                self.push_row(row);
                while let Some(item) = self.items.pop_front() {
                    f(item);
                }
                self.fatal.is_none()
            })
        };
        #[cfg(not(feature = "sheets"))]
        let read: Result<(), Fatal> = {
            let _ = (bytes, f);
            Err(Fatal::new("roster.spreadsheet", "此版本不能读取电子表格;请另存为CSV", "this build does not read spreadsheets; save the sheet as CSV"))
        };
        if let Err(e) = read {
            self.fatal.get_or_insert(e);
        }
        self.fatal.clone().map_or(Ok(()), Err)
    }

    /// One row of a roster, in file order: the header first, then each data row, or the line
    /// and the reason a row cannot be read. CSV and spreadsheet rows alike come here.
    pub fn push_row(&mut self, row: csv::Parsed<'_>) {
        self.csv_record(row);
    }

    /// Marks the end of the roster: the last household comes out.
    pub fn finish(&mut self) -> Result<(), Fatal> {
        if let Some(f) = &self.fatal {
            return Err(f.clone());
        }
        match self.opts.format {
            Format::Jsonl => {
                let rest = std::mem::take(&mut self.jsonl.partial);
                if !rest.is_empty() || self.jsonl.overlong {
                    self.jsonl_line(&rest, self.jsonl.pos);
                }
            }
            Format::Csv | Format::Xlsx | Format::Xls => {
                if self.opts.format == Format::Csv {
                    self.push_csv(&[], true);
                } else if !self.sheet_read {
                    let bytes = std::mem::take(&mut self.sheet);
                    let mut got = Vec::new();
                    let _ = self.read_sheet(&bytes, &mut |item| got.push(item));
                    self.items.extend(got);
                }
                if self.fatal.is_none() {
                    if let Some(g) = self.csv.as_mut().and_then(|c| c.group.take()) {
                        self.close(g);
                    }
                }
            }
        }
        if self.fatal.is_none() && self.ordinal == 0 {
            // Nothing at all, or a header alone: most likely the wrong file (or sheet).
            let header = self.csv.as_ref().is_some_and(|c| c.header.is_some());
            self.fatal = Some(if header {
                Fatal::new("roster.empty", "花名册只有表头,没有任何户", "the roster has a header but no household")
            } else {
                Fatal::new("roster.empty", "花名册是空的,没有任何户", "the roster is empty: no household in it")
            });
        }
        self.fatal.clone().map_or(Ok(()), Err)
    }

    /// Keeps only every `n`th item from the `k`th (0-based), counting every household and every
    /// bad line in file order: `n` readers of the same roster with `k` = 0..n share its work
    /// (the page's workers), and item `j` of the whole comes from reader `j % n`. The others are
    /// read but not assembled.
    pub fn set_share(&mut self, k: usize, n: usize) {
        self.share = (n > 1).then_some((k % n, n));
    }

    /// Whether the next item is this reader's (and counts it).
    fn mine(&mut self) -> bool {
        let o = self.ordinal;
        self.ordinal += 1;
        self.share.is_none_or(|(k, n)| o % n == k)
    }

    /// The next item completed, if any (in the order of the file).
    pub fn next_item(&mut self) -> Option<Item> {
        self.items.pop_front()
    }

    /// The household of `entry` read again from the file's bytes in `entry.range` alone (the
    /// bytes a page slices from the file), as this reader read it: the same JSON, the same lines.
    /// `None` if the bytes do not hold that household.
    pub fn reread(&self, entry: (usize, (u64, u64)), bytes: &[u8]) -> Option<Entry> {
        let (line, range) = entry;
        if bytes.len() as u64 != range.1.saturating_sub(range.0) {
            return None;
        }
        match self.opts.format {
            Format::Jsonl => {
                let text = bytes.strip_suffix(b"\r").unwrap_or(bytes);
                Some(Entry { line, household: None, range, body: Body::Json(text.to_vec(), self.defaults.clone()) })
            }
            Format::Xlsx | Format::Xls => None,
            Format::Csv => {
                let c = self.csv.as_ref()?;
                let mut part = Reader::new(self.opts.clone());
                let state = part.csv.as_mut()?;
                state.parser = csv::CsvParser::for_part(c.parser.delimiter()?, line);
                state.header = c.header.clone();
                state.layout = c.layout.clone();
                part.push(bytes).ok()?;
                part.finish().ok()?;
                match part.next_item()? {
                    Item::Household(mut e) if e.line == line => {
                        e.range = range;
                        Some(e)
                    }
                    _ => None,
                }
            }
        }
    }

    /// Headers of a CSV roster that name no known column (ignored; the caller may say so).
    pub fn ignored_columns(&self) -> &[String] {
        self.csv.as_ref().map(|c| c.ignored.as_slice()).unwrap_or(&[])
    }

    // ---- JSON Lines

    fn push_jsonl(&mut self, mut bytes: &[u8]) {
        // (A byte-order mark is taken off the first line, `jsonl_line`, whatever pieces it came in.)
        while let Some(nl) = bytes.iter().position(|&b| b == b'\n') {
            let (line, rest) = (&bytes[..nl], &bytes[nl + 1..]);
            let end = self.jsonl.pos + nl as u64;
            if self.jsonl.partial.is_empty() && !self.jsonl.overlong {
                self.jsonl_line(line, end);
            } else {
                self.append_partial(line);
                let whole = std::mem::take(&mut self.jsonl.partial);
                self.jsonl_line(&whole, end);
            }
            self.jsonl.pos = end + 1;
            self.jsonl.start = end + 1;
            bytes = rest;
        }
        self.jsonl.pos += bytes.len() as u64;
        self.append_partial(bytes);
    }

    fn append_partial(&mut self, bytes: &[u8]) {
        if self.jsonl.overlong || self.jsonl.partial.len() + bytes.len() > MAX_LINE {
            self.jsonl.overlong = true;
            self.jsonl.partial.clear();
        } else {
            self.jsonl.partial.extend_from_slice(bytes);
        }
    }

    /// A complete line, which ends at file offset `end` (its start is `jsonl.start`).
    fn jsonl_line(&mut self, line: &[u8], end: u64) {
        let n = self.jsonl.line;
        self.jsonl.line += 1;
        let mut start = self.jsonl.start;
        let mut line = line.strip_suffix(b"\r").unwrap_or(line);
        if n == 1 {
            if let Some(rest) = line.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
                line = rest;
                start += 3;
            }
        }
        if std::mem::take(&mut self.jsonl.overlong) {
            if !self.mine() {
                return;
            }
            let e = located(
                "input.too_large",
                "",
                n,
                None,
                format!("此行超过{MAX_LINE}字节上限"),
                format!("the line is longer than the limit of {MAX_LINE} bytes"),
            );
            self.items.push_back(Item::Error(RosterError { line: n, household: None, errors: vec![e] }));
            return;
        }
        if line.iter().all(|b| b.is_ascii_whitespace()) || !self.mine() {
            return;
        }
        let body = Body::Json(line.to_vec(), self.defaults.clone());
        let item = Item::Household(Entry { line: n, household: None, range: (start, end), body });
        self.items.push_back(item);
    }

    // ---- CSV

    /// Feeds CSV bytes (or the end of the file) to the parser, and each record it completes to
    /// `csv_record`. The parser lends its records: none is copied unless this reader keeps it.
    fn push_csv(&mut self, bytes: &[u8], end: bool) {
        let Some(c) = self.csv.as_mut() else { return };
        let mut parser = std::mem::take(&mut c.parser);
        let mut sink = |rec: csv::Parsed<'_>| self.csv_record(rec);
        if end {
            parser.finish_each(&mut sink);
        } else {
            parser.push_each(bytes, &mut sink);
        }
        if let Some(c) = self.csv.as_mut() {
            c.parser = parser;
        }
    }

    fn csv_record(&mut self, rec: csv::Parsed<'_>) {
        if self.fatal.is_some() {
            return;
        }
        if self.csv.as_ref().is_some_and(|c| c.header.is_none()) {
            match rec {
                Ok(r) => self.read_header(r),
                Err((_, csv::RecordError::NotUtf8 { .. })) => {
                    self.fatal = Some(Fatal::new(
                        "roster.encoding",
                        "花名册不是UTF-8编码(可能是GBK);请在Excel中另存为“CSV UTF-8(逗号分隔)”",
                        "the roster is not UTF-8 (perhaps GBK); save it from the spreadsheet as \"CSV UTF-8\"",
                    ))
                }
                Err(_) => self.fatal = Some(Fatal::new("roster.header", "无法读取表头行", "the header line cannot be read")),
            }
            return;
        }
        match rec {
            Ok(r) => self.csv_row(r),
            Err((line, e)) => {
                let (code, zh, en) = match e {
                    csv::RecordError::NotUtf8 { .. } => {
                        ("roster.encoding", "此行不是UTF-8编码的文本(可能是GBK)".to_string(), "the line is not UTF-8 text (perhaps GBK)".to_string())
                    }
                    csv::RecordError::TooLong { .. } => (
                        "roster.field_too_long",
                        "此行有过长的单元格或过多的列".to_string(),
                        "a cell of this line is too long, or it has too many columns".to_string(),
                    ),
                    csv::RecordError::Unclosed => (
                        "roster.unclosed_quote",
                        format!("第{line}行的引号没有闭合,直到文件末尾"),
                        format!("a quote opened on line {line} is never closed before the end of the file"),
                    ),
                };
                let column = match e {
                    csv::RecordError::NotUtf8 { field } | csv::RecordError::TooLong { field } => self.header_name(field),
                    csv::RecordError::Unclosed => None,
                };
                let err = RosterError { line, household: None, errors: vec![located(code, "", line, column, zh, en)] };
                self.bad_line(err);
            }
        }
    }

    fn header_name(&self, field: usize) -> Option<String> {
        self.csv.as_ref()?.header.as_ref()?.get(field)?.as_ref().map(|(_, h)| h.clone())
    }

    fn read_header(&mut self, r: csv::RecordRef<'_>) {
        let Some(c) = self.csv.as_mut() else { return };
        let mut header = Vec::with_capacity(r.len());
        let mut found: Vec<(Column, String)> = Vec::new();
        for h in r.fields() {
            let name = h.trim().to_string();
            match Column::from_header(&name) {
                Some(col) => {
                    if let Some((_, first)) = found.iter().find(|(c2, _)| *c2 == col) {
                        self.fatal = Some(Fatal::new(
                            "roster.duplicate_column",
                            format!("表头“{first}”和“{name}”是同一列({})", col.header()),
                            format!("the headers \"{first}\" and \"{name}\" name the same column ({})", col.header()),
                        ));
                        return;
                    }
                    found.push((col, name.clone()));
                    header.push(Some((col, name)));
                }
                None => {
                    if !name.is_empty() {
                        c.ignored.push(name);
                    }
                    header.push(None);
                }
            }
        }
        let has = |col: Column| found.iter().any(|(c2, _)| *c2 == col);
        if !has(Column::Household) {
            self.fatal =
                Some(Fatal::new("roster.no_household_column", "缺少户编号列(户编号 或 household)", "no household number column (户编号 or household)"));
            return;
        }
        if !has(Column::Region) && self.opts.region.is_none() {
            self.fatal = Some(Fatal::new(
                "roster.no_region",
                "缺少地区代码列(地区代码 或 region),也未指定地区",
                "no region column (地区代码 or region) and no region given",
            ));
            return;
        }
        if !has(Column::AsOf) && self.opts.as_of.is_none() {
            self.fatal =
                Some(Fatal::new("roster.no_date", "缺少评估日期列(评估日期 或 asOf),也未指定日期", "no date column (评估日期 or asOf) and no date given"));
            return;
        }
        let mut col_idx = vec![None; COLUMNS.len()];
        let mut names = vec![None; COLUMNS.len()];
        for (i, h) in header.iter().enumerate() {
            if let Some((col, name)) = h {
                col_idx[*col as usize] = Some(i);
                names[*col as usize] = Some(name.clone());
            }
        }
        c.layout = Arc::new(CsvLayout { col_idx, names: Arc::new(names) });
        c.header = Some(header);
    }

    fn csv_row(&mut self, r: csv::RecordRef<'_>) {
        let Some(c) = self.csv.as_mut() else { return };
        if r.is_blank() {
            return;
        }
        let hh_col = c.layout.col_idx[Column::Household as usize];
        let id = hh_col.and_then(|i| r.field(i)).map_or("", trim);
        if id.is_empty() {
            let column = c.layout.names[Column::Household as usize].clone();
            let e = located("roster.no_household", "id", r.line, column, "此行缺少户编号", "this row has no household number");
            self.bad_line(RosterError { line: r.line, household: None, errors: vec![e] });
            return;
        }
        if let Some(g) = &mut c.group {
            if g.id == id {
                g.range.1 = r.end;
                if !g.kept {
                } else if g.rows.len() < MAX_ROWS {
                    g.rows.push(&r, &c.layout.col_idx);
                } else {
                    g.overflow = true;
                }
                return;
            }
        }
        let id = id.to_string();
        let split_from = c.seen.get(id.as_str()).copied();
        // The item number this household will have: after the open one and its bad lines.
        let ordinal = self.ordinal + c.group.as_ref().map_or(0, |g| 1 + g.after.len());
        let kept = self.share.is_none_or(|(k, n)| ordinal % n == k);
        let line = r.line;
        let mut rows = Rows::default();
        if kept {
            rows.push(&r, &c.layout.col_idx);
        }
        let next = Group { id, line, rows, overflow: false, split_from, after: Vec::new(), kept, range: (r.start, r.end) };
        if let Some(done) = c.group.replace(next) {
            c.seen.entry(done.id.clone()).or_insert(done.line);
            self.close(done);
        }
    }

    /// A line that cannot be read: its error comes out after the household being read, if any.
    fn bad_line(&mut self, e: RosterError) {
        match self.csv.as_mut().and_then(|c| c.group.as_mut()) {
            Some(g) => g.after.push(e),
            None => {
                if self.mine() {
                    self.items.push_back(Item::Error(e));
                }
            }
        }
    }

    /// A finished household, then the bad lines met while it was read.
    fn close(&mut self, mut g: Group) {
        let after = std::mem::take(&mut g.after);
        let mine = self.mine();
        debug_assert_eq!(mine, g.kept, "a household's share is known when it starts");
        if mine {
            let Some(c) = &self.csv else { return };
            let (line, household, range) = (g.line, Some(g.id.clone()), g.range);
            let body = Body::Rows(Box::new(g), c.layout.clone(), self.defaults.clone());
            self.items.push_back(Item::Household(Entry { line, household, range, body }));
        }
        for e in after {
            if self.mine() {
                self.items.push_back(Item::Error(e));
            }
        }
    }
}

/// The region and date given for the whole roster, where a household lacks them.
fn fill_defaults<'a>(map: &mut Map<'a>, opts: &'a Defaults) {
    for (key, default) in [("region", &opts.region), ("asOf", &opts.as_of)] {
        if let Some(d) = default {
            let absent = map.get(key).is_none_or(|v| v.is_null() || v.as_str() == Some(""));
            if absent {
                map.insert(key, Json::String(Cow::Borrowed(d)));
            }
        }
    }
}

fn located(code: &str, path: &str, line: usize, column: Option<String>, zh: impl Into<String>, en: impl Into<String>) -> Located {
    Located { code: code.into(), path: path.into(), line, column, zh: zh.into(), en: en.into() }
}

/// One member being assembled: rows are referred to by their index in the household's rows.
struct Draft<'r> {
    id: std::borrow::Cow<'r, str>,
    first: usize,
    /// `Column as usize` → the row that first gave the column (member-level columns).
    cells: Vec<Option<usize>>,
    stays: Vec<usize>,
}

/// Assembles a household JSON value from its rows. A cell repeated on a later row must be empty
/// or the same; another value is a conflict, reported at that line and column.
fn build<'g>(g: &'g Group, c: &CsvLayout, defaults: &'g Defaults) -> (Json<'g>, CsvOrigins, Vec<Located>) {
    let rows = &g.rows;
    let cell = |ri: usize, col: Column| -> &'g str { rows.cell(ri, col) };
    let name = |col: Column| c.names.get(col as usize).cloned().flatten();
    let mut early = Vec::new();
    if let Some(first) = g.split_from {
        early.push(located(
            "roster.household_split",
            "id",
            g.line,
            name(Column::Household),
            format!("户编号{}的各行不相连(第{first}行已出现);同一户的各行须排在一起", g.id),
            format!("the rows of household {} are not together (it appeared on line {first}); keep a household's rows together", g.id),
        ));
    }
    if g.overflow {
        early.push(located("list.too_long", "members", g.line, None, format!("一户最多{MAX_ROWS}行"), format!("at most {MAX_ROWS} rows per household")));
    }
    let conflict = |path: String, col: Column, ri: usize, fi: usize, early: &mut Vec<Located>| {
        let column = name(col).unwrap_or_default();
        let (now, before, first_line) = (short(cell(ri, col)), short(cell(fi, col)), rows.line(fi));
        early.push(located(
            "roster.conflict",
            &path,
            rows.line(ri),
            Some(column.clone()),
            format!("“{column}”为“{now}”,与第{first_line}行的“{before}”不一致"),
            format!("\"{column}\" is \"{now}\", unlike \"{before}\" on line {first_line}"),
        ));
    };

    // Household-level cells: the first row that gives one.
    let mut hh_first: Vec<Option<usize>> = vec![None; COLUMNS.len()];
    for ri in 0..rows.len() {
        for &col in HOUSEHOLD_COLUMNS {
            let t = cell(ri, col);
            if t.is_empty() {
                continue;
            }
            match hh_first[col as usize] {
                None => hh_first[col as usize] = Some(ri),
                Some(fi) if cell(fi, col) == t => {}
                Some(fi) => conflict(Column::household_path(col).to_string(), col, ri, fi, &mut early),
            }
        }
    }

    // Members: by member number, else one per row; a repeated number adds the row's stay.
    let mut drafts: Vec<Draft> = Vec::with_capacity(rows.len());
    for ri in 0..rows.len() {
        let any = |cols: &[Column]| cols.iter().any(|&col| !cell(ri, col).is_empty());
        let has_stay = any(STAY_COLUMNS);
        if !has_stay && !any(MEMBER_COLUMNS) && cell(ri, Column::Member).is_empty() {
            continue;
        }
        let given = cell(ri, Column::Member);
        let found = if given.is_empty() { None } else { drafts.iter().position(|d| d.id == given) };
        let mi = match found {
            Some(mi) => mi,
            None => {
                let id: std::borrow::Cow<str> = if given.is_empty() {
                    let mut n = drafts.len() + 1;
                    while drafts.iter().any(|d| d.id == format!("m{n}")) {
                        n += 1;
                    }
                    format!("m{n}").into()
                } else {
                    given.into()
                };
                drafts.push(Draft { id, first: ri, cells: vec![None; COLUMNS.len()], stays: Vec::new() });
                drafts.len() - 1
            }
        };
        for &col in MEMBER_COLUMNS {
            let t = cell(ri, col);
            if t.is_empty() {
                continue;
            }
            match drafts[mi].cells[col as usize] {
                None => drafts[mi].cells[col as usize] = Some(ri),
                Some(fi) if cell(fi, col) == t => {}
                Some(fi) => conflict(format!("members[{mi}].{}", Column::member_path(col)), col, ri, fi, &mut early),
            }
        }
        if has_stay {
            drafts[mi].stays.push(ri);
        }
    }

    // The household JSON.
    // (Maps sized for what a household and a member usually give: the pushes do not grow them.)
    let mut hh = Map::with_capacity(10);
    hh.push("id", Json::String(Cow::Borrowed(&g.id)));
    let mut overrides = Map::new();
    for &col in HOUSEHOLD_COLUMNS {
        let Some(ri) = hh_first[col as usize] else { continue };
        let t = cell(ri, col);
        match col {
            Column::Region => {
                hh.push("region", Json::String(Cow::Borrowed(t)));
            }
            Column::AsOf => {
                hh.push("asOf", Json::String(Cow::Owned(date(t))));
            }
            Column::Status => {
                hh.push("status", Json::Array(columns::statuses(t)));
            }
            Column::AnnualNetIncome => {
                hh.push("annualNetIncome", columns::money(t));
            }
            Column::HousingGrade => {
                let mut h = Map::new();
                h.push("grade", columns::house_grade(t));
                hh.push("housing", Json::Object(h));
            }
            _ => {
                overrides.push(col.header(), columns::money(t));
            }
        }
    }
    if !overrides.is_empty() {
        hh.push("overrides", Json::Object(overrides));
    }
    let members: Vec<Json> = drafts
        .iter()
        .map(|d| {
            let get = |col: Column| d.cells[col as usize].map(|ri| cell(ri, col));
            let mut m = Map::with_capacity(9);
            m.push("id", Json::String(d.id.clone()));
            if let Some(t) = get(Column::Name) {
                m.push("name", Json::String(Cow::Borrowed(t)));
            }
            if let Some(t) = get(Column::Age) {
                m.push("age", columns::whole(t));
            }
            if let Some(t) = get(Column::Disability) {
                m.push("disability", columns::whole(t));
            }
            if let Some(t) = get(Column::LaborAbility) {
                m.push("laborAbility", columns::labor_ability(t));
            }
            let mut insured = Map::new();
            for (col, key) in [(Column::InsuredMedical, "medical"), (Column::InsuredPension, "pension")] {
                if let Some(t) = get(col) {
                    insured.push(key, columns::boolean(t));
                }
            }
            if !insured.is_empty() {
                m.push("insured", Json::Object(insured));
            }
            // A school object when a stage is given, or freshman/boarding say yes (the stage is
            // then reported missing); "no" cells alone make none.
            let stage = get(Column::Stage).filter(|t| !columns::not_at_school(t));
            let flags = [(Column::Freshman, "freshman"), (Column::Boarding, "boarding")].map(|(col, key)| (key, get(col).map(columns::boolean)));
            if stage.is_some() || flags.iter().any(|(_, v)| v.as_ref().is_some_and(|v| *v != Json::Bool(false))) {
                let mut school = Map::new();
                if let Some(t) = stage {
                    school.push("stage", columns::stage(t));
                }
                for (key, v) in flags {
                    if let Some(v) = v {
                        school.push(key, v);
                    }
                }
                m.push("school", Json::Object(school));
            }
            let listed = get(Column::ChronicListed).map(columns::boolean);
            let self_pay = get(Column::ChronicSelfPay);
            if self_pay.is_some() || listed.as_ref().is_some_and(|v| *v != Json::Bool(false)) {
                let mut chronic = Map::new();
                if let Some(v) = listed {
                    chronic.push("listed", v);
                }
                if let Some(t) = self_pay {
                    chronic.push("selfPayInCatalog", columns::money(t));
                }
                m.push("chronic", Json::Object(chronic));
            }
            if !d.stays.is_empty() {
                let stays = d
                    .stays
                    .iter()
                    .map(|&ri| {
                        let mut st = Map::with_capacity(STAY_COLUMNS.len());
                        for &col in STAY_COLUMNS {
                            let t = cell(ri, col);
                            if t.is_empty() {
                                continue;
                            }
                            let v = match col {
                                Column::StayInDistrict => columns::boolean(t),
                                Column::Treatment => columns::treatment(t),
                                _ => columns::money(t),
                            };
                            st.push(Column::stay_key(col), v);
                        }
                        Json::Object(st)
                    })
                    .collect();
                m.push("stays", Json::Array(stays));
            }
            Json::Object(m)
        })
        .collect();
    hh.push("members", Json::Array(members));
    fill_defaults(&mut hh, defaults);

    let origins = CsvOrigins {
        names: c.names.clone(),
        household: HOUSEHOLD_COLUMNS.iter().filter_map(|&col| hh_first[col as usize].map(|ri| (col, rows.line(ri)))).collect(),
        members: drafts.iter().map(|d| (rows.line(d.first), d.stays.iter().map(|&ri| rows.line(ri)).collect())).collect(),
    };
    (Json::Object(hh), origins, early)
}

/// A date as spreadsheets rewrite it (2017/9/1, 2017.9.1, 2017年9月1日) → 2017-09-01; other text
/// is passed on for validation to report.
fn date(text: &str) -> String {
    let t = text.trim_end_matches('日');
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月']).collect();
    if parts.len() == 3
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[0].len() == 4
        && parts[1].len() <= 2
        && parts[2].len() <= 2
    {
        format!("{}-{:0>2}-{:0>2}", parts[0], parts[1], parts[2])
    } else {
        text.to_string()
    }
}

fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

/// Reads a whole roster from a `Read` in chunks, handing each item to `f` as soon as it is
/// complete. The error is the roster's own (it cannot be read), or the reader's I/O error.
pub fn read_stream<R: std::io::Read>(mut input: R, reader: &mut Reader, mut f: impl FnMut(Item)) -> Result<(), ReadError> {
    if reader.opts.format.is_sheet() {
        // A workbook is read whole, then its rows one by one.
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(&mut input, MAX_SHEET as u64 + 1), &mut bytes).map_err(ReadError::Io)?;
        if bytes.len() > MAX_SHEET {
            return reader.push(&bytes).map_err(ReadError::Roster);
        }
        reader.read_sheet(&bytes, &mut f).map_err(ReadError::Roster)?;
        reader.finish().map_err(ReadError::Roster)?;
        while let Some(item) = reader.next_item() {
            f(item);
        }
        return Ok(());
    }
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(ReadError::Io(e)),
        };
        reader.push(&buf[..n]).map_err(ReadError::Roster)?;
        while let Some(item) = reader.next_item() {
            f(item);
        }
    }
    reader.finish().map_err(ReadError::Roster)?;
    while let Some(item) = reader.next_item() {
        f(item);
    }
    Ok(())
}

/// Why `read_stream` stopped.
#[derive(Debug)]
pub enum ReadError {
    /// The input could not be read.
    Io(std::io::Error),
    /// The roster cannot be read at all.
    Roster(Fatal),
}

/// Every item of a roster held in memory (tests, small rosters).
pub fn read_all(bytes: &[u8], opts: Options) -> Result<Vec<Item>, Fatal> {
    let mut reader = Reader::new(opts);
    let mut items = Vec::new();
    reader.push(bytes)?;
    reader.finish()?;
    while let Some(i) = reader.next_item() {
        items.push(i);
    }
    Ok(items)
}

// ---- Spreadsheets in the page (feature `sheets`): kept here, after the rest of the file, so
// that the roster module built without it is byte for byte the same (its panic locations count
// this file's lines).

/// The header of the rows `Entry::write_kept` writes: every known column's canonical name.
#[cfg(feature = "sheets")]
pub fn kept_header() -> String {
    COLUMNS.iter().map(|c| c.1).collect::<Vec<_>>().join(",")
}

#[cfg(feature = "sheets")]
impl Entry {
    /// The household's rows as CSV lines of the known columns (under `kept_header`), each cell as
    /// the household assembler reads it (merged cells filled in, numbers and dates as text): what
    /// the page's worker keeps of a spreadsheet's household to show it again
    /// (`Reader::reread_kept`), since a sheet cannot be sliced from its file as a CSV can. Nothing
    /// for a JSON line.
    /// A row's empty cells at its end are left out (the reader takes missing cells as empty).
    pub fn write_kept(&self, out: &mut String) {
        let Body::Rows(g, _, _) = &self.body else { return };
        for ri in 0..g.rows.len() {
            let last = COLUMNS.iter().rposition(|(col, _, _)| !g.rows.cell(ri, *col).is_empty()).map_or(0, |i| i + 1);
            for (i, (col, _, _)) in COLUMNS[..last].iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&csv::quote(g.rows.cell(ri, *col)));
            }
            out.push_str("\r\n");
        }
    }
}

#[cfg(feature = "sheets")]
impl Reader {
    /// The spreadsheet's sheet to read (by name; `None` for the first), before it is read.
    pub fn set_sheet(&mut self, sheet: Option<String>) {
        self.opts.sheet = sheet;
    }

    /// The household whose rows `Entry::write_kept` wrote (`rows`, as it wrote them) as JSON
    /// text, read as this reader reads it (the same region and date for households without
    /// them); `None` if the rows hold no household.
    pub fn reread_kept(&self, rows: &str) -> Option<String> {
        let mut opts = Options::new(Format::Csv);
        opts.region = self.opts.region.clone();
        opts.as_of = self.opts.as_of.clone();
        let text = format!("{}\r\n{rows}", kept_header());
        match read_all(text.as_bytes(), opts).ok()?.into_iter().next()? {
            Item::Household(e) => e.json_text(),
            Item::Error(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_dates() {
        assert_eq!(date("2017/9/1"), "2017-09-01");
        assert_eq!(date("2017年9月1日"), "2017-09-01");
        assert_eq!(date("2017-09-01"), "2017-09-01");
        assert_eq!(date("9/1/2017"), "9/1/2017");
    }

    /// A kept row's cells are its known columns' fields, trimmed as `str::trim` does (ideographic
    /// and no-break spaces too), wherever the columns are in the row.
    #[test]
    fn rows_keep_trimmed_cells_of_known_columns() {
        for (text, want) in [("张三", "张三"), ("\u{3000}张三\u{a0}", "张三"), (" a ", "a"), ("", ""), ("\t", ""), ("x", "x"), ("\u{3000}", "")] {
            assert_eq!(trim(text), want, "{text:?}");
            assert_eq!(trim(text), text.trim());
        }
        let mut p = csv::CsvParser::new();
        let mut rows = Rows::default();
        let mut col_idx = vec![None; COLUMNS.len()];
        col_idx[Column::Household as usize] = Some(2);
        col_idx[Column::Name as usize] = Some(0);
        let mut sink = |r: csv::Parsed<'_>| rows.push(&r.unwrap(), &col_idx);
        p.push_each("\u{3000}张三 ,ignored, H1\n李四,\"x, y\",H2\n".as_bytes(), &mut sink);
        p.finish_each(&mut sink);
        assert_eq!(rows.len(), 2);
        assert_eq!((rows.cell(0, Column::Name), rows.cell(0, Column::Household), rows.cell(0, Column::Age)), ("张三", "H1", ""));
        assert_eq!((rows.cell(1, Column::Name), rows.cell(1, Column::Household), rows.line(1)), ("李四", "H2", 2));
    }

    #[test]
    fn format_from_name_or_content() {
        assert_eq!(Format::guess("r.csv", b"{"), Format::Csv);
        assert_eq!(Format::guess("roster", b"  {\"region\""), Format::Jsonl);
        assert_eq!(Format::guess("roster", "户编号,".as_bytes()), Format::Csv);
    }
}
