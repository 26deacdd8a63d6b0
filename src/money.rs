//! Money and other exact decimals. Money is `Decimal`, never a float: read from a decimal string
//! (or a JSON number, read from its digits), computed with checked arithmetic, rounded half-up
//! (四舍五入) to the fen where the policy rounds.

use crate::json::Json;
use rust_decimal::prelude::*;
use rust_decimal::RoundingStrategy;

/// The largest amount accepted in a household or a pack: 100 million yuan.
pub fn max_amount() -> Decimal {
    Decimal::from(100_000_000u32)
}

/// Why a decimal could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalError {
    /// Not a plain decimal (a sign other than a leading minus, spaces, letters, an empty part).
    NotANumber,
    /// Below zero.
    Negative,
    /// More decimals than can be read (twelve, or an exponent that moves the point past them).
    TooManyDecimals,
    /// Too many digits before the point (or an exponent past twelve).
    TooLarge,
}

/// Reads a decimal from a string (`"1500"`, `"1500.50"`) or a JSON number (read from its digits,
/// exponent allowed). Strings must be plain: optional digits, one point, no sign, no spaces.
pub fn read_decimal(v: &Json) -> Result<Decimal, DecimalError> {
    match v {
        Json::String(s) => parse_plain(s),
        Json::Number(n) => parse_number(n),
        _ => Err(DecimalError::NotANumber),
    }
}

fn parse_plain(s: &str) -> Result<Decimal, DecimalError> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let mut parts = body.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return Err(DecimalError::NotANumber);
    }
    // More than 40 significant characters cannot be an amount we accept; refuse before parsing.
    if int.trim_start_matches('0').len() > 12 {
        return Err(if neg { DecimalError::Negative } else { DecimalError::TooLarge });
    }
    if frac.is_some_and(|f| f.len() > 12) {
        return Err(DecimalError::TooManyDecimals);
    }
    let d = Decimal::from_str(body).map_err(|_| DecimalError::NotANumber)?;
    if neg && !d.is_zero() {
        return Err(DecimalError::Negative);
    }
    Ok(d)
}

fn parse_number(s: &str) -> Result<Decimal, DecimalError> {
    // A JSON number with an exponent (1.5e3): the mantissa read exactly, then the point moved.
    // (By hand rather than `Decimal::from_scientific`, which is large in WebAssembly.)
    let Some((mantissa, exp)) = s.split_once(['e', 'E']) else { return parse_plain(s) };
    let exp: i32 = exp.strip_prefix('+').unwrap_or(exp).parse().map_err(|_| DecimalError::TooLarge)?;
    let neg = mantissa.starts_with('-');
    let mut d = parse_plain(mantissa.trim_start_matches('-')).map_err(|e| {
        if e == DecimalError::TooManyDecimals {
            DecimalError::TooManyDecimals
        } else {
            DecimalError::NotANumber
        }
    })?;
    if exp > 12 {
        return Err(DecimalError::TooLarge);
    }
    if exp < -12 {
        return if d.is_zero() { Ok(Decimal::ZERO) } else { Err(DecimalError::TooManyDecimals) };
    }
    if exp >= 0 {
        for _ in 0..exp {
            d = d.checked_mul(Decimal::TEN).ok_or(DecimalError::TooLarge)?;
        }
    } else {
        let scale = d.scale() + exp.unsigned_abs();
        if scale > 24 {
            return Err(DecimalError::TooManyDecimals);
        }
        d.set_scale(scale).map_err(|_| DecimalError::TooManyDecimals)?;
    }
    if neg && !d.is_zero() {
        return Err(DecimalError::Negative);
    }
    Ok(d.normalize())
}

/// Reads an amount of money: at most two decimals, 0 ≤ amount ≤ 100 million.
pub fn read_money(v: &Json) -> Result<Decimal, DecimalError> {
    let d = read_decimal(v)?;
    if d.normalize().scale() > 2 {
        return Err(DecimalError::TooManyDecimals);
    }
    if d > max_amount() {
        return Err(DecimalError::TooLarge);
    }
    Ok(d)
}

