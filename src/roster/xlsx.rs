//! Results as an .xlsx workbook (`huimin batch … --format xlsx`, and the page's 下载Excel), with
//! rust_xlsxwriter (feature `sheets`): a sheet of households with the result CSV's columns (the
//! same rows: `Summary::write_row`, `write_error_row`), a sheet of alerts and a sheet of missing
//! figures, one row per household and alert or figure. Header rows frozen, columns sized, amounts
//! and counts as numbers (amounts shown to the fen). On the command line each sheet's rows go to
//! a temporary file as they are written (constant memory), so a roster of 100,000 households takes
//! little memory; in WebAssembly (no files in a browser) the workbook is held in memory, and it is
//! made from the result table the page shows (`Results::from_table`: its CSV rows and its result
//! lines), so that a filtered view gives the rows it shows.
//!
//! Also the test roster of `huimin gen --format xlsx`.

use super::summary::{alert_label, summary_header, write_error_row, Cells, Summary, AREAS};
use super::RosterError;
use crate::date::Date;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// The sheets' names and the columns of the alerts and missing-figures sheets.
fn names(zh: bool) -> ([&'static str; 3], [&'static str; 4], [&'static str; 3]) {
    if zh {
        (["户", "提示", "需补充"], ["行号", "户编号", "提示", "提示代码"], ["行号", "户编号", "需补充"])
    } else {
        (["households", "alerts", "missing figures"], ["line", "household", "alert", "code"], ["line", "household", "parameter"])
    }
}

/// An .xlsx workbook of results being written.
pub struct Results {
    workbook: Workbook,
    zh: bool,
    /// The next row of each sheet.
    next: [u32; 3],
    money: Format,
}

impl Results {
    pub fn new(zh: bool) -> Result<Results, XlsxError> {
        let mut workbook = Workbook::new();
        let bold = Format::new().set_bold();
        let (sheets, alerts, missing) = names(zh);
        let households = summary_header(zh);
        let headers: [Vec<&str>; 3] = [households.iter().map(String::as_str).collect(), alerts.to_vec(), missing.to_vec()];
        for (name, header) in sheets.iter().zip(&headers) {
            let ws = add_sheet(&mut workbook);
            ws.set_name(*name)?;
            ws.set_freeze_panes(1, 0)?;
            for (c, h) in header.iter().enumerate() {
                ws.set_column_width(c as u16, width(h))?;
                ws.write_string_with_format(0, c as u16, *h, &bold)?;
            }
        }
        Ok(Results { workbook, zh, next: [1; 3], money: Format::new().set_num_format("0.00") })
    }

    /// A household's result: its row, and a row per alert and per missing figure.
    pub fn summary(&mut self, s: &Summary) -> Result<(), XlsxError> {
        let zh = self.zh;
        self.household_row(|cells| s.write_row(zh, cells))?;
        let household = s.household.as_deref().unwrap_or("");
        for a in &s.alerts {
            self.alert(s.line, household, a)?;
        }
        for n in &s.needs_info {
            self.missing(s.line, household, n)?;
        }
        Ok(())
    }

    /// The next row of the households sheet, its cells written by `write`.
    fn household_row(&mut self, write: impl FnOnce(&mut SheetCells<'_>)) -> Result<(), XlsxError> {
        let row = self.next[0];
        let mut cells = SheetCells { ws: self.workbook.worksheet_from_index(0)?, row, col: 0, money: &self.money, error: None };
        write(&mut cells);
        self.next[0] += 1;
        cells.error.map_or(Ok(()), Err)
    }

    /// A row of the alerts sheet: the household's line and number, the alert's label and code.
    fn alert(&mut self, line: usize, household: &str, code: &str) -> Result<(), XlsxError> {
        let r = self.next[1];
        let ws = self.workbook.worksheet_from_index(1)?;
        ws.write_number(r, 0, line as f64)?;
        ws.write_string(r, 1, household)?;
        ws.write_string(r, 2, if self.zh { alert_label(code) } else { code })?;
        ws.write_string(r, 3, code)?;
        self.next[1] += 1;
        Ok(())
    }

    /// A row of the missing-figures sheet.
    fn missing(&mut self, line: usize, household: &str, parameter: &str) -> Result<(), XlsxError> {
        let r = self.next[2];
        let ws = self.workbook.worksheet_from_index(2)?;
        ws.write_number(r, 0, line as f64)?;
        ws.write_string(r, 1, household)?;
        ws.write_string(r, 2, parameter)?;
        self.next[2] += 1;
        Ok(())
    }

    /// The workbook of a result table as the page has it (the page's 下载Excel): `csv`, the
    /// result CSV (`summary_csv_header(zh)`, then the rows shown, in the order shown), and
    /// `lines`, the same rows' result lines (`RosterSummary` or `RosterError` JSON, one a line),
    /// for the alerts and missing-figures sheets. The households sheet has the CSV's cells, typed
    /// as `Summary::write_row` writes them (`COLUMN_KINDS`): the same workbook the command line
    /// writes for those rows.
    pub fn from_table(csv: &str, lines: &str, zh: bool) -> Result<Vec<u8>, String> {
        // In WebAssembly the allocator grows the module's memory by what each allocation lacks,
        // a page or so at a time; the workbook then takes about 8 times its inputs' size in
        // cells. Taking that much at once and handing it back makes one growth of many (a
        // 50,000-household workbook: 3.3 s → 1.7 s in Node; BENCHMARKS.md).
        // (`try_reserve`: where the memory cannot grow that far, the workbook may still fit.)
        #[cfg(target_arch = "wasm32")]
        {
            let mut room = Vec::<u8>::new();
            let _ = room.try_reserve((csv.len() + lines.len()).saturating_mul(8).min(1 << 30));
            drop(std::hint::black_box(room));
        }
        let mut book = Results::new(zh).map_err(|e| e.to_string())?;
        let kinds = column_kinds();
        let mut parser = super::csv::CsvParser::with_delimiter(b',');
        let mut failed: Option<String> = None;
        let mut header = true;
        let mut each = |rec: super::csv::Parsed<'_>| {
            if failed.is_some() {
                return;
            }
            let rec = match rec {
                Ok(r) => r,
                Err((line, _)) => {
                    failed = Some(format!("the result table's line {line} cannot be read"));
                    return;
                }
            };
            if std::mem::take(&mut header) {
                return;
            }
            let written = book.household_row(|cells| {
                for i in 0..rec.len() {
                    let text = rec.field(i).unwrap_or("");
                    match kinds.get(i).copied().unwrap_or(Kind::Text) {
                        Kind::Money => match text.parse::<Decimal>() {
                            Ok(d) => cells.money(d),
                            Err(_) => cells.text(text),
                        },
                        Kind::Count => match text.parse::<usize>() {
                            Ok(n) => cells.count(n),
                            Err(_) => cells.text(text),
                        },
                        Kind::Text | Kind::Date => cells.text(text),
                    }
                }
            });
            if let Err(e) = written {
                failed = Some(e.to_string());
            }
        };
        parser.push_each(csv.trim_start_matches('\u{feff}').as_bytes(), &mut each);
        parser.finish_each(&mut each);
        if let Some(e) = failed {
            return Err(e);
        }
        for line in lines.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("a result line is not JSON: {e}"))?;
            let n = v["line"].as_u64().unwrap_or(0) as usize;
            let household = v["household"].as_str().unwrap_or("");
            for a in v["alerts"].as_array().into_iter().flatten().filter_map(|a| a.as_str()) {
                book.alert(n, household, a).map_err(|e| e.to_string())?;
            }
            for p in v["needsInfo"].as_array().into_iter().flatten().filter_map(|a| a.as_str()) {
                book.missing(n, household, p).map_err(|e| e.to_string())?;
            }
        }
        book.finish().map_err(|e| e.to_string())
    }

    /// A household (or a line) that gave no report: its row on the households sheet.
    pub fn error(&mut self, e: &RosterError) -> Result<(), XlsxError> {
        self.household_row(|cells| write_error_row(e, cells))
    }

    /// The workbook's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        self.workbook.save_to_buffer()
    }
}

