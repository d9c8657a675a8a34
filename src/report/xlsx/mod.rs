//! The workbook format (`--format xlsx`): the report for finance, as an Excel workbook built
//! with rust_xlsxwriter. A front sheet holds the report's head (region, committee, meeting,
//! the day it was made, the filters, the confidential notice when shown) and a table of
//! contents linked to the sheets; then one sheet per section in the report's order, one per
//! table where a section has several (`sheets`).
//!
//! Each sheet is a list under one header row, frozen and with a filter; amounts are numbers
//! shown `# ##0 "kr"` and counts `# ##0` (Excel's codes `#,##0 "kr"` and `#,##0`, which a
//! Swedish Excel shows with a space between the thousands), dates real dates shown
//! `åååå-mm-dd` (`yyyy-mm-dd`); each column as wide as its widest line (at most
//! `MAX_WIDTH` characters, longer text wrapped). The budget sheets end in a row of `SUM`
//! formulas over the amounts above, with the report's totals as their cached results.
//!
//! Case text is always a string cell (`write_string`), never a formula, whatever it starts
//! with; control characters are shown as visible escapes first (`text::sanitize::xml`), and a
//! text longer than a cell holds is cut with `…`. With `--visa-sekretess` the notice is the
//! front sheet's first line and the printed header of every sheet.
//!
//! The same report gives the same bytes: the workbook is dated the day the report was made,
//! and rust_xlsxwriter dates the files of its zip 1980-01-01. A workbook is one zip archive
//! written when complete: this writer holds the whole of it before it writes.

mod sheets;

use super::view;
use super::{CONFIDENTIAL_NOTICE, Header, Report, Section};
use crate::text::{grouped, kronor, sanitize};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Url, Workbook,
    Worksheet, XlsxError, utility,
};
use sheets::{Cell, Sheet};
use std::io::{self, Write};

/// The front sheet's name.
const FRONT: &str = "Rapport";

/// The widest a column is made, in characters; longer text is wrapped.
const MAX_WIDTH: usize = 60;

/// The most UTF-16 units a cell holds (Excel's limit).
const MAX_CELL: usize = 32_767;

const ACCENT: u32 = 0x1F4E79;
const WARNING: u32 = 0xA40000;
const HEADER_FILL: u32 = 0xE7EEF6;

/// The workbook format of `report`.
pub struct Xlsx;

impl super::Writer for Xlsx {
    fn report(&self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        let bytes = workbook(r).map_err(io::Error::other)?;
        out.write_all(&bytes)?;
        out.flush()
    }
}

/// The cell formats, made once.
struct Formats {
    header: Format,
    text: Format,
    wrapped: Format,
    date: Format,
    money: Format,
    count: Format,
    year: Format,
    decimal: Format,
    total_label: Format,
    total_money: Format,
    total_count: Format,
    title: Format,
    notice: Format,
    label: Format,
    link: Format,
}

impl Formats {
    fn new() -> Formats {
        let top = || Format::new().set_align(FormatAlign::Top);
        let total = |f: Format| f.set_bold().set_border_top(FormatBorder::Thin);
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_border_bottom(FormatBorder::Thin),
            text: top(),
            wrapped: top().set_text_wrap(),
            date: top().set_num_format("yyyy-mm-dd"),
            money: top().set_num_format("#,##0 \"kr\""),
            count: top().set_num_format("#,##0"),
            year: top().set_num_format("0"),
            decimal: top().set_num_format("#,##0.0"),
            total_label: total(Format::new()),
            total_money: total(Format::new().set_num_format("#,##0 \"kr\"")),
            total_count: total(Format::new().set_num_format("#,##0")),
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_font_color(Color::RGB(ACCENT)),
            notice: Format::new().set_bold().set_font_color(Color::RGB(WARNING)),
            label: Format::new().set_bold().set_align(FormatAlign::Top),
            link: Format::new()
                .set_align(FormatAlign::Top)
                .set_underline(rust_xlsxwriter::FormatUnderline::Single)
                .set_font_color(Color::RGB(0x0563C1)),
        }
    }
}