/// Rounds half-up (away from zero; amounts are never negative) to the fen.
pub fn round_fen(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Formats an amount as a string with exactly two decimals, rounding half-up.
pub fn fmt_money(d: Decimal) -> String {
    let mut s = String::with_capacity(16);
    push_money(&mut s, d);
    s
}

/// `fmt_money` written onto `out`.
pub fn push_money(out: &mut String, d: Decimal) {
    // From the fen as a whole number, digit by digit: the same text as `Decimal`'s Display after
    // rounding to the fen (tested), many times faster (a report formats every amount it shows).
    // Amounts with at most two decimals (nearly all) need no rounding and no rescaling.
    let (fen, negative) = if d.scale() <= 2 {
        (10u128.pow(2 - d.scale()).checked_mul(d.mantissa().unsigned_abs()), d.is_sign_negative())
    } else {
        let mut r = round_fen(d);
        r.rescale(2);
        ((r.scale() == 2).then(|| r.mantissa().unsigned_abs()), r.is_sign_negative())
    };
    let Some(mut v) = fen.filter(|&f| f <= u64::MAX as u128) else {
        let mut r = round_fen(d);
        r.rescale(2);
        out.push_str(&r.to_string());
        return;
    };
    let mut buf = [0u8; 48];
    let mut i = buf.len();
    for _ in 0..2 {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    i -= 1;
    buf[i] = b'.';
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if negative {
        i -= 1;
        buf[i] = b'-';
    }
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

/// Formats a rate as a percentage for explanations: 0.5 → "50%", 0.125 → "12.5%".
pub fn fmt_percent(rate: Decimal) -> String {
    match rate.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", p.normalize()),
        None => format!("{}", rate.normalize()),
    }
}

/// Formats a plain decimal without trailing zeros (factors, counts, ages).
pub fn fmt_plain(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Checked arithmetic that reports overflow as `None`; callers turn it into a problem, never a panic.
pub fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
}
/// `a + b`, or `None` on overflow.
pub fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}
/// `a - b`, or `None` on overflow.
pub fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_sub(b)
}
/// `a / b`, or `None` when `b` is zero or on overflow.
pub fn div(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        None
    } else {
        a.checked_div(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn half_a_fen_rounds_up() {
        assert_eq!(fmt_money(d("0.005")), "0.01");
        assert_eq!(fmt_money(d("0.004999")), "0.00");
        assert_eq!(fmt_money(d("2.675")), "2.68");
        assert_eq!(fmt_money(d("1100")), "1100.00");
    }

    #[test]
    fn money_text_is_decimal_display() {
        let mut samples = vec![Decimal::ZERO, -Decimal::ZERO, d("0.005"), d("-0.005"), d("-0.004"), d("99999999.995"), d("100000000"), d("-12.3"), d("0.1")];
        let mut x: u64 = 12345;
        for _ in 0..5000 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            samples.push(Decimal::new((x >> 20) as i64 % 10_000_000_000, ((x >> 8) % 6) as u32));
            samples.push(-Decimal::new((x >> 24) as i64 % 1_000_000, ((x >> 4) % 4) as u32));
        }
        for v in samples {
            let mut r = round_fen(v);
            r.rescale(2);
            assert_eq!(fmt_money(v), r.to_string(), "{v:?}");
        }
    }

    #[test]
    fn reads_strings_and_numbers_exactly() {
        assert_eq!(read_money(&Json::String("9600.00".into())), Ok(d("9600")));
        assert_eq!(read_money(&Json::parse("9600.1").unwrap()), Ok(d("9600.1")));
        assert_eq!(read_money(&Json::parse("0.1").unwrap()), Ok(d("0.1")));
        assert_eq!(read_money(&Json::String("12.345".into())), Err(DecimalError::TooManyDecimals));
        assert_eq!(read_money(&Json::String("-5".into())), Err(DecimalError::Negative));
        assert_eq!(read_money(&Json::String("abc".into())), Err(DecimalError::NotANumber));
        assert_eq!(read_money(&Json::String(" 5".into())), Err(DecimalError::NotANumber));
        assert_eq!(read_money(&Json::String("NaN".into())), Err(DecimalError::NotANumber));
        assert_eq!(read_money(&Json::String("1.".into())), Err(DecimalError::NotANumber));
        assert_eq!(read_money(&Json::String("100000000.01".into())), Err(DecimalError::TooLarge));
        assert_eq!(read_money(&Json::parse("1e30").unwrap()), Err(DecimalError::TooLarge));
        assert_eq!(read_money(&Json::parse("1.5e3").unwrap()), Ok(d("1500")));
        assert_eq!(read_money(&Json::parse("15E-1").unwrap()), Ok(d("1.5")));
        assert_eq!(read_money(&Json::parse("1e-3").unwrap()), Err(DecimalError::TooManyDecimals));
        assert_eq!(read_money(&Json::parse("-2e2").unwrap()), Err(DecimalError::Negative));
        assert_eq!(read_decimal(&Json::parse("5e-1").unwrap()), Ok(d("0.5")));
        assert_eq!(read_money(&Json::String("99999999999999999999999999999999".into())), Err(DecimalError::TooLarge));
        assert_eq!(read_money(&Json::Bool(true)), Err(DecimalError::NotANumber));
    }
}
