//! Message catalogues in Fluent syntax (`.ftl`, the format Weblate and Pontoon read): a reader
//! and renderer for the subset the catalogues use, small enough for the WebAssembly budget.
//! `tests/messages.rs` renders every message of every shipped catalogue with the fluent-bundle
//! crate as well and checks that both give the same text.
//!
//! The subset: comments (`#`, `##`, `###`); messages `id = pattern` and terms `-id = pattern`
//! (attributes are read and ignored); patterns of text and placeables over one or more indented
//! lines; placeables `{ $variable }`, `{ message-id }`, `{ -term }`, `{ "string literal" }`,
//! `{ 12 }`; select expressions on a variable with `[key]` variants and one `*[default]`, keys
//! matching the variable's text, or for a number its plural category (`one`, `other`).
//! Not supported (refused with a line number): functions, term arguments, attribute references.

/// An argument as the catalogue sees it: text already written in the language, or a number
/// (which plural categories select on).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Num(u64),
}

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Text(String),
    Var(String),
    Message(String),
    Term(String),
    Select { var: String, variants: Vec<(String, Vec<Part>)>, default: usize },
}

/// Ids and their patterns, sorted by id.
#[derive(Debug, Clone, Default)]
struct Entries(Vec<(String, Vec<Part>)>);

impl Entries {
    fn get(&self, id: &str) -> Option<&Vec<Part>> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(id)).ok().map(|i| &self.0[i].1)
    }
    /// The entry whose id is `pieces` joined, each `.` read as `-` (a message code, or a
    /// vocabulary word's `KIND-KEY`), found without building the id.
    fn get_joined(&self, pieces: &[&str]) -> Option<&Vec<Part>> {
        let mut buf = [0u8; 96];
        let mut n = 0;
        for c in pieces.iter().flat_map(|p| p.bytes()) {
            *buf.get_mut(n)? = if c == b'.' { b'-' } else { c };
            n += 1;
        }
        // (Every shipped id is shorter than the buffer; a longer one is no id of a catalogue.)
        let id = std::str::from_utf8(&buf[..n]).ok()?;
        self.get(id)
    }
    /// Adds an entry; `true` if the id was there already (the first is kept).
    fn insert(&mut self, id: &str, parts: Vec<Part>) -> bool {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(id)) {
            Ok(_) => true,
            Err(i) => {
                self.0.insert(i, (id.to_string(), parts));
                false
            }
        }
    }
}

/// A problem in a catalogue's text: its line (from 1) and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub line: usize,
    pub message: String,
}

/// One language's messages.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub lang: String,
    /// Sorted by id (binary search: no hash map in the WebAssembly module).
    messages: Entries,
    terms: Entries,
    /// Message ids in the order of the file.
    order: Vec<String>,
}

/// The largest catalogue text accepted (a run-time catalogue is untrusted input).
pub const MAX_CATALOGUE_BYTES: usize = 1 << 20;

