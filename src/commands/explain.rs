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

/// The text of `ordnat explain`.
pub fn explanation(rule: &Rule) -> String {
    let fix = rule
        .fix
        .lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n");
    let sources = rule
        .sources
        .iter()
        .map(|cite| {
            format!(
                "Källa: {}\n{}",
                cite.source.get().line(),
                crate::text::wrap(cite.passage, 86)
                    .lines()
                    .map(|l| format!("    {l}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "{name} ({severity} som standard, {group})\n\n{summary}\n\n{explanation}\n\n{sources}\n\nSå här rättar du:\n{fix}\n",
        name = rule.name(),
        severity = rule.severity.sv(),
        group = rule.group.sv(),
        summary = rule.summary,
        explanation = crate::text::wrap(rule.explanation, 90),
    )
}
