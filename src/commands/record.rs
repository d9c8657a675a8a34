//! `ordnat record ÄRENDE STEG --fält värde …`: write a step into a case file in place
//! (`edit::record`), check the edited text with the whole repo (`rules::check_edit`), and
//! write it only when the edit adds no error (through `write::replace_case`, the one
//! permission to write a case file). `--dry-run` prints the unified diff and writes nothing.

use crate::cli::RecordArgs;
use crate::diagnostic::{Diagnostic, Severity};
use crate::edit::record::{self, Given};
use crate::rules::{self, Levels};
use crate::workspace::Opened;
use anyhow::{Context, Result, bail};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub fn run(args: &RecordArgs, today: Option<&str>) -> Result<u8> {
    let (out, code) = record_output(args, today, None)?;
    super::print(&out)?;
    Ok(code)
}

/// What `record` prints on standard out and its exit code, for a run started in `start`.
pub fn record_output(
    args: &RecordArgs,
    today: Option<&str>,
    start: Option<&Path>,
) -> Result<(String, u8)> {
    let cwd = super::start_dir(start)?;
    let Fields {
        given,
        dry_run,
        today: late_today,
    } = fields(&args.fields, args.dry_run)?;
    let today = super::today(late_today.as_deref().or(today))?;
    let step = record::recordable(&args.step)?;
    let repo = crate::workspace::open(&cwd, &[], today)?;
    let index = find(&repo, &cwd, &args.case)?;
    let file = &repo.files[index];
    let shown = repo.display(index);
    let old = std::fs::read_to_string(&file.path)
        .with_context(|| format!("kan inte läsa {shown} som text (UTF-8)"))?;
    let edited = record::record(&old, &step, &given)?;
    if edited.text == old {
        return Ok((
            format!(
                "{shown}: {} har redan de värdena; ingenting ändrades\n",
                step.word
            ),
            0,
        ));
    }
    let levels = Levels::new(&repo.settings, &[], false)?;
    let checked = rules::check_edit(&repo, &levels, index, &edited.text);
    let added = added(&checked.before, &checked.after);
    let errors = added.iter().any(|d| d.severity == Severity::Error);
    let mut out = String::new();
    if dry_run || errors {
        out.push_str(&super::diff::shown(
            &repo.settings.root,
            &file.path,
            &old,
            &edited.text,
            &shown,
        ));
    }
    if !added.is_empty() {
        out.push_str(&findings(&added, repo.files.len()));
    }
    if errors {
        out.push_str(&format!(
            "{shown}: ändringen skulle ge nya fel (ovan); ingenting skrevs\n"
        ));
        return Ok((out, 1));
    }
    if dry_run {
        out.push_str(&format!(
            "{shown}: {} (--dry-run: ingenting skrevs)\n",
            edited.what
        ));
        return Ok((out, 0));
    }
    let guard = crate::write::Guard::for_repo(&repo.settings.root, &repo.settings.cases_dir);
    crate::write::replace_case(&guard, &file.path, edited.text.as_bytes())?;
    out.push_str(&format!("{shown}: {}\n", edited.what));
    Ok((out, 0))
}

/// What follows the step on the command line.
struct Fields {
    given: Vec<Given>,
    dry_run: bool,
    /// `--today`, which clap leaves among the fields when it comes after them.
    today: Option<String>,
}

/// The `--fält värde` pairs (also `--fält=värde`), and `--dry-run` and `--today` where they
/// stand among them.
fn fields(raw: &[String], mut dry_run: bool) -> Result<Fields> {
    let mut given = Vec::new();
    let mut today = None;
    let mut rest = raw.iter();
    while let Some(arg) = rest.next() {
        if arg == "--dry-run" {
            dry_run = true;
            continue;
        }
        let Some(name) = arg.strip_prefix("--") else {
            bail!(
                "`{}` står där ett fält väntades; skriv fälten som `--fält värde`, t.ex. `--datum 2026-12-03`",
                arg.escape_debug()
            );
        };
        let (name, value) = match name.split_once('=') {
            Some((n, v)) => (n.to_string(), v.to_string()),
            None => match rest.next() {
                Some(v) => (name.to_string(), v.clone()),
                None => bail!("--{name} saknar ett värde"),
            },
        };
        if name == "today" {
            today = Some(value);
        } else {
            given.push((name, value));
        }
    }
    Ok(Fields {
        given,
        dry_run,
        today,
    })
}

/// The file of the case: a path, or the file whose case has the id (the files whose name
/// starts with the id are read first; the others only when none of them has it).
fn find(repo: &Opened, cwd: &Path, case: &str) -> Result<usize> {
    let as_path = cwd.join(case);
    if case.ends_with(".yaml") || case.ends_with(".yml") || case.contains('/') {
        let wanted = as_path.canonicalize().unwrap_or(as_path);
        return repo
            .files
            .iter()
            .position(|f| f.path.canonicalize().unwrap_or_else(|_| f.path.clone()) == wanted)
            .with_context(|| format!("{case} är ingen ärendefil i ärendemappen"));
    }
    let id = case.trim();
    let id_of = |path: &PathBuf| -> Option<String> {
        let file = crate::read::read(&repo.settings.root, path);
        file.case
            .as_ref()
            .and_then(|c| crate::model::text(&c.id))
            .map(|i| i.trim().to_string())
    };
    let named = |f: &&crate::read::Found| {
        f.path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(id))
    };
    let mut hits: Vec<usize> = (0..repo.files.len())
        .filter(|i| named(&&repo.files[*i]) && id_of(&repo.files[*i].path).as_deref() == Some(id))
        .collect();
    let mut ids: Vec<String> = Vec::new();
    if hits.is_empty() {
        for (i, f) in repo.files.iter().enumerate() {
            match id_of(&f.path) {
                Some(found) if found == id => hits.push(i),
                Some(found) => ids.push(found),
                None => {}
            }
        }
    }
    match hits[..] {
        [one] => Ok(one),
        [] => {
            let known: Vec<&str> = ids.iter().map(String::as_str).collect();
            let hint = crate::text::closest(id, &known)
                .map(|c| format!("; menade du `{c}`?"))
                .unwrap_or_default();
            bail!("inget ärende har id `{}`{hint}", id.escape_debug())
        }
        _ => bail!(
            "flera filer har id `{id}` ({}); ange filen i stället",
            hits.iter()
                .map(|i| repo.display(*i))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The findings after the edit that were not there before (by file, rule, severity and
/// message; positions move with the edit).
fn added(before: &[Diagnostic], after: &[Diagnostic]) -> Vec<Diagnostic> {
    let key = |d: &Diagnostic| (d.file.clone(), d.rule, d.severity, d.message.clone());
    let mut seen: HashMap<_, usize> = HashMap::new();
    for d in before {
        *seen.entry(key(d)).or_default() += 1;
    }
    after
        .iter()
        .filter(|d| match seen.get_mut(&key(d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

/// The findings as `check --format concise` prints them.
fn findings(found: &[Diagnostic], files: usize) -> String {
    let Some(format) = crate::emit::format("concise") else {
        return String::new();
    };
    let no_source = |_: &str| None;
    let report = crate::emit::Report {
        diagnostics: found,
        summary: crate::emit::Summary::of(found, files),
        checked: &[],
        source: &no_source,
        color: false,
    };
    let mut out = String::new();
    format.emitter.emit(&report, &mut out);
    out
}
