//! Rosters as spreadsheets (.xlsx, .xls), read with calamine (feature `sheets`).
//!
//! A sheet's rows become the same rows a CSV gives (`csv::RecordRef`, handed to
//! `Reader::push_row`), so the household assembler, the header names and the errors are the
//! CSV's; a row's line is the sheet's own row number (as Excel shows it). What a sheet has that a
//! CSV has not is dealt with here:
//!
//! - Title rows above the header (a county's name merged across the table) are skipped: the
//!   header is the first row that names the household column.
//! - Merged header cells: a header of two rows (住院 merged over 总费用, 政策范围内费用, 医保报销
//!   below it; 户编号 merged down both rows) names each column by what stands above it: the
//!   parts joined (住院总费用), else the lowest part (总费用), else the highest.
//! - Merged cells in the data (a household's number merged down its members' rows) give their
//!   value to every row they cover.
//! - Numbers become text as Excel shows them (at most 15 significant digits: 9600 → "9600",
//!   0.1 + 0.2 → "0.3"); numbers stored as text are text already. Dates (a date cell, or a
//!   serial number in the date column) become `2017-09-01`; yes/no cells 是/否.
//!
//! An .xlsx sheet is read cell by cell as calamine unpacks it (a roster of 100,000 households is
//! never held as a grid of cells); an .xls sheet (at most 65,536 rows) as a whole.

use super::columns::Column;
use super::csv::{Parsed, RecordError, RecordRef, MAX_FIELD, MAX_FIELDS};
use super::Fatal;
use calamine::{CellErrorType, Data, DataRef, Dimensions, Reader as _, Xls, Xlsx};
use std::fmt::Write as _;
use std::io::Cursor;

/// The kind of spreadsheet file its first bytes say, if any.
pub fn kind(head: &[u8]) -> Option<super::Format> {
    if head.starts_with(b"PK\x03\x04") {
        Some(super::Format::Xlsx)
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(super::Format::Xls)
    } else {
        None
    }
}

