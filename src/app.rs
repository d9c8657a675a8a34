//! The commands: each takes parsed arguments, runs the one-way flow and returns an exit code
//! (0 nothing at error level, 1 findings at error level, 2 usage/configuration/I/O problems).

use crate::cli::{CheckArgs, CheckFormat, Cli, Command, ListFormat};
use crate::config::{Level, Settings};
use crate::diagnostic::Severity;
use crate::render::{Style, Summary};
use crate::rules::{self, Ctx, Levels, REGISTRY};
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

pub fn run(cli: Cli) -> Result<u8> {
    let today = today(cli.today.as_deref())?;
    match cli.command {
        Command::Check(args) => check(&args, today),
        Command::Rules { format } => {
            print(&rules_list(format))?;
            Ok(0)
        }
        Command::Explain { rule } => explain(&rule),
        Command::Schema { config } => {
            let schema = if config {
                crate::schema::config_schema()
            } else {
                crate::schema::case_schema().clone()
            };
            print(&crate::schema::to_text(&schema))?;
            Ok(0)
        }
    }
}

/// Today's date: `--today` / `ORDNAT_TODAY`, else the local clock.
fn today(arg: Option<&str>) -> Result<NaiveDate> {
    match arg {
        Some(s) => crate::format::parse_date(s.trim()).with_context(|| {
            format!("`{s}` är inte ett datum; --today och ORDNAT_TODAY skrivs ÅÅÅÅ-MM-DD")
        }),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("kan inte skriva till standard ut"),
    }
}

/// The result of checking a repo, before rendering.
pub struct CheckOutcome {
    pub settings: Settings,
    pub files: Vec<crate::repo::CaseFile>,
    pub diagnostics: Vec<crate::diagnostic::Diagnostic>,
    /// How many files were selected for reporting.
    pub checked: usize,
}

/// Finds the repo from the current folder, reads every case and runs every rule.
pub fn check_repo(
    paths: &[PathBuf],
    today: NaiveDate,
    overrides: &[(String, Level)],
    deny_warnings: bool,
) -> Result<CheckOutcome> {
    let cwd = std::env::current_dir().context("kan inte läsa aktuell mapp")?;
    let settings = crate::config::discover(&cwd)?;
    if !settings.cases_dir.exists() && paths.is_empty() {
        bail!(
            "ärendemappen {} finns inte (ange `ärenden` i ordnat.toml)",
            settings.cases_dir.display()
        );
    }
    let mut found = crate::repo::find(&settings.root, &settings.cases_dir);
    // With paths, the whole repo is still read (for references across files), and the paths
    // outside the cases folder are added; only the paths' findings are reported.
    let normalize = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let mut wanted: Option<HashSet<PathBuf>> = None;
    if !paths.is_empty() {
        let mut named = Vec::new();
        for p in paths {
            let abs = if p.is_absolute() {
                p.clone()
            } else {
                cwd.join(p)
            };
            if std::fs::symlink_metadata(&abs).is_err() {
                bail!("{} finns inte", p.display());
            }
            named.extend(crate::repo::find(&settings.root, &abs));
        }
        let known: HashSet<PathBuf> = found.iter().map(|f| normalize(&f.path)).collect();
        wanted = Some(named.iter().map(|f| normalize(&f.path)).collect());
        found.extend(
            named
                .into_iter()
                .filter(|f| !known.contains(&normalize(&f.path))),
        );
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    let files = crate::repo::read_all(&settings.root, &found);
    let selected: Option<Vec<bool>> = wanted.map(|w| {
        files
            .iter()
            .map(|f| w.contains(&normalize(&f.path)))
            .collect()
    });
    let levels = Levels::new(&settings, overrides, deny_warnings);
    let ctx = Ctx::new(&settings, today, &files);
    let diagnostics = rules::run(&ctx, &levels, selected.as_deref());
    let checked = selected
        .as_ref()
        .map_or(files.len(), |s| s.iter().filter(|x| **x).count());
    Ok(CheckOutcome {
        settings,
        files,
        diagnostics,
        checked,
    })
}

fn check(args: &CheckArgs, today: NaiveDate) -> Result<u8> {
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
            if rules::find(name).is_none() {
                bail!("okänd regel `{name}`; {}", rules::suggest(name));
            }
            overrides.push((name.clone(), level));
        }
    }
    let outcome = check_repo(&args.paths, today, &overrides, deny_warnings)?;
    let summary = Summary::of(&outcome.diagnostics, outcome.checked);
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        CheckFormat::Human
    } else {
        CheckFormat::Concise
    });
    let text = match format {
        CheckFormat::Human => {
            let sources: HashMap<&str, &str> = outcome
                .files
                .iter()
                .map(|f| (f.display.as_str(), f.source.as_str()))
                .collect();
            let color = std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            crate::render::human(&outcome.diagnostics, &sources, &summary, Style { color })
        }
        CheckFormat::Concise => crate::render::concise(&outcome.diagnostics, &summary),
        CheckFormat::Json => crate::render::json(&outcome.diagnostics, &summary),
    };
    print(&text)?;
    Ok(u8::from(summary.errors > 0))
}

/// `ordnat rules`: a table (name, severity, group, summary) or JSON.
pub fn rules_list(format: ListFormat) -> String {
    match format {
        ListFormat::Json => {
            let mut s = serde_json::to_string_pretty(&*REGISTRY).unwrap_or_default();
            s.push('\n');
            s
        }
        ListFormat::Table => {
            let width = REGISTRY.iter().map(|r| r.name.len()).max().unwrap_or(0);
            let mut out = String::new();
            let mut group = None;
            for r in REGISTRY.iter() {
                if group != Some(r.group) {
                    if group.is_some() {
                        out.push('\n');
                    }
                    out.push_str(&format!("{}\n", r.group.sv().to_uppercase()));
                    group = Some(r.group);
                }
                out.push_str(&format!(
                    "  {:width$}  {:7}  {}\n",
                    r.name,
                    r.severity.sv(),
                    r.summary
                ));
            }
            out
        }
    }
}

fn explain(name: &str) -> Result<u8> {
    let Some(rule) = rules::find(name) else {
        bail!("okänd regel `{name}`; {}", rules::suggest(name));
    };
    print(&explanation(rule))?;
    Ok(0)
}

/// The text of `ordnat explain`.
pub fn explanation(rule: &rules::Rule) -> String {
    let severity = match rule.severity {
        Severity::Error => "fel",
        Severity::Warning => "varning",
    };
    let fix = rule
        .fix
        .lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "{name} ({severity} som standard, {group})\n\n{summary}\n\n{explanation}\n\nKälla: {source}\n\nSå här rättar du:\n{fix}\n",
        name = rule.name,
        group = rule.group.sv(),
        summary = rule.summary,
        explanation = textwrap(rule.explanation),
        source = rule.source,
    )
}

fn textwrap(s: &str) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in s.split_whitespace() {
        if line_len > 0 && line_len + 1 + word.chars().count() > 90 {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += word.chars().count();
    }
    out
}
