//! JSON read into a tree that borrows from the text: households, roster lines and packs.
//!
//! `serde_json::Value` allocates a `String` for every key, string and (with arbitrary precision)
//! number, and a B-tree per object; for a household that was a third of a roster line's time.
//! Here a string without escapes and every number stay slices of the input. The grammar is
//! serde_json's (RFC 8259, nesting at most 127 deep); on a syntax error serde_json reads the text
//! again for its message, so the line and column reported are the same as before.
//!
//! Objects behave as serde_json's maps where it shows: a repeated key's last value counts, and
//! iteration is in key order with each key once.

use std::borrow::Cow;

/// A JSON value borrowing from its text (`Cow::Owned` for a string with escapes, or one built).
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number as written (its digits read exactly later, never through a float).
    Number(Cow<'a, str>),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array, in order.
    Array(Vec<Json<'a>>),
    /// An object, its members in the order written.
    Object(Map<'a>),
}

/// An object's members in the order written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Map<'a>(pub Vec<(Cow<'a, str>, Json<'a>)>);

impl<'a> Map<'a> {
    /// A map with room for `n` keys (one allocation where pushes would grow it several times).
    pub fn with_capacity(n: usize) -> Map<'a> {
        Map(Vec::with_capacity(n))
    }

    /// An empty map.
    pub fn new() -> Map<'a> {
        Map(Vec::new())
    }

    /// The value of `key` (the last, if repeated).
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets `key`, replacing its value if present.
    pub fn insert(&mut self, key: impl Into<Cow<'a, str>>, value: Json<'a>) {
        let key = key.into();
        match self.0.iter_mut().rev().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    /// Adds `key`, which the caller knows is not there yet.
    pub fn push(&mut self, key: impl Into<Cow<'a, str>>, value: Json<'a>) {
        self.0.push((key.into(), value));
    }

    /// How many members were written (a repeated key counts each time).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when the object has no members.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The members in key order, each key once with its last value (as a serde_json map).
    pub fn sorted(&self) -> Vec<(&str, &Json<'a>)> {
        let mut v: Vec<(&str, &Json<'a>)> = self.0.iter().map(|(k, v)| (&**k, v)).collect();
        // By key, stable: of a repeated key, the last written is the one kept.
        crate::table::merge_sort_by(&mut v, |a, b| a.0 < b.0);
        let mut out: Vec<(&str, &Json<'a>)> = Vec::with_capacity(v.len());
        for (k, val) in v {
            match out.last_mut() {
                Some(last) if last.0 == k => last.1 = val,
                _ => out.push((k, val)),
            }
        }
        out
    }
}

impl<'a> Json<'a> {
    /// Reads JSON text. On an error, its line and column (1-based) as serde_json gives them.
    pub fn parse(text: &'a str) -> Result<Json<'a>, SyntaxError> {
        let mut p = Parser { s: text.as_bytes(), text, at: 0 };
        let v = p.value(0).and_then(|v| {
            p.space();
            if p.at == p.s.len() {
                Some(v)
            } else {
                None
            }
        });
        v.ok_or_else(|| SyntaxError::of(text, p.at))
    }

    /// The value of `key` when this is an object (the last, if repeated); `None` otherwise.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(m) => m.get(key),
            _ => None,
        }
    }

    /// The string, when this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The members, when this is an object.
    pub fn as_object(&self) -> Option<&Map<'a>> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }

    /// True for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// A number written as a plain non-negative integer that fits a u64 (as serde_json's).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) if n.bytes().all(|c| c.is_ascii_digit()) => n.parse().ok(),
            _ => None,
        }
    }

    /// An owned copy, free of the text it was read from.
    pub fn into_owned(self) -> Json<'static> {
        match self {
            Json::Null => Json::Null,
            Json::Bool(b) => Json::Bool(b),
            Json::Number(n) => Json::Number(Cow::Owned(n.into_owned())),
            Json::String(s) => Json::String(Cow::Owned(s.into_owned())),
            Json::Array(a) => Json::Array(a.into_iter().map(Json::into_owned).collect()),
            Json::Object(m) => Json::Object(Map(m.0.into_iter().map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned())).collect())),
        }
    }

    /// Compact JSON text (members in the order held; strings escaped as serde_json does).
    pub fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => write_str(out, s),
            Json::Array(a) => {
                out.push('[');
                for (i, v) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
            Json::Object(m) => {
                out.push('{');
                for (i, (k, v)) in m.0.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(out, k);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }

    /// The value as JSON text (`write` into a new string).
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        self.write(&mut s);
        s
    }
}

