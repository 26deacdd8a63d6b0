//! Rosters (docs/roster-format.md): CSV as information systems export it, JSON Lines, bad lines
//! in the middle, and the result lines of `huimin batch`.

use huimin::roster::batch::{self, Output};
use huimin::roster::{read_all, Format, Item, Options, Reader, RosterError, Summary};
use huimin::Engine;
use serde_json::{json, Value};

fn items(text: &str, format: Format) -> Vec<Item> {
    read_all(text.as_bytes(), Options::new(format)).expect("the roster can be read")
}

/// Every item of `bytes` read by `r` in pieces of `size` bytes.
fn items_in_pieces(r: &mut Reader, bytes: &[u8], size: usize) -> Vec<Item> {
    let mut got = Vec::new();
    for c in bytes.chunks(size) {
        r.push(c).unwrap();
        while let Some(i) = r.next_item() {
            got.push(i);
        }
    }
    r.finish().unwrap();
    while let Some(i) = r.next_item() {
        got.push(i);
    }
    got
}

fn outcomes(engine: &Engine, items: &[Item]) -> Vec<Result<Summary, RosterError>> {
    items
        .iter()
        .map(|i| match i {
            Item::Household(e) => e.summarize(engine),
            Item::Error(e) => Err(e.clone()),
        })
        .collect()
}

/// A household from a CSV export: BOM, CRLF, Chinese headers with units, a quoted name with a
/// comma, statuses in Chinese separated by 、, and a member with two stays on two rows.
const EXPORT: &str = "\u{feff}户编号,地区代码,评估日期,身份,家庭年纯收入(元),危房等级,低保标准(月),成员编号,姓名,年龄,劳动能力,学段,新生,慢性病,慢性病目录内自付,住院总费用,政策范围内费用,医保报销,区内住院,身份证号\r\n\
H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m1,\"王,大\",45,有劳动能力,,,否,,,,,,1501\r\n\
H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m2,李二,72,无劳动能力,,,是,5200.00,,,,,1502\r\n\
H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m3,王三,18,,本科,是,否,,,,,,1503\r\n\
H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m4,王四,40,,,,否,,20000.00,18000.00,14000.00,是,1504\r\n\
H1,150203,2017/9/1,建档立卡贫困户,\"9,600.00\",D级,450.00,m4,王四,40,,,,否,,3000.00,2500.00,1500.00,否,1504\r\n\
H2,150203,2017-09-01,低保户,3000,,450,,赵五,66,,,,,,,,,,\r\n";

/// The same first household as JSON.
fn export_h1() -> Value {
    json!({ "id": "H1", "region": "150203", "asOf": "2017-09-01", "status": ["registered_poor"], "annualNetIncome": "9600.00",
        "members": [
            { "id": "m1", "name": "王,大", "age": 45, "laborAbility": "full" },
            { "id": "m2", "name": "李二", "age": 72, "laborAbility": "none", "chronic": { "listed": true, "selfPayInCatalog": "5200.00" } },
            { "id": "m3", "name": "王三", "age": 18, "school": { "stage": "undergraduate", "freshman": true } },
            { "id": "m4", "name": "王四", "age": 40, "stays": [
                { "inDistrict": true, "total": "20000.00", "covered": "18000.00", "insurancePaid": "14000.00" },
                { "inDistrict": false, "total": "3000.00", "covered": "2500.00", "insurancePaid": "1500.00" } ] } ],
        "housing": { "grade": "D" }, "overrides": { "dibaoStandardMonthly": "450.00" } })
}