impl Catalogue {
    /// Reads a catalogue; every syntax error at once.
    pub fn parse(lang: &str, text: &str) -> Result<Catalogue, Vec<SyntaxError>> {
        let mut cat = Catalogue { lang: lang.to_string(), ..Catalogue::default() };
        let mut errors = Vec::new();
        if text.len() > MAX_CATALOGUE_BYTES {
            errors.push(SyntaxError { line: 1, message: format!("catalogue larger than {MAX_CATALOGUE_BYTES} bytes") });
            return Err(errors);
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            if line.trim().is_empty() || line.starts_with('#') {
                i += 1;
                continue;
            }
            if line.starts_with(' ') || line.starts_with('\t') {
                errors.push(SyntaxError { line: i + 1, message: "indented line outside a message".into() });
                i += 1;
                continue;
            }
            let start = i;
            let Some((head, first)) = line.split_once('=') else {
                errors.push(SyntaxError { line: i + 1, message: "expected `id = value`".into() });
                i += 1;
                continue;
            };
            let head = head.trim_end();
            let (is_term, id) = match head.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, head),
            };
            if !is_identifier(id) {
                errors.push(SyntaxError { line: i + 1, message: format!("invalid message id `{}`", head.chars().take(60).collect::<String>()) });
            }
            // The value: the rest of the first line and every indented (or blank) line after it;
            // an attribute (`.name = …`) ends the value.
            let mut body = vec![first.trim_start().to_string()];
            i += 1;
            while i < lines.len() {
                let l = lines[i];
                let indented = l.starts_with(' ') || l.starts_with('\t');
                if indented && l.trim_start().starts_with('.') {
                    // An attribute and its own continuation lines: read over, not kept.
                    i += 1;
                    while i < lines.len() && (lines[i].starts_with(' ') || lines[i].starts_with('\t')) && !lines[i].trim_start().starts_with('.') {
                        i += 1;
                    }
                    continue;
                }
                if indented || (l.trim().is_empty() && next_is_indented(&lines, i)) {
                    body.push(l.to_string());
                    i += 1;
                } else {
                    break;
                }
            }
            let source = join_lines(&body);
            match parse_pattern(&source, start + 1) {
                Ok(parts) => {
                    let map = if is_term { &mut cat.terms } else { &mut cat.messages };
                    if map.insert(id, parts) {
                        errors.push(SyntaxError { line: start + 1, message: format!("`{head}` is defined twice") });
                    } else if !is_term {
                        cat.order.push(id.to_string());
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(cat)
        } else {
            Err(errors)
        }
    }

    /// A catalogue with no messages.
    pub fn empty(lang: &str) -> Catalogue {
        Catalogue { lang: lang.to_string(), ..Catalogue::default() }
    }

    pub fn has(&self, id: &str) -> bool {
        self.messages.get(id).is_some()
    }

    /// The message ids, in the order of the file.
    pub fn ids(&self) -> &[String] {
        &self.order
    }

    /// The variables a message uses (through selectors, its variants and the messages and
    /// terms it refers to), sorted.
    pub fn variables(&self, id: &str) -> Option<Vec<String>> {
        let parts = self.messages.get(id)?;
        let mut out = Vec::new();
        self.collect_vars(parts, &mut out, 0);
        out.sort();
        out.dedup();
        Some(out)
    }

    fn collect_vars(&self, parts: &[Part], out: &mut Vec<String>, depth: usize) {
        if depth > 8 {
            return;
        }
        for p in parts {
            match p {
                Part::Text(_) => {}
                Part::Var(v) => out.push(v.clone()),
                Part::Message(m) => {
                    if let Some(q) = self.messages.get(m) {
                        self.collect_vars(q, out, depth + 1);
                    }
                }
                Part::Term(t) => {
                    if let Some(q) = self.terms.get(t) {
                        self.collect_vars(q, out, depth + 1);
                    }
                }
                Part::Select { var, variants, .. } => {
                    out.push(var.clone());
                    for (_, v) in variants {
                        self.collect_vars(v, out, depth + 1);
                    }
                }
            }
        }
    }

    /// The messages and terms referred to that this catalogue lacks.
    pub fn dangling(&self) -> Vec<String> {
        let mut out = Vec::new();
        fn walk(c: &Catalogue, parts: &[Part], out: &mut Vec<String>) {
            for p in parts {
                match p {
                    Part::Message(m) if c.messages.get(m).is_none() => out.push(m.clone()),
                    Part::Term(t) if c.terms.get(t).is_none() => out.push(format!("-{t}")),
                    Part::Select { variants, .. } => {
                        for (_, v) in variants {
                            walk(c, v, out);
                        }
                    }
                    _ => {}
                }
            }
        }
        for parts in self.messages.0.iter().chain(&self.terms.0).map(|(_, p)| p) {
            walk(self, parts, &mut out);
        }
        out.sort();
        out.dedup();
        out
    }

    /// Writes message `id` with `args` onto `out`; `false` (nothing written) if the catalogue
    /// has no such message. A variable with no argument is written as `{$name}`, as Fluent does.
    pub fn format_into(&self, id: &str, args: &[(&str, Value)], out: &mut String) -> bool {
        match self.messages.get(id) {
            Some(parts) => {
                self.write(parts, args, out, 0);
                true
            }
            None => false,
        }
    }

    /// `format_into` of the message whose id is `pieces` joined, `.` read as `-`.
    pub fn format_joined_into(&self, pieces: &[&str], args: &[(&str, Value)], out: &mut String) -> bool {
        match self.messages.get_joined(pieces) {
            Some(parts) => {
                self.write(parts, args, out, 0);
                true
            }
            None => false,
        }
    }

    /// `format_into` as a new string.
    pub fn format(&self, id: &str, args: &[(&str, Value)]) -> Option<String> {
        let mut s = String::new();
        self.format_into(id, args, &mut s).then_some(s)
    }

    fn write(&self, parts: &[Part], args: &[(&str, Value)], out: &mut String, depth: usize) {
        if depth > 8 {
            return;
        }
        for p in parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Var(v) => match args.iter().find(|(n, _)| n == v) {
                    Some((_, Value::Str(s))) => out.push_str(s),
                    Some((_, Value::Num(n))) => {
                        use std::fmt::Write;
                        let _ = write!(out, "{n}");
                    }
                    None => {
                        out.push_str("{$");
                        out.push_str(v);
                        out.push('}');
                    }
                },
                Part::Message(m) => match self.messages.get(m) {
                    Some(q) => self.write(q, args_for_reference(), out, depth + 1),
                    None => {
                        out.push('{');
                        out.push_str(m);
                        out.push('}');
                    }
                },
                Part::Term(t) => match self.terms.get(t) {
                    Some(q) => self.write(q, args_for_reference(), out, depth + 1),
                    None => {
                        out.push_str("{-");
                        out.push_str(t);
                        out.push('}');
                    }
                },
                Part::Select { var, variants, default } => {
                    let value = args.iter().find(|(n, _)| n == var).map(|(_, v)| v);
                    let chosen = value
                        .and_then(|v| {
                            variants
                                .iter()
                                .position(|(key, _)| match v {
                                    Value::Str(s) => key == s,
                                    Value::Num(n) => key.parse::<u64>().ok() == Some(*n),
                                })
                                .or_else(|| match v {
                                    Value::Num(n) => {
                                        let cat = plural_category(&self.lang, *n);
                                        variants.iter().position(|(key, _)| key == cat)
                                    }
                                    Value::Str(_) => None,
                                })
                        })
                        .unwrap_or(*default);
                    if let Some((_, pattern)) = variants.get(chosen) {
                        self.write(pattern, args, out, depth + 1);
                    }
                }
            }
        }
    }
}

