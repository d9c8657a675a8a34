//! Generates the JSON Schemas (draft-07) of a case file and of `ordnat.toml` from the Rust types.
//!
//! The case schema is also what the format walk reads, so it is built once per run. What
//! depends on the case's `typ` is added as `allOf`/`if`/`then`: the keys a drug requires
//! (read back by the walk) and the recommendation types of NT-rådet and MTP-rådet (for
//! editors; the rule `invalid-value` checks them, since the walk reads the type as text).
//! May use: `model`, `config`.

use crate::config::Config;
use crate::model::{Case, Kind, REQUIRED_BY_KIND, RecommendationType, word};
use serde_json::{Value, json};
use std::sync::OnceLock;

/// The case schema, as committed in `schemas/arende.schema.json`.
pub fn case_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(build_case_schema)
}

/// The case schema: the types' schema plus one `if typ = … then …` per kind of case.
fn build_case_schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<Case>().to_value();
    let conditions: Vec<Value> = [Kind::Drug, Kind::Device, Kind::Guideline]
        .into_iter()
        .filter_map(|kind| {
            let kind_word = word(&kind);
            let mut then = serde_json::Map::new();
            if let Some((_, keys)) = REQUIRED_BY_KIND.iter().find(|(k, _)| *k == kind_word) {
                then.insert("required".into(), json!(keys));
            }
            if let Some(types) = recommendation_types(kind) {
                then.insert(
                    "properties".into(),
                    json!({ "rekommendationer": { "items": { "properties": { "typ": types } } } }),
                );
            }
            (!then.is_empty()).then(|| {
                json!({
                    "if": { "properties": { "typ": { "const": kind_word } }, "required": ["typ"] },
                    "then": then
                })
            })
        })
        .collect();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("allOf".into(), Value::Array(conditions));
    }
    schema
}

/// The recommendation types of a kind of case, each with its description, for an editor to
/// offer: NT-rådet's words for drugs, MTP-rådet's for devices. The format walk reads
/// `rekommendationer[].typ` as text; the rule `invalid-value` checks it against the kind.
fn recommendation_types(kind: Kind) -> Option<Value> {
    let allowed = RecommendationType::allowed(Some(kind));
    if allowed.len() == RecommendationType::ALL.len() {
        return None;
    }
    let all = schemars::schema_for!(RecommendationType).to_value();
    let words: Vec<String> = allowed.iter().map(word).collect();
    let branches: Vec<Value> = all
        .get("oneOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|b| {
            b.get("const")
                .and_then(Value::as_str)
                .is_some_and(|c| words.iter().any(|w| w == c))
        })
        .cloned()
        .collect();
    Some(json!({ "oneOf": branches }))
}

/// The schema of `ordnat.toml`, as committed in `schemas/ordnat.schema.json`.
pub fn config_schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    generator.into_root_schema_for::<Config>().to_value()
}

/// The committed text of a schema: pretty JSON with a final newline.
pub fn to_text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}