#[test]
fn a_csv_export_reads_as_the_same_household_as_its_json() {
    let engine = Engine::with_shipped_packs();
    let got = items(EXPORT, Format::Csv);
    assert_eq!(got.len(), 2);
    let Item::Household(h1) = &got[0] else { panic!("H1 is a household: {:?}", got[0]) };
    assert_eq!(h1.line, 2);
    let from_csv = serde_json::to_string(&h1.evaluate(&engine).expect("H1 evaluates")).unwrap();
    let from_json = serde_json::to_string(&engine.evaluate_value(&export_h1()).expect("H1 as JSON evaluates")).unwrap();
    assert_eq!(from_csv, from_json, "the CSV rows and the JSON household give the same report");
    let report: Value = serde_json::from_str(&from_csv).unwrap();
    let freshman = report["entitlements"].as_array().unwrap().iter().find(|e| e["member"] == "m3" && e["amount"] == "10000.00");
    assert!(freshman.is_some(), "the undergraduate freshman grant (10000) is there");

    // H2: no member number (m1 is made up), the month standard as a plain number.
    let Item::Household(h2) = &got[1] else { panic!("H2 is a household") };
    assert_eq!(h2.line, 7);
    let s = h2.summarize(&engine).expect("H2 evaluates");
    assert_eq!(s.household.as_deref(), Some("H2"));
    assert_eq!(s.status.len(), 1);
}

#[test]
fn a_bad_row_in_the_middle_names_its_line_and_column_and_the_rest_carries_on() {
    let engine = Engine::with_shipped_packs();
    let csv = "household,region,asOf,status,annualNetIncome,member,age,stage,stayTotal,stayCovered\n\
               A,150203,2017-09-01,registered_poor,8000,m1,40,,,\n\
               B,150203,2017-09-01,registered_poor,8000,m1,40,,,\n\
               B,150203,2017-09-01,registered_poor,8000,m2,abc,kindergarden,,\n\
               B,150203,2017-09-01,registered_poor,8000,m3,50,,100.00,200.00\n\
               C,150203,2017-09-01,registered_poor,8000,m1,30,,,\n";
    let got = outcomes(&engine, &items(csv, Format::Csv));
    assert_eq!(got.len(), 3);
    assert!(got[0].is_ok() && got[2].is_ok(), "A and C are evaluated: {got:?}");
    let err = got[1].as_ref().expect_err("B has errors");
    assert_eq!((err.line, err.household.as_deref()), (3, Some("B")));
    let find = |path: &str| err.errors.iter().find(|e| e.path == path).unwrap_or_else(|| panic!("an error at {path}: {err:?}"));
    let age = find("members[1].age");
    assert_eq!((age.line, age.column.as_deref()), (4, Some("age")));
    let stage = find("members[1].school.stage");
    assert_eq!((stage.line, stage.column.as_deref(), stage.code.as_str()), (4, Some("stage"), "enum.unknown"));
    let covered = find("members[2].stays[0].covered");
    assert_eq!((covered.line, covered.column.as_deref(), covered.code.as_str()), (5, Some("stayCovered"), "stay.covered_above_total"));
}

#[test]
fn csv_structure_problems() {
    let engine = Engine::with_shipped_packs();
    // A household whose rows are split, a row with no household number, conflicting incomes.
    let csv = "户编号,地区代码,评估日期,家庭年纯收入,年龄\n\
               A,150203,2017-09-01,8000,40\n\
               ,150203,2017-09-01,8000,41\n\
               B,150203,2017-09-01,5000,30\n\
               B,150203,2017-09-01,6000,31\n\
               A,150203,2017-09-01,8000,42\n";
    let got = outcomes(&engine, &items(csv, Format::Csv));
    assert_eq!(got.len(), 4, "{got:#?}");
    assert!(got[0].is_ok(), "A's first rows: {:?}", got[0]);
    let no_number = got[1].as_ref().unwrap_err();
    assert_eq!((no_number.line, no_number.errors[0].code.as_str()), (3, "roster.no_household"));
    let conflict = got[2].as_ref().unwrap_err();
    assert_eq!(conflict.errors[0].code, "roster.conflict");
    assert_eq!((conflict.errors[0].line, conflict.errors[0].column.as_deref()), (5, Some("家庭年纯收入")));
    let split = got[3].as_ref().unwrap_err();
    assert_eq!((split.line, split.errors[0].code.as_str()), (6, "roster.household_split"));

    for (bad, code) in [("姓名,年龄\n张三,40\n", "roster.no_household_column"), ("户编号,年龄\nA,40\n", "roster.no_region")] {
        let fatal = read_all(bad.as_bytes(), Options::new(Format::Csv)).expect_err("cannot be read");
        assert_eq!(fatal.code, code);
    }
    let mut gbk = b"\xbb\xa7\xb1\xe0\xba\xc5,region\n".to_vec(); // 户编号 in GBK
    gbk.extend_from_slice(b"A,150203\n");
    assert_eq!(read_all(&gbk, Options::new(Format::Csv)).unwrap_err().code, "roster.encoding");
}

