//! `check --fix` and `check --diff`: the safe fixes of the findings (`fix::Fix`,
//! `Applicability::Safe`) applied to each selected case file that has any, round after round
//! (a fix that overlaps one applied before it waits for the next round, on the text read
//! again), until none is left (at most `ROUNDS`); then each changed file is written
//! atomically through `write::replace_case` (`--fix`, never through a link, never a file
//! outside the cases folder), or shown as a unified diff with `sekretess` values masked
//! (`--diff`, nothing written; a file `--fix` would refuse is refused here too). A round whose fixes would make the
//! file unreadable as YAML is not applied. Only the fixed bytes change: a leading byte-order
//! mark and every line end stay as they are.

use crate::diagnostic::Diagnostic;
use crate::rule_id::RuleId;
use crate::rules::{self, Levels};
use crate::text::plural;
use crate::workspace::Opened;
use std::collections::HashSet;

/// What `--fix` or `--diff` does with the fixed text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Diff,
}

/// How many rounds of fixes a file gets at most. Each round applies every safe fix that
/// overlaps no other; the fixes made today need two at most. The limit guards against fixes
/// that would keep making new ones.
const ROUNDS: usize = 4;

/// What was fixed (or, with `--diff`, would be).
#[derive(Default)]
pub struct Fixed {
    /// The fixes applied (one a finding).
    pub fixes: usize,
    /// The files changed.
    pub files: usize,
    /// The safe fixes left in the files that had some: those that would have made the file
    /// unreadable as YAML, did not fit its text, or were still left after the last round.
    pub left: usize,
    /// The unified diffs, file after file (`--diff`).
    pub diff: String,
    /// Why a file could not be written (read or written), one message each.
    pub failed: Vec<String>,
}

impl Fixed {
    /// What was done, for standard error: `7 rättelser i 2 filer`, with `--diff` what would
    /// have been, and how many fixes were left undone.
    pub fn said(&self, mode: Mode) -> String {
        let mut said = if self.fixes == 0 && !self.failed.is_empty() {
            "ingenting rättades".to_string()
        } else if self.fixes == 0 {
            "inget att rätta".to_string()
        } else {
            let counted = format!(
                "{} {} i {} {}",
                self.fixes,
                plural(self.fixes, "rättelse", "rättelser"),
                self.files,
                plural(self.files, "fil", "filer")
            );
            match mode {
                Mode::Write => counted,
                Mode::Diff => format!("{counted} skulle göras; ingenting skrevs (--diff)"),
            }
        };
        if self.left > 0 {
            said.push_str(&format!(
                "; {} {} inte göras (se fynden)",
                self.left,
                if self.left == 1 {
                    "rättelse kunde"
                } else {
                    "rättelser kunde"
                }
            ));
        }
        said
    }
}

/// Fixes the selected files of `repo` that have a safe fix among `diagnostics` (the findings
/// of a whole `check`, by shown path).
pub fn fix(repo: &Opened, levels: &Levels, diagnostics: &[Diagnostic], mode: Mode) -> Fixed {
    let with_fixes: HashSet<&str> = diagnostics
        .iter()
        .filter(|d| d.safe_fix().is_some())
        .map(|d| d.file.as_str())
        .collect();
    let mut fixed = Fixed::default();
    if with_fixes.is_empty() {
        return fixed;
    }
    let guard = crate::write::Guard::for_repo(&repo.settings.root, &repo.settings.cases_dir);
    for index in 0..repo.files.len() {
        let shown = repo.display(index);
        if !repo.is_selected(index) || !with_fixes.contains(shown.as_str()) {
            continue;
        }
        let path = &repo.files[index].path;
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                fixed.failed.push(format!("kan inte läsa {shown}: {e}"));
                continue;
            }
        };
        // A file that is not UTF-8 has no fixes (its only finding is that).
        let Ok(read) = String::from_utf8(bytes) else {
            continue;
        };
        let (bom, old) = match read.strip_prefix('\u{feff}') {
            Some(rest) => ("\u{feff}", rest),
            None => ("", read.as_str()),
        };
        let (new, count, left) = fixed_text(repo, levels, index, old);
        fixed.left += left;
        if count == 0 || new == old {
            continue;
        }
        // `--diff` refuses what `--fix` would refuse, so that it shows what `--fix` does.
        if let Err(e) = crate::write::check_case(&guard, path) {
            fixed.failed.push(e.to_string());
            continue;
        }
        match mode {
            Mode::Diff => {
                fixed.diff.push_str(&super::diff::shown(
                    &repo.settings.root,
                    path,
                    old,
                    &new,
                    &shown,
                ));
            }
            Mode::Write => {
                let bytes = format!("{bom}{new}");
                if let Err(e) = crate::write::replace_case(&guard, path, bytes.as_bytes()) {
                    fixed.failed.push(e.to_string());
                    continue;
                }
            }
        }
        fixed.fixes += count;
        fixed.files += 1;
    }
    fixed
}

/// `text` (file `index` of `repo` as read, after a byte-order mark) with its safe fixes
/// applied, round after round, how many were applied, and how many were left.
fn fixed_text(repo: &Opened, levels: &Levels, index: usize, text: &str) -> (String, usize, usize) {
    let mut text = text.to_string();
    let mut found = rules::check_text(repo, levels, index, &text);
    let mut count = 0;
    for _ in 0..ROUNDS {
        let (next, applied) =
            crate::fix::apply(&text, found.iter().filter_map(Diagnostic::safe_fix));
        if applied == 0 || next == text {
            break;
        }
        let next_found = rules::check_text(repo, levels, index, &next);
        let broken = |found: &[Diagnostic]| found.iter().any(|d| d.rule == RuleId::YamlSyntax);
        if broken(&next_found) && !broken(&found) {
            break;
        }
        (text, found, count) = (next, next_found, count + applied);
    }
    let left = found.iter().filter_map(Diagnostic::safe_fix).count();
    (text, count, left)
}
