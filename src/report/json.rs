//! The JSON format: the collected data as it is, with stable field names and a `version`
//! (see the README, "Kommittérapport"), pretty-printed by `serde_json`. Control characters in
//! every string are shown as visible escapes (`text::sanitize::Json` around serde's pretty
//! formatter).

use crate::text::sanitize::Json as Shown;
use serde::Serialize;
use serde_json::ser::{PrettyFormatter, Serializer};
use std::io::{self, Write};

/// Writes `value` as pretty JSON with a final line break to `out`.
pub fn write(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let mut serializer = Serializer::with_formatter(&mut out, Shown(PrettyFormatter::new()));
    value.serialize(&mut serializer).map_err(io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The JSON format of `report`.
pub struct Json;

impl super::Writer for Json {
    fn report(&self, report: &super::Report, out: &mut dyn Write) -> io::Result<()> {
        write(out, report)
    }
}
