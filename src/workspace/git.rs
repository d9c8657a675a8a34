//! Git history through the `git` command line (present wherever CI runs): which files have
//! changed since a revision, for `check --changed-since`.
//!
//! "Changed since REV" is every file that was added, copied, modified, renamed (the new name)
//! or changed type between the merge base of REV and HEAD and the working tree (so staged and
//! unstaged edits count), plus untracked files that `.gitignore` does not exclude. Deleted
//! files are not listed: there is nothing left to check. The merge base makes
//! `--changed-since origin/main` mean "changed on this branch", as a pull request sees it,
//! even when main has moved on; for an ancestor of HEAD it is that revision itself.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why the changed files could not be listed; every message is Swedish and complete.
#[derive(Debug)]
pub struct GitError(pub String);

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GitError {}

/// The files changed since `rev` in the git repo that holds `dir`, as absolute paths
/// (canonical where the file exists).
pub fn changed_since(dir: &Path, rev: &str) -> Result<HashSet<PathBuf>, GitError> {
    if rev.is_empty() || rev.starts_with('-') {
        return Err(GitError(format!(
            "`{rev}` är ingen git-revision (--changed-since vill ha t.ex. `HEAD~1`, `main` eller en commit)"
        )));
    }
    let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| match e {
        Failure::Spawn(e) => GitError(format!(
            "--changed-since kräver git, men git kunde inte startas: {e}"
        )),
        // git says why: not a repo, or one it distrusts (`safe.directory` in containers).
        Failure::Status(stderr) => GitError(format!(
            "--changed-since kräver ett git-repo, men git kan inte använda {}: {}",
            dir.display(),
            stderr.trim()
        )),
    })?;
    let top = PathBuf::from(os_string(top.trim_ascii_end()));
    let commit = git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| {
        GitError(format!(
            "okänd git-revision `{rev}` (finns grenen eller commiten i denna klon? I CI kan \
             historiken behöva hämtas, t.ex. `fetch-depth: 0` eller `GIT_DEPTH: 0`)"
        ))
    })?;
    let commit = String::from_utf8_lossy(&commit).trim().to_string();
    // Names from `diff` and `ls-files` are relative to the top of the work tree when run there.
    let diff = git(
        &top,
        &[
            "diff",
            "--name-only",
            "-z",
            "--no-ext-diff",
            "--no-relative",
            "--diff-filter=ACMRT",
            "--merge-base",
            &commit,
            "--",
        ],
    )
    .map_err(|e| {
        GitError(format!(
            "git kan inte jämföra med `{rev}`: {} (saknas gemensam historik, t.ex. i en grund klon?)",
            e.detail()
        ))
    })?;
    let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])
        .map_err(|e| GitError(format!("git kan inte lista nya filer: {}", e.detail())))?;
    Ok(diff
        .split(|b| *b == 0)
        .chain(untracked.split(|b| *b == 0))
        .filter(|name| !name.is_empty())
        .map(|name| top.join(os_string(name)))
        .map(|p| p.canonicalize().unwrap_or(p))
        .collect())
}

/// A git call that did not succeed.
pub(super) enum Failure {
    /// git could not be started.
    Spawn(std::io::Error),
    /// git ran and failed; what it wrote on standard error.
    Status(String),
}

impl Failure {
    fn detail(&self) -> String {
        match self {
            Failure::Spawn(e) => e.to_string(),
            Failure::Status(s) => s.trim().to_string(),
        }
    }
}

/// Runs `git ARGS` in `dir`; its standard output when it succeeds.
pub(super) fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Failure> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(std::process::Stdio::null())
        .env_remove("GIT_EXTERNAL_DIFF")
        .output()
        .map_err(Failure::Spawn)?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(Failure::Status(
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ))
    }
}

/// A file name as git printed it (bytes; not always UTF-8).
#[cfg(unix)]
fn os_string(bytes: &[u8]) -> OsString {
    use std::os::unix::ffi::OsStrExt;
    std::ffi::OsStr::from_bytes(bytes).to_os_string()
}

#[cfg(not(unix))]
fn os_string(bytes: &[u8]) -> OsString {
    OsString::from(String::from_utf8_lossy(bytes).into_owned())
}
