//! The case repo's git history, through the `git` command line: the current revision, and what
//! changed in the cases folder since a date. One `rev-parse` for where the folder is and the
//! revision; then only what changed is read: one `rev-list` for the
//! commit before the date, one `diff --name-status` and one `ls-files` for the changed and the
//! untracked paths, and the old versions of the changed files in one `cat-file --batch` call,
//! read with the same reader as the files on disk. So a repo of 10 000 cases costs what its
//! changes cost.

use super::git::Failure;
use crate::model::Case;
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Why the history cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryError {
    /// The `git` program is not installed.
    NoGit,
    /// The case repo is not inside a git repository.
    NotARepo,
    /// No commit is older than the date.
    NoCommitBefore(NaiveDate),
    /// git failed in another way; its message.
    Failed(String),
}

impl std::fmt::Display for HistoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            HistoryError::NoGit => f.write_str("programmet git finns inte på datorn"),
            HistoryError::NotARepo => f.write_str("ärendemappen ligger inte i ett git-repo"),
            HistoryError::NoCommitBefore(date) => {
                write!(f, "git-historiken har ingen version från före {date}")
            }
            HistoryError::Failed(message) => write!(f, "git misslyckades: {message}"),
        }
    }
}

/// A case file as it was in the old version.
#[derive(Debug)]
pub struct OldFile {
    /// The path as shown: relative to the repo root, with `/`.
    pub display: String,
    /// The case, when the old text could be read as one.
    pub case: Option<Case>,
}

/// What changed in the cases folder between a commit and the files on disk now.
#[derive(Debug)]
pub struct Changes {
    /// The old commit, abbreviated.
    pub commit: String,
    /// The old commit's date (committer date).
    pub commit_date: Option<NaiveDate>,
    /// Case files that are new since the commit (committed since, or not committed yet).
    pub added: Vec<String>,
    /// Case files whose text changed, with their old version.
    pub modified: Vec<OldFile>,
    /// Case files that are gone, with their old version.
    pub removed: Vec<OldFile>,
}

/// `git -C dir ARGS`: standard out, or why not (the one git runner, `super::git`).
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, HistoryError> {
    super::git::git(dir, args).map_err(|failure| match failure {
        Failure::Spawn(e) if e.kind() == std::io::ErrorKind::NotFound => HistoryError::NoGit,
        Failure::Spawn(e) => HistoryError::Failed(e.to_string()),
        Failure::Status(message) if message.contains("not a git repository") => {
            HistoryError::NotARepo
        }
        Failure::Status(message) => HistoryError::Failed(
            message
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .to_string(),
        ),
    })
}

/// The folder `root` relative to the git top level (`""` or `sub/dir/`).
fn prefix(root: &Path) -> Result<String, HistoryError> {
    let out = git(root, &["rev-parse", "--show-prefix"])?;
    Ok(String::from_utf8_lossy(&out).trim().to_string())
}

/// What a report asks of git: the current revision (`git rev-parse --short HEAD`) or why there
/// is none, and when `since` is given, what changed in `cases_dir` (a folder under `root`)
/// since the last commit before that day (see `changes_since`). The folder's place in the repo
/// and the revision come from one call.
pub fn report_history(
    root: &Path,
    cases_dir: &Path,
    since: Option<NaiveDate>,
) -> (
    Result<String, HistoryError>,
    Option<Result<Changes, HistoryError>>,
) {
    let located = match git(root, &["rev-parse", "--show-prefix", "--short", "HEAD"]) {
        Ok(out) => {
            let out = String::from_utf8_lossy(&out);
            let mut lines = out.lines().map(str::trim);
            let prefix = lines.next().unwrap_or_default().to_string();
            let revision = lines.next().unwrap_or_default().to_string();
            Ok((prefix, Ok(revision)))
        }
        // No commit yet, or not a repo at all: asked apart to tell which.
        Err(_) => prefix(root).map(|prefix| {
            let none = HistoryError::Failed("repot har ingen version (commit) ännu".into());
            (prefix, Err(none))
        }),
    };
    let (prefix, revision) = match located {
        Ok(found) => found,
        Err(e) => return (Err(e.clone()), since.map(|_| Err(e))),
    };
    let changes = since.map(|date| changes_since(root, &prefix, cases_dir, date));
    (revision, changes)
}

/// Splits `-z` output into paths.
fn paths(out: &[u8]) -> impl Iterator<Item = String> + '_ {
    out.split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
}

/// Whether a path (relative, with `/`) is one the workspace reads as a case file: a `.yaml` or
/// `.yml` file not inside a hidden folder.
fn is_case_path(path: &str) -> bool {
    super::is_case_file(Path::new(path))
        && !path
            .split('/')
            .rev()
            .skip(1)
            .any(|part| part.starts_with('.') && part != "." && part != "..")
}

