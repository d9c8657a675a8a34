//! Finding the case files of a repo: every `*.yaml` / `*.yml` under a folder, sorted by name,
//! hidden folders skipped, symbolic links never followed out of the repo. What cannot be
//! listed becomes a `Found` with its diagnostic, never an abort.

use crate::diagnostic::Diagnostic;
use crate::model::Pos;
use crate::read::Found;
use crate::rule_id::RuleId;
use std::path::Path;

/// Lists the case files under `dir` (or `dir` itself if it is a file), sorted by name.
pub fn find(root: &Path, dir: &Path) -> Vec<Found> {
    let mut found = Vec::new();
    let problem = |path: &Path, message: String, hint: &str| Found {
        path: path.to_path_buf(),
        problem: Some(Diagnostic::new(RuleId::UnreadableFile, Pos::start(), message).hint(hint)),
    };
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    // Sorted once at the end rather than per folder by walkdir, whose sort takes the file
    // name apart on every comparison.
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().unwrap_or(dir);
                found.push(problem(
                    path,
                    format!("mappen kan inte läsas: {err}"),
                    "kontrollera filrättigheterna",
                ));
                continue;
            }
        };
        let path = entry.path();
        if !is_case_file(path) {
            continue;
        }
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {}
                Ok(target) if target.is_dir() => continue,
                Ok(_) => {
                    found.push(problem(
                        path,
                        "den symboliska länken pekar utanför repot och följs inte".into(),
                        "lägg ärendefilen i repot i stället för att länka till den",
                    ));
                    continue;
                }
                Err(err) => {
                    found.push(problem(
                        path,
                        format!("den symboliska länken kan inte följas: {err}"),
                        "ta bort länken eller låt den peka på en fil i repot",
                    ));
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        found.push(Found {
            path: path.to_path_buf(),
            problem: None,
        });
    }
    found.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    found
}

/// A case file ends in `.yaml` or `.yml`, in any case (`.YAML` too).
pub fn is_case_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}