/// A worksheet added to `workbook`: with constant memory on the command line (rows to a
/// temporary file), in memory in WebAssembly (a browser has no files).
fn add_sheet(workbook: &mut Workbook) -> &mut Worksheet {
    #[cfg(not(target_arch = "wasm32"))]
    let ws = workbook.add_worksheet_with_constant_memory();
    #[cfg(target_arch = "wasm32")]
    let ws = workbook.add_worksheet();
    ws
}

/// How `Summary::write_row` writes a result row's cells, column by column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Money,
    Count,
    Date,
}

/// The kind of each column of `summary_header` (tested against `Summary::write_row`): line,
/// household, region, date, statuses; the totals and each area's, to the fen; the counts by
/// status; alerts, missing figures, errors.
pub fn column_kinds() -> Vec<Kind> {
    let mut k = vec![Kind::Count, Kind::Text, Kind::Text, Kind::Date, Kind::Text];
    k.extend(std::iter::repeat_n(Kind::Money, 4 + 2 * AREAS.len()));
    k.extend([Kind::Count; 4]);
    k.extend([Kind::Text; 3]);
    k
}

/// A column wide enough for its header (a CJK character counts two) and for amounts.
fn width(header: &str) -> f64 {
    let w: usize = header.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    (w.max(10) + 2) as f64
}

