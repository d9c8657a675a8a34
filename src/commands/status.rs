//! `ordnat status`: every case on one line (phase, next step, who is responsible, days in the
//! phase, findings), from the same derivation as the report.

use super::output::FileFormat;
use crate::cli::{StatusArgs, StatusFormat};
use crate::report::{self, Format, Options};
use crate::rules::{self, Levels};
use crate::status::Status;
use anyhow::Result;
use std::io::IsTerminal;
use std::path::Path;

pub fn run(args: &StatusArgs, today: Option<&str>) -> Result<u8> {
    // On a terminal, its width; elsewhere a line per case, to read and to grep.
    let terminal = std::io::stdout().is_terminal() && args.output.is_none();
    let width = terminal.then(|| crate::text::table::width(true));
    if let Some(days) = args.due {
        let (text, guard) = due(args, days, today, None, width)?;
        super::output::output(&guard, args.output.as_deref(), |out| {
            out.write_all(text.as_bytes())
        })?;
        return Ok(0);
    }
    let (status, format, guard) = collected(args, today, None)?;
    super::output::output(&guard, args.output.as_deref(), |out| {
        crate::status::write(&status, format, width, out)
    })?;
    Ok(0)
}

/// What `status` prints, without printing, for a run started in `start` (the current folder
/// when `None`). The tests call this to run `status` in-process.
pub fn status_output(
    args: &StatusArgs,
    today: Option<&str>,
    start: Option<&Path>,
) -> Result<String> {
    if let Some(days) = args.due {
        return Ok(due(args, days, today, start, None)?.0);
    }
    let (status, format) = status_collected(args, today, start)?;
    Ok(report::render(|out| {
        crate::status::write(&status, format, None, out)
    }))
}

/// The status lines collected, and the format to write them in (`status_output` without the
/// writing).
pub fn status_collected(
    args: &StatusArgs,
    today: Option<&str>,
    start: Option<&Path>,
) -> Result<(Status, Format)> {
    let (status, format, _) = collected(args, today, start)?;
    Ok((status, format))
}

/// `status --due DAYS`: the text, and the guard for writing `--output`.
fn due(
    args: &StatusArgs,
    days: u32,
    today: Option<&str>,
    start: Option<&Path>,
    width: Option<u16>,
) -> Result<(String, crate::write::Guard)> {
    let repo = super::selection::opened(today, start)?;
    let guard = super::output::guard(&repo, start, args.output.as_deref())?;
    let format = super::output::pick(
        "status --due",
        DUE_FORMATS,
        args.format,
        args.output.as_deref(),
        StatusFormat::Table,
    )?;
    let format = super::calendar::due_format(format)?;
    let text = super::calendar::due_text(&repo, args, days, format, width)?;
    Ok((text, guard))
}

/// The formats of `status --due` written to a file.
const DUE_FORMATS: &[FileFormat<StatusFormat>] = &[
    FileFormat {
        format: StatusFormat::Table,
        name: "table",
        extensions: &["txt"],
    },
    FileFormat {
        format: StatusFormat::Markdown,
        name: "markdown",
        extensions: &["md", "markdown"],
    },
    FileFormat {
        format: StatusFormat::Json,
        name: "json",
        extensions: &["json"],
    },
];

/// `status_collected`, and the guard of the repo's files for writing `--output`.
fn collected(
    args: &StatusArgs,
    today: Option<&str>,
    start: Option<&Path>,
) -> Result<(Status, Format, crate::write::Guard)> {
    let opts = Options {
        meeting: None,
        filter: super::selection::filter(&args.filter)?,
        confidential: args.confidential,
    };
    let repo = super::selection::opened(today, start)?;
    // A file `--output` may not name, or whose extension picks no format, stops the run
    // before the work (the files are found, not read yet).
    let guard = super::output::guard(&repo, start, args.output.as_deref())?;
    let explicit = args
        .format
        .map(|f| match f {
            StatusFormat::Table => Ok(Format::Table),
            StatusFormat::Csv => Ok(Format::Csv),
            StatusFormat::Json => Ok(Format::Json),
            StatusFormat::Markdown => Err(anyhow::anyhow!(
                "ordnat status skriver markdown bara med --due; listan över ärenden skrivs som \
                 table, csv eller json"
            )),
        })
        .transpose()?;
    let format = super::output::pick(
        "status",
        FILE_FORMATS,
        explicit,
        args.output.as_deref(),
        Format::Table,
    )?;
    let levels = Levels::new(&repo.settings, &[], false)?;
    let scope = report::Scope::status(&repo.settings, repo.today, &opts);
    let checked = rules::check_each_unfingerprinted(&repo, &levels, |file, derived| {
        report::facts(&scope, &file, derived.as_ref())
    });
    let status = Status::new(repo.today, &opts, checked);
    Ok((status, format, guard))
}

/// The formats of `status` written to a file, and the extensions that pick them.
const FILE_FORMATS: &[FileFormat<Format>] = &[
    FileFormat {
        format: Format::Table,
        name: "table",
        extensions: &["txt"],
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
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    /// Each format of `status` is written to a file by the list (`table`, `csv`, `json`) or by
    /// `--due` (`table`, `markdown`, `json`), and has its extensions in that table.
    fn every_format_has_its_extensions() {
        use super::super::output::formats_without_extensions;
        let list = formats_without_extensions::<StatusFormat, _>(FILE_FORMATS);
        let due = formats_without_extensions::<StatusFormat, _>(DUE_FORMATS);
        let missing: Vec<&String> = list.iter().filter(|f| due.contains(f)).collect();
        assert!(missing.is_empty(), "{missing:?}");
        assert_eq!(list, ["markdown"], "only --due writes markdown");
        assert_eq!(due, ["csv"], "--due writes no csv");
    }
}
