//! The checklist as JSON with stable field names and a `version`, for other tools. Control
//! characters in its strings are shown as visible escapes (`text::sanitize::Json`).

use super::{Checklist, Head, Meeting};
use crate::text::sanitize::Json as Shown;
use serde::{Serialize, Serializer};
use serde_json::ser::PrettyFormatter;
use std::cell::RefCell;
use std::io::{self, Write};

/// The checklist's Json format.
pub struct Json;

impl super::Writer for Json {
    fn write(
        &self,
        head: &Head,
        checklists: &mut dyn Iterator<Item = Checklist>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let document = Document {
            version: head.version,
            shows_confidential: head.shows_confidential,
            meeting: head.meeting.as_ref(),
            checklists: Streamed(RefCell::new(checklists)),
        };
        let formatter = Shown(PrettyFormatter::new());
        document
            .serialize(&mut serde_json::Serializer::with_formatter(
                &mut *out, formatter,
            ))
            .map_err(io::Error::from)?;
        out.write_all(b"\n")
    }
}

/// What is printed: one checklist, or those of the cases heading for a meeting.
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    /// Whether confidential values are included.
    shows_confidential: bool,
    /// Set when the checklists are those of a committee meeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    meeting: Option<&'a Meeting>,
    checklists: Streamed<'a>,
}

/// The checklists as a JSON array, each written as the iterator gives it. serde serializes
/// through a shared reference, so the iterator, used once, sits in a `RefCell`.
struct Streamed<'a>(RefCell<&'a mut dyn Iterator<Item = Checklist>>);

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut checklists = self.0.borrow_mut();
        s.collect_seq(&mut *checklists)
    }
}
