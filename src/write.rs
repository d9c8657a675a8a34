//! The one guarded, atomic writer: every file ordnat writes (`--output` of every command, the
//! case file of `new`, the repo of `init`) goes through `replace` or `create_new`; the case
//! files `record` and `check --fix` edit in place through `replace_case`.
//!
//! - **Guarded.** `replace` refuses a target that is, or resolves to (a symbolic link, or a
//!   hard link: the same device and inode), a case file (`.yaml`/`.yml`), an `ordnat.toml`, a
//!   file under the repo's `schemas/`, or anything in a `.git` folder. `create_new` never
//!   replaces anything, so it only refuses `.git` and a place outside the repo.
//! - **Atomic.** The text goes to a temporary file in the target's folder, is flushed and
//!   synced, and only then renamed over the target (`replace`) or linked in where nothing is
//!   (`create_new`, which fails when the target exists: create-new semantics). On any error
//!   the temporary file is removed and the old file is untouched.
//!
//! May use: `workspace`, `config`.

use std::fmt;
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};

/// How many symbolic links `resolve` follows before it gives up (as Linux does).
const MAX_LINKS: usize = 40;

/// What a command may write over: built from the repo's root and its cases folder.
pub struct Guard {
    /// The repo root (the folder of `ordnat.toml`), canonical where it exists.
    root: PathBuf,
    /// The cases folder, canonical where it exists.
    cases: PathBuf,
}

impl Guard {
    /// The guard for the repo at `root` whose case files are under `cases_dir`.
    pub fn for_repo(root: &Path, cases_dir: &Path) -> Guard {
        Guard {
            root: canonical(root),
            cases: canonical(cases_dir),
        }
    }

    /// What `target` (resolved: canonical, no link left) is that ordnat never writes over,
    /// as a Swedish phrase; `None` when it may be written.
    fn protected(&self, target: &Path, meta: Option<&std::fs::Metadata>) -> Option<String> {
        if in_git(target) {
            return Some("något i en .git-mapp".into());
        }
        if crate::workspace::is_case_file(target) {
            return Some("en ärendefil (.yaml/.yml)".into());
        }
        if target
            .file_name()
            .is_some_and(|n| n == crate::config::FILE_NAME)
        {
            return Some(format!("en inställningsfil ({})", crate::config::FILE_NAME));
        }
        if target.starts_with(self.root.join("schemas")) {
            return Some("en fil i schemas/".into());
        }
        // A hard link shares its inode with the file it was made from: a target with more than
        // one name is compared with every protected file (rare, so the walk is affordable).
        let linked = meta.filter(|m| links(m) > 1)?;
        self.protected_files()
            .find(|p| std::fs::metadata(p).is_ok_and(|m| same_file(&m, linked)))
            .map(|p| format!("en hård länk till {}", p.display()))
    }

    /// Every file `protected` names by path: the case files of the cases folder, the root's
    /// `ordnat.toml`, the files under `schemas/` and under `.git`.
    fn protected_files(&self) -> impl Iterator<Item = PathBuf> + '_ {
        let files_under = |dir: PathBuf| {
            walkdir::WalkDir::new(dir)
                .follow_links(false)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(walkdir::DirEntry::into_path)
        };
        let cases = files_under(self.cases.clone()).filter(|p| crate::workspace::is_case_file(p));
        std::iter::once(self.root.join(crate::config::FILE_NAME))
            .chain(cases)
            .chain(files_under(self.root.join("schemas")))
            .chain(files_under(self.root.join(".git")))
    }
}

