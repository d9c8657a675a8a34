//! The level of every rule for one run (off, warning, error): the registry's default, then
//! `ordnat.toml`'s `[regler]`, then the command line, and `--deny warnings`. The engine and the
//! committee's exceptions both read it.

use super::{Check, rule, suggest};
use crate::config::{ConfigError, Level, Settings};
use crate::diagnostic::Severity;
use crate::rule_id::RuleId;

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
                    message: format!("okänd regel `{}` i [regler]", written.name),
                    hint: suggest(&written.name),
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

    /// How each rule switched on for this run is checked.
    pub(super) fn on(&self) -> impl Iterator<Item = &'static Check> + '_ {
        RuleId::ALL
            .iter()
            .filter(|id| self.severity(**id).is_some())
            .map(|id| &rule(*id).check)
    }
}
