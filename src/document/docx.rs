//! Documents as Word files (.docx), built with docx-rs, printable on A4: the title as
//! Heading 1, each section's heading as Heading 2 and each sub-heading (a table's caption too)
//! as Heading 3, Word's own style ids and names, so that Word, LibreOffice and python-docx see
//! real headings; lists on a bullet numbering; tables as Word tables; the confidential notice
//! first on the page and in the header of every page. docx-rs escapes the markup characters of
//! every text; control characters, which XML 1.0 forbids, are shown as visible escapes first
//! (`text::sanitize::xml`). Figures (inline SVG) are the HTML page's only and left out.
//!
//! Fields are paragraphs of a bold label and its value (not a table for layout, which a screen
//! reader would read out as a table); a signature is a paragraph well below the text before
//! it, with a line above it (its top border) and the name or role as its text.
//!
//! The same document gives the same bytes: docx-rs dates the package 1970-01-01 and docx-rs's
//! zip (without its `time` feature) dates every file in it 1980-01-01; the paragraph ids
//! (`w14:paraId`) are counted here from 1 for each document, where docx-rs would continue a
//! counter of its thread across documents.
//!
//! A Word file is one zip archive written when complete: unlike the other writers, this one
//! holds the whole document before it writes.
//!
//! What docx-rs 0.4.22 cannot write: the document's language (no `w:lang`, nor a setter of
//! `dc:language`; bokuweb/docx-rs#715), so Word and LibreOffice check the spelling in their
//! own default language; and a table's header row repeated on each page (no `w:tblHeader`).

use super::{Block, Head, Section, Table};
use crate::text::sanitize;
use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, BreakType, Docx, Header, IndentLevel, Level,
    LevelJc, LevelText, LineSpacing, NumberFormat, Numbering, NumberingId, PageMargin, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, Shading, ShdType,
    SpecialIndentType, Start, Style, StyleType, TableBorder, TableBorderPosition, TableBorders,
    TableCell, TableCellBorder, TableCellBorderPosition, TableCellBorders, TableCellMargins,
    TableRow, WidthType,
};
use std::io::{self, Write};

/// A4 in twentieths of a point (twips): 210 × 297 mm.
const PAGE_WIDTH: u32 = 11_906;
const PAGE_HEIGHT: u32 = 16_838;
/// 20 mm on every side; the header 10 mm from the top edge.
const MARGIN: i32 = 1_134;
const HEADER_MARGIN: i32 = 567;
/// The width of the text between the margins, in twips.
const TEXT_WIDTH: usize = PAGE_WIDTH as usize - 2 * MARGIN as usize;

/// Sizes in half points, as Word counts them.
const BODY_SIZE: usize = 21;
const SMALL_SIZE: usize = 19;
const TABLE_SIZE: usize = 18;

const ACCENT: &str = "1F4E79";
const WARNING: &str = "A40000";
const MUTED: &str = "4A4A4A";
const RULE: &str = "B8C5D3";
const HEADER_FILL: &str = "E7EEF6";

/// The numbering of bulleted lists (docx-rs writes a decimal numbering of its own as 1).
const BULLETS: usize = 2;

/// The width of a signature's line: 75 mm, as on the HTML page.
const SIGNATURE_WIDTH: usize = 4_252;

/// A run of case text: control characters shown as escapes (`sanitize::xml`), each line break
/// a break in the line and each tab a tab.
fn run(text: &str) -> Run {
    let text = sanitize::xml(text);
    let mut run = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                run = run.add_tab();
            }
            if !piece.is_empty() {
                run = run.add_text(piece);
            }
        }
    }
    run
}

/// A paragraph style of `size` half points, bold, after Normal.
fn heading_style(id: &str, name: &str, level: usize, size: usize, before: u32) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .size(size)
        .bold()
        .color(ACCENT)
        .outline_lvl(level)
        .line_spacing(LineSpacing::new().before(before).after(80))
}