/// Text as a cell shows it: control characters as visible escapes, at most `MAX_CELL` units.
fn shown(s: &str) -> String {
    let s = sanitize::xml(s);
    if s.encode_utf16().count() <= MAX_CELL {
        return s.into_owned();
    }
    let mut out = String::new();
    let mut units = 0;
    for c in s.chars() {
        units += c.len_utf16();
        if units > MAX_CELL - 1 {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// An Excel date, or `None` for a day Excel cannot show (before 1900: its day 0,
/// 1899-12-31, it shows as `1900-01-00`).
fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok().filter(|y| *y >= 1900)?;
    let month = u8::try_from(d.month()).ok()?;
    let day = u8::try_from(d.day()).ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}

/// What the cell shows, as text: for the column's width.
fn display(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.clone(),
        Cell::Date(d) => d.to_string(),
        Cell::Money(m) => kronor(*m),
        Cell::Count(n) => {
            let sign = if *n < 0 { "-" } else { "" };
            format!("{sign}{}", grouped(n.unsigned_abs()))
        }
        Cell::Year(y) => y.to_string(),
        Cell::Decimal(x) => format!("{x:.1}"),
        Cell::Empty => String::new(),
    }
}

/// The width of a text in characters: its longest line.
fn width(s: &str) -> usize {
    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// Writes one cell.
fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(s) => {
            let s = shown(s);
            let format = if s.contains('\n') || width(&s) > MAX_WIDTH {
                &f.wrapped
            } else {
                &f.text
            };
            ws.write_string_with_format(row, col, s, format)?;
        }
        Cell::Date(d) => match excel_date(*d) {
            Some(date) => {
                ws.write_datetime_with_format(row, col, &date, &f.date)?;
            }
            None => {
                ws.write_string_with_format(row, col, d.to_string(), &f.text)?;
            }
        },
        // Exact as a double up to 2^53 kronor.
        Cell::Money(m) => {
            ws.write_number_with_format(row, col, *m as f64, &f.money)?;
        }
        Cell::Count(n) => {
            ws.write_number_with_format(row, col, *n as f64, &f.count)?;
        }
        Cell::Year(y) => {
            ws.write_number_with_format(row, col, f64::from(*y), &f.year)?;
        }
        Cell::Decimal(x) => {
            ws.write_number_with_format(row, col, *x, &f.decimal)?;
        }
        Cell::Empty => {}
    }
    Ok(())
}

/// The column widths in characters: each column's widest line, the header's with room for
/// the filter's button, at most `MAX_WIDTH`.
fn widths(sheet: &Sheet) -> Vec<usize> {
    let mut widths: Vec<usize> = sheet
        .headers
        .iter()
        .map(|h| width(h).min(MAX_WIDTH) + 3)
        .collect();
    for row in &sheet.rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            let shown = match cell {
                Cell::Text(s) => width(s),
                other => width(&display(other)),
            };
            *w = (*w).max(shown.min(MAX_WIDTH) + 1);
        }
    }
    if let (Some(_), Some(w)) = (sheet.totals_from, widths.first_mut()) {
        *w = (*w).max("Totalt".len() + 1);
    }
    widths
}

/// The sheet's page: landscape, as wide as the page, the header row on every page, and the
/// confidential notice in the page header.
fn page(ws: &mut Worksheet, confidential: bool) {
    // 9: A4.
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    if confidential {
        // `&` starts a code in a page header: one in the notice is doubled.
        ws.set_header(format!(
            "&C&\"-,Bold\"{}",
            CONFIDENTIAL_NOTICE.replace('&', "&&")
        ));
    }
}

