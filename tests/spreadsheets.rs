//! Rosters as spreadsheets (docs/roster-format.md): .xlsx made here with rust_xlsxwriter and an
//! .xls made by tests/fixtures/make_roster_xls.py give the same households as the same roster in
//! CSV; a GBK CSV on the command line; results as .xlsx read back with calamine; empty rosters.
#![cfg(all(feature = "sheets", not(target_arch = "wasm32")))]

use calamine::{Data, Reader as _, Xlsx};
use huimin::roster::batch::{self, Output};
use huimin::roster::csv::CsvParser;
use huimin::roster::{read_all, Format, Item, Options, RosterError, Summary};
use huimin::Engine;
use rust_xlsxwriter::{Format as CellFormat, Workbook, Worksheet};
use std::process::Command;

/// The roster of tests/roster.rs as a CSV export: H1 (five rows, a member with two stays) and H2.
const EXPORT: &str = "户编号,地区代码,评估日期,身份,家庭年纯收入(元),危房等级,低保标准(月),成员编号,姓名,年龄,劳动能力,学段,新生,慢性病,慢性病目录内自付,住院总费用,政策范围内费用,医保报销,区内住院,身份证号\r\n\
H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m1,\"王,大\",45,有劳动能力,,,否,,,,,,1501\r\n\
H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m2,李二,72,无劳动能力,,,是,5200.00,,,,,1502\r\n\
H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m3,王三,18,,本科,是,否,,,,,,1503\r\n\
H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m4,王四,40,,,,否,,20000.00,18000.00,14000.00,是,1504\r\n\
H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m4,王四,40,,,,否,,3000.00,2500.00,1500.00,否,1504\r\n\
H2,150203,2017-09-01,低保户,3000,,450,,赵五,66,,,,,,,,,,\r\n";

