//! The repo as the server keeps it: the settings and levels, every case file's first pass
//! (`rules::Live`) with a little of each file (its case's name and phase, where its wide
//! characters and masked stretches stand), and the buffers the editor has open.
//!
//! A buffer's text is what is checked while it is open (the disk's text when it is closed).
//! A change re-runs the first pass for that file alone and the rules across files for all;
//! the files to publish are that file and those whose findings across files changed.

use super::diagnostics;
use super::position::{Text, Wide, uri_of};
use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::model::Pos;
use crate::process::Derived;
use crate::read::{CaseFile, Mask};
use crate::rules::{Ctx, Levels, Live};
use chrono::NaiveDate;
use lsp_types::Uri;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A message for the editor: findings of one file.
pub struct Publish {
    pub uri: Uri,
    pub version: Option<i32>,
    pub diagnostics: Vec<lsp_types::Diagnostic>,
}

/// What the server keeps of a case file besides its first pass.
pub struct FileInfo {
    pub path: PathBuf,
    pub display: String,
    /// Its case's name (`Case::name`) and phase as `status` words it.
    pub name: Option<String>,
    pub phase: Option<&'static str>,
    /// Where the masked stretches of its text stand (positions of findings are in the masked
    /// text; the editor shows the text as written).
    mask: Mask,
    /// Where its wide characters stand, for UTF-16 columns while it is not open.
    wide: Wide,
}

/// A buffer open in the editor.
pub struct Doc {
    pub text: Text,
    pub version: i32,
    /// Its findings as last checked (for hover).
    pub findings: Vec<Diagnostic>,
    /// The phase and next step of its case, as `status` words them (`lens`).
    pub lens: Option<String>,
    /// Changed since it was last checked.
    dirty: bool,
}

/// A repo loaded.
pub struct Repo {
    pub settings: Settings,
    pub levels: Levels,
    pub today: NaiveDate,
    live: Live,
    /// Parallel to `live`, sorted by path as `workspace::find` sorts.
    pub files: Vec<FileInfo>,
}

/// Everything the server knows.
pub struct Project {
    /// The folder the repo is found from (the editor's workspace folder).
    start: PathBuf,
    /// `--today`, else the local date at each load.
    today: Option<NaiveDate>,
    pub repo: Option<Repo>,
    /// Open buffers by path (canonical where the file exists).
    pub open: HashMap<PathBuf, Doc>,
    /// Why the repo could not be loaded, to show once.
    pub problem: Option<String>,
    /// Whether `ordnat.toml` had findings published (to clear them).
    config_published: bool,
}

/// A path as the server compares paths: canonical where it exists (or where its folder does).
pub fn normal(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => dir
            .canonicalize()
            .map(|d| d.join(name))
            .unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    }
}

impl Project {
    pub fn new(start: PathBuf, today: Option<NaiveDate>) -> Self {
        Project {
            start: normal(&start),
            today,
            repo: None,
            open: HashMap::new(),
            problem: None,
            config_published: false,
        }
    }

    /// (Re)loads the repo from disk, open buffers read from their text: every file's
    /// findings to publish (empty ones too, so that the editor's list is the whole result),
    /// and empty lists for the files that are gone.
    pub fn load(&mut self) -> Vec<Publish> {
        let before: Vec<PathBuf> = self
            .repo
            .as_ref()
            .map(|r| r.files.iter().map(|f| f.path.clone()).collect())
            .unwrap_or_default();
        let today = self
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let mut out = Vec::new();
        let config = self.start.join(crate::config::FILE_NAME);
        let opened = crate::workspace::open(&self.start, &[], today).map_err(|e| match e {
            crate::workspace::LoadError::Config(c) => (Some(c.clone()), c.to_string()),
            crate::workspace::LoadError::Path(m) => (None, m),
        });
        let loaded = opened.and_then(|repo| {
            let levels = Levels::new(&repo.settings, &[], false)
                .map_err(|c| (Some(c.clone()), c.to_string()))?;
            Ok((repo, levels))
        });
        let (repo, levels) = match loaded {
            Ok(ok) => ok,
            Err((config_error, message)) => {
                self.repo = None;
                self.problem = Some(message);
                if let Some(c) = config_error {
                    let file = c.file.clone();
                    out.extend(self.publish_config(&file, &[(c, true)]));
                }
                out.extend(before.iter().filter_map(|p| empty(p)));
                return out;
            }
        };
        self.problem = None;
        let warnings: Vec<_> = repo
            .settings
            .warnings
            .iter()
            .map(|w| (w.clone(), false))
            .collect();
        let config_file = repo.settings.file.clone().unwrap_or(config);
        out.extend(self.publish_config(&config_file, &warnings));
        let (live, files) = Live::load(&repo, &levels, |file, derived| {
            info(&file, derived.as_ref())
        });
        self.repo = Some(Repo {
            settings: repo.settings,
            levels,
            today,
            live,
            files,
        });
        // Open buffers are checked from their text.
        let open: Vec<PathBuf> = self.open.keys().cloned().collect();
        for path in open {
            self.check_open(&path);
        }
        if let Some(repo) = &mut self.repo {
            repo.live.refresh(&repo.levels);
        }
        let count = self.repo.as_ref().map_or(0, |r| r.files.len());
        out.extend((0..count).filter_map(|i| self.publish(i)));
        if let Some(repo) = &self.repo {
            let now: std::collections::HashSet<&Path> =
                repo.files.iter().map(|f| f.path.as_path()).collect();
            out.extend(
                before
                    .iter()
                    .filter(|p| !now.contains(p.as_path()))
                    .filter_map(|p| empty(p)),
            );
        }
        out
    }

