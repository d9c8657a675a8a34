//! `ordnat report`: the committee report for one meeting, in the chosen format, to standard
//! out or a file.

use crate::cli::{ReportArgs, ReportFormat};
use crate::report::{self, Format, Options};
use anyhow::{Context, Result};
use std::io::IsTerminal;

pub fn run(args: &ReportArgs, today: Option<&str>) -> Result<u8> {
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
    let (ws, diagnostics) = super::status::load(today)?;
    let collected = report::collect(&ws, &diagnostics, &opts);
    let format = format(args);
    super::status::output(&report::render(&collected, format), args.output.as_deref())?;
    Ok(0)
}

/// `--format`, else the extension of `--output`, else `table` on a terminal and `markdown`
/// otherwise.
fn format(args: &ReportArgs) -> Format {
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
        _ if args.output.is_none() && std::io::stdout().is_terminal() => Format::Table,
        _ => Format::Markdown,
    }
}