/// A cell as a county's spreadsheet holds it: text (numbers stored as text too), or a number.
#[derive(Clone, Copy)]
enum C {
    T(&'static str),
    N(f64),
    E,
}

/// H1's member cells from 成员编号 on (columns H–T), as in tests/fixtures/make_roster_xls.py.
const H1: [[C; 13]; 5] = {
    use C::*;
    [
        [T("m1"), T("王,大"), N(45.0), T("有劳动能力"), E, E, T("否"), E, E, E, E, E, T("1501")],
        [T("m2"), T("李二"), N(72.0), T("无劳动能力"), E, E, T("是"), N(5200.0), E, E, E, E, T("1502")],
        [T("m3"), T("王三"), T("18"), E, T("本科"), T("是"), T("否"), E, E, E, E, E, T("1503")],
        [T("m4"), T("王四"), N(40.0), E, E, E, T("否"), E, N(20000.0), N(18000.0), N(14000.0), T("是"), T("1504")],
        [T("m4"), T("王四"), N(40.0), E, E, E, T("否"), E, N(3000.0), N(2500.0), N(1500.0), T("否"), T("1504")],
    ]
};

fn put(ws: &mut Worksheet, r: u32, c: u16, v: C) {
    match v {
        C::T(t) => {
            ws.write_string(r, c, t).unwrap();
        }
        C::N(n) => {
            ws.write_number(r, c, n).unwrap();
        }
        C::E => {}
    }
}

/// EXPORT as an .xlsx sheet: a title row merged across the table, a header of two rows (住院
/// merged over its three columns, the other headers merged down both rows), H1's number merged
/// down its rows, the date as a bare serial number (H1) and as a date cell (H2), numbers stored
/// as text (income, an age) and as numbers. The data starts on row 4: two rows below the CSV's.
/// `bad_age`: row 6's age is "abc" instead.
fn roster_xlsx(sheet_before: bool, bad_age: bool) -> Vec<u8> {
    let mut wb = Workbook::new();
    if sheet_before {
        let notes = wb.add_worksheet();
        notes.set_name("说明").unwrap();
        notes.write_string(0, 0, "本表为测试用花名册").unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name("花名册").unwrap();
    let plain = CellFormat::new();
    ws.merge_range(0, 0, 0, 19, "某旗建档立卡户花名册(测试)", &plain).unwrap();
    let header = [
        "户编号",
        "地区代码",
        "评估日期",
        "身份",
        "家庭年纯收入(元)",
        "危房等级",
        "低保标准(月)",
        "成员编号",
        "姓名",
        "年龄",
        "劳动能力",
        "学段",
        "新生",
        "慢性病",
        "慢性病目录内自付",
        "",
        "",
        "",
        "区内住院",
        "身份证号",
    ];
    for (c, h) in header.iter().enumerate() {
        if !h.is_empty() {
            ws.merge_range(1, c as u16, 2, c as u16, h, &plain).unwrap();
        }
    }
    ws.merge_range(1, 15, 1, 17, "住院", &plain).unwrap();
    for (i, h) in ["总费用", "政策范围内费用", "医保报销"].iter().enumerate() {
        ws.write_string(2, 15 + i as u16, *h).unwrap();
    }
    ws.merge_range(3, 0, 7, 0, "H1", &plain).unwrap();
    for (i, m) in H1.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string(r, 1, "150203").unwrap();
        ws.write_number(r, 2, 42979.0).unwrap(); // 2017-09-01, no date format
        ws.write_string(r, 3, "建档立卡贫困户").unwrap();
        ws.write_string(r, 4, "9,600.00").unwrap();
        ws.write_string(r, 5, "D级").unwrap();
        ws.write_string(r, 6, "450.00").unwrap();
        for (j, v) in m.iter().enumerate() {
            put(ws, r, 7 + j as u16, *v);
        }
    }
    if bad_age {
        ws.write_string(5, 9, "abc").unwrap();
    }
    let date = CellFormat::new().set_num_format("yyyy-mm-dd");
    ws.write_string(8, 0, "H2").unwrap();
    ws.write_number(8, 1, 150203.0).unwrap();
    ws.write_number_with_format(8, 2, 42979.0, &date).unwrap();
    ws.write_string(8, 3, "低保户").unwrap();
    ws.write_number(8, 4, 3000.0).unwrap();
    ws.write_number(8, 6, 450.0).unwrap();
    ws.write_string(8, 8, "赵五").unwrap();
    ws.write_number(8, 9, 66.0).unwrap();
    wb.save_to_buffer().unwrap()
}

fn options(format: Format, sheet: Option<&str>) -> Options {
    let mut o = Options::new(format);
    o.sheet = sheet.map(str::to_string);
    o
}

/// Each item's outcome as JSON: the summary with its full report, or the errors; lines moved by
/// `shift` (a sheet's rows are below the CSV's lines).
fn outcomes(items: &[Item], shift: usize) -> Vec<String> {
    let engine = Engine::with_shipped_packs();
    items
        .iter()
        .map(|i| match i {
            Item::Household(e) => match e.evaluate(&engine) {
                Ok(r) => {
                    let s = Summary::of(e.line - shift, &r);
                    format!("{} {}", serde_json::to_string(&s).unwrap(), serde_json::to_string(&r).unwrap())
                }
                Err(e) => format!("{e:?}"),
            },
            Item::Error(e) => format!("{e:?}"),
        })
        .collect()
}

fn csv_outcomes() -> Vec<String> {
    let items = read_all(EXPORT.as_bytes(), Options::new(Format::Csv)).unwrap();
    let got = outcomes(&items, 0);
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|o| o.starts_with("{\"line\"")), "both households evaluate: {got:?}");
    got
}