/// The rows of the sheet named `sheet` (else the first) of the workbook `bytes`, one after
/// another to `row`: the header row first, then each data row (or its error). `row` returns
/// false to stop. The error is the workbook's (not a spreadsheet, no such sheet).
pub fn rows(bytes: &[u8], sheet: Option<&str>, row: &mut dyn FnMut(Parsed<'_>) -> bool) -> Result<(), Fatal> {
    let not_read =
        |e: &dyn std::fmt::Display| Fatal::new("roster.spreadsheet", format!("无法读取电子表格:{e}"), format!("the spreadsheet cannot be read: {e}"));
    match kind(bytes) {
        Some(super::Format::Xlsx) => {
            let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(|e| not_read(&e))?;
            let name = pick_sheet(&wb.sheet_names(), sheet)?;
            let merges = match quick_merges(bytes, &name) {
                Some(m) => m,
                None => match wb.worksheet_merge_cells(&name) {
                    Some(Ok(m)) => m,
                    Some(Err(e)) => return Err(not_read(&e)),
                    None => Vec::new(),
                },
            };
            let mut sheet_rows = Rows::new(merges, row);
            if date_1904(bytes) {
                sheet_rows.epoch = EPOCH_1904;
            }
            let mut cells = wb.worksheet_cells_reader(&name).map_err(|e| not_read(&e))?;
            let mut current: Vec<(u32, Value)> = Vec::new();
            let mut at = None;
            loop {
                let cell = cells.next_cell().map_err(|e| not_read(&e))?;
                let Some(cell) = cell else { break };
                let (r, c) = cell.get_position();
                if at != Some(r) {
                    if let Some(prev) = at {
                        if !sheet_rows.row(prev, &mut current) {
                            return Ok(());
                        }
                    }
                    at = Some(r);
                }
                let v = match cell.get_value() {
                    DataRef::Empty => continue,
                    DataRef::SharedString(s) => Value::Text((*s).to_string()),
                    DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Text(s.clone()),
                    DataRef::Int(i) => Value::Number(*i as f64),
                    DataRef::Float(f) => Value::Number(*f),
                    DataRef::Bool(b) => Value::Bool(*b),
                    DataRef::DateTime(d) => Value::Date(d.as_f64()),
                    DataRef::Error(e) => Value::Error(e.clone()),
                };
                current.push((c, v));
            }
            if let Some(prev) = at {
                if !sheet_rows.row(prev, &mut current) {
                    return Ok(());
                }
            }
            sheet_rows.end();
            Ok(())
        }
        Some(_) => {
            let mut wb = Xls::new(Cursor::new(bytes)).map_err(|e| not_read(&e))?;
            let name = pick_sheet(&wb.sheet_names(), sheet)?;
            let merges = wb.worksheet_merge_cells(&name).unwrap_or_default();
            let range = wb.worksheet_range(&name).map_err(|e| not_read(&e))?;
            let mut sheet_rows = Rows::new(merges, row);
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut current: Vec<(u32, Value)> = Vec::new();
            for (i, cells) in range.rows().enumerate() {
                for (j, d) in cells.iter().enumerate() {
                    let v = match d {
                        Data::Empty => continue,
                        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(s.clone()),
                        Data::Int(i) => Value::Number(*i as f64),
                        Data::Float(f) => Value::Number(*f),
                        Data::Bool(b) => Value::Bool(*b),
                        Data::DateTime(d) => Value::Date(d.as_f64()),
                        Data::Error(e) => Value::Error(e.clone()),
                    };
                    current.push((c0 + j as u32, v));
                }
                if !current.is_empty() && !sheet_rows.row(r0 + i as u32, &mut current) {
                    return Ok(());
                }
            }
            sheet_rows.end();
            Ok(())
        }
        None => Err(Fatal::new("roster.spreadsheet", "不是.xlsx或.xls电子表格文件", "not an .xlsx or .xls spreadsheet file")),
    }
}

/// Days from the 1900 date system's serial numbers to the 1904 system's (1904-01-01 is 1462 in
/// the first, 0 in the second).
const EPOCH_1904: f64 = 1462.0;

/// Whether an .xlsx counts its dates in the 1904 date system (`<workbookPr date1904="1"/>` in
/// `xl/workbook.xml`). calamine gives a date cell's serial number as it is stored, without
/// saying which system it counts in (the flag is private to it), and a bare number in the date
/// column is no date cell at all: both are moved here. (An .xls in the 1904 system is not
/// detected: its flag is private to calamine too.)
fn date_1904(bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return false };
    let mut workbook = String::new();
    let read = zip.by_name("xl/workbook.xml").map(|f| f.take(16 << 20).read_to_string(&mut workbook));
    if !matches!(read, Ok(Ok(_))) {
        return false;
    }
    let Some(at) = workbook.find("<workbookPr").or_else(|| workbook.find(":workbookPr")) else { return false };
    let tag = &workbook[at..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    matches!(attr(tag, "date1904"), Some("1" | "true"))
}

/// The names of the workbook's sheets, in order (the page offers them to choose from). An
/// .xlsx's are read from its `xl/workbook.xml` alone (calamine's `Xlsx::new` reads the shared
/// strings of every sheet first, a second or so for 100,000 households); an .xls's by calamine.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, Fatal> {
    let not_read =
        |e: &dyn std::fmt::Display| Fatal::new("roster.spreadsheet", format!("无法读取电子表格:{e}"), format!("the spreadsheet cannot be read: {e}"));
    match kind(bytes) {
        Some(super::Format::Xlsx) => {
            if let Some(names) = quick_sheet_names(bytes) {
                return Ok(names);
            }
            Xlsx::new(Cursor::new(bytes)).map(|wb| wb.sheet_names()).map_err(|e| not_read(&e))
        }
        Some(_) => Xls::new(Cursor::new(bytes)).map(|wb| wb.sheet_names()).map_err(|e| not_read(&e)),
        None => Err(Fatal::new("roster.spreadsheet", "不是.xlsx或.xls电子表格文件", "not an .xlsx or .xls spreadsheet file")),
    }
}

