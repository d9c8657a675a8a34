//! The case repo's git history, through the `git` command line: the current revision, and what
//! changed in the cases folder since a date. One `rev-parse` for where the folder is and the
//! revision; one `rev-list` for the commit before the date, one `ls-tree` for its case files
//! and one `diff` for those that differ from the working tree now, as git compares them; then
//! the old versions of the changed and removed files, in one `cat-file --batch` call, read
//! with the same reader as the files on disk (`changes`).

use super::git::Failure;
use crate::model::Case;
use chrono::NaiveDate;
use std::collections::HashSet;
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

/// The case files of the last commit before a date, and which of them differ from the files
/// on disk now, as git sees them: what `changes` compares the files read with.
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
    /// Its case files, by path (relative to the repo root, with `/`).
    files: HashSet<String>,
    /// The paths (as `files`) whose text on disk is not the commit's, or that git does not
    /// track now: `git diff <commit>` of the working tree.
    differ: HashSet<String>,
}

impl OldTree {
    /// Whether the file at `path` (relative to the repo root, with `/`) is new since the
    /// commit or differs from its version there: a file whose case `changes` may compare
    /// with an old one.
    pub fn may_differ(&self, path: &str) -> bool {
        !self.files.contains(path) || self.differ.contains(path)
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
/// at the last commit before that day and which of them differ now (see `old_tree`), to
/// compare the files read with (`changes`). The folder's place in the repo and the revision come from one call.
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
/// (before the start of that day, local time), and which of them differ from the working tree.
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
    // Paths relative to `root`, where git runs, as git writes them (`-z`): any name reads as
    // written.
    let case_paths = |names: Vec<&[u8]>| -> HashSet<String> {
        names
            .into_iter()
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .filter(|p| is_case_path(p))
            .collect()
    };
    let listing = git(
        root,
        &["ls-tree", "-r", "-z", "--name-only", full, "--", &folder],
    )?;
    let files = case_paths(listing.split(|b| *b == 0).collect());
    // The working tree against the commit, as git compares them: a symbolic link as the link,
    // line ends not at all (a CRLF checkout is unchanged; `--numstat` leaves out a file whose
    // lines differ only there, where `--name-only` would list it). A file git does not track
    // now reads as deleted, so it is compared by its text. `<added>\t<deleted>\t<path>`.
    let numstat = git(
        root,
        &[
            "diff",
            "--numstat",
            "-z",
            "--no-renames",
            "--no-ext-diff",
            "--ignore-cr-at-eol",
            "--relative",
            full,
            "--",
            &folder,
        ],
    )?;
    let differ = case_paths(
        numstat
            .split(|b| *b == 0)
            .filter_map(|record| record.splitn(3, |b| *b == b'\t').nth(2))
            .collect(),
    );
    Ok(OldTree {
        commit,
        full: full.to_string(),
        commit_date,
        prefix,
        files,
        differ,
    })
}

/// What changed between the old tree and the case files on disk now (`now`: each file's path,
/// relative to the repo root with `/`, each once). A file is new when the old tree does not
/// have it, removed when only the old tree has it, and changed when git finds its text
/// changed. The old versions of the changed and removed files are read from git.
pub fn changes<'a>(
    root: &Path,
    old: &OldTree,
    now: impl Iterator<Item = &'a str>,
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
/// changed with their path), and the paths of the tree that no file on disk has, sorted: the
/// removed files.
fn sorted_out<'a>(
    old: &OldTree,
    now: impl Iterator<Item = &'a str>,
) -> (Vec<usize>, Vec<(usize, &'a str)>, Vec<String>) {
    let mut added = Vec::new();
    let mut modified = Vec::new();
    let mut present = HashSet::new();
    for (i, path) in now.enumerate() {
        if !old.files.contains(path) {
            added.push(i);
            continue;
        }
        present.insert(path);
        if old.differ.contains(path) {
            modified.push((i, path));
        }
    }
    let mut removed: Vec<String> = old
        .files
        .iter()
        .filter(|path| !present.contains(path.as_str()))
        .cloned()
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

    /// A tree of the files `old`, of which git finds `differ` changed.
    fn tree(old: &[&str], differ: &[&str]) -> OldTree {
        let set = |paths: &[&str]| paths.iter().map(|p| p.to_string()).collect();
        OldTree {
            commit: "abc1234".into(),
            full: "abc1234".into(),
            commit_date: None,
            prefix: String::new(),
            files: set(old),
            differ: set(differ),
        }
    }

    #[test]
    fn files_sort_out_as_new_changed_the_same_and_removed() {
        let old = [
            "cases/a.yaml",
            "cases/b.yaml",
            "cases/c.yaml",
            "cases/e.yaml",
        ];
        // b changed; e cannot be read now (git finds it changed); c removed (and listed as
        // deleted by git); d new.
        let tree = tree(&old, &["cases/b.yaml", "cases/c.yaml", "cases/e.yaml"]);
        let now = [
            "cases/a.yaml",
            "cases/b.yaml",
            "cases/d.yaml",
            "cases/e.yaml",
        ];
        let (added, modified, removed) = sorted_out(&tree, now.into_iter());
        assert_eq!(added, vec![2]);
        assert_eq!(modified, vec![(1, "cases/b.yaml"), (3, "cases/e.yaml")]);
        assert_eq!(removed, vec!["cases/c.yaml".to_string()]);
        // The new and the changed files may differ from a version of the tree; the others not.
        let differ: Vec<&str> = now.into_iter().filter(|p| tree.may_differ(p)).collect();
        assert_eq!(differ, ["cases/b.yaml", "cases/d.yaml", "cases/e.yaml"]);
    }

    #[test]
    fn case_paths_skip_hidden_folders() {
        assert!(is_case_path("cases/2026-001.yaml"));
        assert!(is_case_path("cases/sub/2026-001.YML"));
        assert!(!is_case_path("cases/.old/2026-001.yaml"));
        assert!(!is_case_path("cases/readme.md"));
    }
}
