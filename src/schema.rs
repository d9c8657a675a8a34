//! Generates the JSON Schemas (draft-07) of a case file and of `ordnat.toml` from the Rust types.
//!
//! The case schema is also what the format walk reads, so it is built once per run. What
//! depends on the case's `typ` is added as `allOf`/`if`/`then`: the keys a drug requires
//! (read back by the walk) and the recommendation types of NT-rådet and MTP-rådet (for
//! editors; the rule `invalid-value` checks them, since the walk reads the type as text).
//!
//! Both schemas are then shaped for editors (`for_editors`), as yaml-language-server reads
//! them: every property schema has a `type` (so that completing a key inserts `key: `), the
//! field's own doc comment is its hover text (a definition carries a `title` and no
//! description of its own, which would win over the field's), doc comments are unwrapped and
//! also given as `markdownDescription` (so that backticks show as code), a choice of words is
//! `{ type: string, enum }` with a description per word, dates carry `DATE_PATTERN`, and every
//! leaf has a Swedish `errorMessage`. The schemas stay valid draft-07 under a strict validator
//! (ajv `strict: true`) that knows the editor's keywords, `EDITOR_KEYWORDS`.
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
            let mut properties = serde_json::Map::new();
            if let Some((_, keys)) = REQUIRED_BY_KIND.iter().find(|(k, _)| *k == kind_word) {
                then.insert("required".into(), json!(keys));
                // Each required key is named in `properties` too, constraining nothing: a strict
                // validator (ajv's `strictRequired`) asks that a required key be declared there.
                for key in keys.iter() {
                    properties.insert(key.to_string(), json!({}));
                }
            }
            if let Some(types) = recommendation_types(kind) {
                properties.insert(
                    "rekommendationer".into(),
                    json!({
                        "type": ["array", "null"],
                        "items": { "type": "object", "properties": { "typ": types } }
                    }),
                );
            }
            if !properties.is_empty() {
                then.insert("properties".into(), Value::Object(properties));
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
    for_editors(&mut schema);
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
    let mut all = schemars::schema_for!(RecommendationType).to_value();
    enum_form(&mut all);
    let words: Vec<&str> = allowed.iter().map(word).collect();
    let listed = |key: &str| -> Vec<Value> {
        all.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let (mut kept, mut described) = (Vec::new(), Vec::new());
    for (w, d) in listed("enum")
        .into_iter()
        .zip(listed("markdownEnumDescriptions"))
    {
        if w.as_str().is_some_and(|w| words.contains(&w)) {
            kept.push(w);
            described.push(d);
        }
    }
    Some(json!({
        "type": "string",
        "enum": kept,
        "markdownEnumDescriptions": described,
        "errorMessage": one_of_message(&words),
    }))
}

/// The schema of `ordnat.toml`, as committed in `schemas/ordnat.schema.json`.
pub fn config_schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<Config>().to_value();
    for_editors(&mut schema);
    schema
}

/// The pattern of a date as `ordnat check` reads it, `ÅÅÅÅ-MM-DD` with a month 01–12 and a day
/// 01–31 (the same as yaml-language-server's `format: date`). That the day exists in its month
/// (not 2026-02-30) is beyond a pattern: `ordnat check` says so.
pub const DATE_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// The keywords of yaml-language-server (and VS Code) that the schemas use beyond draft-07. They
/// only change what an editor shows, never what is valid; a strict validator is told of them.
pub const EDITOR_KEYWORDS: &[&str] = &[
    "markdownDescription",
    "markdownEnumDescriptions",
    "errorMessage",
    "doNotSuggest",
    "deprecationMessage",
];

const DATE_MESSAGE: &str = "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-22.";
const TEXT_MESSAGE: &str =
    "Skriv en text (inom citattecken om den annars läses som ett tal eller `true`/`false`).";
const INTEGER_MESSAGE: &str = "Skriv ett heltal, noll eller större, med bara siffror.";
const BOOLEAN_MESSAGE: &str = "Skriv `true` (ja) eller `false` (nej).";
const LIST_MESSAGE: &str = "Skriv en lista: `[a, b]` eller en rad `- …` per element.";
const SECTION_MESSAGE: &str = "Skriv avsnittet som en mappning: nycklar med värden på egna rader.";

fn one_of_message(words: &[impl AsRef<str>]) -> String {
    let words: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
    format!("Skriv ett av: {}.", words.join(", "))
}

/// Shapes a generated schema for editors (see the module's doc); what is valid stays the same.
fn for_editors(schema: &mut Value) {
    // The JSON type of each definition, after its words are put in enum form.
    let kinds: std::collections::HashMap<String, Value> = schema
        .get("definitions")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, def)| {
            let mut def = def.clone();
            enum_form(&mut def);
            (
                format!("#/definitions/{name}"),
                def.get("type").cloned().unwrap_or(Value::Null),
            )
        })
        .collect();
    if let Some(defs) = schema.get_mut("definitions").and_then(Value::as_object_mut) {
        for def in defs.values_mut() {
            node_for_editors(def, &kinds, false);
            if let Some(def) = def.as_object_mut() {
                // A definition's own description would be shown instead of the field's.
                if let Some(d) = def.remove("description")
                    && !def.contains_key("title")
                {
                    def.insert("title".into(), d);
                }
                def.remove("markdownDescription");
            }
        }
    }
    // The root, its properties and its conditions (but not the definitions again).
    let definitions = schema.as_object_mut().and_then(|o| o.remove("definitions"));
    node_for_editors(schema, &kinds, false);
    if let (Some(obj), Some(defs)) = (schema.as_object_mut(), definitions) {
        obj.insert("definitions".into(), defs);
    }
}

