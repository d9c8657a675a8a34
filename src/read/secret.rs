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

use super::tree::{Node, Value};
use crate::diagnostic::Diagnostic;
use crate::model::Pos;
use crate::rule_id::RuleId;
use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle};
use std::collections::HashMap;

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

/// Where each key that may read `sekretess` stands in a text that does not parse: `sekretess`,
/// quoted or not, or a double-quoted key with an escape in it, followed by a colon that ends
/// a key. The start of the key and the byte after its colon.
fn candidate_keys(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let colon_after = |mut i: usize| -> Option<usize> {
        while matches!(bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        (bytes.get(i) == Some(&b':')
            && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t' | b'\n' | b'\r')))
        .then_some(i + 1)
    };
    let mut found = Vec::new();
    for at in memchr::memmem::find_iter(bytes, CONFIDENTIAL_KEY.as_bytes()) {
        let mut after = at + CONFIDENTIAL_KEY.len();
        if matches!(bytes.get(after), Some(b'"' | b'\'')) {
            after += 1;
        }
        if let Some(value_start) = colon_after(after) {
            found.push((at, value_start));
        }
    }
    // A double-quoted key with an escape may spell anything.
    let mut i = 0;
    while let Some(open) = memchr::memchr(b'"', &bytes[i..]).map(|o| o + i) {
        let mut j = open + 1;
        let mut escaped = false;
        while j < bytes.len() && bytes[j] != b'"' {
            if bytes[j] == b'\\' {
                escaped = true;
                j += 1;
            }
            j += 1;
        }
        if j >= bytes.len() {
            break;
        }
        if escaped && let Some(value_start) = colon_after(j + 1) {
            found.push((open, value_start));
        }
        i = j + 1;
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// Where the value that starts at `value_start` (after the key at `key_start`) ends in a text
/// that does not parse: before the first line indented no more than the key's line that is
/// not a comment, with no quote or bracket open; where the value closes the flow collection
/// that holds the key; or at the end of the text.
fn value_end(text: &str, key_start: usize, value_start: usize) -> usize {
    let bytes = text.as_bytes();
    let line_start = bytes[..key_start]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let indent = indentation(&text[line_start..]);
    // The key stands in a flow collection when a `{`, `[` or `,` comes before it on its line.
    let in_flow = bytes[line_start..key_start]
        .iter()
        .rev()
        .find(|b| !matches!(b, b' ' | b'\t' | b'"' | b'\'' | b'?'))
        .is_some_and(|b| matches!(b, b'{' | b'[' | b','));
    let rest = text[value_start..].trim_start_matches([' ', '\t']);
    let block_scalar = rest.starts_with(['|', '>']);
    let mut lexer = Lexer::default();
    let mut at = value_start;
    let mut first = true;
    while at < bytes.len() {
        let end_of_line = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |p| at + p + 1);
        let line = &text[at..end_of_line];
        if !first && lexer.closed() {
            let content = line.trim_start_matches([' ', '\t']);
            let blank = content.trim().is_empty() || content.starts_with('#');
            if !blank && indentation(line) <= indent {
                return at;
            }
        }
        // A block scalar's lines are its text: no quote or bracket in them counts.
        if (first || !block_scalar)
            && let Some(stop) = lexer.line(line, first, in_flow)
        {
            return at + stop;
        }
        first = false;
        at = end_of_line;
    }
    bytes.len()
}

/// The number of spaces a line starts with.
fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Quotes and brackets open in the text of a value, line by line.
#[derive(Default)]
struct Lexer {
    double: bool,
    single: bool,
    depth: i32,
}

impl Lexer {
    fn closed(&self) -> bool {
        !self.double && !self.single && self.depth <= 0
    }

    /// Reads one line; `Some(offset)` where the value ends inside it (a bracket closes the
    /// collection that holds the key, or a comma ends an entry of it).
    fn line(&mut self, line: &str, first: bool, in_flow: bool) -> Option<usize> {
        let bytes = line.as_bytes();
        // A quote opens a scalar only where a token starts.
        let mut token_start = !first;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if self.double {
                match b {
                    b'\\' => i += 1,
                    b'"' => self.double = false,
                    _ => {}
                }
            } else if self.single {
                if b == b'\'' {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        i += 1;
                    } else {
                        self.single = false;
                    }
                }
            } else {
                match b {
                    b'"' if token_start => self.double = true,
                    b'\'' if token_start => self.single = true,
                    b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t') => return None,
                    b'[' | b'{' => self.depth += 1,
                    b']' | b'}' => {
                        self.depth -= 1;
                        if self.depth < 0 {
                            return Some(i);
                        }
                    }
                    b',' if self.depth == 0 && in_flow => return Some(i),
                    _ => {}
                }
                token_start = matches!(b, b' ' | b'\t' | b':' | b',' | b'[' | b'{' | b'-' | b'?')
                    && (token_start || b != b'-');
            }
            i += 1;
        }
        None
    }
}

/// The known keys (`KNOWN_KEYS`) that start a line (after indentation and a `- `) between
/// `start` and `end` of a text that does not parse.
fn known_keys_in(text: &str, start: usize, end: usize, kept: &mut Vec<(usize, usize)>) {
    let mut at = start;
    for line in text[start..end].split_inclusive('\n') {
        let content = line.trim_start_matches([' ', '\t']);
        let content = content.strip_prefix("- ").unwrap_or(content);
        let key_at = at + (line.len() - content.len());
        for key in KNOWN_KEYS {
            if content
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(':'))
            {
                kept.push((key_at, key_at + key.len()));
            }
        }
        at += line.len();
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
            // Columns in the masked text of this line so far: what was copied before `at`.
            let copied_before = out.len() - (out.rfind('\n').map_or(0, |p| p + 1));
            let mut masked_col = out[out.len() - copied_before..].chars().count() as u32 + 1;
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

const ANCHOR_IN_SECRET: &str = "ett ankare (`&`) i `sekretess`: sekretessbelagda värden får \
                                inte återanvändas på andra ställen i filen";

/// An anchored node: its bytes, and what the refusals need to know of it.
#[derive(Default)]
struct Anchored {
    start: usize,
    end: usize,
    /// Defined inside a confidential value.
    secret: bool,
    /// A mapping with a `sekretess` key of its own or merged in.
    holds_key: bool,
    /// A scalar's text (for an alias used as a key).
    text: Option<String>,
}

/// A node being read: a collection open on the stack, or a scalar or alias as it ends.
struct Open {
    /// Where its bytes start: after the token before it, so that a tag or an anchor in
    /// front of it counts as its own.
    start: usize,
    anchor: usize,
    /// The value of a `sekretess` key.
    secret_value: bool,
    /// The value of a merge key, and where that key stands.
    merge: Option<(usize, usize)>,
    collection: Collection,
}

enum Collection {
    Seq {
        /// Whether an item merges in a `sekretess` key (for a merge key's list).
        holds_key: bool,
    },
    Map {
        /// The key read and waiting for its value: its text, style and bytes.
        key: Option<(Option<String>, bool, (usize, usize))>,
        /// Whether a key is awaited (else a value).
        awaiting_key: bool,
        holds_key: bool,
    },
}

/// The walk over the parser's events that finds the confidential parts of a parsed file. It
/// is fed one event at a time: by the fast path as it builds the tree (`fast.rs`), so that a
/// file is parsed once, or by a parse of its own (`Scan::run`) for a file the general path
/// reads (anchors, aliases, tags, merge keys).
pub struct Scan<'t> {
    text: &'t str,
    ranges: Vec<(usize, usize)>,
    kept: Vec<(usize, usize)>,
    refused: Vec<((usize, usize), &'static str)>,
    anchors: HashMap<usize, Anchored>,
    /// Each alias: its bytes and the anchor it names.
    aliases: Vec<((usize, usize), usize)>,
    stack: Vec<Open>,
    /// How many `sekretess` values the node being read stands in.
    secret: usize,
    /// Where the last token ended: a node's bytes start there, so that a tag or an anchor in
    /// front of it counts as its own.
    previous_end: usize,
}

impl<'t> Scan<'t> {
    /// A scan of `text`, for a text that may hold `sekretess` (else `None`: nothing to find).
    pub fn of(text: &'t str) -> Option<Self> {
        may_hold_secret(text).then(|| Scan {
            text,
            ranges: Vec::new(),
            kept: Vec::new(),
            refused: Vec::new(),
            anchors: HashMap::new(),
            aliases: Vec::new(),
            stack: Vec::new(),
            secret: 0,
            previous_end: 0,
        })
    }

    /// Parses the text and feeds every event to the scan; `None` if it does not parse (it
    /// cannot happen for a text the tree was read from).
    fn run(mut self) -> Option<Self> {
        let mut options = Options::default();
        options.strict_indentation = true;
        let mut parser = Parser::new_from_str_with_options(self.text, options);
        while let Some(event) = parser.next_event() {
            let (event, span) = event.ok()?;
            let range = span.byte_range()?;
            self.event(&event, (range.start, range.end))?;
        }
        Some(self)
    }

    /// One event, and the bytes its span covers. `None` when the events do not nest.
    pub fn event(&mut self, event: &Event<'_>, bytes: (usize, usize)) -> Option<()> {
        match event {
            Event::Scalar(value, style, anchor, _) => self.scalar(value, *style, *anchor, bytes),
            Event::Alias(id) => self.alias(*id, bytes),
            Event::SequenceStart(_, anchor, _) => self.open(false, *anchor, bytes),
            Event::MappingStart(_, anchor, _) => self.open(true, *anchor, bytes),
            Event::SequenceEnd | Event::MappingEnd => self.close(bytes)?,
            _ => {}
        }
        Some(())
    }

    fn scalar(&mut self, value: &str, style: ScalarStyle, anchor: usize, bytes: (usize, usize)) {
        let start = self.previous_end;
        let secret_value = match self.role() {
            Role::Key => {
                let plain = style == ScalarStyle::Plain;
                if self.secret > 0 && plain && KNOWN_KEYS.contains(&value) {
                    self.kept.push(bytes);
                }
                self.set_key(Some(value.to_string()), plain, bytes);
                false
            }
            Role::Value { secret_value, .. } => {
                if secret_value {
                    self.ranges.push((start, bytes.1));
                }
                secret_value
            }
        };
        if anchor != 0 {
            let in_secret = self.secret > 0 || secret_value;
            if in_secret {
                self.refused.push((bytes, ANCHOR_IN_SECRET));
            }
            self.anchors.insert(
                anchor,
                Anchored {
                    start,
                    end: bytes.1,
                    secret: in_secret,
                    holds_key: false,
                    text: Some(value.to_string()),
                },
            );
        }
        self.previous_end = bytes.1;
    }

    fn alias(&mut self, id: usize, bytes: (usize, usize)) {
        let role = self.role();
        let (target_secret, target_holds_key, target_text) = match self.anchors.get(&id) {
            Some(a) => (a.secret, a.holds_key, a.text.clone()),
            None => (false, false, None),
        };
        if self.secret > 0 {
            self.refused.push((
                bytes,
                "ett alias (`*`) i `sekretess`: skriv värdena i avsnittet självt",
            ));
        } else if target_secret {
            self.refused.push((
                bytes,
                "ett alias (`*`) till ett värde i `sekretess`: sekretessbelagda värden får inte \
                 återanvändas på andra ställen i filen",
            ));
        }
        match role {
            Role::Key => {
                if target_text.as_deref() == Some(CONFIDENTIAL_KEY) {
                    self.refused
                        .push((bytes, "nyckeln `sekretess` skriven som ett alias (`*`)"));
                }
                self.set_key(target_text, false, bytes);
            }
            Role::Value {
                secret_value,
                merge,
            } => {
                if secret_value {
                    self.ranges.push((self.previous_end, bytes.1));
                    if self.stack.len() == 1 {
                        self.refused
                            .push((bytes, "`sekretess` skriven som ett alias (`*`)"));
                    }
                }
                if let Some(key) = merge.filter(|_| target_holds_key) {
                    self.merged_in(key);
                }
                if let Some(Open {
                    collection: Collection::Seq { holds_key },
                    merge: Some(_),
                    ..
                }) = self.stack.last_mut()
                {
                    *holds_key |= target_holds_key;
                }
            }
        }
        self.aliases.push((bytes, id));
        self.previous_end = bytes.1;
    }

    fn open(&mut self, map: bool, anchor: usize, bytes: (usize, usize)) {
        let (secret_value, merge) = match self.role() {
            Role::Key => (false, None),
            Role::Value {
                secret_value,
                merge,
            } => (secret_value, merge),
        };
        if secret_value {
            self.secret += 1;
        }
        if anchor != 0 {
            if self.secret > 0 {
                self.refused.push((bytes, ANCHOR_IN_SECRET));
            }
            self.anchors.entry(anchor).or_default().secret = self.secret > 0;
        }
        self.stack.push(Open {
            start: self.previous_end,
            anchor,
            secret_value,
            merge,
            collection: if map {
                Collection::Map {
                    key: None,
                    awaiting_key: true,
                    holds_key: false,
                }
            } else {
                Collection::Seq { holds_key: false }
            },
        });
        self.previous_end = self.previous_end.max(bytes.1);
    }

    fn close(&mut self, bytes: (usize, usize)) -> Option<()> {
        let open = self.stack.pop()?;
        // A block collection ends where the next token starts: its own bytes end with its
        // last line, comments and blank lines after it included.
        let end = if bytes.1 > bytes.0 {
            bytes.1
        } else {
            lines_before(self.text, self.previous_end, bytes.0)
        };
        if open.secret_value {
            self.secret = self.secret.saturating_sub(1);
            self.ranges.push((open.start, end));
        }
        let holds_key = match open.collection {
            Collection::Map { holds_key, .. } | Collection::Seq { holds_key } => holds_key,
        };
        if open.anchor != 0 {
            let entry = self.anchors.entry(open.anchor).or_default();
            entry.start = open.start;
            entry.end = end;
            entry.holds_key = holds_key;
        }
        if let Some(key) = open.merge.filter(|_| holds_key) {
            self.merged_in(key);
        }
        self.previous_end = self.previous_end.max(end);
        Some(())
    }

    /// The confidential byte ranges (with the anchored nodes aliased into them, and those
    /// aliased into those), each to the end of its line where only a comment follows.
    fn finish(mut self) -> Self {
        let mut pulled: Vec<usize> = Vec::new();
        loop {
            let inside = |at: usize, ranges: &[(usize, usize)]| {
                ranges.iter().any(|(s, e)| (*s..*e).contains(&at))
            };
            let more: Vec<usize> = self
                .aliases
                .iter()
                .filter(|(bytes, id)| !pulled.contains(id) && inside(bytes.0, &self.ranges))
                .map(|(_, id)| *id)
                .collect();
            if more.is_empty() {
                break;
            }
            for id in more {
                if pulled.contains(&id) {
                    continue;
                }
                pulled.push(id);
                if let Some(a) = self.anchors.get(&id) {
                    self.ranges.push((a.start, a.end.max(a.start)));
                }
            }
        }
        let text = self.text;
        for range in &mut self.ranges {
            range.1 = line_end_after(text, range.1);
        }
        self.refused.sort_unstable();
        self.refused.dedup();
        self
    }

    /// What the node that starts now is to the collection it stands in, and the collection's
    /// state moved on past it.
    fn role(&mut self) -> Role {
        match self.stack.last_mut() {
            Some(Open {
                collection:
                    Collection::Map {
                        key, awaiting_key, ..
                    },
                ..
            }) => {
                if *awaiting_key {
                    *awaiting_key = false;
                    Role::Key
                } else {
                    *awaiting_key = true;
                    let (text, plain, bytes) = key.take().unwrap_or((None, false, (0, 0)));
                    Role::Value {
                        secret_value: text.as_deref() == Some(CONFIDENTIAL_KEY),
                        merge: (plain && text.as_deref() == Some("<<")).then_some(bytes),
                    }
                }
            }
            _ => Role::Value {
                secret_value: false,
                merge: None,
            },
        }
    }

    /// Records the key just read in the mapping on top of the stack.
    fn set_key(&mut self, text: Option<String>, plain: bool, bytes: (usize, usize)) {
        if let Some(Open {
            collection: Collection::Map { key, holds_key, .. },
            ..
        }) = self.stack.last_mut()
        {
            *holds_key |= text.as_deref() == Some(CONFIDENTIAL_KEY);
            *key = Some((text, plain, bytes));
        }
    }

    /// A merge key whose value brings in a `sekretess` key: refused where it stands, and the
    /// mapping it merges into holds the key from now on.
    fn merged_in(&mut self, key: (usize, usize)) {
        self.refused.push((
            key,
            "en sammanslagning (`<<`) som för in `sekretess`: skriv avsnittet i filen självt",
        ));
        if let Some(Open {
            collection: Collection::Map { holds_key, .. },
            ..
        }) = self.stack.last_mut()
        {
            *holds_key = true;
        }
    }
}

enum Role {
    Key,
    Value {
        secret_value: bool,
        /// The bytes of the merge key whose value this is.
        merge: Option<(usize, usize)>,
    },
}

/// Where a block collection whose content ends at `content_end` ends, given that the next
/// token starts at `next`: at the start of the line of `next` when it is on a later line,
/// else at `content_end`.
fn lines_before(text: &str, content_end: usize, next: usize) -> usize {
    let next = next.min(text.len());
    if next <= content_end {
        return content_end;
    }
    match memchr::memrchr(b'\n', &text.as_bytes()[content_end..next]) {
        Some(p) => content_end + p + 1,
        None => content_end,
    }
}

/// `end`, moved to the end of its line when what follows on the line is blank or a comment
/// (which then belongs to the value).
fn line_end_after(text: &str, end: usize) -> usize {
    let end = end.min(text.len());
    // A value's own bytes may end with the line break and the next line's indentation (a
    // block scalar): those are not its text.
    let trimmed = end - (text[..end].len() - text[..end].trim_end_matches([' ', '\t']).len());
    let line_end =
        memchr::memchr(b'\n', &text.as_bytes()[trimmed..]).map_or(text.len(), |p| trimmed + p);
    let rest = text[trimmed..line_end].trim_start_matches([' ', '\t', '\r']);
    if rest.is_empty() || rest.starts_with('#') {
        line_end
    } else {
        trimmed
    }
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