/// The sheets' names from an .xlsx's `xl/workbook.xml` (`<sheet name="…"`); `None` when it is
/// not as expected (then calamine reads them).
fn quick_sheet_names(bytes: &[u8]) -> Option<Vec<String>> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut workbook = String::new();
    zip.by_name("xl/workbook.xml").ok()?.take(16 << 20).read_to_string(&mut workbook).ok()?;
    if !workbook.contains("<workbook") {
        return None;
    }
    let names: Option<Vec<String>> = workbook.split("<sheet ").skip(1).map(|e| e.find('>').and_then(|end| attr(&e[..end], "name")).map(unescape)).collect();
    names.filter(|n| !n.is_empty())
}

/// The merged cells of the sheet `name` of an .xlsx, found by a byte search of the sheet's XML for
/// its `<mergeCells>` (after the cells): calamine's `worksheet_merge_cells` parses the whole
/// sheet's XML as XML, a third of the time a workbook of 100,000 households takes to read, to find
/// the few merged cells at its end. Markup cannot hide in the cells' text (a `<` there is written
/// `&lt;`). `None` when the sheet or its parts are not where and as this search expects them
/// (then calamine's way is taken).
fn quick_merges(bytes: &[u8], name: &str) -> Option<Vec<Dimensions>> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut part = |path: &str| -> Option<String> {
        let mut s = String::new();
        zip.by_name(path).ok()?.take(16 << 20).read_to_string(&mut s).ok()?;
        Some(s)
    };
    // <sheet name="花名册" sheetId="1" r:id="rId1"/> in the workbook, then its relationship.
    let workbook = part("xl/workbook.xml")?;
    if !workbook.contains("<workbook") {
        return None; // prefixed element names (`<x:workbook`): left to calamine
    }
    let id = workbook.split("<sheet ").skip(1).find_map(|e| {
        let e = &e[..e.find('>')?];
        (unescape(attr(e, "name")?) == name).then(|| attr(e, "r:id")).flatten()
    })?;
    let rels = part("xl/_rels/workbook.xml.rels")?;
    let target = rels.split("<Relationship ").skip(1).find_map(|e| {
        let e = &e[..e.find('>')?];
        (attr(e, "Id")? == id).then(|| attr(e, "Target")).flatten()
    })?;
    let path = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    };
    let mut sheet = zip.by_name(&path).ok()?;
    // Read on until `<mergeCells`; keep what follows it.
    let finder = memchr::memmem::Finder::new(b"<mergeCells");
    let mut buf = vec![0u8; 256 * 1024];
    let mut window: Vec<u8> = Vec::new();
    let mut rest: Option<Vec<u8>> = None;
    loop {
        let n = sheet.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        match &mut rest {
            Some(r) => {
                r.extend_from_slice(&buf[..n]);
                if r.len() > 64 << 20 {
                    return None;
                }
            }
            None => {
                window.extend_from_slice(&buf[..n]);
                if let Some(at) = finder.find(&window) {
                    rest = Some(window[at..].to_vec());
                } else {
                    // Keep the last bytes, where the tag may begin.
                    let keep = window.len().saturating_sub(16);
                    window.drain(..keep);
                }
            }
        }
    }
    let Some(rest) = rest else { return Some(Vec::new()) };
    let rest = String::from_utf8_lossy(&rest);
    let mut merges = Vec::new();
    for e in rest.split("<mergeCell ").skip(1) {
        let e = &e[..e.find('>')?];
        let r = attr(e, "ref")?;
        let (a, b) = r.split_once(':').unwrap_or((r, r));
        merges.push(Dimensions { start: cell_ref(a)?, end: cell_ref(b)? });
    }
    Some(merges)
}

