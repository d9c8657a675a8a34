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
    pub(super) fn of<F>(ws: &'a Workspace<F>) -> Self {
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
/// its line (for the fingerprint of a finding there; empty when the findings are not
/// fingerprinted).
#[derive(Debug, Clone, PartialEq)]
pub struct Spot {
    pub value: Box<str>,
    pub pos: Pos,
    line: Box<str>,
}

impl Spot {
    /// `value` at `pos`, with the text of its line when the lines of the source are given.
    fn new(value: &str, pos: Pos, lines: Option<&Lines>) -> Self {
        Spot {
            value: value.into(),
            pos,
            line: lines.map_or("", |l| l.get(pos.line)).into(),
        }
    }
}

/// What the rules across files need of one case, kept for every case while the others are
/// read: a few hundred bytes instead of the case and its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The file as shown.
    pub display: Box<str>,
    pub id: Option<Spot>,
    /// A drug (`typ: läkemedel`).
    pub drug: bool,
    /// A responsible person is named (`ansvarig`).
    pub responsible: bool,
    /// `substans` as written.
    pub substance: Option<Spot>,
    /// The substance as `Case::substance_key` gives it.
    pub substance_key: Option<Box<str>>,
    /// The region decided to introduce.
    pub introduced: bool,
    /// The date of the regional decision.
    pub decided: Option<NaiveDate>,
    /// What few cases have, boxed: every entry takes 8 bytes for it instead of 136 (with the
    /// other fields boxed and unshared, the index took 15 MB more at 100 000 cases).
    rare: Option<Box<Rare>>,
}

/// The fields of an entry that few cases have.
#[derive(Debug, Clone, Default, PartialEq)]
struct Rare {
    new_indication_of: Option<Spot>,
    revises: Option<Spot>,
    /// The case's exceptions from rules across files, applied in the second pass.
    exceptions: Vec<Spot>,
}

impl Entry {
    /// What the index keeps of `file`; `lines` is its source's lines when findings in it are
    /// reported (then spots keep their line's text).
    fn of(file: &CaseFile, lines: Option<&Lines>) -> Self {
        let spot = |s: &Sp<String>| Spot::new(&s.value, s.pos, lines);
        let mut entry = Entry {
            display: file.display.as_str().into(),
            id: None,
            drug: false,
            responsible: false,
            substance: None,
            substance_key: None,
            introduced: false,
            decided: None,
            rare: None,
        };
        let Some(case) = &file.case else {
            return entry;
        };
        entry.id = case.id.as_ref().map(spot);
        if case.new_indication_of.is_some() || case.reviderar.is_some() {
            entry.rare = Some(Box::new(Rare {
                new_indication_of: case.new_indication_of.as_ref().map(spot),
                revises: case.reviderar.as_ref().map(spot),
                exceptions: Vec::new(),
            }));
        }
        entry.drug = val(&case.typ) == Some(Kind::Drug);
        entry.responsible = case.ansvarig.is_some();
        entry.substance = case.substans.as_ref().map(spot);
        entry.substance_key = case.substance_key().map(String::into_boxed_str);
        entry.introduced = case.decided_to_introduce();
        entry.decided = case
            .decision()
            .and_then(|d| d.datum.as_ref())
            .map(|d| d.value);
        entry
    }

    /// `ny_indikation_för`.
    pub fn new_indication_of(&self) -> Option<&Spot> {
        self.rare.as_ref()?.new_indication_of.as_ref()
    }

    /// `reviderar`.
    pub fn revises(&self) -> Option<&Spot> {
        self.rare.as_ref()?.revises.as_ref()
    }

    /// The case's exceptions from rules across files, applied in the second pass.
    fn exceptions(&self) -> &[Spot] {
        self.rare.as_ref().map_or(&[], |r| &r.exceptions)
    }

