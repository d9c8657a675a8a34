//! The commands: one file per subcommand, each a thin function from parsed arguments to an
//! exit code (0 nothing at error level, 1 findings at error level; problems of the tool itself
//! are errors, which `main` maps to 2).
//!
//! May use: every other module; no module uses this one.

mod brief;
mod calendar;
mod check;
mod check_fix;
mod checklist;
mod diff;
mod explain;
mod help;
mod init;
mod lsp;
mod meeting;
mod new;
mod output;
mod record;
mod report;
mod rules;
mod schema;
mod selection;
mod status;
mod wanted;

pub use calendar::calendar_output;
pub use check::check_output;
pub use explain::explanation;
pub use meeting::{Document, document_output};
pub use report::{report_collected, report_output};
pub use rules::rules_list;
pub use status::{status_collected, status_output};

use crate::cli::{Cli, Command};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::io::Write;

pub fn run(cli: Cli) -> Result<u8> {
    let today = cli.today.as_deref();
    match cli.command {
        Command::Check(args) => check::run(&args, today),
        Command::Rules { format } => rules::run(format),
        Command::Explain { rule } => explain::run(&rule),
        Command::Schema { config } => schema::run(config),
        Command::Checklist(args) => checklist::run(&args, today),
        Command::Init(args) => init::run(&args),
        Command::New(args) => new::run(&args, today),
        Command::Record(args) => record::run(&args, today),
        Command::Brief(args) => brief::run(&args, today),
        Command::Calendar(args) => calendar::run(&args, today),
        Command::Agenda(args) => meeting::run(meeting::Document::Agenda, &args, today),
        Command::Minutes(args) => meeting::run(meeting::Document::Minutes, &args, today),
        Command::Lsp => lsp::run(today),
        Command::Completions { shell } => help::completions(shell),
        Command::Man { command } => help::man(command.as_deref()),
        Command::Help { command } => help::help(&command),
        Command::Report(args) => report::run(&args, today),
        Command::Status(args) => status::run(&args, today),
    }
}

/// Every selected file of `repo` read on all cores and handed to `keep` with what the process
/// derives of its case, in file order: for the outputs that need the process and not the
/// rules' findings (the calendar, `status --due`, the public list).
fn derived_each<T: Send>(
    repo: &crate::workspace::Opened,
    keep: impl Fn(&crate::read::CaseFile, Option<&crate::process::Derived>) -> T + Sync,
) -> Vec<T> {
    let each: Vec<Option<T>> =
        crate::read::read_each(&repo.settings.root, &repo.files, |i, file| {
            repo.is_selected(i).then(|| {
                let derived = file
                    .case
                    .as_ref()
                    .map(|c| crate::process::derive(c, repo.today));
                keep(&file, derived.as_ref())
            })
        });
    each.into_iter().flatten().collect()
}

/// Today's date: `--today` / `ORDNAT_TODAY`, else the local clock. Only the commands that use
/// the date call this, so a bad `ORDNAT_TODAY` never stops `ordnat rules`.
fn today(arg: Option<&str>) -> Result<NaiveDate> {
    let day = date_arg("--today och ORDNAT_TODAY", arg)?;
    Ok(day.unwrap_or_else(|| chrono::Local::now().date_naive()))
}

/// A date given on the command line as `flag` (`--meeting`), when given; an error that says
/// how it is written when it is no date.
fn date_arg(flag: &str, s: Option<&str>) -> Result<Option<NaiveDate>> {
    s.map(|s| {
        crate::text::parse_date(s.trim())
            .with_context(|| format!("`{s}` är inte ett datum; {flag} skrivs ÅÅÅÅ-MM-DD"))
    })
    .transpose()
}

/// The folder a command starts from: `start` when given (the tests), else the current one.
fn start_dir(start: Option<&std::path::Path>) -> Result<std::path::PathBuf> {
    match start {
        Some(start) => Ok(start.to_path_buf()),
        None => std::env::current_dir().context("kan inte läsa aktuell mapp"),
    }
}

/// Writes to standard out; a closed pipe (`ordnat … | head`) is not an error.
fn print(text: &str) -> Result<()> {
    print_with(|out| out.write_all(text.as_bytes()))
}

/// Writes what `write` writes to standard out, buffered; a closed pipe is not an error.
fn print_with(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut out).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("kan inte skriva till standard ut"),
    }
}
