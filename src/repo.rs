//! Finds the case files of a repo and reads each into a case with source positions.
//!
//! All `*.yaml` / `*.yml` under the cases folder, sorted, read on all cores. Symbolic links are
//! not followed out of the repo; a file that cannot be read becomes a diagnostic, never an abort.

use crate::case::Case;
use crate::diagnostic::Diagnostic;
use crate::tree::Pos;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Larger files are not case files; they are reported, not parsed.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
pub const UNREADABLE: &str = "unreadable-file";
pub const YAML_SYNTAX: &str = "yaml-syntax";

/// One case file as read.
#[derive(Debug)]
pub struct CaseFile {
    /// The path as shown to the user: relative to the repo root, with `/`.
    pub display: String,
    pub path: PathBuf,
    /// The source text, for snippets (empty when the file could not be read).
    pub source: String,
    /// The typed case, when the file could be parsed at all.
    pub case: Option<Case>,
    /// Problems found while reading: I/O, syntax and format.
    pub diagnostics: Vec<Diagnostic>,
}

/// A path found under the cases folder: a case file to read, or a path already known to be
/// unreadable (an unreadable folder, a link out of the repo), with its diagnostic.
#[derive(Debug)]
pub struct Found {
    pub path: PathBuf,
    pub problem: Option<Diagnostic>,
}

/// Lists the case files under `dir` (or `dir` itself if it is a file), sorted by name.
pub fn find(root: &Path, dir: &Path) -> Vec<Found> {
    let mut found = Vec::new();
    let problem = |path: &Path, message: String, hint: &str| Found {
        path: path.to_path_buf(),
        problem: Some(Diagnostic::new(UNREADABLE, Pos::new(1, 1, 1), message).hint(hint)),
    };
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
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
    found
}

fn is_case_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// The path as shown: relative to the repo root when it is inside it, always with `/`.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let rel = rel.strip_prefix(".").unwrap_or(rel);
    rel.to_string_lossy().replace('\\', "/")
}

/// Reads all found paths on all cores, in the given order.
/// Paths found with a problem become a file holding just that diagnostic, so that every
/// finding goes through the same engine.
pub fn read_all(root: &Path, found: &[Found]) -> Vec<CaseFile> {
    found
        .par_iter()
        .map(|f| match &f.problem {
            None => read(root, &f.path),
            Some(d) => CaseFile {
                display: display_path(root, &f.path),
                path: f.path.clone(),
                source: String::new(),
                case: None,
                diagnostics: vec![d.clone()],
            },
        })
        .collect()
}

/// Reads one case file: bytes, UTF-8, YAML, format, typed case. Never fails: every problem is
/// a diagnostic in the result.
pub fn read(root: &Path, path: &Path) -> CaseFile {
    let display = display_path(root, path);
    let mut file = CaseFile {
        display,
        path: path.to_path_buf(),
        source: String::new(),
        case: None,
        diagnostics: Vec::new(),
    };
    let at_start = Pos::new(1, 1, 1);
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            file.diagnostics.push(
                Diagnostic::new(
                    UNREADABLE,
                    at_start,
                    format!(
                        "filen är för stor ({} kB); en ärendefil är några kB",
                        meta.len() / 1024
                    ),
                )
                .hint("kontrollera att filen verkligen är ett ärende; gränsen är 4 MB"),
            );
            return file;
        }
        Ok(_) => {}
        Err(err) => {
            file.diagnostics.push(
                Diagnostic::new(UNREADABLE, at_start, format!("filen kan inte läsas: {err}"))
                    .hint("kontrollera att filen finns och att den får läsas"),
            );
            return file;
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(err) => {
            file.diagnostics.push(
                Diagnostic::new(UNREADABLE, at_start, format!("filen kan inte läsas: {err}"))
                    .hint("kontrollera filrättigheterna"),
            );
            return file;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) if !t.contains('\0') => t,
        Ok(_) => {
            file.diagnostics.push(
                Diagnostic::new(
                    YAML_SYNTAX,
                    at_start,
                    "filen innehåller binära data (NUL-tecken), inte text",
                )
                .hint("en ärendefil är en textfil i UTF-8; ta bort filen eller byt ändelse"),
            );
            return file;
        }
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&err.as_bytes()[..offset]).into_owned();
            let line = u32::try_from(valid.matches('\n').count() + 1).unwrap_or(u32::MAX);
            let col = u32::try_from(valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1)
                .unwrap_or(u32::MAX);
            file.diagnostics.push(
                Diagnostic::new(
                    YAML_SYNTAX,
                    Pos::new(line, col, 1),
                    "filen är inte giltig UTF-8",
                )
                .hint("spara filen som UTF-8 (inte Latin-1/Windows-1252) i din editor"),
            );
            return file;
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    let parsed = crate::tree::parse(&text);
    file.source = text;
    let tree = match parsed {
        Ok(tree) => tree,
        Err(err) => {
            file.diagnostics
                .push(Diagnostic::new(YAML_SYNTAX, err.pos, err.message).hint(
                    "rätta YAML-syntaxen; övriga kontroller av filen görs när den kan läsas",
                ));
            return file;
        }
    };
    let (pruned, diags) = crate::format::walk(&tree, crate::schema::case_schema());
    file.diagnostics.extend(diags);
    // A file that is not a mapping at all has been reported by the walk; there is no case.
    if !matches!(pruned.value, crate::tree::Value::Map(_)) {
        return file;
    }
    match crate::de::from_node::<Case>(&pruned) {
        Ok(case) => file.case = Some(case),
        Err(err) => file.diagnostics.push(
            Diagnostic::new(
                crate::format::INVALID_VALUE,
                tree.pos,
                format!("ärendet kan inte tolkas: {err}"),
            )
            .hint("detta är ett internt fel i ordnat; rapportera det gärna med filen"),
        ),
    }
    file
}
