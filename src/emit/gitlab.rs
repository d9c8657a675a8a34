//! `gitlab`: GitLab's Code Quality report, a JSON array with one issue a finding (shown in
//! the merge request's Code Quality widget and, in some tiers, in the diff). The fingerprint
//! is the diagnostic's own, so GitLab recognises a finding as the same across commits while
//! unrelated lines move; errors are `major`, warnings `minor`. A description is one line (the
//! Code Climate spec): line breaks in a message or hint are folded into a space. Control
//! characters in every string are shown as visible escapes (`text::sanitize::Json`).

use super::{Emitter, Report};
use crate::diagnostic::{Diagnostic, Severity};
use crate::text::sanitize::{one_line, to_json_pretty};
use serde::Serialize;

pub struct Gitlab;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: &'a str,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

fn issue(d: &Diagnostic) -> Issue<'_> {
    let mut description = format!("{}[{}]: {}", d.severity.sv(), d.rule, d.message);
    if let Some(hint) = &d.hint {
        description.push_str(&format!(" (tips: {hint})"));
    }
    Issue {
        description: one_line(&description).into_owned(),
        check_name: d.rule.name(),
        fingerprint: &d.fingerprint,
        severity: match d.severity {
            Severity::Error => "major",
            Severity::Warning => "minor",
        },
        location: Location {
            path: &d.file,
            lines: Lines {
                begin: d.pos.line,
                end: d.pos.end_line.max(d.pos.line),
            },
        },
    }
}

impl Emitter for Gitlab {
    fn emit(&self, report: &Report, out: &mut String) {
        let issues: Vec<Issue> = report.diagnostics.iter().map(issue).collect();
        if let Ok(text) = to_json_pretty(&issues) {
            out.push_str(&text);
        }
        out.push('\n');
    }
}