/// Why a file was not written. The messages are Swedish; each names the file.
#[derive(Debug)]
pub enum Error {
    /// The target is a file ordnat never writes over.
    Refused { path: PathBuf, what: String },
    /// `replace_case`: the target is not a case file that may be edited in place.
    NotACase { path: PathBuf, what: String },
    /// `create_new`: something already has that name.
    Exists(PathBuf),
    /// `create_new`: the target is not inside the repo.
    Outside(PathBuf),
    /// Reading the target's folder, writing or renaming failed; nothing was changed.
    Io { path: PathBuf, source: io::Error },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Error::Refused { path, what } => write!(
                f,
                "{} är {what}; ordnat skriver aldrig över ärendefiler, ordnat.toml, schemas/ eller \
                 något i .git. Ingenting skrevs; välj en annan fil",
                path.display()
            ),
            Error::NotACase { path, what } => write!(
                f,
                "{} är {what}; ordnat skriver bara om en vanlig ärendefil i ärendemappen, aldrig \
                 genom en länk. Ingenting skrevs",
                path.display()
            ),
            Error::Exists(path) => write!(f, "{} finns redan", path.display()),
            Error::Outside(path) => write!(
                f,
                "{} ligger utanför repot; ingenting skrevs",
                path.display()
            ),
            Error::Io { path, source } => write!(
                f,
                "kan inte skriva {}: {}; ingenting ändrades",
                path.display(),
                reason(source)
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Why the system refused, in Swedish where the kind of error says it; else the system's words.
fn reason(e: &io::Error) -> String {
    use io::ErrorKind as K;
    let said = match e.kind() {
        K::NotFound => "mappen finns inte",
        K::PermissionDenied => "behörighet saknas",
        K::StorageFull => "disken är full",
        K::FileTooLarge => "filen blir större än vad som tillåts (filstorleksgräns)",
        K::ReadOnlyFilesystem => "filsystemet är skrivskyddat",
        K::QuotaExceeded => "diskkvoten är slut",
        K::IsADirectory => "det är en mapp",
        K::NotADirectory => "en del av sökvägen är ingen mapp",
        _ => return e.to_string(),
    };
    said.to_string()
}

/// Writes what `write` writes to `path`, replacing the file there only once all of it is
/// written. A symbolic link is followed and the file it points to replaced (the link stays).
/// Returns the path written.
pub fn replace(
    guard: &Guard,
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<PathBuf, Error> {
    let (target, existing) = replaceable(guard, path)?;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let temp = written(&target, existing.as_ref(), write).map_err(io)?;
    temp.persist(&target).map_err(|e| io(e.error))?;
    sync_folder(&target);
    Ok(target)
}

/// Whether `replace` would write `path`: the same refusals, before a command does its work
/// (`replace` asks again when it writes).
pub fn check(guard: &Guard, path: &Path) -> Result<(), Error> {
    replaceable(guard, path).map(|_| ())
}

/// The file `replace` writes for `path` (resolved) and its metadata when it exists, or why it
/// may not be written.
fn replaceable(guard: &Guard, path: &Path) -> Result<(PathBuf, Option<std::fs::Metadata>), Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let refused = |what: String| Error::Refused {
        path: path.to_path_buf(),
        what,
    };
    // The name as given counts too: `--output x.yaml` is refused whatever it points to.
    if crate::workspace::is_case_file(path) {
        return Err(refused("en ärendefil (.yaml/.yml)".into()));
    }
    let target = resolve(path).map_err(io)?;
    let existing = match std::fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io(e)),
    };
    if let Some(what) = guard.protected(&target, existing.as_ref()) {
        let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        return Err(refused(if link {
            format!("en symbolisk länk till {}, {what}", target.display())
        } else {
            what
        }));
    }
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(io(io::Error::other("det är en mapp")));
        }
        if meta.permissions().readonly() {
            return Err(io(io::Error::other("filen är skrivskyddad")));
        }
    }
    Ok((target, existing))
}

/// Creates the folder `path` and any folder above it that is missing (`--output-dir`), never
/// in a `.git` folder; what is written into it goes through `replace`.
pub fn create_folder(path: &Path) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if in_git(&std::path::absolute(path).map_err(io)?) {
        return Err(Error::Refused {
            path: path.to_path_buf(),
            what: "en mapp i .git".into(),
        });
    }
    std::fs::create_dir_all(path).map_err(io)
}

/// Replaces one existing case file with `bytes`, complete or not at all: the one permission to
/// write a case file, for the commands that exist to edit one (`record`, `check --fix`). Only
/// a regular file (`.yaml`/`.yml`) inside the cases folder, named directly: never through a
/// symbolic link, never a file with a second name (a hard link), never a new file. Every other
/// command keeps `replace`, which refuses case files.
pub fn replace_case(guard: &Guard, path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let (target, meta) = case_target(guard, path)?;
    let temp =
        written(&target, Some(&meta), |out| out.write_all(bytes)).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    temp.persist(&target).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    sync_folder(&target);
    Ok(())
}

