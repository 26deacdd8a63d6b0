//! Rosters in WebAssembly (docs/roster-format.md): `RosterJob`, which the page's roster mode runs
//! in a Web Worker. Only in the roster build (feature `wasm-roster`, pkg/roster/).
//!
//! What crosses to JavaScript per piece is only the result lines, as JSON Lines text: the page
//! parses a line when it shows the row. The CSV rows (to download) stay here until asked for; of
//! each household only where it is in the file is kept: to open a row's full report, the page
//! slices those bytes from the file again (`range`, then `input`). A roster of 100,000
//! households so takes a third of the memory it did when every household was kept.

use super::*;

/// A roster evaluated piece by piece: bytes in (a `File.stream()`), result lines out, in the
/// roster's order, with a running tally. Nothing throws: a roster that cannot be read at all
/// is reported by `fatal()`.
#[wasm_bindgen]
pub struct RosterJob {
    reader: crate::roster::Reader,
    tally: crate::roster::Tally,
    zh: bool,
    fatal: Option<crate::roster::Fatal>,
    /// Every result's household: its line and where it is in the file (`Entry::range`), to read
    /// it again when asked (`input`); `None` for a line that is not a household.
    entries: Vec<Option<(usize, (u64, u64))>>,
    /// Every result's CSV row, each with its CRLF.
    csv: String,
    /// A spreadsheet's households as `Entry::write_kept` writes them (a sheet cannot be sliced
    /// from its file as a CSV can): `entries` then give where each is in this text.
    #[cfg(feature = "sheets")]
    kept: String,
}

#[wasm_bindgen]
impl RosterJob {
    /// `format`: "csv" or "jsonl". `region`, `asOf`: for households that give none ("" for
    /// none). `zh`: Chinese header and alert labels in the CSV results.
    #[wasm_bindgen(constructor)]
    pub fn new(format: &str, region: &str, as_of: &str, zh: bool) -> RosterJob {
        let format = crate::roster::Format::from_name(format).unwrap_or(crate::roster::Format::Csv);
        let mut options = crate::roster::Options::new(format);
        options.region = Some(region.trim().to_string()).filter(|s| !s.is_empty());
        options.as_of = Some(as_of.trim().to_string()).filter(|s| !s.is_empty());
        RosterJob {
            reader: crate::roster::Reader::new(options),
            tally: Default::default(),
            zh,
            fatal: None,
            entries: Vec::new(),
            csv: String::new(),
            #[cfg(feature = "sheets")]
            kept: String::new(),
        }
    }

    /// Keeps every `n`th result from the `k`th (0-based): `n` workers given the same file with
    /// k = 0..n share the roster's work, and result `j` of the whole comes from worker `j % n`.
    pub fn share(&mut self, k: usize, n: usize) {
        self.reader.set_share(k, n);
    }

    /// Feeds the next bytes of the roster. Returns the result lines of the households this piece
    /// completed: one JSON text (`RosterSummary` or `RosterError`) per line, joined by "\n";
    /// "" for none.
    pub fn push(&mut self, bytes: &[u8]) -> String {
        if self.fatal.is_none() {
            if let Err(f) = self.reader.push(bytes) {
                self.fatal = Some(f);
            }
        }
        self.drain()
    }

    /// Marks the end of the roster; returns the last result lines, as `push` does.
    pub fn finish(&mut self) -> String {
        if self.fatal.is_none() {
            if let Err(f) = self.reader.finish() {
                self.fatal = Some(f);
            }
        }
        self.drain()
    }

    /// `push`, with the result lines as UTF-8 bytes (a `Uint8Array`): what the page's worker
    /// uses, to hand them to the page without a copy (a transferred buffer, decoded there) rather
    /// than as a string made here and copied again by `postMessage`.
    #[wasm_bindgen(js_name = pushUtf8)]
    pub fn push_utf8(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.push(bytes).into_bytes()
    }

    /// `finish`, with the result lines as UTF-8 bytes (see `pushUtf8`).
    #[wasm_bindgen(js_name = finishUtf8)]
    pub fn finish_utf8(&mut self) -> Vec<u8> {
        self.finish().into_bytes()
    }

    /// Why the roster cannot be read at all (`{code, zh, en}` as JSON text), or undefined.
    pub fn fatal(&self) -> Option<String> {
        self.fatal.as_ref().map(|f| serde_json::json!({ "code": f.code, "zh": f.zh, "en": f.en }).to_string())
    }

    /// How many result lines so far.
    pub fn count(&self) -> usize {
        self.entries.len()
    }