/// What `huimin messages check` finds in a catalogue against the reference (zh-CN, whose
/// messages take exactly the arguments the engine passes: tests/messages.rs).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    /// Messages of the reference this catalogue lacks (shown from the reference instead).
    pub missing: Vec<String>,
    /// Messages the reference does not have (never used).
    pub unknown: Vec<String>,
    /// Messages that use a variable the engine does not pass for them.
    pub wrong_arguments: Vec<WrongArguments>,
    /// Messages or terms referred to and not defined.
    pub dangling: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WrongArguments {
    pub id: String,
    pub uses: Vec<String>,
    pub passed: Vec<String>,
}

impl CheckReport {
    /// No wrong arguments and nothing dangling (missing messages fall back: allowed).
    pub fn ok(&self) -> bool {
        self.wrong_arguments.is_empty() && self.dangling.is_empty()
    }
}

/// Checks `cat` against `reference`.
pub fn check(reference: &Catalogue, cat: &Catalogue) -> CheckReport {
    let mut r = CheckReport { dangling: cat.dangling(), ..CheckReport::default() };
    for id in reference.ids() {
        if !cat.has(id) {
            r.missing.push(id.clone());
        }
    }
    for id in cat.ids() {
        let Some(passed) = reference.variables(id) else {
            r.unknown.push(id.clone());
            continue;
        };
        let uses = cat.variables(id).unwrap_or_default();
        if uses.iter().any(|v| !passed.contains(v)) {
            r.wrong_arguments.push(WrongArguments { id: id.clone(), uses, passed });
        }
    }
    r
}

/// A message referred to from another sees no variables (Fluent's rule): its own text only.
fn args_for_reference() -> &'static [(&'static str, Value)] {
    &[]
}

