//! `human`: rustc-style, with the source line and the token underlined, the hint and the
//! other places a finding concerns (and `[kan rättas med --fix]` after the message where
//! `check --fix` can put it right, as ruff's `[*]`); then the summary line.
//!
//! The snippets are drawn by annotate-snippets (rustc's own renderer). This file decides what
//! goes into them: the Swedish level names, and the lines of the source that a position
//! covers, with the position turned into a byte range that is always valid for the renderer.
//!
//! Control characters in messages, file names and the quoted source are shown as visible
//! escapes (`text::sanitize`) before the renderer sees them, as in every format; the ranges
//! of the source are moved to match, and the location keeps the column of the file.

use super::{Emitter, Report};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pos;
use crate::text::sanitize::{self, Keep, controls};
use annotate_snippets::{
    Annotation, AnnotationKind, Group, Level, Origin, Renderer, Snippet, normalize_untrusted_str,
};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

pub struct Human;

impl Emitter for Human {
    fn shows_source(&self) -> bool {
        true
    }

    fn emit(&self, report: &Report, out: &mut String) {
        let renderer = if report.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        write_findings(&renderer, report, out);
        let summary = report.summary.line();
        if report.color {
            out.push_str(&format!("\x1b[1m{summary}\x1b[0m\n"));
        } else {
            out.push_str(&summary);
            out.push('\n');
        }
    }
}

/// Every finding, each followed by a blank line. Returns how many lines of source were
/// indexed: each line of a quoted file once, however many findings quote it (the unit test
/// that keeps the output linear in the findings of a file counts them).
fn write_findings(renderer: &Renderer, report: &Report, out: &mut String) -> usize {
    let mut sources = Sources::new(report.source);
    for d in report.diagnostics {
        sources.start_finding_in(&d.file);
        out.push_str(&render(renderer, d, &mut sources));
        out.push_str("\n\n");
    }
    sources.lines_indexed
}

/// The line index of each source that findings quote, built once per file. (Reading the
/// lines of a file from its start for each finding made this format quadratic in the findings
/// of one file: the emitter took 3.5 and 51.9 × 10⁹ instructions for 5 000 and 20 000 findings,
/// with the index 0.34 and 1.36 × 10⁹, and 3.4 × 10⁹ for 50 000; callgrind.) Findings come
/// sorted by file, so the indices kept are those of the current finding's file and of the
/// files its findings relate to; they are dropped when the next file's findings begin.
struct Sources<'a> {
    source: &'a (dyn Fn(&str) -> Option<&'a str> + 'a),
    current: String,
    indexed: HashMap<String, Lines<'a>>,
    /// Lines indexed so far, over all files.
    lines_indexed: usize,
}

impl<'a> Sources<'a> {
    fn new(source: &'a (dyn Fn(&str) -> Option<&'a str> + 'a)) -> Sources<'a> {
        Sources {
            source,
            current: String::new(),
            indexed: HashMap::new(),
            lines_indexed: 0,
        }
    }

    /// The next finding is in `file`: the indices of another file's findings are done with.
    fn start_finding_in(&mut self, file: &str) {
        if self.current != file {
            self.indexed.clear();
            file.clone_into(&mut self.current);
        }
    }

    /// The lines of `file`; `None` when its source is not given or empty.
    fn lines(&mut self, file: &str) -> Option<&Lines<'a>> {
        if !self.indexed.contains_key(file) {
            let lines = Lines::new((self.source)(file).filter(|s| !s.is_empty())?);
            self.lines_indexed += lines.len();
            self.indexed.insert(file.to_owned(), lines);
        }
        self.indexed.get(file)
    }
}