    /// Where the household of result `index` (0-based, this job's own results) is in the file:
    /// `[start, end)` byte offsets (into the bytes pushed, the file's own for a UTF-8 file);
    /// undefined for a line that is not a household. Give those bytes to `input`.
    pub fn range(&self, index: usize) -> Option<Vec<f64>> {
        let (_, (start, end)) = (*self.entries.get(index)?)?;
        Some(vec![start as f64, end as f64])
    }

    /// The household of result `index` as JSON text, read again from `bytes`, the file's bytes in
    /// its `range` — to evaluate it in full; undefined for a line that is not JSON, or for bytes
    /// that do not hold that household.
    pub fn input(&self, index: usize, bytes: &[u8]) -> Option<String> {
        let at = (*self.entries.get(index)?)?;
        self.reader.reread(at, bytes)?.json_text()
    }

    /// The CSV rows of every result so far (each ending CRLF), under `csvHeader()`.
    #[wasm_bindgen(js_name = csvRows)]
    pub fn csv_rows(&self) -> String {
        self.csv.clone()
    }

    /// The tally so far (`RosterTally`) as JSON text.
    pub fn tally(&self) -> String {
        serde_json::to_string(&self.tally).unwrap_or_else(|_| "{}".into())
    }

    /// The header line of the CSV results (no line end).
    #[wasm_bindgen(js_name = csvHeader)]
    pub fn csv_header(&self) -> String {
        crate::roster::summary_csv_header(self.zh)
    }

    fn drain(&mut self) -> String {
        use crate::roster::{error_csv_row, Item, Summary};
        let mut results = String::new();
        let RosterJob { reader, tally, zh, entries, csv, .. } = self;
        let _ = with_engine(|engine| {
            while let Some(item) = reader.next_item() {
                if !results.is_empty() {
                    results.push('\n');
                }
                let (line, result, entry) = match item {
                    Item::Household(entry) => (entry.line, entry.evaluate(engine), Some((entry.line, entry.range))),
                    Item::Error(e) => (e.line, Err(e), None),
                };
                entries.push(entry);
                match result {
                    Ok(report) => {
                        let s = Summary::from_report(line, report);
                        tally.add(&s);
                        s.write_csv_row(*zh, csv);
                        s.write_json(&mut results);
                    }
                    Err(e) => {
                        tally.add_error(&e);
                        csv.push_str(&error_csv_row(&e));
                        results.push_str(&serde_json::to_string(&e).unwrap_or_default());
                    }
                }
                csv.push_str("\r\n");
            }
        });
        results
    }
}

/// Spreadsheets (.xlsx, .xls): only in the sheets build (features `wasm-roster,sheets`,
/// pkg/sheets/), which the page's roster worker loads when a spreadsheet is chosen or an .xlsx
/// download is asked for.
#[cfg(feature = "sheets")]
#[wasm_bindgen]
impl RosterJob {
    /// The names of the sheets of the workbook `bytes` as a JSON array, in order; or
    /// `{"error": RosterFatal}` when it is not a workbook that can be read.
    #[wasm_bindgen(js_name = sheetNames)]
    pub fn sheet_names(bytes: &[u8]) -> String {
        match crate::roster::spreadsheet::sheet_names(bytes) {
            Ok(names) => serde_json::to_string(&names).unwrap_or_else(|_| "[]".into()),
            Err(f) => serde_json::json!({ "error": { "code": f.code, "zh": f.zh, "en": f.en } }).to_string(),
        }
    }

