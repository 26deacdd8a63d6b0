//! The roster line reader: arbitrary bytes as a CSV or JSON Lines roster, pushed in chunks of a
//! size the input chooses. Never a panic; every bad line is an error entry with located errors;
//! every household entry evaluates to a report or errors; the chunking does not change the items.
#![no_main]

use huimin::roster::{read_all, Format, Item, Options, Reader};
use huimin::Engine;
use libfuzzer_sys::fuzz_target;

thread_local! {
    static ENGINE: Engine = Engine::with_shipped_packs();
}

fn summary(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .map(|i| match i {
            Item::Household(e) => format!("household line {} {:?} {:?}", e.line, e.household, e.json_text()),
            Item::Error(e) => format!("error {e:?}"),
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((&head, body)) = data.split_first() else { return };
    let format = if head & 1 == 0 { Format::Csv } else { Format::Jsonl };
    let chunk = 1 + (head as usize >> 1);
    let mut opts = Options::new(format);
    if head & 0x80 != 0 {
        opts.region = Some("150203".into());
        opts.as_of = Some("2017-09-01".into());
    }
    let whole = read_all(body, opts.clone());

    let mut reader = Reader::new(opts);
    let mut items = Vec::new();
    let mut fatal = None;
    for piece in body.chunks(chunk) {
        if let Err(f) = reader.push(piece) {
            fatal = Some(f);
            break;
        }
        while let Some(i) = reader.next_item() {
            items.push(i);
        }
    }
    if fatal.is_none() {
        if let Err(f) = reader.finish() {
            fatal = Some(f);
        }
        while let Some(i) = reader.next_item() {
            items.push(i);
        }
    }
    match (&whole, &fatal) {
        (Ok(all), None) => assert_eq!(summary(all), summary(&items), "chunks of {chunk} read differently"),
        (Err(a), Some(b)) => assert_eq!(a.code, b.code),
        _ => panic!("read whole: {:?}; in chunks of {chunk}: fatal {:?}", whole.as_ref().map(|v| v.len()), fatal),
    }

    ENGINE.with(|engine| {
        for item in &items {
            match item {
                Item::Household(e) => {
                    match e.evaluate(engine) {
                        Ok(r) => {
                            serde_json::to_string(&r).expect("a report serializes");
                        }
                        Err(err) => assert!(!err.errors.is_empty(), "an error entry without errors"),
                    }
                    let _ = e.summarize(engine);
                }
                Item::Error(err) => {
                    assert!(!err.errors.is_empty(), "an error entry without errors");
                    for l in &err.errors {
                        assert!(!l.code.is_empty() && !l.zh.is_empty() && !l.en.is_empty());
                    }
                }
            }
        }
    });
});
