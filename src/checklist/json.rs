//! The checklist as JSON with stable field names and a `version`, for other tools. Control
//! characters in its strings are shown as visible escapes (`text::sanitize::Json`).

use super::Output;

/// The checklist's Json format.
pub struct Json;

impl super::Writer for Json {
    fn render(&self, output: &Output) -> String {
        render(output)
    }
}

fn render(output: &Output) -> String {
    let mut text = crate::text::sanitize::to_json_pretty(output).unwrap_or_default();
    text.push('\n');
    text
}