/// The CLDR cardinal plural category of a whole number: Chinese has only `other`; English and
/// most languages whose catalogues may be loaded have `one` for 1.
fn plural_category(lang: &str, n: u64) -> &'static str {
    let base = lang.split(['-', '_']).next().unwrap_or("");
    match base {
        "zh" | "ja" | "ko" | "vi" | "th" | "id" | "ms" | "yue" | "bo" | "ii" => "other",
        "mn" | "ug" | "en" | "de" | "it" | "es" | "nl" | "sv" => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
        "fr" | "pt" => {
            if n <= 1 {
                "one"
            } else {
                "other"
            }
        }
        _ => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn next_is_indented(lines: &[&str], i: usize) -> bool {
    lines[i + 1..].iter().find(|l| !l.trim().is_empty()).is_some_and(|l| (l.starts_with(' ') || l.starts_with('\t')) && !l.trim_start().starts_with('.'))
}

/// Joins a value's lines as Fluent does: the common indent of the continuation lines removed,
/// blank lines at either end dropped, trailing spaces of each line dropped.
fn join_lines(body: &[String]) -> String {
    let indent = body[1..].iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    let mut lines: Vec<&str> = Vec::with_capacity(body.len());
    lines.push(body[0].trim_end());
    for l in &body[1..] {
        lines.push(if l.trim().is_empty() { "" } else { l[indent.min(l.len())..].trim_end() });
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| l.is_empty()) {
        lines.remove(0);
    }
    lines.join("\n")
}

struct Cursor<'a> {
    s: &'a str,
    at: usize,
    line: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.at..].chars().next()
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }
    fn skip_blank(&mut self) {
        while self.peek().is_some_and(|c| c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            self.bump();
        }
    }
    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError { line: self.line, message: message.into() }
    }
    fn ident(&mut self) -> String {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            self.bump();
        }
        self.s[start..self.at].to_string()
    }
}

fn parse_pattern(source: &str, line: usize) -> Result<Vec<Part>, SyntaxError> {
    let mut c = Cursor { s: source, at: 0, line };
    let parts = pattern(&mut c, false)?;
    if c.at < source.len() {
        return Err(c.error("unexpected `}`"));
    }
    if parts.is_empty() {
        return Err(c.error("a message needs a value"));
    }
    Ok(parts)
}

/// Text and placeables up to the end, or (in a variant) to the end of the variant's line.
fn pattern(c: &mut Cursor, variant: bool) -> Result<Vec<Part>, SyntaxError> {
    let mut parts = Vec::new();
    let mut text = String::new();
    while let Some(ch) = c.peek() {
        match ch {
            '{' => {
                c.bump();
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                parts.push(placeable(c)?);
            }
            '}' => break,
            '\n' if variant => {
                // A variant's value ends where the next variant, or the selector's `}`, begins.
                let rest = c.s[c.at + 1..].trim_start_matches([' ', '\t', '\n', '\r']);
                if rest.starts_with('[') || rest.starts_with("*[") || rest.starts_with('}') {
                    break;
                }
                c.bump();
                text.push('\n');
            }
            _ => {
                c.bump();
                text.push(ch);
            }
        }
    }
    if variant {
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
    }
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    Ok(parts)
}