/// One diagnostic, without a trailing newline: `fel[regel]: meddelande`, the location, the
/// source with the position underlined, the places in other files, `tips: …`.
fn render<'a>(renderer: &Renderer, d: &Diagnostic, sources: &mut Sources<'a>) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    }
    .with_name(d.severity.sv());
    let mut title = controls(&d.message, Keep::LAYOUT);
    if d.safe_fix().is_some() {
        title = Cow::Owned(format!("{title} {}", super::FIXABLE));
    }
    let mut group = Group::with_title(level.primary_title(title).id(d.rule.name()));

    // The finding's own file first, then every other file a related place is in, each file
    // once: places in one file share one snippet.
    let mut files: Vec<&str> = vec![&d.file];
    for r in &d.related {
        if !files.contains(&r.file.as_str()) {
            files.push(&r.file);
        }
    }
    let mut see_also = Vec::new();
    // The location line as the renderer writes it, and as it should read.
    let mut location: Option<(String, String)> = None;
    for file in files {
        let mut marks = Vec::new();
        if file == d.file {
            marks.push(Mark {
                pos: d.pos,
                kind: AnnotationKind::Primary,
                label: None,
            });
        }
        for r in d.related.iter().filter(|r| r.file == file) {
            marks.push(Mark {
                pos: r.pos,
                kind: AnnotationKind::Context,
                label: Some(&r.label),
            });
        }
        let shown = controls(file, Keep::LAYOUT);
        match sources.lines(file).and_then(|lines| excerpt(lines, &marks)) {
            Some(excerpt) => {
                // The finding's own mark is the first of its file; the escapes may move it
                // along its line, the location keeps the file's column.
                let place = (file == d.file).then(|| excerpt.place(0)).flatten();
                let excerpt = excerpt.shown();
                if let (Some((line, col)), Some((_, shown_col))) = (place, excerpt.place(0))
                    && col != shown_col
                {
                    location = Some((
                        format!("{shown}:{line}:{shown_col}"),
                        format!("{shown}:{line}:{col}"),
                    ));
                }
                group = group.element(excerpt.snippet(shown, &marks));
            }
            None if file == d.file => {
                group = group.element(
                    Origin::path(shown)
                        .line(d.pos.line as usize)
                        .char_column(d.pos.col as usize),
                );
                see_also.extend(
                    marks
                        .into_iter()
                        .filter(|m| m.label.is_some())
                        .map(|m| (file, m)),
                );
            }
            None => see_also.extend(marks.into_iter().map(|m| (file, m))),
        }
    }
    if let Some(hint) = &d.hint {
        group = group.element(
            Level::HELP
                .with_name("tips")
                .message(normalize_untrusted_str(&controls(hint, Keep::LAYOUT))),
        );
    }
    for (file, mark) in see_also {
        let text = format!(
            "{file}:{}:{}: {}",
            mark.pos.line,
            mark.pos.col,
            mark.label.unwrap_or_default()
        );
        group = group.element(
            Level::NOTE
                .with_name("se även")
                .message(normalize_untrusted_str(&controls(&text, Keep::LAYOUT))),
        );
    }
    let mut text = renderer.render(&[group]);
    if let Some((written, wanted)) = location
        && let Some(arrow) = text.find("-->")
        && let Some(at) = text[arrow..].find(&written)
    {
        text.replace_range(arrow + at..arrow + at + written.len(), &wanted);
    }
    text
}

/// A place to underline: the finding's own (primary) or a related one (context, with a label).
struct Mark<'a> {
    pos: Pos,
    kind: AnnotationKind,
    label: Option<&'a str>,
}

/// The whole lines of a source that some marks cover, the number of the first, and each
/// mark's byte range within them (in the order of the marks).
#[derive(Debug, PartialEq)]
struct Excerpt<'s> {
    text: Cow<'s, str>,
    first_line: usize,
    spans: Vec<Range<usize>>,
}

