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

    pub fn add(&mut self, code: &str, path: &str, zh: impl Into<String>, en: impl Into<String>) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem { code: code.to_string(), path: path.to_string(), zh: zh.into(), en: en.into() });
        } else if self.list.len() == MAX_PROBLEMS {
            self.list.push(Problem {
                code: "errors.too_many".into(),
                path: String::new(),
                zh: format!("错误超过{MAX_PROBLEMS}处,其余未列出"),
                en: format!("more than {MAX_PROBLEMS} problems; the rest are not listed"),
            });
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

/// Renders problems as the `{"errors":[…]}` JSON text.
pub fn errors_json(problems: &[Problem]) -> String {
    serde_json::to_string(&ErrorReport { errors: problems })
        .unwrap_or_else(|_| r#"{"errors":[{"code":"internal","path":"","zh":"内部错误","en":"internal error"}]}"#.to_string())
}
