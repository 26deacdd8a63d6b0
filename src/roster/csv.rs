//! A small CSV reader (RFC 4180 and what spreadsheets write): quoted fields with `""` escapes,
//! commas and line breaks inside quotes, a UTF-8 byte-order mark, CRLF, LF or CR line ends, and a
//! comma, tab or semicolon delimiter guessed from the header line. It is fed bytes in chunks of
//! any size (a file read piece by piece, or a browser's `File.stream()`), so a roster is never
//! held whole; the same code runs natively and in WebAssembly, with no dependency.
//!
//! Lenient where spreadsheets are: a quote inside an unquoted field, or text after a closing
//! quote, is kept as text. A field longer than `MAX_FIELD` bytes marks its record bad rather than
//! growing without bound (an unclosed quote would otherwise swallow the rest of the file).

/// One CSV record: its fields, and the physical line it starts on (1-based). The fields are held
/// in one string with their ends (two allocations a row, not one a field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The physical line it starts on (1-based).
    pub line: usize,
    text: String,
    ends: Vec<usize>,
}

impl Record {
    /// A record of `fields`, starting on `line`.
    pub fn new(line: usize, fields: &[&str]) -> Record {
        let (mut text, mut ends) = (String::new(), Vec::with_capacity(fields.len()));
        for f in fields {
            text.push_str(f);
            ends.push(text.len());
        }
        Record { line, text, ends }
    }

    /// Field `i`, if the record has one.
    pub fn field(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }

    /// How many fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when the record has no fields.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The fields in order.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.field(i).unwrap_or(""))
    }
}

/// A record as the parser holds it, lent to the caller of `push_each` (no allocation a row: the
/// parser's buffers are reused for the next record, and a plain record is lent from the bytes
/// fed, delimiters and all). It is also the row of a spreadsheet (`of_cells`): every kind of
/// roster reaches the household assembler as these (`Reader::push_row`).
#[derive(Debug, Clone, Copy)]
pub struct RecordRef<'a> {
    /// The physical line it starts on (1-based).
    pub line: usize,
    /// Where the record is in the file (byte offsets, from its first byte to its line end).
    pub start: u64,
    /// Where the record ends in the file (byte offset after its line end).
    pub end: u64,
    /// The fields one after another, `gap` bytes apart (1: the record as written, delimiters
    /// between; 0: unquoted fields put together).
    text: &'a str,
    ends: &'a [usize],
    gap: usize,
}

impl<'a> RecordRef<'a> {
    /// A row of another kind of file (a spreadsheet's): its fields one after another in `text`,
    /// each ending at `ends[i]`; `range` where it is in its file (for a sheet, its row).
    pub fn of_cells(line: usize, range: (u64, u64), text: &'a str, ends: &'a [usize]) -> RecordRef<'a> {
        RecordRef { line, start: range.0, end: range.1, text, ends, gap: 0 }
    }

    /// Field `i`, if the record has one.
    pub fn field(&self, i: usize) -> Option<&'a str> {
        let (start, end) = self.span(i)?;
        self.text.get(start..end)
    }

    /// Where field `i` is in `text()`.
    pub fn span(&self, i: usize) -> Option<(usize, usize)> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] + self.gap };
        Some((start, end))
    }

    /// How many fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when the record has no fields.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The fields in order.
    pub fn fields(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..self.len()).map(|i| self.field(i).unwrap_or(""))
    }

    /// Every field is empty or white space.
    pub fn is_blank(&self) -> bool {
        self.fields().all(|f| f.trim().is_empty())
    }

    /// The text the fields are in (see `span`).
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// An owned copy.
    pub fn to_record(&self) -> Record {
        Record::new(self.line, &self.fields().collect::<Vec<_>>())
    }
}

/// What the parser gives for each record: the record, or its line and why it cannot be read.
pub type Parsed<'a> = Result<RecordRef<'a>, (usize, RecordError)>;

/// Why a record could not be read; the rest of the file carries on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordError {
    /// A field is not valid UTF-8 (often a GBK file).
    NotUtf8 {
        /// The field's 0-based index.
        field: usize,
    },
    /// A field is longer than `MAX_FIELD` bytes.
    TooLong {
        /// The field's 0-based index.
        field: usize,
    },
    /// A quote was opened and never closed before the end of the file.
    Unclosed,
}