    /// `ordnat.toml`'s problems as findings on it (or none, clearing earlier ones).
    fn publish_config(
        &mut self,
        file: &Path,
        problems: &[(crate::config::ConfigError, bool)],
    ) -> Option<Publish> {
        if problems.is_empty() && !self.config_published {
            return None;
        }
        self.config_published = !problems.is_empty();
        Some(Publish {
            uri: uri_of(&normal(file))?,
            version: None,
            diagnostics: problems
                .iter()
                .map(|(c, error)| diagnostics::config(c, *error))
                .collect(),
        })
    }

    /// The file at `path` (as `normal` gives it) in the repo's list.
    pub fn index_of(&self, path: &Path) -> Option<usize> {
        self.repo.as_ref()?.index_of(path)
    }

    /// Whether `path` is a case file of the repo (under its cases folder, `.yaml`/`.yml`).
    pub fn is_case_path(&self, path: &Path) -> bool {
        let Some(repo) = &self.repo else {
            return false;
        };
        let dir = normal(&repo.settings.cases_dir);
        crate::workspace::is_case_file(path)
            && path.starts_with(&dir)
            && !path
                .strip_prefix(&dir)
                .ok()
                .into_iter()
                .flat_map(|rel| rel.components())
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
    }

    /// A buffer opened or changed: kept, and checked at the next `flush`.
    pub fn set_text(&mut self, path: PathBuf, text: String, version: i32) {
        let doc = self.open.entry(path).or_insert_with(|| Doc {
            text: Text::default(),
            version,
            findings: Vec::new(),
            lens: None,
            dirty: true,
        });
        doc.text = Text::new(text);
        doc.version = version;
        doc.dirty = true;
    }

    /// The buffer of an open file, for the incremental edits of `didChange`.
    pub fn doc(&self, path: &Path) -> Option<&Doc> {
        self.open.get(path)
    }

    /// The open case file a request is about: its path (as `normal` gives it) and its
    /// buffer; `None` for a file that is not a case file of the repo or is not open.
    pub fn case_doc(&self, uri: &Uri) -> Option<(PathBuf, &Doc)> {
        let path = normal(&super::position::path_of(uri)?);
        if !self.is_case_path(&path) {
            return None;
        }
        let doc = self.doc(&path)?;
        Some((path, doc))
    }

    pub fn is_dirty(&self) -> bool {
        self.open.values().any(|d| d.dirty)
    }

    /// Checks every changed buffer: what to publish.
    pub fn flush(&mut self) -> Vec<Publish> {
        let dirty: Vec<PathBuf> = self
            .open
            .iter()
            .filter(|(_, d)| d.dirty)
            .map(|(p, _)| p.clone())
            .collect();
        let mut touched = Vec::new();
        for path in dirty {
            if let Some(doc) = self.open.get_mut(&path) {
                doc.dirty = false;
            }
            touched.extend(self.check_open(&path));
        }
        self.after(touched)
    }

    /// A buffer closed: its file is checked from the disk again (or dropped, if it was never
    /// saved).
    pub fn close(&mut self, path: &Path) -> Vec<Publish> {
        self.open.remove(path);
        let touched = self.read_disk(path);
        self.after(touched)
    }