/// One section's sheet: the header row (frozen, with a filter), the rows, the totals' `SUM`
/// formulas and the notes under the table.
fn write_sheet(
    wb: &mut Workbook,
    sheet: &Sheet,
    f: &Formats,
    confidential: bool,
) -> Result<(), XlsxError> {
    // Constant memory: the rows go to a temporary file as they are written (in order, as
    // here), not into the workbook's memory. With the sheets made a section at a time
    // (`workbook`), a report on 100 000 cases peaks at 163 MB rather than 435 MB.
    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name(sheet.name)?;
    page(ws, confidential);
    for (col, h) in (0u16..).zip(&sheet.headers) {
        ws.write_string_with_format(0, col, h, &f.header)?;
    }
    for (row, cells) in (1u32..).zip(&sheet.rows) {
        for (col, cell) in (0u16..).zip(cells) {
            write_cell(ws, row, col, cell, f)?;
        }
    }
    let rows = u32::try_from(sheet.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_col = u16::try_from(sheet.headers.len().saturating_sub(1))
        .map_err(|_| XlsxError::RowColumnLimitError)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    ws.autofilter(0, 0, rows.max(1), last_col)?;
    let mut next = rows + 1;
    if let (Some(from), true) = (sheet.totals_from, rows > 0) {
        ws.write_string_with_format(next, 0, "Totalt", &f.total_label)?;
        for col in from..sheet.headers.len() {
            let col16 = u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)?;
            let (sum, money) = column_sum(sheet, col);
            let range = utility::cell_range(1, col16, rows, col16);
            let formula = Formula::new(format!("=SUM({range})")).set_result(sum.to_string());
            let format = if money {
                &f.total_money
            } else {
                &f.total_count
            };
            ws.write_formula_with_format(next, col16, formula, format)?;
        }
        next += 1;
    }
    next += 1;
    for note in &sheet.notes {
        ws.write_string_with_format(next, 0, shown(note), &f.text)?;
        next += 1;
    }
    for (col, w) in (0u16..).zip(widths(sheet)) {
        ws.set_column_width(col, w as f64)?;
    }
    Ok(())
}

/// The sum of a column's numbers, as the `SUM` formula gives it, and whether they are
/// amounts.
fn column_sum(sheet: &Sheet, col: usize) -> (i128, bool) {
    let mut sum: i128 = 0;
    let mut money = false;
    for row in &sheet.rows {
        match row.get(col) {
            Some(Cell::Money(m)) => {
                sum += i128::from(*m);
                money = true;
            }
            Some(Cell::Count(n)) => sum += i128::from(*n),
            _ => {}
        }
    }
    (sum, money)
}

