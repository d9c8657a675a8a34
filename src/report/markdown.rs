//! The Markdown format: the report as an annex to the agenda. The tables are drawn as
//! comfy-table's Markdown preset draws them (every column as wide as its widest cell, one
//! space either side), but straight into the text: comfy-table makes a string per cell and
//! line, which made the Markdown report cost more than the JSON one, five times as long.
//! Every text is escaped (`text::sanitize::markdown`, which the checklist uses too), so that a
//! case's text never becomes markup, HTML or a link, and reads as it is written.

use super::view::{self, Drawn};
use super::{CONFIDENTIAL_NOTICE, Report};
use crate::text::sanitize::{self, Newline};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// `s` escaped for Markdown: the one escaper of `text::sanitize`, a line break as `<br>`.
fn escape(s: &str) -> String {
    sanitize::markdown(s, Newline::Break)
}

/// How many columns a text takes on screen, as comfy-table measures it: ASCII text (the
/// usual case) one per byte, since escaping leaves no control characters in it.
fn width(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { s.width() }
}

/// Draws a table onto `out`: a header line, a line of dashes, a line per row; each cell
/// escaped and padded to its column's width (at least one), between `| ` and ` |`. A row
/// with fewer cells than the table has columns gets empty ones. A cell is never broken over
/// two lines (comfy-table would break one wider than 65 535 columns).
fn draw(out: &mut String, table: &view::Table) {
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
            let w = width(&text[start..]);
            if let Some(widest) = widths.get_mut(column) {
                *widest = w.max(*widest);
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
            out.extend(std::iter::repeat_n(' ', widest - w + 1));
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

fn section(s: &Drawn, out: &mut String) {
    let count = if s.is_empty() {
        String::new()
    } else {
        format!(" ({})", s.count)
    };
    out.push_str(&format!(
        "\n## {}. {}{count}\n\n",
        s.number,
        escape(&s.title)
    ));
    if s.is_empty() {
        out.push_str(&format!("{}\n", escape(&s.empty)));
        return;
    }
    out.push_str(&format!("*{}*\n", escape(&s.intro)));
    for table in &s.tables {
        if let Some(caption) = &table.caption {
            if table.rows.is_empty() {
                out.push_str(&format!(
                    "\n**{}:** {}\n",
                    escape(caption),
                    escape(&crate::text::lower_first(&table.empty))
                ));
                continue;
            }
            out.push_str(&format!("\n**{}**\n", escape(caption)));
        }
        out.push('\n');
        draw(out, table);
    }
    for note in &s.notes {
        out.push_str(&format!("\n{}\n", escape(note)));
    }
}

/// The Markdown format of `report`.
pub struct Markdown;

impl super::Writer for Markdown {
    fn report(&self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        write(r, out)
    }
}

/// Writes the report as Markdown to `out`, the sections one by one (`view::write`).
fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut head = String::new();
    if r.header.confidential {
        head.push_str(&format!("> **{}**\n\n", escape(CONFIDENTIAL_NOTICE)));
    }
    let (title, lines) = view::head(&r.header);
    head.push_str(&format!("# {}\n\n", escape(&title)));
    for line in lines {
        head.push_str(&format!("- {}\n", escape(&line)));
    }
    out.write_all(head.as_bytes())?;
    view::write(r, out, section)
}

#[cfg(test)]
mod tests {
    use super::{draw, escape};
    use crate::report::view;
    use comfy_table::{Cell, ContentArrangement, Table, presets};

    #[test]
    fn markup_in_case_text_stays_text() {
        assert_eq!(
            escape("<script>alert(\"x\")</script> & [a](b) | *c*"),
            "\\<script\\>alert(\"x\")\\</script\\> \\& \\[a\\](b) \\| \\*c\\*"
        );
        assert_eq!(escape("a\nb"), "a<br>b");
        assert_eq!(
            escape("a\u{1b}[31mb\u{85}c\u{7f}\r"),
            "a\\\\u{1b}\\[31mb\\\\u{85}c\\\\u{7f}\\\\u{d}"
        );
    }

    /// A table as comfy-table's Markdown preset draws it, as the report drew its tables
    /// before it drew them itself.
    fn drawn_by_comfy_table(table: &view::Table) -> String {
        let mut t = Table::new();
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
    fn tables_are_drawn_as_comfy_table_draws_them() {
        let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |below: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % below as u64) as usize
        };
        // None to three pieces.
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
            let table = view::Table {
                caption: None,
                headers,
                right: Vec::new(),
                rows,
                empty: String::new(),
            };
            let mut ours = String::new();
            draw(&mut ours, &table);
            assert_eq!(ours, drawn_by_comfy_table(&table), "{:?}", table.rows);
        }
    }
}