/// A string as serde_json writes it: `"`, `\\` and control characters escaped, the rest as is.
pub fn write_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    while let Some(k) = bytes[start..].iter().position(|&b| b < 0x20 || b == b'"' || b == b'\\') {
        let i = start + k;
        out.push_str(&s[start..i]);
        let b = bytes[i];
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Where JSON text stops being JSON: 1-based line and column, as serde_json reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxError {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

impl SyntaxError {
    /// Where the reader stopped (`at`, the offending byte) as serde_json reports it: the line
    /// (from 1) and column (in bytes) just after that byte is read, or at the end of the text.
    fn of(text: &str, at: usize) -> SyntaxError {
        let bytes = text.as_bytes();
        let read = &bytes[..(at + 1).min(bytes.len())];
        let line = read.iter().filter(|&&c| c == b'\n').count() + 1;
        let column = read.len() - read.iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1);
        SyntaxError { line, column }
    }
}

/// serde_json's nesting limit: 127 arrays and objects inside one another.
const MAX_DEPTH: usize = 127;

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    at: usize,
}

impl<'a> Parser<'a> {
    fn space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.s.get(self.at) {
            self.at += 1;
        }
    }

    /// Reads `lit`; on a mismatch `at` is left on the first byte that differs (or the end).
    fn eat(&mut self, lit: &[u8]) -> Option<()> {
        for &c in lit {
            if self.s.get(self.at) != Some(&c) {
                return None;
            }
            self.at += 1;
        }
        Some(())
    }

    fn value(&mut self, depth: usize) -> Option<Json<'a>> {
        self.space();
        match *self.s.get(self.at)? {
            b'n' => self.eat(b"null").map(|_| Json::Null),
            b't' => self.eat(b"true").map(|_| Json::Bool(true)),
            b'f' => self.eat(b"false").map(|_| Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'[' => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if self.s.get(self.at) == Some(&b']') {
                    self.at += 1;
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.space();
                    match self.s.get(self.at)? {
                        b',' => self.at += 1,
                        b']' => {
                            self.at += 1;
                            return Some(Json::Array(items));
                        }
                        _ => return None,
                    }
                }
            }
            b'{' => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                self.at += 1;
                let mut members = Vec::new();
                self.space();
                if self.s.get(self.at) == Some(&b'}') {
                    self.at += 1;
                    return Some(Json::Object(Map(members)));
                }
                loop {
                    self.space();
                    if self.s.get(self.at) != Some(&b'"') {
                        return None;
                    }
                    let key = self.string()?;
                    self.space();
                    if self.s.get(self.at) != Some(&b':') {
                        return None;
                    }
                    self.at += 1;
                    let v = self.value(depth + 1)?;
                    members.push((key, v));
                    self.space();
                    match self.s.get(self.at)? {
                        b',' => self.at += 1,
                        b'}' => {
                            self.at += 1;
                            return Some(Json::Object(Map(members)));
                        }
                        _ => return None,
                    }
                }
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.s.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Option<Json<'a>> {
        let start = self.at;
        if self.s[self.at] == b'-' {
            self.at += 1;
        }
        match self.s.get(self.at)? {
            b'0' => self.at += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.s.get(self.at) == Some(&b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.s.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.s.get(self.at) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        Some(Json::Number(Cow::Borrowed(&self.text[start..self.at])))
    }

    /// A string at `"`: borrowed when it has no escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.at += 1;
        let start = self.at;
        loop {
            match *self.s.get(self.at)? {
                b'"' => {
                    let s = &self.text[start..self.at];
                    self.at += 1;
                    return Some(Cow::Borrowed(s));
                }
                b'\\' => break,
                0..=0x1f => return None,
                _ => self.at += 1,
            }
        }
        // With escapes: copied out.
        let mut out = String::from(&self.text[start..self.at]);
        loop {
            match *self.s.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => {
                    self.at += 1;
                    let c = match *self.s.get(self.at)? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            self.at += 1;
                            let hi = self.hex4()?;
                            let code = match hi {
                                0xD800..=0xDBFF => {
                                    self.eat(b"\\u")?;
                                    let lo = self.hex4()?;
                                    if !(0xDC00..=0xDFFF).contains(&lo) {
                                        // (a surrogate error is placed on its last hex digit)
                                        self.at -= 1;
                                        return None;
                                    }
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                }
                                0xDC00..=0xDFFF => {
                                    self.at -= 1;
                                    return None;
                                }
                                c => c,
                            };
                            self.at -= 1;
                            char::from_u32(code)?
                        }
                        _ => return None,
                    };
                    self.at += 1;
                    out.push(c);
                }
                0..=0x1f => return None,
                _ => {
                    // Up to the next quote or backslash at once (UTF-8 sequences stay whole).
                    let from = self.at;
                    while self.s.get(self.at).is_some_and(|&b| b != b'"' && b != b'\\' && b >= 0x20) {
                        self.at += 1;
                    }
                    out.push_str(&self.text[from..self.at]);
                }
            }
        }
    }

    /// Four hex digits at `at`; leaves `at` after them.
    /// (As serde_json, the four bytes are read before a bad digit is reported: on their last.)
    fn hex4(&mut self) -> Option<u32> {
        let Some(h) = self.s.get(self.at..self.at + 4) else {
            self.at = self.s.len();
            return None;
        };
        let mut n = 0u32;
        for &c in h {
            let Some(d) = (c as char).to_digit(16) else {
                self.at += 3;
                return None;
            };
            n = n * 16 + d;
        }
        self.at += 4;
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same verdict and the same data as serde_json on a range of texts.
    #[test]
    fn agrees_with_serde_json() {
        let cases = [
            r#"{"a":1,"b":[true,false,null],"c":"x\"y\\z\u00e9\ud83d\ude00\n","d":-0.5e-3,"e":{}}"#,
            r#"  [ 1 , 2.50 , "三" ]  "#,
            r#"{"a":1,"a":2}"#,
            "\"\\u0000\"",
            "01",
            "1.",
            "1e",
            "-",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "\"\\ud800\"",
            "\"\\udc00x\"",
            "\"a\tb\"",
            "[1] 2",
            "tru",
            "nul",
            "",
            "   ",
            "\"\\x\"",
            "1E+2",
            "[[[]]]",
            "{\"\":\"\"}",
            "{\n  \"a\": 1,\n  \"b\": tru\n}",
            "{\n  \"a\": [1, 2,\n",
            "[\"\\u12x4\"]",
            "[\"\\u12",
            "{\"a\" 1}",
            "[1 2]",
            "[-x]",
            "[1.x]",
            "\"\\ud800\\u0041\"",
            "{\"名\":\"三\", x}",
            "[\n\n]\n\nx",
            "trux",
            "[true,fals]",
        ];
        for text in cases {
            let ours = Json::parse(text);
            let theirs = serde_json::from_str::<serde_json::Value>(text);
            assert_eq!(ours.is_ok(), theirs.is_ok(), "{text}");
            if let (Ok(o), Ok(t)) = (&ours, &theirs) {
                let mut via = String::new();
                o.write(&mut via);
                let back: serde_json::Value = serde_json::from_str(&via).unwrap();
                assert_eq!(&back, t, "{text}");
            }
            if let (Err(o), Err(t)) = (ours, theirs) {
                assert_eq!((o.line, o.column), (t.line(), t.column()), "{text}");
            }
        }
    }

    /// Positions agree on generated garbage too: texts cut short or with one byte changed.
    #[test]
    fn error_positions_as_serde_json_on_garbage() {
        let seeds = [
            "{\n  \"region\": \"150203\",\n  \"members\": [{\"age\": 70, \"name\": \"张三\\u0041\\ud83d\\ude00\"}],\n  \"x\": [true, false, null, -1.5e3]\n}",
            "[1, \"二\", {\"a\": {\"b\": []}}, 0.25, \"\\n\\t\\\\\"]",
        ];
        let alphabet = b"{}[]\",:\\ \n0123456789-+.eEtrufalsn\x01u";
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut compared = 0;
        for seed in seeds {
            for _ in 0..3000 {
                let mut b = seed.as_bytes().to_vec();
                match next(3) {
                    0 => b.truncate(next(b.len() + 1)),
                    1 => {
                        let i = next(b.len());
                        b[i] = alphabet[next(alphabet.len())];
                    }
                    _ => {
                        let i = next(b.len());
                        b.insert(i, alphabet[next(alphabet.len())]);
                    }
                }
                let Ok(text) = std::str::from_utf8(&b) else { continue };
                let ours = Json::parse(text);
                let theirs = serde_json::from_str::<serde_json::Value>(text);
                assert_eq!(ours.is_ok(), theirs.is_ok(), "{text:?}");
                if let (Err(o), Err(t)) = (ours, theirs) {
                    assert_eq!((o.line, o.column), (t.line(), t.column()), "{text:?}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 2000, "{compared}");
    }

    #[test]
    fn nesting_limit_as_serde_json() {
        let ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
        let deep = format!("{}1{}", "{\"a\":".repeat(128), "}".repeat(128));
        assert!(Json::parse(&ok).is_ok());
        assert!(Json::parse(&deep).is_err());
        assert!(serde_json::from_str::<serde_json::Value>(&ok).is_ok());
        assert!(serde_json::from_str::<serde_json::Value>(&deep).is_err());
    }

    #[test]
    fn maps_as_serde_json() {
        let v = Json::parse(r#"{"b":1,"a":2,"b":3}"#).unwrap();
        let m = v.as_object().unwrap();
        assert_eq!(m.get("b"), Some(&Json::Number("3".into())));
        let keys: Vec<&str> = m.sorted().iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["a", "b"]);
        assert_eq!(m.sorted()[1].1, &Json::Number("3".into()));
        assert!(matches!(v.get("a").unwrap().as_u64(), Some(2)));
        assert_eq!(Json::Number("1.0".into()).as_u64(), None);
        assert_eq!(Json::Number("-1".into()).as_u64(), None);
        assert_eq!(Json::Number("18446744073709551616".into()).as_u64(), None);
    }

    #[test]
    fn writes_as_serde_json() {
        for s in ["plain", "q\"b\\", "\u{1}\u{1f}\n\r\t\u{8}\u{c}", "中文 é 😀", "</script>"] {
            let mut ours = String::new();
            write_str(&mut ours, s);
            assert_eq!(ours, serde_json::to_string(s).unwrap());
        }
    }
}
