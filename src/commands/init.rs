//! `ordnat init [DIR]`: scaffold a case repo from a regional template, or complete an existing
//! one: what is missing is written, what exists is left untouched and listed as skipped. Each
//! file is created whole or not at all, never over another (`crate::write::create_new`), and
//! when writing fails midway what was written is removed.

use crate::cli::InitArgs;
use crate::init::{KEEP_FILE, Target, targets, template};
use crate::write::Guard;
use anyhow::{Context, Result, bail};
use std::path::{Component, Path, PathBuf};

pub fn run(args: &InitArgs) -> Result<u8> {
    let Some(template) = template(&args.mall) else {
        bail!("okänd mall `{}`", args.mall);
    };
    let dir = super::start_dir(args.dir.as_deref())?;
    if dir.exists() && !dir.is_dir() {
        bail!("{} finns redan och är ingen mapp", dir.display());
    }
    let cases = cases_folder(&dir)?;
    let all = targets(template, cases.as_deref().unwrap_or(crate::init::CASES_DIR));
    let (skipped, missing): (Vec<Target>, Vec<Target>) = all
        .into_iter()
        .filter(|t| cases.is_some() || t.text.is_some())
        .partition(|t| std::fs::symlink_metadata(dir.join(&t.path)).is_ok());
    let cases_dir = dir.join(cases.as_deref().unwrap_or(crate::init::CASES_DIR));
    let mut created: Vec<PathBuf> = Vec::new();
    if let Err(e) = write_all(&dir, &cases_dir, &missing, &mut created) {
        // Undo in reverse order: files before the folders that hold them.
        for path in created.iter().rev() {
            let _ = if path.is_dir() {
                std::fs::remove_dir(path)
            } else {
                std::fs::remove_file(path)
            };
        }
        return Err(e.context("ordnat init avbröts; det som hann skrivas är borttaget"));
    }
    let new_toml = missing.iter().any(|t| t.path == crate::config::FILE_NAME);
    let mall = if new_toml {
        format!(" (mall: {})", template.name)
    } else {
        String::new()
    };
    let mut out = match (missing.is_empty(), skipped.is_empty()) {
        (true, _) => format!(
            "Ingenting att skapa i {}: allt som ordnat init skriver finns redan.\n",
            dir.display()
        ),
        (false, true) => format!("Skapade ett ärenderepo i {}{mall}:\n", dir.display()),
        (false, false) => format!("Skapade det som saknades i {}{mall}:\n", dir.display()),
    };
    let width = missing
        .iter()
        .map(|t| shown(t).chars().count())
        .max()
        .unwrap_or(0);
    for t in &missing {
        let name = shown(t);
        let pad = " ".repeat(width - name.chars().count());
        out.push_str(&format!("  {name}{pad}  {}\n", t.what));
    }
    if !skipped.is_empty() {
        if !missing.is_empty() {
            out.push('\n');
        }
        out.push_str("Fanns redan och lämnades orörda:\n");
        for t in &skipped {
            out.push_str(&format!("  {}\n", shown(t)));
        }
    }
    if !missing.is_empty() {
        out.push('\n');
        out.push_str(crate::init::NEXT_STEPS);
    }
    super::print(&out)?;
    Ok(0)
}

/// The cases folder (relative to `dir`) that an existing `ordnat.toml` names, so that init
/// creates that one and not `cases/`: `None` when there is no `ordnat.toml` (the templates'
/// `cases`) or when the folder it names lies outside `dir`, where init writes nothing. A broken
/// `ordnat.toml` stops init before it writes anything.
fn cases_folder(dir: &Path) -> Result<Option<String>> {
    let file = dir.join(crate::config::FILE_NAME);
    if !file.is_file() {
        return Ok(Some(crate::init::CASES_DIR.to_string()));
    }
    let settings = crate::config::load(&file).with_context(|| {
        format!(
            "{} finns redan men kan inte läsas, så ordnat init har inte ändrat någonting",
            crate::config::FILE_NAME
        )
    })?;
    let relative = settings.cases_dir.strip_prefix(&settings.root).ok();
    Ok(relative
        .filter(|r| {
            r.components().next().is_some()
                && r.components().all(|c| matches!(c, Component::Normal(_)))
        })
        .map(|r| r.to_string_lossy().into_owned()))
}

/// A target as listed: folders end in `/`.
fn shown(t: &Target) -> String {
    if t.text.is_none() {
        format!("{}/", t.path)
    } else {
        t.path.clone()
    }
}

/// Writes every target, recording each path created (folders included) for undoing. Each file
/// goes through the guarded writer's `create_new`: complete or not at all, and never over a
/// file, even one that appeared since the check. A folder is created with a `KEEP_FILE`.
fn write_all(
    dir: &Path,
    cases_dir: &Path,
    targets: &[Target],
    created: &mut Vec<PathBuf>,
) -> Result<()> {
    create_dirs(dir, created)?;
    // Made once the folder exists, so that it knows the folder by its canonical path.
    let guard = Guard::for_repo(dir, cases_dir);
    let create = |path: &Path, text: &str, created: &mut Vec<PathBuf>| -> Result<()> {
        if let Some(parent) = path.parent() {
            create_dirs(parent, created)?;
        }
        crate::write::create_new(&guard, path, text.as_bytes())
            .with_context(|| format!("kan inte skapa {}", path.display()))?;
        created.push(path.to_path_buf());
        Ok(())
    };
    for t in targets {
        let path = dir.join(&t.path);
        match &t.text {
            None => create(&path.join(KEEP_FILE), "", created)?,
            Some(text) => create(&path, text, created)?,
        }
    }
    Ok(())
}

/// Creates `dir` and its missing parents, recording each one created.
fn create_dirs(dir: &Path, created: &mut Vec<PathBuf>) -> Result<()> {
    let mut missing: Vec<&Path> = dir.ancestors().take_while(|p| !p.exists()).collect();
    missing.reverse();
    for p in missing {
        if p.as_os_str().is_empty() {
            continue;
        }
        std::fs::create_dir(p).with_context(|| format!("kan inte skapa mappen {}", p.display()))?;
        created.push(p.to_path_buf());
    }
    Ok(())
}
