//! Which cases a command about cases is for (`checklist`, `brief`): one case, by id or by the
//! path of its file, or the cases of a committee meeting; the repo opened for it; and, once
//! every file is checked, the one case asked for or a Swedish error that says why there is
//! none (the closest id for an unknown one).

use crate::read::CaseFile;
use crate::workspace::Opened;
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Which cases a command is for.
pub(super) enum Wanted {
    /// The case file at this path.
    Path(PathBuf),
    /// The case with this id.
    Id(String),
    /// The cases of the committee's meeting on this day (which ones is the command's to say).
    Meeting(NaiveDate),
}

impl Wanted {
    /// From the command line: `meeting` (`--meeting DATUM`) when given, else `case` (an id
    /// or a path) in the folder `cwd`.
    pub(super) fn of(case: Option<&str>, meeting: Option<&str>, cwd: &Path) -> Result<Wanted> {
        Ok(match (case, meeting) {
            (_, Some(date)) => {
                Wanted::Meeting(crate::text::parse_date(date.trim()).with_context(|| {
                    format!("`{date}` är inte ett datum; skriv mötesdatumet ÅÅÅÅ-MM-DD")
                })?)
            }
            (Some(case), None) => {
                let path = PathBuf::from(case);
                if cwd.join(&path).is_dir() {
                    bail!(
                        "{case} är en mapp; ange ett ärendes id eller sökvägen till en ärendefil"
                    );
                }
                if looks_like_path(case) || cwd.join(&path).is_file() {
                    Wanted::Path(path)
                } else {
                    Wanted::Id(case.trim().to_string())
                }
            }
            (None, None) => bail!("ange ett ärende (id eller sökväg) eller --meeting DATUM"),
        })
    }

    /// The repo that holds `cwd`, on `today`, opened for these cases: a path alone is
    /// selected (the rules across files still read every file).
    pub(super) fn open(&self, cwd: &Path, today: NaiveDate) -> Result<Opened> {
        let paths = match self {
            Wanted::Path(path) => vec![path.clone()],
            _ => Vec::new(),
        };
        let repo = crate::workspace::open(cwd, &paths, today)?;
        if let Wanted::Path(path) = self
            && repo.selected_count() != 1
        {
            bail!(
                "{} är inte en ärendefil; ange en fil, inte en mapp",
                path.display()
            );
        }
        Ok(repo)
    }

    /// Runs `check` over the repo as it streams (`rules::check_each_unfingerprinted`: no
    /// output of a command about cases shows a fingerprint) and keeps the wanted files,
    /// without their text (a command about cases reads the case, its masked lines and its
    /// name: a meeting of thousands of cases keeps no file's text), each with the findings of
    /// the whole repo's run; an error when they are not what was asked for (`found`).
    /// `at_meeting` says whether a case (derived on the repo's day) belongs to the meeting.
    pub(super) fn checked(
        &self,
        repo: &Opened,
        levels: &crate::rules::Levels,
        at_meeting: impl Fn(&crate::model::Case, Option<&crate::process::Derived>, NaiveDate) -> bool
        + Sync,
    ) -> Result<Vec<(Box<CaseFile>, Vec<crate::diagnostic::Diagnostic>)>> {
        // Every file is checked (the rules across files need them all); of the wanted files
        // the file is kept, of the others (when an id is asked for) only their id.
        let checked = crate::rules::check_each_unfingerprinted(repo, levels, |file, derived| {
            let keep = self.keeps(&file, |case, date| at_meeting(case, derived.as_ref(), date));
            let id = self.known_id(&file);
            let file = keep.then(|| Box::new(file.without_text()));
            (id, file)
        });
        let mut ids = Vec::new();
        let mut chosen = Vec::new();
        for ((id, file), found) in checked {
            ids.push(id);
            if let Some(file) = file {
                chosen.push((file, found));
            }
        }
        let files: Vec<&CaseFile> = chosen.iter().map(|(f, _)| &**f).collect();
        self.found(&files, &ids, repo)?;
        Ok(chosen)
    }

    /// Whether `file` is wanted; `at_meeting` says whether a case belongs to the meeting.
    fn keeps(
        &self,
        file: &CaseFile,
        at_meeting: impl FnOnce(&crate::model::Case, NaiveDate) -> bool,
    ) -> bool {
        match self {
            Wanted::Path(_) => true,
            Wanted::Id(wanted) => id(file) == Some(wanted.as_str()),
            Wanted::Meeting(date) => file.case.as_ref().is_some_and(|c| at_meeting(c, *date)),
        }
    }

    /// The file's id, kept only when an id is asked for (for a did-you-mean).
    fn known_id(&self, file: &CaseFile) -> Option<String> {
        id(file)
            .filter(|_| matches!(self, Wanted::Id(_)))
            .map(str::to_string)
    }

    /// Whether the files kept (`chosen`, by their names as shown and their cases) are what
    /// was asked for: a path must be read as a case, and an id must be one file's, else the
    /// error names the closest of the ids `known`.
    fn found(&self, chosen: &[&CaseFile], known: &[Option<String>], repo: &Opened) -> Result<()> {
        match self {
            Wanted::Meeting(_) => Ok(()),
            Wanted::Path(_) => match chosen.first().filter(|f| f.case.is_none()) {
                Some(file) => {
                    let problems: Vec<String> = file
                        .diagnostics
                        .iter()
                        .map(|d| {
                            format!(
                                "  {}:{}:{}: {}",
                                file.display, d.pos.line, d.pos.col, d.message
                            )
                        })
                        .collect();
                    bail!(
                        "{} kan inte läsas som ett ärende:\n{}",
                        file.display,
                        problems.join("\n")
                    );
                }
                None => Ok(()),
            },
            Wanted::Id(id) => match chosen {
                [_] => Ok(()),
                [] => {
                    let mut known: Vec<&str> = known.iter().flatten().map(String::as_str).collect();
                    known.sort_unstable();
                    known.dedup();
                    let hint = match crate::text::closest(id, &known) {
                        Some(id) => format!("menade du `{id}`?"),
                        None if known.is_empty() => format!(
                            "ärendemappen {} har inga ärenden",
                            crate::read::display_path(
                                &repo.settings.root,
                                &repo.settings.cases_dir
                            )
                        ),
                        None => "`ordnat check` listar ärendefilerna; ange id:t eller sökvägen \
                                 till filen"
                            .to_string(),
                    };
                    bail!("det finns inget ärende med id `{id}`; {hint}")
                }
                _ => {
                    let files: Vec<&str> = chosen.iter().map(|f| f.display.as_str()).collect();
                    bail!(
                        "id `{id}` finns i flera filer ({}); ange sökvägen till den du menar",
                        files.join(", ")
                    )
                }
            },
        }
    }
}

/// The case's id as written, without surrounding spaces.
fn id(file: &CaseFile) -> Option<&str> {
    file.case
        .as_ref()
        .and_then(|c| crate::model::text(&c.id))
        .map(str::trim)
}

/// Whether the argument names a file rather than an id.
fn looks_like_path(arg: &str) -> bool {
    arg.contains('/')
        || arg.contains(std::path::MAIN_SEPARATOR)
        || arg.ends_with(".yaml")
        || arg.ends_with(".yml")
}