#[test]
fn an_xlsx_roster_gives_the_same_households_as_its_csv() {
    let bytes = roster_xlsx(false, false);
    let items = read_all(&bytes, options(Format::Xlsx, None)).expect("the workbook is read");
    let Item::Household(h1) = &items[0] else { panic!("{:?}", items[0]) };
    assert_eq!((h1.line, h1.household.as_deref()), (4, Some("H1")), "H1 starts on the sheet's row 4");
    assert_eq!(outcomes(&items, 2), csv_outcomes());
    // The household assembled from the sheet is the CSV's, value for value but for the numbers
    // the sheet stores as numbers (20000 for "20000.00").
    let (value, _) = h1.value().unwrap();
    let text = value.to_text();
    assert!(text.contains(r#""asOf":"2017-09-01""#) && text.contains(r#""annualNetIncome":"9600.00""#) && text.contains(r#""age":18"#), "{text}");
    assert!(text.contains(r#""total":"20000""#) && text.contains(r#""stage":"undergraduate""#), "{text}");
}

#[test]
fn an_xls_roster_gives_the_same_households_as_its_csv() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/roster.xls")).unwrap();
    assert_eq!(Format::guess("roster.xls", &bytes), Format::Xls);
    let items = read_all(&bytes, options(Format::Xls, None)).expect("the workbook is read");
    assert_eq!(outcomes(&items, 2), csv_outcomes());
}

#[test]
fn a_bad_cell_names_the_sheet_row_and_its_header() {
    let engine = Engine::with_shipped_packs();
    let items = read_all(&roster_xlsx(false, true), options(Format::Xlsx, None)).unwrap();
    let Item::Household(h1) = &items[0] else { panic!() };
    let err: RosterError = h1.summarize(&engine).expect_err("an age of abc");
    let age = err.errors.iter().find(|e| e.path == "members[2].age").expect("the age's error");
    assert_eq!((err.line, age.line, age.column.as_deref()), (4, 6, Some("年龄")));
}

#[test]
fn a_named_sheet_or_the_first() {
    let bytes = roster_xlsx(true, false);
    let first = read_all(&bytes, options(Format::Xlsx, None)).expect_err("the first sheet is the notes");
    assert_eq!(first.code, "roster.no_household_column");
    let named = read_all(&bytes, options(Format::Xlsx, Some("花名册"))).unwrap();
    assert_eq!(outcomes(&named, 2), csv_outcomes());
    let missing = read_all(&bytes, options(Format::Xlsx, Some("Sheet9"))).unwrap_err();
    assert_eq!(missing.code, "roster.no_sheet");
    assert!(missing.zh.contains("花名册") && missing.en.contains("说明"), "{missing:?}");
    let not_a_workbook = read_all(b"PK\x03\x04 not really", options(Format::Xlsx, None)).unwrap_err();
    assert_eq!(not_a_workbook.code, "roster.spreadsheet");
}

/// A generated roster's CSV and its `gen --format xlsx` workbook (numbers and dates as a
/// spreadsheet holds them) give the same result rows.
#[test]
fn generated_xlsx_and_csv_give_the_same_results() {
    let dir = tempdir("gen");
    let bin = env!("CARGO_BIN_EXE_huimin");
    let run = |args: &[&str]| {
        let out = Command::new(bin).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let csv = dir.join("r.csv");
    let xlsx = dir.join("r.xlsx");
    run(&["gen", "--seed", "3", "--count", "150", "--format", "csv", "--out", csv.to_str().unwrap()]);
    run(&["gen", "--seed", "3", "--count", "150", "--format", "xlsx", "--out", xlsx.to_str().unwrap()]);
    let from_csv = run(&["batch", csv.to_str().unwrap(), "--format", "csv", "--quiet"]);
    let from_xlsx = run(&["batch", xlsx.to_str().unwrap(), "--format", "csv", "--quiet"]);
    assert_eq!(String::from_utf8(from_xlsx).unwrap(), String::from_utf8(from_csv).unwrap());
    // The workbook holds numbers as numbers and the date as a date.
    let mut wb: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    assert!(matches!(range.get((1, 2)), Some(Data::DateTime(_))), "{:?}", range.get((1, 2)));
    assert!(matches!(range.get((1, 10)), Some(Data::Float(_))), "age: {:?}", range.get((1, 10)));
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("huimin-sheets-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_gbk_csv_on_the_command_line() {
    let dir = tempdir("gbk");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(EXPORT);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err(), "the bytes are not UTF-8");
    let (utf8_path, gbk_path) = (dir.join("utf8.csv"), dir.join("gbk.csv"));
    std::fs::write(&utf8_path, EXPORT).unwrap();
    std::fs::write(&gbk_path, &gbk).unwrap();
    let bin = env!("CARGO_BIN_EXE_huimin");
    let run = |p: &std::path::Path| Command::new(bin).args(["batch", p.to_str().unwrap(), "--format", "csv", "--quiet"]).output().unwrap();
    let (a, b) = (run(&utf8_path), run(&gbk_path));
    assert!(a.status.success() && b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    let text = String::from_utf8(b.stdout).unwrap();
    assert_eq!(text, String::from_utf8(a.stdout).unwrap());
    assert_eq!(text.lines().count(), 3, "a header and two households: {text}");
    assert!(text.lines().nth(1).unwrap().starts_with("2,H1,150203,2017-09-01,建档立卡贫困户,"), "{text}");
    // GB18030 beyond GBK (a four-byte character) reads too; the name is shown as given.
    let rare = EXPORT.replace("赵五", "赵𠀀");
    let (gb18030, _, _) = encoding_rs::GB18030.encode(&rare);
    std::fs::write(&gbk_path, &gb18030).unwrap();
    let out = Command::new(bin).args(["batch", gbk_path.to_str().unwrap(), "--quiet"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
}

/// `--format xlsx`: the households sheet holds the CSV's rows (amounts and counts as numbers),
/// the alerts and missing-figures sheets a row per household and alert or figure.
#[test]
fn xlsx_results_read_back_as_the_csv_results() {
    let dir = tempdir("results");
    let bin = env!("CARGO_BIN_EXE_huimin");
    let roster = dir.join("r.csv");
    let out = Command::new(bin).args(["gen", "--seed", "5", "--count", "120", "--format", "csv"]).output().unwrap();
    let mut text = String::from_utf8(out.stdout).unwrap();
    text.push_str("X1,150203,2017-09-01,低保户,abc,,,,,,200,,,,,,,,,,,,,,\r\n"); // an error row
    std::fs::write(&roster, &text).unwrap();
    let results = dir.join("results.xlsx");
    let run = |args: &[&str]| Command::new(bin).args(args).output().unwrap();
    let x = run(&["batch", roster.to_str().unwrap(), "--out", results.to_str().unwrap(), "--quiet"]);
    assert!(x.status.success(), "{}", String::from_utf8_lossy(&x.stderr));
    let c = run(&["batch", roster.to_str().unwrap(), "--format", "csv", "--quiet"]);
    let csv_text = String::from_utf8(c.stdout).unwrap();
    let mut p = CsvParser::new();
    p.push(csv_text.as_bytes());
    p.finish();
    let mut csv_rows = Vec::new();
    while let Some(r) = p.next_record() {
        csv_rows.push(r.unwrap().fields().map(str::to_string).collect::<Vec<_>>());
    }
    assert_eq!(csv_rows.len(), 122, "a header, 120 households, an error");

    let mut wb: Xlsx<_> = calamine::open_workbook(&results).unwrap();
    assert_eq!(wb.sheet_names(), ["户", "提示", "需补充"]);
    let households = wb.worksheet_range("户").unwrap();
    assert_eq!(households.height(), csv_rows.len());
    let mut numbers = 0;
    for (r, (row, want)) in households.rows().zip(&csv_rows).enumerate() {
        for (c, want) in want.iter().enumerate() {
            let got = row.get(c).unwrap_or(&Data::Empty);
            let want = want.trim_start_matches('\u{feff}');
            match got {
                Data::Float(f) => {
                    numbers += 1;
                    let w: f64 = want.parse().unwrap_or_else(|_| panic!("row {r} col {c}: {want:?} is a number in the sheet"));
                    assert!((f - w).abs() < 1e-9, "row {r} col {c}: {f} vs {want}");
                }
                Data::String(s) => assert_eq!(s, want, "row {r} col {c}"),
                Data::Empty => assert_eq!(want, "", "row {r} col {c}"),
                other => panic!("row {r} col {c}: {other:?}"),
            }
        }
    }
    // Every household's line, amounts (16) and counts (4) are numbers; the error row's line.
    assert_eq!(numbers, 120 * 21 + 1);
    assert!(csv_rows[121][27].contains("annualNetIncome"), "the error row: {:?}", csv_rows[121]);

    // The alerts and missing figures, from the JSON Lines results.
    let j = run(&["batch", roster.to_str().unwrap(), "--quiet"]);
    let lines: Vec<serde_json::Value> = String::from_utf8(j.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let count = |key: &str| lines.iter().map(|l| l[key].as_array().map_or(0, Vec::len)).sum::<usize>();
    let alerts = wb.worksheet_range("提示").unwrap();
    let missing = wb.worksheet_range("需补充").unwrap();
    assert_eq!((alerts.height() - 1, missing.height() - 1), (count("alerts"), count("needsInfo")));
    assert!(count("alerts") > 0 && count("needsInfo") > 0);
    let first = lines.iter().find(|l| !l["alerts"].as_array().unwrap().is_empty()).unwrap();
    let row: Vec<String> = alerts.rows().nth(1).unwrap().iter().map(|d| d.to_string()).collect();
    assert_eq!(row[0], first["line"].to_string());
    assert_eq!(row[1], first["household"].as_str().unwrap());
    assert_eq!(row[3], first["alerts"][0].as_str().unwrap());
    assert_eq!(row[2], huimin::roster::alert_label(first["alerts"][0].as_str().unwrap()));
}

#[test]
fn an_empty_roster_is_an_error() {
    assert_eq!(read_all(b"", Options::new(Format::Csv)).unwrap_err().code, "roster.empty");
    assert_eq!(read_all(b"\n\n", Options::new(Format::Jsonl)).unwrap_err().code, "roster.empty");
    let header_only = read_all("户编号,地区代码,评估日期\r\n,,\r\n".as_bytes(), Options::new(Format::Csv)).unwrap_err();
    assert_eq!(header_only.code, "roster.empty");
    assert!(header_only.zh.contains("没有任何户") && header_only.en.contains("no household"), "{header_only:?}");

    let dir = tempdir("empty");
    let bin = env!("CARGO_BIN_EXE_huimin");
    let mut wb = Workbook::new();
    wb.add_worksheet().write_string(0, 0, "户编号").unwrap().write_string(0, 1, "地区代码").unwrap().write_string(0, 2, "评估日期").unwrap();
    std::fs::write(dir.join("header.xlsx"), wb.save_to_buffer().unwrap()).unwrap();
    std::fs::write(dir.join("header.csv"), "户编号,地区代码,评估日期\n").unwrap();
    std::fs::write(dir.join("empty.csv"), "").unwrap();
    for name in ["header.xlsx", "header.csv", "empty.csv"] {
        let out = Command::new(bin).args(["batch", dir.join(name).to_str().unwrap(), "--format", "csv"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("没有任何户") && err.contains("no household"), "{name}: {err}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("roster.empty"), "{name}");
    }
}

/// The library's batch run with `Output::Outcomes` gives every household's outcome in order.
#[test]
fn outcomes_in_the_roster_order() {
    struct Keep(Vec<bool>);
    impl batch::Sink for Keep {
        fn text(&mut self, t: &str) -> std::io::Result<()> {
            assert!(t.is_empty());
            Ok(())
        }
        fn outcome(&mut self, o: batch::Outcome) -> std::io::Result<()> {
            self.0.push(o.is_ok());
            Ok(())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let text = EXPORT.to_string() + "H3,150203,2017-09-01,低保户,x,,,,,,\r\n";
    for threads in [1, 2] {
        let mut keep = Keep(Vec::new());
        let engine = Engine::with_shipped_packs;
        let reader = huimin::roster::Reader::new(Options::new(Format::Csv));
        let tally = batch::run_into(text.as_bytes(), &mut keep, reader, Output::Outcomes, threads, &engine, &mut |_| {}).unwrap();
        assert_eq!(keep.0, [true, true, false]);
        assert_eq!((tally.households, tally.errors), (2, 1));
    }
}

// ---------------------------------------------------------------------------------------------
// The page's sheets module (src/wasm_roster.rs, built for wasm32) runs this code; here natively.

/// The page's workbook (`Results::from_table`: the result CSV it downloads and the same rows'
/// result lines) is the command line's (`batch --out results.xlsx`), sheet for sheet and cell for
/// cell: the same columns, numbers as numbers, the same alerts and missing figures.
#[test]
fn the_pages_xlsx_results_are_the_command_lines() {
    let dir = tempdir("page-results");
    let bin = env!("CARGO_BIN_EXE_huimin");
    let roster = dir.join("r.csv");
    let out = Command::new(bin).args(["gen", "--seed", "7", "--count", "90", "--format", "csv"]).output().unwrap();
    let mut text = String::from_utf8(out.stdout).unwrap();
    text.push_str("X1,150203,2017-09-01,低保户,abc,,,,,,200,,,,,,,,,,,,,,\r\n"); // an error row
    std::fs::write(&roster, &text).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(bin).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let cli = dir.join("cli.xlsx");
    for zh in [true, false] {
        let lang = if zh { "zh" } else { "en" };
        run(&["batch", roster.to_str().unwrap(), "--out", cli.to_str().unwrap(), "--lang", lang, "--quiet"]);
        let csv = String::from_utf8(run(&["batch", roster.to_str().unwrap(), "--format", "csv", "--lang", lang, "--quiet"])).unwrap();
        let lines = String::from_utf8(run(&["batch", roster.to_str().unwrap(), "--quiet"])).unwrap();
        let page = huimin::roster::xlsx::Results::from_table(&csv, &lines, zh).expect("the page's workbook");
        let mut a: Xlsx<_> = calamine::open_workbook(&cli).unwrap();
        let mut b = Xlsx::new(std::io::Cursor::new(page)).unwrap();
        assert_eq!(a.sheet_names(), b.sheet_names());
        let mut numbers = 0;
        for name in a.sheet_names() {
            let (x, y) = (a.worksheet_range(&name).unwrap(), b.worksheet_range(&name).unwrap());
            assert_eq!(x.get_size(), y.get_size(), "{lang} {name}");
            assert!(x.height() > 1, "{lang} {name} has rows");
            for (r, (p, q)) in x.rows().zip(y.rows()).enumerate() {
                assert_eq!(p, q, "{lang} {name} row {r}");
                numbers += p.iter().filter(|d| matches!(d, Data::Float(_))).count();
            }
        }
        assert!(numbers > 90 * 21, "{lang}: amounts and counts are numbers ({numbers})");
        // The frozen header and the widths: in the sheet's XML, as the command line writes them.
        let sheet1 = |bytes: &[u8]| {
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut s = String::new();
            std::io::Read::read_to_string(&mut z.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut s).unwrap();
            s
        };
        let page = huimin::roster::xlsx::Results::from_table(&csv, &lines, zh).unwrap();
        let xml = sheet1(&page);
        assert!(xml.contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#), "frozen header: {}", &xml[..600]);
        assert!(xml.contains("<cols>") && xml.contains("customWidth=\"1\""), "column widths");
    }
    // A filtered view's rows (the page sends only those): two of the rows, in another order.
    let csv = String::from_utf8(run(&["batch", roster.to_str().unwrap(), "--format", "csv", "--quiet"])).unwrap();
    let lines = String::from_utf8(run(&["batch", roster.to_str().unwrap(), "--quiet"])).unwrap();
    let csv_rows: Vec<&str> = csv.lines().collect();
    let json: Vec<&str> = lines.lines().collect();
    let picked = format!("{}\r\n{}\r\n{}\r\n", csv_rows[0], csv_rows[91], csv_rows[3]);
    let book = huimin::roster::xlsx::Results::from_table(&picked, &format!("{}\n{}", json[90], json[2]), true).unwrap();
    let mut b = Xlsx::new(std::io::Cursor::new(book)).unwrap();
    let hh = b.worksheet_range("户").unwrap();
    assert_eq!(hh.height(), 3);
    assert_eq!(hh.get((1, 1)), Some(&Data::String("X1".into())), "the error row first");
    assert!(matches!(hh.get((1, 27)), Some(Data::String(e)) if e.contains("annualNetIncome")));
    let third: serde_json::Value = serde_json::from_str(json[2]).unwrap();
    assert_eq!(hh.get((2, 0)), Some(&Data::Float(third["line"].as_f64().unwrap())));
    let alerts = b.worksheet_range("提示").unwrap();
    assert_eq!(alerts.height() - 1, third["alerts"].as_array().unwrap().len());
}

/// What `column_kinds` says of the result columns is what `Summary::write_row` writes.
#[test]
fn result_column_kinds_are_write_rows() {
    use huimin::roster::xlsx::{column_kinds, Kind};
    struct Rec(Vec<Kind>);
    impl huimin::roster::Cells for Rec {
        fn text(&mut self, _: &str) {
            self.0.push(Kind::Text);
        }
        fn money(&mut self, _: rust_decimal::Decimal) {
            self.0.push(Kind::Money);
        }
        fn count(&mut self, _: usize) {
            self.0.push(Kind::Count);
        }
        fn date(&mut self, _: huimin::date::Date) {
            self.0.push(Kind::Date);
        }
    }
    let engine = Engine::with_shipped_packs();
    let items = read_all(EXPORT.as_bytes(), Options::new(Format::Csv)).unwrap();
    let Item::Household(h1) = &items[0] else { panic!() };
    let s = h1.summarize(&engine).unwrap();
    let mut rec = Rec(Vec::new());
    s.write_row(true, &mut rec);
    assert_eq!(rec.0, column_kinds());
    assert_eq!(column_kinds().len(), huimin::roster::summary_header(true).len());
}

/// A sheet's household kept as the page's worker keeps it (`Entry::write_kept`) is read again as
/// the same household (`Reader::reread_kept`), with the roster's region and date where it has none.
#[test]
fn a_sheets_household_kept_and_read_again() {
    let bytes = roster_xlsx(false, false);
    let items = read_all(&bytes, options(Format::Xlsx, None)).unwrap();
    let reader = huimin::roster::Reader::new(options(Format::Xlsx, None));
    let mut n = 0;
    for item in &items {
        let Item::Household(e) = item else { continue };
        let mut kept = String::new();
        e.write_kept(&mut kept);
        assert_eq!(kept.lines().count(), if e.household.as_deref() == Some("H1") { 5 } else { 1 });
        assert_eq!(reader.reread_kept(&kept), e.json_text(), "{kept}");
        n += 1;
    }
    assert_eq!(n, 2);
    // Without a region column, the roster's region.
    let text = "户编号,评估日期,年龄\r\nA,2017-09-01,40\r\n";
    let mut opts = Options::new(Format::Csv);
    opts.region = Some("150203".into());
    let items = read_all(text.as_bytes(), opts.clone()).unwrap();
    let Item::Household(e) = &items[0] else { panic!() };
    let mut kept = String::new();
    e.write_kept(&mut kept);
    let again = huimin::roster::Reader::new(opts).reread_kept(&kept).unwrap();
    assert!(again.contains(r#""region":"150203""#), "{again}");
    assert_eq!(Some(again), e.json_text());
}

#[test]
fn a_workbooks_sheet_names() {
    use huimin::roster::spreadsheet::sheet_names;
    assert_eq!(sheet_names(&roster_xlsx(true, false)).unwrap(), ["说明", "花名册"]);
    assert_eq!(sheet_names(&roster_xlsx(false, false)).unwrap(), ["花名册"]);
    let xls = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/roster.xls")).unwrap();
    assert!(!sheet_names(&xls).unwrap().is_empty());
    assert_eq!(sheet_names(b"id,region\n").unwrap_err().code, "roster.spreadsheet");
}

/// A workbook in the 1904 date system (Excel for the Mac's old default): rust_xlsxwriter writes
/// only the 1900 system, so the flag is set in its xl/workbook.xml here. calamine gives the
/// stored serial numbers as they are; the roster reads them as the dates they are in that system.
#[test]
fn dates_in_a_1904_workbook() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = CellFormat::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["户编号", "地区代码", "评估日期", "年龄"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    // 2017-09-01 is 41517 in the 1904 system (42979 in the 1900 system): a date cell, and a bare
    // serial number in the date column.
    ws.write_string(1, 0, "A").unwrap().write_string(1, 1, "150203").unwrap().write_number_with_format(1, 2, 41517.0, &date).unwrap();
    ws.write_number(1, 3, 40.0).unwrap();
    ws.write_string(2, 0, "B").unwrap().write_string(2, 1, "150203").unwrap().write_number(2, 2, 41517.0).unwrap();
    ws.write_number(2, 3, 40.0).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    // The same workbook with <workbookPr date1904="1" …>.
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap();
        if name == "xl/workbook.xml" {
            let text = String::from_utf8(data).unwrap();
            assert!(text.contains("<workbookPr "), "{text}");
            data = text.replacen("<workbookPr ", "<workbookPr date1904=\"1\" ", 1).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut out, &data).unwrap();
    }
    let mac = out.finish().unwrap().into_inner();
    let dates = |bytes: &[u8]| -> Vec<String> {
        read_all(bytes, options(Format::Xlsx, None))
            .unwrap()
            .iter()
            .map(|i| match i {
                Item::Household(e) => e.json_text().unwrap(),
                Item::Error(e) => format!("{e:?}"),
            })
            .map(|t| t.split("\"asOf\":\"").nth(1).map(|r| r[..10].to_string()).unwrap_or(t))
            .collect()
    };
    assert_eq!(dates(&mac), ["2017-09-01", "2017-09-01"]);
    // The same serial numbers in the 1900 system are four years and a day earlier.
    assert_eq!(dates(&bytes), ["2013-08-31", "2013-08-31"]);
}

/// The command line names the columns it did not read (身份证号 is no column of a household), for
/// a CSV and a sheet alike; a roster whose every column is known names none.
#[test]
fn the_command_line_names_ignored_columns() {
    let dir = tempdir("ignored");
    let bin = env!("CARGO_BIN_EXE_huimin");
    std::fs::write(dir.join("r.csv"), EXPORT).unwrap();
    std::fs::write(dir.join("r.xlsx"), roster_xlsx(false, false)).unwrap();
    for name in ["r.csv", "r.xlsx"] {
        let out = Command::new(bin).args(["batch", dir.join(name).to_str().unwrap()]).output().unwrap();
        assert!(out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("columns not recognised (not read): 身份证号\n"), "{name}: {err}");
    }
    std::fs::write(dir.join("known.csv"), "户编号,地区代码,评估日期,年龄\r\nA,150203,2017-09-01,40\r\n").unwrap();
    let out = Command::new(bin).args(["batch", dir.join("known.csv").to_str().unwrap()]).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("not recognised"));
}
