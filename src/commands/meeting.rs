//! `ordnat agenda` and `ordnat minutes`: the agenda of a committee meeting and its draft
//! minutes (`meeting::agenda`), from the report for that meeting and what each case holds, in
//! the chosen format, to standard out or a file.

use crate::cli::{AgendaArgs, DocumentFormat};
use crate::meeting::agenda::{self, Agenda, For, Kind};
use crate::process::Meeting;
use crate::report::Options;
use anyhow::Result;
use chrono::NaiveDate;
use std::io::{self, Write};
use std::path::Path;

/// Which of the two documents a run makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    Agenda,
    Minutes,
}

pub fn run(document: Document, args: &AgendaArgs, today: Option<&str>) -> Result<u8> {
    let (made, format, guard) = made(document, args, today, None)?;
    super::output::output(&guard, args.output.as_deref(), |out| {
        write(&made, format, out)
    })?;
    Ok(0)
}

/// What `agenda` or `minutes` prints (or writes to `--output`), without printing, for a run
/// started in `start` (the current folder when `None`). The tests call this.
pub fn document_output(
    document: Document,
    args: &AgendaArgs,
    today: Option<&str>,
    start: Option<&Path>,
) -> Result<String> {
    let (made, format, _) = made(document, args, today, start)?;
    Ok(crate::document::render(|out| write(&made, format, out)))
}

fn write(a: &Agenda, format: DocumentFormat, out: &mut dyn Write) -> io::Result<()> {
    crate::meeting::write(out, format.into(), a, || crate::meeting::Drawn {
        head: a.head(),
        contents: Vec::new(),
        sections: a.sections(),
    })
}

/// The meeting asked for, or the default: the next meeting on or after today for the agenda,
/// the last one on or before today for the minutes (the next one when none is held yet).
fn meeting_day(
    document: Document,
    asked: Option<&str>,
    meetings: &[NaiveDate],
    today: NaiveDate,
) -> Result<Option<NaiveDate>> {
    if let Some(day) = super::date_arg("--meeting", asked)? {
        return Ok(Some(day));
    }
    Ok(match document {
        Document::Agenda => None,
        Document::Minutes => meetings.iter().rev().find(|m| **m <= today).copied(),
    })
}

fn made(
    document: Document,
    args: &AgendaArgs,
    today: Option<&str>,
    start: Option<&Path>,
) -> Result<(Agenda, DocumentFormat, crate::write::Guard)> {
    let repo = super::selection::opened(today, start)?;
    let guard = super::output::guard(&repo, start, args.output.as_deref())?;
    let format = super::output::pick(
        match document {
            Document::Agenda => "agenda",
            Document::Minutes => "minutes",
        },
        super::output::DOCUMENTS,
        args.format,
        args.output.as_deref(),
        DocumentFormat::Markdown,
    )?;
    super::output::document_not_to_terminal(format, args.output.as_deref())?;
    let settings = &repo.settings;
    let day = meeting_day(
        document,
        args.meeting.as_deref(),
        &settings.meetings,
        repo.today,
    )?;
    let opts = Options {
        meeting: day,
        filter: Default::default(),
        confidential: args.confidential,
    };
    let at = For::new(
        Meeting::of(settings, repo.today, day),
        repo.today,
        args.confidential,
    );
    // The agenda shows the report's sections, not its case list.
    let (collected, kept) = super::report::report_with(&repo, &opts, false, |case, d, r| {
        agenda::keep(&at, settings, case, d, r)
    })?;
    let kind = match document {
        Document::Agenda => Kind::Agenda,
        Document::Minutes => Kind::Minutes,
    };
    let made = agenda::agenda(kind, settings, &at, collected, kept, args.first);
    Ok((made, format, guard))
}
