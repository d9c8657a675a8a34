//! The committee's documents around a meeting, made from the cases: the agenda and the draft
//! minutes (`agenda`), numbered alike, and the decision briefs (`brief`). The report
//! (`report`) gives the sections the agenda shows for information; the process (`process`)
//! decides which cases each item holds. Each is written the same way in each format
//! (`write`): its data as JSON, or drawn as a document by the writers of `document`.
//!
//! May use: `config`, `model`, `process`, `read`, `diagnostic`, `checklist`, `document`,
//! `report`, `text`.

pub mod agenda;
pub mod brief;

use crate::document::{Head, Section};
use std::io::{self, Write};

/// What every page of a document that shows `sekretess` values (`--visa-sekretess`) carries.
pub const CONFIDENTIAL_NOTICE: &str = "Innehåller uppgifter som omfattas av sekretess";

/// The formats the committee's documents are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
    Docx,
}

/// A committee document drawn for people to read: its head, the table of contents an HTML
/// page shows (anchor and heading), and its sections.
pub struct Drawn {
    pub head: Head,
    pub contents: Vec<(String, String)>,
    pub sections: Vec<Section>,
}

/// Writes a committee document in `format`: `data` as JSON, or the document `draw` makes in
/// Markdown, HTML or Word.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    data: &impl serde::Serialize,
    draw: impl FnOnce() -> Drawn,
) -> io::Result<()> {
    match format {
        Format::Json => crate::report::json_write(out, data),
        Format::Markdown => {
            let d = draw();
            crate::document::markdown::write(out, &d.head, d.sections)
        }
        Format::Html => {
            let d = draw();
            crate::document::html::write(out, &d.head, &d.contents, d.sections)
        }
        Format::Docx => {
            let d = draw();
            crate::document::docx::write(out, &d.head, d.sections)
        }
    }
}