impl<'s> Excerpt<'s> {
    /// The excerpt with its control characters shown as escapes, line by line (the line ends
    /// stay), and each range moved by what the escapes before its ends add.
    fn shown(self) -> Excerpt<'s> {
        let mut added: Vec<(usize, usize)> = Vec::new();
        let mut total = 0;
        let mut start = 0;
        for raw in self.text.split_inclusive('\n') {
            let content = raw.strip_suffix('\n').unwrap_or(raw);
            let content = content.strip_suffix('\r').unwrap_or(content);
            for (at, c) in sanitize::hidden_chars(content, Keep::TAB) {
                total += sanitize::escaped(c).len() - c.len_utf8();
                added.push((start + at + c.len_utf8(), total));
            }
            start += raw.len();
        }
        if added.is_empty() {
            return self;
        }
        let moved = |offset: usize| {
            let before = added.partition_point(|(end, _)| *end <= offset);
            offset + before.checked_sub(1).map_or(0, |i| added[i].1)
        };
        let mut text = String::with_capacity(self.text.len() + total);
        for raw in self.text.split_inclusive('\n') {
            let content = raw.strip_suffix('\n').unwrap_or(raw);
            let content = content.strip_suffix('\r').unwrap_or(content);
            sanitize::controls_into(&mut text, content, Keep::TAB);
            text.push_str(&raw[content.len()..]);
        }
        Excerpt {
            text: Cow::Owned(text),
            first_line: self.first_line,
            spans: self
                .spans
                .iter()
                .map(|r| moved(r.start)..moved(r.end))
                .collect(),
        }
    }

    /// The snippet for the renderer, with its path (control characters shown) and the marks'
    /// labels.
    fn snippet(self, path: Cow<'s, str>, marks: &[Mark<'s>]) -> Snippet<'s, Annotation<'s>> {
        let annotations = marks.iter().zip(self.spans).map(|(mark, span)| {
            let annotation = mark.kind.span(span);
            match mark.label {
                Some(label) => annotation.label(controls(label, Keep::LAYOUT)),
                None => annotation,
            }
        });
        Snippet::source(self.text)
            .path(path)
            .line_start(self.first_line)
            .annotations(annotations)
    }

    /// The 1-based line and column (in characters) where the mark `index` starts, as the
    /// renderer counts them in this text for the location line.
    fn place(&self, index: usize) -> Option<(usize, usize)> {
        let start = self.spans.get(index)?.start;
        let before = self.text.get(..start)?;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Some((
            self.first_line + before.matches('\n').count(),
            before[line_start..].chars().count() + 1,
        ))
    }
}

/// One line of a source: its byte offset, its text without the line end, and its length with
/// the line end (`\n` or `\r\n`).
#[derive(Clone, Copy)]
struct Line<'s> {
    start: usize,
    text: &'s str,
    len: usize,
}

/// The lines of a source, found once: where each starts. A source that ends with a line end
/// has one more, empty, line after it: the place of "end of file".
struct Lines<'s> {
    source: &'s str,
    starts: Vec<usize>,
}

impl<'s> Lines<'s> {
    fn new(source: &'s str) -> Lines<'s> {
        let mut starts = Vec::new();
        let mut start = 0;
        for raw in source.split_inclusive('\n') {
            starts.push(start);
            start += raw.len();
        }
        if source.ends_with('\n') {
            starts.push(source.len());
        }
        Lines { source, starts }
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    /// The line at the 0-based `index` (below `len`).
    fn get(&self, index: usize) -> Line<'s> {
        let start = self.starts[index];
        let end = self
            .starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.source.len());
        let raw = &self.source[start..end];
        let text = raw.strip_suffix('\n').unwrap_or(raw);
        let text = text.strip_suffix('\r').unwrap_or(text);
        Line {
            start,
            text,
            len: raw.len(),
        }
    }
}

/// Byte offset of the 1-based `line`:`col` (in characters), clamped to the source: a line past
/// the end is the last line, a column past the end of its line is the end of the line (before
/// its line end). Returns the index of the line in `lines` too. `lines` is not empty.
fn offset(lines: &Lines<'_>, line: u32, col: u32) -> (usize, usize) {
    let index = (line as usize).saturating_sub(1).min(lines.len() - 1);
    let l = lines.get(index);
    let col = (col as usize).saturating_sub(1);
    let within = if line as usize > lines.len() {
        l.text.len()
    } else {
        l.text
            .char_indices()
            .nth(col)
            .map_or(l.text.len(), |(i, _)| i)
    };
    (index, l.start + within)
}

