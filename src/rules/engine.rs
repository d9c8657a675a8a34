//! The engine: the severity of every rule for this run, what every rule may read (`Ctx`), and
//! running every rule on every case of a loaded repo.

use super::{exceptions, rule, suggest};
use crate::config::{ConfigError, Level, Settings};
use crate::diagnostic::{Diagnostic, Severity, fingerprint};
use crate::model::{Case, text};
use crate::process::Derived;
use crate::read::CaseFile;
use crate::rule_id::RuleId;
use crate::workspace::Workspace;
use chrono::NaiveDate;
use std::collections::HashMap;

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
            if let Some(substance) = case.substance_key()
                && case.decided_to_introduce()
            {
                introduced.entry(substance).or_default().push(i);
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

    /// The other cases decided to be introduced for the substance of `me` (any indication).
    pub fn introduced<'s>(
        &'s self,
        case: &Case,
        me: usize,
    ) -> impl Iterator<Item = (&'a CaseFile, &'a Case)> + 's {
        case.substance_key()
            .and_then(|key| self.introduced.get(&key))
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

/// The level of each rule for this run: default, then `ordnat.toml`, then the command line.
pub struct Levels {
    levels: Vec<Level>,
    deny_warnings: bool,
}

impl Levels {
    /// Resolves the levels; an unknown rule name in `ordnat.toml` is an error at its line.
    pub fn new(
        settings: &Settings,
        overrides: &[(RuleId, Level)],
        deny_warnings: bool,
    ) -> Result<Self, ConfigError> {
        let mut levels: Vec<Level> = RuleId::ALL
            .iter()
            .map(|id| Level::of(rule(*id).severity))
            .collect();
        for written in &settings.rule_levels {
            let Some(id) = RuleId::from_name(&written.name) else {
                return Err(ConfigError {
                    file: settings.file.clone().unwrap_or_default(),
                    line: written.line,
                    column: written.column,
                    message: format!(
                        "okänd regel `{}` i [regler]; {}",
                        written.name,
                        suggest(&written.name)
                    ),
                });
            };
            levels[id.index()] = written.level;
        }
        for (id, level) in overrides {
            levels[id.index()] = *level;
        }
        Ok(Levels {
            levels,
            deny_warnings,
        })
    }

    /// The severity a finding of `rule` is reported with; `None` when the rule is off.
    pub fn severity(&self, rule: RuleId) -> Option<Severity> {
        match self.levels[rule.index()] {
            Level::Off => None,
            Level::Warning if !self.deny_warnings => Some(Severity::Warning),
            _ => Some(Severity::Error),
        }
    }
}

/// Runs every rule on a loaded repo: the diagnostics of its selected files, sorted.
pub fn check(ws: &Workspace, levels: &Levels) -> Vec<Diagnostic> {
    check_derived(ws, levels).0
}

/// `check`, and what the process model derived from each file's case on the way (by file
/// index; `None` for a file not selected or not read as a case), so that `report` and
/// `status` do not derive every case again.
pub fn check_derived(ws: &Workspace, levels: &Levels) -> (Vec<Diagnostic>, Vec<Option<Derived>>) {
    let ctx = Ctx::new(&ws.settings, ws.today, &ws.files);
    run_derived(&ctx, levels, &|i| ws.is_selected(i))
}

/// Runs every rule on every file and returns the diagnostics of the files for which
/// `selected` holds, with file, severity and fingerprint filled in, sorted.
pub fn run(
    ctx: &Ctx,
    levels: &Levels,
    selected: &(dyn Fn(usize) -> bool + Sync),
) -> Vec<Diagnostic> {
    run_derived(ctx, levels, selected).0
}

fn run_derived(
    ctx: &Ctx,
    levels: &Levels,
    selected: &(dyn Fn(usize) -> bool + Sync),
) -> (Vec<Diagnostic>, Vec<Option<Derived>>) {
    use rayon::prelude::*;
    let per_file: Vec<(Vec<Diagnostic>, Option<Derived>)> = ctx
        .files
        .par_iter()
        .enumerate()
        .map(|(index, file)| {
            if !selected(index) {
                return (Vec::new(), None);
            }
            let mut found = file.diagnostics.clone();
            let mut derived = None;
            if let Some(case) = &file.case {
                let process = crate::process::derive(case);
                let subject = Subject {
                    index,
                    file,
                    case,
                    process: &process,
                };
                let mut process_found: Vec<Diagnostic> = RuleId::ALL
                    .iter()
                    .filter(|id| levels.severity(**id).is_some())
                    .filter_map(|id| rule(*id).check.map(|check| check(ctx, &subject)))
                    .flatten()
                    .collect();
                exceptions::apply(case, levels, &mut process_found);
                found.extend(process_found);
                derived = Some(process);
            }
            let mut found: Vec<Diagnostic> = found
                .into_iter()
                .filter_map(|mut d| {
                    d.severity = levels.severity(d.rule)?;
                    d.file = file.display.clone();
                    Some(d)
                })
                .collect();
            fingerprint(&mut found, &file.source);
            (found, derived)
        })
        .collect();
    let mut all = Vec::new();
    let mut derived = Vec::with_capacity(per_file.len());
    for (found, d) in per_file {
        all.extend(found);
        derived.push(d);
    }
    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    (all, derived)
}
