//! Tables of text and the two writers that draw them: for a terminal (comfy-table, fitted to
//! a width without breaking a word that holds a digit: an id, a date, an amount, a count of
//! days; nor a line of a column that names cases, such as a diarienummer) and for
//! Markdown (columns padded to their widest cell, up to a bound). Every output that draws
//! tables (the report, the status list) draws them here.

use super::sanitize::{self, Keep, Newline};
use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, Width, presets};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// A table of plain text; each writer escapes it for its format.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// A sub-heading, when a section has several tables.
    pub caption: Option<String>,
    pub headers: Vec<String>,
    /// The columns aligned right (numbers and money).
    pub right: Vec<usize>,
    /// The columns that name cases (an id, a diarienummer such as `RS 2026/0412`): a line of
    /// them is never broken (in a terminal, the column is as wide as its widest line).
    pub ids: Vec<usize>,
    pub rows: Vec<Vec<String>>,
    /// The line shown instead of an empty table.
    pub empty: String,
}

/// The width of a terminal table when standard out is not a terminal.
pub const DEFAULT_WIDTH: u16 = 100;

/// How wide terminal output may be: on a terminal, `COLUMNS` when set, else what the terminal
/// says (at least 40); elsewhere `DEFAULT_WIDTH`.
pub fn width(terminal: bool) -> u16 {
    if !terminal {
        return DEFAULT_WIDTH;
    }
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| w.0));
    columns.map_or(DEFAULT_WIDTH, |c| c.max(40))
}

/// Text for the terminal: control characters (an escape sequence typed into a case) shown as
/// visible escapes (`sanitize`), a tab too, which would break the columns. Line breaks stay.
pub fn clean(s: &str) -> String {
    sanitize::controls(s, Keep::NEWLINE).into_owned()
}

/// An amount or a count of days is never broken over two lines of a cell: the spaces between
/// its digits (the Swedish thousands separator), and before `kr` or `dag`/`dagar`, become
/// non-breaking.
fn keep_amounts(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let unit = |from: usize, word: &str| {
        let n = word.chars().count();
        word.chars().eq(chars.iter().skip(from).take(n).copied())
            && chars.get(from + n).is_none_or(|c| !c.is_alphanumeric())
    };
    for (i, c) in chars.iter().enumerate() {
        let after_digit = i > 0 && chars[i - 1].is_ascii_digit();
        let next = chars.get(i + 1).copied();
        let before_amount = next.is_some_and(|n| n.is_ascii_digit())
            || ["kr", "dag", "dagar"].iter().any(|w| unit(i + 1, w));
        if *c == ' ' && after_digit && before_amount {
            out.push('\u{a0}');
        } else {
            out.push(*c);
        }
    }
    out
}

