//! `human`: rustc-style, with the source line and the token underlined, the hint and the
//! other places a finding concerns; then the summary line.

use super::{Emitter, Report};
use crate::diagnostic::Severity;
use std::fmt::Write;

/// Output styling: ANSI colour or none.
#[derive(Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn severity(self, sev: Severity) -> &'static str {
        match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
        }
    }
}

pub struct Human;

impl Emitter for Human {
    fn emit(&self, report: &Report, out: &mut String) {
        human(report, out);
    }
}

/// rustc-style: header, location, the source line with the token underlined, hint.
fn human(report: &Report, out: &mut String) {
    let style = Style {
        color: report.color,
    };
    for d in report.diagnostics {
        let sev = style.severity(d.severity);
        let _ = writeln!(
            out,
            "{}: {}",
            style.paint(sev, &format!("{}[{}]", d.severity.sv(), d.rule)),
            style.paint("1", &d.message)
        );
        let line_no = d.pos.line.to_string();
        let gutter = " ".repeat(line_no.len());
        let _ = writeln!(
            out,
            "{gutter}{} {}:{}:{}",
            style.paint("1;34", "-->"),
            d.file,
            d.pos.line,
            d.pos.col
        );
        let source_line = (report.source)(&d.file)
            .and_then(|s| s.lines().nth((d.pos.line as usize).saturating_sub(1)));
        if let Some(line) = source_line {
            let line = line.trim_end_matches('\r');
            let bar = style.paint("1;34", "|");
            let _ = writeln!(out, "{gutter} {bar}");
            let _ = writeln!(out, "{} {bar} {line}", style.paint("1;34", &line_no));
            let col = (d.pos.col as usize).saturating_sub(1);
            let available = line.chars().count().saturating_sub(col).max(1);
            let len = if d.pos.end_line == d.pos.line {
                d.pos.end_col.saturating_sub(d.pos.col) as usize
            } else {
                available
            }
            .clamp(1, available);
            let prefix: String = line
                .chars()
                .take(col)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(
                out,
                "{gutter} {bar} {prefix}{}",
                style.paint(sev, &"^".repeat(len))
            );
        }
        if let Some(hint) = &d.hint {
            let _ = writeln!(out, "{gutter} {} tips: {hint}", style.paint("1;34", "="));
        }
        for r in &d.related {
            let _ = writeln!(
                out,
                "{gutter} {} se även: {}:{}:{}: {}",
                style.paint("1;34", "="),
                r.file,
                r.pos.line,
                r.pos.col,
                r.label
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", style.paint("1", &report.summary.line()));
}
