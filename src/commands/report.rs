//! `ordnat report`: the committee report for one meeting, in the chosen format, to standard
//! out or a file.

use crate::cli::{ReportArgs, ReportFormat};
use crate::report::{self, Format, Options};
use anyhow::{Context, Result};
use std::io::IsTerminal;
use std::path::Path;

pub fn run(args: &ReportArgs, today: Option<&str>) -> Result<u8> {
    let terminal = std::io::stdout().is_terminal();
    let (collected, format) = report_collected(args, today, None, terminal)?;
    super::status::output(args.output.as_deref(), |out| {
        report::write(&collected, format, out)
    })?;
    super::drop_aside(collected);
    Ok(0)
}

/// What `report` prints (or writes to `--output`), without printing, for a run started in
/// `start` (the current folder when `None`); `terminal` tells whether standard out is a
/// terminal, which picks the default format. The tests call this to run `report` in-process.
pub fn report_output(
    args: &ReportArgs,
    today: Option<&str>,
    start: Option<&Path>,
    terminal: bool,
) -> Result<String> {
    let (collected, format) = report_collected(args, today, start, terminal)?;
    let text = report::render(|out| report::write(&collected, format, out));
    super::drop_aside(collected);
    Ok(text)
}

/// The report collected, and the format to write it in (`report_output` without the
/// writing).
pub fn report_collected(
    args: &ReportArgs,
    today: Option<&str>,
    start: Option<&Path>,
    terminal: bool,
) -> Result<(report::Report, Format)> {
    let meeting = args
        .meeting
        .as_deref()
        .map(|s| {
            crate::text::parse_date(s.trim())
                .with_context(|| format!("`{s}` är inte ett datum; --meeting skrivs ÅÅÅÅ-MM-DD"))
        })
        .transpose()?;
    let opts = Options {
        meeting,
        filter: super::status::filter(&args.filter)?,
        confidential: args.confidential,
    };
    let mut repo = super::status::opened(today, start)?;
    let levels = crate::rules::Levels::new(&repo.settings, &[], false)?;
    repo.blob_ids = report::Scope::report(&repo.settings, repo.today, &opts).compares_history();
    let scope = report::Scope::report(&repo.settings, repo.today, &opts);
    // git's answers (the revision and the previous meeting's case files) come while the files
    // are read; the sections, and what changed since then, are gathered from the sheets and
    // git's answers while the rules across files run.
    let (checked, sections) = std::thread::scope(|threads| {
        let git = threads.spawn(|| report::git(&scope));
        crate::rules::check_keeping(
            &repo,
            &levels,
            |file, derived| report::sheet(&scope, file, derived),
            |sheets| {
                let git = git.join().ok()?;
                Some(report::sections(&scope, sheets, git))
            },
        )
    });
    let Some(sections) = sections else {
        anyhow::bail!("internt fel: git-frågorna för rapporten avbröts");
    };
    Ok((
        report::collect(&scope, checked, sections),
        format(args, terminal),
    ))
}

/// `--format`, else the extension of `--output`, else `table` on a terminal and `markdown`
/// otherwise.
fn format(args: &ReportArgs, terminal: bool) -> Format {
    if let Some(f) = args.format {
        return match f {
            ReportFormat::Table => Format::Table,
            ReportFormat::Markdown => Format::Markdown,
            ReportFormat::Csv => Format::Csv,
            ReportFormat::Json => Format::Json,
            ReportFormat::Html => Format::Html,
        };
    }
    let extension = args
        .output
        .as_ref()
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_lowercase());
    match extension.as_deref() {
        Some("html" | "htm") => Format::Html,
        Some("md" | "markdown") => Format::Markdown,
        Some("csv") => Format::Csv,
        Some("json") => Format::Json,
        Some("txt") => Format::Table,
        _ if args.output.is_none() && terminal => Format::Table,
        _ => Format::Markdown,
    }
}