fn placeable(c: &mut Cursor) -> Result<Part, SyntaxError> {
    c.skip_blank();
    let part = match c.peek() {
        Some('$') => {
            c.bump();
            let v = c.ident();
            if v.is_empty() {
                return Err(c.error("expected a variable name after `$`"));
            }
            Part::Var(v)
        }
        Some('-') => {
            c.bump();
            if c.peek().is_some_and(|x| x.is_ascii_digit()) {
                return Err(c.error("negative number literals are not supported"));
            }
            let t = c.ident();
            if t.is_empty() {
                return Err(c.error("expected a term name after `-`"));
            }
            Part::Term(t)
        }
        Some('"') => {
            c.bump();
            let mut s = String::new();
            loop {
                match c.bump() {
                    Some('"') => break,
                    Some('\\') => match c.bump() {
                        Some('"') => s.push('"'),
                        Some('\\') => s.push('\\'),
                        Some('u') => {
                            let hex: String = (0..4).filter_map(|_| c.bump()).collect();
                            match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                                Some(ch) => s.push(ch),
                                None => return Err(c.error("invalid \\u escape")),
                            }
                        }
                        _ => return Err(c.error("unknown escape in a string literal")),
                    },
                    Some('\n') | None => return Err(c.error("unterminated string literal")),
                    Some(ch) => s.push(ch),
                }
            }
            Part::Text(s)
        }
        Some(d) if d.is_ascii_digit() => {
            let start = c.at;
            while c.peek().is_some_and(|x| x.is_ascii_digit() || x == '.') {
                c.bump();
            }
            Part::Text(c.s[start..c.at].to_string())
        }
        Some(a) if a.is_ascii_alphabetic() => {
            let id = c.ident();
            if c.peek() == Some('(') {
                return Err(c.error(format!("functions are not supported (`{id}(`)")));
            }
            if c.peek() == Some('.') {
                return Err(c.error("attribute references are not supported"));
            }
            Part::Message(id)
        }
        _ => return Err(c.error("expected a placeable: `$variable`, `message`, `-term` or a literal")),
    };
    c.skip_blank();
    if c.s[c.at..].starts_with("->") {
        let Part::Var(var) = part else {
            return Err(c.error("only a variable can be a selector here"));
        };
        c.bump();
        c.bump();
        let mut variants = Vec::new();
        let mut default = None;
        loop {
            c.skip_blank();
            match c.peek() {
                Some('}') => break,
                Some('*') | Some('[') => {
                    let star = c.peek() == Some('*');
                    if star {
                        c.bump();
                        if default.is_some() {
                            return Err(c.error("a selector has one default variant (`*[…]`)"));
                        }
                        default = Some(variants.len());
                    }
                    if c.bump() != Some('[') {
                        return Err(c.error("expected `[` to start a variant"));
                    }
                    c.skip_blank();
                    let key = c.ident();
                    let key = if key.is_empty() {
                        let start = c.at;
                        while c.peek().is_some_and(|x| x.is_ascii_digit() || x == '.') {
                            c.bump();
                        }
                        c.s[start..c.at].to_string()
                    } else {
                        key
                    };
                    c.skip_blank();
                    if key.is_empty() || c.bump() != Some(']') {
                        return Err(c.error("expected a variant key and `]`"));
                    }
                    while c.peek() == Some(' ') || c.peek() == Some('\t') {
                        c.bump();
                    }
                    let value = pattern(c, true)?;
                    variants.push((key, value));
                }
                _ => return Err(c.error("expected a variant `[key]` or `}`")),
            }
        }
        let Some(default) = default else {
            return Err(c.error("a selector needs a default variant (`*[…]`)"));
        };
        c.bump();
        return Ok(Part::Select { var, variants, default });
    }
    if c.bump() != Some('}') {
        return Err(c.error("expected `}`"));
    }
    Ok(part)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_formats_the_subset() {
        let cat = Catalogue::parse(
            "en",
            "# comment\n-brand = huimin\nhello = Hello, { $name }! ({ -brand })\ncount = { $n ->\n    [one] one item\n   *[other] { $n } items\n    }\nref = { hello } again\nlit = { \"{\" }x{ \"}\" }\nmulti = first\n    second\n",
        )
        .unwrap();
        let s = |id: &str, args: &[(&str, Value)]| cat.format(id, args).unwrap();
        assert_eq!(s("hello", &[("name", Value::Str("Li".into()))]), "Hello, Li! (huimin)");
        assert_eq!(s("count", &[("n", Value::Num(1))]), "one item");
        assert_eq!(s("count", &[("n", Value::Num(3))]), "3 items");
        assert_eq!(s("ref", &[]), "Hello, {$name}! (huimin) again");
        assert_eq!(s("lit", &[]), "{x}");
        assert_eq!(s("multi", &[]), "first\nsecond");
        assert_eq!(cat.variables("count").unwrap(), vec!["n".to_string()]);
    }

    #[test]
    fn errors_name_their_lines() {
        let err = Catalogue::parse("en", "ok = fine\nbad = { NUMBER($x) }\nalso bad\n").unwrap_err();
        assert_eq!(err.iter().map(|e| e.line).collect::<Vec<_>>(), vec![2, 3]);
    }
}
