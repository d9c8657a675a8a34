//! The case repo's git history, through the `git` command line: the current revision, and what
//! changed in the cases folder since a date. One `rev-parse` for where the folder is and the
//! revision; one `rev-list` for the commit before the date and one `ls-tree` for its case files
//! and their blob ids, while the files on disk are read. The files on disk are compared by
//! their blob ids, computed as they are read (`read::Blob`), so git never looks at every file;
//! each file is compared as it is read once git has listed the old files (`OldTree::compare`,
//! on any thread), the few read before that afterwards (`changes`). Then only the old
//! versions of the changed files are read, in one `cat-file --batch` call,
//! with the same reader as the files on disk. So a repo of 10 000 cases costs what its changes
//! cost.

use super::git::Failure;
use crate::model::Case;
use crate::read::{Blob, ObjectId};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};

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

/// The case files of the last commit before a date, by path (relative to the repo root, with
/// `/`), with their blob ids: what the files on disk now are compared with (`OldTree::compare`,
/// on any thread, as each file is read; `changes`).
#[derive(Debug)]
pub struct OldTree {
    /// The commit, abbreviated.
    pub commit: String,
    /// The commit in full, to name its files to git.
    full: String,
    /// The commit's date (committer date).
    pub commit_date: Option<NaiveDate>,
    /// The repo root's folder in the git repository (`""` or `sub/dir/`).
    prefix: String,
    /// Each file's blob id and its place in `seen`.
    files: HashMap<String, (ObjectId, usize)>,
    /// Whether a file on disk has been compared with the file (so it is not removed).
    seen: Vec<AtomicBool>,
}

/// How a file on disk stands against the old tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Was {
    /// The old tree does not have it.
    New,
    /// The old tree has it with the same text.
    Same,
    /// The old tree has it with another text, or it could not be read now.
    Changed,
}

/// A file on disk as `changes` takes it: compared with the tree as it was read, or its blob
/// ids (`None` when it could not be read) to compare it with.
#[derive(Debug, Clone, Copy)]
pub enum Compared {
    Was(Was),
    Later(Option<Blob>),
}

impl OldTree {
    /// The tree of the commit `full` (abbreviated `commit`) with `files` (path and blob id),
    /// none of them seen yet.
    fn new(
        commit: String,
        full: String,
        commit_date: Option<NaiveDate>,
        prefix: String,
        files: Vec<(String, ObjectId)>,
    ) -> Self {
        OldTree {
            commit,
            full,
            commit_date,
            prefix,
            seen: files.iter().map(|_| AtomicBool::new(false)).collect(),
            files: files
                .into_iter()
                .enumerate()
                .map(|(at, (path, id))| (path, (id, at)))
                .collect(),
        }
    }

    /// How the file at `path` (relative to the repo root, with `/`) with the blob ids `blob`
    /// (`None` when it could not be read) stands against this tree; the tree's file counts as
    /// seen from then on. Each file on disk is to be compared once.
    pub fn compare(&self, path: &str, blob: Option<&Blob>) -> Was {
        let Some((id, at)) = self.files.get(path) else {
            return Was::New;
        };
        if let Some(seen) = self.seen.get(*at) {
            seen.store(true, Ordering::Relaxed);
        }
        if blob.is_some_and(|b| b.is(id)) {
            Was::Same
        } else {
            Was::Changed
        }
    }
}

