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

/// The widest line of a text, in characters.
fn widest_line(s: &str) -> usize {
    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// Writes the table drawn for a terminal `width` columns wide to `out`, every cell in a box,
/// each line without trailing spaces. Columns are narrowed, the widest first, until the table
/// fits, and words wrapped whole; a word is broken only when the table cannot fit otherwise,
/// and never one that holds a digit (an id, a date, an amount): a table that cannot fit stays
/// wider than `width`. Each line is written as comfy-table gives it, and the cells' texts are
/// let go once comfy-table holds its own (32 MB less at the peak of a report on 100 000
/// cases, whose budget table has 40 000 rows).
pub fn terminal(out: &mut dyn Write, table: &Table, width: u16) -> io::Result<()> {
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(|c| keep_amounts(&clean(c))).collect())
        .collect();
    let columns = rows
        .iter()
        .map(Vec::len)
        .fold(table.headers.len(), usize::max);
    let cells = |i: usize| {
        rows.iter()
            .filter_map(move |r| r.get(i))
            .chain(table.headers.get(i))
    };
    // What a column needs: its longest word (a right-aligned column its widest line), at most
    // 24. What it gives up last: its longest word. What it never gives up: its longest word
    // with a digit in it (an id, a date, an amount; in an id column its widest line), and six
    // characters.
    let mut bounds = Vec::with_capacity(columns);
    let mut words_whole = Vec::with_capacity(columns);
    let mut floors = Vec::with_capacity(columns);
    for i in 0..columns {
        let right = table.right.contains(&i);
        // An id column's lines count as its words: the column is as wide as its widest
        // line, so that no line of it is broken.
        let breaks: &[char] = if table.ids.contains(&i) {
            &['\n']
        } else {
            &[' ', '\n']
        };
        let longest = |keep: &dyn Fn(&str) -> bool| {
            cells(i)
                .flat_map(|c| c.split(breaks))
                .filter(|w| right || keep(w))
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0)
        };
        let word = longest(&|_| true);
        let unbreakable = longest(&|w| w.chars().any(|c| c.is_ascii_digit()));
        let line = if right {
            cells(i).map(|c| widest_line(c)).max().unwrap_or(0)
        } else {
            word
        };
        bounds.push(line.min(24).max(unbreakable));
        words_whole.push(word.min(24).max(unbreakable));
        floors.push(unbreakable.max(6));
    }
    let mut t = comfy_table::Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(table.headers.iter().map(|h| Cell::new(clean(h))));
    for row in rows {
        t.add_row(row.into_iter().map(Cell::new));
    }
    for i in &table.right {
        if let Some(c) = t.column_mut(*i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    // Each column also takes two spaces of padding and one border. The widest column gives
    // way first: down to its longest word, then, if the table still does not fit, within
    // its words.
    let room = usize::from(width).saturating_sub(1 + 3 * columns);
    for floor in [&words_whole, &floors] {
        while bounds.iter().sum::<usize>() > room {
            let Some((_, widest)) = bounds
                .iter_mut()
                .enumerate()
                .filter(|(i, w)| **w > floor[*i])
                .max_by_key(|(i, w)| (**w, usize::MAX - i))
            else {
                break;
            };
            *widest -= 1;
        }
    }
    for (i, w) in bounds.into_iter().enumerate() {
        if let (Some(c), Ok(w)) = (t.column_mut(i), u16::try_from(w + 2)) {
            c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
        }
    }
    for line in t.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
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
