//! The engine: what every rule may read (`Ctx`, `Index`), and running every rule switched on
//! for this run (`Levels`) on every case of a repo in two passes.
//!
//! The first pass takes one file at a time, on all cores, as it is read: the rules on one case,
//! the case's exceptions, and the small index `Entry` the rules across files need of it. The
//! case and its source text can then be dropped, so `check` streams: its memory holds an entry
//! per case, not the cases. The second pass runs the rules across files (`Check::Repo`) on the
//! index alone. `report` and `status` run the same two passes and keep what they need of each
//! case, worked out in the first pass (`check_each`); `checklist` runs them over a loaded
//! repo.

use super::levels::Levels;
use super::{Check, exceptions};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Lines, fingerprint};
use crate::model::{Case, Kind, Pos, Sp, val};
use crate::process::Derived;
use crate::read::CaseFile;
use crate::workspace::{Opened, Workspace};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;

/// What the rules on one case may read besides the case: the settings and today's date.
pub struct Ctx<'a> {
    pub settings: &'a Settings,
    pub today: NaiveDate,
}

impl<'a> Ctx<'a> {
    /// What the rules on one case may read of `ws`.
    fn of<F>(ws: &'a Workspace<F>) -> Self {
        Ctx {
            settings: &ws.settings,
            today: ws.today,
        }
    }
}

/// The case a rule is looking at.
pub struct Subject<'a> {
    pub file: &'a CaseFile,
    pub case: &'a Case,
    pub process: &'a Derived,
}

/// A value of a case the rules across files may point at: as written, where, and the text of
/// its line (for the fingerprint of a finding there).
#[derive(Debug, Clone)]
pub struct Spot {
    pub value: String,
    pub pos: Pos,
    line: Box<str>,
}

impl Spot {
    /// `value` at `pos`, with the text of its line when the lines of the source are given.
    fn new(value: &str, pos: Pos, lines: Option<&Lines>) -> Self {
        Spot {
            value: value.to_string(),
            pos,
            line: lines.map_or("", |l| l.get(pos.line)).into(),
        }
    }
}

/// What the rules across files need of one case, kept for every case while the others are
/// read: a few hundred bytes instead of the case and its source.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file as shown.
    pub display: String,
    pub id: Option<Spot>,
    /// `ny_indikation_för`.
    pub new_indication_of: Option<Spot>,
    /// `reviderar`.
    pub revises: Option<Spot>,
    /// A drug (`typ: läkemedel`).
    pub drug: bool,
    /// A responsible person is named (`ansvarig`).
    pub responsible: bool,
    /// `substans` as written.
    pub substance: Option<Spot>,
    /// The substance as `Case::substance_key` gives it.
    pub substance_key: Option<String>,
    /// The region decided to introduce.
    pub introduced: bool,
    /// The date of the regional decision.
    pub decided: Option<NaiveDate>,
    /// The case's exceptions from rules across files, applied in the second pass.
    exceptions: Vec<Spot>,
}

impl Entry {
    /// What the index keeps of `file`; `lines` is its source's lines when findings in it are
    /// reported (then spots keep their line's text).
    fn of(file: &CaseFile, lines: Option<&Lines>) -> Self {
        let spot = |s: &Sp<String>| Spot::new(&s.value, s.pos, lines);
        let mut entry = Entry {
            display: file.display.clone(),
            id: None,
            new_indication_of: None,
            revises: None,
            drug: false,
            responsible: false,
            substance: None,
            substance_key: None,
            introduced: false,
            decided: None,
            exceptions: Vec::new(),
        };
        let Some(case) = &file.case else {
            return entry;
        };
        entry.id = case.id.as_ref().map(spot);
        entry.new_indication_of = case.new_indication_of.as_ref().map(spot);
        entry.revises = case.reviderar.as_ref().map(spot);
        entry.drug = val(&case.typ) == Some(Kind::Drug);
        entry.responsible = case.ansvarig.is_some();
        entry.substance = case.substans.as_ref().map(spot);
        entry.substance_key = case.substance_key();
        entry.introduced = case.decided_to_introduce();
        entry.decided = case
            .decision()
            .and_then(|d| d.datum.as_ref())
            .map(|d| d.value);
        entry
    }

    /// The text of line `line` where a spot of this entry is: what a finding of the second
    /// pass, always at a spot, is fingerprinted with.
    fn line_at(&self, line: u32) -> &str {
        [
            &self.id,
            &self.new_indication_of,
            &self.revises,
            &self.substance,
        ]
        .into_iter()
        .flatten()
        .chain(&self.exceptions)
        .find(|s| s.pos.line == line)
        .map_or("", |s| &s.line)
    }
}

