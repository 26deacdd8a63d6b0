//! Results as an .xlsx workbook (`huimin batch … --format xlsx`), with rust_xlsxwriter (feature
//! `sheets`, native only): a sheet of households with the result CSV's columns (the same rows:
//! `Summary::write_row`, `write_error_row`), a sheet of alerts and a sheet of missing figures,
//! one row per household and alert or figure. Header rows frozen, columns sized, amounts and
//! counts as numbers (amounts shown to the fen). Each sheet's rows go to a temporary file as
//! they are written (constant memory), so a roster of 100,000 households takes little memory.
//!
//! Also the test roster of `huimin gen --format xlsx`.

use super::summary::{alert_label, summary_header, write_error_row, Cells, Summary};
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
            let ws = workbook.add_worksheet_with_constant_memory();
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
        let row = self.next[0];
        let mut cells = SheetCells { ws: self.workbook.worksheet_from_index(0)?, row, col: 0, money: &self.money, error: None };
        s.write_row(self.zh, &mut cells);
        if let Some(e) = cells.error {
            return Err(e);
        }
        self.next[0] += 1;
        let household = s.household.as_deref().unwrap_or("");
        let ws = self.workbook.worksheet_from_index(1)?;
        for a in &s.alerts {
            let r = self.next[1];
            ws.write_number(r, 0, s.line as f64)?;
            ws.write_string(r, 1, household)?;
            ws.write_string(r, 2, if self.zh { alert_label(a) } else { a.as_str() })?;
            ws.write_string(r, 3, a)?;
            self.next[1] += 1;
        }
        let ws = self.workbook.worksheet_from_index(2)?;
        for n in &s.needs_info {
            let r = self.next[2];
            ws.write_number(r, 0, s.line as f64)?;
            ws.write_string(r, 1, household)?;
            ws.write_string(r, 2, n)?;
            self.next[2] += 1;
        }
        Ok(())
    }

    /// A household (or a line) that gave no report: its row on the households sheet.
    pub fn error(&mut self, e: &RosterError) -> Result<(), XlsxError> {
        let row = self.next[0];
        let mut cells = SheetCells { ws: self.workbook.worksheet_from_index(0)?, row, col: 0, money: &self.money, error: None };
        write_error_row(e, &mut cells);
        self.next[0] += 1;
        cells.error.map_or(Ok(()), Err)
    }

    /// The workbook's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        self.workbook.save_to_buffer()
    }
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
        let ws = workbook.add_worksheet_with_constant_memory();
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
