//! Problems with an input or a pack: each names its JSON path and says what is wrong in both
//! languages. Every problem is collected; nothing stops at the first.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: String,
    pub path: String,
    pub zh: String,
    pub en: String,
}

/// The `{"errors":[…]}` document.
#[derive(Debug, Serialize)]
pub struct ErrorReport<'a> {
    pub errors: &'a [Problem],
}

/// Collects problems while walking a document.
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
}

/// More problems than this in one document are summarised in one last problem: a hostile
/// document cannot make the error report itself huge.
pub const MAX_PROBLEMS: usize = 200;

impl Problems {
    pub fn new() -> Problems {
        Problems::default()
    }

    /// Adds a problem given as a message (`msg!`): its texts written from the shipped
    /// catalogues in zh-CN and en, its code the message's.
    pub fn msg(&mut self, path: &str, msg: crate::message::Msg) {
        self.list.push_problem(path, &msg);
    }

    /// Adds a problem with its texts given (packs' problems, not yet in the catalogues).
    pub fn add(&mut self, code: &str, path: &str, zh: impl Into<String>, en: impl Into<String>) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem { code: code.to_string(), path: path.to_string(), zh: zh.into(), en: en.into() });
        } else if self.list.len() == MAX_PROBLEMS {
            self.list.push(Problem::of("", &crate::msg!("errors.too_many", limit = crate::message::count(MAX_PROBLEMS))));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn extend(&mut self, other: Problems) {
        for p in other.list {
            self.add(&p.code, &p.path, p.zh, p.en);
        }
    }

    /// The problems sorted by path (then code), so the same input always lists them alike.
    pub fn into_sorted(mut self) -> Vec<Problem> {
        crate::table::insertion_sort_by(&mut self.list, |a, b| (&a.path, &a.code) < (&b.path, &b.code));
        self.list
    }
}

trait PushProblem {
    fn push_problem(&mut self, path: &str, msg: &crate::message::Msg);
}

impl PushProblem for Vec<Problem> {
    fn push_problem(&mut self, path: &str, msg: &crate::message::Msg) {
        if self.len() <= MAX_PROBLEMS {
            let p = Problem::of(path, msg);
            if self.len() < MAX_PROBLEMS {
                self.push(p);
            } else {
                self.push(Problem::of("", &crate::msg!("errors.too_many", limit = crate::message::count(MAX_PROBLEMS))));
            }
        }
    }
}

impl Problem {
    /// A problem from a message, written in zh-CN and en from the shipped catalogues.
    pub fn of(path: &str, msg: &crate::message::Msg) -> Problem {
        let m = crate::render::shipped();
        Problem { code: msg.code.to_string(), path: path.to_string(), zh: m.lang("zh-CN").text(msg, None), en: m.lang("en").text(msg, None) }
    }
}

/// Renders problems as the `{"errors":[…]}` JSON text.
pub fn errors_json(problems: &[Problem]) -> String {
    serde_json::to_string(&ErrorReport { errors: problems })
        .unwrap_or_else(|_| r#"{"errors":[{"code":"internal","path":"","zh":"内部错误","en":"internal error"}]}"#.to_string())
}
