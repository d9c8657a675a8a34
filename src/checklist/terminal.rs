//! The checklist for the terminal: a header with the next action, one line per step (☑ with
//! date and who, ☐ with who and what is missing), then the findings of `ordnat check`.
//!
//! The colours are this file's own escape sequences, so every text that comes from a case,
//! a file name or `ordnat.toml` passes `shown` (`text::sanitize`) on its way in: its control
//! characters are visible escapes, never obeyed.

use super::{Checklist, Head};
use crate::text::sanitize::{Keep, controls};
use crate::text::{kronor, plural};
use std::borrow::Cow;
use std::fmt::Write;
use std::io;

/// Text typed by people, with its control characters shown as escapes.
fn shown(s: &str) -> Cow<'_, str> {
    controls(s, Keep::LAYOUT)
}

/// ANSI styles, or none.
struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    fn green(&self, s: &str) -> String {
        self.paint("32", s)
    }
    fn yellow(&self, s: &str) -> String {
        self.paint("33", s)
    }
    fn red(&self, s: &str) -> String {
        self.paint("31", s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
}

/// The whole terminal output; `color` only on a terminal without `NO_COLOR`.
/// The checklist for the terminal, in colour or not.
pub struct Terminal {
    pub color: bool,
}

impl super::Writer for Terminal {
    fn write(
        &self,
        head: &Head,
        checklists: &mut dyn Iterator<Item = Checklist>,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        let style = Style { color: self.color };
        let mut part = head_text(head, &style);
        for (i, checklist) in checklists.enumerate() {
            if i > 0 {
                let _ = writeln!(part, "{}\n", style.dim(&"─".repeat(72)));
            }
            one(&checklist, &style, &mut part);
            out.write_all(part.as_bytes())?;
            part.clear();
        }
        out.write_all(part.as_bytes())
    }
}

/// The text before the checklists.
fn head_text(head: &Head, style: &Style) -> String {
    let mut out = String::new();
    if head.shows_confidential {
        let _ = writeln!(
            out,
            "{}\n",
            style.red("OBS: utskriften innehåller sekretessbelagda uppgifter (--visa-sekretess).")
        );
    }
    if let Some(meeting) = &head.meeting {
        let n = head.count;
        let _ = writeln!(
            out,
            "{}",
            style.bold(&format!(
                "{} i {} {}: {n} {}",
                meeting.heading(),
                shown(&meeting.committee),
                meeting.date,
                plural(n, "ärende", "ärenden")
            ))
        );
        if !meeting.configured {
            let _ = writeln!(
                out,
                "{}",
                style.yellow(&format!(
                    "({} är inte ett av {} mötesdatum i ordnat.toml)",
                    meeting.date,
                    shown(&crate::text::genitive(&meeting.committee))
                ))
            );
        }
        out.push('\n');
    }
    out
}

fn one(c: &Checklist, style: &Style, out: &mut String) {
    let _ = writeln!(out, "{}", style.bold(&shown(&c.heading())));
    let (done, total) = c.progress();
    let mut rows: Vec<(&str, String)> = Vec::new();
    if let Some(indication) = &c.indication {
        rows.push(("Indikation", indication.clone()));
    }
    rows.push(("Väg", c.flow_label.to_string()));
    rows.push((
        "Fas",
        format!("{} ({done} av {total} steg klara)", c.phase_label),
    ));
    rows.push(("Nästa steg", c.next_text()));
    if let Some(waiting) = &c.waiting {
        rows.push(("Avvakta", waiting.text()));
    }
    rows.push(("Fil", c.file.clone()));
    for (label, value) in rows {
        let _ = writeln!(out, "  {:<12}{}", format!("{label}:"), shown(&value));
    }
    if let Some(secret) = &c.confidential {
        let _ = writeln!(out, "  {}", style.red("Sekretess:"));
        if let Some(price) = secret.price_after_discount {
            let _ = writeln!(out, "    pris efter rabatt: {}", kronor(price));
        }
        if let Some(note) = &secret.note {
            let _ = writeln!(out, "    anteckning: {}", shown(note));
        }
    }
    out.push('\n');
    let width = c
        .steps
        .iter()
        .map(|s| s.title.chars().count())
        .max()
        .unwrap_or(0);
    for item in &c.steps {
        let pad = " ".repeat(width - item.title.chars().count());
        if item.done {
            let date = item.date.map_or_else(|| "–".to_string(), |d| d.to_string());
            let _ = writeln!(
                out,
                "  {} {}{pad}  {date:<10}  {}",
                style.green("☑"),
                item.title,
                shown(&item.responsible)
            );
            if let Some(d) = &item.diarienummer {
                let _ = writeln!(out, "      diarienummer: {}", shown(d));
            }
        } else {
            let _ = writeln!(
                out,
                "  {} {}{pad}  ansvarig: {}",
                style.yellow("☐"),
                item.title,
                shown(&item.responsible)
            );
            if let Some(planned) = item.planned_text() {
                let _ = writeln!(out, "      {planned}");
            }
            if let Some(e) = &item.excepted {
                let _ = writeln!(out, "      {}", shown(&e.text()));
            }
            for f in &item.missing {
                let _ = writeln!(out, "      saknas: {} ({})", f.label, f.field);
            }
            for f in &item.unreadable {
                let _ = writeln!(
                    out,
                    "      kan inte läsas: {} ({}); se kontrollen nedan",
                    f.label, f.field
                );
            }
        }
    }
    out.push('\n');
    let errors = c
        .diagnostics
        .iter()
        .filter(|d| d.severity == "error")
        .count();
    let warnings = c.diagnostics.len() - errors;
    if c.diagnostics.is_empty() {
        let _ = writeln!(out, "  Kontroll (ordnat check): inga fel eller varningar");
    } else {
        let _ = writeln!(
            out,
            "  Kontroll (ordnat check): {errors} fel, {warnings} {}",
            plural(warnings, "varning", "varningar")
        );
        for d in &c.diagnostics {
            let word = if d.severity == "error" {
                style.red(d.severity_sv)
            } else {
                style.yellow(d.severity_sv)
            };
            let _ = write!(
                out,
                "    {}:{}:{}: {word}[{}]: {}",
                shown(&c.file),
                d.line,
                d.column,
                d.rule,
                shown(&d.message)
            );
            if let Some(hint) = &d.hint {
                let _ = write!(out, " (tips: {})", shown(hint));
            }
            out.push('\n');
        }
    }
    out.push('\n');
}
