//! The JSON format: the collected data as it is, with stable field names and a `version`
//! (see the README, "Kommittérapport").

/// Pretty JSON and a final line break.
pub fn to_string<T: serde::Serialize>(value: &T) -> String {
    // The report's types are plain structs, lists and strings: serialising them cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}