/// The longest field kept, in bytes. Strings in a household are at most 200 characters.
pub const MAX_FIELD: usize = 4096;
/// The most fields a record keeps; more are a sign of a wrong delimiter or a broken file.
pub const MAX_FIELDS: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field (after a delimiter or a line end).
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote seen inside a quoted field: either the closing quote or the first of `""`.
    QuoteInQuoted,
}

/// The push parser: `push` bytes, then `finish`; complete records come out of `next`.
pub struct CsvParser {
    delimiter: Option<u8>,
    state: State,
    /// The record's bytes so far, and where each complete field ends; the field being read
    /// starts at `field_start`.
    row: Vec<u8>,
    ends: Vec<usize>,
    field_start: usize,
    /// Fields (by index) that were cut at `MAX_FIELD`.
    too_long: Option<usize>,
    too_many: bool,
    /// Physical line of the next byte (1-based) and of the record being read.
    line: usize,
    record_line: usize,
    /// A CR was just read as a line end: a following LF belongs to it.
    after_cr: bool,
    /// Bytes at the very start, held until the BOM and the delimiter are known.
    head: Option<Vec<u8>>,
    /// The file offset of the next byte fed, and of the record being read.
    pos: u64,
    record_start: u64,
    out: std::collections::VecDeque<Result<Record, (usize, RecordError)>>,
}

impl Default for CsvParser {
    fn default() -> Self {
        CsvParser::new()
    }
}

impl CsvParser {
    /// A parser that guesses the delimiter from the header line.
    pub fn new() -> CsvParser {
        CsvParser {
            delimiter: None,
            state: State::FieldStart,
            row: Vec::new(),
            ends: Vec::new(),
            field_start: 0,
            too_long: None,
            too_many: false,
            line: 1,
            record_line: 1,
            after_cr: false,
            head: Some(Vec::new()),
            pos: 0,
            record_start: 0,
            out: Default::default(),
        }
    }

    /// A parser for a part of a file already read (`Reader::reread`): its delimiter is known and
    /// its first record starts on `line`.
    pub fn for_part(delimiter: u8, line: usize) -> CsvParser {
        CsvParser { line, record_line: line, ..CsvParser::with_delimiter(delimiter) }
    }

    /// A parser with a known delimiter (no guessing from the header line).
    pub fn with_delimiter(delimiter: u8) -> CsvParser {
        CsvParser { delimiter: Some(delimiter), ..CsvParser::new() }
    }

    /// The delimiter, once known.
    pub fn delimiter(&self) -> Option<u8> {
        self.delimiter
    }

    /// Feeds the next bytes of the file; complete records come out of `next_record`.
    pub fn push(&mut self, bytes: &[u8]) {
        let mut out = std::mem::take(&mut self.out);
        self.push_each(bytes, &mut |r| out.push_back(r.map(|r| r.to_record())));
        self.out = out;
    }

    /// Marks the end of the file: the last record (if any) comes out of `next_record`.
    pub fn finish(&mut self) {
        let mut out = std::mem::take(&mut self.out);
        self.finish_each(&mut |r| out.push_back(r.map(|r| r.to_record())));
        self.out = out;
    }

