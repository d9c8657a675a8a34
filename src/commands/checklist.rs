//! `ordnat checklist CASE` and `ordnat checklist --meeting DATE`: run `check` over the repo as
//! it streams (`Wanted::checked`), keeping the file of the case (by id or path) or of the
//! cases heading for a meeting; collect each checklist as it is printed in the chosen format.

use super::wanted::Wanted;
use crate::checklist::{self, Head, Meeting, Secrecy};
use crate::cli::{ChecklistArgs, ChecklistFormat};

use crate::rules::Levels;
use anyhow::Result;
use std::io::IsTerminal;

pub fn run(args: &ChecklistArgs, today: Option<&str>) -> Result<u8> {
    let today = super::today(today)?;
    let cwd = super::start_dir(None)?;
    let secrecy = Secrecy::of(args.show_confidential);
    let wanted = Wanted::of(args.case.as_deref(), args.meeting.as_deref(), &cwd)?;
    let repo = wanted.open(&cwd, today)?;
    let levels = Levels::new(&repo.settings, &[], false)?;
    let chosen = wanted.checked(&repo, &levels, |case, _, date| {
        checklist::heads_for_meeting(case, date, today)
    })?;
    let meeting = match &wanted {
        Wanted::Meeting(date) => Some(Meeting {
            committee: repo.settings.committee.clone(),
            date: *date,
            configured: repo.settings.meetings.contains(date),
            held: *date < today,
        }),
        _ => None,
    };
    let head = Head {
        version: checklist::JSON_VERSION,
        shows_confidential: secrecy == Secrecy::Shown,
        meeting,
        count: chosen
            .iter()
            .filter(|(file, _)| file.case.is_some())
            .count(),
    };
    // Each checklist is made as it is written: a meeting of thousands of cases holds one
    // checklist at a time, and none of the output's text.
    let mut checklists = chosen.iter().filter_map(|(file, found)| {
        let case = file.case.as_ref()?;
        Some(checklist::collect(
            file,
            case,
            &repo.settings,
            today,
            found,
            secrecy,
        ))
    });
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let terminal = checklist::Terminal { color };
    let writer: &dyn checklist::Writer = match args.format {
        ChecklistFormat::Terminal => &terminal,
        ChecklistFormat::Markdown => &checklist::Markdown,
        ChecklistFormat::Json => &checklist::Json,
    };
    super::print_with(|out| writer.write(&head, &mut checklists, out))?;
    Ok(0)
}