/// What changed in `cases_dir` (a folder under `root`) since the last commit before `date`
/// (before the start of that day, local time).
fn changes_since(
    root: &Path,
    prefix: &str,
    cases_dir: &Path,
    date: NaiveDate,
) -> Result<Changes, HistoryError> {
    let before = format!("--before={date} 00:00:00");
    let out = git(
        root,
        &["rev-list", "-1", &before, "--format=%h %cs", "HEAD"],
    )
    .map_err(|e| match e {
        HistoryError::Failed(_) => HistoryError::NoCommitBefore(date),
        other => other,
    })?;
    let out = String::from_utf8_lossy(&out);
    // `commit <full hash>` then `<short hash> <date>`.
    let mut lines = out.lines();
    let Some(full) = lines
        .next()
        .and_then(|l| l.strip_prefix("commit "))
        .map(str::trim)
    else {
        return Err(HistoryError::NoCommitBefore(date));
    };
    let mut short_and_date = lines.next().unwrap_or_default().split(' ');
    let commit = short_and_date.next().unwrap_or(full).to_string();
    let commit_date = short_and_date.next().and_then(crate::text::parse_date);

    let folder = crate::read::display_path(root, cases_dir);
    let folder = if folder.is_empty() {
        ".".to_string()
    } else {
        folder
    };
    let diff = git(
        root,
        &[
            "diff",
            "--name-status",
            "-z",
            "--no-renames",
            "--relative",
            full,
            "--",
            &folder,
        ],
    )?;
    let mut added = Vec::new();
    let mut modified = Vec::new();
    let mut removed = Vec::new();
    let mut fields = paths(&diff);
    while let (Some(status), Some(path)) = (fields.next(), fields.next()) {
        if !is_case_path(&path) {
            continue;
        }
        match status.chars().next() {
            Some('A') => added.push(path),
            Some('D') => removed.push(path),
            Some(_) => modified.push(path),
            None => {}
        }
    }
    let untracked = git(
        root,
        &[
            "ls-files",
            "-z",
            "--others",
            "--exclude-standard",
            "--",
            &folder,
        ],
    )?;
    added.extend(paths(&untracked).filter(|p| is_case_path(p)));
    added.sort();
    added.dedup();

    let wanted: Vec<&String> = modified.iter().chain(removed.iter()).collect();
    let mut old = old_versions(root, full, prefix, &wanted)?.into_iter();
    let mut take = |list: Vec<String>| -> Vec<OldFile> {
        list.into_iter()
            .map(|display| OldFile {
                display,
                case: old.next().flatten(),
            })
            .collect()
    };
    let modified = take(modified);
    let removed = take(removed);
    Ok(Changes {
        commit,
        commit_date,
        added,
        modified,
        removed,
    })
}

/// The cases in `paths` (relative to the repo root) as they were in `commit`, in one
/// `git cat-file --batch` call; `None` for a file that is missing there or is not a case.
fn old_versions(
    root: &Path,
    commit: &str,
    prefix: &str,
    paths: &[&String],
) -> Result<Vec<Option<Case>>, HistoryError> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let mut input = String::new();
    for p in paths {
        // A path with a line break cannot be named on one line; it reads as missing.
        let p = p.replace(['\n', '\r'], "");
        input.push_str(&format!("{commit}:{prefix}{p}\n"));
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| HistoryError::Failed(e.to_string()))?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| HistoryError::Failed("cat-file tar inte emot indata".into()))?;
    // Written from another thread, so that a large answer never blocks the question.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| HistoryError::Failed(e.to_string()))?;
    let _ = writer.join();
    if !out.status.success() {
        return Err(HistoryError::Failed(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ));
    }
    // Split the answer into the files' texts, then read them on all cores.
    let mut rest: &[u8] = &out.stdout;
    let mut bodies: Vec<Option<&[u8]>> = Vec::with_capacity(paths.len());
    for _ in paths {
        let Some(eol) = rest.iter().position(|b| *b == b'\n') else {
            bodies.push(None);
            continue;
        };
        let header = String::from_utf8_lossy(&rest[..eol]).into_owned();
        rest = &rest[eol + 1..];
        // `<oid> blob <size>`, or `<name> missing`.
        let size = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse::<usize>().ok())
            .filter(|_| header.split(' ').nth(1) == Some("blob"));
        let Some(size) = size else {
            bodies.push(None);
            continue;
        };
        let end = size.min(rest.len());
        bodies.push(Some(&rest[..end]).filter(|_| size as u64 <= crate::read::MAX_FILE_BYTES));
        rest = rest.get(end + 1..).unwrap_or(&[]);
    }
    use rayon::prelude::*;
    Ok(bodies
        .into_par_iter()
        .map(|body| {
            body.and_then(|b| std::str::from_utf8(b).ok())
                .and_then(crate::read::case_from_text)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_paths_skip_hidden_folders() {
        assert!(is_case_path("cases/2026-001.yaml"));
        assert!(is_case_path("cases/sub/2026-001.YML"));
        assert!(!is_case_path("cases/.old/2026-001.yaml"));
        assert!(!is_case_path("cases/readme.md"));
    }
}
