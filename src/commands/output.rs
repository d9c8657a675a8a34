//! Where a command's output goes: the format that the extension of `--output` picks (each
//! command has a table of its formats and their extensions), and standard out or a file
//! written through the one guarded, atomic writer (`crate::write`).

use crate::workspace::Opened;
use crate::write::Guard;
use anyhow::{Context, Result, bail};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// One format a command writes to a file: its value, its name (as `--format` spells it) and
/// the extensions that pick it, the usual one first. An extension picks the first format that
/// lists it.
pub(super) struct FileFormat<F: 'static> {
    pub format: F,
    pub name: &'static str,
    pub extensions: &'static [&'static str],
}

/// The formats of the committee's documents (`agenda`, `minutes`, `brief`) and the
/// extensions that pick them.
pub(super) const DOCUMENTS: &[FileFormat<crate::cli::DocumentFormat>] = &[
    FileFormat {
        format: crate::cli::DocumentFormat::Markdown,
        name: "markdown",
        extensions: &["md", "markdown"],
    },
    FileFormat {
        format: crate::cli::DocumentFormat::Html,
        name: "html",
        extensions: &["html", "htm"],
    },
    FileFormat {
        format: crate::cli::DocumentFormat::Json,
        name: "json",
        extensions: &["json"],
    },
    FileFormat {
        format: crate::cli::DocumentFormat::Docx,
        name: "docx",
        extensions: &["docx"],
    },
];

/// The format a committee document is written in, as `--format` names it.
impl From<crate::cli::DocumentFormat> for crate::meeting::Format {
    fn from(format: crate::cli::DocumentFormat) -> Self {
        use crate::cli::DocumentFormat as Named;
        match format {
            Named::Markdown => Self::Markdown,
            Named::Html => Self::Html,
            Named::Json => Self::Json,
            Named::Docx => Self::Docx,
        }
    }
}

