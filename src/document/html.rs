//! Documents as one self-contained HTML page (inline CSS and SVG, no scripts, no external
//! resources, forbidden by its Content-Security-Policy too), printable on A4. Built with maud,
//! which escapes every value by default; maud leaves control characters as they are, which
//! HTML forbids, so the page shows them as visible escapes (`text::sanitize`).

use super::{Block, Head, Section, Table};
use crate::text::sanitize::{self, Keep};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::io::{self, Write};

const CSS: &str = r#"
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif; font-size: 10.5pt;
  line-height: 1.35; color: #1a1a1a; max-width: 186mm; margin: 0 auto; padding: 6mm 4mm; }
h1 { font-size: 17pt; margin: 0 0 1.5mm; color: #1f4e79; }
h2 { font-size: 12.5pt; margin: 6mm 0 1.5mm; padding-bottom: 0.8mm; color: #1f4e79;
  border-bottom: 1.5px solid #1f4e79; break-after: avoid; page-break-after: avoid; }
h2 .count { font-weight: normal; color: #555; }
h3 { font-size: 10.5pt; margin: 3.5mm 0 1.2mm; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 1.5mm; }
.meta { color: #333; margin: 0; }
.intro { color: #4a4a4a; font-size: 9.5pt; }
.empty { font-style: italic; color: #333; }
.note { font-size: 9.5pt; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.6mm 3mm; margin: 0 0 2mm; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0; }
.signature { margin: 16mm 0 0; padding-top: 1mm; width: 75mm; border-top: 0.5pt solid #1a1a1a; }
.confidential { border: 2px solid #a40000; color: #a40000; font-weight: bold; padding: 2mm 3mm;
  margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; font-size: 8.8pt; margin: 1mm 0 2.5mm; }
td:first-child { white-space: nowrap; }
th, td { border: 0.5pt solid #b8c5d3; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #e7eef6; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.date, td.id { white-space: nowrap; }
tr.cont td { border-top-color: transparent; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 1mm 0 3mm; }
svg.chart text { font-family: inherit; fill: #1a1a1a; }
nav.toc ol { columns: 2; margin: 2mm 0 0; padding-left: 5mm; font-size: 9.5pt; }
nav.toc a { color: #1f4e79; display: inline-block; min-width: 24px; min-height: 24px;
  line-height: 24px; }
@media print {
  body { max-width: none; padding: 0; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
}
"#;

fn cell_lines(text: &str) -> Markup {
    html! {
        @for (i, line) in text.split('\n').enumerate() {
            @if i > 0 { br; }
            (line)
        }
    }
}

/// Numbers and amounts align right; a date is never broken at its hyphens, nor an id or a
/// diarienummer.
fn cell_class(t: &Table, column: usize, text: &str) -> Option<&'static str> {
    if t.right.contains(&column) {
        Some("num")
    } else if t.ids.contains(&column) {
        Some("id")
    } else if crate::text::parse_date(text).is_some() {
        Some("date")
    } else {
        None
    }
}

fn table(t: &Table) -> Markup {
    html! {
        @if let Some(caption) = &t.caption {
            h3 { (caption) }
        }
        @if t.rows.is_empty() {
            p.empty { (t.empty) }
        } @else {
            table {
                thead {
                    tr {
                        @for (i, h) in t.headers.iter().enumerate() {
                            th class=[t.right.contains(&i).then_some("num")] { (h) }
                        }
                    }
                }
                tbody {
                    @for row in &t.rows {
                        // A row that continues the item above (a case's second missing step)
                        // has an empty first cell.
                        tr class=[row.first().is_some_and(|c| c.is_empty()).then_some("cont")] {
                            @for (i, c) in row.iter().enumerate() {
                                td class=[cell_class(t, i, c)] { (cell_lines(c)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn block(b: &Block) -> Markup {
    html! {
        @match b {
            Block::Heading(h) => h3 { (h) },
            Block::Paragraph(p) => p { (cell_lines(p)) },
            Block::Note(p) => p.note { (p) },
            Block::Fields(fields) => dl.fields {
                @for (label, value) in fields {
                    dt { (label) } dd { (cell_lines(value)) }
                }
            },
            Block::List(items) => ul { @for item in items { li { (cell_lines(item)) } } },
            Block::Table(t) => (table(t)),
            Block::Signatures(names) => div.signatures {
                @for name in names { p.signature { (name) } }
            },
            Block::Figure(svg) => (svg),
        }
    }
}

fn section(s: &Section) -> Markup {
    html! {
        section id=(s.anchor) {
            h2 {
                @if let Some(n) = &s.number { (n) " " }
                (s.heading)
                @if let Some(n) = s.count { " " span.count { "(" (n) ")" } }
            }
            @if let Some(empty) = &s.empty {
                p.empty { (empty) }
            } @else {
                @if let Some(intro) = &s.intro { p.intro { (intro) } }
                @for b in &s.blocks { (block(b)) }
            }
        }
    }
}

/// `text` as the page shows it: control characters, which HTML forbids and maud leaves as
/// they are, as visible escapes (`text::sanitize`).
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    sanitize::controls(text, Keep::LAYOUT)
}

/// The CSS that prints `notice` in the top margin of every page: a CSS string, with the
/// characters that could end it escaped.
fn page_notice(notice: &str) -> String {
    let quoted: String = notice
        .chars()
        .map(|c| match c {
            '"' | '\\' | '<' | '>' | '\n' | '\r' => format!("\\{:x} ", c as u32),
            c => c.to_string(),
        })
        .collect();
    format!(
        "@page {{ @top-center {{ content: \"{quoted}\"; color: #a40000; \
         font: bold 9pt sans-serif; }} }}"
    )
}

/// Writes a document to `out` as one HTML page: the head and, when `contents` lists any, a
/// table of contents (anchor and title of each section), then each section as it comes, so
/// that the page is never held whole.
pub fn write(
    out: &mut dyn Write,
    head: &Head,
    contents: &[(String, String)],
    sections: impl IntoIterator<Item = Section>,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let top = html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta http-equiv="Content-Security-Policy"
                content="default-src 'none'; style-src 'unsafe-inline'";
            title { (head.page_title) }
            style { (PreEscaped(CSS)) }
            @if let Some(notice) = &head.confidential {
                // On paper the notice heads every page, in the page's top margin.
                style { (PreEscaped(page_notice(notice))) }
            }
        }
    };
    // Every part of the page in a landmark: the heading, the contents, the sections.
    let banner = html! {
        header {
            @if let Some(notice) = &head.confidential {
                p.confidential id="sekretess" { (notice) }
            }
            h1 { (head.title) }
            @for line in &head.lines { p.meta { (line) } }
        }
        @if !contents.is_empty() {
            nav.toc aria-label="Innehåll" {
                ol {
                    @for (anchor, title) in contents {
                        li { a href=(format!("#{anchor}")) { (title) } }
                    }
                }
            }
        }
    };
    write!(
        out,
        "{}<html lang=\"sv\">{}<body>{}<main>",
        DOCTYPE.into_string(),
        shown(&top.into_string()),
        shown(&banner.into_string())
    )?;
    for s in sections {
        out.write_all(shown(&section(&s).into_string()).as_bytes())?;
    }
    out.write_all(b"</main></body></html>\n")?;
    out.flush()
}
