//! Rendering: a report's messages (and an error's) written in a language from the message
//! catalogues (`messages/*.ftl`, Fluent syntax; `crate::fluent`). The shipped catalogues are
//! zh-CN and en; a catalogue loaded at run time (a portal's own wording, another language)
//! replaces or adds one; a message a catalogue lacks falls back to zh-CN.
//!
//! People never see an internal name: parameters are shown by their titles in the policy,
//! household fields by their titles in the catalogue (`field-…`), vocabularies by their labels.

use crate::fluent::{Catalogue, SyntaxError, Value};
use crate::message::{Arg, Msg};
use crate::money::{fmt_money, fmt_percent, fmt_plain};
use crate::policy::Policy;
use crate::report::Report;
use crate::text::Text;

/// The shipped catalogues, built into the library.
/// (build.rs copies them from `messages/` without their comment lines.)
pub const SHIPPED: [(&str, &str); 2] =
    [("zh-CN", include_str!(concat!(env!("OUT_DIR"), "/zh-CN.ftl"))), ("en", include_str!(concat!(env!("OUT_DIR"), "/en.ftl")))];

/// The language every other falls back to.
pub const FALLBACK: &str = "zh-CN";

/// The catalogues of an engine: the shipped ones and any loaded at run time.
#[derive(Debug, Clone)]
pub struct Messages {
    /// `catalogues[0]` is zh-CN, the fallback.
    catalogues: Vec<Catalogue>,
}

impl Default for Messages {
    fn default() -> Self {
        Messages::shipped()
    }
}

impl Messages {
    /// The shipped catalogues (tests/messages.rs checks that they read without error).
    pub fn shipped() -> Messages {
        let catalogues = SHIPPED.iter().map(|(lang, text)| Catalogue::parse(lang, text).unwrap_or_else(|_| Catalogue::empty(lang))).collect();
        Messages { catalogues }
    }

    /// Reads a catalogue for `lang` and adds it, replacing one of the same language.
    pub fn load(&mut self, lang: &str, text: &str) -> Result<(), Vec<SyntaxError>> {
        let cat = Catalogue::parse(lang, text)?;
        match self.catalogues.iter_mut().find(|c| c.lang.eq_ignore_ascii_case(lang)) {
            Some(slot) => *slot = cat,
            None => self.catalogues.push(cat),
        }
        Ok(())
    }

    /// The languages there are catalogues for.
    pub fn langs(&self) -> Vec<&str> {
        self.catalogues.iter().map(|c| c.lang.as_str()).collect()
    }

    pub fn catalogue(&self, lang: &str) -> Option<&Catalogue> {
        self.catalogues.iter().find(|c| c.lang.eq_ignore_ascii_case(lang))
    }

    /// The catalogues to write `lang` with: its own (or its base language's: "en-GB" → "en"),
    /// then zh-CN.
    pub fn lang(&self, lang: &str) -> Lang<'_> {
        let base = lang.split(['-', '_']).next().unwrap_or(lang);
        let own = self.catalogue(lang).or_else(|| self.catalogues.iter().find(|c| c.lang.split(['-', '_']).next().unwrap_or("").eq_ignore_ascii_case(base)));
        let fallback = &self.catalogues[0];
        let own = own.filter(|c| !std::ptr::eq(*c, fallback));
        let tag = own.map_or(fallback.lang.as_str(), |c| c.lang.as_str());
        Lang { own, fallback, tag: tag.to_string(), english: base.eq_ignore_ascii_case("en") }
    }
}

/// One language's catalogues, with the fallback.
pub struct Lang<'a> {
    own: Option<&'a Catalogue>,
    fallback: &'a Catalogue,
    /// The language tag the texts are in.
    pub tag: String,
    /// Pack texts (titles, where to apply) come in Chinese and English: English for English,
    /// Chinese for every other language.
    english: bool,
}

/// A message's id in the catalogues: its code with `.` as `-` ("dibao.should_apply" →
/// "dibao-should_apply"; Fluent ids have no dots).
pub fn message_id(code: &str) -> String {
    code.replace('.', "-")
}

