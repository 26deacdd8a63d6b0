//! The decimal and money readers, directly: arbitrary text as a JSON string and (where it parses)
//! as a JSON number. Never a panic; what is accepted is within the documented limits.
#![no_main]

use huimin::money::{fmt_money, max_amount, read_decimal, read_money, round_fen};
use libfuzzer_sys::fuzz_target;
use huimin::json::Json;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let mut values = vec![Json::String(s.into())];
    if let Ok(v) = Json::parse(s) {
        values.push(v);
    }
    for v in values {
        if let Ok(d) = read_money(&v) {
            assert!(!d.is_sign_negative() || d.is_zero(), "negative money {d} from {s:?}");
            assert!(d <= max_amount(), "money {d} above the limit from {s:?}");
            assert!(d.normalize().scale() <= 2, "money {d} with more than two decimals from {s:?}");
            let shown = fmt_money(d);
            assert!(!shown.starts_with('-') && shown.split('.').nth(1).map(str::len) == Some(2), "{shown}");
        }
        if let Ok(d) = read_decimal(&v) {
            assert!(!d.is_sign_negative() || d.is_zero(), "negative decimal {d} from {s:?}");
            // The fast formatter writes what Decimal's own Display writes after rounding to the fen.
            let mut want = round_fen(d);
            want.rescale(2);
            assert_eq!(fmt_money(d), want.to_string(), "fmt_money({d}) from {s:?}");
            for k in [2u32, 3, 7, 12, 1000] {
                if let Some(p) = d.checked_mul(rust_decimal::Decimal::from(k)) {
                    let mut want = round_fen(p);
                    want.rescale(2);
                    assert_eq!(fmt_money(p), want.to_string(), "fmt_money({p})");
                }
            }
        }
    }
});