/// The format to write: `explicit` (`--format`) when given, with a warning on standard error
/// when the extension of `output` is not one of that format's; else the format the extension
/// picks; else `default` (no `--output`, or a file name without an extension). An extension
/// that picks no format is an error that lists the formats, and nothing is written.
pub(super) fn pick<F: Copy + PartialEq>(
    command: &str,
    table: &[FileFormat<F>],
    explicit: Option<F>,
    output: Option<&Path>,
    default: F,
) -> Result<F> {
    let extension = output
        .and_then(Path::extension)
        .map(|e| e.to_string_lossy().to_lowercase());
    let Some(extension) = extension else {
        return Ok(explicit.unwrap_or(default));
    };
    let listed = |f: &FileFormat<F>| f.extensions.contains(&extension.as_str());
    if let Some(format) = explicit {
        let own = table.iter().find(|f| f.format == format);
        if let Some(own) = own.filter(|f| !listed(f)) {
            eprintln!(
                "ordnat: varning: filändelsen `.{extension}` hör inte till formatet {} ({}); \
                 skriver {} ändå, som --format säger",
                own.name,
                dotted(own.extensions),
                own.name
            );
        }
        return Ok(format);
    }
    match table.iter().find(|f| listed(f)) {
        Some(f) => Ok(f.format),
        None => bail!(
            "ordnat {command} skriver inte `.{extension}`; formaten och deras filändelser är: {}. \
             Välj en sådan filändelse, eller ange --format för att skriva ett av formaten under \
             ett annat namn",
            table
                .iter()
                .map(|f| format!("{} ({})", f.name, dotted(f.extensions)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `.md, .markdown`.
fn dotted(extensions: &[&str]) -> String {
    extensions
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A binary format (a workbook, a Word document) is written to a file or a redirected
/// standard out, never to a terminal: refused, with `what` it is and its `extension` in the
/// message, when there is no `--output` file and standard out is a terminal. Asked as soon as
/// the format is picked, before the work.
pub(super) fn not_to_terminal(
    what: &str,
    extension: &str,
    file: Option<&Path>,
    terminal: bool,
) -> Result<()> {
    if file.is_none() && terminal {
        bail!(
            "{what} skrivs till en fil: ange --output FIL.{extension} (eller styr om standard ut)"
        );
    }
    Ok(())
}

/// `not_to_terminal` for the committee's documents: a Word document.
pub(super) fn document_not_to_terminal(
    format: crate::cli::DocumentFormat,
    file: Option<&Path>,
) -> Result<()> {
    if format != crate::cli::DocumentFormat::Docx {
        return Ok(());
    }
    not_to_terminal(
        "ett Word-dokument",
        "docx",
        file,
        io::stdout().is_terminal(),
    )
}

/// The guard for what `repo`'s commands write (never its case files, `ordnat.toml`,
/// `schemas/` or `.git`), having asked it already whether `file` (`--output`) may be written:
/// a refusal stops the run before its work. The write itself asks again.
pub(super) fn guard(repo: &Opened, start: Option<&Path>, file: Option<&Path>) -> Result<Guard> {
    let guard = Guard::for_repo(&repo.settings.root, &repo.settings.cases_dir);
    if let Some(file) = file {
        crate::write::check(&guard, &path(start, file))?;
    }
    Ok(guard)
}

/// `--output` for a run started in `start` (the tests' in-process runs; the current folder when
/// `None`, where the path stays as given, which is how messages show it).
pub(super) fn path(start: Option<&Path>, file: &Path) -> PathBuf {
    match start {
        Some(start) => start.join(file),
        None => file.to_path_buf(),
    }
}

/// Writes what `write` writes to the file (guarded and atomic: `crate::write::replace`), or to
/// standard out, where a closed pipe (`ordnat … | head`) is not an error.
pub(super) fn output(
    guard: &Guard,
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
    crate::write::replace(guard, file, write)?;
    let name = file.display().to_string();
    eprintln!(
        "ordnat: skrev {}",
        crate::text::sanitize::controls(&name, crate::text::sanitize::Keep::LAYOUT)
    );
    Ok(())
}

/// The names of `--format`'s values (a clap value enum) that `table` has no row for: for each
/// command's test that every format it writes has its extensions.
#[cfg(test)]
pub(super) fn formats_without_extensions<E: clap::ValueEnum, F>(
    table: &[FileFormat<F>],
) -> Vec<String> {
    E::value_variants()
        .iter()
        .filter_map(|v| v.to_possible_value())
        .map(|v| v.get_name().to_string())
        .filter(|name| !table.iter().any(|t| t.name == name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &[FileFormat<u8>] = &[
        FileFormat {
            format: 1,
            name: "markdown",
            extensions: &["md", "markdown"],
        },
        FileFormat {
            format: 2,
            name: "json",
            extensions: &["json"],
        },
    ];

    #[test]
    fn an_extension_picks_a_format_only_where_there_is_one() {
        let pick = |explicit, output: Option<&str>| {
            pick("report", TABLE, explicit, output.map(Path::new), 9)
        };
        assert_eq!(pick(None, None).ok(), Some(9));
        assert_eq!(pick(None, Some("rapport")).ok(), Some(9));
        assert_eq!(pick(None, Some("rapport.JSON")).ok(), Some(2));
        assert_eq!(pick(None, Some("a.b/rapport.markdown")).ok(), Some(1));
        assert_eq!(pick(Some(1), Some("rapport.xlsx")).ok(), Some(1));
        assert_eq!(pick(Some(2), Some("rapport.md")).ok(), Some(2));
        let refused = pick(None, Some("rapport.xlsx")).expect_err("xlsx");
        assert_eq!(
            refused.to_string(),
            "ordnat report skriver inte `.xlsx`; formaten och deras filändelser är: markdown \
             (.md, .markdown), json (.json). Välj en sådan filändelse, eller ange --format för \
             att skriva ett av formaten under ett annat namn"
        );
    }
}