/// The front sheet (`ws`, the workbook's first): the report's head, then the sections with
/// their sheets.
fn front(
    ws: &mut Worksheet,
    r: &Report,
    contents: &[(Section, Vec<&'static str>)],
    f: &Formats,
) -> Result<(), XlsxError> {
    let h: &Header = &r.header;
    ws.set_name(FRONT)?;
    page(ws, h.confidential);
    let head = view::head(h);
    let mut row = 0u32;
    if let Some(notice) = &head.confidential {
        ws.write_string_with_format(row, 0, shown(notice), &f.notice)?;
        row += 2;
    }
    ws.write_string_with_format(row, 0, shown(&head.title), &f.title)?;
    row += 2;
    let meeting_note = if h.meeting_configured {
        ""
    } else {
        "inte ett möte i ordnat.toml"
    };
    let revision = match (&h.revision, &h.revision_note) {
        (Some(r), _) => r.clone(),
        (None, Some(note)) => note.clone(),
        (None, None) => "okänd".into(),
    };
    let prices = if r.budget.prices == "listpris" {
        "listpris"
    } else {
        "pris efter rabatt där det finns (sekretess), annars listpris"
    };
    let fields: Vec<(&str, Cell, &str)> = vec![
        ("Region", Cell::Text(h.region.clone()), ""),
        ("Kommitté", Cell::Text(h.committee.clone()), ""),
        ("Möte", Cell::Date(h.meeting), meeting_note),
        (
            "Föregående möte",
            h.previous_meeting.map_or(Cell::Empty, Cell::Date),
            if h.previous_meeting.is_none() {
                "inget föregående möte i ordnat.toml"
            } else {
                ""
            },
        ),
        ("Gjord", Cell::Date(h.made), ""),
        ("Revision", Cell::Text(revision), ""),
        ("Ärenden", sheets::usize_count(h.cases), ""),
        ("Fel från ordnat check", sheets::usize_count(h.errors), ""),
        (
            "Varningar från ordnat check",
            sheets::usize_count(h.warnings),
            "",
        ),
        (
            "Urval",
            if h.filters.is_empty() {
                Cell::Text("alla ärenden".into())
            } else {
                Cell::Text(h.filters.join("; "))
            },
            "",
        ),
        ("Priser i budgeten", Cell::Text(prices.into()), ""),
    ];
    let mut label_width = 0;
    let mut value_width = 0;
    for (label, value, note) in &fields {
        ws.write_string_with_format(row, 0, *label, &f.label)?;
        write_cell(ws, row, 1, value, f)?;
        if !note.is_empty() {
            ws.write_string_with_format(row, 2, *note, &f.text)?;
        }
        label_width = label_width.max(width(label));
        value_width = value_width.max(width(&display(value)));
        row += 1;
    }
    row += 1;
    for (col, h) in (0u16..).zip(["Avsnitt", "Blad", "Antal", "Vad avsnittet listar"]) {
        ws.write_string_with_format(row, col, h, &f.header)?;
    }
    row += 1;
    let mut intro_width = 0;
    for (number, (section, names)) in (1usize..).zip(contents) {
        let drawn = view::unnumbered(r, *section);
        let (count, about) = match &drawn {
            Some(d) => (
                d.count.unwrap_or(0),
                d.intro
                    .clone()
                    .or_else(|| d.empty.clone())
                    .unwrap_or_default(),
            ),
            None => (0, String::new()),
        };
        let title = format!("{number}. {}", section.title());
        label_width = label_width.max(width(&title));
        for (i, name) in names.iter().enumerate() {
            if i == 0 {
                ws.write_string_with_format(row, 0, &title, &f.label)?;
                ws.write_number_with_format(row, 2, count as f64, &f.count)?;
                let about = shown(&about);
                intro_width = intro_width.max(width(&about));
                ws.write_string_with_format(row, 3, about, &f.wrapped)?;
            }
            let link = Url::new(format!("internal:{}!A1", utility::quote_sheet_name(name)))
                .set_text(*name);
            ws.write_url_with_format(row, 1, link, &f.link)?;
            value_width = value_width.max(width(name));
            row += 1;
        }
    }
    ws.set_column_width(0, (label_width + 2) as f64)?;
    ws.set_column_width(1, (value_width.max("Blad".len()) + 2) as f64)?;
    ws.set_column_width(2, 10)?;
    ws.set_column_width(3, (intro_width.min(MAX_WIDTH) + 2) as f64)?;
    ws.set_active(true);
    Ok(())
}

/// The workbook's bytes.
fn workbook(r: &Report) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let head = view::head(&r.header);
    let mut properties = DocProperties::new().set_title(shown(&head.title));
    if let Some(made) = excel_date(r.header.made) {
        properties = properties.set_creation_datetime(&made);
    }
    wb.set_properties(&properties);
    // The front sheet comes first but lists the sheets: it is added first and written last,
    // and each section's sheets are made, written and let go one section at a time.
    wb.add_worksheet();
    let mut contents: Vec<(Section, Vec<&'static str>)> = Vec::new();
    for section in view::shown(r) {
        let sheets = sheets::sheets(r, section);
        for sheet in &sheets {
            write_sheet(&mut wb, sheet, &f, r.header.confidential)?;
        }
        contents.push((section, sheets.iter().map(|x| x.name).collect()));
    }
    front(wb.worksheet_from_index(0)?, r, &contents, &f)?;
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_to_what_a_cell_holds() {
        let long = "å".repeat(MAX_CELL + 10);
        let cut = shown(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL);
        assert!(cut.ends_with('…'));
        assert_eq!(shown("=1+1\u{1b}"), "=1+1\\u{1b}");
    }

    #[test]
    fn counts_show_as_the_sheet_shows_them() {
        assert_eq!(display(&Cell::Count(-1234)), "-1 234");
        assert_eq!(display(&Cell::Money(1_250_000)), "1 250 000 kr");
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        assert!(excel_date(day(1899, 12, 31)).is_none());
        assert!(excel_date(day(1, 1, 1)).is_none());
        assert!(excel_date(day(1900, 1, 1)).is_some());
    }
}
