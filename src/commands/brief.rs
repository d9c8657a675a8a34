//! `ordnat brief ÄRENDE` and `ordnat brief --meeting DATUM`: run `check` over the repo as it
//! streams (`rules::check_each`), keeping the file of the case (by id or path) or of the cases
//! on the meeting's agenda (ready for it, or taken up at it: `Derived::item_at`); collect
//! each brief (`meeting::brief`) and write it, to standard out, `--output` or one file per
//! case in `--output-dir`.

use super::wanted::Wanted;
use crate::cli::{BriefArgs, DocumentFormat};
use crate::meeting::brief::{self, Document, Output, Scope};
use crate::process::Meeting;
use crate::rules::Levels;
use anyhow::Result;
use std::collections::BTreeSet;

pub fn run(args: &BriefArgs, today: Option<&str>) -> Result<u8> {
    let today = super::today(today)?;
    let cwd = super::start_dir(None)?;
    let wanted = Wanted::of(args.case.as_deref(), args.meeting.as_deref(), &cwd)?;
    let repo = wanted.open(&cwd, today)?;
    // A file `--output` may not name, or whose extension picks no format, stops the run
    // before the work.
    let guard = super::output::guard(&repo, None, args.output.as_deref())?;
    let format = format(args)?;
    if args.output_dir.is_none() {
        super::output::document_not_to_terminal(format, args.output.as_deref())?;
    }
    let levels = Levels::new(&repo.settings, &[], false)?;
    let meeting = match wanted {
        Wanted::Meeting(date) => Some(date),
        _ => None,
    };
    // The cases of a meeting are its items for recommendation, as on its agenda and in its
    // minutes (`Derived::item_at`).
    let items_of = meeting.map(|day| Meeting::of(&repo.settings, today, Some(day)));
    let chosen = wanted.checked(&repo, &levels, |case, derived, _| {
        let (Some(meeting), Some(d)) = (&items_of, derived) else {
            return false;
        };
        d.item_at(case, meeting, today).is_some()
    })?;
    let scope = Scope {
        settings: &repo.settings,
        today,
        meeting,
        confidential: args.confidential,
    };
    let mut briefs: Vec<brief::Brief> = chosen
        .iter()
        .filter_map(|(file, found)| Some(brief::collect(&scope, file, file.case.as_ref()?, found)))
        .collect();
    // In id order, as the agenda numbers them.
    briefs.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.file.cmp(&b.file)));
    let document = if args.delegation {
        Document::Delegation
    } else {
        Document::Brief
    };
    let output = Output::new(&scope, document, briefs);
    let Some(dir) = &args.output_dir else {
        super::output::output(&guard, args.output.as_deref(), |out| {
            brief::write(&output, format.into(), meeting.is_some(), out)
        })?;
        return Ok(0);
    };
    if output.briefs.is_empty() {
        eprintln!(
            "ordnat: inga ärenden att skriva {}; ingen fil skrevs",
            document.sv()
        );
        return Ok(0);
    }
    crate::write::create_folder(dir)?;
    let extension = super::output::DOCUMENTS
        .iter()
        .find(|f| f.format == format)
        .and_then(|f| f.extensions.first())
        .copied()
        .unwrap_or("md");
    let mut used = BTreeSet::new();
    for one in output.split() {
        let id = one.briefs.first().map_or("", |b| b.id.as_str());
        let name = file_name(document, id, extension, &mut used);
        super::output::output(&guard, Some(&dir.join(name)), |out| {
            brief::write(&one, format.into(), false, out)
        })?;
    }
    Ok(0)
}

/// `beslutsunderlag-2026-007.md`: the document and the case's id, with every character that
/// has no place in a file name (a separator, a control character) as `_`, and a number added
/// when two cases share an id.
fn file_name(document: Document, id: &str, extension: &str, used: &mut BTreeSet<String>) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    let stem = format!(
        "{}-{}",
        document.sv(),
        if safe.is_empty() { "utan-id" } else { safe }
    );
    let mut name = format!("{stem}.{extension}");
    let mut n = 1;
    while !used.insert(name.clone()) {
        n += 1;
        name = format!("{stem}-{n}.{extension}");
    }
    name
}

/// `--format`, else the extension of `--output` (`markdown` for a name without one), else
/// `markdown`.
fn format(args: &BriefArgs) -> Result<DocumentFormat> {
    super::output::pick(
        "brief",
        super::output::DOCUMENTS,
        args.format,
        args.output.as_deref(),
        DocumentFormat::Markdown,
    )
}

/// The brief's writer for a format of the command line.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_of_a_document_has_its_extensions() {
        let missing = super::super::output::formats_without_extensions::<DocumentFormat, _>(
            super::super::output::DOCUMENTS,
        );
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn a_file_name_holds_no_separator_and_is_never_used_twice() {
        let mut used = BTreeSet::new();
        let mut name = |id| file_name(Document::Brief, id, "md", &mut used);
        assert_eq!(name("2026-007"), "beslutsunderlag-2026-007.md");
        assert_eq!(name("../../x"), "beslutsunderlag-_.._x.md");
        assert_eq!(name("2026-007"), "beslutsunderlag-2026-007-2.md");
        assert_eq!(name(""), "beslutsunderlag-utan-id.md");
        assert_eq!(name("a\nb/c"), "beslutsunderlag-a_b_c.md");
    }
}
