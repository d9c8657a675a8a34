//! The rule registry and the engine that runs the rules over a repo.
//!
//! A rule is a name, a default severity, a one-line summary, an explanation that cites its
//! source document, an example of a fix, and one function from a case (seen with the whole
//! repo, for rules across files) to diagnostics. Rules that the reader applies (syntax and
//! format) are registered here too, so that `rules`, `explain` and severities treat all alike.

mod format;
mod national;
mod regional;

use crate::case::{Case, list, text};
use crate::config::{Level, Settings};
use crate::diagnostic::{Diagnostic, Severity};
use crate::process::Derived;
use crate::repo::CaseFile;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Which part of the process a rule guards; also the order of `ordnat rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Group {
    #[serde(rename = "format")]
    Format,
    #[serde(rename = "nationell process")]
    National,
    #[serde(rename = "regional process")]
    Regional,
    #[serde(rename = "kostsam terapi och uppföljning")]
    Costly,
    #[serde(rename = "sekretess")]
    Confidentiality,
}

impl Group {
    pub fn sv(self) -> &'static str {
        match self {
            Group::Format => "format",
            Group::National => "nationell process",
            Group::Regional => "regional process",
            Group::Costly => "kostsam terapi och uppföljning",
            Group::Confidentiality => "sekretess",
        }
    }
}

/// What a rule looks at.
pub type CheckFn = fn(&Ctx, &Subject) -> Vec<Diagnostic>;

/// One rule.
#[derive(serde::Serialize)]
pub struct Rule {
    pub name: &'static str,
    pub severity: Severity,
    pub group: Group,
    /// One line, Swedish.
    pub summary: &'static str,
    /// Why the rule exists, Swedish.
    pub explanation: &'static str,
    /// The source document (a file in `../shared/seeds/`) and the passage.
    pub source: &'static str,
    /// An example of what to write.
    pub fix: &'static str,
    /// `None` for the rules the reader applies while reading a file.
    #[serde(skip)]
    pub check: Option<CheckFn>,
}

/// Every rule, in the order `ordnat rules` prints them.
pub static REGISTRY: std::sync::LazyLock<Vec<&'static Rule>> = std::sync::LazyLock::new(|| {
    let mut all: Vec<&'static Rule> = Vec::new();
    all.extend(format::RULES);
    all.extend(national::RULES);
    all.extend(regional::RULES);
    all
});

pub fn find(name: &str) -> Option<&'static Rule> {
    REGISTRY.iter().copied().find(|r| r.name == name)
}

/// What to tell someone who wrote an unknown rule name: the closest rule, or where to look.
pub fn suggest(name: &str) -> String {
    let names: Vec<&str> = REGISTRY.iter().map(|r| r.name).collect();
    crate::format::closest(name, &names)
        .map(|c| format!("menade du `{c}`?"))
        .unwrap_or_else(|| "`ordnat rules` listar reglerna".into())
}

/// What every rule may read: the settings, today's date and all cases of the repo.
pub struct Ctx<'a> {
    pub settings: &'a Settings,
    pub today: NaiveDate,
    pub files: &'a [CaseFile],
    /// id → indexes into `files`.
    pub ids: HashMap<&'a str, Vec<usize>>,
    /// Substance (lower case) → indexes of the cases decided to be introduced.
    introduced: HashMap<String, Vec<usize>>,
}

fn substance_key(s: &str) -> String {
    s.trim().to_lowercase()
}

impl<'a> Ctx<'a> {
    pub fn new(settings: &'a Settings, today: NaiveDate, files: &'a [CaseFile]) -> Self {
        let mut ids: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut introduced: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, f) in files.iter().enumerate() {
            let Some(case) = f.case.as_ref() else {
                continue;
            };
            if let Some(id) = text(&case.id) {
                ids.entry(id).or_default().push(i);
            }
            if let Some(substance) = text(&case.substans)
                && crate::process::decided_to_introduce(case)
            {
                introduced
                    .entry(substance_key(substance))
                    .or_default()
                    .push(i);
            }
        }
        Ctx {
            settings,
            today,
            files,
            ids,
            introduced,
        }
    }

    /// The cases (other than `me`) decided to be introduced for `substance`, any case.
    pub fn introduced<'s>(
        &'s self,
        substance: &str,
        me: usize,
    ) -> impl Iterator<Item = (&'a CaseFile, &'a Case)> + 's {
        self.introduced
            .get(&substance_key(substance))
            .into_iter()
            .flatten()
            .filter(move |i| **i != me)
            .filter_map(|i| self.files[*i].case.as_ref().map(|c| (&self.files[*i], c)))
    }
}

/// The case a rule is looking at.
pub struct Subject<'a> {
    pub index: usize,
    pub file: &'a CaseFile,
    pub case: &'a Case,
    pub process: &'a Derived,
}

/// The severity of each rule for this run: default, then `ordnat.toml`, then the command line.
pub struct Levels {
    levels: HashMap<&'static str, Level>,
    deny_warnings: bool,
}

impl Levels {
    pub fn new(settings: &Settings, overrides: &[(String, Level)], deny_warnings: bool) -> Self {
        let mut levels: HashMap<&'static str, Level> = REGISTRY
            .iter()
            .map(|r| {
                let default = match r.severity {
                    Severity::Error => Level::Error,
                    Severity::Warning => Level::Warning,
                };
                (r.name, default)
            })
            .collect();
        for (name, level) in settings
            .rule_levels
            .iter()
            .map(|(n, l)| (n.as_str(), *l))
            .chain(overrides.iter().map(|(n, l)| (n.as_str(), *l)))
        {
            if let Some(rule) = find(name) {
                levels.insert(rule.name, level);
            }
        }
        Levels {
            levels,
            deny_warnings,
        }
    }

    pub fn severity(&self, rule: &str) -> Option<Severity> {
        match self.levels.get(rule).copied().unwrap_or(Level::Error) {
            Level::Off => None,
            Level::Warning if !self.deny_warnings => Some(Severity::Warning),
            _ => Some(Severity::Error),
        }
    }
}

pub const UNUSED_EXCEPTION: &str = "unused-exception";

/// Runs every rule on every file and returns the diagnostics of the files in `selected`
/// (all files when `None`), with file and severity filled in, sorted.
pub fn run(ctx: &Ctx, levels: &Levels, selected: Option<&[bool]>) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let mut all: Vec<Diagnostic> = ctx
        .files
        .par_iter()
        .enumerate()
        .filter(|(i, _)| selected.is_none_or(|s| s.get(*i).copied().unwrap_or(false)))
        .flat_map_iter(|(index, file)| {
            let mut found = file.diagnostics.clone();
            if let Some(case) = &file.case {
                let process = crate::process::derive(case);
                let subject = Subject {
                    index,
                    file,
                    case,
                    process: &process,
                };
                let mut process_found: Vec<Diagnostic> = REGISTRY
                    .iter()
                    .filter(|r| levels.severity(r.name).is_some())
                    .filter_map(|r| r.check.map(|check| check(ctx, &subject)))
                    .flatten()
                    .collect();
                apply_exceptions(case, &mut process_found);
                found.extend(process_found);
            }
            found
                .into_iter()
                .filter_map(|mut d| {
                    d.severity = levels.severity(d.rule)?;
                    d.file = file.display.clone();
                    Some(d)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    all
}

/// Silences the rules that the committee has excepted for this case, and reports exceptions
/// that silence nothing (or name no rule).
fn apply_exceptions(case: &Case, found: &mut Vec<Diagnostic>) {
    let exceptions = list(&case.undantag);
    let mut notes = Vec::new();
    for exception in exceptions {
        let Some(rule) = text(&exception.regel) else {
            continue;
        };
        let pos = exception.regel.as_ref().map_or(exception.pos, |r| r.pos);
        if find(rule).is_none() {
            let hint = suggest(rule);
            notes.push(
                Diagnostic::new(
                    UNUSED_EXCEPTION,
                    pos,
                    format!("undantaget gäller en okänd regel `{rule}`"),
                )
                .hint(hint),
            );
            continue;
        }
        let before = found.len();
        found.retain(|d| d.rule != rule);
        if found.len() == before {
            notes.push(
                Diagnostic::new(
                    UNUSED_EXCEPTION,
                    pos,
                    format!(
                        "undantaget från `{rule}` behövs inte: regeln slår inte till för ärendet"
                    ),
                )
                .hint("ta bort undantaget, så att regeln skyddar ärendet igen om något ändras"),
            );
        }
    }
    found.extend(notes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_named_once_cites_a_seed_and_explains_itself() {
        let mut names = std::collections::HashSet::new();
        for rule in REGISTRY.iter() {
            assert!(names.insert(rule.name), "{} twice", rule.name);
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not kebab-case",
                rule.name
            );
            assert!(
                !rule.summary.is_empty() && !rule.explanation.is_empty() && !rule.fix.is_empty()
            );
            let cites_seed = ["000_", "001_", "002_", "003_", "004_"]
                .iter()
                .any(|s| rule.source.contains(s));
            let cites_domain = rule.source.contains("DOMAIN.md");
            assert!(cites_seed || cites_domain, "{} cites no source", rule.name);
        }
    }
}