/// The widest line of a text, in terminal columns.
fn widest_line(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// How many rows comfy-table is given at a time: a long table (the budget of 100 000 cases
/// has 40 000 rows) is drawn in parts of this many rows, each with the widths fitted to the
/// whole table, and joined into one (comfy-table holds every cell, its lines and the drawn
/// lines of what it is given: about 150 MB for that budget drawn whole).
const PART: usize = 256;

/// A cell's text as a terminal table shows it: `clean`, and amounts kept whole.
fn terminal_cell(s: &str) -> String {
    keep_amounts(&clean(s))
}

/// What a column of a terminal table needs, measured over its header and every row.
#[derive(Clone, Copy)]
struct Needs {
    /// The widest line.
    line: usize,
    /// The narrowest it gives way to while another column is wider: its longest word (an id
    /// column's widest line: its lines are never broken), at most 24, and never less than
    /// `floor`.
    words: usize,
    /// The narrowest it ever becomes: its longest word that holds a digit (an id, a date, an
    /// amount; in a right-aligned column, any word), and six.
    floor: usize,
}

/// The content width of each column of `table` drawn `width` columns wide, in the manner of
/// comfy-table's dynamic arrangement, over the whole table: each column as wide as its
/// widest line; while the table is too wide, the widest column gives way, first down to its
/// longest word and then within its words (`level`). Of the columns that then wrap, the one
/// whose wrapped lines leave the most room unused is made as narrow as they are, the room goes
/// to the others, and again, until no wrapped column can be narrowed. A table that cannot fit
/// stays wider than `width`.
fn fit(table: &Table, width: u16) -> Vec<usize> {
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .fold(table.headers.len(), usize::max);
    // A column's cells as drawn, the header first: made again for each use rather than held
    // (a long table would be held once more).
    let cells = |i: usize| {
        let header = table.headers.get(i).map(|h| clean(h));
        let rows = table.rows.iter().filter_map(move |r| r.get(i));
        header.into_iter().chain(rows.map(|c| terminal_cell(c)))
    };
    let needs: Vec<Needs> = (0..columns)
        .map(|i| {
            let right = table.right.contains(&i);
            let breaks: &[char] = if table.ids.contains(&i) {
                &['\n']
            } else {
                &[' ', '\n']
            };
            let (mut line, mut word, mut unbreakable) = (0, 0, 0);
            for cell in cells(i) {
                line = line.max(widest_line(&cell));
                for w in cell.split(breaks) {
                    word = word.max(w.width());
                    if right || w.chars().any(|c| c.is_ascii_digit()) {
                        unbreakable = unbreakable.max(w.width());
                    }
                }
            }
            Needs {
                line,
                words: word.min(24).max(unbreakable),
                floor: unbreakable.max(6),
            }
        })
        .collect();
    // Each column also takes two spaces of padding and one border.
    let room = usize::from(width).saturating_sub(1 + 3 * columns);
    let mut settled: Vec<Option<usize>> = vec![None; columns];
    loop {
        let widths = level(&needs, &settled, room);
        let narrowed = (0..columns)
            .filter(|&i| settled[i].is_none() && widths[i] < needs[i].line)
            .map(|i| {
                let wrapped = cells(i).map(|c| wrapped_width(&c, widths[i])).max();
                (i, wrapped.unwrap_or(0))
            })
            .filter(|&(i, wrapped)| wrapped < widths[i])
            .max_by_key(|&(i, wrapped)| (widths[i] - wrapped, usize::MAX - i));
        match narrowed {
            Some((i, wrapped)) => settled[i] = Some(wrapped),
            None => return widths,
        }
    }
}

/// The columns' widths within `room`: each settled column as settled; the others as wide as
/// their widest line, then, while the sum is over `room`, the widest of them narrowed by one
/// (the first of equals), down to its `words`, and then down to its `floor`.
fn level(needs: &[Needs], settled: &[Option<usize>], room: usize) -> Vec<usize> {
    let mut widths: Vec<usize> = needs
        .iter()
        .zip(settled)
        .map(|(n, s)| s.unwrap_or(n.line))
        .collect();
    for floor in [|n: &Needs| n.words, |n: &Needs| n.floor] {
        while widths.iter().sum::<usize>() > room {
            let Some((_, widest)) = widths
                .iter_mut()
                .enumerate()
                .filter(|(i, w)| settled[*i].is_none() && **w > floor(&needs[*i]))
                .max_by_key(|(i, w)| (**w, usize::MAX - i))
            else {
                break;
            };
            *widest -= 1;
        }
    }
    widths
}

/// The widest line of `cell` wrapped at its spaces to `width` columns, as comfy-table wraps
/// it (a word wider than `width` is broken and fills the width).
fn wrapped_width(cell: &str, width: usize) -> usize {
    let mut widest = 0;
    for line in cell.lines() {
        let mut current = 0;
        for word in line.split(' ').map(UnicodeWidthStr::width) {
            if current > 0 && current + 1 + word <= width {
                current += 1 + word;
            } else {
                widest = widest.max(current);
                current = word;
            }
        }
        widest = widest.max(current);
    }
    widest.min(width)
}

/// Writes the table drawn for a terminal `width` columns wide to `out`, every cell in a box,
/// each line without trailing spaces, the columns as `fit` makes them: words wrapped whole
/// where they fit, broken only when the table cannot fit otherwise, and never one that holds
/// a digit. The rows are given to comfy-table `PART` at a time, and the parts joined.
pub fn terminal(out: &mut dyn Write, table: &Table, width: u16) -> io::Result<()> {
    let widths = fit(table, width);
    let mut parts = table.rows.chunks(PART).peekable();
    let mut first = true;
    loop {
        let rows = parts.next().unwrap_or_default();
        let last = parts.peek().is_none();
        let mut t = comfy_table::Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if first {
            t.set_header(table.headers.iter().map(|h| Cell::new(clean(h))));
        }
        // Every row as wide as the table, so that a part of short rows has every column.
        for row in rows {
            t.add_row(
                (0..widths.len())
                    .map(|i| Cell::new(row.get(i).map(|c| terminal_cell(c)).unwrap_or_default())),
            );
        }
        for (i, w) in widths.iter().enumerate() {
            if let (Some(c), Ok(w)) = (t.column_mut(i), u16::try_from(w + 2)) {
                c.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w)));
                if table.right.contains(&i) {
                    c.set_cell_alignment(CellAlignment::Right);
                }
            }
        }
        let lines: Vec<String> = t.lines().collect();
        // A part after the first continues the one before: without its top border; one
        // before the last without its bottom border.
        let from = usize::from(!first);
        let to = lines.len().saturating_sub(usize::from(!last));
        for line in lines.get(from..to).unwrap_or_default() {
            writeln!(out, "{}", line.trim_end())?;
        }
        if last {
            return Ok(());
        }
        first = false;
    }
}