/// What changed in the cases folder between a commit and the files on disk now. The files on
/// disk are named by their place in the list `changes` was given.
#[derive(Debug)]
pub struct Changes {
    /// The old commit, abbreviated.
    pub commit: String,
    /// The old commit's date (committer date).
    pub commit_date: Option<NaiveDate>,
    /// Case files that are new since the commit (committed since, or not committed yet).
    pub added: Vec<usize>,
    /// Case files whose text changed, with their old case (when it could be read as one).
    pub modified: Vec<(usize, Option<Case>)>,
    /// Case files that are gone, with their old version, by path.
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
/// is none, and when `since` is given, the case files in `cases_dir` (a folder under `root`)
/// at the last commit before that day (see `old_tree`), to compare the files on disk with
/// (`changes`). The folder's place in the repo and the revision come from one call.
pub fn report_history(
    root: &Path,
    cases_dir: &Path,
    since: Option<NaiveDate>,
) -> (
    Result<String, HistoryError>,
    Option<Result<OldTree, HistoryError>>,
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
    let old = since.map(|date| old_tree(root, prefix, cases_dir, date));
    (revision, old)
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

/// The case files in `cases_dir` (a folder under `root`) at the last commit before `date`
/// (before the start of that day, local time), with their blob ids.
fn old_tree(
    root: &Path,
    prefix: String,
    cases_dir: &Path,
    date: NaiveDate,
) -> Result<OldTree, HistoryError> {
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
    // `<mode> <type> <id>\t<path>`, paths relative to `root`, where git runs.
    let listing = git(root, &["ls-tree", "-r", "-z", full, "--", &folder])?;
    let files = listing
        .split(|b| *b == 0)
        .filter_map(|entry| {
            let tab = entry.iter().position(|b| *b == b'\t')?;
            let mut fields = entry[..tab].split(|b| *b == b' ');
            let (_mode, kind, id) = (fields.next()?, fields.next()?, fields.next()?);
            let path = String::from_utf8_lossy(&entry[tab + 1..]).into_owned();
            (kind == b"blob" && is_case_path(&path)).then_some(())?;
            Some((path, crate::read::parse_id(id)?))
        })
        .collect();
    Ok(OldTree::new(
        commit,
        full.to_string(),
        commit_date,
        prefix,
        files,
    ))
}

/// What changed between the old tree and the case files on disk now (`now`: each file's path,
/// relative to the repo root with `/`, and how it stands against the tree if it was compared
/// as it was read, else its blob ids; each path once). A file is new when
/// the old tree does not have it, removed when only the old tree has it, and changed when its
/// blob ids are not the old one's; a file that cannot be read counts as changed
/// (`OldTree::compare`). The old versions of the changed and removed files are read from git.
pub fn changes<'a>(
    root: &Path,
    old: &OldTree,
    now: impl Iterator<Item = (&'a str, Compared)>,
) -> Result<Changes, HistoryError> {
    let (added, modified, removed) = sorted_out(old, now);
    let wanted: Vec<&str> = modified
        .iter()
        .map(|(_, path)| *path)
        .chain(removed.iter().map(String::as_str))
        .collect();
    let mut versions = old_versions(root, &old.full, &old.prefix, &wanted)?.into_iter();
    let modified = modified
        .into_iter()
        .map(|(i, _)| (i, versions.next().flatten()))
        .collect();
    let removed = removed
        .into_iter()
        .map(|display| OldFile {
            display,
            case: versions.next().flatten(),
        })
        .collect();
    Ok(Changes {
        commit: old.commit.clone(),
        commit_date: old.commit_date,
        added,
        modified,
        removed,
    })
}

/// The files on disk now that are new and that changed (by their place in `now`; those that
/// changed with their path), each compared now unless it was as it was read; and the paths
/// of the tree that no file on disk was compared with, sorted: the removed files.
fn sorted_out<'a>(
    old: &OldTree,
    now: impl Iterator<Item = (&'a str, Compared)>,
) -> (Vec<usize>, Vec<(usize, &'a str)>, Vec<String>) {
    let mut added = Vec::new();
    let mut modified = Vec::new();
    for (i, (path, compared)) in now.enumerate() {
        let was = match compared {
            Compared::Was(was) => was,
            Compared::Later(blob) => old.compare(path, blob.as_ref()),
        };
        match was {
            Was::New => added.push(i),
            Was::Changed => modified.push((i, path)),
            Was::Same => {}
        }
    }
    let mut removed: Vec<String> = old
        .files
        .iter()
        .filter(|(_, (_, at))| !old.seen.get(*at).is_some_and(|s| s.load(Ordering::Relaxed)))
        .map(|(path, _)| path.clone())
        .collect();
    removed.sort_unstable();
    (added, modified, removed)
}

/// The cases in `paths` (relative to the repo root) as they were in `commit`, in one
/// `git cat-file --batch` call, a symbolic link followed to the file it named then; `None` for
/// a file that is missing there or is not a case.
fn old_versions(
    root: &Path,
    commit: &str,
    prefix: &str,
    paths: &[&str],
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
        .args(["cat-file", "--batch", "--follow-symlinks"])
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
        // `<oid> blob <size>` and the blob; `<oid> <type> <size>`, or for a link that cannot
        // be followed in the commit `symlink|dangling|loop|notdir <size>`, and that many bytes
        // which are no case; `<name> missing` alone.
        let Some(size) = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse::<usize>().ok())
        else {
            bodies.push(None);
            continue;
        };
        let end = size.min(rest.len());
        let blob = header.split(' ').nth(1) == Some("blob");
        bodies.push(
            Some(&rest[..end]).filter(|_| blob && size as u64 <= crate::read::MAX_FILE_BYTES),
        );
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

    /// A tree with the files `(path, text)`.
    fn tree(files: &[(&str, &str)]) -> OldTree {
        let files = files
            .iter()
            .map(|(path, text)| (path.to_string(), Blob::of(text.as_bytes()).id))
            .collect();
        OldTree::new(
            "abc1234".into(),
            "abc1234".into(),
            None,
            String::new(),
            files,
        )
    }

    #[test]
    fn files_compared_as_they_are_read_or_afterwards_sort_out_alike() {
        let old = [
            ("cases/a.yaml", "id: a\n"),
            ("cases/b.yaml", "id: b\n"),
            ("cases/c.yaml", "id: c\n"),
            ("cases/e.yaml", "id: e\n"),
        ];
        let texts = [
            ("cases/a.yaml", Some("id: a\n")),  // the same
            ("cases/b.yaml", Some("id: b2\n")), // changed
            ("cases/d.yaml", Some("id: d\n")),  // new
            ("cases/e.yaml", None),             // cannot be read now: changed
        ]; // c.yaml is removed
        let blobs: Vec<(&str, Option<Blob>)> = texts
            .iter()
            .map(|(path, text)| (*path, text.map(|t| Blob::of(t.as_bytes()))))
            .collect();
        // Every way of comparing some files as they are read and the rest afterwards.
        for read_early in 0..(1 << blobs.len()) {
            let tree = tree(&old);
            let compared: Vec<(&str, Compared)> = blobs
                .iter()
                .enumerate()
                .map(|(i, (path, blob))| {
                    let compared = if read_early & (1 << i) != 0 {
                        Compared::Was(tree.compare(path, blob.as_ref()))
                    } else {
                        Compared::Later(*blob)
                    };
                    (*path, compared)
                })
                .collect();
            let now = compared.into_iter();
            let (added, modified, removed) = sorted_out(&tree, now);
            assert_eq!(added, vec![2], "{read_early:b}");
            assert_eq!(
                modified,
                vec![(1, "cases/b.yaml"), (3, "cases/e.yaml")],
                "{read_early:b}"
            );
            assert_eq!(removed, vec!["cases/c.yaml".to_string()], "{read_early:b}");
        }
    }

    #[test]
    fn case_paths_skip_hidden_folders() {
        assert!(is_case_path("cases/2026-001.yaml"));
        assert!(is_case_path("cases/sub/2026-001.YML"));
        assert!(!is_case_path("cases/.old/2026-001.yaml"));
        assert!(!is_case_path("cases/readme.md"));
    }
}
