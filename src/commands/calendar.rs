//! `ordnat calendar` and `ordnat status --due`: what falls due (`reminders`), as an iCalendar
//! file or as a list per owner.

use super::output::FileFormat;
use crate::cli::{CalendarArgs, StatusArgs, StatusFormat};
use crate::reminders::{self, Keep, Reminder};
use crate::workspace::Opened;
use anyhow::{Result, bail};
use chrono::Days;
use std::path::Path;

pub fn run(args: &CalendarArgs, today: Option<&str>) -> Result<u8> {
    let repo = super::selection::opened(today, None)?;
    let guard = super::output::guard(&repo, None, args.output.as_deref())?;
    super::output::pick(
        "calendar",
        &[FileFormat {
            format: (),
            name: "ics",
            extensions: &["ics", "ical", "ifb", "icalendar"],
        }],
        None,
        args.output.as_deref(),
        (),
    )?;
    let all = calendar_reminders(&repo, args)?;
    super::output::output(&guard, args.output.as_deref(), |out| {
        reminders::write_calendar(out, &repo.settings, &all, repo.today)
    })?;
    Ok(0)
}

/// What `calendar` prints, without printing, for a run started in `start`. The tests call
/// this.
pub fn calendar_output(
    args: &CalendarArgs,
    today: Option<&str>,
    start: Option<&Path>,
) -> Result<String> {
    let repo = super::selection::opened(today, start)?;
    let all = calendar_reminders(&repo, args)?;
    Ok(crate::document::render(|out| {
        reminders::write_calendar(out, &repo.settings, &all, repo.today)
    }))
}

/// The calendar's reminders: the meetings and what falls due in the cases, those `--ansvarig`,
/// `--från` and `--till` keep, in date order.
fn calendar_reminders(repo: &Opened, args: &CalendarArgs) -> Result<Vec<Reminder>> {
    let keep = Keep {
        owner: args.ansvarig.clone(),
        from: super::date_arg("--från", args.from.as_deref())?,
        to: super::date_arg("--till", args.to.as_deref())?,
    };
    let mut all = reminders::meetings(&repo.settings);
    all.retain(|r| keep.keeps(r));
    all.extend(gathered(repo, |r| keep.keeps(r)));
    reminders::sort(&mut all);
    Ok(all)
}

/// Every file's reminders that `keeps`, in file order (each file's others dropped as it is
/// read). They need what the process derives of each case, not the rules.
fn gathered(repo: &Opened, keeps: impl Fn(&Reminder) -> bool + Sync) -> Vec<Reminder> {
    let settings = &repo.settings;
    let each = super::derived_each(repo, |file, derived| {
        let mut found = reminders::of_file(file, derived, settings, repo.today);
        found.retain(&keeps);
        found
    });
    each.into_iter().flatten().collect()
}

/// `status --due DAYS`: what falls due from now to `days` ahead, and everything overdue, per
/// owner, in the format asked.
pub fn due_text(
    repo: &Opened,
    args: &StatusArgs,
    days: u32,
    format: StatusFormat,
    width: Option<u16>,
) -> Result<String> {
    let until = repo
        .today
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(repo.today);
    let keep = Keep {
        owner: args.filter.ansvarig.clone(),
        from: None,
        to: Some(until),
    };
    let mut all = gathered(repo, |r| keep.keeps(r) && reminders::is_task(r));
    reminders::sort(&mut all);
    let (head, sections) = reminders::by_owner(&all, repo.today, until);
    Ok(crate::document::render(|out| match format {
        StatusFormat::Json => crate::report::json_write(
            out,
            &serde_json::json!({
                "version": 1,
                "today": repo.today,
                "until": until,
                "due": all,
            }),
        ),
        StatusFormat::Markdown => crate::document::markdown::write(out, &head, sections),
        _ => crate::document::terminal::write(
            out,
            &head,
            sections,
            width.unwrap_or(crate::text::table::DEFAULT_WIDTH),
        ),
    }))
}

/// The formats `status --due` writes: not CSV.
pub fn due_format(format: StatusFormat) -> Result<StatusFormat> {
    if format == StatusFormat::Csv {
        bail!("ordnat status --due skriver table (text), markdown eller json, inte csv");
    }
    Ok(format)
}
