//! `huimin batch … --format xlsx` and `huimin gen --format xlsx` (feature `sheets`).

use huimin::roster::batch::{BatchError, Progress};
use huimin::roster::{Reader, Tally};
use huimin::Engine;
use std::io::{Read, Write};
use std::process::ExitCode;

#[cfg(all(feature = "sheets", not(target_arch = "wasm32")))]
pub fn batch_xlsx(
    input: Box<dyn Read>,
    out: &mut dyn Write,
    reader: &mut Reader,
    zh: bool,
    threads: usize,
    engine: &(dyn Fn() -> Engine + Sync),
    progress: &mut dyn FnMut(Progress),
) -> Result<Tally, BatchError> {
    use huimin::roster::batch::{run_with, Outcome, Output, Sink};
    use huimin::roster::xlsx::Results;

    struct Book(Results);
    impl Sink for Book {
        fn text(&mut self, _: &str) -> std::io::Result<()> {
            Ok(())
        }
        fn outcome(&mut self, o: Outcome) -> std::io::Result<()> {
            match &o {
                Ok(s) => self.0.summary(s),
                Err(e) => self.0.error(e),
            }
            .map_err(std::io::Error::other)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    let mut book = Book(Results::new(zh).map_err(|e| BatchError::Write(std::io::Error::other(e)))?);
    let tally = run_with(input, &mut book, reader, Output::Outcomes, threads, engine, progress)?;
    let bytes = book.0.finish().map_err(|e| BatchError::Write(std::io::Error::other(e)))?;
    out.write_all(&bytes).and_then(|_| out.flush()).map_err(BatchError::Write)?;
    Ok(tally)
}

#[cfg(not(all(feature = "sheets", not(target_arch = "wasm32"))))]
pub fn batch_xlsx(
    _: Box<dyn Read>,
    _: &mut dyn Write,
    _: &mut Reader,
    _: bool,
    _: usize,
    _: &(dyn Fn() -> Engine + Sync),
    _: &mut dyn FnMut(Progress),
) -> Result<Tally, BatchError> {
    Err(BatchError::Write(std::io::Error::other("this build writes no .xlsx")))
}

/// A seeded roster as an .xlsx workbook: the CSV's header and rows, with ages and amounts as
/// numbers and the date as an Excel date, as a spreadsheet from an information system has them.
#[cfg(all(feature = "sheets", not(target_arch = "wasm32")))]
pub fn gen_xlsx(seed: u64, count: u64, out: Option<&str>) -> ExitCode {
    use huimin::roster::columns::Column;
    use huimin::roster::xlsx::RosterBook;
    let header: Vec<&str> = huimin::generate::CSV_HEADER.split(',').collect();
    let numeric = header
        .iter()
        .map(|h| {
            matches!(
                Column::from_header(h),
                Some(
                    Column::Age
                        | Column::AnnualNetIncome
                        | Column::DibaoStandardMonthly
                        | Column::DibaoStandardYearly
                        | Column::PovertyLine
                        | Column::ChronicSelfPay
                        | Column::StayTotal
                        | Column::StayCovered
                        | Column::StayInsurancePaid
                )
            )
        })
        .collect();
    let date = header.iter().position(|h| Column::from_header(h) == Some(Column::AsOf));
    let made = (|| {
        let mut book = RosterBook::new(&header, numeric, date)?;
        for i in 0..count {
            for row in huimin::generate::rows(&huimin::generate::household(seed, i)) {
                book.row(&row.iter().map(String::as_str).collect::<Vec<_>>())?;
            }
        }
        book.finish()
    })();
    let bytes = match made {
        Ok(b) => b,
        Err(e) => {
            eprintln!("huimin gen: cannot make the workbook: {e}");
            return ExitCode::from(1);
        }
    };
    let written = match out {
        Some(p) => std::fs::write(p, &bytes).map_err(|e| format!("cannot write {p}: {e}")),
        None => std::io::stdout().lock().write_all(&bytes).map_err(|e| e.to_string()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("huimin gen: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(not(all(feature = "sheets", not(target_arch = "wasm32"))))]
pub fn gen_xlsx(_: u64, _: u64, _: Option<&str>) -> ExitCode {
    ExitCode::from(1)
}
