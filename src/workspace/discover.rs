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
        problem: Some(Box::new(
            Diagnostic::new(RuleId::UnreadableFile, Pos::start(), message).hint(hint),
        )),
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
            problem: None,
            path: entry.into_path(),
        });
    }
    found.sort_unstable_by(|a, b| path_order(&a.path, &b.path));
    found
}

/// The order of `Path::cmp` (component by component) for paths under one folder as walkdir
/// gives them (no `.` parts, one separator at a time): byte order with the separator lowest.
/// `Path::cmp` takes both paths apart on every comparison, which made sorting a large folder
/// the most of finding its files.
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let rank = |s: &[u8]| {
        s.get(common).map(|&c| {
            if std::path::is_separator(char::from(c)) {
                0
            } else {
                u16::from(c) + 1
            }
        })
    };
    rank(a).cmp(&rank(b))
}

/// A case file ends in `.yaml` or `.yml`, in any case (`.YAML` too).
pub fn is_case_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_sort_as_path_cmp_sorts_them() {
        let names = [
            "cases/a.yaml",
            "cases/a-b.yaml",
            "cases/a/b.yaml",
            "cases/a/a.yaml",
            "cases/a",
            "cases/ab.yaml",
            "cases/å.yaml",
            "cases/Z.yaml",
            "cases/a b.yaml",
            "cases/a.yaml.yaml",
            "cases/2026-001-x.yaml",
            "cases/2026-001/x.yaml",
            "cases/2026-0010.yaml",
        ];
        for a in names {
            for b in names {
                let (a, b) = (Path::new(a), Path::new(b));
                assert_eq!(path_order(a, b), a.cmp(b), "{a:?} {b:?}");
            }
        }
    }
}
