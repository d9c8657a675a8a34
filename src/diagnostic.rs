//! Diagnostics as data: which rule, how severe, where, what is wrong and what to write.
//!
//! Rules produce diagnostics without a file or a severity; the check engine fills both in
//! (the severity from the registry and the repo's overrides). Renderers only format them.

use crate::tree::Pos;
use serde::Serialize;

/// How severe a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    /// The Swedish word printed before a message.
    pub fn sv(self) -> &'static str {
        match self {
            Severity::Error => "fel",
            Severity::Warning => "varning",
        }
    }
}

/// Another place that a diagnostic refers to (the other file of a duplicate id, say).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub label: String,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub file: String,
    #[serde(flatten)]
    pub pos: Pos,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A finding of `rule` at `pos`; file and severity are filled in by the engine.
    pub fn new(rule: &'static str, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: Severity::Error,
            file: String::new(),
            pos,
            message: message.into(),
            hint: None,
            related: Vec::new(),
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn related(mut self, file: &str, pos: Pos, label: impl Into<String>) -> Self {
        self.related.push(Related {
            file: file.to_string(),
            line: pos.line,
            column: pos.col,
            label: label.into(),
        });
        self
    }

    /// The order in which diagnostics are printed: by file, then position, then rule.
    pub fn sort_key(&self) -> (&str, u32, u32, &str) {
        (&self.file, self.pos.line, self.pos.col, self.rule)
    }
}
