//! `ordnat check`: load the repo, run every rule, emit the findings in the chosen format.

use crate::cli::CheckArgs;
use crate::config::Level;
use crate::emit::{Report, Summary};
use crate::rule_id::RuleId;
use crate::rules::{self, Levels};
use anyhow::{Context, Result, bail};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::Path;

pub fn run(args: &CheckArgs, today: Option<&str>) -> Result<u8> {
    let terminal = std::io::stdout().is_terminal();
    let (text, code) = check_output(args, today, None, terminal)?;
    super::print(&text)?;
    Ok(code)
}

/// What `check` prints on standard out and its exit code, without printing: the whole command
/// for a run started in `start` (the current folder when `None`). `terminal` tells whether
/// standard out is a terminal, which picks the default format and allows colour. The tests
/// call this to run `check` in-process.
pub fn check_output(
    args: &CheckArgs,
    today: Option<&str>,
    start: Option<&Path>,
    terminal: bool,
) -> Result<(String, u8)> {
    let (overrides, deny_warnings) = overrides(args)?;
    let today = super::today(today)?;
    let cwd = match start {
        Some(start) => start.to_path_buf(),
        None => std::env::current_dir().context("kan inte läsa aktuell mapp")?,
    };
    let ws = crate::workspace::load(&cwd, &args.paths, today)?;
    let levels = Levels::new(&ws.settings, &overrides, deny_warnings)?;
    let diagnostics = rules::check(&ws, &levels);
    let summary = Summary::of(&diagnostics, ws.selected_count());
    let name = args
        .format
        .as_deref()
        .unwrap_or(if terminal { "human" } else { "concise" });
    let Some(format) = crate::emit::format(name) else {
        bail!("okänt format `{name}`");
    };
    let sources: HashMap<&str, &str> = ws
        .files
        .iter()
        .map(|f| (f.display.as_str(), f.source.as_str()))
        .collect();
    let source = |file: &str| sources.get(file).copied();
    let report = Report {
        diagnostics: &diagnostics,
        summary,
        source: &source,
        color: terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let mut text = String::new();
    format.emitter.emit(&report, &mut text);
    Ok((text, u8::from(summary.errors > 0)))
}

/// `-D/-W/-A RULE` as levels per rule; `-D warnings` turns every warning into an error.
fn overrides(args: &CheckArgs) -> Result<(Vec<(RuleId, Level)>, bool)> {
    let mut overrides = Vec::new();
    let mut deny_warnings = false;
    for (names, level) in [
        (&args.deny, Level::Error),
        (&args.warn, Level::Warning),
        (&args.allow, Level::Off),
    ] {
        for name in names {
            if name == "warnings" && level == Level::Error {
                deny_warnings = true;
                continue;
            }
            let Some(id) = RuleId::from_name(name) else {
                bail!("okänd regel `{name}`; {}", rules::suggest(name));
            };
            overrides.push((id, level));
        }
    }
    Ok((overrides, deny_warnings))
}