/// What the rules across files may read: the entry of every case and lookups by id and by
/// substance introduced.
pub struct Index<'a> {
    /// By file index. Each the entry its file's first pass made, where it was made: the index
    /// copies none of them.
    pub entries: &'a [&'a Entry],
    /// id → indexes into `entries`, in file order.
    ids: HashMap<&'a str, Vec<usize>>,
    /// Substance (as `Case::substance_key`) → indexes of the cases decided to be introduced.
    introduced: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Index<'a> {
    pub fn new(entries: &'a [&'a Entry]) -> Self {
        let mut ids: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut introduced: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(id) = &e.id {
                ids.entry(id.value.as_str()).or_default().push(i);
            }
            if let Some(substance) = e.substance_key.as_deref().filter(|_| e.introduced) {
                introduced.entry(substance).or_default().push(i);
            }
        }
        Index {
            entries,
            ids,
            introduced,
        }
    }

    /// The cases with the id `id`, in file order.
    pub fn with_id(&self, id: &str) -> &[usize] {
        self.ids.get(id).map_or(&[], Vec::as_slice)
    }

    /// Every id of the repo, each once, in no particular order.
    pub fn ids(&self) -> Vec<&'a str> {
        self.ids.keys().copied().collect()
    }

    /// The cases, other than `me`, decided to be introduced for the substance `substance` (as
    /// `Case::substance_key`), in file order.
    pub fn introduced(&self, substance: &str, me: usize) -> impl Iterator<Item = &'a Entry> + '_ {
        self.introduced
            .get(substance)
            .into_iter()
            .flatten()
            .filter(move |i| **i != me)
            .map(|i| self.entries[*i])
    }
}

/// Runs every rule on a loaded repo: the diagnostics of its selected files, sorted.
pub fn check(ws: &Workspace, levels: &Levels) -> Vec<Diagnostic> {
    let ctx = Ctx::of(ws);
    let firsts: Vec<First> = ws
        .files
        .par_iter()
        .enumerate()
        .map(|(i, file)| first(&ctx, levels, file, ws.is_selected(i)).0)
        .collect();
    sorted(second(firsts, levels))
}

/// Runs every rule on an opened repo, reading each file as the first pass comes to it: for
/// each selected file, in file order, what `keep` made of it (with what the process model
/// derived from its case, `None` when it could not be read as a case) and its findings,
/// sorted. `keep` is handed the file to keep of it what it needs; the rest is dropped at once,
/// so `check`, `report`, `status` and `checklist` stream: they hold what they keep of each
/// case, not the cases.
pub fn check_each<T: Send>(
    repo: &Opened,
    levels: &Levels,
    keep: impl Fn(CaseFile, Option<Derived>) -> T + Sync,
) -> Vec<(T, Vec<Diagnostic>)> {
    let ctx = Ctx::of(repo);
    let (firsts, kept): (Vec<First>, Vec<Option<T>>) =
        crate::read::read_each(&repo.settings.root, &repo.files, |i, file| {
            let selected = repo.is_selected(i);
            let (first, derived) = first(&ctx, levels, &file, selected);
            let kept = selected.then(|| keep(file, derived));
            (first, kept)
        });
    kept.into_iter()
        .zip(second(firsts, levels))
        .filter_map(|(kept, found)| Some((kept?, found)))
        .collect()
}

/// Runs every rule on an opened repo (`check_each`): the diagnostics of the selected files,
/// sorted, and the shown paths of the selected files.
pub fn check_streaming(repo: &Opened, levels: &Levels) -> (Vec<Diagnostic>, Vec<String>) {
    let (checked, found): (Vec<String>, Vec<Vec<Diagnostic>>) =
        check_each(repo, levels, |file, _| file.display)
            .into_iter()
            .unzip();
    (sorted(found), checked)
}

/// The findings of a repo before and after one file's text is replaced (`record` checks its
/// edit with the whole repo before it writes it), each sorted.
pub struct Edited {
    pub before: Vec<Diagnostic>,
    pub after: Vec<Diagnostic>,
}

/// Runs every rule on an opened repo twice at the cost of once: as it is, and with the text of
/// file `index` replaced by `text`. The rules on one case only read their own case, so the
/// other files' first pass is shared; the second pass (the rules across files, on the small
/// index) runs once for each version of the file.
pub fn check_edit(repo: &Opened, levels: &Levels, index: usize, text: &str) -> Edited {
    let ctx = Ctx::of(repo);
    let (firsts, old): (Vec<First>, Vec<Option<First>>) =
        crate::read::read_each(&repo.settings.root, &repo.files, |i, file| {
            let selected = repo.is_selected(i);
            if i != index {
                return (first(&ctx, levels, &file, selected).0, None);
            }
            let edited = crate::read::read_text(&repo.settings.root, &file.path, text);
            let new = first(&ctx, levels, &edited, selected).0;
            (new, Some(first(&ctx, levels, &file, selected).0))
        });
    let mut before = firsts.clone();
    if let Some(old) = old.into_iter().flatten().next() {
        before[index] = old;
    }
    Edited {
        before: sorted(second(before, levels)),
        after: sorted(second(firsts, levels)),
    }
}