/// The value of the attribute `name` in the text of an element's start tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut at = 0;
    while let Some(i) = tag[at..].find(name) {
        let i = at + i;
        let before_ok = i == 0 || tag.as_bytes()[i - 1].is_ascii_whitespace();
        let rest = tag[i + name.len()..].trim_start();
        if before_ok {
            if let Some(rest) = rest.strip_prefix('=') {
                let rest = rest.trim_start();
                let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
                let value = &rest[1..];
                return value.find(quote).map(|end| &value[..end]);
            }
        }
        at = i + name.len();
    }
    None
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// `B12` → (11, 1), 0-based (row, column).
fn cell_ref(a: &str) -> Option<(u32, u32)> {
    let a = a.trim().trim_start_matches('$');
    let letters = a.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = a[..letters].bytes().fold(0u32, |n, b| n * 26 + (b.to_ascii_uppercase() - b'A' + 1) as u32) - 1;
    let row: u32 = a[letters..].trim_start_matches('$').parse().ok()?;
    Some((row.checked_sub(1)?, col))
}

/// The sheet asked for (exactly, else ignoring case and spaces around), or the first.
fn pick_sheet(names: &[String], wanted: Option<&str>) -> Result<String, Fatal> {
    let Some(wanted) = wanted else {
        return names.first().cloned().ok_or_else(|| Fatal::new("roster.empty", "电子表格中没有工作表", "the spreadsheet has no sheet"));
    };
    let found = names.iter().find(|n| *n == wanted).or_else(|| names.iter().find(|n| n.trim().eq_ignore_ascii_case(wanted.trim())));
    found.cloned().ok_or_else(|| {
        let all = names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join("、");
        Fatal::new("roster.no_sheet", format!("没有名为“{wanted}”的工作表(有:{all})"), format!("no sheet named \"{wanted}\" (there are: {all})"))
    })
}

/// A cell as calamine gives it.
#[derive(Debug, Clone)]
enum Value {
    Text(String),
    Number(f64),
    /// A date (a serial number in days).
    Date(f64),
    Bool(bool),
    Error(CellErrorType),
}

/// How many rows above the header may be titles before the first row is taken as the header.
const TITLE_ROWS: usize = 30;

/// From a sheet's rows (in order, with their cells) to header and data records.
struct Rows<'s> {
    /// Merged regions not yet reached, by their first row (last first, to pop).
    merges: Vec<Dimensions>,
    /// Merged regions the current row is in, with the text of their first cell.
    open: Vec<(Dimensions, String)>,
    /// Merged regions that start in the header's rows.
    head_merges: Vec<Dimensions>,
    header: Header,
    /// The column of the date (serial numbers there are dates).
    as_of: Option<u32>,
    /// How many columns the header has: a row's cells beyond are not read.
    width: u32,
    /// Days added to a date's serial number: 0 in the 1900 date system, `EPOCH_1904` in a
    /// workbook in the 1904 date system (Excel for the Mac's old default).
    epoch: f64,
    text: String,
    ends: Vec<usize>,
    sink: &'s mut dyn FnMut(Parsed<'_>) -> bool,
}

enum Header {
    /// Rows seen before the header, as text (the first is the header if none names the
    /// household column).
    Looking(Vec<(u32, Vec<(u32, String)>)>),
    /// The header starts at `row` and spans `height` rows (a merged cell over two rows); the
    /// rows of it seen so far.
    Block {
        row: u32,
        height: u32,
        rows: Vec<(u32, Vec<(u32, String)>)>,
    },
    Done,
}

