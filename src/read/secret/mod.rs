//! Keeps confidential text out of everything ordnat prints. The values under `sekretess` may
//! be a net price under a confidential agreement; a CI log, a snippet or a fingerprint is no
//! place for them, nor for their length.
//!
//! What is confidential: the value of every key spelled `sekretess` (plain, quoted or through
//! escapes, at any depth), from the key's colon to the end of the value, with the comments,
//! tags, anchors and unknown keys in it, and any anchored node that is aliased or merged into
//! such a value. In the source kept for snippets and fingerprints each stretch of it becomes a
//! fixed `***`, line by line (so that no line moves and no length shows); only indentation, the
//! punctuation before a value and the section's own keys (`KNOWN_KEYS`) stay. `Mask::place`
//! moves a finding's position into the masked text: one that points into a masked stretch
//! points at its `***`.
//!
//! `sekretess` is written as a plain mapping at the top level. A file that brings it in
//! through a merge key or an alias, defines an anchor inside it, uses an alias inside it or
//! aliases an anchor of it elsewhere is refused: each such place is reported (`invalid-value`,
//! without the values), and the file is not read further, so that no value of it reaches a
//! report, a checklist or a new case.
//!
//! A file that cannot be parsed is masked from its text alone: from every key that may be
//! `sekretess` to the end of its value, and to the end of the file where that end cannot be
//! decided.

mod scan;
mod text;

pub use scan::Scan;

use super::tree::{Node, Value};
use crate::diagnostic::Diagnostic;
use crate::model::Pos;
use crate::rule_id::RuleId;
use text::{candidate_keys, known_keys_in, value_end};

/// The top-level key whose values are confidential.
pub const CONFIDENTIAL_KEY: &str = "sekretess";

/// The keys of a `sekretess` section: shown as written (any other key in it is masked).
pub const KNOWN_KEYS: [&str; 2] = ["pris_efter_rabatt", "anteckning"];

/// What stands for a masked stretch, whatever its length.
pub const MASK: &str = "***";

/// One masked stretch of one line: where it stood (columns in characters, end exclusive) and
/// the column of its `***` in the masked text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    line: u32,
    col: u32,
    end_col: u32,
    masked_col: u32,
}

/// Where a file was masked: its masked stretches, and the lines of its confidential parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mask {
    runs: Vec<Run>,
    lines: Vec<(u32, u32)>,
}

/// A column of the file as it stands in the masked text.
enum Placed {
    /// Inside a masked stretch: the column of its `***`, and whether the column was its first.
    Inside(u32, bool),
    Outside(u32),
}

impl Mask {
    /// The first and last line (1-based) of each confidential part: what the report and the
    /// checklist hide unless asked to show it.
    pub fn lines(&self) -> &[(u32, u32)] {
        &self.lines
    }

    /// Whether nothing was masked: the masked text is the text.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// Whether line `line` is in a confidential part.
    pub fn covers(&self, line: u32) -> bool {
        self.lines
            .iter()
            .any(|(first, last)| (*first..=*last).contains(&line))
    }

    /// `pos` (of the file as written) in the masked text: a position inside a masked stretch
    /// becomes its `***`, a later one on the same line moves with the text.
    pub fn place(&self, pos: Pos) -> Pos {
        if self.runs.is_empty() {
            return pos;
        }
        let len = MASK.len() as u32;
        match self.at(pos.line, pos.col) {
            Placed::Inside(col, _) => Pos::new(pos.line, col, len),
            Placed::Outside(col) => {
                let end_col = match self.at(pos.end_line, pos.end_col) {
                    Placed::Inside(c, true) => c,
                    Placed::Inside(c, false) => c + len,
                    Placed::Outside(c) => c,
                };
                let mut placed = Pos {
                    line: pos.line,
                    col,
                    end_line: pos.end_line,
                    end_col,
                };
                if (placed.end_line, placed.end_col) <= (placed.line, placed.col) {
                    placed = Pos::new(pos.line, col, 1);
                }
                placed
            }
        }
    }

