//! Emitters: one file per output format of `check`, each behind the one small `Emitter`
//! trait, all listed in `FORMATS`. An emitter only formats the diagnostics it is handed; it
//! decides nothing. A new format is one new file here and one line in `FORMATS`.
//!
//! May use: `diagnostic`, `fix`, `model` (positions), `rule_id`, `rules` (the registry, for formats
//! that list rules), `text`. Knows nothing of reading or the process.

mod concise;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;

use crate::diagnostic::{Diagnostic, Severity};
use crate::text::plural;

/// What an emitter is handed.
pub struct Report<'a> {
    /// Sorted by file and position.
    pub diagnostics: &'a [Diagnostic],
    pub summary: Summary,
    /// The shown paths of the case files checked (with or without findings), by path: for
    /// formats with one entry a file, such as JUnit's test cases.
    pub checked: &'a [&'a str],
    /// The source text of a file (by its shown path), for snippets: given for the files the
    /// diagnostics name when the emitter `shows_source`.
    pub source: &'a (dyn Fn(&str) -> Option<&'a str> + 'a),
    /// ANSI colour (only on a terminal, never with `NO_COLOR`).
    pub color: bool,
}

/// One output format.
pub trait Emitter: Sync {
    /// Writes the whole output of one run.
    fn emit(&self, report: &Report, out: &mut String);

    /// Whether it quotes the source (`Report::source`), which `check` then reads again for
    /// the files it shows.
    fn shows_source(&self) -> bool {
        false
    }
}

/// A format's name (the value of `--format`), its Swedish help text, and its emitter.
pub struct Format {
    pub name: &'static str,
    pub help: &'static str,
    pub emitter: &'static dyn Emitter,
}

/// Every output format of `check`.
pub const FORMATS: &[Format] = &[
    Format {
        name: "human",
        help: "Med källrad och markering, som rustc.",
        emitter: &human::Human,
    },
    Format {
        name: "concise",
        help: "En rad per fynd: fil:rad:kolumn: fel[regel]: meddelande.",
        emitter: &concise::Concise,
    },
    Format {
        name: "json",
        help: "JSON med stabila fältnamn.",
        emitter: &json::Json,
    },
    Format {
        name: "github",
        help: "Annoteringar för GitHub Actions (::error/::warning); standard när GITHUB_ACTIONS=true.",
        emitter: &github::Github,
    },
    Format {
        name: "gitlab",
        help: "Code Quality-rapport för GitLab (JSON).",
        emitter: &gitlab::Gitlab,
    },
    Format {
        name: "junit",
        help: "JUnit XML: ett testfall per ärendefil (Azure DevOps, Jenkins).",
        emitter: &junit::Junit,
    },
    Format {
        name: "sarif",
        help: "SARIF 2.1.0 med reglerna (GitHub code scanning m.fl.).",
        emitter: &sarif::Sarif,
    },
];

/// The format with this name.
pub fn format(name: &str) -> Option<&'static Format> {
    FORMATS.iter().find(|f| f.name == name)
}

/// The counts behind the summary line.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    /// Case files checked.
    pub files: usize,
    /// Case files with at least one finding.
    pub files_with_findings: usize,
    /// Findings that `check --fix` can put right (`Diagnostic::safe_fix`). Said in the
    /// summary line; in JSON each such finding has its `fix`.
    #[serde(skip)]
    pub fixable: usize,
}

impl Summary {
    pub fn of(diagnostics: &[Diagnostic], files: usize) -> Summary {
        let mut with = std::collections::HashSet::new();
        for d in diagnostics {
            with.insert(d.file.as_str());
        }
        let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
        Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            files,
            files_with_findings: with.len(),
            fixable: diagnostics
                .iter()
                .filter(|d| d.safe_fix().is_some())
                .count(),
        }
    }

    /// `2 fel, 1 varning i 3 av 17 ärenden`, and when some can be put right by `--fix`,
    /// `; 2 kan rättas med ordnat check --fix`.
    pub fn line(&self) -> String {
        let cases = plural(self.files, "ärende", "ärenden");
        if self.errors + self.warnings == 0 {
            return format!("inga fel eller varningar i {} {cases}", self.files);
        }
        let mut line = format!(
            "{} fel, {} {} i {} av {} {cases}",
            self.errors,
            self.warnings,
            plural(self.warnings, "varning", "varningar"),
            self.files_with_findings,
            self.files
        );
        if self.fixable > 0 {
            line.push_str(&format!(
                "; {} kan rättas med `ordnat check --fix`",
                self.fixable
            ));
        }
        line
    }
}

/// What a finding that `check --fix` can put right says after its message, as ruff's `[*]`.
pub const FIXABLE: &str = "[kan rättas med --fix]";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_counts() {
        let s = Summary {
            errors: 2,
            warnings: 1,
            files: 17,
            files_with_findings: 3,
            fixable: 0,
        };
        assert_eq!(s.line(), "2 fel, 1 varning i 3 av 17 ärenden");
        let s = Summary {
            errors: 0,
            warnings: 0,
            files: 17,
            files_with_findings: 0,
            fixable: 0,
        };
        assert_eq!(s.line(), "inga fel eller varningar i 17 ärenden");
        let s = Summary {
            errors: 3,
            warnings: 0,
            files: 17,
            files_with_findings: 1,
            fixable: 2,
        };
        assert_eq!(
            s.line(),
            "3 fel, 0 varningar i 1 av 17 ärenden; 2 kan rättas med `ordnat check --fix`"
        );
    }

    #[test]
    fn format_names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        assert!(FORMATS.iter().all(|f| seen.insert(f.name)));
    }
}