impl Lang<'_> {
    fn format(&self, id: &str, args: &[(&str, Value)], out: &mut String) -> bool {
        self.own.is_some_and(|c| c.format_into(id, args, out)) || self.fallback.format_into(id, args, out)
    }

    /// `format` of the message whose id is `pieces` joined (`.` read as `-`).
    fn format_joined(&self, pieces: &[&str], args: &[(&str, Value)], out: &mut String) -> bool {
        self.own.is_some_and(|c| c.format_joined_into(pieces, args, out)) || self.fallback.format_joined_into(pieces, args, out)
    }

    /// A message of no arguments (a label), if either catalogue has it.
    pub fn label(&self, id: &str) -> Option<String> {
        let mut s = String::new();
        self.format(id, &[], &mut s).then_some(s)
    }

    /// A text of a pack in this language.
    pub fn pack_text<'t>(&self, t: &'t Text) -> &'t str {
        if self.english && !t.en.is_empty() {
            &t.en
        } else {
            &t.zh
        }
    }

    /// A parameter's title: the catalogue's own (`parameter-NAME`, for another language), else
    /// the policy's, else a household field's title.
    pub fn parameter_title(&self, name: &str, policy: Option<&Policy>) -> String {
        if let Some(own) = self.own.and_then(|c| c.format(&format!("parameter-{name}"), &[])) {
            return own;
        }
        match policy.and_then(|p| p.parameters.get(name)) {
            Some(p) => self.pack_text(&p.title).to_string(),
            None => self.field_title(name),
        }
    }

    /// A household field's title (`field-KEY`, KEY the last key of a JSON path).
    pub fn field_title(&self, path: &str) -> String {
        let key = path.rsplit('.').next().unwrap_or(path);
        let key = key.split('[').next().unwrap_or(key);
        self.label(&format!("field-{key}")).unwrap_or_else(|| self.label("field-unnamed").unwrap_or_default())
    }

    fn join(&self, items: impl Iterator<Item = String>) -> String {
        let sep = self.label("list-separator").unwrap_or_else(|| ", ".into());
        let mut out = String::new();
        for (i, s) in items.enumerate() {
            if i > 0 {
                out.push_str(&sep);
            }
            out.push_str(&s);
        }
        if out.is_empty() {
            self.label("list-none").unwrap_or_default()
        } else {
            out
        }
    }

    fn vocab(&self, kind: &str, key: &str) -> String {
        let mut s = String::new();
        if !self.format_joined(&[kind, "-", key], &[], &mut s) {
            s.push_str(key);
        }
        s
    }

    /// An argument as the catalogue sees it in this language.
    pub fn value(&self, arg: &Arg, policy: Option<&Policy>) -> Value {
        match arg {
            Arg::Money(d) => Value::Str(fmt_money(*d)),
            Arg::Rate(d) => Value::Str(fmt_percent(*d)),
            Arg::Number(d) => Value::Str(fmt_plain(*d)),
            Arg::Count(n) => Value::Num(*n),
            Arg::Date(d) => Value::Str(d.to_string()),
            Arg::Member { name, .. } => Value::Str(name.to_string()),
            Arg::Members(list) => Value::Str(self.join(list.iter().map(|(_, n)| n.to_string()))),
            Arg::Vocab { kind, key } => Value::Str(self.vocab(kind, key)),
            Arg::Vocabs { kind, keys } => Value::Str(self.join(keys.iter().map(|k| self.vocab(kind, k)))),
            Arg::Parameter(n) => Value::Str(self.parameter_title(n, policy)),
            Arg::Field(n) => Value::Str(self.field_title(n)),
            Arg::Word(w) => Value::Str(w.to_string()),
            Arg::Text(t) | Arg::Label(t) => Value::Str(t.to_string()),
        }
    }

    /// The message's text in this language (its code, if no catalogue has it: a test keeps
    /// every code in every shipped catalogue).
    pub fn text(&self, msg: &Msg, policy: Option<&Policy>) -> String {
        let args: Vec<(&str, Value)> = msg.args.iter().map(|(n, a)| (*n, self.value(a, policy))).collect();
        let mut out = String::new();
        if !self.format_joined(&[msg.code], &args, &mut out) {
            out.push_str(msg.code);
        }
        out
    }

    fn fill(&self, msg: &mut Msg, policy: Option<&Policy>) {
        msg.text = Some(self.text(msg, policy));
    }

    /// Writes every text of `report` in this language, in place.
    pub fn render(&self, report: &mut Report, policy: &Policy) {
        report.lang = Some(self.tag.clone());
        for (name, pack) in report.policy.names.iter_mut().zip(&policy.chain) {
            name.name = Some(self.pack_text(&pack.name).to_string());
        }
        // Entries come in the policy's order: each programme is searched from the last found.
        let programmes = &policy.programmes[..];
        let mut at = 0;
        let mut find = |id: &str| {
            let n = programmes.len();
            (0..n).map(|k| (at + k) % n).find(|&i| &*programmes[i].id == id).map(|i| {
                at = i;
                &programmes[i]
            })
        };
        for e in &mut report.entitlements {
            if let Some(p) = find(&e.programme) {
                e.title = Some(self.pack_text(&p.title).to_string());
                if e.status != crate::report::EntStatus::NotEligible {
                    e.how_to_apply = p.how_to_apply.as_ref().map(|t| self.pack_text(t).to_string());
                }
            }
            for m in e.reasons.iter_mut().chain(e.steps.iter_mut()).chain(e.warnings.iter_mut()) {
                self.fill(m, Some(policy));
            }
            for f in &mut e.figures {
                f.title = Some(self.parameter_title(&f.parameter, Some(policy)));
            }
        }
        for c in &mut report.checks {
            if let Some(p) = find(&c.programme) {
                c.title = Some(self.pack_text(&p.title).to_string());
            }
            for m in c.steps.iter_mut().chain(c.warnings.iter_mut()) {
                self.fill(m, Some(policy));
            }
            for f in &mut c.figures {
                f.title = Some(self.parameter_title(&f.parameter, Some(policy)));
            }
        }
        for n in &mut report.needs_info {
            n.title = Some(self.parameter_title(&n.parameter, Some(policy)));
        }
        for a in &mut report.alerts {
            self.fill(&mut a.msg, Some(policy));
        }
        for w in &mut report.warnings {
            self.fill(&mut w.msg, Some(policy));
        }
    }
}