impl<'s> Rows<'s> {
    fn new(mut merges: Vec<Dimensions>, sink: &'s mut dyn FnMut(Parsed<'_>) -> bool) -> Rows<'s> {
        merges.sort_by_key(|m| std::cmp::Reverse((m.start.0, m.start.1)));
        Rows {
            merges,
            open: Vec::new(),
            head_merges: Vec::new(),
            header: Header::Looking(Vec::new()),
            as_of: None,
            width: 0,
            epoch: 0.0,
            text: String::new(),
            ends: Vec::new(),
            sink,
        }
    }

    /// Row `r` (0-based) with its cells (taken); false to stop.
    fn row(&mut self, r: u32, cells: &mut Vec<(u32, Value)>) -> bool {
        // A header of several rows is complete at the first row below it (which may be a data
        // row: its date column must be known).
        if let Header::Block { row, height, .. } = &self.header {
            if r >= row + height && !self.emit_header() {
                return false;
            }
        }
        cells.sort_by_key(|c| c.0);
        let mut texts: Vec<(u32, String)> = cells.drain(..).map(|(c, v)| (c, self.cell_text(c, &v))).collect();
        self.fill_merged(r, &mut texts);
        match std::mem::replace(&mut self.header, Header::Done) {
            Header::Looking(mut seen) => {
                if texts.iter().any(|(_, t)| Column::from_header(t) == Some(Column::Household)) {
                    let height = self.header_height(r);
                    self.head_merges = self.open.iter().filter(|(m, _)| m.start.0 == r).map(|(m, _)| *m).collect();
                    self.header = Header::Block { row: r, height, rows: vec![(r, texts)] };
                    if height == 1 {
                        return self.emit_header();
                    }
                    return true;
                }
                if texts.iter().any(|(_, t)| !t.trim().is_empty()) {
                    seen.push((r, texts));
                }
                if seen.len() >= TITLE_ROWS {
                    // No row names the household column: the first is the header (the roster
                    // then says which column is missing).
                    seen.truncate(1);
                    let (row, first) = seen.pop().unwrap_or_default();
                    self.header = Header::Block { row, height: 1, rows: vec![(row, first)] };
                    return self.emit_header();
                }
                self.header = Header::Looking(seen);
                true
            }
            Header::Block { row, height, mut rows } => {
                self.head_merges.extend(self.open.iter().filter(|(m, _)| m.start.0 == r).map(|(m, _)| *m));
                rows.push((r, texts));
                self.header = Header::Block { row, height, rows };
                true
            }
            Header::Done => {
                self.header = Header::Done;
                self.data(r, &texts)
            }
        }
    }

    /// The end of the sheet: a header still waited for is given as it is.
    fn end(&mut self) {
        match std::mem::replace(&mut self.header, Header::Done) {
            Header::Looking(mut seen) if !seen.is_empty() => {
                seen.truncate(1);
                let (row, first) = seen.pop().unwrap_or_default();
                self.header = Header::Block { row, height: 1, rows: vec![(row, first)] };
                self.emit_header();
            }
            h @ Header::Block { .. } => {
                self.header = h;
                self.emit_header();
            }
            _ => {}
        }
    }

    /// How many rows the header starting at row `r` spans: the tallest merged cell starting there.
    fn header_height(&self, r: u32) -> u32 {
        self.open.iter().filter(|(m, _)| m.start.0 == r).map(|(m, _)| m.end.0 - m.start.0 + 1).max().unwrap_or(1).min(5)
    }

    /// The header's names, one a column (see the module's notes), as the first record.
    fn emit_header(&mut self) -> bool {
        let Header::Block { row, height, rows } = std::mem::replace(&mut self.header, Header::Done) else { return true };
        let width = rows.iter().flat_map(|(_, cells)| cells.iter().map(|(c, _)| c + 1)).max().unwrap_or(0).min(MAX_FIELDS as u32);
        let bottom = row + height - 1;
        let mut names = Vec::with_capacity(width as usize);
        for c in 0..width {
            // A column under a merged header cell that reaches the header's bottom row, but not
            // its first: nothing names it (the cell names its first column only).
            if self.head_merges.iter().any(|m| m.start.1 < c && c <= m.end.1 && m.end.0 >= bottom) {
                names.push(String::new());
                continue;
            }
            let mut parts: Vec<&str> = Vec::new();
            for (_, cells) in &rows {
                if let Some((_, t)) = cells.iter().find(|(cc, _)| *cc == c) {
                    let t = t.trim();
                    if !t.is_empty() && parts.last() != Some(&t) {
                        parts.push(t);
                    }
                }
            }
            let joined = parts.concat();
            let name = [joined.as_str(), parts.last().copied().unwrap_or(""), parts.first().copied().unwrap_or("")]
                .into_iter()
                .find(|n| Column::from_header(n).is_some())
                .unwrap_or(&joined)
                .to_string();
            if Column::from_header(&name) == Some(Column::AsOf) {
                self.as_of = Some(c);
            }
            names.push(name);
        }
        self.width = width;
        self.record(row, &names)
    }

    /// A data row, its cells placed in the header's columns.
    fn data(&mut self, r: u32, texts: &[(u32, String)]) -> bool {
        let mut fields = vec![String::new(); self.width as usize];
        for (c, t) in texts {
            if let Some(f) = fields.get_mut(*c as usize) {
                *f = t.clone();
            }
        }
        self.record(r, &fields)
    }

    fn record(&mut self, r: u32, fields: &[String]) -> bool {
        let line = r as usize + 1;
        if let Some(field) = fields.iter().position(|f| f.len() > MAX_FIELD) {
            return (self.sink)(Err((line, RecordError::TooLong { field })));
        }
        self.text.clear();
        self.ends.clear();
        for f in fields {
            self.text.push_str(f);
            self.ends.push(self.text.len());
        }
        (self.sink)(Ok(RecordRef::of_cells(line, (r as u64, r as u64 + 1), &self.text, &self.ends)))
    }

    /// Merged regions: those starting on row `r` take their first cell's text; every open one
    /// gives it to its empty cells on this row. Regions past are closed.
    fn fill_merged(&mut self, r: u32, texts: &mut Vec<(u32, String)>) {
        self.open.retain(|(m, _)| m.end.0 >= r);
        while let Some(m) = self.merges.last().copied() {
            if m.start.0 > r {
                break;
            }
            self.merges.pop();
            if m.end.0 < r {
                continue;
            }
            // Its first cell is on this row when the region starts here; else (a row of it
            // without cells was skipped) it has no text to give.
            let first = if m.start.0 == r { texts.iter().find(|(c, _)| *c == m.start.1).map(|(_, t)| t.clone()) } else { None };
            if let Some(t) = first.filter(|t| !t.is_empty()) {
                self.open.push((m, t));
            } else if m.start.0 == r {
                self.open.push((m, String::new()));
            }
        }
        let mut added = false;
        for (m, t) in &self.open {
            if t.is_empty() {
                continue;
            }
            let in_header_row = m.start.0 == r;
            for c in m.start.1..=m.end.1.min(m.start.1 + MAX_FIELDS as u32) {
                if c == m.start.1 && in_header_row {
                    continue;
                }
                match texts.iter_mut().find(|(cc, _)| *cc == c) {
                    Some((_, cell)) if cell.is_empty() => *cell = t.clone(),
                    Some(_) => {}
                    None => {
                        texts.push((c, t.clone()));
                        added = true;
                    }
                }
            }
        }
        if added {
            texts.sort_by_key(|c| c.0);
        }
    }

    fn cell_text(&self, c: u32, v: &Value) -> String {
        let mut out = String::new();
        match v {
            Value::Text(s) => out.push_str(s),
            Value::Number(f) if self.as_of == Some(c) && (1.0..2_958_466.0).contains(f) => push_date(&mut out, *f + self.epoch),
            Value::Number(f) => push_number(&mut out, *f),
            Value::Date(f) => push_date(&mut out, *f + self.epoch),
            Value::Bool(b) => out.push_str(if *b { "是" } else { "否" }),
            Value::Error(e) => {
                let _ = write!(out, "{e}");
            }
        }
        out
    }
}

