//! The engine kept alive: every file's first pass held in memory, so that one file's new text
//! (a buffer being typed in an editor) is checked with the whole repo by re-running the first
//! pass for that file alone and the second pass (the rules across files, on the small index)
//! for all. The language server runs on this; `check` runs the same two passes once
//! (`engine`).

use super::Levels;
use super::engine::{Ctx, Entry, Fingerprints, First, Index, across, finish, first};
use crate::diagnostic::Diagnostic;
use crate::process::Derived;
use crate::read::CaseFile;
use crate::workspace::Opened;
use rayon::prelude::*;

/// A repo's files checked and kept, in a fixed order (the caller's: the order of
/// `workspace::find`, by path).
#[derive(Default)]
pub struct Live {
    /// Every file's first pass.
    firsts: Vec<First>,
    /// Every file's findings of the rules across files, as the last `refresh` found them.
    across: Vec<Vec<(Diagnostic, Box<str>)>>,
    /// Whether an index entry changed since the last `refresh`. The rules across files read
    /// nothing but the entries, so while none changed (a keystroke in a text, almost always)
    /// their findings stand and `refresh` has nothing to do. Worth 99 % of a keystroke's
    /// cost at 10 000 cases: one character typed to its file's diagnostics took 251 ms
    /// (median; 370 ms at the 95th percentile) before and 2.0 ms (6.3 ms) after, in a debug
    /// build on a busy machine (docs/performance.md, "Språkservern").
    stale: bool,
}

impl Live {
    /// The first pass over every file of an opened repo, read on all cores as `check` reads
    /// them, then the second pass; `keep` is handed each file and what the process derived of
    /// its case, to keep of it what it needs (in the files' order).
    pub fn load<T: Send>(
        repo: &Opened,
        levels: &Levels,
        keep: impl Fn(CaseFile, Option<Derived>) -> T + Sync,
    ) -> (Live, Vec<T>) {
        let ctx = Ctx::of(repo);
        let (firsts, kept): (Vec<First>, Vec<T>) =
            crate::read::read_each(&repo.settings.root, &repo.files, |_, file| {
                let (first, derived) = first(&ctx, levels, &file, true, Fingerprints::Yes);
                (first, keep(file, derived))
            });
        let mut live = Live {
            across: vec![Vec::new(); firsts.len()],
            firsts,
            stale: true,
        };
        live.refresh(levels);
        (live, kept)
    }

    /// Checks `file` as file `index` (its new text): the first pass for it alone. What the
    /// process derived of its case is returned. `refresh` then brings the rules across files
    /// up to date.
    pub fn set(
        &mut self,
        ctx: &Ctx,
        levels: &Levels,
        index: usize,
        file: &CaseFile,
    ) -> Option<Derived> {
        let (first, derived) = first(ctx, levels, file, true, Fingerprints::Yes);
        if let Some(slot) = self.firsts.get_mut(index) {
            self.stale |= slot.entry != first.entry;
            *slot = first;
        }
        derived
    }

    /// Adds `file` as file `index` (a new file), the later ones moving up by one.
    pub fn insert(
        &mut self,
        ctx: &Ctx,
        levels: &Levels,
        index: usize,
        file: &CaseFile,
    ) -> Option<Derived> {
        let (first, derived) = first(ctx, levels, file, true, Fingerprints::Yes);
        let index = index.min(self.firsts.len());
        self.firsts.insert(index, first);
        self.across.insert(index, Vec::new());
        self.stale = true;
        derived
    }

    /// Drops file `index` (a deleted file), the later ones moving down by one.
    pub fn remove(&mut self, index: usize) {
        if index < self.firsts.len() {
            self.firsts.remove(index);
            self.across.remove(index);
            self.stale = true;
        }
    }

    /// Runs the rules across files on every file again, on the index of every file's entry,
    /// when an entry changed: the files whose findings from them changed, in order. Cheap: an index of a few hundred
    /// bytes a file, and lookups in it.
    pub fn refresh(&mut self, levels: &Levels) -> Vec<usize> {
        if !std::mem::take(&mut self.stale) {
            return Vec::new();
        }
        let entries: Vec<&Entry> = self.firsts.iter().map(|f| &f.entry).collect();
        let index = Index::new(&entries);
        let fresh: Vec<Vec<(Diagnostic, Box<str>)>> = (0..entries.len())
            .into_par_iter()
            .map(|i| across(&index, levels, i))
            .collect();
        let mut changed = Vec::new();
        for (i, (old, new)) in self.across.iter_mut().zip(fresh).enumerate() {
            if *old != new {
                *old = new;
                changed.push(i);
            }
        }
        changed
    }

    /// The findings of file `index`, both passes, complete (severity, file, fingerprint) and
    /// sorted as `check` reports them.
    pub fn findings(&self, index: usize, levels: &Levels) -> Vec<Diagnostic> {
        let (Some(first), Some(across)) = (self.firsts.get(index), self.across.get(index)) else {
            return Vec::new();
        };
        let mut found = first.found.clone();
        found.extend(across.iter().cloned());
        finish(&first.entry, found, levels, Fingerprints::Yes)
    }

    /// The index entry of file `index`: its id and references, where they stand.
    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.firsts.get(index).map(|f| &f.entry)
    }
}
