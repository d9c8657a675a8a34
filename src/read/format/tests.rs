//! Tests of the format compiled from the JSON Schema.

use super::*;
use serde_json::json;

/// Every JSON object in `schema` reached through a keyword that holds schemas.
fn subschemas<'a>(schema: &'a Json, at: String, out: &mut Vec<(String, &'a Json)>) {
    out.push((at.clone(), schema));
    let Some(obj) = schema.as_object() else {
        return;
    };
    for (keyword, value) in obj {
        match (keyword.as_str(), value) {
            ("properties" | "definitions", Json::Object(map)) => {
                for (k, v) in map {
                    subschemas(v, format!("{at}/{keyword}/{k}"), out);
                }
            }
            ("anyOf" | "oneOf" | "allOf", Json::Array(items)) => {
                for (i, v) in items.iter().enumerate() {
                    subschemas(v, format!("{at}/{keyword}/{i}"), out);
                }
            }
            ("items" | "if" | "then" | "else" | "not" | "additionalProperties", v)
                if v.is_object() =>
            {
                subschemas(v, format!("{at}/{keyword}"), out);
            }
            _ => {}
        }
    }
}

#[test]
fn the_case_schema_compiles_and_every_node_has_a_shape() {
    let schema = crate::schema::case_schema();
    let format = match Format::compile(schema) {
        Ok(f) => f,
        Err(e) => panic!("the case schema uses a construct the walk does not know: {e}"),
    };
    assert!(case_format().is_ok());
    // Every node of the schema is one the compiler accepts on its own: a node that is a
    // shape (not only part of an `if`/`then` condition) compiles without an error.
    let mut nodes = Vec::new();
    subschemas(schema, "#".to_string(), &mut nodes);
    assert!(nodes.len() > 100, "{}", nodes.len());
    let mut checked = 0;
    for (at, node) in &nodes {
        // The root is compiled above; conditions and null branches are parts of a shape.
        let null_branch = node.get("type").and_then(Json::as_str) == Some("null");
        if at.contains("/allOf/") || at == "#" || null_branch {
            continue;
        }
        let mut compiler = Compiler {
            root: schema,
            defs: Vec::new(),
            done: HashMap::new(),
            active: Vec::new(),
        };
        if let Err(e) = compiler.node(node, at) {
            panic!("{at}: {e}");
        }
        checked += 1;
    }
    assert!(checked > 100);
    // The conditions are compiled: a drug needs `substans` and `förskrivning`.
    let Shape::Object(root) = &format.defs[format.root.def].shape else {
        panic!("the case is not a mapping")
    };
    // One condition per kind that requires keys or narrows recommendation words.
    let conditions = schema["allOf"].as_array().map_or(0, Vec::len);
    assert_eq!(root.conditions.len(), conditions);
    assert!(conditions >= crate::model::REQUIRED_BY_KIND.len());
    assert!(root.properties.iter().any(|p| p.key == "sekretess"));
}

/// The key paths of every date of the format (`uppföljning[].planerad`), each with a
/// document that holds a date there, built into `doc`.
fn date_paths(format: &Format, slot: Slot, at: &str, doc: &mut Json, out: &mut Vec<String>) {
    match &format.defs[slot.def].shape {
        Shape::Object(o) => {
            *doc = json!({});
            for p in &o.properties {
                let path = if at.is_empty() {
                    p.key.clone()
                } else {
                    format!("{at}.{}", p.key)
                };
                let mut inner = Json::Null;
                date_paths(format, p.slot, &path, &mut inner, out);
                if !inner.is_null() {
                    doc[p.key.as_str()] = inner;
                }
            }
            if doc.as_object().is_some_and(|o| o.is_empty()) {
                *doc = Json::Null;
            }
        }
        Shape::Array(items) => {
            let mut inner = Json::Null;
            date_paths(format, *items, &format!("{at}[]"), &mut inner, out);
            if !inner.is_null() {
                *doc = json!([inner]);
            }
        }
        Shape::Date => {
            // A date of its own for every path: day n of 2026.
            let day =
                chrono::NaiveDate::from_yo_opt(2026, out.len() as u32 + 1).expect("a day of 2026");
            *doc = json!(day.to_string());
            out.push(at.to_string());
        }
        _ => {}
    }
}

