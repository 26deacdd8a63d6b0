//! Reading JSON documents field by field, with a path for every problem. Households and packs are
//! read from `serde_json::Value` by hand rather than by derive, so that every problem is reported
//! at once (unknown fields, wrong types, ranges) instead of stopping at the first.

use crate::money::{read_decimal, read_money, DecimalError};
use crate::problem::Problems;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// The longest string accepted in a household or a pack (names, ids, quotes are shorter).
pub const MAX_STRING: usize = 200;
/// The longest quoted sentence or description in a pack.
pub const MAX_TEXT: usize = 2000;

/// `path` + `.key`, or `path["key"]` when the key is not a plain identifier.
pub fn key_path(path: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key.len() <= 64
        && key.bytes().enumerate().all(|(i, c)| c.is_ascii_alphabetic() || c == b'_' || (i > 0 && c.is_ascii_digit()));
    if plain {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    } else {
        let shown: String = key.chars().take(64).collect();
        format!("{path}[{}]", serde_json::Value::String(shown))
    }
}

pub fn index_path(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// A JSON type name for messages.
pub fn type_name(v: &Value) -> (&'static str, &'static str) {
    match v {
        Value::Null => ("空值", "null"),
        Value::Bool(_) => ("布尔值", "a boolean"),
        Value::Number(_) => ("数字", "a number"),
        Value::String(_) => ("字符串", "a string"),
        Value::Array(_) => ("数组", "an array"),
        Value::Object(_) => ("对象", "an object"),
    }
}

pub fn wrong_type(p: &mut Problems, path: &str, v: &Value, want_zh: &str, want_en: &str) {
    let (zh, en) = type_name(v);
    p.add("field.type", path, format!("应为{want_zh},实为{zh}"), format!("expected {want_en}, found {en}"));
}

/// An object being read: remembers which keys were asked for, so the rest are reported unknown.
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    pub path: String,
    known: Vec<&'static str>,
}

impl<'a> Obj<'a> {
    /// Opens `v` as an object, or reports that it is not one.
    pub fn open(v: &'a Value, path: &str, p: &mut Problems) -> Option<Obj<'a>> {
        match v {
            Value::Object(map) => Some(Obj { map, path: path.to_string(), known: Vec::new() }),
            other => {
                wrong_type(p, path, other, "对象", "an object");
                None
            }
        }
    }

    pub fn at(&self, key: &str) -> String {
        key_path(&self.path, key)
    }

    /// The value of `key`; `null` counts as absent.
    pub fn get(&mut self, key: &'static str) -> Option<&'a Value> {
        self.known.push(key);
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// Like `get`, reporting `field.required` when absent.
    pub fn require(&mut self, key: &'static str, p: &mut Problems) -> Option<&'a Value> {
        let v = self.get(key);
        if v.is_none() {
            p.add("field.required", &self.at(key), format!("缺少必填项 {key}"), format!("{key} is required"));
        }
        v
    }

    pub fn string(&mut self, key: &'static str, required: bool, max: usize, p: &mut Problems) -> Option<&'a str> {
        let v = if required { self.require(key, p)? } else { self.get(key)? };
        // The common case first: the path is only made for a problem (bytes ≤ max ⇒ chars ≤ max).
        if let Value::String(s) = v {
            if s.len() <= max {
                return Some(s);
            }
        }
        let path = self.at(key);
        string_value(v, &path, max, p)
    }

    pub fn boolean(&mut self, key: &'static str, p: &mut Problems) -> Option<bool> {
        let v = self.get(key)?;
        match v {
            Value::Bool(b) => Some(*b),
            other => {
                wrong_type(p, &self.at(key), other, "true 或 false", "true or false");
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

    pub fn money(&mut self, key: &'static str, required: bool, p: &mut Problems) -> Option<Decimal> {
        let v = if required { self.require(key, p)? } else { self.get(key)? };
        if let Ok(d) = read_money(v) {
            return Some(d);
        }
        let path = self.at(key);
        money_value(v, &path, p)
    }

    pub fn array(&mut self, key: &'static str, required: bool, max: usize, p: &mut Problems) -> Option<&'a Vec<Value>> {
        let v = if required { self.require(key, p)? } else { self.get(key)? };
        if let Value::Array(items) = v {
            if items.len() <= max {
                return Some(items);
            }
        }
        let path = self.at(key);
        match v {
            Value::Array(items) if items.len() > max => {
                p.add("list.too_long", &path, format!("最多{max}项,实有{}项", items.len()), format!("at most {max} items, found {}", items.len()));
                None
            }
            Value::Array(items) => Some(items),
            other => {
                wrong_type(p, &path, other, "数组", "an array");
                None
            }
        }
    }

    /// Reports every key that was never asked for.
    pub fn finish(self, p: &mut Problems) {
        for key in self.map.keys() {
            if !self.known.iter().any(|k| k == key) {
                p.add("field.unknown", &key_path(&self.path, key), format!("未知字段 {}", short(key)), format!("unknown field {}", short(key)));
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

pub fn string_value<'a>(v: &'a Value, path: &str, max: usize, p: &mut Problems) -> Option<&'a str> {
    match v {
        Value::String(s) if s.chars().count() > max => {
            p.add("string.too_long", path, format!("文字过长(最多{max}字)"), format!("text too long (at most {max} characters)"));
            None
        }
        Value::String(s) => Some(s),
        other => {
            wrong_type(p, path, other, "字符串", "a string");
            None
        }
    }
}

pub fn whole_value(v: &Value, path: &str, lo: u64, hi: u64, p: &mut Problems) -> Option<u64> {
    let n = match v {
        // 45 and 45.0 are whole numbers; 45.5 and -1 are not.
        Value::Number(n) => n.to_string().parse::<Decimal>().ok().filter(|d| d.fract().is_zero() && !d.is_sign_negative()).and_then(|d| d.to_u64()),
        other => {
            wrong_type(p, path, other, "整数", "a whole number");
            return None;
        }
    };
    match n {
        Some(n) if (lo..=hi).contains(&n) => Some(n),
        _ => {
            p.add("number.range", path, format!("须为{lo}到{hi}之间的整数"), format!("must be a whole number from {lo} to {hi}"));
            None
        }
    }
}

pub fn money_value(v: &Value, path: &str, p: &mut Problems) -> Option<Decimal> {
    match read_money(v) {
        Ok(d) => Some(d),
        Err(e) => {
            decimal_problem(p, path, e, true);
            None
        }
    }
}

/// A decimal without the money limits on decimals (rates, factors); still ≥ 0 and bounded.
pub fn decimal_value(v: &Value, path: &str, p: &mut Problems) -> Option<Decimal> {
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
    match e {
        DecimalError::NotANumber => p.add(
            "money.invalid",
            path,
            "不是有效的数字(应写作如 \"1500.00\" 的十进制数)",
            "not a valid number (write a decimal such as \"1500.00\")",
        ),
        DecimalError::Negative => p.add("money.negative", path, "金额不能为负数", "must not be negative"),
        DecimalError::TooManyDecimals if money => p.add("money.precision", path, "金额最多保留两位小数(到分)", "at most two decimals (to the fen)"),
        DecimalError::TooManyDecimals => p.add("money.precision", path, "小数位数过多", "too many decimals"),
        DecimalError::TooLarge => p.add("money.too_large", path, "数额超过上限 100000000", "larger than the limit of 100000000"),
    }
}
