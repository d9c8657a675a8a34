//! `junit`: a JUnit XML report (through quick-junit), as Azure DevOps, Jenkins and GitLab
//! read test results: one test case a checked case file. A file with an error fails, its
//! failure text listing every finding of the file as `fil:rad:kolumn: …`; a file with
//! warnings only passes, with its warnings as the test's standard output; a clean file passes.
//! quick-junit drops the characters that XML 1.0 cannot hold (escape sequences with them), so
//! that a name or a message would not read as written: every text is handed to it with its
//! control characters shown as visible escapes (`text::sanitize`), as in every format.
//! The report validates against the Jenkins xunit schema `junit-10.xsd` (tests/ci.rs).

use super::concise::line;
use super::{Emitter, Report};
use crate::diagnostic::{Diagnostic, Severity};
use crate::text::sanitize::{Keep, controls};
use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};
use std::collections::BTreeMap;

pub struct Junit;

/// The report's name, the suite's name and every test case's class name.
const REPORT: &str = "ordnat";
const SUITE: &str = "ordnat check";

impl Emitter for Junit {
    fn emit(&self, report: &Report, out: &mut String) {
        // Every checked file, with its findings (a finding on a file outside the list, which
        // the engine does not produce, still gets its test case).
        let mut files: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
        for file in report.checked {
            files.entry(file).or_default();
        }
        for d in report.diagnostics {
            files.entry(d.file.as_str()).or_default().push(d);
        }
        let mut suite = TestSuite::new(SUITE);
        suite.add_test_cases(files.iter().map(|(file, found)| test_case(file, found)));
        let mut junit = quick_junit::Report::new(REPORT);
        junit.add_test_suite(suite);
        match junit.to_string() {
            Ok(xml) => out.push_str(&without_report_skipped(xml)),
            // Writing XML into a String fails only on a bug in the serializer.
            Err(e) => out.push_str(&format!("<!-- ordnat: JUnit kunde inte skrivas: {e} -->")),
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
}

/// The report without the `skipped` attribute that quick-junit always writes on
/// `<testsuites>`: the Jenkins xunit schema (`junit-10.xsd`, which Jenkins validates against)
/// allows it only on `<testsuite>`, where it stays, and ordnat skips no file. That tag holds
/// only ordnat's name and counts, never a case's text, so the attribute is found by its text.
fn without_report_skipped(mut xml: String) -> String {
    const ATTRIBUTE: &str = " skipped=\"";
    let Some(tag) = xml.find("<testsuites ") else {
        return xml;
    };
    let Some(tag_len) = xml[tag..].find('>') else {
        return xml;
    };
    let tag_text = &xml[tag..tag + tag_len];
    if let Some(at) = tag_text.find(ATTRIBUTE)
        && let Some(value_len) = tag_text[at + ATTRIBUTE.len()..].find('"')
    {
        let start = tag + at;
        xml.replace_range(start..start + ATTRIBUTE.len() + value_len + 1, "");
    }
    xml
}

fn test_case(file: &str, found: &[&Diagnostic]) -> TestCase {
    let file = controls(file, Keep::LAYOUT);
    let text = found.iter().map(|d| line(d)).collect::<Vec<_>>().join("\n");
    let text = controls(&text, Keep::LAYOUT).into_owned();
    let mut errors = found.iter().filter(|d| d.severity == Severity::Error);
    let Some(first) = errors.next() else {
        // Clean, or warnings only: passes; the warnings are its output.
        let mut case = TestCase::new(file.as_ref(), TestCaseStatus::success());
        case.set_classname(REPORT);
        if !found.is_empty() {
            case.set_system_out(text);
        }
        return case;
    };
    let mut rules = vec![first.rule.name()];
    for d in errors {
        if !rules.contains(&d.rule.name()) {
            rules.push(d.rule.name());
        }
    }
    // The first error is the message (what a list of failed tests shows); the text has every
    // finding of the file.
    let mut message = controls(&line(first), Keep::LAYOUT).into_owned();
    if found.len() > 1 {
        message.push_str(&format!(" (och {} fynd till)", found.len() - 1));
    }
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
    status
        .set_message(message)
        .set_type(rules.join(", "))
        .set_description(text);
    let mut case = TestCase::new(file.as_ref(), status);
    case.set_classname(REPORT);
    case
}