/// A cell's text on one line, for the terminal.
fn one_line(s: &str) -> String {
    clean(s).replace('\n', " ")
}

/// Writes a table in the ruled style (a rule under the header, nothing else: the status list,
/// easy to read and to grep) to `out`, a line at a time, each row on one line: drawn
/// here rather than by comfy-table, which holds a cell object per cell. The rows are made by
/// `rows`, twice (once to measure the columns, once to write them), so that a long list (a
/// status list of 100 000 cases) is never held as cells. As comfy-table draws it: a space
/// either side of each cell and one between columns.
pub fn write_ruled<R: Iterator<Item = Vec<String>>>(
    out: &mut dyn Write,
    headers: &[String],
    right: &[usize],
    rows: impl Fn() -> R,
) -> io::Result<()> {
    let mut widths = vec![0; headers.len()];
    for row in std::iter::once(headers.to_vec()).chain(rows()) {
        if widths.len() < row.len() {
            widths.resize(row.len(), 0);
        }
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(one_line(cell).width());
        }
    }
    let mut line = String::new();
    for (n, row) in std::iter::once(headers.to_vec()).chain(rows()).enumerate() {
        line.clear();
        for (i, width) in widths.iter().enumerate() {
            let cell = row.get(i).map(|c| one_line(c)).unwrap_or_default();
            let pad = " ".repeat(width - cell.width());
            line.push_str(if i == 0 { " " } else { "   " });
            if right.contains(&i) {
                line.push_str(&pad);
                line.push_str(&cell);
            } else {
                line.push_str(&cell);
                line.push_str(&pad);
            }
        }
        writeln!(out, "{}", line.trim_end())?;
        if n == 0 {
            let total =
                widths.iter().map(|w| w + 2).sum::<usize>() + widths.len().saturating_sub(1);
            writeln!(out, "{}", "─".repeat(total))?;
        }
    }
    Ok(())
}

/// How wide a Markdown column is padded at most: a longer cell is written whole, unpadded, so
/// that one long cell does not widen every line of its table.
pub const MARKDOWN_PAD: usize = 60;

/// How many columns a text takes on screen, as comfy-table measures it: ASCII text (the
/// usual case) one per byte, since escaping leaves no control characters in it.
fn markdown_width(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { s.width() }
}