    /// Reads the workbook `bytes` (a job made with the format "xlsx" or "xls"; its sheet `sheet`,
    /// "" for the first) and evaluates its households, calling `on_rows` with their result lines
    /// (UTF-8 bytes, as `pushUtf8` returns them) every thousand or so, so that the page shows
    /// progress while the sheet is read. Returns the last result lines; `fatal()` then says
    /// whether the workbook could not be read. Each household's rows are kept (`keptInput`).
    #[wasm_bindgen(js_name = readSheet)]
    pub fn read_sheet(&mut self, bytes: &[u8], sheet: &str, on_rows: &js_sys::Function) -> Vec<u8> {
        use crate::roster::{error_csv_row, Item, Summary};
        if self.fatal.is_some() {
            return Vec::new();
        }
        self.reader.set_sheet(Some(sheet.trim().to_string()).filter(|s| !s.is_empty()));
        let RosterJob { reader, tally, zh, entries, csv, kept, fatal } = self;
        let mut results = String::new();
        let mut pending = 0usize;
        let _ = with_engine(|engine| {
            let mut take = |item: Item, results: &mut String| {
                if !results.is_empty() {
                    results.push('\n');
                }
                match item {
                    Item::Household(entry) => {
                        let start = kept.len();
                        entry.write_kept(kept);
                        entries.push(Some((entry.line, (start as u64, kept.len() as u64))));
                        match entry.evaluate(engine) {
                            Ok(report) => {
                                let s = Summary::from_report(entry.line, report);
                                tally.add(&s);
                                s.write_csv_row(*zh, csv);
                                s.write_json(results);
                            }
                            Err(e) => {
                                tally.add_error(&e);
                                csv.push_str(&error_csv_row(&e));
                                results.push_str(&serde_json::to_string(&e).unwrap_or_default());
                            }
                        }
                    }
                    Item::Error(e) => {
                        entries.push(None);
                        tally.add_error(&e);
                        csv.push_str(&error_csv_row(&e));
                        results.push_str(&serde_json::to_string(&e).unwrap_or_default());
                    }
                }
                csv.push_str("\r\n");
            };
            let read = reader.read_sheet(bytes, &mut |item| {
                take(item, &mut results);
                pending += 1;
                if pending >= 1000 {
                    pending = 0;
                    let chunk = js_sys::Uint8Array::from(std::mem::take(&mut results).as_bytes());
                    let _ = on_rows.call1(&JsValue::NULL, &chunk);
                }
            });
            let read = read.and_then(|()| reader.finish());
            match read {
                Ok(()) => {
                    while let Some(item) = reader.next_item() {
                        take(item, &mut results);
                    }
                }
                Err(f) => *fatal = Some(f),
            }
        });
        results.into_bytes()
    }

    /// The household of result `index` of a spreadsheet's job as JSON text, from the rows kept
    /// of it (`readSheet`); undefined for a line that is not a household.
    #[wasm_bindgen(js_name = keptInput)]
    pub fn kept_input(&self, index: usize) -> Option<String> {
        let (_, (start, end)) = (*self.entries.get(index)?)?;
        self.reader.reread_kept(self.kept.get(start as usize..end as usize)?)
    }

    /// Bytes kept of a spreadsheet's households (`keptInput`), for the page's memory figures.
    #[wasm_bindgen(js_name = keptBytes)]
    pub fn kept_bytes(&self) -> usize {
        self.kept.len()
    }

    /// Headers of the roster that name no known column (their cells are not read), as a JSON
    /// array.
    #[wasm_bindgen(js_name = ignoredColumns)]
    pub fn ignored_columns(&self) -> String {
        serde_json::to_string(self.reader.ignored_columns()).unwrap_or_else(|_| "[]".into())
    }

    /// The results as an .xlsx workbook (households, alerts, missing figures; SPEC's roster
    /// format): `csv`, the result CSV as the page downloads it (header, then the rows shown),
    /// and `lines`, the same rows' result lines, one a line. Throws if they cannot be read.
    #[wasm_bindgen(js_name = resultsXlsx)]
    pub fn results_xlsx(csv: &str, lines: &str, zh: bool) -> Result<Vec<u8>, JsValue> {
        crate::roster::xlsx::Results::from_table(csv, lines, zh).map_err(|e| JsValue::from_str(&e))
    }
}

#[wasm_bindgen(typescript_custom_section)]
const ROSTER_TYPES: &'static str = r#"
/** One household's result line in a roster (docs/roster-format.md). */
export interface RosterSummary {
  /** The line the household starts on (1-based). */
  line: number;
  household: string | null;
  region: string;
  asOf: DateString;
  status: HouseholdStatus[];
  /** The pack that applied (the last of its chain). */
  policy: string;
  totals: Totals;
  statuses: { entitled: number; apply: number; needsInfo: number; notEligible: number };
  /** Alert codes, e.g. "dibao.should_apply". */
  alerts: string[];
  /** Figures or inputs the report lacks. */
  needsInfo: string[];
}

/** A problem of a roster household: its JSON path, and the line and column it came from. */
export interface RosterProblem extends HuiminError { line: number; column?: string; }

/** A line or household of a roster that gives no report. */
export interface RosterError { line: number; household: string | null; errors: RosterProblem[]; }

/** What `RosterJob.push` and `finish` return, parsed: each line of their text is one result. */
export type RosterResult = RosterSummary | RosterError;

/** What `RosterJob.fatal` returns (as JSON text) when the roster cannot be read at all. */
export interface RosterFatal { code: string; zh: string; en: string; }

/** What `RosterJob.tally` returns (as JSON text). */
export interface RosterTally {
  households: number;
  errors: number;
  perYear: Money;
  once: Money;
  byArea: Partial<Record<Area, AmountPair>>;
  ifApproved: AmountPair;
  statuses: { entitled: number; apply: number; needsInfo: number; notEligible: number };
  alerts: Record<string, number>;
  needsInfo: Record<string, number>;
  errorCodes: Record<string, number>;
}
"#;