/// A number as Excel shows it in a General cell: a whole number in full, else at most 15
/// significant digits with no trailing zeros (the float noise of 0.1 + 0.2 is not shown).
pub fn push_number(out: &mut String, f: f64) {
    if !f.is_finite() {
        let _ = write!(out, "{f}");
        return;
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        let _ = write!(out, "{}", f as i64);
        return;
    }
    let sci = format!("{:.14e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if f < 0.0 {
        out.push('-');
    }
    let (int, frac) = if exp >= 0 {
        let k = exp as usize + 1;
        if k >= digits.len() {
            (format!("{digits}{}", "0".repeat(k - digits.len())), String::new())
        } else {
            (digits[..k].to_string(), digits[k..].to_string())
        }
    } else {
        ("0".to_string(), format!("{}{digits}", "0".repeat((-exp - 1) as usize)))
    };
    out.push_str(&int);
    let frac = frac.trim_end_matches('0');
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
}

/// An Excel date (days since 1899-12-30 in the 1900 date system) as `2017-09-01`, with the time
/// when it has one.
pub fn push_date(out: &mut String, serial: f64) {
    let mut days = serial.floor() as i64;
    // Excel counts a 29 February 1900 that never was: serials before it are one day later.
    if days < 61 {
        days += 1;
    }
    let (y, m, d) = civil_from_days(days - 25_569);
    let _ = write!(out, "{y:04}-{m:02}-{d:02}");
    let secs = ((serial - serial.floor()) * 86_400.0).round() as i64;
    if secs > 0 && secs < 86_400 {
        let _ = write!(out, " {:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
    }
}

/// Days since 1970-01-01 → (year, month, day) (H. Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_excel_shows_them() {
        let show = |f: f64| {
            let mut s = String::new();
            push_number(&mut s, f);
            s
        };
        assert_eq!(show(9600.0), "9600");
        assert_eq!(show(0.1 + 0.2), "0.3");
        assert_eq!(show(1234.56), "1234.56");
        assert_eq!(show(-5.5), "-5.5");
        assert_eq!(show(0.000125), "0.000125");
        assert_eq!(show(150203.0), "150203");
        assert_eq!(show(1.5e20), "150000000000000000000");
        assert_eq!(show(2.0 / 3.0), "0.666666666666667");
    }

    /// The byte search finds the merged cells calamine's XML parse finds.
    #[test]
    fn merged_cells_by_search_as_by_calamine() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let f = rust_xlsxwriter::Format::new();
        let first = wb.add_worksheet();
        first.set_name("a&b <说明>").unwrap();
        first.merge_range(0, 0, 0, 3, "x", &f).unwrap();
        let ws = wb.add_worksheet();
        ws.set_name("花名册").unwrap();
        ws.merge_range(0, 0, 0, 19, "<mergeCells> in the text", &f).unwrap();
        ws.merge_range(1, 0, 2, 0, "户编号", &f).unwrap();
        ws.merge_range(1, 15, 1, 17, "住院", &f).unwrap();
        ws.merge_range(30, 27, 40, 28, "AB31:AC41", &f).unwrap();
        for r in 3..3000 {
            ws.write_string(r, 1, "<mergeCell ref=\"A1:B2\"/>").unwrap();
        }
        let bytes = wb.save_to_buffer().unwrap();
        let mut book = Xlsx::new(Cursor::new(&bytes[..])).unwrap();
        for name in ["a&b <说明>", "花名册"] {
            let by_calamine = book.worksheet_merge_cells(name).unwrap().unwrap();
            let by_search = quick_merges(&bytes, name).expect("found by the search");
            assert_eq!(by_search, by_calamine, "{name}");
        }
        assert_eq!(quick_merges(&bytes, "花名册").unwrap().len(), 4);
        assert_eq!(cell_ref("AB31"), Some((30, 27)));
        assert_eq!(cell_ref("$A$1"), Some((0, 0)));
        assert_eq!(attr(r#"sheet name="a" sheetId="1" r:id="rId2""#, "r:id"), Some("rId2"));
        assert_eq!(attr(r#"sheet name="a" sheetId="1" r:id="rId2""#, "id"), None);
    }

    #[test]
    fn serial_dates() {
        let show = |f: f64| {
            let mut s = String::new();
            push_date(&mut s, f);
            s
        };
        assert_eq!(show(42979.0), "2017-09-01");
        assert_eq!(show(1.0), "1900-01-01");
        assert_eq!(show(61.0), "1900-03-01");
        assert_eq!(show(43890.0), "2020-02-29");
        assert_eq!(show(42979.5), "2017-09-01 12:00:00");
    }
}
