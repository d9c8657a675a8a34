//! `ordnat check`: load the repo, run every rule, emit the findings in the chosen format
//! (to standard out, or to a file with `--output` while standard out gets the default
//! format), optionally only for the case files changed since a git revision. With `--fix`
//! the certain fixes are written first and the findings left are reported; with `--diff`
//! (also with `--fix`) they are shown as a unified diff instead of the findings and nothing is
//! written (`check_fix`).

use super::check_fix::{self, Mode};
use super::output::FileFormat;
use crate::cli::CheckArgs;
use crate::config::Level;
use crate::diagnostic::Diagnostic;
use crate::emit::{Format, Report, Summary};
use crate::read::Found;
use crate::rule_id::RuleId;
use crate::rules::{self, Levels};
use crate::workspace::Opened;
use anyhow::{Result, bail};
use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::Path;

pub fn run(args: &CheckArgs, today: Option<&str>) -> Result<u8> {
    let terminal = std::io::stdout().is_terminal();
    let (text, code) = check_output(args, today, None, terminal)?;
    super::print(&text)?;
    Ok(code)
}

/// What `check` prints on standard out and its exit code, without printing (a report asked
/// for with `--output` is written to its file): the whole command for a run started in
/// `start` (the current folder when `None`). `terminal` tells whether standard out is a
/// terminal, which picks the default format and allows colour. The tests call this to run
/// `check` in-process.
pub fn check_output(
    args: &CheckArgs,
    today: Option<&str>,
    start: Option<&Path>,
    terminal: bool,
) -> Result<(String, u8)> {
    let (overrides, deny_warnings) = overrides(args)?;
    let today = super::today(today)?;
    let cwd = super::start_dir(start)?;
    let mut repo = crate::workspace::open(&cwd, &args.paths, today)?;
    // A file `--output` may not name, or whose extension picks no format, stops the run
    // before the work (the files are found, not read yet).
    let guard = super::output::guard(&repo, start, args.output.as_deref())?;
    let output = args
        .output
        .as_deref()
        .map(|file| super::output::path(start, file));
    let shown = format(default_format(terminal))?;
    let explicit = args.format.as_deref().map(format).transpose()?;
    let chosen = match (explicit, &args.output) {
        (explicit, Some(output)) => format(super::output::pick(
            "check",
            FILE_FORMATS,
            explicit.map(|f| f.name),
            Some(output),
            "concise",
        )?)?,
        (Some(chosen), None) => chosen,
        (None, None) => shown,
    };
    if let Some(rev) = &args.changed_since {
        let changed = crate::workspace::changed_since(&repo.settings.root, rev)?;
        // A changed ordnat.toml can change the findings of every case.
        let config_changed = repo
            .settings
            .file
            .as_ref()
            .is_some_and(|f| changed.contains(&f.canonicalize().unwrap_or_else(|_| f.clone())));
        if !config_changed {
            repo.select_among(&changed);
        }
    }
    let levels = Levels::new(&repo.settings, &overrides, deny_warnings)?;
    let (mut diagnostics, mut checked) = rules::check_streaming(&repo, &levels);
    let mut failed = false;
    if args.fix || args.diff {
        // `--diff` shows what `--fix` would write, and writes nothing, also with `--fix` (as
        // ruff's `--diff` does).
        let mode = if args.diff { Mode::Diff } else { Mode::Write };
        let fixed = check_fix::fix(&repo, &levels, &diagnostics, mode);
        for problem in &fixed.failed {
            eprintln!("ordnat: fel: {problem}");
        }
        failed = !fixed.failed.is_empty();
        eprintln!("ordnat: {}", fixed.said(mode));
        if mode == Mode::Diff {
            let code = if failed { 2 } else { u8::from(fixed.files > 0) };
            return Ok((fixed.diff, code));
        }
        if fixed.files > 0 {
            (diagnostics, checked) = rules::check_streaming(&repo, &levels);
        }
    }
    let summary = Summary::of(&diagnostics, repo.selected_count());
    let checked: Vec<&str> = checked.iter().map(String::as_str).collect();
    let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    // Standard out gets `shown` only when the chosen format goes to a file.
    let emitted = [Some(chosen), output.as_ref().map(|_| shown)];
    let quoted = if emitted.iter().flatten().any(|f| f.emitter.shows_source()) {
        sources(&repo, &diagnostics)
    } else {
        HashMap::new()
    };
    let source = |file: &str| quoted.get(file).map(String::as_str);
    let report = |color| Report {
        diagnostics: &diagnostics,
        summary,
        checked: &checked,
        source: &source,
        color,
    };
    let mut text = String::new();
    match &output {
        Some(path) => {
            let mut file_text = String::new();
            chosen.emitter.emit(&report(false), &mut file_text);
            crate::write::replace(&guard, path, |out| out.write_all(file_text.as_bytes()))?;
            shown.emitter.emit(&report(color), &mut text);
        }
        None => chosen.emitter.emit(&report(color), &mut text),
    }
    let code = if failed {
        2
    } else {
        u8::from(summary.errors > 0)
    };
    Ok((text, code))
}

