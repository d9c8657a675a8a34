//! Renders diagnostics: `human` (rustc-style snippet), `concise` (`fil:rad:kolumn: …`) and
//! `json`, each followed by (or holding) the summary. Renderers only format; they decide nothing.

use crate::diagnostic::{Diagnostic, Severity};
use std::collections::HashMap;
use std::fmt::Write;

/// The counts behind the summary line.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    /// Case files checked.
    pub files: usize,
    /// Case files with at least one finding.
    pub files_with_findings: usize,
}

impl Summary {
    pub fn of(diagnostics: &[Diagnostic], files: usize) -> Summary {
        let mut with = std::collections::HashSet::new();
        for d in diagnostics {
            with.insert(d.file.as_str());
        }
        Summary {
            errors: diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count(),
            warnings: diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count(),
            files,
            files_with_findings: with.len(),
        }
    }

    /// `2 fel, 1 varning i 3 av 17 ärenden`.
    pub fn line(&self) -> String {
        let cases = if self.files == 1 {
            "ärende"
        } else {
            "ärenden"
        };
        if self.errors + self.warnings == 0 {
            return format!("inga fel eller varningar i {} {cases}", self.files);
        }
        let warnings = if self.warnings == 1 {
            "varning"
        } else {
            "varningar"
        };
        format!(
            "{} fel, {} {warnings} i {} av {} {cases}",
            self.errors, self.warnings, self.files_with_findings, self.files
        )
    }
}

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

/// rustc-style: header, location, the source line with the token underlined, hint.
pub fn human(
    diagnostics: &[Diagnostic],
    sources: &HashMap<&str, &str>,
    summary: &Summary,
    style: Style,
) -> String {
    let mut out = String::new();
    for d in diagnostics {
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
        let source_line = sources
            .get(d.file.as_str())
            .and_then(|s| s.lines().nth((d.pos.line as usize).saturating_sub(1)));
        if let Some(line) = source_line {
            let line = line.trim_end_matches('\r');
            let bar = style.paint("1;34", "|");
            let _ = writeln!(out, "{gutter} {bar}");
            let _ = writeln!(out, "{} {bar} {line}", style.paint("1;34", &line_no));
            let col = (d.pos.col as usize).saturating_sub(1);
            let available = line.chars().count().saturating_sub(col).max(1);
            let len = (d.pos.len as usize).clamp(1, available);
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
                r.line,
                r.column,
                r.label
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", style.paint("1", &summary.line()));
    out
}

/// One line a finding: `fil:rad:kolumn: fel[regel]: meddelande (tips: …)`.
pub fn concise(diagnostics: &[Diagnostic], summary: &Summary) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let _ = write!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            d.file,
            d.pos.line,
            d.pos.col,
            d.severity.sv(),
            d.rule,
            d.message
        );
        if let Some(hint) = &d.hint {
            let _ = write!(out, " (tips: {hint})");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", summary.line());
    out
}

/// The JSON report: `{"version": 1, "diagnostics": [...], "summary": {...}}`.
pub fn json(diagnostics: &[Diagnostic], summary: &Summary) -> String {
    let value = serde_json::json!({
        "version": 1,
        "diagnostics": diagnostics,
        "summary": summary,
    });
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}

/// Swedish money: `1 250 000 kr`.
pub fn kronor(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out + " kr"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_printed_swedish_style() {
        assert_eq!(kronor(1_250_000), "1 250 000 kr");
        assert_eq!(kronor(100_000), "100 000 kr");
        assert_eq!(kronor(950), "950 kr");
    }

    #[test]
    fn summary_line_counts() {
        let s = Summary {
            errors: 2,
            warnings: 1,
            files: 17,
            files_with_findings: 3,
        };
        assert_eq!(s.line(), "2 fel, 1 varning i 3 av 17 ärenden");
        let s = Summary {
            errors: 0,
            warnings: 0,
            files: 17,
            files_with_findings: 0,
        };
        assert_eq!(s.line(), "inga fel eller varningar i 17 ärenden");
    }
}