#[test]
fn region_and_date_for_the_whole_roster() {
    let engine = Engine::with_shipped_packs();
    let mut opts = Options::new(Format::Csv);
    opts.region = Some("150203".into());
    opts.as_of = Some("2017-09-01".into());
    let got = read_all("户编号,年龄\nA,40\n".as_bytes(), opts).unwrap();
    let Item::Household(e) = &got[0] else { panic!() };
    let s = e.summarize(&engine).expect("evaluates with the roster's region and date");
    assert_eq!((s.region.as_str(), s.as_of.to_string().as_str()), ("150203", "2017-09-01"));
}

#[test]
fn json_lines_with_a_broken_line_and_a_bad_household() {
    let engine = Engine::with_shipped_packs();
    let good = json!({ "id": "ok", "region": "150203", "asOf": "2017-09-01", "members": [ { "id": "m1", "age": 40 } ] }).to_string();
    let bad = json!({ "id": "bad", "region": "150203", "asOf": "2017-09-01", "members": [ { "id": "m1", "age": -1 } ] }).to_string();
    let text = format!("\u{feff}{good}\r\n\n{{\"region\": \n{bad}\n{good}");
    let got = outcomes(&engine, &items(&text, Format::Jsonl));
    assert_eq!(got.len(), 4);
    assert_eq!(got[0].as_ref().unwrap().line, 1);
    let syntax = got[1].as_ref().unwrap_err();
    assert_eq!((syntax.line, syntax.errors[0].code.as_str()), (3, "json.syntax"));
    let b = got[2].as_ref().unwrap_err();
    assert_eq!((b.line, b.household.as_deref(), b.errors[0].path.as_str(), b.errors[0].line), (4, Some("bad"), "members[0].age", 4));
    assert_eq!(got[3].as_ref().unwrap().line, 5);
}

#[test]
fn any_chunking_gives_the_same_items() {
    let engine = Engine::with_shipped_packs();
    let whole: Vec<String> = outcomes(&engine, &items(EXPORT, Format::Csv)).iter().map(|o| format!("{o:?}")).collect();
    for size in [1, 2, 3, 7, 64] {
        let got = items_in_pieces(&mut Reader::new(Options::new(Format::Csv)), EXPORT.as_bytes(), size);
        let got: Vec<String> = outcomes(&engine, &got).iter().map(|o| format!("{o:?}")).collect();
        assert_eq!(got, whole, "chunks of {size}");
    }
}

/// Generated rosters as CSV (Chinese export) and as JSON Lines give the same results, one
/// thread or two.
#[test]
fn generated_csv_and_jsonl_agree() {
    let n = 300;
    let mut jsonl = String::new();
    let mut csv = format!("{}\r\n", huimin::generate::CSV_HEADER);
    for i in 0..n {
        let h = huimin::generate::household(42, i);
        jsonl.push_str(&h.to_string());
        jsonl.push('\n');
        huimin::generate::csv_rows(&h, &mut csv);
    }
    let run = |text: &str, format: Format, threads: usize| -> (Vec<Value>, String) {
        let mut out = Vec::new();
        let engine = Engine::with_shipped_packs;
        let tally =
            batch::run(text.as_bytes(), &mut out, Reader::new(Options::new(format)), Output::Jsonl { full: false }, threads, &engine, &mut |_| {}).unwrap();
        let lines = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| {
                let mut v: Value = serde_json::from_str(l).unwrap();
                v.as_object_mut().unwrap().remove("line");
                v
            })
            .collect();
        (lines, serde_json::to_string(&tally).unwrap())
    };
    let (a, ta) = run(&jsonl, Format::Jsonl, 1);
    let (b, tb) = run(&csv, Format::Csv, 1);
    let (c, tc) = run(&jsonl, Format::Jsonl, 2);
    assert_eq!(a.len(), n as usize);
    assert!(a.iter().all(|l| l.get("errors").is_none()), "every generated household evaluates");
    assert_eq!(a, b, "CSV and JSON Lines give the same results");
    assert_eq!(a, c, "two threads give the same results in the same order");
    assert_eq!((&ta, &ta), (&tb, &tc));
}

