//! The HTML format: the report as one page, printable on A4, with its charts and a table of
//! contents (`document::html`).

use super::{Report, view};
use std::io::{self, Write};

/// The HTML format of `report`: one page.
pub struct Html;

impl super::Writer for Html {
    fn report(&self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        let head = view::head(&r.header);
        crate::document::html::write(out, &head, &view::contents(r), view::sections(r))
    }
}