    /// Files changed outside the editor (`git pull`, `ordnat record`): each read again from
    /// the disk, unless it is open (the buffer wins until it is closed).
    pub fn disk_changed(&mut self, paths: &[PathBuf]) -> Vec<Publish> {
        let mut touched = Vec::new();
        for path in paths {
            if !self.open.contains_key(path) {
                touched.extend(self.read_disk(path));
            }
        }
        self.after(touched)
    }

    /// The rules across files brought up to date after `touched` changed: what to publish.
    fn after(&mut self, touched: Vec<Touched>) -> Vec<Publish> {
        let Some(repo) = &mut self.repo else {
            return Vec::new();
        };
        let changed = repo.live.refresh(&repo.levels);
        let mut indexes: Vec<usize> = changed;
        let mut out = Vec::new();
        for t in touched {
            match t {
                Touched::At(i) => indexes.push(i),
                Touched::Gone(path) => out.extend(empty(&path)),
            }
        }
        indexes.sort_unstable();
        indexes.dedup();
        out.extend(indexes.into_iter().filter_map(|i| self.publish(i)));
        out
    }

    /// Reads `path` from the disk into the repo: checked again, added, or dropped.
    fn read_disk(&mut self, path: &Path) -> Vec<Touched> {
        if !self.is_case_path(path) {
            return Vec::new();
        }
        let exists = path.is_file();
        let index = self.index_of(path);
        let Some(repo) = &mut self.repo else {
            return Vec::new();
        };
        match (index, exists) {
            (Some(i), false) => {
                repo.live.remove(i);
                repo.files.remove(i);
                vec![Touched::Gone(path.to_path_buf())]
            }
            (None, false) => Vec::new(),
            (index, true) => {
                let file = crate::read::read(&repo.settings.root, path);
                vec![repo.check(index, path, &file).0]
            }
        }
    }

    /// Checks an open buffer's text as its file; a path that is no case file of the repo is
    /// not checked.
    fn check_open(&mut self, path: &Path) -> Vec<Touched> {
        if !self.is_case_path(path) {
            return Vec::new();
        }
        let index = self.index_of(path);
        let (Some(repo), Some(doc)) = (&mut self.repo, self.open.get(path)) else {
            return Vec::new();
        };
        let file = read_buffer(&repo.settings.root, path, &doc.text.text);
        let (touched, derived) = repo.check(index, path, &file);
        let lens = repo.lens(&file, derived);
        // The findings are kept when they are published (`publish`, after the rules across
        // files have run); a file gone from the repo has none.
        let gone = matches!(touched, Touched::Gone(_));
        if let Some(doc) = self.open.get_mut(path) {
            doc.lens = lens;
            if gone {
                doc.findings.clear();
            }
        }
        vec![touched]
    }

    /// The findings of file `index` to publish, with the open buffer's version.
    fn publish(&mut self, index: usize) -> Option<Publish> {
        let repo = self.repo.as_ref()?;
        let info = repo.files.get(index)?;
        let found = repo.live.findings(index, &repo.levels);
        let doc = self.open.get(&info.path);
        let diagnostics = found
            .iter()
            .map(|d| {
                diagnostics::convert(
                    d,
                    &|pos| repo.range_in(index, &self.open, pos),
                    &|display, pos| repo.location(display, pos, &self.open),
                )
            })
            .collect();
        let version = doc.map(|d| d.version);
        let uri = uri_of(&info.path)?;
        if let Some(doc) = self.open.get_mut(&info.path) {
            doc.findings = found;
        }
        Some(Publish {
            uri,
            version,
            diagnostics,
        })
    }
}

/// What a change touched: a file of the list (by its index after the change), or a file
/// that is gone.
enum Touched {
    At(usize),
    Gone(PathBuf),
}

/// An empty list of findings for `path`: clears what was published for it.
fn empty(path: &Path) -> Option<Publish> {
    Some(Publish {
        uri: uri_of(path)?,
        version: None,
        diagnostics: Vec::new(),
    })
}

/// A buffer's text read as its file would be read; a buffer larger than a case file can be
/// is reported as `read` reports such a file, without reading it.
fn read_buffer(root: &Path, path: &Path, text: &str) -> CaseFile {
    if text.len() as u64 > crate::read::MAX_FILE_BYTES {
        let mut file = CaseFile::new(crate::read::display_path(root, path), path.to_path_buf());
        file.diagnostics
            .push(crate::read::too_large(text.len() as u64));
        return file;
    }
    crate::read::read_text(root, path, text)
}

