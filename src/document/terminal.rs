//! Documents as plain text for a terminal: text wrapped and tables fitted to a width
//! (`text::table::terminal`; 100 columns when not a terminal). Every text passes `clean`
//! first, so that control characters in a case's text are shown, not obeyed.

use super::{Block, Head, Section};
use crate::text::table::{self, clean};
use crate::text::{lower_first, wrap};
use std::io::{self, Write};

/// Writes a document to `out`, `width` columns wide: the head, then each section as it
/// comes.
pub fn write(
    out: &mut dyn Write,
    head: &Head,
    sections: impl IntoIterator<Item = Section>,
    width: u16,
) -> io::Result<()> {
    let mut text = String::new();
    if let Some(notice) = &head.confidential {
        text.push_str(&clean(notice));
        text.push_str("\n\n");
    }
    let title = clean(&head.title);
    text.push_str(&format!("{title}\n{}\n", "=".repeat(title.chars().count())));
    for line in &head.lines {
        text.push_str(&clean(line));
        text.push('\n');
    }
    out.write_all(text.as_bytes())?;
    for s in sections {
        section(&s, usize::from(width), out)?;
    }
    Ok(())
}

/// A paragraph wrapped to `width`, on lines of its own.
fn paragraph(text: &str, width: usize, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", wrap(&clean(text), width))
}

/// Writes a section to `out`, a block at a time (a table as it is drawn).
fn section(s: &Section, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let count = s.count.map(|n| format!(" ({n})")).unwrap_or_default();
    write!(out, "\n{}{count}\n", clean(&s.numbered_heading()))?;
    if let Some(empty) = &s.empty {
        return paragraph(empty, width, out);
    }
    if let Some(intro) = &s.intro {
        paragraph(intro, width, out)?;
    }
    for block in &s.blocks {
        match block {
            Block::Heading(h) => writeln!(out, "{}:", clean(h))?,
            Block::Paragraph(p) | Block::Note(p) => paragraph(p, width, out)?,
            Block::Fields(fields) => {
                for (label, value) in fields {
                    paragraph(&format!("{label}: {value}"), width, out)?;
                }
            }
            Block::List(items) => {
                for item in items {
                    paragraph(&format!("- {item}"), width, out)?;
                }
            }
            Block::Table(t) => {
                if let Some(caption) = &t.caption {
                    if t.rows.is_empty() {
                        paragraph(&format!("{caption}: {}", lower_first(&t.empty)), width, out)?;
                        continue;
                    }
                    writeln!(out, "{}:", clean(caption))?;
                }
                table::terminal(out, t, u16::try_from(width).unwrap_or(u16::MAX))?;
            }
            Block::Signatures(names) => {
                for name in names {
                    write!(out, "\n{}\n{}\n", "_".repeat(30), clean(name))?;
                }
            }
            Block::Figure(_) => {}
        }
    }
    Ok(())
}