    /// `pos` of the masked text (as `place` gave it) in the file as written, for an editor
    /// that shows the file itself: a position on a `***` covers the stretch it stands for, a
    /// later one on the same line moves back with the text.
    pub fn written(&self, pos: Pos) -> Pos {
        if self.runs.is_empty() {
            return pos;
        }
        let col = match self.unmasked(pos.line, pos.col) {
            (_, Some(run)) if pos.col < run.masked_col + MASK.len() as u32 => run.col,
            (_, Some(run)) => run.end_col,
            (col, None) => col,
        };
        let end_col = match self.unmasked(pos.end_line, pos.end_col) {
            // An end on a `***` (or just after it) is the end of its stretch.
            (_, Some(run)) if pos.end_col > run.masked_col => run.end_col,
            (_, Some(run)) => run.col,
            (col, None) => col,
        };
        let written = Pos {
            line: pos.line,
            col,
            end_line: pos.end_line,
            end_col,
        };
        if (written.end_line, written.end_col) <= (written.line, written.col) {
            return Pos::new(pos.line, col, 1);
        }
        written
    }

    /// A column of the masked text in the file as written, and the stretch whose `***` it is
    /// on (a column just after a `***` counts as on it).
    fn unmasked(&self, line: u32, col: u32) -> (u32, Option<Run>) {
        let first = self.runs.partition_point(|r| r.line < line);
        let len = MASK.len() as u32;
        let mut shift = 0i64;
        for run in self.runs[first..].iter().take_while(|r| r.line == line) {
            if col < run.masked_col {
                break;
            }
            if col <= run.masked_col + len {
                return (run.col, Some(*run));
            }
            shift += i64::from(run.end_col - run.col) - i64::from(len);
        }
        let col = u32::try_from((i64::from(col) + shift).max(1)).unwrap_or(u32::MAX);
        (col, None)
    }

    fn at(&self, line: u32, col: u32) -> Placed {
        let first = self.runs.partition_point(|r| r.line < line);
        // How much shorter (or, for a stretch of one or two characters, longer) the line is
        // before `col` in the masked text.
        let mut shift = 0i64;
        for run in self.runs[first..].iter().take_while(|r| r.line == line) {
            if col >= run.end_col {
                shift += i64::from(run.end_col - run.col) - MASK.len() as i64;
            } else if col >= run.col {
                return Placed::Inside(run.masked_col, col == run.col);
            } else {
                break;
            }
        }
        Placed::Outside(u32::try_from((i64::from(col) - shift).max(1)).unwrap_or(u32::MAX))
    }
}

/// Where the first `sekretess` key stands, when the section (any of them, if the key is
/// duplicated) holds a value: any scalar that is not empty, whether it fits the format or not.
/// Read from the tree before the format walk leaves malformed values out, so that
/// `confidential-in-public-repo` sees them too.
pub fn confidential_at(tree: &Node) -> Option<Pos> {
    let Value::Map(entries) = &tree.value else {
        return None;
    };
    let mut sections = entries.iter().filter(|e| e.key == CONFIDENTIAL_KEY);
    let first = sections.clone().next()?.key_pos;
    sections.any(|e| holds_value(&e.value)).then_some(first)
}

fn holds_value(node: &Node) -> bool {
    match &node.value {
        Value::Null => false,
        Value::Str(s) => !s.trim().is_empty(),
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => true,
        Value::Seq(items) => items.iter().any(holds_value),
        Value::Map(entries) => entries.iter().any(|e| holds_value(&e.value)),
    }
}

/// A source text with its confidential parts masked, and the places that were refused.
#[derive(Debug)]
pub struct Masked {
    pub source: String,
    pub mask: Mask,
    /// An `invalid-value` finding for every construct that brings `sekretess` in or out other
    /// than as a plain mapping; when there is one, the file is not to be read further.
    pub refused: Vec<Diagnostic>,
}

impl Masked {
    fn as_is(text: &str) -> Self {
        Masked {
            source: text.to_string(),
            mask: Mask::default(),
            refused: Vec::new(),
        }
    }
}

/// Whether `text` may hold a key that reads `sekretess`: written so, or spelt with escapes
/// (only a double-quoted key can hold one). A text without either needs no masking.
fn may_hold_secret(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), CONFIDENTIAL_KEY.as_bytes()).is_some()
        || memchr::memchr(b'\\', text.as_bytes()).is_some()
}

