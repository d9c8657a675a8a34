//! The Markdown format: the report as an annex to the agenda, with comfy-table's Markdown
//! preset. Every text is escaped, so that a case's text never becomes markup, HTML or a link.

use super::view::{self, Section};
use super::{CONFIDENTIAL_NOTICE, Report};
use comfy_table::{Cell, ContentArrangement, Table, presets};

/// Escapes text for Markdown: HTML's special characters as entities, Markdown's punctuation
/// with a backslash, line breaks as `<br>` (the only markup added).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n').enumerate() {
        if line.0 > 0 {
            out.push_str("<br>");
        }
        for c in line.1.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                c if c.is_control() => out.push(' '),
                c => out.push(c),
            }
        }
    }
    out
}

fn draw(table: &view::Table) -> String {
    let mut t = Table::new();
    t.load_style(presets::ASCII_MARKDOWN)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(
            table
                .headers
                .iter()
                .map(|h| Cell::new(escape(h)))
                .collect::<Vec<_>>(),
        );
    for row in &table.rows {
        // An empty cell would be drawn as blanks only; keep the pipes apart.
        t.add_row(row.iter().map(|c| Cell::new(escape(c))).collect::<Vec<_>>());
    }
    t.to_string()
}

fn section(out: &mut String, s: &Section) {
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
        out.push_str(&draw(table));
        out.push('\n');
    }
    for note in &s.notes {
        out.push_str(&format!("\n{}\n", escape(note)));
    }
}

/// The report as Markdown.
pub fn report(r: &Report) -> String {
    let mut out = String::new();
    if r.header.confidential {
        out.push_str(&format!("> **{}**\n\n", escape(CONFIDENTIAL_NOTICE)));
    }
    let (title, lines) = view::head(&r.header);
    out.push_str(&format!("# {}\n\n", escape(&title)));
    for line in lines {
        out.push_str(&format!("- {}\n", escape(&line)));
    }
    out.push_str(&view::drawn(&view::sections(r), |s| {
        let mut text = String::new();
        section(&mut text, s);
        text
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_in_case_text_stays_text() {
        assert_eq!(
            escape("<script>alert(\"x\")</script> & [a](b) | *c*"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; \\[a\\](b) \\| \\*c\\*"
        );
        assert_eq!(escape("a\nb"), "a<br>b");
    }
}