/// Whether `replace_case` would write `path`, without writing: the same refusals (for a
/// command that shows what it would write, such as `check --diff`).
pub fn check_case(guard: &Guard, path: &Path) -> Result<(), Error> {
    case_target(guard, path).map(|_| ())
}

/// The file `replace_case` writes for `path`, and its metadata, or why it may not.
fn case_target(guard: &Guard, path: &Path) -> Result<(PathBuf, std::fs::Metadata), Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let refused = |what: &str| Error::NotACase {
        path: path.to_path_buf(),
        what: what.to_string(),
    };
    let meta = std::fs::symlink_metadata(path).map_err(io)?;
    if meta.file_type().is_symlink() {
        return Err(refused("en symbolisk länk"));
    }
    if !meta.is_file() {
        return Err(io(io::Error::other("det är ingen vanlig fil")));
    }
    if links(&meta) > 1 {
        return Err(refused("en fil med flera namn (en hård länk)"));
    }
    let target = resolve(path).map_err(io)?;
    if !crate::workspace::is_case_file(&target)
        || !target.starts_with(&guard.cases)
        || in_git(&target)
    {
        return Err(refused("ingen ärendefil i ärendemappen"));
    }
    if meta.permissions().readonly() {
        return Err(io(io::Error::other("filen är skrivskyddad")));
    }
    Ok((target, meta))
}

/// Creates `path` with `bytes`, complete or not at all, and never where something already is
/// (`Error::Exists`, also for a symbolic link, even a broken one). The folder must exist.
pub fn create_new(guard: &Guard, path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::Exists(path.to_path_buf()));
    }
    // The name is new: only its folder is resolved.
    let target = resolve(path).map_err(io)?;
    if in_git(&target) {
        return Err(Error::Refused {
            path: path.to_path_buf(),
            what: "något i en .git-mapp".into(),
        });
    }
    if !target.starts_with(&guard.root) {
        return Err(Error::Outside(path.to_path_buf()));
    }
    let temp = written(&target, None, |out| out.write_all(bytes)).map_err(io)?;
    match temp.persist_noclobber(&target) {
        Ok(_) => {}
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
            return Err(Error::Exists(path.to_path_buf()));
        }
        Err(e) => return Err(io(e.error)),
    }
    sync_folder(&target);
    Ok(())
}

/// A temporary file beside `target` holding what `write` wrote, flushed and synced, with the
/// permissions of the file it replaces (else those of a new file: read and write for all, less
/// the umask, as `File::create` gives). Dropped (and so removed) on any error.
fn written(
    target: &Path,
    existing: Option<&std::fs::Metadata>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<tempfile::NamedTempFile> {
    let folder = target
        .parent()
        .ok_or_else(|| io::Error::other("sökvägen har ingen mapp"))?;
    let mut builder = tempfile::Builder::new();
    // A dot first: the case finder and most listings skip it while it exists.
    builder.prefix(".ordnat-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(folder)?;
    if let Some(meta) = existing {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    let mut out = BufWriter::new(temp.as_file());
    write(&mut out)?;
    out.flush()?;
    drop(out);
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// The file `path` names, absolute and with every symbolic link followed: the canonical path
/// when it exists, else the canonical folder joined with the name.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut path = std::path::absolute(path)?;
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(folder) => folder.join(to),
                    None => to,
                };
            }
            Ok(_) => return path.canonicalize(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
                    return Err(io::Error::other("sökvägen har inget filnamn"));
                };
                return Ok(folder.canonicalize()?.join(name));
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("för många symboliska länkar i rad"))
}

/// The path made canonical where it exists (else as it is, made absolute).
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Whether a folder on the way to `path` is named `.git`.
fn in_git(path: &Path) -> bool {
    path.components()
        .any(|c| matches!(c, Component::Normal(n) if n == ".git"))
}