/// The lines the marks cover and their byte ranges; `None` for an empty source or no marks.
/// Never panics, whatever the positions: each range lies within the excerpt, on character
/// boundaries, and ends no earlier than it starts.
fn excerpt<'s>(lines: &Lines<'s>, marks: &[Mark<'_>]) -> Option<Excerpt<'s>> {
    if lines.len() == 0 || marks.is_empty() {
        return None;
    }
    let mut first = usize::MAX;
    let mut last = 0;
    let mut ranges = Vec::with_capacity(marks.len());
    for m in marks {
        let (start_line, start) = offset(lines, m.pos.line, m.pos.col);
        let (mut end_line, mut end) = offset(lines, m.pos.end_line, m.pos.end_col);
        if end < start {
            (end_line, end) = (start_line, start);
        }
        // A stretch that ends at the start of a line ends with the line before it: that line
        // is the last one to show.
        if end_line > start_line && end == lines.get(end_line).start {
            end_line -= 1;
        }
        first = first.min(start_line);
        last = last.max(end_line);
        ranges.push(start..end);
    }
    let from = lines.get(first).start;
    let last = lines.get(last);
    let to = last.start + last.len;
    let text = lines.source.get(from..to)?;
    Some(Excerpt {
        text: Cow::Borrowed(text),
        first_line: first + 1,
        spans: ranges
            .into_iter()
            .map(|r| r.start - from..r.end.min(to) - from)
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::Summary;
    use crate::rule_id::RuleId;

    fn diagnostic(file: &str, pos: Pos, message: &str) -> Diagnostic {
        let mut d = Diagnostic::new(RuleId::InvalidValue, pos, message);
        d.file = file.to_string();
        d
    }

    /// The plain output for `diagnostics`, with the sources of `files` (path, text).
    fn emit(diagnostics: &[Diagnostic], files: &[(&'static str, &'static str)]) -> String {
        let source = |file: &str| files.iter().find(|(f, _)| *f == file).map(|(_, s)| *s);
        let mut names: Vec<&str> = files.iter().map(|(f, _)| *f).collect();
        names.extend(diagnostics.iter().map(|d| d.file.as_str()));
        names.sort_unstable();
        names.dedup();
        let report = Report {
            diagnostics,
            summary: Summary::of(diagnostics, names.len()),
            checked: &names,
            source: &source,
            color: false,
        };
        let mut out = String::new();
        Human.emit(&report, &mut out);
        out
    }

    #[test]
    fn multibyte_characters_before_and_in_the_token() {
        let d = diagnostic(
            "cases/a.yaml",
            Pos::new(2, 7, 4),
            "`söka` är inte ett giltigt värde",
        )
        .hint("skriv `sökt`");
        let out = emit(&[d], &[("cases/a.yaml", "id: å\nspår: söka\n")]);
        assert_eq!(
            out,
            "\
fel[invalid-value]: `söka` är inte ett giltigt värde
 --> cases/a.yaml:2:7
  |
2 | spår: söka
  |       ^^^^
  |
  = tips: skriv `sökt`

1 fel, 0 varningar i 1 av 1 ärende
"
        );
    }

    #[test]
    fn crlf_line_ends_are_not_shown_or_underlined() {
        let mut d = diagnostic("a.yaml", Pos::new(2, 6, 20), "för lång");
        d.severity = Severity::Warning;
        let out = emit(&[d], &[("a.yaml", "id: 1\r\natc: TBD\r\nx: y\r\n")]);
        assert_eq!(
            out,
            "\
varning[invalid-value]: för lång
 --> a.yaml:2:6
  |
2 | atc: TBD
  |      ^^^

0 fel, 1 varning i 1 av 1 ärende
"
        );
    }

    #[test]
    fn a_position_past_the_end_of_the_line_or_file_is_clamped() {
        let past_line = diagnostic("a.yaml", Pos::new(1, 40, 3), "efter radens slut");
        let past_file = diagnostic("a.yaml", Pos::new(9, 3, 1), "efter filens slut");
        let out = emit(&[past_line, past_file], &[("a.yaml", "id: 1\nå: ä")]);
        assert_eq!(
            out,
            "\
fel[invalid-value]: efter radens slut
 --> a.yaml:1:6
  |
1 | id: 1
  |      ^

fel[invalid-value]: efter filens slut
 --> a.yaml:2:5
  |
2 | å: ä
  |     ^

2 fel, 0 varningar i 1 av 1 ärende
"
        );
    }

    #[test]
    fn the_end_of_a_file_with_a_final_line_end_is_the_empty_line_after_it() {
        let d = diagnostic("a.yaml", Pos::new(3, 1, 1), "oväntat slut på filen");
        let out = emit(&[d], &[("a.yaml", "a: [1,\nb: 2\n")]);
        assert_eq!(
            out,
            "\
fel[invalid-value]: oväntat slut på filen
 --> a.yaml:3:1
  |
3 |
  | ^

1 fel, 0 varningar i 1 av 1 ärende
"
        );
    }

    #[test]
    fn a_stretch_over_several_lines() {
        let pos = Pos {
            line: 2,
            col: 3,
            end_line: 4,
            end_col: 11,
        };
        let d = diagnostic("a.yaml", pos, "ofullständig");
        let source = "regionalt:\n  beslut:\n    datum: x\n    av: nån\nslut: 1\n";
        let out = emit(&[d], &[("a.yaml", source)]);
        assert_eq!(
            out,
            "\
fel[invalid-value]: ofullständig
 --> a.yaml:2:3
  |
2 | /   beslut:
3 | |     datum: x
4 | |     av: nån
  | |__________^

1 fel, 0 varningar i 1 av 1 ärende
"
        );
    }

    #[test]
    fn a_missing_or_empty_source_shows_the_location_only() {
        let unreadable = diagnostic("a.yaml", Pos::new(3, 2, 1), "filen kan inte läsas")
            .hint("kontrollera behörigheterna");
        let empty = diagnostic("b.yaml", Pos::start(), "filen är tom");
        let out = emit(&[unreadable, empty], &[("b.yaml", "")]);
        assert_eq!(
            out,
            "\
fel[invalid-value]: filen kan inte läsas
--> a.yaml:3:2
 = tips: kontrollera behörigheterna

fel[invalid-value]: filen är tom
--> b.yaml:1:1

2 fel, 0 varningar i 2 av 2 ärenden
"
        );
    }

    #[test]
    fn a_related_place_in_another_file() {
        let d = diagnostic(
            "cases/b.yaml",
            Pos::new(1, 5, 8),
            "id `2026-001` finns redan",
        )
        .hint("ge ärendet ett eget id")
        .related("cases/a.yaml", Pos::new(2, 5, 8), "samma id här")
        .related("cases/gone.yaml", Pos::new(1, 5, 8), "och här");
        let out = emit(
            &[d],
            &[
                ("cases/a.yaml", "# a\nid: 2026-001\n"),
                ("cases/b.yaml", "id: 2026-001\n"),
            ],
        );
        assert_eq!(
            out,
            "\
fel[invalid-value]: id `2026-001` finns redan
 --> cases/b.yaml:1:5
  |
1 | id: 2026-001
  |     ^^^^^^^^
  |
 ::: cases/a.yaml:2:5
  |
2 | id: 2026-001
  |     -------- samma id här
  |
  = tips: ge ärendet ett eget id
  = se även: cases/gone.yaml:1:5: och här

1 fel, 0 varningar i 1 av 2 ärenden
"
        );
    }

    #[test]
    fn tabs_and_degenerate_positions_do_not_panic() {
        let source = "a:\tb\r\n\tå\n";
        for pos in [
            Pos::default(),
            Pos::new(0, 0, 0),
            Pos::new(2, 1, 9),
            Pos::new(u32::MAX, u32::MAX, 1),
            Pos {
                line: 2,
                col: 3,
                end_line: 1,
                end_col: 1,
            },
            Pos {
                line: 1,
                col: 1,
                end_line: u32::MAX,
                end_col: u32::MAX,
            },
        ] {
            let d = diagnostic("a.yaml", pos, "x");
            let out = emit(&[d], &[("a.yaml", source)]);
            assert!(
                out.starts_with("fel[invalid-value]: x\n --> a.yaml:"),
                "{out}"
            );
            assert!(out.contains("\n  |\n"), "a snippet: {out}");
        }
    }

    #[test]
    fn every_small_position_in_awkward_sources_renders() {
        let sources = ["x", "\n", "å\r\n\r\nä", "a:\tö\n\tb: 1\r\n", "ab\ncd\n\n"];
        for source in sources {
            let mut diagnostics = Vec::new();
            for line in 0..5 {
                for col in 0..6 {
                    for end_line in 0..5 {
                        for end_col in 0..6 {
                            let pos = Pos {
                                line,
                                col,
                                end_line,
                                end_col,
                            };
                            diagnostics.push(diagnostic("a.yaml", pos, "x"));
                        }
                    }
                }
            }
            let out = emit(&diagnostics, &[("a.yaml", source)]);
            assert_eq!(
                out.matches("fel[invalid-value]: x\n --> a.yaml:").count(),
                900
            );
        }
    }

    #[test]
    fn each_line_of_a_quoted_file_is_indexed_once_however_many_findings_quote_it() {
        // A finding on every line of a long file, each also pointing into a short one; then a
        // finding in the short file itself. Reading the lines from the start of the file for
        // each finding (as this format once did) reads about n²/2 lines here.
        let n = 2000;
        let long: String = (1..=n).map(|i| format!("nyckel_{i}: värde\n")).collect();
        let short = "id: 1\nspår: x\nslut: 1\n";
        let mut diagnostics: Vec<Diagnostic> = (1..=n)
            .map(|i| {
                diagnostic("a.yaml", Pos::new(i, 1, 6), "okänd nyckel").related(
                    "b.yaml",
                    Pos::new(2, 1, 4),
                    "här",
                )
            })
            .collect();
        diagnostics.push(diagnostic("b.yaml", Pos::new(3, 1, 4), "fel"));
        let source = |file: &str| match file {
            "a.yaml" => Some(long.as_str()),
            "b.yaml" => Some(short),
            _ => None,
        };
        let report = Report {
            diagnostics: &diagnostics,
            summary: Summary::of(&diagnostics, 2),
            checked: &[],
            source: &source,
            color: false,
        };
        let mut out = String::new();
        let indexed = write_findings(&Renderer::plain(), &report, &mut out);
        // The lines of each file and the empty line after its last line end: the long file
        // once, the short one once with the long file's findings and once with its own.
        let lines = |s: &str| s.lines().count() + 1;
        assert_eq!(indexed, lines(&long) + 2 * lines(short));
        // And every finding still quotes its own line.
        for i in [1, 2, n / 2, n - 1, n] {
            assert!(
                out.contains(&format!(" --> a.yaml:{i}:1\n"))
                    && out.contains(&format!("{i} | nyckel_{i}: värde\n")),
                "line {i}"
            );
        }
        assert_eq!(out.matches("2 | spår: x\n").count(), n as usize);
        assert!(out.contains(" --> b.yaml:3:1\n"));
    }

    #[test]
    fn colour_only_when_asked() {
        let d = diagnostic("a.yaml", Pos::new(1, 1, 2), "x");
        let source = |_: &str| Some("id: 1\n");
        let diagnostics = [d];
        let mut report = Report {
            diagnostics: &diagnostics,
            summary: Summary::of(&diagnostics, 1),
            checked: &[],
            source: &source,
            color: true,
        };
        let mut out = String::new();
        Human.emit(&report, &mut out);
        assert!(out.contains("\x1b["));
        report.color = false;
        out.clear();
        Human.emit(&report, &mut out);
        assert!(!out.contains("\x1b["));
    }

    #[test]
    fn control_characters_are_shown_as_escapes_and_the_column_stays() {
        let mut d = diagnostic(
            "cases/a\u{1b}[2J.yaml",
            Pos::new(2, 18, 4),
            "`x\u{1b}]52;c;aGk=\u{7}` är fel",
        )
        .hint("inte \u{9b}31m")
        .related("cases/a\u{1b}[2J.yaml", Pos::new(1, 5, 1), "här \u{202e}");
        d.file = "cases/a\u{1b}[2J.yaml".into();
        let source = "id: \u{7}1\r\nindikation: \u{1b}[2J söka\r\n";
        let out = emit(&[d.clone()], &[("cases/a\u{1b}[2J.yaml", source)]);
        assert_eq!(
            out,
            "\
fel[invalid-value]: `x\\u{1b}]52;c;aGk=\\u{7}` är fel
 --> cases/a\\u{1b}[2J.yaml:2:18
  |
1 | id: \\u{7}1
  |     ----- här \\u{202e}
2 | indikation: \\u{1b}[2J söka
  |                       ^^^^
  |
  = tips: inte \\u{9b}31m

1 fel, 0 varningar i 1 av 1 ärende
"
        );
        // In colour too, only the renderer's own escapes reach the terminal.
        let source_of = |_: &str| Some(source);
        let report = Report {
            diagnostics: std::slice::from_ref(&d),
            summary: Summary::of(std::slice::from_ref(&d), 1),
            checked: &[],
            source: &source_of,
            color: true,
        };
        let mut out = String::new();
        Human.emit(&report, &mut out);
        let stripped: String = out
            .split('\u{1b}')
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part
                } else {
                    part.split_once('m').map_or(part, |(_, rest)| rest)
                }
            })
            .collect();
        assert!(
            !stripped.contains(['\u{7}', '\u{9b}', '\u{202e}']),
            "{out:?}"
        );
        assert!(stripped.contains("\\u{1b}[2J söka"), "{stripped}");
    }
}
