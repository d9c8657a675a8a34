//! `json`: `{"version": 1, "diagnostics": [...], "summary": {...}}` with stable field names
//! (documented in the README). Control characters in its strings are shown as visible escapes
//! (`text::sanitize::Json`), so that the decoded message shows them as every format does.

use super::{Emitter, Report};
use crate::diagnostic::Diagnostic;
use serde::Serialize;

pub struct Json;

#[derive(Serialize)]
struct Out<'a> {
    version: u32,
    diagnostics: Vec<Item<'a>>,
    summary: super::Summary,
}

#[derive(Serialize)]
struct Item<'a> {
    rule: &'static str,
    severity: &'static str,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<Related<'a>>,
    fingerprint: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<Fix<'a>>,
}

/// A finding's fix: what it does, whether `check --fix` applies it (`safe`) or it needs a
/// person's decision (`manual`), and its edits by lines and columns.
#[derive(Serialize)]
struct Fix<'a> {
    title: &'a str,
    applicability: &'static str,
    edits: Vec<Edit>,
}

/// The text from `line`:`column` to just before `end_line`:`end_column` replaced by
/// `replacement` (an insert where they are equal); each line break in it is `\n`.
#[derive(Serialize)]
struct Edit {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    replacement: String,
}

fn fix(fix: &crate::fix::Fix) -> Option<Fix<'_>> {
    let edits = fix
        .edits
        .iter()
        .map(|e| {
            let at = e.at?;
            Some(Edit {
                line: at.line,
                column: at.col,
                end_line: at.end_line,
                end_column: at.end_col,
                replacement: e.replacement.replace("\r\n", "\n"),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Fix {
        title: &fix.title,
        applicability: fix.applicability.en(),
        edits,
    })
}

#[derive(Serialize)]
struct Related<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    label: &'a str,
}

fn item(d: &Diagnostic) -> Item<'_> {
    Item {
        rule: d.rule.name(),
        severity: d.severity.en(),
        file: &d.file,
        line: d.pos.line,
        column: d.pos.col,
        end_line: d.pos.end_line,
        end_column: d.pos.end_col,
        message: &d.message,
        hint: d.hint.as_deref(),
        related: d
            .related
            .iter()
            .map(|r| Related {
                file: &r.file,
                line: r.pos.line,
                column: r.pos.col,
                label: &r.label,
            })
            .collect(),
        fingerprint: &d.fingerprint,
        fix: d.fix.as_deref().and_then(fix),
    }
}

impl Emitter for Json {
    fn emit(&self, report: &Report, out: &mut String) {
        let value = Out {
            version: 1,
            diagnostics: report.diagnostics.iter().map(item).collect(),
            summary: report.summary,
        };
        if let Ok(text) = crate::text::sanitize::to_json_pretty(&value) {
            out.push_str(&text);
        }
        out.push('\n');
    }
}
