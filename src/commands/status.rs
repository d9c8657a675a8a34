//! `ordnat status`: every case on one line (phase, next step, who is responsible, days in the
//! phase, findings), from the same derivation as the report. Also the filters and the output
//! shared with `report`.

use crate::cli::{FilterArgs, KindArg, StatusArgs, StatusFormat};
use crate::model::Kind;
use crate::process::Phase;
use crate::report::{self, Filter, Format, Options};
use crate::rules::{self, Levels};
use crate::workspace::Opened;
use anyhow::{Context, Result, bail};
use std::io::{self, BufWriter, Write};
use std::path::Path;

pub fn run(args: &StatusArgs, today: Option<&str>) -> Result<u8> {
    let (status, format) = status_collected(args, today, None)?;
    output(args.output.as_deref(), |out| {
        report::write_status(&status, format, out)
    })?;
    super::drop_aside(status);
    Ok(0)
}

/// What `status` prints, without printing, for a run started in `start` (the current folder
/// when `None`). The tests call this to run `status` in-process.
pub fn status_output(
    args: &StatusArgs,
    today: Option<&str>,
    start: Option<&Path>,
) -> Result<String> {
    let (status, format) = status_collected(args, today, start)?;
    Ok(report::render(|out| {
        report::write_status(&status, format, out)
    }))
}

/// The status lines collected, and the format to write them in (`status_output` without the
/// writing).
pub fn status_collected(
    args: &StatusArgs,
    today: Option<&str>,
    start: Option<&Path>,
) -> Result<(report::Status, Format)> {
    let opts = Options {
        meeting: None,
        filter: filter(&args.filter)?,
        confidential: args.confidential,
    };
    let repo = opened(today, start)?;
    let levels = Levels::new(&repo.settings, &[], false)?;
    let scope = report::Scope::status(&repo.settings, repo.today, &opts);
    let (checked, ()) = rules::check_keeping(
        &repo,
        &levels,
        |file, derived| report::sheet(&scope, file, derived),
        |_| (),
    );
    let status = report::status(&scope, checked);
    let format = match args.format {
        StatusFormat::Table => Format::Table,
        StatusFormat::Csv => Format::Csv,
        StatusFormat::Json => Format::Json,
    };
    Ok((status, format))
}

/// The repo that holds `start` (the current folder when `None`), on `today`, opened.
pub(super) fn opened(today: Option<&str>, start: Option<&Path>) -> Result<Opened> {
    let today = super::today(today)?;
    let cwd = super::start_dir(start)?;
    Ok(crate::workspace::open(&cwd, &[], today)?)
}

/// The filters as given on the command line; an unknown phase names the known ones.
pub(super) fn filter(args: &FilterArgs) -> Result<Filter> {
    let mut phases = Vec::new();
    for word in &args.fas {
        let folded = crate::text::fold(word.trim());
        let found = Phase::from_word(word.trim()).or_else(|| {
            Phase::ALL.iter().copied().find(|p| {
                crate::text::fold(p.slug()) == folded || crate::text::fold(p.sv()) == folded
            })
        });
        let Some(phase) = found else {
            let known: Vec<&str> = Phase::ALL.iter().map(|p| p.slug()).collect();
            let hint = crate::text::closest(word, &known)
                .map(|c| format!("menade du `{c}`? "))
                .unwrap_or_default();
            bail!("okänd fas `{word}`; {hint}faserna är: {}", known.join(", "));
        };
        phases.push(phase);
    }
    Ok(Filter {
        clinic: args.klinik.clone().filter(|s| !s.trim().is_empty()),
        kind: args.typ.map(|k| match k {
            KindArg::Drug => Kind::Drug,
            KindArg::Device => Kind::Device,
            KindArg::Guideline => Kind::Guideline,
        }),
        phases,
        responsible: args.ansvarig.clone().filter(|s| !s.trim().is_empty()),
    })
}

/// Writes what `write` writes to the file, or to standard out, where a closed pipe
/// (`ordnat … | head`) is not an error. Never to a case file.
pub(super) fn output(
    file: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let Some(file) = file else {
        let mut out = BufWriter::new(io::stdout().lock());
        return match write(&mut out).and_then(|()| out.flush()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other.context("kan inte skriva till standard ut"),
        };
    };
    if crate::workspace::is_case_file(file) {
        bail!(
            "{} ser ut som en ärendefil (.yaml/.yml); ordnat skriver aldrig över ärendefiler",
            file.display()
        );
    }
    let written = std::fs::File::create(file).and_then(|f| {
        let mut out = BufWriter::new(f);
        write(&mut out)?;
        out.flush()
    });
    written.with_context(|| format!("kan inte skriva {}", file.display()))?;
    let name = file.display().to_string();
    eprintln!(
        "ordnat: skrev {}",
        crate::text::sanitize::controls(&name, crate::text::sanitize::Keep::LAYOUT)
    );
    Ok(())
}
