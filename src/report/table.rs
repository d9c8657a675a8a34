//! The terminal format: the report's sections as tables that fit the terminal
//! (`document::terminal`; 100 columns when not a terminal).

use super::{Report, view};
use crate::text::table;
use std::io::{self, Write};

/// The terminal format of `report`: plain text with tables `width` columns wide (100 when
/// `None`).
pub struct Plain {
    pub width: Option<u16>,
}

impl super::Writer for Plain {
    fn report(&self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        let width = self.width.unwrap_or(table::DEFAULT_WIDTH);
        crate::document::terminal::write(out, &view::head(&r.header), view::sections(r), width)
    }
}
