//! Documents as Markdown (CommonMark with GitHub's tables), tables drawn by
//! `text::table::markdown`. Every text is escaped (`text::sanitize::markdown`, which the
//! checklist uses too), so that a case's text never becomes markup, HTML or a link, and reads
//! as it is written.

use super::{Block, Head, Section};
use crate::text::sanitize::{self, Newline};
use crate::text::table;
use std::io::{self, Write};

/// `s` escaped for Markdown: the one escaper of `text::sanitize`, a line break as `<br>`.
pub fn escape(s: &str) -> String {
    sanitize::markdown(s, Newline::Break)
}

/// Writes a document to `out`: the head, then each section as it comes, so that a long
/// document is never held whole.
pub fn write(
    out: &mut dyn Write,
    head: &Head,
    sections: impl IntoIterator<Item = Section>,
) -> io::Result<()> {
    let mut text = String::new();
    if let Some(notice) = &head.confidential {
        text.push_str(&format!("> **{}**\n\n", escape(notice)));
    }
    text.push_str(&format!("# {}\n\n", escape(&head.title)));
    for line in &head.lines {
        text.push_str(&format!("- {}\n", escape(line)));
    }
    out.write_all(text.as_bytes())?;
    for s in sections {
        text.clear();
        section(&s, &mut text);
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}

fn section(s: &Section, out: &mut String) {
    let count = s.count.map(|n| format!(" ({n})")).unwrap_or_default();
    // The number is ordnat's own (`3.`, `§ 5`), not a case's text: written as it is, where
    // escaping would show `3\.`.
    let number = s
        .number
        .as_ref()
        .map(|n| format!("{n} "))
        .unwrap_or_default();
    out.push_str(&format!("\n## {number}{}{count}\n", escape(&s.heading)));
    if let Some(empty) = &s.empty {
        out.push_str(&format!("\n{}\n", escape(empty)));
        return;
    }
    if let Some(intro) = &s.intro {
        out.push_str(&format!("\n*{}*\n", escape(intro)));
    }
    // Each block after a blank line.
    for block in s.blocks.iter().filter(|b| !matches!(b, Block::Figure(_))) {
        out.push('\n');
        self::block(block, out);
    }
}

fn block(b: &Block, out: &mut String) {
    match b {
        Block::Heading(h) => out.push_str(&format!("### {}\n", escape(h))),
        Block::Paragraph(p) | Block::Note(p) => out.push_str(&format!("{}\n", escape(p))),
        Block::Fields(fields) => {
            for (label, value) in fields {
                out.push_str(&format!("- **{}:** {}\n", escape(label), escape(value)));
            }
        }
        Block::List(items) => {
            for item in items {
                out.push_str(&format!("- {}\n", escape(item)));
            }
        }
        Block::Table(t) => {
            if let Some(caption) = &t.caption {
                if t.rows.is_empty() {
                    out.push_str(&format!(
                        "**{}:** {}\n",
                        escape(caption),
                        escape(&crate::text::lower_first(&t.empty))
                    ));
                    return;
                }
                out.push_str(&format!("**{}**\n\n", escape(caption)));
            }
            table::markdown(out, t);
        }
        Block::Signatures(names) => {
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str(&format!("{SIGNATURE_LINE}  \n{}\n", escape(name)));
            }
        }
        Block::Figure(_) => {}
    }
}

/// Where a signature goes.
const SIGNATURE_LINE: &str =
    "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_";

#[cfg(test)]
mod tests {
    use super::escape;

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
}
