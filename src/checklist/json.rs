//! The checklist as JSON with stable field names and a `version`, for other tools. Control
//! characters in its strings are shown as visible escapes (`text::sanitize::Json`).

use super::Output;

pub fn render(output: &Output) -> String {
    let mut text = crate::text::sanitize::to_json_pretty(output).unwrap_or_default();
    text.push('\n');
    text
}