/// Makes the rename itself durable where the system allows it (best effort: a folder cannot
/// be opened for syncing everywhere, and the file is already complete).
fn sync_folder(target: &Path) {
    #[cfg(unix)]
    if let Some(folder) = target.parent()
        && let Ok(dir) = std::fs::File::open(folder)
    {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = target;
}

#[cfg(unix)]
fn links(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

// Without inode numbers there is nothing to compare; the rename replaces the name written to,
// never the other names of the file.
#[cfg(not(unix))]
fn links(_: &std::fs::Metadata) -> u64 {
    1
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo() -> (tempfile::TempDir, Guard) {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("cases")).expect("mkdir");
        std::fs::write(dir.path().join("ordnat.toml"), "region = \"R\"\n").expect("toml");
        std::fs::write(dir.path().join("cases/2026-001-a.yaml"), "id: 2026-001\n").expect("case");
        let guard = Guard::for_repo(dir.path(), &dir.path().join("cases"));
        (dir, guard)
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".ordnat-"))
            .collect()
    }

    #[test]
    fn replace_writes_the_whole_text_and_keeps_the_old_file_on_error() {
        let (dir, guard) = repo();
        let path = dir.path().join("rapport.md");
        replace(&guard, &path, |out| out.write_all(b"ny")).expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"ny");
        let failed = replace(&guard, &path, |out| {
            out.write_all(b"halv")?;
            Err(io::Error::other("disken är full"))
        });
        assert!(matches!(failed, Err(Error::Io { .. })), "{failed:?}");
        assert_eq!(std::fs::read(&path).expect("read"), b"ny");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn only_replace_case_writes_a_case_file_and_only_one_named_directly() {
        let (dir, guard) = repo();
        let case = dir.path().join("cases/2026-001-a.yaml");
        // Every other command keeps its refusal.
        let refused = replace(&guard, &case, |out| out.write_all(b"x"));
        assert!(matches!(refused, Err(Error::Refused { .. })), "{refused:?}");
        replace_case(&guard, &case, b"id: 2026-001\nx: 1\n").expect("record");
        assert_eq!(std::fs::read(&case).expect("read"), b"id: 2026-001\nx: 1\n");
        let not_a_case = |path: &Path| {
            let r = replace_case(&guard, path, b"y");
            assert!(
                matches!(r, Err(Error::NotACase { .. } | Error::Io { .. })),
                "{path:?}: {r:?}"
            );
        };
        // Never a new file, a file outside the cases folder, or something else than a case.
        not_a_case(&dir.path().join("cases/2026-002-new.yaml"));
        std::fs::write(dir.path().join("other.yaml"), "id: x\n").expect("write");
        not_a_case(&dir.path().join("other.yaml"));
        not_a_case(&dir.path().join("ordnat.toml"));
        #[cfg(unix)]
        {
            let link = dir.path().join("cases/2026-003-link.yaml");
            std::os::unix::fs::symlink(&case, &link).expect("symlink");
            not_a_case(&link);
            let hard = dir.path().join("cases/2026-004-hard.yaml");
            std::fs::hard_link(&case, &hard).expect("hard link");
            not_a_case(&hard);
            not_a_case(&case);
        }
        assert_eq!(std::fs::read(&case).expect("read"), b"id: 2026-001\nx: 1\n");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn create_new_never_replaces_and_stays_in_the_repo() {
        let (dir, guard) = repo();
        let case = dir.path().join("cases/2026-001-a.yaml");
        let exists = create_new(&guard, &case, b"x");
        assert!(matches!(exists, Err(Error::Exists(_))), "{exists:?}");
        assert_eq!(std::fs::read(&case).expect("read"), b"id: 2026-001\n");
        let new = dir.path().join("cases/2026-002-b.yaml");
        create_new(&guard, &new, b"id: 2026-002\n").expect("create");
        assert_eq!(std::fs::read(&new).expect("read"), b"id: 2026-002\n");
        let outside = tempfile::tempdir().expect("tempdir");
        let there = create_new(&guard, &outside.path().join("x.yaml"), b"x");
        assert!(matches!(there, Err(Error::Outside(_))), "{there:?}");
        std::fs::create_dir(dir.path().join(".git")).expect("git");
        let git = create_new(&guard, &dir.path().join(".git/config"), b"x");
        assert!(matches!(git, Err(Error::Refused { .. })), "{git:?}");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn new_files_get_the_permissions_of_file_create_and_replaced_ones_keep_theirs() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, guard) = repo();
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        let created = dir.path().join("skapad.md");
        std::fs::write(&created, "x").expect("write");
        let new = dir.path().join("ny.md");
        replace(&guard, &new, |out| out.write_all(b"x")).expect("write");
        assert_eq!(mode(&new), mode(&created));
        std::fs::set_permissions(&new, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        replace(&guard, &new, |out| out.write_all(b"y")).expect("write");
        assert_eq!(mode(&new), 0o640);
    }
}
