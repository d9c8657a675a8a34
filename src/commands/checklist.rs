//! `ordnat checklist CASE` and `ordnat checklist --meeting DATE`: run `check` over the repo as
//! it streams (`rules::check_each`), keeping the file of the case (by id or path) or of the
//! cases heading for a meeting; collect each checklist and print it in the chosen format.

use crate::checklist::{self, Meeting, Output, Secrecy};
use crate::cli::{ChecklistArgs, ChecklistFormat};
use crate::read::CaseFile;
use crate::rules::{self, Levels};
use anyhow::{Context, Result, bail};
use std::io::IsTerminal;
use std::path::PathBuf;

pub fn run(args: &ChecklistArgs, today: Option<&str>) -> Result<u8> {
    let today = super::today(today)?;
    let cwd = super::start_dir(None)?;
    let secrecy = if args.show_confidential {
        Secrecy::Shown
    } else {
        Secrecy::Hidden
    };
    let wanted = match (&args.case, &args.meeting) {
        (_, Some(date)) => {
            Wanted::Meeting(crate::text::parse_date(date.trim()).with_context(|| {
                format!("`{date}` är inte ett datum; skriv mötesdatumet ÅÅÅÅ-MM-DD")
            })?)
        }
        (Some(case), None) => {
            let path = PathBuf::from(case);
            if cwd.join(&path).is_dir() {
                bail!("{case} är en mapp; ange ett ärendes id eller sökvägen till en ärendefil");
            }
            if looks_like_path(case) || cwd.join(&path).is_file() {
                Wanted::Path(path)
            } else {
                Wanted::Id(case.trim().to_string())
            }
        }
        (None, None) => bail!("ange ett ärende (id eller sökväg) eller --meeting DATUM"),
    };
    let paths = match &wanted {
        Wanted::Path(path) => vec![path.clone()],
        _ => Vec::new(),
    };
    let repo = crate::workspace::open(&cwd, &paths, today)?;
    if let Wanted::Path(_) = wanted
        && repo.selected_count() != 1
    {
        bail!(
            "{} är inte en ärendefil; ange en fil, inte en mapp",
            paths[0].display()
        );
    }
    let levels = Levels::new(&repo.settings, &[], false)?;
    // Every file is checked (the rules across files need them all); of the wanted files the
    // whole file is kept, of the others (when an id is asked for) only their id.
    let checked = rules::check_each_unfingerprinted(&repo, &levels, |file, _| {
        let id = file
            .case
            .as_ref()
            .and_then(|c| crate::model::text(&c.id))
            .map(str::trim);
        let keep = match &wanted {
            Wanted::Path(_) => true,
            Wanted::Id(wanted) => id == Some(wanted.as_str()),
            Wanted::Meeting(date) => file
                .case
                .as_ref()
                .is_some_and(|c| checklist::heads_for_meeting(c, *date, today)),
        };
        // Every id only when looking for one, for a did-you-mean.
        let id = id
            .filter(|_| matches!(wanted, Wanted::Id(_)))
            .map(str::to_string);
        // A checklist reads the case, its masked lines and its name, not its text: a meeting
        // of thousands of cases keeps no file's text.
        let file = keep.then(|| {
            Box::new(CaseFile {
                source: String::new(),
                ..file
            })
        });
        (id, file)
    });
    let mut ids: Vec<Option<String>> = Vec::new();
    let mut chosen: Vec<(Box<CaseFile>, Vec<_>)> = Vec::new();
    for ((id, file), found) in checked {
        ids.push(id);
        if let Some(file) = file {
            chosen.push((file, found));
        }
    }
    let meeting = match &wanted {
        Wanted::Meeting(date) => Some(Meeting {
            committee: repo.settings.committee.clone(),
            date: *date,
            configured: repo.settings.meetings.contains(date),
            held: *date < today,
        }),
        Wanted::Path(_) => {
            if let Some((file, _)) = chosen.first().filter(|(f, _)| f.case.is_none()) {
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
            None
        }
        Wanted::Id(id) => {
            match &chosen[..] {
                [_] => {}
                [] => {
                    let mut known: Vec<&str> = ids.iter().flatten().map(String::as_str).collect();
                    known.sort_unstable();
                    known.dedup();
                    let hint = match crate::text::closest(id, &known) {
                        Some(id) => format!("menade du `{id}`?"),
                        None if known.is_empty() => format!(
                            "ärendemappen {} har inga ärenden",
                            crate::read::display_path(
                                &repo.settings.root,
                                &repo.settings.cases_dir
                            )
                        ),
                        None => "`ordnat check` listar ärendefilerna; ange id:t eller sökvägen \
                                 till filen"
                            .to_string(),
                    };
                    bail!("det finns inget ärende med id `{id}`; {hint}")
                }
                _ => {
                    let files: Vec<&str> = chosen.iter().map(|(f, _)| f.display.as_str()).collect();
                    bail!(
                        "id `{id}` finns i flera filer ({}); ange sökvägen till den du menar",
                        files.join(", ")
                    )
                }
            }
            None
        }
    };
    let checklists = chosen
        .iter()
        .filter_map(|(file, found)| {
            let case = file.case.as_ref()?;
            Some(checklist::collect(
                file,
                case,
                &repo.settings,
                today,
                found,
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

/// Which cases the checklist is for.
enum Wanted {
    /// The case file at this path.
    Path(PathBuf),
    /// The case with this id.
    Id(String),
    /// The cases heading for the committee's meeting on this day.
    Meeting(chrono::NaiveDate),
}

/// Whether the argument names a file rather than an id.
fn looks_like_path(arg: &str) -> bool {
    arg.contains('/')
        || arg.contains(std::path::MAIN_SEPARATOR)
        || arg.ends_with(".yaml")
        || arg.ends_with(".yml")
}
