//! Fixes: the edits that put a finding right, attached to the finding (`Diagnostic::fix`) by
//! the rule that makes it, and only where what to write is certain: a misspelt key or word
//! with one did-you-mean, a key written without å/ä/ö, the old `rekommendation:` made a
//! `rekommendationer:` list, `480 000` written `480000`, quotes around a text that holds a
//! comma in a flow mapping. `ordnat check --fix` applies them, `--diff` shows them, and the
//! language server offers them as quick fixes. A finding carries at most one fix, always safe
//! (`Applicability::Safe`). A fix that needs a person's decision (`Applicability::Manual`: an
//! `undantag` entry whose fields the committee must fill in, `rules::exception_fix`) is made
//! only when asked for, by the editor, and never applied by `--fix`.
//!
//! **Overlaps.** `apply` takes the fixes in order of where they start and leaves out one that
//! overlaps a fix taken before it; `check --fix` then reads the text again and applies what
//! is left, round after round (as ruff loops to a fixed point).
//!
//! **Offsets.** An edit's `range` is a range of byte offsets into the file's text as read: its
//! bytes after a leading byte-order mark, which is not part of the text (an editor drops it
//! too). A line ends as it does in the file (`\n` or `\r\n`); a fix that writes a line break
//! writes the file's own. A fix never changes a byte outside its edits.
//!
//! **Values** reach an edit's replacement through serde-saphyr's emitter (`word`, `quoted`),
//! never pasted in by hand. No title quotes a value that stands under `sekretess`, and no fix
//! whose replacement would carry such a value is made.
//!
//! May use: `model` (positions).

use crate::model::Pos;
use std::ops::Range;

/// A fix of one finding: what it does, whether `--fix` may apply it, and its edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, Swedish, as a menu or a log shows it: "Byt till `spår`".
    pub title: String,
    pub applicability: Applicability,
    /// The edits, in the order of their ranges, none overlapping another.
    pub edits: Vec<Edit>,
}

/// Whether a fix may be applied without a person's decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Certain: what to write follows from what is written. `ordnat check --fix` applies it.
    Safe,
    /// Needs a person's decision (an exception the committee must decide, with fields left
    /// for the user to fill in). Offered in the editor, never applied by `--fix`.
    Manual,
}

impl Applicability {
    /// The English word of machine-readable formats (`safe`, `manual`).
    pub fn en(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Manual => "manual",
        }
    }
}

/// One edit: the bytes `range` of the text (see "Offsets" above) replaced by `replacement`.
/// An empty range inserts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
    /// `range` as lines and columns (1-based, columns in characters, the end just after; an
    /// insert ends where it starts), as the finding's own position counts them in the text
    /// shown: for the formats that count in lines (JSON, SARIF). Filled in by the rule
    /// engine (`Fix::locate`); `None` before.
    pub at: Option<Pos>,
}

impl Edit {
    pub fn new(range: Range<usize>, replacement: impl Into<String>) -> Self {
        Edit {
            range,
            replacement: replacement.into(),
            at: None,
        }
    }
}