/// Cells of one row of a sheet (`Cells`): text as text, amounts and counts as numbers.
struct SheetCells<'a> {
    ws: &'a mut Worksheet,
    row: u32,
    col: u16,
    money: &'a Format,
    error: Option<XlsxError>,
}

impl SheetCells<'_> {
    fn put(&mut self, write: impl FnOnce(&mut Worksheet, u32, u16) -> Result<&mut Worksheet, XlsxError>) {
        if let Err(e) = write(self.ws, self.row, self.col) {
            self.error.get_or_insert(e);
        }
        self.col += 1;
    }
}

impl Cells for SheetCells<'_> {
    fn text(&mut self, x: &str) {
        if x.is_empty() {
            self.col += 1;
            return;
        }
        self.put(|ws, r, c| ws.write_string(r, c, x));
    }

    fn money(&mut self, d: Decimal) {
        // The amount to the fen; below 2^53 fen a double holds it exactly.
        let value = d.round_dp(2).to_f64().unwrap_or(0.0);
        let money = self.money;
        self.put(|ws, r, c| ws.write_number_with_format(r, c, value, money));
    }

    fn count(&mut self, n: usize) {
        self.put(|ws, r, c| ws.write_number(r, c, n as f64));
    }

    fn date(&mut self, d: Date) {
        self.put(|ws, r, c| ws.write_string(r, c, d.to_string()));
    }
}

/// A roster as an .xlsx workbook, one sheet (`huimin gen --format xlsx`): the header as given,
/// then each row's cells, with whole numbers and amounts in the columns `numeric` names as
/// numbers, and dates (`YYYY-MM-DD`) in the column `date` as Excel dates — as a cadre's
/// spreadsheet has them.
pub struct RosterBook {
    workbook: Workbook,
    row: u32,
    numeric: Vec<bool>,
    date: Option<usize>,
    date_format: Format,
}

impl RosterBook {
    pub fn new(header: &[&str], numeric: Vec<bool>, date: Option<usize>) -> Result<RosterBook, XlsxError> {
        let mut workbook = Workbook::new();
        let ws = add_sheet(&mut workbook);
        ws.set_name("花名册")?;
        ws.set_freeze_panes(1, 0)?;
        for (c, h) in header.iter().enumerate() {
            ws.set_column_width(c as u16, width(h))?;
            ws.write_string(0, c as u16, *h)?;
        }
        Ok(RosterBook { workbook, row: 1, numeric, date, date_format: Format::new().set_num_format("yyyy-mm-dd") })
    }

    pub fn row(&mut self, cells: &[&str]) -> Result<(), XlsxError> {
        let ws = self.workbook.worksheet_from_index(0)?;
        for (c, t) in cells.iter().enumerate() {
            if t.is_empty() {
                continue;
            }
            let col = c as u16;
            if Some(c) == self.date {
                if let Some(d) = Date::parse(t) {
                    ws.write_number_with_format(self.row, col, excel_serial(d), &self.date_format)?;
                    continue;
                }
            }
            if self.numeric.get(c).copied().unwrap_or(false) {
                if let Ok(v) = t.parse::<f64>() {
                    ws.write_number(self.row, col, v)?;
                    continue;
                }
            }
            ws.write_string(self.row, col, *t)?;
        }
        self.row += 1;
        Ok(())
    }

    pub fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        self.workbook.save_to_buffer()
    }
}

/// A date as Excel's serial number (days since 1899-12-30; dates after February 1900).
pub fn excel_serial(d: Date) -> f64 {
    let (y, m, day) = (d.year as i64, d.month as i64, d.day as i64);
    // H. Hinnant's days_from_civil: days since 1970-01-01.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    (days + 25_569) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials() {
        assert_eq!(excel_serial(Date::parse("2017-09-01").unwrap()), 42979.0);
        assert_eq!(excel_serial(Date::parse("1900-03-01").unwrap()), 61.0);
    }
}
