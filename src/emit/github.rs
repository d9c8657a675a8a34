//! `github`: GitHub Actions workflow commands, one `::error` or `::warning` annotation a
//! finding (shown on the file's line in a pull request and in the run's summary), then the
//! summary line. The default of `check` when `GITHUB_ACTIONS=true`.
//!
//! The runner parses `::KIND PROPERTIES::DATA` lines: data escapes `%`, `\r` and `\n`;
//! property values also `:` and `,`. It drops an annotation whose `col`/`endColumn` are set
//! while `line` and `endLine` differ, so a finding over several lines gives lines only.
//! The log shows only an annotation's message, and GitHub shows at most 10 error and 10
//! warning annotations a step, so the message starts with `fil:rad:kolumn:` and a note
//! says when some findings are in the log only. The log shows the text as it is: control
//! characters (`\e[2J` would clear it) are shown as visible escapes (`text::sanitize`).

use super::{Emitter, Report};
use crate::diagnostic::{Diagnostic, Severity};
use crate::text::sanitize::{Keep, controls_into};
use std::fmt::Write;

pub struct Github;

/// How many annotations of each kind GitHub shows for one step.
const SHOWN: usize = 10;

impl Emitter for Github {
    fn emit(&self, report: &Report, out: &mut String) {
        // Line breaks in a finding are `%0A` by now: the ones left end the commands.
        let mut commands = String::new();
        for d in report.diagnostics {
            annotation(d, &mut commands);
        }
        controls_into(out, &commands, Keep::LAYOUT);
        let summary = &report.summary;
        if summary.errors > SHOWN || summary.warnings > SHOWN {
            let _ = writeln!(
                out,
                "obs: GitHub visar högst {SHOWN} fel och {SHOWN} varningar per steg som \
                 annoteringar; alla fynd står här i loggen"
            );
        }
        let _ = writeln!(out, "{}", summary.line());
    }
}

/// One workflow command for one finding.
fn annotation(d: &Diagnostic, out: &mut String) {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let p = &d.pos;
    let _ = write!(out, "::{kind} file={},line={}", property(&d.file), p.line);
    if p.line == p.end_line {
        let _ = write!(out, ",col={},endColumn={}", p.col, p.end_col.max(p.col));
    } else {
        let _ = write!(out, ",endLine={}", p.end_line);
    }
    let title = format!("{}[{}]", d.severity.sv(), d.rule);
    let _ = write!(out, ",title={}::", property(&title));
    let mut text = format!("{}:{}:{}: {}", d.file, p.line, p.col, d.message);
    if let Some(hint) = &d.hint {
        let _ = write!(text, "\ntips: {hint}");
    }
    for r in &d.related {
        let _ = write!(
            text,
            "\nse även {}:{}:{}: {}",
            r.file, r.pos.line, r.pos.col, r.label
        );
    }
    out.push_str(&data(&text));
    out.push('\n');
}

/// Escapes the message of a workflow command.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pos;
    use crate::rule_id::RuleId;

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(data("100 %\r\nny rad"), "100 %25%0D%0Any rad");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn one_line_with_columns_several_lines_without() {
        let mut d = Diagnostic::new(RuleId::InvalidValue, Pos::new(3, 5, 4), "fel: värde, 5 %")
            .hint("skriv ett datum");
        d.file = "cases/a,b.yaml".into();
        let mut out = String::new();
        annotation(&d, &mut out);
        assert_eq!(
            out,
            "::error file=cases/a%2Cb.yaml,line=3,col=5,endColumn=9,title=fel[invalid-value]::cases/a,b.yaml:3:5: fel: värde, 5 %25%0Atips: skriv ett datum\n"
        );
        d.pos.end_line = 4;
        d.severity = Severity::Warning;
        d.hint = None;
        let mut out = String::new();
        annotation(&d, &mut out);
        assert_eq!(
            out,
            "::warning file=cases/a%2Cb.yaml,line=3,endLine=4,title=varning[invalid-value]::cases/a,b.yaml:3:5: fel: värde, 5 %25\n"
        );
    }
}
