//! One way into a repo: the settings (`ordnat.toml`), every case file read, the selection of
//! paths to report on, and today's date. `check`, `report` and `checklist` all load this; it
//! never reads the current folder by itself, so tests and commands can point it anywhere.
//!
//! `history` reads the repo's git history for the report (the revision, what changed since a
//! date).
//!
//! May use: `config`, `read`, `model`, `diagnostic`, `rule_id`, `text`. Knows nothing of the
//! rules or the output.

mod discover;
mod git;
pub mod history;

pub use discover::{find, is_case_file};
pub use git::{GitError, changed_since};

use crate::config::{ConfigError, Settings};
use crate::read::{CaseFile, Found};
use chrono::NaiveDate;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// A repo: its settings, its files (`CaseFile`s once loaded, the `Found` paths when only
/// opened), which of them to report on, and today.
pub struct Workspace<F = CaseFile> {
    pub settings: Settings,
    /// Every case file of the repo (and the named paths outside its cases folder), sorted.
    pub files: Vec<F>,
    /// Which files to report on: all when `None`, else one flag per file.
    pub selected: Option<Vec<bool>>,
    pub today: NaiveDate,
}

/// A repo opened, its files found but not read: what `check` streams over.
pub type Opened = Workspace<Found>;

impl<F> Workspace<F> {
    /// Whether the file at `index` is one to report on.
    pub fn is_selected(&self, index: usize) -> bool {
        self.selected
            .as_ref()
            .is_none_or(|s| s.get(index).copied().unwrap_or(false))
    }

    /// How many files are reported on.
    pub fn selected_count(&self) -> usize {
        self.selected
            .as_ref()
            .map_or(self.files.len(), |s| s.iter().filter(|x| **x).count())
    }
}

impl Opened {
    /// Narrows the selection (all files, or the paths named) to the files among `paths`
    /// (absolute, canonical where the file exists), as `changed_since` lists them.
    pub fn select_among(&mut self, paths: &HashSet<PathBuf>) {
        let keep: Vec<bool> = self
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let path = f.path.canonicalize().unwrap_or_else(|_| f.path.clone());
                self.is_selected(i) && paths.contains(&path)
            })
            .collect();
        self.selected = Some(keep);
    }

    /// Reads every file on all cores: the loaded repo.
    pub fn read(self) -> Workspace {
        Workspace {
            files: crate::read::read_each(&self.settings.root, &self.files, |_, file| file),
            settings: self.settings,
            selected: self.selected,
            today: self.today,
        }
    }

    /// The path of file `index` as shown.
    pub fn display(&self, index: usize) -> String {
        crate::read::display_path(&self.settings.root, &self.files[index].path)
    }
}

/// Why a repo could not be loaded: the run stops with exit code 2.
#[derive(Debug)]
pub enum LoadError {
    /// `ordnat.toml` could not be read; with file, line and column.
    Config(ConfigError),
    /// A path on the command line, or the cases folder, is wrong.
    Path(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            LoadError::Config(e) => e.fmt(f),
            LoadError::Path(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for LoadError {}

impl From<ConfigError> for LoadError {
    fn from(e: ConfigError) -> Self {
        LoadError::Config(e)
    }
}

/// Refuses a cases folder that does not exist, is no folder, or lies outside the folder of
/// `ordnat.toml` (`ärenden = "/"` or `".."`): no command reads, or writes into, a folder the
/// repo does not own. Without `ordnat.toml` the cases folder is `cases/` in the current folder.
fn cases_folder(settings: &Settings) -> Result<(), LoadError> {
    let dir = &settings.cases_dir;
    let Some(config) = &settings.file else {
        return match std::fs::metadata(dir) {
            Ok(meta) if meta.is_dir() => Ok(()),
            _ => Err(LoadError::Path(format!(
                "hittar ingen ärendemapp: i {} finns ingen {}, varken här eller i en mapp ovanför, \
                 och ingen mapp {}/. Börja med `ordnat init` för att skapa ett ärenderepo här, \
                 eller gå till ett ärenderepo",
                settings.root.display(),
                crate::config::FILE_NAME,
                crate::config::DEFAULT_CASES_DIR
            ))),
        };
    };
    let meta = std::fs::metadata(dir).map_err(|_| {
        LoadError::Path(format!(
            "ärendemappen {} finns inte; skapa den, eller ange mappen med ärendefilerna som \
             `ärenden` i {}",
            dir.display(),
            config.display()
        ))
    })?;
    if !meta.is_dir() {
        return Err(LoadError::Path(format!(
            "ärendemappen {} är ingen mapp; ange mappen med ärendefilerna som `ärenden` i {}",
            dir.display(),
            config.display()
        )));
    }
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    if !canonical(dir).starts_with(canonical(&settings.root)) {
        return Err(LoadError::Path(format!(
            "ärendemappen {} ligger utanför {}, mappen med {}; ordnat läser bara ärenden i \
             repot: ange en mapp i det som `ärenden`, t.ex. `ärenden = \"{}\"`",
            dir.display(),
            settings.root.display(),
            crate::config::FILE_NAME,
            crate::config::DEFAULT_CASES_DIR
        )));
    }
    Ok(())
}

/// Loads the repo that holds `start`: `open`, then every file read.
pub fn load(start: &Path, paths: &[PathBuf], today: NaiveDate) -> Result<Workspace, LoadError> {
    Ok(open(start, paths, today)?.read())
}

/// Opens the repo that holds `start` (found by walking up to `ordnat.toml`), with `paths`
/// (relative to `start`) selected for reporting. The whole repo is listed even when paths are
/// given, so that references across files resolve; named paths outside the cases folder are
/// listed too. Warnings about `ordnat.toml` (a file that sets nothing) go to standard error,
/// once for every command that reads the repo.
pub fn open(start: &Path, paths: &[PathBuf], today: NaiveDate) -> Result<Opened, LoadError> {
    let settings = crate::config::discover(start)?;
    for warning in &settings.warnings {
        let text = warning.to_string();
        eprintln!(
            "ordnat: varning: {}",
            crate::text::sanitize::controls(&text, crate::text::sanitize::Keep::LAYOUT)
        );
    }
    cases_folder(&settings)?;
    let mut found = find(&settings.root, &settings.cases_dir);
    let normalize = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let mut wanted: Option<HashSet<PathBuf>> = None;
    if !paths.is_empty() {
        let mut named = Vec::new();
        for p in paths {
            let abs = if p.is_absolute() {
                p.clone()
            } else {
                start.join(p)
            };
            let Ok(meta) = std::fs::symlink_metadata(&abs) else {
                return Err(LoadError::Path(format!("{} finns inte", p.display())));
            };
            if !meta.is_dir() && !is_case_file(&abs) {
                return Err(LoadError::Path(format!(
                    "{} är ingen ärendefil: ärendefiler slutar på .yaml eller .yml",
                    p.display()
                )));
            }
            named.extend(find(&settings.root, &abs));
        }
        let known: HashSet<PathBuf> = found.iter().map(|f| normalize(&f.path)).collect();
        wanted = Some(named.iter().map(|f| normalize(&f.path)).collect());
        found.extend(
            named
                .into_iter()
                .filter(|f| !known.contains(&normalize(&f.path))),
        );
        found.sort_by(|a, b| a.path.cmp(&b.path));
    }
    let selected = wanted.map(|w| {
        found
            .iter()
            .map(|f| w.contains(&normalize(&f.path)))
            .collect()
    });
    Ok(Workspace {
        settings,
        files: found,
        selected,
        today,
    })
}