/// Draws a table as Markdown onto `out`: a header line, a line of dashes, a line per row; each
/// cell escaped (`sanitize::markdown`, a line break as `<br>`) and padded to its column's
/// width (at least one, at most `MARKDOWN_PAD`), between `| ` and ` |`. A row with fewer
/// cells than the table has columns gets empty ones. As comfy-table's Markdown preset draws
/// it, where no cell is wider than the bound.
pub fn markdown(out: &mut String, table: &Table) {
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .fold(table.headers.len(), usize::max);
    let lines = std::iter::once(&table.headers).chain(&table.rows);
    // Each cell escaped once, into one text, with where it ends and how wide it is.
    let mut text = String::new();
    let mut cells = Vec::with_capacity((table.rows.len() + 1) * columns);
    let mut widths = vec![1; columns];
    for line in lines {
        for column in 0..columns {
            let start = text.len();
            if let Some(cell) = line.get(column) {
                sanitize::markdown_into(&mut text, cell, Newline::Break);
            }
            let w = markdown_width(&text[start..]);
            if let Some(widest) = widths.get_mut(column) {
                *widest = w.min(MARKDOWN_PAD).max(*widest);
            }
            cells.push((text.len(), w));
        }
    }
    let mut cells = cells.into_iter();
    let mut start = 0;
    for n in 0..=table.rows.len() {
        out.push('|');
        for widest in &widths {
            let Some((end, w)) = cells.next() else { break };
            out.push(' ');
            out.push_str(&text[start..end]);
            out.extend(std::iter::repeat_n(' ', widest.saturating_sub(w) + 1));
            out.push('|');
            start = end;
        }
        out.push('\n');
        if n == 0 {
            out.push('|');
            for widest in &widths {
                out.extend(std::iter::repeat_n('-', widest + 2));
                out.push('|');
            }
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    /// The table drawn for a terminal `width` columns wide, as text.
    fn terminal(table: &Table, width: u16) -> String {
        let mut out = Vec::new();
        super::terminal(&mut out, table, width).expect("write to a Vec");
        String::from_utf8(out).expect("utf8")
    }

    use super::*;
    use comfy_table::{Cell, ContentArrangement, presets};

    fn escape(s: &str) -> String {
        sanitize::markdown(s, Newline::Break)
    }

    /// A table as comfy-table's Markdown preset draws it.
    fn drawn_by_comfy_table(table: &Table) -> String {
        let mut t = comfy_table::Table::new();
        t.load_style(presets::ASCII_MARKDOWN)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(table.headers.iter().map(|h| Cell::new(escape(h))));
        for row in &table.rows {
            t.add_row(row.iter().map(|c| Cell::new(escape(c))));
        }
        t.to_string() + "\n"
    }

    /// Texts of every kind a cell can hold: empty, ASCII, Swedish, wide (CJK, emoji), with
    /// combining or zero-width characters, line breaks, control characters (C0 and C1) and
    /// everything Markdown or HTML would read as markup.
    const PIECES: [&str; 16] = [
        "",
        "a",
        "Lars Ek",
        "Skåne läns landsting",
        "漢字",
        "👍",
        "e\u{301}",
        "a\u{200d}b",
        "\n",
        "\r\n",
        "\t",
        "\u{1b}[1m",
        "\u{85}\u{9f}\u{a0}",
        "<&>\"",
        "\\`*_[]|#!~",
        "12 000 kr",
    ];

    #[test]
    fn markdown_tables_are_drawn_as_comfy_table_draws_them() {
        let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |below: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % below as u64) as usize
        };
        // None to three pieces: never wider than the bound.
        let text = |next: &mut dyn FnMut(usize) -> usize| -> String {
            (0..next(4)).map(|_| PIECES[next(PIECES.len())]).collect()
        };
        for _ in 0..300 {
            let columns = 1 + next(5);
            let headers = (0..columns).map(|_| text(&mut next)).collect();
            // Some rows shorter than the header: they get empty cells.
            let rows = (0..next(6))
                .map(|_| {
                    (0..columns - next(2).min(columns - 1))
                        .map(|_| text(&mut next))
                        .collect()
                })
                .collect();
            let table = Table {
                headers,
                rows,
                ..Table::default()
            };
            let mut ours = String::new();
            markdown(&mut ours, &table);
            assert_eq!(ours, drawn_by_comfy_table(&table), "{:?}", table.rows);
        }
    }

    #[test]
    fn a_long_markdown_cell_widens_no_other_line() {
        let long = "x".repeat(10_000);
        let table = Table {
            headers: vec!["Fil".into(), "Fynd".into()],
            rows: vec![
                vec!["a".into(), long.clone()],
                vec!["b".into(), "kort".into()],
            ],
            ..Table::default()
        };
        let mut out = String::new();
        markdown(&mut out, &table);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[2], format!("| a   | {long} |"));
        assert_eq!(lines[3], format!("| b   | kort{} |", " ".repeat(56)));
        assert!(lines.iter().all(|l| l.len() < 100 || l.contains(&long)));
    }

    #[test]
    fn terminal_tables_fit_the_width_and_keep_ids_dates_and_amounts_whole() {
        let table = Table {
            headers: vec![
                "Ärende".into(),
                "Produkt".into(),
                "Indikation".into(),
                "Datum".into(),
                "Kostnad/år".into(),
            ],
            right: vec![4],
            rows: vec![vec![
                "2026-007".into(),
                "Lymfocel (lymfocelumab)".into(),
                "Kronisk lymfatisk leukemi efter minst två tidigare behandlingslinjer".into(),
                "2026-12-03".into(),
                "12 500 000 kr".into(),
            ]],
            ..Table::default()
        };
        for width in [60u16, 80, 100, 160] {
            let drawn = terminal(&table, width);
            let widest = drawn.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            assert!(widest <= usize::from(width), "{width}: {widest}\n{drawn}");
            for whole in ["2026-007", "2026-12-03", "12\u{a0}500\u{a0}000\u{a0}kr"] {
                assert!(drawn.contains(whole), "{width}: {whole}\n{drawn}");
            }
            // Where the words fit whole, they are wrapped whole; at 60 columns they cannot be.
            if width >= 80 {
                for word in ["behandlingslinjer", "(lymfocelumab)"] {
                    assert!(drawn.contains(word), "{width}: {word}\n{drawn}");
                }
            }
        }
        // Ruled: no box, a rule under the header, a row on one line.
        let mut ruled = Vec::new();
        write_ruled(&mut ruled, &table.headers, &table.right, || {
            table.rows.iter().cloned()
        })
        .expect("write to a Vec");
        let ruled = String::from_utf8(ruled).expect("utf8");
        assert!(!ruled.contains('│') && ruled.contains('─'), "{ruled}");
        assert_eq!(ruled.lines().count(), 3, "{ruled}");
    }

    #[test]
    fn a_long_terminal_table_drawn_in_parts_is_the_table_drawn_whole() {
        // Rows of different widths, some wrapped, across several parts and a short last one;
        // the rows of the last two parts without their last cell.
        let rows: Vec<Vec<String>> = (0..3 * PART + 5)
            .map(|n| {
                let mut row = vec![
                    format!("2026-{n:03}"),
                    "Läkemedel mot något ".repeat(1 + n % 7),
                    format!("{} kr", n * 1_000),
                ];
                row.truncate(if n < 2 * PART { 3 } else { 2 });
                row
            })
            .collect();
        let table = Table {
            headers: vec!["Ärende".into(), "Produkt".into(), "Kostnad".into()],
            right: vec![2],
            rows,
            ..Table::default()
        };
        let width = 80;
        let mut whole = comfy_table::Table::new();
        whole
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(table.headers.iter().map(Cell::new));
        for row in &table.rows {
            whole.add_row(row.iter().map(|c| Cell::new(terminal_cell(c))));
        }
        for (i, w) in fit(&table, width).into_iter().enumerate() {
            let c = whole.column_mut(i).expect("a column");
            c.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w as u16 + 2)));
            if i == 2 {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
        let expected: String = whole
            .lines()
            .map(|l| l.trim_end().to_string() + "\n")
            .collect();
        let drawn = terminal(&table, width);
        assert_eq!(drawn, expected);
        assert_eq!(drawn.lines().filter(|l| l.starts_with('┌')).count(), 1);
        assert!(drawn.lines().all(|l| l.chars().count() <= 80));
        // The product column was narrowed and wrapped at its words.
        assert!(drawn.lines().count() > table.rows.len() + 4);
    }

    #[test]
    fn a_diarienummer_under_an_id_and_a_count_of_days_stay_whole() {
        let table = Table {
            headers: vec!["Ärende".into(), "Produkt".into(), "Väntat i dag".into()],
            right: vec![2],
            ids: vec![0],
            rows: vec![vec![
                "2026-007\nRS 2026/0412".into(),
                "Lymfocel (lymfocelumab) mot diffust storcelligt B-cellslymfom".into(),
                "60 dagar".into(),
            ]],
            ..Table::default()
        };
        for width in [40u16, 60, 100] {
            let drawn = terminal(&table, width);
            let whole = ["│ 2026-007 ", "│ RS 2026/0412 ", "60\u{a0}dagar"];
            for line in whole {
                assert!(drawn.contains(line), "{width}: {line}\n{drawn}");
            }
        }
        // Without the column named as one of ids, the diarienummer would break at its space.
        let narrow = Table {
            ids: Vec::new(),
            ..table
        };
        let drawn = terminal(&narrow, 40);
        assert!(!drawn.contains("RS 2026/0412"), "{drawn}");
    }
}
