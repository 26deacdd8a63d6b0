//! Reading JSON documents field by field, with a path for every problem. Households and packs are
//! read from JSON by hand rather than by derive, so that every problem is reported
//! at once (unknown fields, wrong types, ranges) instead of stopping at the first. The JSON is
//! `crate::json::Json`, which borrows from the text.

use crate::json::{Json, Map};
use crate::message;
use crate::money::{read_decimal, read_money, DecimalError};
use crate::msg;
use crate::problem::Problems;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// The longest string accepted in a household or a pack (names, ids, quotes are shorter).
pub const MAX_STRING: usize = 200;
/// The longest quoted sentence or description in a pack.
pub const MAX_TEXT: usize = 2000;

/// `path` + `.key`, or `path["key"]` when the key is not a plain identifier.
pub fn key_path(path: &str, key: &str) -> String {
    let plain =
        !key.is_empty() && key.len() <= 64 && key.bytes().enumerate().all(|(i, c)| c.is_ascii_alphabetic() || c == b'_' || (i > 0 && c.is_ascii_digit()));
    if plain {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    } else {
        let shown: String = key.chars().take(64).collect();
        {
            let mut s = format!("{path}[");
            crate::json::write_str(&mut s, &shown);
            s.push(']');
            s
        }
    }
}

