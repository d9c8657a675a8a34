//! The checklist as JSON with stable field names and a `version`, for other tools.

use super::Output;

pub fn render(output: &Output) -> String {
    let mut text = serde_json::to_string_pretty(output).unwrap_or_default();
    text.push('\n');
    text
}
