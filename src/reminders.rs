//! What falls due, for the people who owe it (`process::due`): as an iCalendar file to import
//! into the calendar people already use (`ordnat calendar`, RFC 5545 by the `icalendar`
//! crate), and as a list per owner to paste into an e-mail (`ordnat status --due`). Each
//! reminder names its case, its file and what to do; none holds a `sekretess` value.
//!
//! May use: `process`, `config`, `model`, `read`, `text`, `document`.

use crate::config::Settings;
use crate::document::{Block, Head, Section};
use crate::model::text;
use crate::process::Derived;
use crate::process::due::{self, Due, DueKind};
use crate::read::CaseFile;
use crate::text::{day_count, slug};
use chrono::NaiveDate;
use icalendar::{Calendar, Component, Event, EventLike};
use serde::Serialize;
use std::io::{self, Write};

/// One reminder: what falls due, and the case it belongs to (none for a meeting).
#[derive(Debug, Clone, Serialize)]
pub struct Reminder {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<CaseName>,
    #[serde(flatten)]
    pub due: Due,
}

/// How a reminder names its case.
#[derive(Debug, Clone, Serialize)]
pub struct CaseName {
    pub id: String,
    pub name: String,
    pub file: String,
}

/// The reminders of one file as it is read (none when it cannot be read as a case).
pub fn of_file(
    file: &CaseFile,
    derived: Option<&Derived>,
    settings: &Settings,
    today: NaiveDate,
) -> Vec<Reminder> {
    let (Some(case), Some(d)) = (file.case.as_ref(), derived) else {
        return Vec::new();
    };
    let name = CaseName {
        id: text(&case.id).unwrap_or_default().to_string(),
        name: case.name().unwrap_or_default(),
        file: file.display.clone(),
    };
    due::of_case(case, d, settings, today)
        .into_iter()
        .map(|due| Reminder {
            case: Some(name.clone()),
            due,
        })
        .collect()
}

/// The committee's meetings as reminders.
pub fn meetings(settings: &Settings) -> Vec<Reminder> {
    due::meetings(settings)
        .into_iter()
        .map(|due| Reminder { case: None, due })
        .collect()
}