/// The document's styles, numbering, page and fonts, before any text.
fn base() -> Docx {
    let fonts = RunFonts::new()
        .ascii("Arial")
        .hi_ansi("Arial")
        .cs("Arial")
        .east_asia("Arial");
    let bullet = Level::new(
        0,
        Start::new(1),
        NumberFormat::new("bullet"),
        LevelText::new("•"),
        LevelJc::new("left"),
    )
    .indent(Some(360), Some(SpecialIndentType::Hanging(240)), None, None);
    // Word's built-in names, lower case as Word writes them in styles.xml ("heading 1"):
    // Word and LibreOffice map them to their own headings, python-docx shows "Heading 1".
    Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(PageMargin {
            top: MARGIN,
            left: MARGIN,
            bottom: MARGIN,
            right: MARGIN,
            header: HEADER_MARGIN,
            footer: HEADER_MARGIN,
            gutter: 0,
        })
        .default_fonts(fonts)
        .default_size(BODY_SIZE)
        .default_line_spacing(LineSpacing::new().after(80))
        .add_style(heading_style("Heading1", "heading 1", 0, 34, 0))
        .add_style(heading_style("Heading2", "heading 2", 1, 25, 280))
        .add_style(heading_style("Heading3", "heading 3", 2, BODY_SIZE, 180))
        .add_abstract_numbering(AbstractNumbering::new(BULLETS).add_level(bullet))
        .add_numbering(Numbering::new(BULLETS, BULLETS))
}

/// What the body holds, in order; boxed, as docx-rs keeps them (a paragraph is some 2.4 kB,
/// most of it properties left unset).
enum Part {
    Paragraph(Box<Paragraph>),
    Table(Box<docx_rs::Table>),
}

/// The document being built: its body and the next paragraph id.
struct Builder {
    parts: Vec<Part>,
    next_id: u32,
}

impl Builder {
    /// A new paragraph with the next id of this document (8 hex digits below 0x80000000; a
    /// document has far fewer paragraphs), in the style Normal. docx-rs cannot mark Normal
    /// as the default style (`w:default`), so a paragraph without a style would have none:
    /// python-docx finds none, and Word and LibreOffice only the document's defaults.
    fn paragraph(&mut self) -> Paragraph {
        self.next_id += 1;
        Paragraph::new()
            .id(format!("{:08X}", self.next_id))
            .style("Normal")
    }

    fn push(&mut self, p: Paragraph) {
        self.parts.push(Part::Paragraph(Box::new(p)));
    }

    /// A paragraph of `text` in `style`, kept with the paragraph after it.
    fn heading(&mut self, style: &str, text: &str) {
        let p = self
            .paragraph()
            .style(style)
            .keep_next(true)
            .add_run(run(text));
        self.push(p);
    }

    /// A paragraph of `text` in italics, as the intro or the empty line of a section.
    fn italic(&mut self, text: &str, size: usize) {
        let p = self.paragraph().add_run(run(text).italic().size(size));
        self.push(p);
    }

    fn head(&mut self, head: &Head) {
        if let Some(notice) = &head.confidential {
            let border = |position| {
                ParagraphBorder::new(position)
                    .color(WARNING)
                    .size(12)
                    .space(4)
            };
            let mut p = self
                .paragraph()
                .add_run(run(notice).bold().color(WARNING))
                .line_spacing(LineSpacing::new().after(160));
            p.property = p.property.set_borders(
                ParagraphBorders::with_empty()
                    .set(border(ParagraphBorderPosition::Top))
                    .set(border(ParagraphBorderPosition::Left))
                    .set(border(ParagraphBorderPosition::Bottom))
                    .set(border(ParagraphBorderPosition::Right)),
            );
            self.push(p);
        }
        self.heading("Heading1", &head.title);
        for line in &head.lines {
            let p = self
                .paragraph()
                .add_run(run(line))
                .line_spacing(LineSpacing::new().after(0));
            self.push(p);
        }
    }

