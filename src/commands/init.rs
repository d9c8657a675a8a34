//! `ordnat init [DIR]`: scaffold a case repo from a regional template. Refuses to overwrite:
//! when any target exists it names them all and changes nothing; each file is created whole or
//! not at all (`crate::write::create_new`), and when writing fails midway it removes what it
//! wrote.

use crate::cli::InitArgs;
use crate::init::{Target, targets, template};
use crate::write::Guard;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

pub fn run(args: &InitArgs) -> Result<u8> {
    let Some(template) = template(&args.mall) else {
        bail!("okänd mall `{}`", args.mall);
    };
    let dir = super::start_dir(args.dir.as_deref())?;
    if dir.exists() && !dir.is_dir() {
        bail!("{} finns redan och är ingen mapp", dir.display());
    }
    let targets = targets(template);
    let existing: Vec<&str> = targets
        .iter()
        .filter(|t| std::fs::symlink_metadata(dir.join(t.path)).is_ok())
        .map(|t| t.path)
        .collect();
    if !existing.is_empty() {
        bail!(
            "{} finns redan i {}; ordnat init skriver aldrig över något och har inte ändrat \
             någonting. Ta bort eller flytta {} först, eller välj en annan mapp.",
            list(&existing),
            dir.display(),
            if existing.len() == 1 { "den" } else { "dem" }
        );
    }
    let mut created: Vec<PathBuf> = Vec::new();
    if let Err(e) = write_all(&dir, &targets, &mut created) {
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
    let width = targets
        .iter()
        .map(|t| shown(t).chars().count())
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "Skapade ett ärenderepo i {} (mall: {}):\n",
        dir.display(),
        template.name
    );
    for t in targets.iter().filter(|t| !t.path.ends_with(".gitkeep")) {
        let name = shown(t);
        let pad = " ".repeat(width - name.chars().count());
        out.push_str(&format!("  {name}{pad}  {}\n", t.what));
    }
    out.push('\n');
    out.push_str(crate::init::NEXT_STEPS);
    super::print(&out)?;
    Ok(0)
}

/// A target as listed: folders end in `/`.
fn shown(t: &Target) -> String {
    if t.text.is_none() {
        format!("{}/", t.path)
    } else {
        t.path.to_string()
    }
}

/// `a`, `a och b`, `a, b och c`.
fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} och {last}", init.join(", ")),
    }
}

/// Writes every target, recording each path created (folders included) for undoing. Each file
/// goes through the guarded writer's `create_new`: complete or not at all, and never over a
/// file, even one that appeared since the check.
fn write_all(dir: &Path, targets: &[Target], created: &mut Vec<PathBuf>) -> Result<()> {
    create_dirs(dir, created)?;
    // Made once the folder exists, so that it knows the folder by its canonical path.
    let guard = Guard::for_repo(dir, &dir.join(crate::init::CASES_DIR));
    for t in targets {
        let path = dir.join(t.path);
        match &t.text {
            None => create_dirs(&path, created)?,
            Some(text) => {
                if let Some(parent) = path.parent() {
                    create_dirs(parent, created)?;
                }
                crate::write::create_new(&guard, &path, text.as_bytes())
                    .with_context(|| format!("kan inte skapa {}", path.display()))?;
                created.push(path.clone());
            }
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
