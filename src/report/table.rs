//! The terminal format: the report's sections as comfy-table tables that fit 100 columns, and
//! the status lines as one table, one line per case. Every text passes `clean` first.

use super::view::{self, Drawn};
use super::{CONFIDENTIAL_NOTICE, Report, Status};
use crate::text::sanitize::{self, Keep};
use comfy_table::{
    Cell, CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle, Width,
    presets,
};
use std::io::{self, Write};

/// The width every table fits in.
pub const WIDTH: u16 = 100;

/// Control characters (an escape sequence typed into a case) never reach the terminal: they
/// are shown as visible escapes (`text::sanitize`), a tab too, which would break the columns.
/// Line breaks stay: a cell may have several lines.
fn clean(s: &str) -> String {
    sanitize::controls(s, Keep::NEWLINE).into_owned()
}

/// An amount is never broken over two lines of a cell: the spaces between its digits, and
/// before `kr`, become non-breaking (the Swedish thousands separator).
fn keep_amounts(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, c) in chars.iter().enumerate() {
        let after_digit = i > 0 && chars[i - 1].is_ascii_digit();
        let next = chars.get(i + 1).copied();
        let before_amount = next.is_some_and(|n| n.is_ascii_digit())
            || (next == Some('k') && chars.get(i + 2) == Some(&'r'));
        if *c == ' ' && after_digit && before_amount {
            out.push('\u{a0}');
        } else {
            out.push(*c);
        }
    }
    out
}

fn new_table(headers: &[String]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(WIDTH)
        .set_header(
            headers
                .iter()
                .map(|h| Cell::new(clean(h)))
                .collect::<Vec<_>>(),
        );
    t
}