    fn section(&mut self, s: &Section) {
        let mut heading = self.paragraph().style("Heading2").keep_next(true);
        // The number is ordnat's own (`3.`, `§ 5`); it passes the same sanitiser all the same.
        if let Some(n) = &s.number {
            heading = heading.add_run(run(&format!("{n} ")));
        }
        heading = heading.add_run(run(&s.heading));
        if let Some(n) = s.count {
            heading = heading.add_run(run(&format!(" ({n})")).disable_bold().color("555555"));
        }
        self.push(heading);
        if let Some(empty) = &s.empty {
            self.italic(empty, BODY_SIZE);
            return;
        }
        if let Some(intro) = &s.intro {
            let p = self
                .paragraph()
                .add_run(run(intro).italic().size(SMALL_SIZE).color(MUTED));
            self.push(p);
        }
        for b in &s.blocks {
            self.block(b);
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading(h) => self.heading("Heading3", h),
            Block::Paragraph(text) => {
                let p = self.paragraph().add_run(run(text));
                self.push(p);
            }
            Block::Note(text) => {
                let p = self.paragraph().add_run(run(text).size(SMALL_SIZE));
                self.push(p);
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    let p = self
                        .paragraph()
                        .add_run(run(&format!("{label}: ")).bold())
                        .add_run(run(value))
                        .line_spacing(LineSpacing::new().after(20));
                    self.push(p);
                }
            }
            Block::List(items) => {
                for item in items {
                    let p = self
                        .paragraph()
                        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
                        .add_run(run(item))
                        .line_spacing(LineSpacing::new().after(20));
                    self.push(p);
                }
            }
            Block::Table(t) => self.table(t),
            Block::Signatures(names) => {
                for name in names {
                    // Room to sign in (16 mm with its line, as on the HTML page), kept with the
                    // line: an empty paragraph of its own, for Word and LibreOffice draw one
                    // border around paragraphs in a row that have the same borders, which
                    // would leave the second signature without its line.
                    let room = self
                        .paragraph()
                        .keep_next(true)
                        .line_spacing(LineSpacing::new().before(660).after(0));
                    self.push(room);
                    let line = ParagraphBorder::new(ParagraphBorderPosition::Top)
                        .size(4)
                        .space(2);
                    let right = i32::try_from(TEXT_WIDTH - SIGNATURE_WIDTH).unwrap_or(0);
                    let mut p = self
                        .paragraph()
                        .add_run(run(name))
                        .line_spacing(LineSpacing::new().after(0))
                        .indent(None, None, Some(right), None);
                    p.property = p
                        .property
                        .set_borders(ParagraphBorders::with_empty().set(line));
                    self.push(p);
                }
            }
            Block::Figure(_) => {}
        }
    }

    /// A cell of `text`: bold in the header row, right-aligned in a right column.
    fn cell(&mut self, text: &str, width: usize, header: bool, right: bool) -> TableCell {
        let mut r = run(text).size(TABLE_SIZE);
        if header {
            r = r.bold();
        }
        let mut p = self
            .paragraph()
            .add_run(r)
            .line_spacing(LineSpacing::new().after(0));
        if right {
            p = p.align(AlignmentType::Right);
        }
        TableCell::new()
            .width(width, WidthType::Dxa)
            .add_paragraph(p)
    }

    fn table(&mut self, t: &Table) {
        if let Some(caption) = &t.caption {
            self.heading("Heading3", caption);
        }
        if t.rows.is_empty() {
            self.italic(&t.empty, BODY_SIZE);
            return;
        }
        let widths = column_widths(t);
        let header_cells = (0..widths.len())
            .map(|i| {
                let text = t.headers.get(i).map_or("", String::as_str);
                self.cell(text, widths[i], true, t.right.contains(&i))
                    .shading(
                        Shading::new()
                            .shd_type(ShdType::Clear)
                            .color("auto")
                            .fill(HEADER_FILL),
                    )
            })
            .collect();
        let mut rows = vec![TableRow::new(header_cells).cant_split()];
        // A row that continues the item above (a case's second missing step) has an empty
        // first cell and no line above it, as on the HTML page: no border below the row
        // before it, nor above it (Word and LibreOffice draw either).
        let continues =
            |row: Option<&Vec<String>>| row.and_then(|r| r.first()).is_some_and(|c| c.is_empty());
        for (n, row) in t.rows.iter().enumerate() {
            let mut borders = TableCellBorders::with_empty();
            let nil = |position| TableCellBorder::new(position).border_type(BorderType::Nil);
            let joined_above = n > 0 && continues(Some(row));
            if joined_above {
                borders = borders.set(nil(TableCellBorderPosition::Top));
            }
            let joined_below = continues(t.rows.get(n + 1));
            if joined_below {
                borders = borders.set(nil(TableCellBorderPosition::Bottom));
            }
            let cells = (0..widths.len())
                .map(|i| {
                    let text = row.get(i).map_or("", String::as_str);
                    let cell = self.cell(text, widths[i], false, t.right.contains(&i));
                    if joined_above || joined_below {
                        cell.set_borders(borders.clone())
                    } else {
                        cell
                    }
                })
                .collect();
            rows.push(TableRow::new(cells).cant_split());
        }
        let border = |position| TableBorder::new(position).color(RULE).size(4);
        let table = docx_rs::Table::new(rows)
            .set_grid(widths.clone())
            .width(widths.iter().sum(), WidthType::Dxa)
            .margins(TableCellMargins::new().margin(30, 85, 30, 85))
            .set_borders(
                TableBorders::with_empty()
                    .set(border(TableBorderPosition::Top))
                    .set(border(TableBorderPosition::Left))
                    .set(border(TableBorderPosition::Bottom))
                    .set(border(TableBorderPosition::Right))
                    .set(border(TableBorderPosition::InsideH))
                    .set(border(TableBorderPosition::InsideV)),
            );
        self.parts.push(Part::Table(Box::new(table)));
        // A little space after the table, before what follows.
        let p = self
            .paragraph()
            .line_spacing(LineSpacing::new().after(0))
            .size(8);
        self.push(p);
    }
}