    /// The text of line `line` where a spot of this entry is: what a finding of the second
    /// pass, always at a spot, is fingerprinted with.
    fn line_at(&self, line: u32) -> &str {
        [
            self.id.as_ref(),
            self.new_indication_of(),
            self.revises(),
            self.substance.as_ref(),
        ]
        .into_iter()
        .flatten()
        .chain(self.exceptions())
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
    /// Every id with the index of its entry, sorted (by id, then in file order): a sorted list
    /// takes 24 bytes a case, a map from id to a list of indexes about 100 (7 MB at 100 000
    /// cases).
    ids: Vec<(&'a str, usize)>,
    /// Substance (as `Case::substance_key`) → indexes of the cases decided to be introduced.
    introduced: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Index<'a> {
    pub fn new(entries: &'a [&'a Entry]) -> Self {
        let mut ids: Vec<(&str, usize)> = Vec::new();
        let mut introduced: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(id) = &e.id {
                ids.push((&id.value, i));
            }
            if let Some(substance) = e.substance_key.as_deref().filter(|_| e.introduced) {
                introduced.entry(substance).or_default().push(i);
            }
        }
        ids.sort_unstable();
        Index {
            entries,
            ids,
            introduced,
        }
    }

    /// The cases with the id `id`, in file order.
    pub fn with_id<'s>(&'s self, id: &'s str) -> impl Iterator<Item = usize> + 's {
        let start = self.ids.partition_point(|(other, _)| *other < id);
        self.ids[start..]
            .iter()
            .take_while(move |(other, _)| *other == id)
            .map(|(_, i)| *i)
    }

    /// Every id of the repo, each once, sorted.
    pub fn ids(&self) -> Vec<&'a str> {
        let mut ids: Vec<&'a str> = self.ids.iter().map(|(id, _)| *id).collect();
        ids.dedup();
        ids
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

/// Whether the findings get their fingerprints (`Diagnostic::fingerprint`): `check`'s formats
/// show them; the report, the status list and the checklist do not, and then no text of any
/// line is kept for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fingerprints {
    Yes,
    No,
}

/// Runs every rule on a loaded repo: the diagnostics of its selected files, sorted.
pub fn check(ws: &Workspace, levels: &Levels) -> Vec<Diagnostic> {
    let ctx = Ctx::of(ws);
    let fp = Fingerprints::Yes;
    let firsts: Vec<First> = ws
        .files
        .par_iter()
        .enumerate()
        .map(|(i, file)| first(&ctx, levels, file, ws.is_selected(i), fp).0)
        .collect();
    sorted(second(firsts, levels, fp))
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
    each(repo, levels, Fingerprints::Yes, keep)
}

/// `check_each` for the outputs that show no fingerprints (`report`, `status`, `checklist`):
/// the same findings with `fingerprint` left empty, and no text of any line kept for it
/// (8 MB less at the peak of a report on 100 000 cases).
pub fn check_each_unfingerprinted<T: Send>(
    repo: &Opened,
    levels: &Levels,
    keep: impl Fn(CaseFile, Option<Derived>) -> T + Sync,
) -> Vec<(T, Vec<Diagnostic>)> {
    each(repo, levels, Fingerprints::No, keep)
}

/// Runs every rule on an opened repo (`check_each`): the diagnostics of the selected files,
/// sorted, and the shown paths of the selected files.
pub fn check_streaming(repo: &Opened, levels: &Levels) -> (Vec<Diagnostic>, Vec<String>) {
    let (checked, found): (Vec<String>, Vec<Vec<Diagnostic>>) =
        each(repo, levels, Fingerprints::Yes, |file, _| file.display)
            .into_iter()
            .unzip();
    (sorted(found), checked)
}

