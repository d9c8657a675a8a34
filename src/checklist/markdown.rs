//! The checklist as Markdown: a GitHub/GitLab task list (`- [x]` / `- [ ]`) under a heading, to
//! paste into an issue or the minutes of a meeting. Text typed by people is escaped by the
//! report's escaper (`text::sanitize::markdown`, a line break as a space), so that it cannot
//! turn into links, emphasis or HTML and reads as written; the file name is a code span.

use super::{Checklist, Head};
use crate::text::sanitize::{self, Newline, code_span};
use crate::text::{kronor, plural};
use std::fmt::Write;
use std::io;

/// The checklist's Markdown format.
pub struct Markdown;

impl super::Writer for Markdown {
    fn write(
        &self,
        head: &Head,
        checklists: &mut dyn Iterator<Item = Checklist>,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        // Each part is written when the next one is made: the last one's trailing blank lines
        // are dropped, so that the text ends in one line break.
        let (mut part, level) = head_text(head);
        for c in checklists {
            out.write_all(part.as_bytes())?;
            part.clear();
            one(&c, level, &mut part);
        }
        while part.ends_with("\n\n") {
            part.pop();
        }
        out.write_all(part.as_bytes())
    }
}

/// The text before the checklists, and the level of their headings.
fn head_text(head: &Head) -> (String, &'static str) {
    let mut out = String::new();
    if head.shows_confidential {
        out.push_str(
            "> **OBS: innehåller sekretessbelagda uppgifter (--visa-sekretess).** \
             Klistra inte in i ett publikt ärende.\n\n",
        );
    }
    let level = if let Some(meeting) = &head.meeting {
        let n = head.count;
        let _ = writeln!(
            out,
            "## {} i {} {}\n\n{n} {}.",
            meeting.heading(),
            escape(&meeting.committee),
            meeting.date,
            plural(n, "ärende", "ärenden")
        );
        if !meeting.configured {
            let _ = writeln!(
                out,
                "\n*{} är inte ett av {} mötesdatum i `ordnat.toml`.*",
                meeting.date,
                escape(&crate::text::genitive(&meeting.committee))
            );
        }
        out.push('\n');
        "###"
    } else {
        "##"
    };
    (out, level)
}

fn one(c: &Checklist, level: &str, out: &mut String) {
    let _ = writeln!(out, "{level} {}\n", escape(&c.heading()));
    if let Some(indication) = &c.indication {
        let _ = writeln!(out, "- **Indikation:** {}", escape(indication));
    }
    let (done, total) = c.progress();
    let _ = writeln!(out, "- **Väg:** {}", c.flow_label);
    let _ = writeln!(
        out,
        "- **Fas:** {} ({done} av {total} steg klara)",
        c.phase_label
    );
    let _ = writeln!(out, "- **Nästa steg:** {}", escape(&c.next_text()));
    if let Some(waiting) = &c.waiting {
        let _ = writeln!(out, "- **Avvakta:** {}", waiting.text());
    }
    let _ = writeln!(out, "- **Fil:** {}", code_span(&c.file));
    if let Some(secret) = &c.confidential {
        let _ = writeln!(out, "- **Sekretess:**");
        if let Some(price) = secret.price_after_discount {
            let _ = writeln!(out, "  - pris efter rabatt: {}", kronor(price));
        }
        if let Some(note) = &secret.note {
            let _ = writeln!(out, "  - anteckning: {}", escape(note));
        }
    }
    out.push('\n');
    for item in &c.steps {
        if item.done {
            let date = item.date.map(|d| format!("{d}, ")).unwrap_or_default();
            let _ = writeln!(
                out,
                "- [x] {} — {date}{}",
                item.title,
                escape(&item.responsible)
            );
            if let Some(d) = &item.diarienummer {
                let _ = writeln!(out, "  - diarienummer: {}", escape(d));
            }
        } else {
            let _ = writeln!(
                out,
                "- [ ] {} — ansvarig: {}",
                item.title,
                escape(&item.responsible)
            );
            if let Some(planned) = item.planned_text() {
                let _ = writeln!(out, "  - {planned}");
            }
            if let Some(e) = &item.excepted {
                let _ = writeln!(out, "  - {}", escape(&e.text()));
            }
            for f in &item.missing {
                let _ = writeln!(out, "  - saknas: {} (`{}`)", f.label, f.field);
            }
            for f in &item.unreadable {
                let _ = writeln!(
                    out,
                    "  - kan inte läsas: {} (`{}`); se kontrollen nedan",
                    f.label, f.field
                );
            }
        }
    }
    out.push('\n');
    if c.diagnostics.is_empty() {
        let _ = writeln!(
            out,
            "**Kontroll (`ordnat check`):** inga fel eller varningar\n"
        );
        return;
    }
    let errors = c
        .diagnostics
        .iter()
        .filter(|d| d.severity == "error")
        .count();
    let warnings = c.diagnostics.len() - errors;
    let _ = writeln!(
        out,
        "**Kontroll (`ordnat check`):** {errors} fel, {warnings} {}\n",
        plural(warnings, "varning", "varningar")
    );
    for d in &c.diagnostics {
        let _ = write!(
            out,
            "- {}[`{}`] rad {}, kolumn {}: {}",
            d.severity_sv,
            d.rule,
            d.line,
            d.column,
            escape(&d.message)
        );
        if let Some(hint) = &d.hint {
            let _ = write!(out, " (tips: {})", escape(hint));
        }
        out.push('\n');
    }
    out.push('\n');
}

/// Text typed by people, made inert in Markdown, on one line.
fn escape(s: &str) -> String {
    sanitize::markdown(s, Newline::Space)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_typed_text_is_escaped() {
        assert_eq!(
            escape("<b>*x*</b> [a](b)"),
            "\\<b\\>\\*x\\*\\</b\\> \\[a\\](b)"
        );
        assert_eq!(escape("a\nb"), "a b");
        assert_eq!(escape("a\u{1b}[2J"), "a\\\\u{1b}\\[2J");
    }
}
