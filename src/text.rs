//! Bilingual text: every message, title and step is given in Chinese and English.

use serde::Serialize;

/// A text in zh-CN and English.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text { zh: zh.into(), en: en.into() }
    }
}

/// A coded message: reasons, alerts and warnings share this shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// (A code is a literal: borrowed, never copied.)
    pub code: std::borrow::Cow<'static, str>,
    pub zh: String,
    pub en: String,
}

impl Note {
    pub fn new(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Note {
        Note { code: std::borrow::Cow::Borrowed(code), zh: zh.into(), en: en.into() }
    }
}