/// `path` + `[i]`.
pub fn index_path(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// A JSON path, made into text only when a problem names it (most documents have none).
#[derive(Debug, Clone, Copy)]
pub enum Path<'p> {
    /// A path already made (`""` for the whole document).
    Text(&'p str),
    /// A member of the object at a path.
    Key(&'p Path<'p>, &'static str),
    /// An element of the array at a path.
    Index(&'p Path<'p>, usize),
}

impl Path<'_> {
    /// The path as text (`members[1].age`).
    pub fn text(&self) -> String {
        match self {
            Path::Text(s) => s.to_string(),
            Path::Key(parent, key) => key_path(&parent.text(), key),
            Path::Index(parent, i) => index_path(&parent.text(), *i),
        }
    }
}

impl<'p> From<&'p str> for Path<'p> {
    fn from(s: &'p str) -> Path<'p> {
        Path::Text(s)
    }
}

impl<'p> From<&'p String> for Path<'p> {
    fn from(s: &'p String) -> Path<'p> {
        Path::Text(s)
    }
}

/// A JSON value's kind, as the catalogues name it (`json-…`).
pub fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

/// `field.type`: the value at `path` is not of the kind wanted (`object`, `array`, `string`,
/// `boolean`, `whole`).
pub fn wrong_type(p: &mut Problems, path: &str, v: &Json, want: &'static str) {
    p.msg(path, msg!("field.type", field = message::field(path), want = message::vocab("json", want), found = message::vocab("json", type_name(v))));
}

/// An object being read: remembers which members were asked for, so the rest are reported unknown.
pub struct Obj<'a, 'p> {
    map: &'a Map<'a>,
    path: Path<'p>,
    /// Which members were asked for, by position (the first 128), and past those by name.
    asked: u128,
    asked_beyond: Vec<&'static str>,
}

impl<'a, 'p> Obj<'a, 'p> {
    /// Opens `v` as an object, or reports that it is not one.
    pub fn open(v: &'a Json<'a>, path: impl Into<Path<'p>>, p: &mut Problems) -> Option<Obj<'a, 'p>> {
        let path = path.into();
        match v {
            Json::Object(map) => Some(Obj { map, path, asked: 0, asked_beyond: Vec::new() }),
            other => {
                wrong_type(p, &path.text(), other, "object");
                None
            }
        }
    }

    /// This object's path, as text.
    pub fn path(&self) -> String {
        self.path.text()
    }

    /// The path of this object's member `key`, as text.
    pub fn at(&self, key: &str) -> String {
        key_path(&self.path.text(), key)
    }

    /// The value of `key`; `null` counts as absent.
    pub fn get(&mut self, key: &'static str) -> Option<&'a Json<'a>> {
        let at = self.map.0.iter().rposition(|(k, _)| k == key);
        match at {
            Some(i) if i < 128 => self.asked |= 1 << i,
            Some(_) => self.asked_beyond.push(key),
            None => {}
        }
        match at.map(|i| &self.map.0[i].1) {
            None | Some(Json::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// Like `get`, reporting `field.required` when absent.
    pub fn require(&mut self, key: &'static str, p: &mut Problems) -> Option<&'a Json<'a>> {
        let v = self.get(key);
        if v.is_none() {
            p.msg(&self.at(key), msg!("field.required", field = message::field(key)));
        }
        v
    }

    /// The string `key` (reported: missing when required, not a string, longer than `max` characters).
    pub fn string(&mut self, key: &'static str, required: bool, max: usize, p: &mut Problems) -> Option<&'a str> {
        let v = if required { self.require(key, p)? } else { self.get(key)? };
        // The common case first: the path is only made for a problem (bytes ≤ max ⇒ chars ≤ max).
        if let Json::String(s) = v {
            if s.len() <= max {
                return Some(s);
            }
        }
        let path = self.at(key);
        string_value(v, &path, max, p)
    }

    /// The boolean `key`, when present (reported: not a boolean).
    pub fn boolean(&mut self, key: &'static str, p: &mut Problems) -> Option<bool> {
        let v = self.get(key)?;
        match v {
            Json::Bool(b) => Some(*b),
            other => {
                wrong_type(p, &self.at(key), other, "boolean");
                None
            }
        }
    }

    /// A whole number in `lo..=hi`.
    pub fn whole(&mut self, key: &'static str, required: bool, lo: u64, hi: u64, p: &mut Problems) -> Option<u64> {
        let v = if required { self.require(key, p)? } else { self.get(key)? };
        if let Some(n) = v.as_u64().filter(|n| (lo..=hi).contains(n)) {
            return Some(n);
        }
        let path = self.at(key);
        whole_value(v, &path, lo, hi, p)
    }

    /// The amount of money `key` (reported: missing when required, not a decimal, negative, more than two decimals, over 100000000).
    pub fn money(&mut self, key: &'static str, required: bool, p: &mut Problems) -> Option<Decimal> {
        let v = if required { self.require(key, p)? } else { self.get(key)? };
        if let Ok(d) = read_money(v) {
            return Some(d);
        }
        let path = self.at(key);
        money_value(v, &path, p)
    }

    /// The array `key` (reported: missing when required, not an array, more than `max` items).
    pub fn array(&mut self, key: &'static str, required: bool, max: usize, p: &mut Problems) -> Option<&'a Vec<Json<'a>>> {
        let v = if required { self.require(key, p)? } else { self.get(key)? };
        if let Json::Array(items) = v {
            if items.len() <= max {
                return Some(items);
            }
        }
        let path = self.at(key);
        match v {
            Json::Array(items) if items.len() > max => {
                p.msg(&path, msg!("list.too_long", field = message::field(key), max = message::count(max), found = message::count(items.len())));
                None
            }
            Json::Array(items) => Some(items),
            other => {
                wrong_type(p, &path, other, "array");
                None
            }
        }
    }

    /// Reports every key that was never asked for.
    pub fn finish(self, p: &mut Problems) {
        // Nearly always every key was asked for: then nothing is sorted or made.
        let n = self.map.len();
        let all = match n {
            0 => true,
            1..=128 => self.asked == u128::MAX >> (128 - n),
            _ => false,
        };
        if all {
            return;
        }
        let members = &self.map.0;
        let asked =
            |key: &str| members.iter().take(128).enumerate().any(|(i, (k, _))| self.asked >> i & 1 == 1 && k == key) || self.asked_beyond.contains(&key);
        for (key, _) in self.map.sorted() {
            if !asked(key) {
                p.msg(&self.at(key), msg!("field.unknown", name = message::text(&short(key))));
            }
        }
    }
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    t
}

/// `v` as a string of at most `max` characters, or the problem reported at `path`.
pub fn string_value<'a>(v: &'a Json<'a>, path: &str, max: usize, p: &mut Problems) -> Option<&'a str> {
    match v {
        Json::String(s) if s.chars().count() > max => {
            p.msg(path, msg!("string.too_long", field = message::field(path), max = message::count(max)));
            None
        }
        Json::String(s) => Some(s),
        other => {
            wrong_type(p, path, other, "string");
            None
        }
    }
}

/// `v` as a whole number in `lo..=hi`, or the problem reported at `path`.
pub fn whole_value(v: &Json, path: &str, lo: u64, hi: u64, p: &mut Problems) -> Option<u64> {
    let n = match v {
        // 45 and 45.0 are whole numbers; 45.5 and -1 are not.
        Json::Number(n) => n.parse::<Decimal>().ok().filter(|d| d.fract().is_zero() && !d.is_sign_negative()).and_then(|d| d.to_u64()),
        other => {
            wrong_type(p, path, other, "whole");
            return None;
        }
    };
    match n {
        Some(n) if (lo..=hi).contains(&n) => Some(n),
        _ => {
            p.msg(path, msg!("number.range", field = message::field(path), min = message::count(lo), max = message::count(hi)));
            None
        }
    }
}

/// `v` as an amount of money, or the problem reported at `path`.
pub fn money_value(v: &Json, path: &str, p: &mut Problems) -> Option<Decimal> {
    match read_money(v) {
        Ok(d) => Some(d),
        Err(e) => {
            decimal_problem(p, path, e, true);
            None
        }
    }
}

/// A JSON array of at most `max` amounts (the what-if curve's incomes), each read as a household's
/// money is; every problem at once, at `name[i]`.
pub fn money_list(text: &str, name: &'static str, max: usize) -> Result<Vec<Decimal>, Problems> {
    let mut p = Problems::new();
    let v = match Json::parse(text) {
        Ok(v) => v,
        Err(e) => {
            p.msg(name, msg!("json.syntax", line = message::count(e.line), column = message::count(e.column)));
            return Err(p);
        }
    };
    let Json::Array(items) = &v else {
        wrong_type(&mut p, name, &v, "array");
        return Err(p);
    };
    if items.len() > max {
        p.msg(name, msg!("list.too_long", field = message::field(name), max = message::count(max), found = message::count(items.len())));
        return Err(p);
    }
    let list: Vec<Decimal> = items.iter().enumerate().filter_map(|(i, item)| money_value(item, &index_path(name, i), &mut p)).collect();
    if p.is_empty() {
        Ok(list)
    } else {
        Err(p)
    }
}

/// A decimal without the money limits on decimals (rates, factors); still ≥ 0 and bounded.
pub fn decimal_value(v: &Json, path: &str, p: &mut Problems) -> Option<Decimal> {
    match read_decimal(v) {
        Ok(d) if d > crate::money::max_amount() => {
            decimal_problem(p, path, DecimalError::TooLarge, false);
            None
        }
        Ok(d) => Some(d),
        Err(e) => {
            decimal_problem(p, path, e, false);
            None
        }
    }
}

fn decimal_problem(p: &mut Problems, path: &str, e: DecimalError, money: bool) {
    let field = message::field(path);
    let m = match e {
        DecimalError::NotANumber => msg!("money.invalid", field = field),
        DecimalError::Negative => msg!("money.negative", field = field),
        DecimalError::TooManyDecimals => msg!("money.precision", field = field, money = message::yes_no(money)),
        DecimalError::TooLarge => msg!("money.too_large", field = field),
    };
    p.msg(path, m);
}