/// Masks a file that parses as YAML (`text` as parsed). `scan` is the scan the fast path fed
/// while it built the tree, when it did (`Scan::of` gives none for a text without
/// `sekretess`); else the text is parsed once more for it.
pub fn parsed(text: &str, scan: Option<Scan<'_>>) -> Masked {
    let Some(scan) = scan.or_else(|| Scan::of(text)?.run()) else {
        return if may_hold_secret(text) {
            // The tree parsed but the events did not (it cannot happen): mask from the text.
            unparsed(text, u32::MAX)
        } else {
            Masked::as_is(text)
        };
    };
    let scan = scan.finish();
    let lines = LineStarts::new(text);
    let refused = scan
        .refused
        .iter()
        .map(|(span, message)| {
            Diagnostic::new(RuleId::InvalidValue, lines.pos(text, *span), *message).hint(
                "skriv `sekretess` som en vanlig mappning på översta nivån, utan ankare (`&`), \
                 alias (`*`) och sammanslagning (`<<`); övriga kontroller av filen görs när \
                 detta är rättat",
            )
        })
        .collect();
    let (source, mask) = apply(text, &lines, scan.ranges, &scan.kept);
    Masked {
        source,
        mask,
        refused,
    }
}

/// Whether a file that parses is refused (`Masked::refused`), without masking it: for a text
/// read only for its case (an old version from git history).
pub fn refuses(text: &str, scan: Option<Scan<'_>>) -> bool {
    scan.or_else(|| Scan::of(text)?.run())
        .is_some_and(|scan| !scan.refused.is_empty())
}

/// Masks a file that does not parse, from its text alone; `error_line` is where the parser
/// stopped. Every key that may read `sekretess` is masked to the end of its value; where
/// that end cannot be decided (an open quote or bracket, or the parser's error inside the
/// value), to the end of the file.
pub fn unparsed(text: &str, error_line: u32) -> Masked {
    if !may_hold_secret(text) {
        return Masked::as_is(text);
    }
    let lines = LineStarts::new(text);
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut kept = Vec::new();
    for (key_start, value_start) in candidate_keys(text) {
        if ranges.last().is_some_and(|(_, end)| key_start < *end) {
            continue;
        }
        let mut end = value_end(text, key_start, value_start);
        let (first, last) = (
            lines.line_of(key_start),
            lines.line_of(end.saturating_sub(1)),
        );
        if (first..=last.max(first)).contains(&error_line) {
            end = text.len();
        }
        known_keys_in(text, value_start, end, &mut kept);
        ranges.push((value_start, end));
    }
    let (source, mask) = apply(text, &lines, ranges, &kept);
    Masked {
        source,
        mask,
        refused: Vec::new(),
    }
}

/// Where each line starts, for positions from byte offsets.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|p| p + 1));
        LineStarts(starts)
    }

    /// The 1-based line of byte `at`.
    fn line_of(&self, at: usize) -> u32 {
        u32::try_from(self.0.partition_point(|s| *s <= at)).unwrap_or(u32::MAX)
    }

    /// The start of the line that holds byte `at`.
    fn start_of(&self, at: usize) -> usize {
        self.0[self.0.partition_point(|s| *s <= at).saturating_sub(1)]
    }

    /// The position of the bytes `span` (one line at most is shown).
    fn pos(&self, text: &str, (start, end): (usize, usize)) -> Pos {
        let line_start = self.start_of(start);
        let col = text.get(line_start..start).map_or(0, |s| s.chars().count()) + 1;
        let len = text.get(start..end).map_or(1, |s| {
            s.split('\n').next().unwrap_or_default().chars().count()
        });
        Pos::new(
            self.line_of(start),
            u32::try_from(col).unwrap_or(u32::MAX),
            u32::try_from(len).unwrap_or(u32::MAX),
        )
    }
}

