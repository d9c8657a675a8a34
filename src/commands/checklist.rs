//! `ordnat checklist CASE` and `ordnat checklist --meeting DATE`: find the case (by id or path)
//! or the cases heading for a meeting, run `check` on their files, collect each checklist and
//! print it in the chosen format.

use crate::checklist::{self, Meeting, Output, Secrecy};
use crate::cli::{ChecklistArgs, ChecklistFormat};
use crate::rules::{self, Levels};
use crate::workspace::Workspace;
use anyhow::{Context, Result, bail};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub fn run(args: &ChecklistArgs, today: Option<&str>) -> Result<u8> {
    let today = super::today(today)?;
    let cwd = super::start_dir(None)?;
    let secrecy = if args.show_confidential {
        Secrecy::Shown
    } else {
        Secrecy::Hidden
    };
    let (mut ws, chosen, meeting) = match (&args.case, &args.meeting) {
        (_, Some(date)) => {
            let date = crate::text::parse_date(date.trim()).with_context(|| {
                format!("`{date}` är inte ett datum; skriv mötesdatumet ÅÅÅÅ-MM-DD")
            })?;
            let ws = crate::workspace::load(&cwd, &[], today)?;
            let chosen: Vec<usize> = ws
                .files
                .iter()
                .enumerate()
                .filter(|(_, f)| {
                    f.case
                        .as_ref()
                        .is_some_and(|c| checklist::heads_for_meeting(c, date, today))
                })
                .map(|(i, _)| i)
                .collect();
            let meeting = Meeting {
                committee: ws.settings.committee.clone(),
                date,
                configured: ws.settings.meetings.contains(&date),
                held: date < today,
            };
            (ws, chosen, Some(meeting))
        }
        (Some(case), None) => {
            let (ws, index) = find_case(&cwd, case, today)?;
            (ws, vec![index], None)
        }
        (None, None) => bail!("ange ett ärende (id eller sökväg) eller --meeting DATUM"),
    };
    ws.selected = Some((0..ws.files.len()).map(|i| chosen.contains(&i)).collect());
    let levels = Levels::new(&ws.settings, &[], false)?;
    let diagnostics = rules::check(&ws, &levels);
    let checklists = chosen
        .iter()
        .filter_map(|i| {
            let file = ws.files.get(*i)?;
            let case = file.case.as_ref()?;
            Some(checklist::collect(
                file,
                case,
                &ws.settings,
                ws.today,
                &diagnostics,
                secrecy,
            ))
        })
        .collect();
    let output = Output {
        version: checklist::JSON_VERSION,
        shows_confidential: secrecy == Secrecy::Shown,
        meeting,
        checklists,
    };
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let terminal = checklist::Terminal { color };
    let writer: &dyn checklist::Writer = match args.format {
        ChecklistFormat::Terminal => &terminal,
        ChecklistFormat::Markdown => &checklist::Markdown,
        ChecklistFormat::Json => &checklist::Json,
    };
    super::print(&writer.render(&output))?;
    Ok(0)
}

/// The repo and the index of the case named on the command line: a path to a case file, or an
/// id. An unknown id is an error with the closest id.
fn find_case(cwd: &Path, arg: &str, today: chrono::NaiveDate) -> Result<(Workspace, usize)> {
    let path = PathBuf::from(arg);
    if cwd.join(&path).is_dir() {
        bail!("{arg} är en mapp; ange ett ärendes id eller sökvägen till en ärendefil");
    }
    if looks_like_path(arg) || cwd.join(&path).is_file() {
        let ws = crate::workspace::load(cwd, std::slice::from_ref(&path), today)?;
        let selected: Vec<usize> = (0..ws.files.len()).filter(|i| ws.is_selected(*i)).collect();
        let [index] = selected[..] else {
            bail!("{arg} är inte en ärendefil; ange en fil, inte en mapp");
        };
        let file = &ws.files[index];
        if file.case.is_none() {
            let problems: Vec<String> = file
                .diagnostics
                .iter()
                .map(|d| {
                    format!(
                        "  {}:{}:{}: {}",
                        file.display, d.pos.line, d.pos.col, d.message
                    )
                })
                .collect();
            bail!(
                "{} kan inte läsas som ett ärende:\n{}",
                file.display,
                problems.join("\n")
            );
        }
        return Ok((ws, index));
    }
    let ws = crate::workspace::load(cwd, &[], today)?;
    let matching = ws.with_id(arg);
    match matching[..] {
        [index] => Ok((ws, index)),
        [] => {
            let ids = ws.ids();
            let hint = match crate::text::closest(arg, &ids) {
                Some(id) => format!("menade du `{id}`?"),
                None if ids.is_empty() => format!(
                    "ärendemappen {} har inga ärenden",
                    crate::read::display_path(&ws.settings.root, &ws.settings.cases_dir)
                ),
                None => "`ordnat check` listar ärendefilerna; ange id:t eller sökvägen till filen"
                    .to_string(),
            };
            bail!("det finns inget ärende med id `{arg}`; {hint}")
        }
        _ => {
            let files: Vec<&str> = matching
                .iter()
                .map(|i| ws.files[*i].display.as_str())
                .collect();
            bail!(
                "id `{arg}` finns i flera filer ({}); ange sökvägen till den du menar",
                files.join(", ")
            )
        }
    }
}

/// Whether the argument names a file rather than an id.
fn looks_like_path(arg: &str) -> bool {
    arg.contains('/')
        || arg.contains(std::path::MAIN_SEPARATOR)
        || arg.ends_with(".yaml")
        || arg.ends_with(".yml")
}