/// Which reminders to keep: of one owner (part of the name, any case, å/ä/ö folded), within a
/// period (both days included).
#[derive(Debug, Clone, Default)]
pub struct Keep {
    pub owner: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Keep {
    pub fn keeps(&self, r: &Reminder) -> bool {
        let owner = self
            .owner
            .as_ref()
            .is_none_or(|o| crate::text::contains_folded(&r.due.owner, o));
        owner
            && self.from.is_none_or(|f| r.due.date >= f)
            && self.to.is_none_or(|t| r.due.date <= t)
    }
}

/// The reminders in the order they fall due: by day, then case and kind.
pub fn sort(reminders: &mut [Reminder]) {
    fn key(r: &Reminder) -> (NaiveDate, Option<&str>, DueKind, &str) {
        let id = r.case.as_ref().map(|c| c.id.as_str());
        (r.due.date, id, r.due.kind, &r.due.part)
    }
    reminders.sort_by(|a, b| key(a).cmp(&key(b)));
}

/// The event's identity, the same in every run: the region, the case, the kind and what tells
/// two of one kind apart; importing the file again updates the event instead of adding one.
fn uid(settings: &Settings, r: &Reminder) -> String {
    let mut parts = vec![r.due.kind.key().to_string()];
    if let Some(c) = &r.case {
        parts.insert(0, slug(&c.id));
    }
    if !r.due.part.is_empty() {
        parts.push(slug(&r.due.part));
    }
    format!("{}@{}.ordnat", parts.join("-"), slug(&settings.region))
}

/// Writes the reminders as an iCalendar file: one all-day event each, with a Swedish summary
/// (what, and the case's name and id), a description (what to do, who owns it, the file), its
/// kind as the category and a stable UID. `today` is the events' time stamp, so that the
/// same cases give the same file.
pub fn write_calendar(
    out: &mut dyn Write,
    settings: &Settings,
    reminders: &[Reminder],
    today: NaiveDate,
) -> io::Result<()> {
    // The calendar's head as icalendar writes it, without its end: the events are written
    // one at a time after it, so that a large repo's calendar is never held whole.
    let mut calendar = Calendar::new();
    calendar.name(&format!(
        "{}, {}: ordnat",
        settings.committee, settings.region
    ));
    let whole = calendar.done().to_string();
    let head = whole.strip_suffix(END).unwrap_or(&whole);
    let mut out = io::BufWriter::new(out);
    out.write_all(head.as_bytes())?;
    let stamp = format!("{}T000000Z", today.format("%Y%m%d"));
    for r in reminders {
        let summary = match &r.case {
            Some(c) if !c.name.is_empty() => format!("{}: {} ({})", r.due.kind.sv(), c.name, c.id),
            Some(c) => format!("{}: {}", r.due.kind.sv(), c.id),
            None => r.due.what.clone(),
        };
        let mut description = format!("{}.\nAnsvarig: {}", r.due.what, r.due.owner);
        if let Some(c) = &r.case {
            description.push_str(&format!("\nÄrende: {}\nFil: {}", c.id, c.file));
        }
        let event = Event::new()
            .uid(&uid(settings, r))
            .summary(&clean(&summary))
            .description(&clean(&description))
            // A day's event: from the day to the next, which DTEND does not include.
            .starts(r.due.date)
            .ends(r.due.date.succ_opt().unwrap_or(r.due.date))
            .add_property("DTSTAMP", &stamp)
            .add_property("CATEGORIES", r.due.kind.sv())
            .done();
        let text = event.try_into_string().map_err(io::Error::other)?;
        out.write_all(text.as_bytes())?;
    }
    out.write_all(END.as_bytes())?;
    out.flush()
}

/// The last line of an iCalendar file.
const END: &str = "END:VCALENDAR\r\n";

/// Text for a calendar: control characters (but line breaks) shown as visible escapes.
fn clean(s: &str) -> String {
    crate::text::sanitize::controls(s, crate::text::sanitize::Keep::NEWLINE).into_owned()
}

/// The list of what falls due, per owner, as a document: the owners in the order of their
/// first date, each with a table of what they owe (overdue first, as the dates come).
pub fn by_owner(
    reminders: &[Reminder],
    today: NaiveDate,
    until: NaiveDate,
) -> (Head, Vec<Section>) {
    let mut owners: Vec<(&str, Vec<&Reminder>)> = Vec::new();
    for r in reminders {
        match owners.iter_mut().find(|(o, _)| *o == r.due.owner) {
            Some((_, list)) => list.push(r),
            None => owners.push((&r.due.owner, vec![r])),
        }
    }
    let sections = owners
        .into_iter()
        .enumerate()
        .map(|(i, (owner, list))| {
            let mut s = Section::new(format!("ansvarig-{}", i + 1), owner);
            s.count = Some(list.len());
            let items = list
                .iter()
                .map(|r| {
                    let state = if r.due.date < today {
                        format!("försenad {}", day_count((today - r.due.date).num_days()))
                    } else {
                        format!("om {}", day_count((r.due.date - today).num_days()))
                    };
                    let case = match &r.case {
                        Some(c) if !c.name.is_empty() => format!(" {} {}:", c.id, c.name),
                        Some(c) => format!(" {}:", c.id),
                        None => String::new(),
                    };
                    format!(
                        "{} ({state}) · {}:{case} {}",
                        r.due.date,
                        r.due.kind.sv(),
                        r.due.what
                    )
                })
                .collect();
            s.blocks.push(Block::List(items));
            s
        })
        .collect();
    let head = Head {
        title: format!("Att göra till och med {until}"),
        page_title: format!("Att göra till och med {until}"),
        lines: vec![format!(
            "Gjord {today} · försenat först, per ansvarig · {} {}",
            reminders.len(),
            crate::text::plural(reminders.len(), "punkt", "punkter")
        )],
        confidential: None,
    };
    (head, sections)
}

/// Whether a kind belongs to what people owe (a meeting is no one's task).
pub fn is_task(r: &Reminder) -> bool {
    r.due.kind != DueKind::Meeting
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn a_slug_is_letters_digits_and_single_hyphens() {
        assert_eq!(slug("Hallands sjukhus"), "hallands-sjukhus");
        assert_eq!(slug("Region Västra Götaland"), "region-vastra-gotaland");
        assert_eq!(slug("2026-007"), "2026-007");
        assert_eq!(slug("  Å, ä & ö  "), "a-a-o");
    }
}