impl Fix {
    /// A safe fix of `edits` (sorted here by their ranges).
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix::new(title, Applicability::Safe, edits)
    }

    /// A fix that needs a person's decision: offered, never applied by `--fix`.
    pub fn manual(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix::new(title, Applicability::Manual, edits)
    }

    fn new(title: impl Into<String>, applicability: Applicability, mut edits: Vec<Edit>) -> Self {
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        Fix {
            title: title.into(),
            applicability,
            edits,
        }
    }

    /// A safe fix that replaces the bytes `range` by `replacement`.
    pub fn replace(title: impl Into<String>, range: Range<usize>, replacement: &str) -> Self {
        Fix::safe(title, vec![Edit::new(range, replacement)])
    }

    /// Where the fix changes the text: from the start of its first edit to the end of its last.
    pub fn span(&self) -> Option<Range<usize>> {
        let first = self.edits.first()?;
        let end = self.edits.iter().map(|e| e.range.end).max()?;
        Some(first.range.start..end)
    }

    /// Fills in where each edit stands as lines and columns (`Edit::at`) in `text`, the text
    /// its offsets count in; `place` moves a position into the text as shown (where
    /// confidential values are masked).
    pub fn locate(&mut self, text: &str, place: impl Fn(Pos) -> Pos) {
        for edit in &mut self.edits {
            let (Some(start), Some(end)) = (
                position(text, edit.range.start),
                position(text, edit.range.end),
            ) else {
                continue;
            };
            let mut at = place(Pos {
                line: start.0,
                col: start.1,
                end_line: end.0,
                end_col: end.1.max(start.1 + u32::from(start == end)),
            });
            if start == end {
                (at.end_line, at.end_col) = (at.line, at.col);
            }
            edit.at = Some(at);
        }
    }
}

/// The line and column (1-based, the column in characters) of byte `at` of `text`.
fn position(text: &str, at: usize) -> Option<(u32, u32)> {
    let before = text.get(..at)?;
    let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let col = before[line_start..].chars().count() + 1;
    Some((u32::try_from(line).ok()?, u32::try_from(col).ok()?))
}