/// The width of each column in twips, together the width of the text: each column as wide as
/// its widest line (header or cell), counted between 4 and 40 characters, so that a long text
/// wraps and a short number is not squeezed.
fn column_widths(t: &Table) -> Vec<usize> {
    let columns = t
        .rows
        .iter()
        .map(Vec::len)
        .chain([t.headers.len()])
        .max()
        .unwrap_or(0)
        .max(1);
    let widest = |text: &str| text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    let weights: Vec<usize> = (0..columns)
        .map(|i| {
            let header = t.headers.get(i).map_or(0, |h| widest(h));
            let cells = t
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| widest(c))
                .max()
                .unwrap_or(0);
            header.max(cells).clamp(4, 40)
        })
        .collect();
    let total: usize = weights.iter().sum();
    weights.iter().map(|w| TEXT_WIDTH * w / total).collect()
}

/// Writes a document to `out` as a Word file (.docx): the head, then the sections. The whole
/// document is built before the archive is written.
pub fn write(
    out: &mut dyn Write,
    head: &Head,
    sections: impl IntoIterator<Item = Section>,
) -> io::Result<()> {
    let mut builder = Builder {
        parts: Vec::new(),
        next_id: 0,
    };
    builder.head(head);
    for s in sections {
        builder.section(&s);
    }
    let mut docx = base();
    if let Some(notice) = &head.confidential {
        let p = builder
            .paragraph()
            .align(AlignmentType::Center)
            .add_run(run(notice).bold().color(WARNING).size(SMALL_SIZE));
        docx = docx.header(Header::new().add_paragraph(p));
    }
    for part in builder.parts {
        docx = match part {
            Part::Paragraph(p) => docx.add_paragraph(*p),
            Part::Table(t) => docx.add_table(*t),
        };
    }
    let mut zip = io::Cursor::new(Vec::new());
    docx.pack(&mut zip).map_err(io::Error::other)?;
    out.write_all(zip.get_ref())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// A document with a block of every kind, and `text` in every place a text can be.
    fn document(text: &str, confidential: bool) -> Vec<u8> {
        let head = Head {
            title: format!("Titel {text}"),
            page_title: "Sidtitel".into(),
            lines: vec![format!("Rad {text}")],
            confidential: confidential
                .then(|| "Innehåller uppgifter som omfattas av sekretess".into()),
        };
        let mut first = Section::new("forsta", format!("Rubrik {text}"));
        first.number = Some("§ 5".into());
        first.count = Some(2);
        first.intro = Some(format!("Inledning {text}"));
        first.blocks = vec![
            Block::Heading(format!("Underrubrik {text}")),
            Block::Paragraph(format!("Stycke {text}\nandra raden\tefter tab")),
            Block::Note(format!("Not {text}")),
            Block::Fields(vec![(
                "Diarienummer".into(),
                format!("RS 2026/0412 {text}"),
            )]),
            Block::List(vec![format!("Punkt {text}"), "Andra punkten".into()]),
            Block::Table(Table {
                caption: Some(format!("Tabell {text}")),
                headers: vec!["Ärende".into(), "Belopp".into()],
                right: vec![1],
                ids: vec![0],
                rows: vec![
                    vec![format!("Cell {text}"), "1 200 000 kr".into()],
                    vec![String::new(), "fortsättning".into()],
                ],
                empty: "Inga rader.".into(),
            }),
            Block::Table(Table {
                caption: Some("Tom tabell".into()),
                empty: format!("Inga ärenden {text}"),
                ..Table::default()
            }),
            Block::Signatures(vec![format!("Ordförande {text}")]),
            Block::Figure(maud::PreEscaped("<svg>FIGUR</svg>".into())),
        ];
        let mut empty = Section::new("tom", "Tom sektion");
        empty.number = Some("3.".into());
        empty.empty = Some(format!("Inget att visa {text}"));
        let mut out = Vec::new();
        write(&mut out, &head, [first, empty]).expect("written");
        out
    }

    /// The parts of the archive, by name.
    fn parts(docx: &[u8]) -> Vec<(String, String, zip::DateTime)> {
        let mut archive = zip::ZipArchive::new(io::Cursor::new(docx)).expect("a zip archive");
        (0..archive.len())
            .map(|i| {
                let mut file = archive.by_index(i).expect("a file");
                let mut text = String::new();
                file.read_to_string(&mut text).expect("UTF-8 text");
                let modified = file.last_modified().unwrap_or_default();
                (file.name().to_string(), text, modified)
            })
            .collect()
    }

    fn part(docx: &[u8], name: &str) -> String {
        parts(docx)
            .into_iter()
            .find(|p| p.0 == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .1
    }

    #[test]
    fn every_block_is_in_the_document() {
        let docx = document("x", true);
        let xml = part(&docx, "word/document.xml");
        for text in [
            "Innehåller uppgifter som omfattas av sekretess",
            "Titel x",
            "Rad x",
            "§ 5 ",
            "Rubrik x",
            " (2)",
            "Inledning x",
            "Underrubrik x",
            "Stycke x",
            "andra raden",
            "efter tab",
            "Not x",
            "Diarienummer: ",
            "RS 2026/0412 x",
            "Punkt x",
            "Tabell x",
            "Ärende",
            "Cell x",
            "1 200 000 kr",
            "Tom tabell",
            "Inga ärenden x",
            "Ordförande x",
            "3. ",
            "Inget att visa x",
        ] {
            assert!(xml.contains(text), "{text:?} is missing");
        }
        assert!(!xml.contains("FIGUR"));
        for style in ["Heading1", "Heading2", "Heading3"] {
            assert!(
                xml.contains(&format!("<w:pStyle w:val=\"{style}\" />")),
                "{style}"
            );
        }
        assert_eq!(xml.matches("<w:tbl>").count(), 1);
        assert!(xml.contains("<w:br w:type=\"textWrapping\" />"));
        assert!(xml.contains("<w:tab />"));
        assert!(xml.contains("<w:jc w:val=\"right\" />"));
        assert!(xml.contains("<w:numId w:val=\"2\" />"));
        assert!(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\" />"));
        let styles = part(&docx, "word/styles.xml");
        assert!(styles.contains("w:styleId=\"Heading2\""));
        assert!(styles.contains("<w:name w:val=\"heading 2\" />"));
        let header = part(&docx, "word/header1.xml");
        assert!(header.contains("Innehåller uppgifter som omfattas av sekretess"));
        assert!(xml.contains("<w:headerReference"));
    }

    #[test]
    fn no_header_without_a_confidential_notice() {
        let docx = document("x", false);
        assert!(!parts(&docx).iter().any(|p| p.0.starts_with("word/header")));
        assert!(!part(&docx, "word/document.xml").contains("sekretess"));
    }

    #[test]
    fn hostile_text_stays_text() {
        let hostile = "<script>&\"\u{1b}'\u{0}\u{fffe}</w:t>";
        let docx = document(hostile, true);
        let xml = part(&docx, "word/document.xml");
        assert!(
            xml.contains("Cell &lt;script&gt;&amp;&quot;\\u{1b}&apos;\\u{0}\\u{fffe}&lt;/w:t&gt;"),
            "{xml}"
        );
        assert!(!xml.contains("<script>"));
        assert!(!xml.contains(['\u{1b}', '\u{0}', '\u{fffe}']));
    }

    #[test]
    fn the_same_document_gives_the_same_bytes() {
        let first = document("x", true);
        // Paragraphs made in between would move docx-rs's own counter of ids.
        drop((0..10).map(|_| Paragraph::new()).collect::<Vec<_>>());
        assert_eq!(first, document("x", true));
        for (name, _, modified) in parts(&first) {
            assert_eq!(
                (modified.year(), modified.month(), modified.day()),
                (1980, 1, 1),
                "{name} carries the time it was written"
            );
        }
        assert!(part(&first, "docProps/core.xml").contains("1970-01-01T00:00:00Z"));
    }

    #[test]
    fn columns_share_the_width_of_the_text() {
        let t = Table {
            headers: vec!["Id".into(), "En mycket lång rubrik".into()],
            rows: vec![vec!["1".into(), "x".repeat(100)]],
            ..Table::default()
        };
        let widths = column_widths(&t);
        assert_eq!(widths, vec![TEXT_WIDTH * 4 / 44, TEXT_WIDTH * 40 / 44]);
        assert_eq!(column_widths(&Table::default()), vec![TEXT_WIDTH]);
    }
}