/// The source texts of the files the diagnostics name (where they are and the places they
/// relate to), by shown path, read again as the reader reads them (confidential values
/// masked): the first pass kept no source.
fn sources(repo: &Opened, diagnostics: &[Diagnostic]) -> HashMap<String, String> {
    let named: HashSet<&str> = diagnostics
        .iter()
        .flat_map(|d| {
            std::iter::once(d.file.as_str()).chain(d.related.iter().map(|r| r.file.as_str()))
        })
        .collect();
    let wanted: Vec<Found> = (0..repo.files.len())
        // A path found with a problem (a link out of the repo) is never read.
        .filter(|i| repo.files[*i].problem.is_none())
        .filter(|i| named.contains(repo.display(*i).as_str()))
        .map(|i| Found {
            path: repo.files[i].path.clone(),
            problem: None,
        })
        .collect();
    crate::read::read_each(&repo.settings.root, &wanted, |_, f| (f.display, f.source))
}
/// The format of standard out when `--format` is not given: `github` in GitHub Actions
/// (`GITHUB_ACTIONS=true`), `human` on a terminal, `concise` otherwise.
fn default_format(terminal: bool) -> &'static str {
    if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
        "github"
    } else if terminal {
        "human"
    } else {
        "concise"
    }
}

/// The formats of `check` written to a file, and the extensions that pick them (`.json` picks
/// `json`; `gitlab` and `sarif` are JSON too and named with `--format`).
const FILE_FORMATS: &[FileFormat<&str>] = &[
    FileFormat {
        format: "concise",
        name: "concise",
        extensions: &["txt", "log"],
    },
    FileFormat {
        format: "json",
        name: "json",
        extensions: &["json"],
    },
    FileFormat {
        format: "junit",
        name: "junit",
        extensions: &["xml"],
    },
    FileFormat {
        format: "sarif",
        name: "sarif",
        extensions: &["sarif", "json"],
    },
    FileFormat {
        format: "gitlab",
        name: "gitlab",
        extensions: &["json"],
    },
    FileFormat {
        format: "human",
        name: "human",
        extensions: &["txt", "log"],
    },
    FileFormat {
        format: "github",
        name: "github",
        extensions: &["txt", "log"],
    },
];

fn format(name: &str) -> Result<&'static Format> {
    match crate::emit::format(name) {
        Some(format) => Ok(format),
        None => bail!("okänt format `{name}`"),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_its_extensions() {
        for f in crate::emit::FORMATS {
            assert!(FILE_FORMATS.iter().any(|t| t.name == f.name), "{}", f.name);
        }
        for t in FILE_FORMATS {
            assert_eq!(t.name, t.format);
            assert!(crate::emit::format(t.name).is_some(), "{}", t.name);
        }
    }
}