/// The shipped catalogues, read once (errors are written with them, in zh-CN and en).
pub fn shipped() -> &'static Messages {
    static SHIPPED_MESSAGES: std::sync::OnceLock<Messages> = std::sync::OnceLock::new();
    SHIPPED_MESSAGES.get_or_init(Messages::shipped)
}

/// `huimin messages check`: a catalogue's syntax errors, or what it lacks and what it gets wrong
/// against the shipped zh-CN, as JSON `{"ok","lang","errors"|("missing","unknown",
/// "wrongArguments","dangling")}`; the flag says whether it is usable.
pub fn check_catalogue(lang: &str, text: &str) -> (String, bool) {
    let reference = shipped().catalogue(FALLBACK);
    match Catalogue::parse(lang, text) {
        Err(errors) => {
            let list: Vec<serde_json::Value> = errors.iter().map(|e| serde_json::json!({ "line": e.line, "message": e.message })).collect();
            (serde_json::json!({ "ok": false, "lang": lang, "errors": list }).to_string(), false)
        }
        Ok(cat) => {
            let report = reference.map(|r| crate::fluent::check(r, &cat)).unwrap_or_default();
            let ok = report.ok();
            let mut v = serde_json::to_value(&report).unwrap_or_default();
            v["ok"] = serde_json::Value::Bool(ok);
            v["lang"] = serde_json::Value::String(lang.to_string());
            (v.to_string(), ok)
        }
    }
}

/// The labels a page shows (every message without arguments: areas, results, statuses,
/// stages, fields, …) in `lang`, as a JSON object keyed by message id.
pub fn labels_json(messages: &Messages, lang: &str) -> String {
    let l = messages.lang(lang);
    let mut out = String::from("{");
    for id in l.fallback.ids() {
        if !l.fallback.variables(id).is_some_and(|v| v.is_empty()) {
            continue;
        }
        if let Some(text) = l.label(id) {
            if out.len() > 1 {
                out.push(',');
            }
            crate::json::write_str(&mut out, id);
            out.push(':');
            crate::json::write_str(&mut out, &text);
        }
    }
    out.push('}');
    out
}
