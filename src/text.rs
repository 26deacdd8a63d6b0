//! Bilingual text of the packs: titles, names and where to apply, in Chinese and English (reports
//! are written in one language by `render`).

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