    /// Feeds the next bytes of the file, lending each complete record to `sink` (the fast way:
    /// nothing is allocated a record).
    pub fn push_each(&mut self, bytes: &[u8], sink: &mut dyn FnMut(Parsed<'_>)) {
        if let Some(head) = &mut self.head {
            head.extend_from_slice(bytes);
            // The delimiter is guessed from the first line: wait until it is complete (or long).
            let ready = head.len() > 3 + 64 * 1024 || head.iter().any(|&b| b == b'\n' || b == b'\r');
            if ready {
                self.start(sink);
            }
            return;
        }
        self.feed(bytes, sink);
    }

    /// Marks the end of the file, lending the last record (if any) to `sink`.
    pub fn finish_each(&mut self, sink: &mut dyn FnMut(Parsed<'_>)) {
        if self.head.is_some() {
            self.start(sink);
        }
        match self.state {
            State::Quoted => {
                sink(Err((self.record_line, RecordError::Unclosed)));
                self.row.clear();
                self.ends.clear();
                self.field_start = 0;
                self.state = State::FieldStart;
            }
            State::FieldStart if self.ends.is_empty() => {}
            _ => self.end_record(self.pos, sink),
        }
    }

    /// The next complete record, or the line and error of a record that could not be read
    /// (after `push` and `finish`).
    pub fn next_record(&mut self) -> Option<Result<Record, (usize, RecordError)>> {
        self.out.pop_front()
    }

    fn start(&mut self, sink: &mut dyn FnMut(Parsed<'_>)) {
        let mut head = self.head.take().unwrap_or_default();
        if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            head.drain(..3);
            self.pos = 3;
            self.record_start = 3;
        }
        if self.delimiter.is_none() {
            self.delimiter = Some(guess_delimiter(&head));
        }
        self.feed(&head, sink);
    }

    fn feed(&mut self, bytes: &[u8], sink: &mut dyn FnMut(Parsed<'_>)) {
        let delim = self.delimiter.unwrap_or(b',');
        let base = self.pos;
        self.pos += bytes.len() as u64;
        let class = classes(delim);
        let mut i = 0;
        while i < bytes.len() {
            // At a record's start, the usual record (whole in these bytes, no quotes) is read
            // where it lies, without copying; any other goes the byte-by-byte way below.
            if self.state == State::FieldStart && self.row.is_empty() && self.ends.is_empty() && !self.after_cr && self.too_long.is_none() && !self.too_many {
                if let Some(next) = self.plain_record(bytes, i, base, &class, sink) {
                    i = next;
                    continue;
                }
            }
            let b = bytes[i];
            if self.after_cr {
                self.after_cr = false;
                if b == b'\n' {
                    if self.record_start == base + i as u64 {
                        self.record_start += 1;
                    }
                    i += 1;
                    continue;
                }
            }
            match self.state {
                State::Quoted => {
                    // Copy a run of plain bytes at once.
                    let run = bytes[i..].iter().position(|&c| c == b'"' || c == b'\n' || c == b'\r').unwrap_or(bytes.len() - i);
                    if run > 0 {
                        self.take(&bytes[i..i + run]);
                        i += run;
                        continue;
                    }
                    match b {
                        b'"' => self.state = State::QuoteInQuoted,
                        b'\n' => {
                            self.line += 1;
                            self.take(b"\n");
                        }
                        _ => {
                            // CR inside quotes: a line end of its own, kept as LF.
                            self.line += 1;
                            self.after_cr = true;
                            self.take(b"\n");
                        }
                    }
                }
                State::QuoteInQuoted => {
                    if b == b'"' {
                        self.take(b"\"");
                        self.state = State::Quoted;
                    } else if b == delim {
                        self.end_field();
                    } else if b == b'\n' || b == b'\r' {
                        self.line_end(b, base + i as u64, sink);
                    } else {
                        // Text after a closing quote: kept, as spreadsheets do.
                        self.take(&[b]);
                        self.state = State::Unquoted;
                    }
                }
                State::FieldStart | State::Unquoted => {
                    if b == b'"' && self.state == State::FieldStart {
                        self.state = State::Quoted;
                    } else if b == delim {
                        self.end_field();
                    } else if b == b'\n' || b == b'\r' {
                        self.line_end(b, base + i as u64, sink);
                    } else {
                        let run = bytes[i..].iter().position(|&c| c == delim || c == b'\n' || c == b'\r').unwrap_or(bytes.len() - i);
                        self.take(&bytes[i..i + run.max(1)]);
                        self.state = State::Unquoted;
                        i += run.max(1);
                        continue;
                    }
                }
            }
            i += 1;
        }
    }

    /// Reads the record starting at `bytes[i0]` if it is plain: wholly in `bytes`, without a
    /// quote, with no field longer than `MAX_FIELD`, fewer than `MAX_FIELDS` fields, valid UTF-8.
    /// It is lent to `sink` from `bytes` themselves, and its line end taken: returns where the next
    /// record starts. `None` (nothing done) for any other record, which the caller reads byte by
    /// byte — with the same result, as tests check.
    fn plain_record(&mut self, bytes: &[u8], i0: usize, base: u64, class: &[u8; 256], sink: &mut dyn FnMut(Parsed<'_>)) -> Option<usize> {
        let mut j = i0;
        let mut field_start = i0;
        let plain = loop {
            let Some(&b) = bytes.get(j) else { break false };
            match class[b as usize] {
                PLAIN => j += 1,
                DELIMITER => {
                    if j - field_start > MAX_FIELD || self.ends.len() + 2 >= MAX_FIELDS {
                        break false;
                    }
                    self.ends.push(j - i0);
                    j += 1;
                    field_start = j;
                }
                LINE_END => break j - field_start <= MAX_FIELD,
                _ => break false,
            }
        };
        let text = if plain { std::str::from_utf8(&bytes[i0..j]).ok() } else { None };
        let Some(text) = text else {
            self.ends.clear();
            return None;
        };
        self.ends.push(j - i0);
        sink(Ok(RecordRef { line: self.record_line, start: base + i0 as u64, end: base + j as u64, text, ends: &self.ends, gap: 1 }));
        self.ends.clear();
        self.line += 1;
        self.record_line = self.line;
        let mut next = j + 1;
        if bytes[j] == b'\r' {
            match bytes.get(next) {
                Some(b'\n') => next += 1,
                Some(_) => {}
                None => self.after_cr = true,
            }
        }
        self.record_start = base + next as u64;
        Some(next)
    }

    fn take(&mut self, bytes: &[u8]) {
        if self.row.len() - self.field_start + bytes.len() > MAX_FIELD {
            self.too_long.get_or_insert(self.ends.len());
            return;
        }
        self.row.extend_from_slice(bytes);
    }

    fn end_field(&mut self) {
        if self.ends.len() < MAX_FIELDS {
            self.ends.push(self.row.len());
        } else {
            self.too_many = true;
            self.row.truncate(self.field_start);
        }
        self.field_start = self.row.len();
        self.state = State::FieldStart;
    }

    /// A line end at file offset `at` ends the record.
    fn line_end(&mut self, b: u8, at: u64, sink: &mut dyn FnMut(Parsed<'_>)) {
        self.end_record(at, sink);
        self.record_start = at + 1;
        self.line += 1;
        self.record_line = self.line;
        if b == b'\r' {
            self.after_cr = true;
        }
    }

    fn end_record(&mut self, end: u64, sink: &mut dyn FnMut(Parsed<'_>)) {
        self.end_field();
        self.field_start = 0;
        let line = self.record_line;
        if let Some(field) = self.too_long.take() {
            sink(Err((line, RecordError::TooLong { field })));
        } else if std::mem::take(&mut self.too_many) {
            sink(Err((line, RecordError::TooLong { field: MAX_FIELDS })));
        } else {
            match std::str::from_utf8(&self.row) {
                Ok(text) => sink(Ok(RecordRef { line, start: self.record_start, end, text, ends: &self.ends, gap: 0 })),
                Err(e) => {
                    // The field holding the first bad byte (delimiters are ASCII: a bad sequence
                    // never spans two fields).
                    let at = e.valid_up_to();
                    let field = self.ends.iter().position(|&end| end > at).unwrap_or(0);
                    sink(Err((line, RecordError::NotUtf8 { field })));
                }
            }
        }
        self.row.clear();
        self.ends.clear();
    }
}

const PLAIN: u8 = 0;
const DELIMITER: u8 = 1;
const LINE_END: u8 = 2;
const QUOTE: u8 = 3;

/// Each byte's part in an unquoted record.
fn classes(delimiter: u8) -> [u8; 256] {
    let mut class = [PLAIN; 256];
    class[b'\n' as usize] = LINE_END;
    class[b'\r' as usize] = LINE_END;
    class[b'"' as usize] = QUOTE;
    class[delimiter as usize] = DELIMITER;
    class
}

/// The delimiter of a file from its first line: the most frequent of comma, tab and semicolon
/// outside quotes (comma when none appears).
fn guess_delimiter(head: &[u8]) -> u8 {
    let end = head.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(head.len());
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in &head[..end] {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b'\t' if !quoted => counts[1] += 1,
            b';' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b'\t', b';'];
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        candidates[best]
    }
}

/// Quotes a field for writing when it needs it (delimiter, quote, line break, leading space).
pub fn quote(field: &str) -> std::borrow::Cow<'_, str> {
    let needs = field.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r' | b';' | b'\t')) || field.starts_with(' ') || field.ends_with(' ');
    if needs {
        std::borrow::Cow::Owned(format!("\"{}\"", field.replace('"', "\"\"")))
    } else {
        std::borrow::Cow::Borrowed(field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_in(chunks: &[&[u8]]) -> Vec<Result<Record, (usize, RecordError)>> {
        let mut p = CsvParser::new();
        let mut out = Vec::new();
        for c in chunks {
            p.push(c);
            while let Some(r) = p.next_record() {
                out.push(r);
            }
        }
        p.finish();
        while let Some(r) = p.next_record() {
            out.push(r);
        }
        out
    }

    fn parse(text: &str) -> Vec<Result<Record, (usize, RecordError)>> {
        parse_in(&[text.as_bytes()])
    }

    fn rec(line: usize, f: &[&str]) -> Result<Record, (usize, RecordError)> {
        Ok(Record::new(line, f))
    }

    #[test]
    fn quotes_commas_and_line_breaks_inside_quotes() {
        let got = parse("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,,\n");
        assert_eq!(got, vec![rec(1, &["a", "b", "c"]), rec(2, &["x, y", "say \"hi\"", "two\nlines"]), rec(4, &["last", "", ""])]);
    }

    #[test]
    fn bom_crlf_and_no_final_line_end() {
        let got = parse("\u{feff}户编号,姓名\r\nH1,张三\r\nH2,\"李\r\n四\"");
        assert_eq!(got, vec![rec(1, &["户编号", "姓名"]), rec(2, &["H1", "张三"]), rec(3, &["H2", "李\n四"])]);
    }

    #[test]
    fn any_chunking_gives_the_same_records() {
        let text = "\u{feff}a,b\r\n\"1,\"\"2\"\"\",3\r\n4,\"5\r\n6\"\r\n";
        let whole = parse(text);
        let bytes = text.as_bytes();
        for size in 1..8 {
            let chunks: Vec<&[u8]> = bytes.chunks(size).collect();
            assert_eq!(parse_in(&chunks), whole, "chunks of {size}");
        }
    }

    /// Empty lines, empty fields, CRLF and lone CR line ends, read in one piece and byte by byte.
    #[test]
    fn empty_fields_and_line_ends_in_any_piece() {
        let text = "h1,h2,h3\n\na,,\r\n,b,\n\r\nx\ry,z\n\"q\",r,s\nlast,,,\n,\n";
        let bytes = text.as_bytes();
        let whole = parse(text);
        assert_eq!(parse_in(&bytes.chunks(1).collect::<Vec<_>>()), whole);
        assert_eq!(whole[2], rec(3, &["a", "", ""]));
        assert_eq!(whole[3], rec(4, &["", "b", ""]));
        assert_eq!(whole[8], rec(9, &["last", "", "", ""]));
        assert_eq!(whole[9], rec(10, &["", ""]));
        let mut p = CsvParser::new();
        p.push(format!("a,b\n{}\n", ",".repeat(MAX_FIELDS + 5)).as_bytes());
        p.finish();
        assert!(p.next_record().unwrap().is_ok());
        assert!(matches!(p.next_record(), Some(Err((2, RecordError::TooLong { .. })))));
    }

    #[test]
    fn tab_and_semicolon_delimiters_are_guessed() {
        assert_eq!(parse("a\tb\n1\t2,3\n"), vec![rec(1, &["a", "b"]), rec(2, &["1", "2,3"])]);
        assert_eq!(parse("a;b\n1;2\n"), vec![rec(1, &["a", "b"]), rec(2, &["1", "2"])]);
    }

    #[test]
    fn lone_cr_ends_lines() {
        assert_eq!(parse("a\rb\r\rc"), vec![rec(1, &["a"]), rec(2, &["b"]), rec(3, &[""]), rec(4, &["c"])]);
    }

    #[test]
    fn bad_bytes_and_unclosed_quotes_are_errors_of_their_line() {
        let mut bytes = b"a,b\n1,".to_vec();
        bytes.extend_from_slice(&[0xD5, 0xC5]); // 张 in GBK
        bytes.extend_from_slice(b"\n3,4\n\"open,5\n6\n");
        let got = parse_in(&[&bytes]);
        assert_eq!(got[0], rec(1, &["a", "b"]));
        assert_eq!(got[1], Err((2, RecordError::NotUtf8 { field: 1 })));
        assert_eq!(got[2], rec(3, &["3", "4"]));
        assert_eq!(got[3], Err((4, RecordError::Unclosed)));
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn a_huge_field_is_an_error_not_a_memory_hog() {
        let big = "x".repeat(MAX_FIELD + 10);
        let got = parse(&format!("a,b\n1,{big}\n2,3\n"));
        assert_eq!(got[1], Err((2, RecordError::TooLong { field: 1 })));
        assert_eq!(got[2], rec(3, &["2", "3"]));
    }

    #[test]
    fn lenient_stray_quotes() {
        assert_eq!(parse("a\"b,\"c\"d\n"), vec![rec(1, &["a\"b", "cd"])]);
    }

    /// What `push_each` lends, owned: each record with its line, range and fields, or its error.
    /// A lent record, owned: its line, byte range and fields; or its line and error.
    type Lent = Result<(usize, u64, u64, Vec<String>), (usize, RecordError)>;

    fn lent_in(chunks: &[&[u8]]) -> Vec<Lent> {
        lent_by(CsvParser::new(), chunks)
    }

    fn lent_by(mut p: CsvParser, chunks: &[&[u8]]) -> Vec<Lent> {
        let mut out = Vec::new();
        let mut sink = |r: Parsed<'_>| out.push(r.map(|r| (r.line, r.start, r.end, r.fields().map(str::to_string).collect())));
        for c in chunks {
            p.push_each(c, &mut sink);
        }
        p.finish_each(&mut sink);
        out
    }

    /// Generated garbage of quotes, delimiters, line ends, CJK, bad bytes and long fields: read in
    /// one piece (plain records lent where they lie) and in pieces of 1 to 5 bytes (byte by
    /// byte) gives the same records, lines, ranges and errors; each record's range holds it.
    #[test]
    fn plain_records_read_in_place_as_byte_by_byte() {
        let parts: [&[u8]; 12] = [b"a", b",", b"\"", b"\n", b"\r", b"\r\n", " ".as_bytes(), "张".as_bytes(), b"\xff", b"x;y", b"\t", b"1234567"];
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for case in 0..3000 {
            let mut text = b"h1,h2,h3\n".to_vec();
            for _ in 0..next() % 60 {
                text.extend_from_slice(parts[next() % parts.len()]);
            }
            if case % 50 == 0 {
                text.extend_from_slice(b"\n");
                text.extend(std::iter::repeat_n(b'z', MAX_FIELD + 1 - (case % 3)));
                text.extend_from_slice(if case % 100 == 0 { b",1,2\n" } else { b"\n1,2\n" });
            }
            if case % 97 == 0 {
                text.extend_from_slice(",".repeat(MAX_FIELDS + case % 3 - 1).as_bytes());
                text.extend_from_slice(b"\r\n");
            }
            let whole = lent_in(&[&text]);
            let size = 1 + case % 5;
            assert_eq!(lent_in(&text.chunks(size).collect::<Vec<_>>()), whole, "{:?} in pieces of {size}", String::from_utf8_lossy(&text));
            // (An empty line's range is empty: it is blank, never a household's start.)
            for (line, start, end, fields) in whole.iter().flatten().filter(|r| r.1 < r.2) {
                let again = lent_by(CsvParser::for_part(b',', *line), &[&text[*start as usize..*end as usize]]);
                let Some(Ok((l, 0, _, f))) = again.first() else { panic!("line {line}: {again:?}") };
                assert_eq!(l, line);
                if !text[*start as usize..*end as usize].contains(&b'"') {
                    assert_eq!(f, fields, "line {line}'s range holds it");
                }
            }
        }
    }

    #[test]
    fn quoting_for_output() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