fn align(t: &mut Table, right: &[usize]) {
    for i in right {
        if let Some(c) = t.column_mut(*i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
}

fn width(s: &str) -> usize {
    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

fn draw(table: &view::Table) -> String {
    let mut t = new_table(&table.headers);
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(|c| keep_amounts(&clean(c))).collect())
        .collect();
    for row in &rows {
        t.add_row(row.iter().map(Cell::new).collect::<Vec<_>>());
    }
    align(&mut t, &table.right);
    // No word is broken inside (ids, amounts, long Swedish words) while the table still fits:
    // each column is at least as wide as its longest word, the widest given up first.
    let columns = table.headers.len();
    let longest_word = |s: &str| {
        s.split([' ', '\n'])
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    };
    let mut bounds: Vec<usize> = (0..columns)
        .map(|i| {
            let cells = rows.iter().filter_map(|r| r.get(i));
            let word = |c: &String| {
                if table.right.contains(&i) {
                    width(c)
                } else {
                    longest_word(c)
                }
            };
            let header = table.headers.get(i).map_or(0, |h| longest_word(h));
            cells.map(word).max().unwrap_or(0).max(header).min(24)
        })
        .collect();
    // Each column also takes two spaces of padding and one border.
    let room = usize::from(WIDTH).saturating_sub(1 + 3 * columns);
    // Ids and amounts keep their width; the widest text column gives way first.
    let fixed = |i: usize| i == 0 || table.right.contains(&i);
    while bounds.iter().sum::<usize>() > room {
        let Some((_, widest)) = bounds
            .iter_mut()
            .enumerate()
            .filter(|(i, w)| !fixed(*i) && **w > 6)
            .max_by_key(|(i, w)| (**w, usize::MAX - i))
        else {
            break;
        };
        *widest -= 1;
    }
    for (i, w) in bounds.into_iter().enumerate() {
        if let (Some(c), Ok(w)) = (t.column_mut(i), u16::try_from(w + 2)) {
            c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
        }
    }
    t.to_string()
}

fn section(s: &Drawn, out: &mut String) {
    let count = if s.is_empty() {
        String::new()
    } else {
        format!(" ({})", s.count)
    };
    out.push_str(&format!("\n{}. {}{count}\n", s.number, clean(&s.title)));
    if s.is_empty() {
        out.push_str(&crate::text::wrap(&clean(&s.empty), usize::from(WIDTH)));
        out.push('\n');
        return;
    }
    out.push_str(&crate::text::wrap(&clean(&s.intro), usize::from(WIDTH)));
    out.push('\n');
    for table in &s.tables {
        if let Some(caption) = &table.caption {
            if table.rows.is_empty() {
                let line = format!(
                    "{}: {}",
                    clean(caption),
                    crate::text::lower_first(&clean(&table.empty))
                );
                out.push_str(&crate::text::wrap(&line, usize::from(WIDTH)));
                out.push('\n');
                continue;
            }
            out.push_str(&format!("{}:\n", clean(caption)));
        }
        out.push_str(&draw(table));
        out.push('\n');
    }
    for note in &s.notes {
        out.push_str(&crate::text::wrap(&clean(note), usize::from(WIDTH)));
        out.push('\n');
    }
}

/// The terminal format of `report` and `status`: plain text with tables.
pub struct Plain;

impl super::Writer for Plain {
    fn report(&self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        write(r, out)
    }

    fn status(&self, s: &Status, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(status(s).as_bytes())
    }
}

/// Writes the report for the terminal to `out`, the sections one by one (`view::write`).
fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut head = String::new();
    if r.header.confidential {
        head.push_str(CONFIDENTIAL_NOTICE);
        head.push_str("\n\n");
    }
    let (title, lines) = view::head(&r.header);
    let title = clean(&title);
    head.push_str(&format!("{title}\n{}\n", "=".repeat(title.chars().count())));
    for line in lines {
        head.push_str(&clean(&line));
        head.push('\n');
    }
    out.write_all(head.as_bytes())?;
    view::write(r, out, section)
}

/// A rule under the header, nothing else: one case per line, easy to read and to grep.
const STATUS_STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'));

/// The part of a responsible before the comma: `Karin Ek, läkemedelsstrateg` → `Karin Ek`.
fn short_name(s: &str) -> &str {
    s.split(',').next().unwrap_or(s).trim()
}

/// Cuts a text to `max` characters, marking the cut.
fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The status lines for the terminal: one line per case (long texts cut; `--format csv` and
/// `json` have them whole).
fn status(s: &Status) -> String {
    let mut out = String::new();
    if s.confidential {
        out.push_str(CONFIDENTIAL_NOTICE);
        out.push('\n');
    }
    if !s.filters.is_empty() {
        out.push_str(&format!("Urval: {}\n", clean(&s.filters.join("; "))));
    }
    let mut headers = vec![
        "Ärende",
        "Läkemedel/produkt: indikation",
        "Fas",
        "Nästa steg",
        "Ansvarig",
        "Dagar",
        "Fel",
        "Varn.",
    ];
    if s.confidential {
        headers.push("Pris efter rabatt");
    }
    let mut t = Table::new();
    t.load_style(STATUS_STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(headers);
    for c in &s.cases {
        // A guideline is named by its title, which is its `indikation`: said once.
        let what = match (c.case.name.is_empty(), c.case.indication.is_empty()) {
            (false, false) if c.case.name != c.case.indication => {
                format!("{}: {}", c.case.name, c.case.indication)
            }
            (false, true) => c.case.name.clone(),
            _ => c.case.indication.clone(),
        };
        let mut cells = vec![
            c.case.id.clone(),
            fit(&what, 40),
            c.phase_label.to_string(),
            fit(c.next_step.as_deref().unwrap_or("–"), 30),
            fit(short_name(c.responsible.as_deref().unwrap_or("–")), 20),
            c.days_in_phase.map_or("–".into(), |d| d.to_string()),
            c.errors.to_string(),
            c.warnings.to_string(),
        ];
        if s.confidential {
            cells.push(
                c.price_after_discount
                    .map_or("–".into(), crate::text::kronor),
            );
        }
        t.add_row(
            cells
                .iter()
                .map(|x| Cell::new(clean(x).replace('\n', " ")))
                .collect::<Vec<_>>(),
        );
    }
    align(&mut t, &[5, 6, 7, 8]);
    for line in t.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let errors: usize = s.cases.iter().map(|c| c.errors).sum();
    let warnings: usize = s.cases.iter().map(|c| c.warnings).sum();
    out.push_str(&format!(
        "{} {} · {errors} fel · {warnings} {} · Dagar: sedan det senast gjorda steget\n",
        s.cases.len(),
        crate::text::plural(s.cases.len(), "ärende", "ärenden"),
        crate::text::plural(warnings, "varning", "varningar"),
    ));
    out
}
