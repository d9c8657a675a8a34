//! `ordnat report`: the committee report for one meeting, or with `--public` the public
//! decision list, in the chosen format, to standard out or a file.

use super::output::FileFormat;
use crate::cli::{ReportArgs, ReportFormat};
use crate::model::Case;
use crate::process::Derived;
use crate::report::{self, CaseRef, Format, Options};
use crate::workspace::Opened;
use anyhow::Result;
use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;

pub fn run(args: &ReportArgs, today: Option<&str>) -> Result<u8> {
    let terminal = std::io::stdout().is_terminal();
    if args.public {
        let (list, format, guard) = public_list(args, today, None, terminal)?;
        let width = crate::text::table::width(terminal && args.output.is_none());
        super::output::output(&guard, args.output.as_deref(), |out| {
            crate::public::write(&list, format, width, out)
        })?;
        return Ok(0);
    }
    let (collected, format, guard) = collected(args, today, None, terminal)?;
    let width = crate::text::table::width(terminal && args.output.is_none());
    super::output::output(&guard, args.output.as_deref(), |out| {
        report::write(&collected, format, width, out)
    })?;
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
    let width = crate::text::table::width(terminal && args.output.is_none());
    if args.public {
        let (list, format, _) = public_list(args, today, start, terminal)?;
        return Ok(report::render(|out| {
            crate::public::write(&list, format, width, out)
        }));
    }
    let (collected, format) = report_collected(args, today, start, terminal)?;
    // A workbook is bytes, not text: it is written with `report::write`.
    anyhow::ensure!(
        format != Format::Xlsx,
        "en arbetsbok är inte text: skriv den med --output FIL.xlsx"
    );
    Ok(report::render(|out| {
        report::write(&collected, format, width, out)
    }))
}

/// The report collected, and the format to write it in (`report_output` without the
/// writing).
pub fn report_collected(
    args: &ReportArgs,
    today: Option<&str>,
    start: Option<&Path>,
    terminal: bool,
) -> Result<(report::Report, Format)> {
    let (collected, format, _) = collected(args, today, start, terminal)?;
    Ok((collected, format))
}

/// `report_collected`, and the guard of the repo's files for writing `--output`.
fn collected(
    args: &ReportArgs,
    today: Option<&str>,
    start: Option<&Path>,
    terminal: bool,
) -> Result<(report::Report, Format, crate::write::Guard)> {
    let opts = Options {
        meeting: super::date_arg("--meeting", args.meeting.as_deref())?,
        filter: super::selection::filter(&args.filter)?,
        confidential: args.confidential,
    };
    let repo = super::selection::opened(today, start)?;
    // A file `--output` may not name, or whose extension picks no format, stops the run
    // before the work (the files are found, not read yet).
    let guard = super::output::guard(&repo, start, args.output.as_deref())?;
    let format = format(args, terminal)?;
    if format == Format::Xlsx {
        let output = args.output.as_deref();
        super::output::not_to_terminal("en arbetsbok för Excel", "xlsx", output, terminal)?;
    }
    let (collected, _) = report_with(&repo, &opts, format.shows_case_list(), |_, _, _| ())?;
    Ok((collected, format, guard))
}

/// The report on `repo` for `opts`, with its case list when `case_list`, and beside it what
/// `keep` takes of each shown file (its case, what the process derived, the case as the
/// report names it), in file order: the one path from the files to a report, for `report` and
/// for the meeting's documents.
pub(super) fn report_with<T: Send>(
    repo: &Opened,
    opts: &Options,
    case_list: bool,
    keep: impl Fn(Option<&Case>, Option<&Derived>, &Arc<CaseRef>) -> T + Sync,
) -> Result<(report::Report, Vec<T>)> {
    let levels = crate::rules::Levels::new(&repo.settings, &[], false)?;
    let scope = report::Scope::report(&repo.settings, repo.today, opts);
    let scope = if case_list {
        scope
    } else {
        scope.without_case_list()
    };
    // git first: the files that differ from the version before the previous meeting keep
    // what tells which of their parts changed as they are read.
    let history = report::history(&scope);
    let scope = scope.with_history(&history);
    let each = crate::rules::check_each_unfingerprinted(repo, &levels, |file, derived| {
        let facts = report::facts(&scope, &file, derived.as_ref());
        let kept = keep(file.case.as_ref(), derived.as_ref(), facts.case());
        (facts, kept)
    });
    let (checked, kept): (Vec<report::Checked>, Vec<T>) = each
        .into_iter()
        .map(|((facts, kept), found)| ((facts, found), kept))
        .unzip();
    Ok((report::collect(&scope, checked, &history), kept))
}

/// `report --public`: the public decision list of every case (`public`), the format to write
/// it in, and the guard of the repo's files for writing `--output`.
fn public_list(
    args: &ReportArgs,
    today: Option<&str>,
    start: Option<&Path>,
    terminal: bool,
) -> Result<(crate::public::PublicList, Format, crate::write::Guard)> {
    let repo = super::selection::opened(today, start)?;
    let guard = super::output::guard(&repo, start, args.output.as_deref())?;
    let format = format(args, terminal)?;
    if format == Format::Xlsx {
        anyhow::bail!(
            "den publika beslutslistan skrivs som html, csv, json, markdown eller table, inte \
             som arbetsbok (xlsx)"
        );
    }
    let settings = &repo.settings;
    let rows = super::derived_each(&repo, |file, derived| {
        crate::public::row(file, derived, settings)
    })
    .into_iter()
    .flatten()
    .collect();
    Ok((
        crate::public::collect(rows, settings, repo.today),
        format,
        guard,
    ))
}

/// The formats of `report` written to a file, and the extensions that pick them.
const FILE_FORMATS: &[FileFormat<Format>] = &[
    FileFormat {
        format: Format::Table,
        name: "table",
        extensions: &["txt"],
    },
    FileFormat {
        format: Format::Markdown,
        name: "markdown",
        extensions: &["md", "markdown"],
    },
    FileFormat {
        format: Format::Csv,
        name: "csv",
        extensions: &["csv"],
    },
    FileFormat {
        format: Format::Json,
        name: "json",
        extensions: &["json"],
    },
    FileFormat {
        format: Format::Html,
        name: "html",
        extensions: &["html", "htm"],
    },
    FileFormat {
        format: Format::Xlsx,
        name: "xlsx",
        extensions: &["xlsx"],
    },
];

/// `--format`, else the extension of `--output` (`markdown` for a name without one), else
/// `table` on a terminal and `markdown` otherwise.
fn format(args: &ReportArgs, terminal: bool) -> Result<Format> {
    let explicit = args.format.map(|f| match f {
        ReportFormat::Table => Format::Table,
        ReportFormat::Markdown => Format::Markdown,
        ReportFormat::Csv => Format::Csv,
        ReportFormat::Json => Format::Json,
        ReportFormat::Html => Format::Html,
        ReportFormat::Xlsx => Format::Xlsx,
    });
    let default = if args.output.is_none() && terminal {
        Format::Table
    } else {
        Format::Markdown
    };
    super::output::pick(
        "report",
        FILE_FORMATS,
        explicit,
        args.output.as_deref(),
        default,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_its_extensions() {
        let missing =
            super::super::output::formats_without_extensions::<ReportFormat, _>(FILE_FORMATS);
        assert!(missing.is_empty(), "{missing:?}");
    }
}
