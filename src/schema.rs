//! Generates the JSON Schemas (draft-07) of a case file and of `ordnat.toml` from the Rust types.
//!
//! The case schema is also what the format walk reads, so it is built once per run.
//! May use: `model`, `config`.

use crate::config::Config;
use crate::model::{Case, REQUIRED_BY_KIND};
use serde_json::{Value, json};
use std::sync::OnceLock;

/// The case schema, as committed in `schemas/arende.schema.json`.
pub fn case_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(build_case_schema)
}

fn build_case_schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<Case>().to_value();
    let conditions: Vec<Value> = REQUIRED_BY_KIND
        .iter()
        .map(|(kind, keys)| {
            json!({
                "if": { "properties": { "typ": { "const": kind } }, "required": ["typ"] },
                "then": { "required": keys }
            })
        })
        .collect();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("allOf".into(), Value::Array(conditions));
    }
    schema
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