#[test]
fn the_case_lists_every_date_of_the_format() {
    let format = case_format().expect("case format");
    let (mut doc, mut paths) = (Json::Null, Vec::new());
    date_paths(format, format.root, "", &mut doc, &mut paths);
    assert!(paths.len() > 20, "{paths:?}");
    let text = serde_json::to_string_pretty(&doc).expect("json");
    let case = crate::read::case_from_text(&text).expect("a case");
    let listed: Vec<(String, String)> = case
        .dates()
        .iter()
        .map(|d| (d.key.to_string(), d.date.value.to_string()))
        .collect();
    let written: Vec<(String, String)> = paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let day = chrono::NaiveDate::from_yo_opt(2026, i as u32 + 1).expect("day");
            (p.clone(), day.to_string())
        })
        .collect();
    let sorted = |mut v: Vec<(String, String)>| {
        v.sort();
        v
    };
    assert_eq!(sorted(listed), sorted(written));
}

fn compile_error(schema: Json) -> String {
    match Format::compile(&schema) {
        Ok(_) => panic!("compiled: {schema}"),
        Err(e) => e.to_string(),
    }
}

fn case_with(property: Json) -> Json {
    json!({
        "type": "object",
        "additionalProperties": false,
        "properties": { "x": property },
        "definitions": { "D": { "type": "string" } }
    })
}

#[test]
fn unknown_schema_constructs_are_errors_not_anything() {
    let cases = [
        (json!({ "type": "number" }), "typen `number`"),
        (json!({ "type": "strange" }), "typen `strange`"),
        (
            json!({ "$ref": "#/definitions/Nope" }),
            "pekar inte på något",
        ),
        (json!({ "$ref": "#/$defs/D" }), "bara `#/definitions/…`"),
        (
            json!({ "type": "string", "format": "email" }),
            "formatet `email`",
        ),
        (
            json!({ "type": "integer", "format": "uint8" }),
            "heltalsformatet `uint8`",
        ),
        (json!({ "type": "string", "pattern": "^a" }), "`pattern`"),
        (json!({ "type": "string", "maxLength": 3 }), "`maxLength`"),
        (json!({ "type": "integer", "maximum": 3 }), "`maximum`"),
        (
            json!({ "type": "array", "items": { "type": "string" }, "minItems": 1 }),
            "`minItems`",
        ),
        (json!({ "type": "array" }), "utan ett schema i `items`"),
        (json!({}), "utan `type`"),
        (json!({ "description": "vad som helst" }), "utan `type`"),
        (json!(true), "inte är en mappning"),
        (json!({ "type": ["string", "integer"] }), "flera typer"),
        (
            json!({ "type": "object", "properties": {} }),
            "additionalProperties",
        ),
        (
            json!({ "type": "object", "additionalProperties": true }),
            "additionalProperties",
        ),
        (
            json!({ "$ref": "#/definitions/D", "type": "integer" }),
            "`type`",
        ),
        (
            json!({ "anyOf": [{ "type": "string" }, { "type": "integer" }] }),
            "annat än ord",
        ),
        (json!({ "not": { "type": "string" } }), "`not`"),
        // The editor shape: a `type` beside a union must say what the branches allow, a
        // date's pattern must be the date pattern, and `allOf` wraps one reference.
        (
            json!({ "type": "integer", "anyOf": [{ "$ref": "#/definitions/D" }] }),
            "stämmer inte",
        ),
        (
            json!({ "type": "string", "anyOf": [{ "$ref": "#/definitions/D" }, { "type": "null" }] }),
            "stämmer inte",
        ),
        (
            json!({ "type": "string", "format": "date", "pattern": "^[0-9]+$" }),
            "`pattern`",
        ),
        (
            json!({ "type": "string", "allOf": [{ "$ref": "#/definitions/D" }, { "$ref": "#/definitions/D" }] }),
            "en enda `$ref`",
        ),
        (json!({ "enum": [1, 2] }), "inte en text"),
    ];
    for (property, expected) in cases {
        let message = compile_error(case_with(property.clone()));
        assert!(message.contains(expected), "{property}: {message}");
        assert!(message.contains("#/properties/x"), "{property}: {message}");
    }
    // A definition that nothing refers to is checked too.
    let unused = json!({
        "type": "object", "additionalProperties": false, "properties": {},
        "definitions": { "Unused": { "type": "number" } }
    });
    assert!(compile_error(unused).contains("#/definitions/Unused"));
    // A condition whose key is not required would hold when the key is absent.
    let loose_if = json!({
        "type": "object", "additionalProperties": false,
        "properties": { "typ": { "type": "string" }, "a": { "type": "string" } },
        "allOf": [{ "if": { "properties": { "typ": { "const": "x" } } },
                    "then": { "required": ["a"] } }]
    });
    assert!(compile_error(loose_if).contains("står inte i `required`"));
}