/// `check_each`, with fingerprints or not.
fn each<T: Send>(
    repo: &Opened,
    levels: &Levels,
    fp: Fingerprints,
    keep: impl Fn(CaseFile, Option<Derived>) -> T + Sync,
) -> Vec<(T, Vec<Diagnostic>)> {
    let ctx = Ctx::of(repo);
    let (firsts, kept): (Vec<First>, Vec<Option<T>>) =
        crate::read::read_each(&repo.settings.root, &repo.files, |i, file| {
            let selected = repo.is_selected(i);
            let (first, derived) = first(&ctx, levels, &file, selected, fp);
            let kept = selected.then(|| keep(file, derived));
            (first, kept)
        });
    kept.into_iter()
        .zip(second(firsts, levels, fp))
        .filter_map(|(kept, found)| Some((kept?, found)))
        .collect()
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
    let fp = Fingerprints::Yes;
    let (firsts, old): (Vec<First>, Vec<Option<First>>) =
        crate::read::read_each(&repo.settings.root, &repo.files, |i, file| {
            let selected = repo.is_selected(i);
            if i != index {
                return (first(&ctx, levels, &file, selected, fp).0, None);
            }
            let edited = crate::read::read_text(&repo.settings.root, &file.path, text);
            let new = first(&ctx, levels, &edited, selected, fp).0;
            (new, Some(first(&ctx, levels, &file, selected, fp).0))
        });
    let mut before = firsts.clone();
    if let Some(old) = old.into_iter().flatten().next() {
        before[index] = old;
    }
    Edited {
        before: sorted(second(before, levels, fp)),
        after: sorted(second(firsts, levels, fp)),
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
    first(&ctx, levels, &file, true, Fingerprints::No)
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
pub(super) struct First {
    pub(super) entry: Entry,
    /// Whether the file is reported on.
    pub(super) selected: bool,
    /// Its findings so far, each with the text of the line it flags (empty without
    /// fingerprints).
    pub(super) found: Vec<(Diagnostic, Box<str>)>,
}

/// The first pass over one file: its index entry, and when it is selected, the reader's
/// findings and those of the rules on one case, its exceptions applied (those from rules
/// across files are kept in the entry for the second pass); and what the process model
/// derived from the case. The lines of the source are kept only for fingerprints.
pub(super) fn first(
    ctx: &Ctx,
    levels: &Levels,
    file: &CaseFile,
    selected: bool,
    fp: Fingerprints,
) -> (First, Option<Derived>) {
    if !selected {
        let first = First {
            entry: Entry::of(file, None),
            selected,
            found: Vec::new(),
        };
        return (first, None);
    }
    let lines = (fp == Fingerprints::Yes).then(|| Lines::new(&file.source));
    let mut entry = Entry::of(file, lines.as_ref());
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
        if !later.is_empty() {
            let rare = entry.rare.get_or_insert_with(Box::default);
            rare.exceptions = later
                .into_iter()
                .map(|e| Spot::new(e.name, e.pos, lines.as_ref()))
                .collect();
        }
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
            let line = lines.as_ref().map_or("", |l| l.get(d.pos.line)).into();
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
/// every file's findings with severity, file and (when asked for) fingerprint, by file, each
/// file's sorted (none for a file not selected).
fn second(mut firsts: Vec<First>, levels: &Levels, fp: Fingerprints) -> Vec<Vec<Diagnostic>> {
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
            found.extend(across(&index, levels, i));
            finish(entries[i], found, levels, fp)
        })
        .collect()
}

/// The findings of the rules across files on file `i` of `index`, its exceptions from them
/// applied, each with the text of the line it flags (the other half of the second pass).
pub(super) fn across(index: &Index, levels: &Levels, i: usize) -> Vec<(Diagnostic, Box<str>)> {
    let entry = index.entries[i];
    let mut across: Vec<Diagnostic> = levels
        .on()
        .filter_map(|c| match c {
            Check::Repo(check) => Some(check(index, i)),
            _ => None,
        })
        .flatten()
        .collect();
    let written: Vec<exceptions::Written> = entry
        .exceptions()
        .iter()
        .map(|s| exceptions::Written::new(&s.value, s.pos))
        .collect();
    exceptions::apply(&written, levels, &mut across);
    across
        .into_iter()
        .map(|d| {
            let line = entry.line_at(d.pos.line).into();
            (d, line)
        })
        .collect()
}

/// One file's findings of both passes made complete: severity (the findings of rules
/// switched off dropped), file and, when asked for, fingerprint filled in, sorted.
pub(super) fn finish(
    entry: &Entry,
    found: Vec<(Diagnostic, Box<str>)>,
    levels: &Levels,
    fp: Fingerprints,
) -> Vec<Diagnostic> {
    let (mut diagnostics, lines): (Vec<Diagnostic>, Vec<Box<str>>) = found
        .into_iter()
        .filter_map(|(mut d, line)| {
            d.severity = levels.severity(d.rule)?;
            d.file = entry.display.to_string();
            Some((d, line))
        })
        .unzip();
    if fp == Fingerprints::Yes {
        let lines: Vec<&str> = lines.iter().map(|l| &**l).collect();
        fingerprint(&mut diagnostics, &lines);
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics
}

/// Every file's findings in one list, sorted.
fn sorted(per_file: Vec<Vec<Diagnostic>>) -> Vec<Diagnostic> {
    let mut all: Vec<Diagnostic> = per_file.into_iter().flatten().collect();
    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    all
}
