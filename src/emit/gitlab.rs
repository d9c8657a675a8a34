//! `gitlab`: GitLab's Code Quality report, a JSON array with one issue a finding (shown in
//! the merge request's Code Quality widget and, in some tiers, in the diff). The fingerprint
//! is the diagnostic's own, so GitLab recognises a finding as the same across commits while
//! unrelated lines move; errors are `major`, warnings `minor`. As the Code Climate spec asks,
//! every issue has `type: "issue"` and its `categories` (`categories`: `Security` for the
//! confidentiality rule, `Style` for the rules on form only, `id-filename` and `atc-format`,
//! `Bug Risk` for every other rule, since each names something wrong or missing in the case),
//! and a description is one line: line breaks in a message or hint are folded into a space.
//! Control characters in every string are shown as visible escapes (`text::sanitize::Json`).

use super::{Emitter, Report};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule_id::RuleId;
use crate::rules::{self, Group};
use crate::text::sanitize::{one_line, to_json_pretty};
use serde::Serialize;

pub struct Gitlab;

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    description: String,
    check_name: &'static str,
    categories: [&'static str; 1],
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
        kind: "issue",
        description: one_line(&description).into_owned(),
        check_name: d.rule.name(),
        categories: [category(d.rule)],
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

/// The Code Climate category of a rule's findings.
fn category(rule: RuleId) -> &'static str {
    match (rules::rule(rule).group, rule) {
        (Group::Confidentiality, _) => "Security",
        (_, RuleId::IdFilename | RuleId::AtcFormat) => "Style",
        _ => "Bug Risk",
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
