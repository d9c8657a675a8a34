//! The Markdown format: the report as an annex to the agenda (`document::markdown`).

use super::{Report, view};
use std::io::{self, Write};

/// The Markdown format of `report`.
pub struct Markdown;

impl super::Writer for Markdown {
    fn report(&self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        crate::document::markdown::write(out, &view::head(&r.header), view::sections(r))
    }
}
