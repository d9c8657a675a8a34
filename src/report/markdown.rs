//! The Markdown format: the report as an annex to the agenda, its tables drawn by
//! `text::table::markdown`. Every text is escaped (`text::sanitize::markdown`, which the checklist uses too), so that a
//! case's text never becomes markup, HTML or a link, and reads as it is written.

use super::view::{self, Drawn};
use super::{CONFIDENTIAL_NOTICE, Report};
use crate::text::sanitize::{self, Newline};
use crate::text::table;
use std::io::{self, Write};

/// `s` escaped for Markdown: the one escaper of `text::sanitize`, a line break as `<br>`.
fn escape(s: &str) -> String {
    sanitize::markdown(s, Newline::Break)
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
        table::markdown(out, table);
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