/// What the server keeps of a file besides its first pass.
fn info(file: &CaseFile, derived: Option<&Derived>) -> FileInfo {
    let mask = file.mask.clone();
    let wide = Wide::of(&file.source).map(|line, col| {
        let at = mask.written(Pos::new(line, col, 1));
        (at.line, at.col)
    });
    FileInfo {
        path: file.path.clone(),
        display: file.display.clone(),
        name: file.case.as_ref().and_then(|c| c.name()),
        phase: derived.map(|d| d.phase.sv()),
        mask,
        wide,
    }
}

impl Repo {
    /// Checks `file` (at `path`) as file `index` of the list, or as a new one: what the
    /// change touched, and what the process derived of its case.
    fn check(
        &mut self,
        index: Option<usize>,
        path: &Path,
        file: &CaseFile,
    ) -> (Touched, Option<Derived>) {
        let ctx = Ctx {
            settings: &self.settings,
            today: self.today,
        };
        let (i, derived) = match index {
            Some(i) => (i, self.live.set(&ctx, &self.levels, i, file)),
            None => {
                let i = self.files.partition_point(|f| f.path.as_path() < path);
                (i, self.live.insert(&ctx, &self.levels, i, file))
            }
        };
        let mut kept = info(file, derived.as_ref());
        kept.path = path.to_path_buf();
        match index {
            Some(_) => self.files[i] = kept,
            None => self.files.insert(i, kept),
        }
        (Touched::At(i), derived)
    }

    /// The phase and next step of `file`'s case as `status` words them.
    fn lens(&self, file: &CaseFile, derived: Option<Derived>) -> Option<String> {
        file.case.as_ref()?;
        let opts = crate::report::Options {
            meeting: None,
            filter: Default::default(),
            confidential: false,
        };
        let scope = crate::report::Scope::status(&self.settings, self.today, &opts);
        let facts = crate::report::facts(&scope, file, derived.as_ref());
        let row = facts.row()?;
        let mut text = format!("Fas: {}", row.phase_label);
        if let Some(next) = &row.next_step {
            text.push_str(&format!(" · Nästa steg: {next}"));
            if let Some(who) = row.responsible.as_deref().filter(|w| !w.is_empty()) {
                text.push_str(&format!(" – {who}"));
            }
        }
        Some(text)
    }

    /// The file at `path` (as `normal` gives it) in the list.
    fn index_of(&self, path: &Path) -> Option<usize> {
        self.files
            .binary_search_by(|f| f.path.as_path().cmp(path))
            .ok()
    }

    /// The LSP range of `pos` (of the text as read) in file `index`: by its open buffer's text
    /// (in `open`), else by where the file's wide characters stand.
    pub fn range_in(
        &self,
        index: usize,
        open: &HashMap<PathBuf, Doc>,
        pos: Pos,
    ) -> lsp_types::Range {
        let Some(info) = self.files.get(index) else {
            return Wide::default().range(pos);
        };
        let pos = info.mask.written(pos);
        match open.get(&info.path) {
            Some(doc) => doc.text.range(pos),
            None => info.wide.range(pos),
        }
    }

    /// The location of `pos` in the file shown as `display` (a related place of a finding).
    fn location(
        &self,
        display: &str,
        pos: Pos,
        open: &HashMap<PathBuf, Doc>,
    ) -> Option<lsp_types::Location> {
        let i = self.index_of(&self.settings.root.join(display))?;
        let uri = uri_of(&self.files.get(i)?.path)?;
        Some(lsp_types::Location::new(uri, self.range_in(i, open, pos)))
    }

    /// The index entry of file `index` (its id and references).
    pub fn entry(&self, index: usize) -> Option<&crate::rules::Entry> {
        self.live.entry(index)
    }

    /// The files whose case has the id `id`, in order.
    pub fn with_id(&self, id: &str) -> Vec<usize> {
        (0..self.files.len())
            .filter(|i| {
                self.live
                    .entry(*i)
                    .and_then(|e| e.id.as_ref())
                    .is_some_and(|s| &*s.value == id)
            })
            .collect()
    }

    /// Every case id with its file's index, in file order.
    pub fn ids(&self) -> Vec<(&str, usize)> {
        (0..self.files.len())
            .filter_map(|i| Some((self.live.entry(i)?.id.as_ref()?.value.as_ref(), i)))
            .collect()
    }
}