/// The findings the first pass makes of `text` read as the file `index` of `repo` would be:
/// the reader's and those of the rules on one case, each with its severity and its fix (those
/// of rules switched off left out; the rules across files are not run). What `check --fix`
/// reads again after each round of fixes, to find the fixes that are left.
pub fn check_text(repo: &Opened, levels: &Levels, index: usize, text: &str) -> Vec<Diagnostic> {
    let Some(found) = repo.files.get(index) else {
        return Vec::new();
    };
    let ctx = Ctx::of(repo);
    let file = crate::read::read_text(&repo.settings.root, &found.path, text);
    first(&ctx, levels, &file, true)
        .0
        .found
        .into_iter()
        .filter_map(|(mut d, _)| {
            d.severity = levels.severity(d.rule)?;
            Some(d)
        })
        .collect()
}

/// What the first pass keeps of one file.
#[derive(Clone)]
struct First {
    entry: Entry,
    /// Whether the file is reported on.
    selected: bool,
    /// Its findings so far, each with the text of the line it flags.
    found: Vec<(Diagnostic, Box<str>)>,
}

/// The first pass over one file: its index entry, and when it is selected, the reader's
/// findings and those of the rules on one case, its exceptions applied (those from rules
/// across files are kept in the entry for the second pass); and what the process model
/// derived from the case.
fn first(ctx: &Ctx, levels: &Levels, file: &CaseFile, selected: bool) -> (First, Option<Derived>) {
    if !selected {
        let first = First {
            entry: Entry::of(file, None),
            selected,
            found: Vec::new(),
        };
        return (first, None);
    }
    let lines = Lines::new(&file.source);
    let mut entry = Entry::of(file, Some(&lines));
    let mut found = file.diagnostics.clone();
    let mut derived = None;
    if let Some(case) = &file.case {
        let process = crate::process::derive(case, ctx.today);
        let subject = Subject {
            file,
            case,
            process: &process,
        };
        let mut process_found: Vec<Diagnostic> = levels
            .on()
            .filter_map(|c| match c {
                Check::Case(check) => Some(check(ctx, &subject)),
                _ => None,
            })
            .flatten()
            .collect();
        let (now, later) = exceptions::written(case)
            .into_iter()
            .partition::<Vec<_>, _>(|e| !e.across());
        exceptions::apply(&now, levels, &mut process_found);
        entry.exceptions = later
            .into_iter()
            .map(|e| Spot::new(e.name, e.pos, Some(&lines)))
            .collect();
        found.extend(process_found);
        derived = Some(process);
    }
    let found = found
        .into_iter()
        .map(|mut d| {
            // Positions into the text as shown: one inside a masked stretch points at its `***`.
            d.pos = file.mask.place(d.pos);
            if let Some(fix) = &mut d.fix {
                fix.locate(file.text(), |p| file.mask.place(p));
            }
            let line = lines.get(d.pos.line).into();
            (d, line)
        })
        .collect();
    let first = First {
        entry,
        selected,
        found,
    };
    (first, derived)
}

/// The second pass: the rules across files on the index, the exceptions from them, then
/// every file's findings with severity, file and fingerprint, by file, each file's sorted
/// (none for a file not selected).
fn second(mut firsts: Vec<First>, levels: &Levels) -> Vec<Vec<Diagnostic>> {
    // The findings taken out, the entries left where they are: a copy of every entry would
    // be 30 MB more at the peak of 100 000 cases.
    let rest: Vec<_> = firsts
        .iter_mut()
        .map(|f| std::mem::take(&mut f.found))
        .collect();
    let entries: Vec<&Entry> = firsts.iter().map(|f| &f.entry).collect();
    let index = Index::new(&entries);
    rest.into_par_iter()
        .enumerate()
        .map(|(i, mut found)| {
            if !firsts[i].selected {
                return Vec::new();
            }
            let entry = &entries[i];
            let mut across: Vec<Diagnostic> = levels
                .on()
                .filter_map(|c| match c {
                    Check::Repo(check) => Some(check(&index, i)),
                    _ => None,
                })
                .flatten()
                .collect();
            let written: Vec<exceptions::Written> = entry
                .exceptions
                .iter()
                .map(|s| exceptions::Written::new(&s.value, s.pos))
                .collect();
            exceptions::apply(&written, levels, &mut across);
            found.extend(across.into_iter().map(|d| {
                let line = entry.line_at(d.pos.line).into();
                (d, line)
            }));
            let (mut diagnostics, lines): (Vec<Diagnostic>, Vec<Box<str>>) = found
                .into_iter()
                .filter_map(|(mut d, line)| {
                    d.severity = levels.severity(d.rule)?;
                    d.file.clone_from(&entry.display);
                    Some((d, line))
                })
                .unzip();
            let lines: Vec<&str> = lines.iter().map(|l| &**l).collect();
            fingerprint(&mut diagnostics, &lines);
            diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            diagnostics
        })
        .collect()
}

/// Every file's findings in one list, sorted.
fn sorted(per_file: Vec<Vec<Diagnostic>>) -> Vec<Diagnostic> {
    let mut all: Vec<Diagnostic> = per_file.into_iter().flatten().collect();
    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    all
}