/// One schema node and everything below it.
/// `branch`: the node is a branch of `anyOf`/`allOf`/`oneOf`, where a bare `$ref` stays.
fn node_for_editors(
    node: &mut Value,
    kinds: &std::collections::HashMap<String, Value>,
    branch: bool,
) {
    enum_form(node);
    let Some(obj) = node.as_object_mut() else {
        return;
    };
    for keyword in ["description", "title"] {
        if let Some(Value::String(d)) = obj.get_mut(keyword) {
            *d = unwrap_lines(d);
        }
    }
    if let Some(Value::String(d)) = obj.get("description") {
        let d = d.clone();
        obj.insert("markdownDescription".into(), Value::String(d));
    }
    // Integers: schemars's `uint64`-like formats are unknown to validators; `minimum` stays.
    if let Some(Value::String(f)) = obj.get("format")
        && (f.starts_with("uint") || f.starts_with("int"))
    {
        if f.starts_with("uint") && !obj.contains_key("minimum") {
            obj.insert("minimum".into(), json!(0));
        }
        obj.remove("format");
    }
    if obj.get("format").and_then(Value::as_str) == Some("date") {
        obj.insert("pattern".into(), json!(DATE_PATTERN));
    }
    // A property that is a reference (perhaps or null) is given the type of what it refers to.
    let reference = |v: &Value| v.get("$ref").and_then(Value::as_str).map(str::to_string);
    let own_reference = obj.get("$ref").and_then(Value::as_str).map(str::to_string);
    if let Some(r) = own_reference.filter(|_| !branch) {
        obj.remove("$ref");
        obj.insert("allOf".into(), json!([{ "$ref": r }]));
    }
    if !obj.contains_key("type") && !obj.contains_key("properties") {
        for keyword in ["anyOf", "allOf"] {
            let Some(branches) = obj.get(keyword).and_then(Value::as_array) else {
                continue;
            };
            let mut types: Vec<Value> = Vec::new();
            for b in branches {
                let t = match reference(b) {
                    Some(r) => kinds.get(&r).cloned().unwrap_or(Value::Null),
                    None => b.get("type").cloned().unwrap_or(Value::Null),
                };
                match t {
                    Value::String(_) => types.push(t),
                    Value::Array(ts) => types.extend(ts),
                    _ => {}
                }
            }
            types.dedup();
            match types.len() {
                0 => {}
                1 => {
                    obj.insert("type".into(), types.remove(0));
                }
                _ => {
                    obj.insert("type".into(), Value::Array(types));
                }
            }
        }
    }
    let ty: Vec<String> = match obj.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    };
    let main = ty.iter().find(|t| *t != "null").map(String::as_str);
    let is_ref = obj.contains_key("anyOf") || obj.contains_key("allOf");
    let message = match main {
        _ if obj.contains_key("errorMessage") => None,
        Some("string") if obj.contains_key("enum") => None,
        Some("string") if obj.get("format").and_then(Value::as_str) == Some("date") => {
            Some(DATE_MESSAGE.to_string())
        }
        Some("string") if !is_ref => Some(TEXT_MESSAGE.to_string()),
        Some("integer") => Some(INTEGER_MESSAGE.to_string()),
        Some("boolean") => Some(BOOLEAN_MESSAGE.to_string()),
        Some("array") => Some(LIST_MESSAGE.to_string()),
        // Only a section's wrapper: on the section itself it would replace the messages
        // about its keys.
        Some("object") if is_ref => Some(SECTION_MESSAGE.to_string()),
        _ => None,
    };
    if let Some(m) = message {
        obj.insert("errorMessage".into(), Value::String(m));
    }
    for (keyword, value) in obj.iter_mut() {
        match (keyword.as_str(), value) {
            ("properties" | "definitions", Value::Object(map)) => {
                map.values_mut()
                    .for_each(|v| node_for_editors(v, kinds, false));
            }
            ("anyOf" | "oneOf" | "allOf", Value::Array(items)) => {
                items
                    .iter_mut()
                    .for_each(|v| node_for_editors(v, kinds, true));
            }
            ("items" | "if" | "then" | "else" | "additionalProperties", v) if v.is_object() => {
                node_for_editors(v, kinds, false)
            }
            _ => {}
        }
    }
}

/// `oneOf` of words (`{ type: string, const, description }`, as schemars writes an enum) to
/// `{ type: string, enum, markdownEnumDescriptions, errorMessage }`: an editor then inserts
/// `key: ` and lists the words, each with its description.
fn enum_form(node: &mut Value) {
    let Some(obj) = node.as_object_mut() else {
        return;
    };
    let Some(branches) = obj.get("oneOf").and_then(Value::as_array) else {
        return;
    };
    let mut words = Vec::new();
    let mut described = Vec::new();
    for b in branches {
        let Some(w) = b.get("const").and_then(Value::as_str) else {
            return;
        };
        if b.get("type").and_then(Value::as_str) != Some("string") {
            return;
        }
        words.push(w.to_string());
        let d = b
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default();
        described.push(Value::String(unwrap_lines(d)));
    }
    obj.remove("oneOf");
    obj.insert("type".into(), json!("string"));
    obj.insert("errorMessage".into(), json!(one_of_message(&words)));
    obj.insert("enum".into(), json!(words));
    obj.insert("markdownEnumDescriptions".into(), Value::Array(described));
}

/// A doc comment with its lines joined: a single line break (the comment's wrapping) becomes a
/// space; an empty line still parts paragraphs.
pub fn unwrap_lines(text: &str) -> String {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The committed text of a schema: pretty JSON with a final newline.
pub fn to_text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}