/// Masks the byte `ranges` of `text` line by line, keeping the `kept` byte ranges (known keys)
/// as written. In each stretch of a line between kept ranges, the indentation, the
/// punctuation that opens a value (`: `, `- `, `? `, `{`, `[`, `,`) and that closes one (`,`,
/// `}`, `]`) stay, and the rest, if any, becomes `***`.
fn apply(
    text: &str,
    lines: &LineStarts,
    mut ranges: Vec<(usize, usize)>,
    kept: &[(usize, usize)],
) -> (String, Mask) {
    if ranges.is_empty() {
        return (text.to_string(), Mask::default());
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        let (start, end) = (start.min(text.len()), end.min(text.len()));
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    let mut kept: Vec<(usize, usize)> = kept.to_vec();
    kept.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut runs = Vec::new();
    let mut sections = Vec::new();
    let mut done = 0;
    for (start, end) in merged {
        let (Some(before), Some(_)) = (text.get(done..start), text.get(start..end)) else {
            continue;
        };
        out.push_str(before);
        sections.push((
            lines.line_of(start),
            lines.line_of(end.saturating_sub(1).max(start)),
        ));
        let mut at = start;
        while at < end {
            let line_end = memchr::memchr(b'\n', &text.as_bytes()[at..end]).map_or(end, |p| at + p);
            let line = lines.line_of(at);
            let line_start = lines.start_of(at);
            // The column `at` stands at in the masked text: after what this line has so far.
            let masked_line_start = out.rfind('\n').map_or(0, |p| p + 1);
            let mut masked_col = out[masked_line_start..].chars().count() as u32 + 1;
            let mut col = text[line_start..at].chars().count() as u32 + 1;
            let mut piece_start = at;
            // The kept keys on this line split it into pieces.
            let on_line = kept
                .iter()
                .filter(|(s, e)| *s >= at && *e <= line_end)
                .copied()
                .chain(std::iter::once((line_end, line_end)));
            for (keep_start, keep_end) in on_line {
                let piece = &text[piece_start..keep_start];
                let body = piece.trim_end_matches(['\r', ' ', '\t', ',', '}', ']']);
                let lead = lead_len(body);
                let (opening, masked) = body.split_at(lead);
                out.push_str(opening);
                let lead_chars = opening.chars().count() as u32;
                col += lead_chars;
                masked_col += lead_chars;
                if !masked.is_empty() {
                    let width = masked.chars().count() as u32;
                    runs.push(Run {
                        line,
                        col,
                        end_col: col + width,
                        masked_col,
                    });
                    out.push_str(MASK);
                    col += width;
                    masked_col += MASK.len() as u32;
                }
                let trailing = &piece[body.len()..];
                out.push_str(trailing);
                let kept_text = &text[keep_start..keep_end];
                out.push_str(kept_text);
                let moved = (trailing.chars().count() + kept_text.chars().count()) as u32;
                col += moved;
                masked_col += moved;
                piece_start = keep_end;
            }
            if line_end < end {
                out.push('\n');
            }
            at = line_end + 1;
        }
        done = end;
    }
    out.push_str(text.get(done..).unwrap_or_default());
    let mut mask = Mask {
        runs,
        lines: sections,
    };
    mask.runs.sort_unstable_by_key(|r| (r.line, r.col));
    (out, mask)
}

/// The length of the indentation and opening punctuation of a masked piece.
fn lead_len(piece: &str) -> usize {
    let bytes = piece.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let spaced = matches!(bytes.get(i + 1), None | Some(b' ' | b'\t'));
        match bytes[i] {
            b' ' | b'\t' | b'{' | b'[' | b',' => i += 1,
            b':' | b'-' | b'?' if spaced => i += 1,
            _ => break,
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::parse;

    /// The text masked as the reader masks it: parsed where it parses.
    fn masked(text: &str) -> Masked {
        match parse(text) {
            Ok(_) => parsed(text, None),
            Err(err) => unparsed(text, err.pos.line),
        }
    }

    /// The refusals of a text that parses: (line, column, message start).
    fn refused(text: &str) -> Vec<(u32, u32, String)> {
        assert!(parse(text).is_ok(), "{text}");
        parsed(text, None)
            .refused
            .iter()
            .map(|d| {
                let words: String = d.message.chars().take(14).collect();
                (d.pos.line, d.pos.col, words)
            })
            .collect()
    }

    const CASE: &str = "id: 2026-001\nsekretess:\n  pris_efter_rabatt: 31 000 kr\n  \
        anteckning: |\n    Rabatt 12 %\n    enligt avtal\n  villkor: { a: \"två ord\", b: [1, 2] }\n\
        \n  # netto 31977\nindikation: 31 000 patienter\n";

    #[test]
    fn every_value_key_and_comment_becomes_a_fixed_mask_and_no_line_moves() {
        let m = masked(CASE);
        assert_eq!(
            m.source,
            "id: 2026-001\nsekretess:\n  pris_efter_rabatt: ***\n  anteckning: ***\n    ***\n    ***\n  \
             ***] }\n\n  ***\nindikation: 31 000 patienter\n"
        );
        assert_eq!(m.mask.lines(), [(2, 9)]);
        assert!(m.refused.is_empty());
        assert_eq!(m.source.lines().count(), CASE.lines().count());
    }

    #[test]
    fn a_secret_of_any_length_masks_alike() {
        let short = masked("id: x\nsekretess:\n  anteckning: ab\n  pris_efter_rabatt: 5\n");
        let long = masked(
            "id: x\nsekretess:\n  anteckning: en mycket lång hemlighet\n  pris_efter_rabatt: 31977\n",
        );
        assert_eq!(short.source, long.source);
        // A finding at a value points at its `***`, whatever the value's length.
        let at = |m: &Masked, len| m.mask.place(Pos::new(3, 15, len));
        assert_eq!(at(&short, 2), at(&long, 24));
        assert_eq!(at(&long, 24), Pos::new(3, 15, 3));
    }

    #[test]
    fn positions_after_a_masked_stretch_move_with_the_text() {
        let m = masked("sekretess: { anteckning: hemlig text, pris_efter_rabatt: 31977 }\nid: x\n");
        assert_eq!(
            m.source,
            "sekretess: { anteckning: ***, pris_efter_rabatt: *** }\nid: x\n"
        );
        // `pris_efter_rabatt` stood at column 39; it stands at 31 now.
        assert_eq!(m.mask.place(Pos::new(1, 39, 17)), Pos::new(1, 31, 17));
        assert_eq!(m.mask.place(Pos::new(2, 1, 2)), Pos::new(2, 1, 2));
        // And back, for an editor that shows the file as written: a `***` covers its stretch.
        for pos in [Pos::new(1, 39, 17), Pos::new(2, 1, 2), Pos::new(1, 1, 9)] {
            assert_eq!(m.mask.written(m.mask.place(pos)), pos, "{pos:?}");
        }
        assert_eq!(m.mask.written(Pos::new(1, 26, 3)), Pos::new(1, 26, 11));
        assert_eq!(m.mask.written(Pos::new(1, 50, 3)), Pos::new(1, 58, 5));
        assert_eq!(
            m.mask.written(m.mask.place(Pos::new(1, 60, 2))),
            Pos::new(1, 58, 5)
        );
    }

    #[test]
    fn keys_anywhere_and_in_any_spelling_are_confidential() {
        for text in [
            "\"sekretess\": { anteckning: HEMLIG }\n",
            "'sekretess': { anteckning: HEMLIG }\n",
            "\"sek\\x72etess\": { anteckning: HEMLIG }\n",
            "mall: { sekretess: { anteckning: HEMLIG } }\n",
            "  sekretess:\n    anteckning: HEMLIG\n",
            "sekretess:\n  netto HEMLIG: 1\n",
            "sekretess:\n  anteckning: !<HEMLIG> x\n",
            "sekretess: HEMLIG # HEMLIG\n",
            "sekretess:\n- HEMLIG\n- a: HEMLIG\n",
            "sekretess: >\n  HEMLIG\n\n  HEMLIG\n",
        ] {
            let m = masked(text);
            assert!(!m.source.contains("HEMLIG"), "{text:?} -> {:?}", m.source);
            assert_eq!(m.source.lines().count(), text.lines().count(), "{text:?}");
        }
    }

    #[test]
    fn a_file_that_does_not_parse_is_masked_to_the_end_of_the_value_or_the_file() {
        // The reproduction: a quoted text continued at column 0.
        let text = "id: 1\nsekretess:\n  anteckning: \"rabatt 12 %,\nnetto 31000 kr\"\nstatus: [\n";
        let m = masked(text);
        assert!(
            !m.source.contains("31000") && !m.source.contains("rabatt"),
            "{}",
            m.source
        );
        // A quoted key, a flow value over lines, an indented document.
        for text in [
            "id: [1\n\"sekretess\": {anteckning: \"a,\nHEMLIG\"}\n",
            "'sekretess':\n  anteckning: HEMLIG\nid: [\n",
            "  id: 1\n  sekretess:\n    anteckning: HEMLIG\n  x: [\n",
            "sekretess: [HEMLIG,\nHEMLIG\nid: 1\n",
            "x: \"a\nsekretess:\n  anteckning: HEMLIG\n",
        ] {
            assert!(parse(text).is_err(), "{text:?}");
            let m = masked(text);
            assert!(!m.source.contains("HEMLIG"), "{text:?} -> {:?}", m.source);
            assert_eq!(m.source.lines().count(), text.lines().count(), "{text:?}");
        }
        // Where the value's end is clear and the error is elsewhere, what follows is shown.
        let m = masked("sekretess:\n  anteckning: HEMLIG\nid: 2026-001\nstatus: [\n");
        assert_eq!(
            m.source,
            "sekretess:\n  anteckning: ***\nid: 2026-001\nstatus: [\n"
        );
        // Where the error is inside the value, its end cannot be decided.
        let m = masked("sekretess:\n  anteckning: [HEMLIG\nid: 2026-001\n");
        assert_eq!(m.source, "sekretess:\n  anteckning: [***\n***\n");
    }

    #[test]
    fn merges_and_aliases_that_bring_sekretess_in_or_out_are_refused() {
        let merge = "mall: &m {sekretess: {pris_efter_rabatt: 31977}}\n<<: *m\nid: x\n";
        assert_eq!(refused(merge), [(2, 1, "en sammanslagn".to_string())]);
        assert!(!masked(merge).source.contains("31977"));

        let alias = "x: &s {pris_efter_rabatt: 31977}\nsekretess: *s\n";
        assert_eq!(refused(alias), [(2, 12, "`sekretess` sk".to_string())]);
        assert!(
            !masked(alias).source.contains("31977"),
            "{}",
            masked(alias).source
        );

        let out = "sekretess: {anteckning: &a HEMLIG}\nförskrivning: *a\n";
        assert_eq!(
            refused(out),
            [
                // At the anchored value (the parser's event for it), which is masked.
                (1, 28, "ett ankare (`&".to_string()),
                (2, 15, "ett alias (`*`".to_string())
            ]
        );
        assert!(!masked(out).source.contains("HEMLIG"));

        let scalar_anchor = "sekretess: &a HEMLIG\n";
        assert_eq!(refused(scalar_anchor).len(), 1);

        let inside = "x: &s HEMLIG\nsekretess:\n  anteckning: *s\n";
        assert_eq!(refused(inside), [(3, 15, "ett alias (`*`".to_string())]);
        assert_eq!(
            masked(inside).source,
            "x: ***\nsekretess:\n  anteckning: ***\n"
        );

        let list = "a: &a {x: 1}\nb: &b {sekretess: {anteckning: HEMLIG}}\nc: {<<: [*a, *b]}\n";
        assert_eq!(refused(list), [(3, 5, "en sammanslagn".to_string())]);

        // Anchors and aliases elsewhere are none of this.
        assert!(refused("a: &a x\nb: *a\nsekretess: {anteckning: y}\n").is_empty());
        // `refuses` gives the same answer without masking.
        assert!(refuses(out, None) && refuses(merge, None));
        assert!(!refuses(
            "a: &a x\nb: *a\nsekretess: {anteckning: y}\n",
            None
        ));
    }

    #[test]
    fn the_known_keys_are_those_of_the_format() {
        let schema = serde_json::to_value(schemars::schema_for!(crate::model::Confidential))
            .expect("schema");
        let mut keys: Vec<&str> = schema["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        let mut known = KNOWN_KEYS.to_vec();
        known.sort_unstable();
        assert_eq!(keys, known);
    }

    #[test]
    fn a_file_without_secrets_is_kept_as_is() {
        for text in [
            "id: 2026-001\n",
            "id: 2026-001\nsekretess:\n",
            "x: 'a\\b'\n",
        ] {
            let m = masked(text);
            assert_eq!(m.source, text);
            assert!(m.refused.is_empty());
        }
    }

    #[test]
    fn anything_written_is_confidential_well_formed_or_not() {
        for text in [
            "sekretess: 31 000 kr\n",
            "sekretess:\n  pris_efter_rabatt: 31000\n",
            "sekretess:\n  okänd: [x]\n",
            "sekretess:\n  anteckning: TBD\n",
            "sekretess:\nsekretess: { anteckning: x }\n",
        ] {
            let tree = parse(text).expect("valid");
            assert_eq!(confidential_at(&tree).map(|p| p.line), Some(1), "{text}");
        }
        assert_eq!(
            confidential_at(&parse("sekretess:\n").expect("valid")),
            None
        );
    }
}
