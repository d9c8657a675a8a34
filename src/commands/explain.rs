//! `ordnat explain RULE`: what a rule checks, why, its source, and how to fix a finding.

use crate::rules::{self, Rule};
use anyhow::{Result, bail};

pub fn run(name: &str) -> Result<u8> {
    let Some(rule) = rules::find(name) else {
        bail!("okänd regel `{name}`; {}", rules::suggest(name));
    };
    super::print(&explanation(rule))?;
    Ok(0)
}

/// The text of `ordnat explain` (written by the registry, which SARIF's rule help shares).
pub fn explanation(rule: &Rule) -> String {
    rule.explain()
}