/// Applies `fixes` to `text`, in order of where they start; a fix that overlaps one applied
/// before it, or whose edits do not fit `text` (a range outside it or inside a character, or
/// edits that overlap each other), is left out. Returns the new text and how many fixes were
/// applied. A caller that wants the left-out fixes reads the text again and asks for its
/// fixes once more (`ordnat check --fix` does, until nothing is left to apply).
pub fn apply<'a>(text: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes.into_iter().filter(|f| fits(text, f)).collect();
    fixes.sort_by_key(|f| f.span().map(|s| (s.start, s.end)));
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    let mut end = 0;
    for fix in fixes {
        let Some(span) = fix.span() else { continue };
        // Two inserts at one place are two fixes that overlap, too.
        if span.start < end || (applied > 0 && span.start == end && span.is_empty()) {
            continue;
        }
        taken.extend(&fix.edits);
        end = span.end;
        applied += 1;
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for edit in taken {
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.replacement);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Whether every edit of `fix` is a range of `text` between characters, in order and apart.
fn fits(text: &str, fix: &Fix) -> bool {
    let mut end = 0;
    for (i, edit) in fix.edits.iter().enumerate() {
        let Range { start, end: stop } = edit.range;
        if start > stop || text.get(start..stop).is_none() || (i > 0 && start < end) {
            return false;
        }
        end = stop;
    }
    !fix.edits.is_empty()
}

/// `word` (a word of the format, a key, a number) as YAML writes it: plain where it reads as
/// itself, quoted by the emitter where it would not. `None` when the emitter cannot write it
/// on one line.
pub fn word(word: &str) -> Option<String> {
    one_line(serde_saphyr::to_string(&word).ok()?)
}

/// `text` double-quoted by the emitter, so that a comma, `#`, `: ` or a line break stays
/// inside it in block and flow style alike. `None` when the emitter cannot write it.
pub fn quoted(text: &str) -> Option<String> {
    one_line(serde_saphyr::to_string(&serde_saphyr::DoubleQuoted(text)).ok()?)
}

fn one_line(mut emitted: String) -> Option<String> {
    emitted.truncate(emitted.trim_end_matches('\n').len());
    (!emitted.contains('\n')).then_some(emitted)
}

/// The byte offset of `line` and `col` (1-based; the column in characters, as positions
/// count) in `text`; `None` past the end of its line or of the text. Used where a finding is
/// made, so the scan for the line is paid only then.
pub fn offset(text: &str, line: u32, col: u32) -> Option<usize> {
    let line_start = match (line as usize).checked_sub(1)? {
        0 => 0,
        n => memchr::memchr_iter(b'\n', text.as_bytes()).nth(n - 1)? + 1,
    };
    let rest = text.get(line_start..)?;
    let line_len = rest.find('\n').unwrap_or(rest.len());
    let skip = (col as usize).checked_sub(1)?;
    let mut chars = rest[..line_len].char_indices().map(|(i, _)| i);
    let at = match chars.nth(skip) {
        Some(i) => i,
        None if rest[..line_len].chars().count() == skip => line_len,
        None => return None,
    };
    Some(line_start + at)
}

/// The bytes of `text` that `pos` spans, from its start to its end (`offset`).
pub fn span(text: &str, pos: Pos) -> Option<Range<usize>> {
    let start = offset(text, pos.line, pos.col)?;
    let end = offset(text, pos.end_line, pos.end_col)?;
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_apply_in_order_and_an_overlapping_one_waits() {
        let text = "spar: nationellt\nkostnad: 480 000\n";
        let key = Fix::replace("a", 0..4, "spår");
        let amount = Fix::replace("b", 26..33, "480000");
        let over = Fix::replace("c", 2..6, "x");
        let (out, n) = apply(text, [&amount, &over, &key]);
        assert_eq!(out, "spår: nationellt\nkostnad: 480000\n");
        assert_eq!(n, 2);
        // Outside the text, inside a character, or edits out of order: left out.
        let bad = [
            Fix::replace("d", 40..50, "x"),
            Fix::replace("e", 2..3, "x"),
            Fix {
                title: "f".into(),
                applicability: Applicability::Safe,
                edits: vec![Edit::new(5..6, "x"), Edit::new(0..1, "y")],
            },
        ];
        let (out, n) = apply("å", &bad[..2]);
        assert_eq!((out.as_str(), n), ("å", 0));
        assert_eq!(apply(text, &bad[2..]).1, 0);
        // Two inserts at one place.
        let a = Fix::safe("g", vec![Edit::new(0..0, "a")]);
        let b = Fix::safe("h", vec![Edit::new(0..0, "b")]);
        assert_eq!(apply("x", [&a, &b]), ("ax".to_string(), 1));
    }

    #[test]
    fn offsets_count_characters_within_a_line() {
        let text = "a: 1\r\nspår: å x\nz";
        assert_eq!(offset(text, 1, 1), Some(0));
        assert_eq!(offset(text, 2, 1), Some(6));
        assert_eq!(offset(text, 2, 7), Some(6 + "spår: ".len()));
        assert_eq!(offset(text, 2, 10), Some(text.find("\nz").expect("z")));
        assert_eq!(offset(text, 2, 11), None);
        assert_eq!(offset(text, 3, 2), Some(text.len()));
        assert_eq!(offset(text, 4, 1), None);
        assert_eq!(offset(text, 0, 1), None);
    }

    #[test]
    fn edits_are_located_in_lines_and_columns() {
        let text = "id: 1\nspår: å\n";
        let mut fix = Fix::safe("x", vec![Edit::new(6..11, "spår"), Edit::new(16..16, "x")]);
        fix.locate(text, |p| p);
        let at: Vec<Pos> = fix.edits.iter().filter_map(|e| e.at).collect();
        assert_eq!(
            at,
            [
                Pos {
                    line: 2,
                    col: 1,
                    end_line: 2,
                    end_col: 5
                },
                Pos {
                    line: 3,
                    col: 1,
                    end_line: 3,
                    end_col: 1
                },
            ]
        );
    }

    #[test]
    fn values_are_written_by_the_emitter() {
        assert_eq!(word("bör-användas").as_deref(), Some("bör-användas"));
        assert_eq!(word("480000").as_deref(), Some("\"480000\""));
        assert_eq!(
            quoted("12 patienter, 9 mkr").as_deref(),
            Some("\"12 patienter, 9 mkr\"")
        );
    }
}