#[test]
fn csv_results_have_a_row_per_household() {
    let mut out = Vec::new();
    let engine = Engine::with_shipped_packs;
    let tally = batch::run(EXPORT.as_bytes(), &mut out, Reader::new(Options::new(Format::Csv)), Output::Csv { zh: false }, 1, &engine, &mut |_| {}).unwrap();
    let text = String::from_utf8(out).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].starts_with("line,household,region,asOf,status,perYear,once"));
    assert!(rows[1].starts_with("2,H1,150203,2017-09-01,registered_poor,"));
    assert_eq!(tally.households, 2);
    let cols = rows[0].split(',').count();
    let mut p = huimin::roster::csv::CsvParser::new();
    p.push(text.as_bytes());
    p.finish();
    while let Some(r) = p.next_record() {
        assert_eq!(r.unwrap().len(), cols);
    }
}

/// The summary taken apart from a report (the roster's path) is the one copied from it.
#[test]
fn summary_taken_from_the_report_is_the_copied_one() {
    let engine = Engine::with_shipped_packs();
    let mut compared = 0;
    for i in 0..3000 {
        let h = huimin::generate::household(2024, i);
        if let Ok(r) = engine.evaluate_value(&h) {
            let copied = serde_json::to_string(&Summary::of(1, &r)).unwrap();
            let moved = serde_json::to_string(&Summary::from_report(1, r)).unwrap();
            assert_eq!(moved, copied, "household {i}");
            compared += 1;
        }
    }
    assert!(compared > 2900);
}

/// The summary line written by hand is serde_json's bytes.
#[test]
fn summary_json_is_serdes() {
    let engine = Engine::with_shipped_packs();
    for i in 0..1500 {
        let mut h = huimin::generate::household(99, i);
        if i % 7 == 0 {
            h["id"] = json!(format!("户\"\\\n\t\u{1}\u{7f}\u{2028}{i}"));
        }
        if let Ok(r) = engine.evaluate_value(&h) {
            let s = Summary::of(i as usize + 1, &r);
            let mut mine = String::new();
            s.write_json(&mut mine);
            assert_eq!(mine, serde_json::to_string(&s).unwrap());
        }
    }
}

/// Readers sharing a roster (`set_share`) give, interleaved, exactly the items of one reader.
#[test]
fn shares_interleave_to_the_whole() {
    let engine = Engine::with_shipped_packs();
    let mut csv = format!("{}\r\n", huimin::generate::CSV_HEADER);
    for i in 0..200 {
        huimin::generate::csv_rows(&huimin::generate::household(5, i), &mut csv);
        if i % 37 == 0 {
            csv.push_str(",,,,\r\n"); // blank: no item
            csv.push_str(",150203\r\n"); // a row without a household number: an error line
        }
    }
    let jsonl: String = (0..200).map(|i| format!("{}\n{}", huimin::generate::household(6, i), if i % 41 == 0 { "{broken\n\n" } else { "" })).collect();
    for (text, format) in [(csv, Format::Csv), (jsonl, Format::Jsonl)] {
        let show = |items: Vec<Item>| -> Vec<String> { outcomes(&engine, &items).iter().map(|o| format!("{o:?}")).collect() };
        let whole = show(read_all(text.as_bytes(), Options::new(format)).unwrap());
        for n in [2, 3] {
            let parts: Vec<Vec<String>> = (0..n)
                .map(|k| {
                    let mut r = Reader::new(Options::new(format));
                    r.set_share(k, n);
                    r.push(text.as_bytes()).unwrap();
                    r.finish().unwrap();
                    let mut items = Vec::new();
                    while let Some(i) = r.next_item() {
                        items.push(i);
                    }
                    show(items)
                })
                .collect();
            let merged: Vec<String> = (0..whole.len()).map(|j| parts[j % n][j / n].clone()).collect();
            assert_eq!(merged, whole, "{format:?} in {n} shares");
            assert_eq!(parts.iter().map(Vec::len).sum::<usize>(), whole.len());
        }
    }
}

