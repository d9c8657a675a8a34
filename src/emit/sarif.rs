//! `sarif`: SARIF 2.1.0 (typed, through serde-sarif), as GitHub code scanning and other
//! SARIF viewers read it. The rule registry is the tool's rule list (summary, explanation,
//! the text of `ordnat explain`, default level, group as tag); each finding is a result with
//! its rule (by id and index), level, message with the hint, location with start and end,
//! the other places it concerns, its fingerprint as a partial fingerprint, and its safe fix
//! (`fix::Applicability::Safe`, what `check --fix` applies) as a SARIF fix: one artifact
//! change with a replacement per edit (the region deleted, by lines and columns, and the text
//! inserted).
//!
//! Columns count characters (Unicode code points), as every position in ordnat does, so the
//! run says `columnKind: unicodeCodePoints`. Messages are Swedish: `language: sv-SE`. Control
//! characters in every string are shown as visible escapes (`text::sanitize::Json`).

use super::{Emitter, Report};
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::Applicability;
use crate::model::Pos;
use crate::rules::Rule;
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix, Location, Message,
    MultiformatMessageString, PhysicalLocation, PropertyBag, Region, Replacement,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultColumnKind,
    ResultLevel, Run, SCHEMA_URL, Sarif as SarifLog, Tool, ToolComponent, Version,
};
use std::collections::BTreeMap;

pub struct Sarif;

/// The key of ordnat's fingerprint among a result's partial fingerprints.
const FINGERPRINT_KEY: &str = "ordnat/v1";

impl Emitter for Sarif {
    fn emit(&self, report: &Report, out: &mut String) {
        let rules: Vec<ReportingDescriptor> = crate::rules::all().map(descriptor).collect();
        let driver = ToolComponent::builder()
            .name("ordnat")
            .full_name(format!("ordnat {}", env!("CARGO_PKG_VERSION")))
            .version(env!("CARGO_PKG_VERSION"))
            .semantic_version(env!("CARGO_PKG_VERSION"))
            .language("sv-SE")
            .rules(rules)
            .build();
        let results: Vec<SarifResult> = report.diagnostics.iter().map(result).collect();
        let run = Run::builder()
            .tool(Tool::builder().driver(driver).build())
            .results(results)
            .column_kind(json(ResultColumnKind::UnicodeCodePoints))
            .language("sv-SE")
            .build();
        let log = SarifLog::builder()
            .schema(SCHEMA_URL)
            .version(json(Version::V2_1_0))
            .runs(vec![run])
            .build();
        if let Ok(text) = crate::text::sanitize::to_json_pretty(&log) {
            out.push_str(&text);
        }
        out.push('\n');
    }
}

/// A SARIF enum as the JSON value that serde-sarif's untyped fields take.
fn json<T: serde::Serialize>(value: T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
    }
}

fn text(s: impl Into<String>) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s).build()
}

/// One rule of the registry.
fn descriptor(rule: &Rule) -> ReportingDescriptor {
    ReportingDescriptor::builder()
        .id(rule.name())
        .short_description(text(rule.summary))
        .full_description(text(rule.explanation))
        .help(text(rule.explain()))
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json(level(rule.severity)))
                .build(),
        )
        .properties(
            PropertyBag::builder()
                .tags(vec![rule.group.sv().to_string()])
                .additional_properties(BTreeMap::new())
                .build(),
        )
        .build()
}

/// One finding.
fn result(d: &Diagnostic) -> SarifResult {
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message.push_str("\ntips: ");
        message.push_str(hint);
    }
    let related: Vec<Location> = d
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            Location::builder()
                .id(i as i64 + 1)
                .physical_location(physical(&r.file, r.pos))
                .message(Message::builder().text(r.label.clone()).build())
                .build()
        })
        .collect();
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert(FINGERPRINT_KEY.to_string(), d.fingerprint.clone());
    let location = Location::builder()
        .physical_location(physical(&d.file, d.pos))
        .build();
    let mut result = SarifResult::builder()
        .rule_id(d.rule.name())
        .rule_index(d.rule.index() as i64)
        .level(level(d.severity))
        .message(Message::builder().text(message).build())
        .locations(vec![location])
        .partial_fingerprints(fingerprints)
        .build();
    if !related.is_empty() {
        result.related_locations = Some(related);
    }
    result.fixes = fix(d).map(|f| vec![f]);
    result
}

/// The safe fix of a finding as a SARIF fix, when every edit of it is located in lines.
fn fix(d: &Diagnostic) -> Option<Fix> {
    let fix = d.fix.as_deref()?;
    if fix.applicability != Applicability::Safe {
        return None;
    }
    let replacements = fix
        .edits
        .iter()
        .map(|e| {
            let at = e.at?;
            let region = Region::builder()
                .start_line(i64::from(at.line))
                .start_column(i64::from(at.col))
                .end_line(i64::from(at.end_line))
                .end_column(i64::from(at.end_col))
                .build();
            let mut replacement = Replacement::builder().deleted_region(region).build();
            if !e.replacement.is_empty() {
                // The line breaks a fix writes are the file's own; here each is `\n`.
                let text = e.replacement.replace("\r\n", "\n");
                replacement.inserted_content = Some(ArtifactContent::builder().text(text).build());
            }
            Some(replacement)
        })
        .collect::<Option<Vec<_>>>()?;
    let change = ArtifactChange::builder()
        .artifact_location(ArtifactLocation::builder().uri(uri(&d.file)).build())
        .replacements(replacements)
        .build();
    Some(
        Fix::builder()
            .description(Message::builder().text(fix.title.clone()).build())
            .artifact_changes(vec![change])
            .build(),
    )
}

fn physical(file: &str, pos: Pos) -> PhysicalLocation {
    let end_col = if pos.end_line == pos.line {
        pos.end_col.max(pos.col)
    } else {
        pos.end_col
    };
    PhysicalLocation::builder()
        .artifact_location(ArtifactLocation::builder().uri(uri(file)).build())
        .region(
            Region::builder()
                .start_line(i64::from(pos.line.max(1)))
                .start_column(i64::from(pos.col.max(1)))
                .end_line(i64::from(pos.end_line.max(pos.line).max(1)))
                .end_column(i64::from(end_col.max(1)))
                .build(),
        )
        .build()
}

/// A shown path as a URI reference (RFC 3986): relative paths stay relative (to the repo
/// root, as code scanning expects), absolute ones become `file:` URIs; every byte but the
/// unreserved characters and `/` is percent-encoded (å is `%C3%A5`).
fn uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    } else if path.as_bytes().get(1) == Some(&b':') {
        out.push_str("file:///");
    }
    for (i, b) in path.bytes().enumerate() {
        match b {
            b':' if i == 1 && out.starts_with("file:") => out.push(':'),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            uri("cases/2026-001-å b.yaml"),
            "cases/2026-001-%C3%A5%20b.yaml"
        );
        assert_eq!(uri("/tmp/x.yaml"), "file:///tmp/x.yaml");
        assert_eq!(uri("C:/a b/x.yaml"), "file:///C:/a%20b/x.yaml");
    }
}
