//! Calendar dates (YYYY-MM-DD): policies are dated, households are evaluated as of a date.

use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar date (proleptic Gregorian), ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, 1900–2200 when parsed.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31 (a real day of its month).
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD` with a real day of the month (leap years included), years 1900-2200.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if !(1900..=2200).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day < 1 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year: year as u16, month: month as u8, day: day as u8 })
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// `YYYY-MM-DD` (a year beyond 9999 never parses; written modulo 10,000 if built so).
    fn ascii(&self) -> [u8; 10] {
        let d = |n: u16| b'0' + (n % 10) as u8;
        let (y, m, day) = (self.year, u16::from(self.month), u16::from(self.day));
        [d(y / 1000), d(y / 100), d(y / 10), d(y), b'-', d(m / 10), d(m), b'-', d(day / 10), d(day)]
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(std::str::from_utf8(&self.ascii()).map_err(|_| fmt::Error)?)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(&self.ascii()) {
            Ok(text) => s.serialize_str(text),
            Err(_) => s.collect_str(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn real_days_only() {
        assert!(Date::parse("2020-02-29").is_some());
        assert!(Date::parse("2019-02-29").is_none());
        assert!(Date::parse("2017-13-01").is_none());
        assert!(Date::parse("2017-9-01").is_none());
        assert!(Date::parse("２０１7-09-01").is_none());
        assert!(Date::parse("2017-09-01").unwrap() < Date::parse("2017-09-02").unwrap());
    }
}