/// A household is read again from its bytes alone (`Entry::range`, what the page slices from
/// the file to show a row's full report): the same JSON, lines and report, whatever the line
/// ends, quotes, bad rows around it, BOM, defaults or pieces the file came in.
#[test]
fn every_household_reads_again_from_its_bytes() {
    let engine = Engine::with_shipped_packs();
    let mut generated_csv = format!("{}\r\n", huimin::generate::CSV_HEADER);
    let mut generated_jsonl = String::new();
    for i in 0..60 {
        let h = huimin::generate::household(9, i);
        huimin::generate::csv_rows(&h, &mut generated_csv);
        generated_jsonl.push_str(&format!("{h}{}", if i % 2 == 0 { "\r\n" } else { "\n" }));
    }
    let quoted = "户编号,地区代码,评估日期,姓名,年龄\rA,150203,2017-09-01,\"王\r\n大\",40\r\r\n,150203\nA,150203,2017-09-01,\"李\"\"二\",41\n\nB,150203,2017-09-01,赵,50";
    let split = "户编号,地区代码,评估日期,年龄\nA,150203,2017-09-01,40\nB,150203,2017-09-01,30\nA,150203,2017-09-01,42\n";
    let good = json!({ "id": "ok", "region": "150203", "asOf": "2017-09-01", "members": [ { "id": "m1", "age": 40 } ] }).to_string();
    let jsonl = format!("\u{feff}{good}\r\n\n{{\"region\": \n{good}\n{good}");
    let no_region = "户编号,年龄\nA,40\nA,41\nB,7\n".to_string();
    let mut checked = 0;
    for (text, format, defaults) in [
        (EXPORT.to_string(), Format::Csv, false),
        (quoted.to_string(), Format::Csv, false),
        (split.to_string(), Format::Csv, false),
        (no_region, Format::Csv, true),
        (generated_csv, Format::Csv, false),
        (jsonl, Format::Jsonl, false),
        (generated_jsonl, Format::Jsonl, true),
    ] {
        let bytes = text.as_bytes();
        for size in [1, 7, 4096] {
            let mut opts = Options::new(format);
            if defaults {
                opts.region = Some("150203".into());
                opts.as_of = Some("2017-09-01".into());
            }
            let mut r = Reader::new(opts);
            let got = items_in_pieces(&mut r, bytes, size);
            let households: Vec<_> = got.iter().filter_map(|i| if let Item::Household(e) = i { Some(e) } else { None }).collect();
            assert!(!households.is_empty());
            for e in households {
                let (start, end) = (e.range.0 as usize, e.range.1 as usize);
                let again = r
                    .reread((e.line, e.range), &bytes[start..end])
                    .unwrap_or_else(|| panic!("line {} of {format:?} reads again from {:?}", e.line, &text[start..end]));
                assert_eq!((again.line, again.json_text()), (e.line, e.json_text()), "{:?}", &text[start..end]);
                assert!(
                    again.json_text().is_some() || text[start..end].starts_with("{\"region\": "),
                    "only the broken line has no JSON: {:?}",
                    &text[start..end]
                );
                if let Ok(report) = e.evaluate(&engine) {
                    assert_eq!(format!("{:?}", again.evaluate(&engine)), format!("{:?}", Ok::<_, RosterError>(report)));
                }
                assert!(r.reread((e.line, e.range), &bytes[start..end.saturating_sub(1)]).is_none(), "bytes of another length are refused");
                checked += 1;
            }
        }
    }
    assert!(checked > 390, "{checked}");
}
