//! Explanations as data: every step, reason, alert, warning, missing figure and error is a
//! message code with typed arguments ([`Msg`]). Rules build messages and never text; a message
//! catalogue per language (Fluent `.ftl`, `messages/` beside the packs, see [`crate::fluent`])
//! turns them into sentences when a report is rendered in a language ([`crate::render`]).

use crate::date::Date;
use crate::household::{Stage, Status};

use crate::policy::Period;
use rust_decimal::Decimal;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::rc::Rc;

/// A typed message argument. How it is shown depends on the language: an amount is written to
/// the fen, a status or a stage by its label in the catalogue, a parameter by its title in the
/// policy: never by an internal name.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// An amount in yuan, shown with two decimals ("2000.00").
    Money(Decimal),
    /// A rate, shown as a percentage ("50%").
    Rate(Decimal),
    /// A plain number (a factor, an age limit), shown without trailing zeros.
    Number(Decimal),
    /// A whole count (people, years, places); plural categories select on it.
    Count(u64),
    /// A date, shown as the language writes it.
    Date(Date),
    /// A member: the id in the data, the name (or the id) in the text.
    Member { id: Rc<str>, name: Rc<str> },
    /// Members, shown by name joined as the language joins lists.
    Members(Vec<(Rc<str>, Rc<str>)>),
    /// A word of a closed vocabulary (a status, a school stage, a period, a house grade…),
    /// shown by its label in the catalogue (`{kind}-{key}`, e.g. `stage-primary`).
    Vocab { kind: &'static str, key: &'static str },
    /// Words of one vocabulary, shown by their labels joined as the language joins lists
    /// (`list-none` when empty).
    Vocabs { kind: &'static str, keys: Vec<&'static str> },
    /// A policy parameter, shown by its title in the policy (or `parameter-…` in the catalogue).
    Parameter(Rc<str>),
    /// A household input field (`field-…`), shown by its title.
    Field(Rc<str>),
    /// A keyword for a selector (`yes`/`no`, a reason); never shown as it is.
    Word(&'static str),
    /// Text given by a person or a pack (a region's name, a member's entry): shown as it is.
    Text(Rc<str>),
    /// A document's year or a date range as written by its source ("约2016-2017").
    Label(Rc<str>),
}

/// A message: a code (its id in the catalogues) and its arguments by name; `text` is filled in
/// when the report is rendered in a language.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub code: &'static str,
    pub args: Vec<(&'static str, Arg)>,
    pub text: Option<String>,
}

impl Msg {
    pub fn new(code: &'static str, args: Vec<(&'static str, Arg)>) -> Msg {
        Msg { code, args, text: None }
    }

    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }
}

/// A message with its arguments: `msg!("education.no_student", stages = stages(list))`.
#[macro_export]
macro_rules! msg {
    ($code:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::message::Msg::new($code, vec![$((stringify!($name), $value)),*])
    };
}

pub fn money(d: Decimal) -> Arg {
    Arg::Money(d)
}
pub fn rate(d: Decimal) -> Arg {
    Arg::Rate(d)
}
pub fn number(d: Decimal) -> Arg {
    Arg::Number(d)
}
pub fn count(n: impl TryInto<u64>) -> Arg {
    Arg::Count(n.try_into().unwrap_or(u64::MAX))
}
pub fn date(d: Date) -> Arg {
    Arg::Date(d)
}
pub fn stage(s: Stage) -> Arg {
    Arg::Vocab { kind: "stage", key: s.json() }
}
pub fn stages(s: &[Stage]) -> Arg {
    Arg::Vocabs { kind: "stage", keys: s.iter().map(|x| x.json()).collect() }
}
pub fn statuses(s: &[Status]) -> Arg {
    Arg::Vocabs { kind: "status", keys: s.iter().map(|x| x.json()).collect() }
}
pub fn period(p: Period) -> Arg {
    Arg::Vocab { kind: "period", key: p.json() }
}
/// A word of a vocabulary by its kind and JSON name (`vocab("grade", "D")`).
pub fn vocab(kind: &'static str, key: &'static str) -> Arg {
    Arg::Vocab { kind, key }
}
pub fn members<'m>(list: impl IntoIterator<Item = &'m crate::household::Member>) -> Arg {
    Arg::Members(list.into_iter().map(|m| m.label.clone()).collect())
}
pub fn parameter(name: &str) -> Arg {
    Arg::Parameter(Rc::from(name))
}
pub fn field(name: &str) -> Arg {
    Arg::Field(Rc::from(name))
}
pub fn word(w: &'static str) -> Arg {
    Arg::Word(w)
}
pub fn yes_no(b: bool) -> Arg {
    Arg::Word(if b { "yes" } else { "no" })
}
pub fn text(s: &str) -> Arg {
    Arg::Text(Rc::from(s))
}
/// A member, named in the text by the name if given, else the id (`Member::label`, shared).
pub fn member(m: &crate::household::Member) -> Arg {
    Arg::Member { id: m.label.0.clone(), name: m.label.1.clone() }
}
/// An argument as data (a report's `args`): amounts as strings to the fen, rates and numbers as
/// decimal strings, counts as numbers, vocabularies by their JSON names, members by id.
impl Serialize for Arg {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Arg::Money(d) => s.serialize_str(&crate::money::fmt_money(*d)),
            Arg::Rate(d) | Arg::Number(d) => s.collect_str(&d.normalize()),
            Arg::Count(n) => s.serialize_u64(*n),
            Arg::Date(d) => d.serialize(s),
            Arg::Member { id, .. } => s.serialize_str(id),
            Arg::Members(v) => s.collect_seq(v.iter().map(|(id, _)| &**id)),
            Arg::Vocab { key, .. } => s.serialize_str(key),
            Arg::Vocabs { keys, .. } => s.collect_seq(keys.iter()),
            Arg::Parameter(n) | Arg::Field(n) | Arg::Text(n) | Arg::Label(n) => s.serialize_str(n),
            Arg::Word(w) => s.serialize_str(w),
        }
    }
}

/// `{"code","args","text"}`: `args` an object (omitted when empty), `text` when rendered.
impl Serialize for Msg {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("code", self.code)?;
        if !self.args.is_empty() {
            m.serialize_entry("args", &Args(&self.args))?;
        }
        if let Some(t) = &self.text {
            m.serialize_entry("text", t)?;
        }
        m.end()
    }
}

/// A message's arguments as a JSON object, in the order given.
pub struct Args<'a>(pub &'a [(&'static str, Arg)]);

impl Serialize for Args<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}
