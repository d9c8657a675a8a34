//! Walks a YAML tree against the case format and reports every format problem, each at its
//! position: unknown keys (with a did-you-mean), missing keys, wrong types, values outside an
//! enum, bad dates, placeholders and duplicate keys.
//!
//! The format is read from the JSON Schema generated from the case types (`schema.rs`), so the
//! types stay the one declaration of the format. The walk returns a pruned tree that holds only
//! the values that fit, from which the typed case is then built without further errors.

use super::tree::{Entry, Node, Value};
use crate::diagnostic::Diagnostic;
use crate::model::Pos;
use crate::rule_id::RuleId;
use crate::text::{closest, fold, parse_date};
use serde_json::Value as Json;
use std::collections::HashMap;

/// Checks `root` against `schema`; returns the pruned tree and the diagnostics.
pub fn walk(root: &Node, schema: &Json) -> (Node, Vec<Diagnostic>) {
    let mut walker = Walker {
        root: schema,
        diags: Vec::new(),
    };
    if root.value == Value::Null {
        let required = string_list(schema.get("required"));
        walker.diags.push(
            Diagnostic::new(
                RuleId::MissingField,
                root.pos,
                "filen är tom: ett ärende saknas",
            )
            .hint(format!(
                "skriv ärendet som en mappning med minst {}",
                quoted_list(&required)
            )),
        );
        return (root.clone(), walker.diags);
    }
    let pruned = walker
        .node(root, schema, root.pos, "")
        .unwrap_or_else(|| Node {
            pos: root.pos,
            bytes: root.bytes,
            value: Value::Map(Vec::new()),
        });
    (pruned, walker.diags)
}

struct Walker<'s> {
    root: &'s Json,
    diags: Vec<Diagnostic>,
}

/// What a schema asks of a node, once `$ref`, nullability and enums are unfolded.
enum Shape<'s> {
    Enum(Vec<&'s str>),
    Object(&'s Json),
    Array(&'s Json),
    Date,
    Text,
    Integer(Option<i64>),
    Boolean,
    Any,
}

impl<'s> Walker<'s> {
    fn resolve(&self, schema: &'s Json) -> &'s Json {
        let mut s = schema;
        for _ in 0..32 {
            match s.get("$ref").and_then(Json::as_str) {
                Some(r) => {
                    let name = r.rsplit('/').next().unwrap_or_default();
                    match self.root.get("definitions").and_then(|d| d.get(name)) {
                        Some(target) => s = target,
                        None => return s,
                    }
                }
                None => return s,
            }
        }
        s
    }

    /// Unfolds a schema into its shape and whether null is allowed.
    fn shape(&self, schema: &'s Json) -> (Shape<'s>, bool) {
        let s = self.resolve(schema);
        let branches = s
            .get("anyOf")
            .or_else(|| s.get("oneOf"))
            .and_then(Json::as_array);
        if let Some(branches) = branches {
            let is_null = |b: &Json| b.get("type").and_then(Json::as_str) == Some("null");
            let nullable = branches.iter().any(is_null);
            let rest: Vec<&'s Json> = branches.iter().filter(|b| !is_null(b)).collect();
            if rest.len() == 1 {
                let (shape, inner_nullable) = self.shape(rest[0]);
                return (shape, nullable || inner_nullable);
            }
            let mut values = Vec::new();
            for b in rest {
                values.extend(enum_values(self.resolve(b)));
            }
            return (Shape::Enum(values), nullable);
        }
        let values = enum_values(s);
        if !values.is_empty() {
            return (Shape::Enum(values), false);
        }
        let (ty, nullable) = match s.get("type") {
            Some(Json::String(t)) => (t.as_str(), false),
            Some(Json::Array(ts)) => {
                let nullable = ts.iter().any(|t| t == "null");
                let ty = ts
                    .iter()
                    .filter_map(Json::as_str)
                    .find(|t| *t != "null")
                    .unwrap_or("null");
                (ty, nullable)
            }
            _ => ("any", true),
        };
        let shape = match ty {
            "object" => Shape::Object(s),
            "array" => Shape::Array(s.get("items").unwrap_or(&Json::Null)),
            "string" if s.get("format").and_then(Json::as_str) == Some("date") => Shape::Date,
            "string" => Shape::Text,
            "integer" => Shape::Integer(s.get("minimum").and_then(Json::as_i64)),
            "boolean" => Shape::Boolean,
            _ => Shape::Any,
        };
        (shape, nullable)
    }

    /// Checks one node; `None` when it does not fit and is to be left out of the pruned tree.
    /// `holder` is the position of the key that holds the node, `path` its dotted key path.
    fn node(&mut self, node: &Node, schema: &'s Json, holder: Pos, path: &str) -> Option<Node> {
        let (shape, nullable) = self.shape(schema);
        if node.value == Value::Null {
            if nullable {
                return Some(node.clone());
            }
            let hint = match &shape {
                Shape::Enum(values) => format!("skriv ett av: {}", values.join(", ")),
                Shape::Date => "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-22".to_string(),
                _ => "skriv ett värde eller ta bort nyckeln".to_string(),
            };
            self.invalid(holder, format!("`{path}` är tomt"), hint);
            return None;
        }
        match shape {
            Shape::Object(s) => self.object(node, s, holder, path),
            Shape::Array(items) => self.array(node, items, path),
            Shape::Enum(values) => self.enumeration(node, &values, path),
            Shape::Date => self.date(node, path),
            Shape::Text => self.text(node, path),
            Shape::Integer(min) => self.integer(node, min, path),
            Shape::Boolean => self.boolean(node, path),
            Shape::Any => Some(node.clone()),
        }
    }

    fn object(&mut self, node: &Node, schema: &'s Json, holder: Pos, path: &str) -> Option<Node> {
        let Value::Map(entries) = &node.value else {
            self.wrong_kind(node, path, "en mappning (nycklar med värden på egna rader)");
            return None;
        };
        static EMPTY: std::sync::LazyLock<serde_json::Map<String, Json>> =
            std::sync::LazyLock::new(serde_json::Map::new);
        let properties: &'s serde_json::Map<String, Json> = schema
            .get("properties")
            .and_then(Json::as_object)
            .unwrap_or(&EMPTY);
        let mut seen: HashMap<&str, Pos> = HashMap::new();
        let mut suggested: Vec<&str> = Vec::new();
        let mut kept = Vec::new();
        for entry in entries {
            let child_path = join(path, &entry.key);
            if let Some(first) = seen.get(entry.key.as_str()) {
                self.diags.push(
                    Diagnostic::new(
                        RuleId::DuplicateKey,
                        entry.key_pos,
                        format!(
                            "`{}` står två gånger i samma mappning (första gången på rad {})",
                            entry.key, first.line
                        ),
                    )
                    .hint("ta bort den ena förekomsten; ordnat läser bara den första"),
                );
                continue;
            }
            seen.insert(&entry.key, entry.key_pos);
            let Some(child_schema) = properties.get(&entry.key) else {
                let known: Vec<&str> = properties.keys().map(String::as_str).collect();
                if let Some(meant) = self.unknown_key(entry, &known, path) {
                    suggested.push(meant);
                }
                continue;
            };
            if let Some(mut value) =
                self.node(&entry.value, child_schema, entry.key_pos, &child_path)
            {
                // A section is shown at its key (`beslut:`), not at its first inner line.
                if matches!(value.value, Value::Map(_) | Value::Seq(_)) {
                    value.pos = entry.key_pos;
                }
                kept.push(Entry {
                    key: entry.key.clone(),
                    key_pos: entry.key_pos,
                    value,
                });
            }
        }
        for key in self.required(schema, entries) {
            // A misspelt key is reported once, as unknown with a did-you-mean, not also as missing.
            if !seen.contains_key(key) && !suggested.contains(&key) {
                let whole = if path.is_empty() { "ärendet" } else { path };
                let hint = properties
                    .get(key)
                    .map(|s| self.hint_for(s, key))
                    .unwrap_or_default();
                self.diags.push(
                    Diagnostic::new(
                        RuleId::MissingField,
                        holder,
                        format!("`{whole}` saknar `{key}`"),
                    )
                    .hint(hint),
                );
            }
        }
        Some(Node {
            pos: node.pos,
            bytes: node.bytes,
            value: Value::Map(kept),
        })
    }

    /// The required keys, including those that `allOf`/`if`/`then` adds for this mapping.
    fn required(&self, schema: &'s Json, entries: &[Entry]) -> Vec<&'s str> {
        let mut keys = string_list(schema.get("required"));
        for cond in schema
            .get("allOf")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            let Some(props) = cond
                .get("if")
                .and_then(|i| i.get("properties"))
                .and_then(Json::as_object)
            else {
                continue;
            };
            let holds = props.iter().all(|(k, v)| {
                let want = v.get("const").and_then(Json::as_str);
                entries.iter().find(|e| &e.key == k).is_some_and(
                    |e| matches!(&e.value.value, Value::Str(s) if Some(s.as_str()) == want),
                )
            });
            if holds {
                keys.extend(string_list(
                    cond.get("then").and_then(|t| t.get("required")),
                ));
            }
        }
        keys
    }

    /// What to write for a missing key, from its schema.
    fn hint_for(&self, schema: &'s Json, key: &str) -> String {
        match self.shape(schema).0 {
            Shape::Enum(values) => format!("lägg till `{key}: ` med ett av: {}", values.join(", ")),
            Shape::Date => format!("lägg till `{key}: ÅÅÅÅ-MM-DD`"),
            Shape::Object(_) => format!("lägg till avsnittet `{key}:`"),
            _ => {
                let description = self
                    .resolve(schema)
                    .get("description")
                    .and_then(Json::as_str)
                    .map(|d| format!(" ({})", first_sentence(d)))
                    .unwrap_or_default();
                format!("lägg till `{key}: …`{description}")
            }
        }
    }

    /// Reports an unknown key; returns the known key it is likely a misspelling of.
    fn unknown_key<'k>(&mut self, entry: &Entry, known: &[&'k str], path: &str) -> Option<&'k str> {
        let place = if path.is_empty() {
            "på översta nivån".to_string()
        } else {
            format!("i `{path}`")
        };
        let message = format!("okänd nyckel `{}` {place}", entry.key);
        let meant = closest(&entry.key, known);
        let hint = match meant {
            Some(s) if fold(s) == fold(&entry.key) => {
                format!("menade du `{s}`? Nycklarna skrivs med å, ä och ö")
            }
            Some(s) => format!("menade du `{s}`?"),
            None => format!("kända nycklar här: {}", known.join(", ")),
        };
        self.diags
            .push(Diagnostic::new(RuleId::UnknownField, entry.key_pos, message).hint(hint));
        meant
    }

    fn array(&mut self, node: &Node, items: &'s Json, path: &str) -> Option<Node> {
        let Value::Seq(elements) = &node.value else {
            let example = match &node.value {
                Value::Str(s) => format!("skriv en lista: `[{s}]` eller en rad `- …` per element"),
                _ => "skriv en lista: `[a, b]` eller en rad `- …` per element".to_string(),
            };
            self.invalid(
                node.pos,
                format!("`{path}` ska vara en lista, inte {}", node.value.kind_sv()),
                example,
            );
            return None;
        };
        let kept = elements
            .iter()
            .enumerate()
            .filter_map(|(i, e)| self.node(e, items, e.pos, &format!("{path}[{}]", i + 1)))
            .collect();
        Some(Node {
            pos: node.pos,
            bytes: node.bytes,
            value: Value::Seq(kept),
        })
    }

    fn enumeration(&mut self, node: &Node, values: &[&str], path: &str) -> Option<Node> {
        let allowed = format!("skriv ett av: {}", values.join(", "));
        match &node.value {
            Value::Str(s) if values.contains(&s.as_str()) => Some(node.clone()),
            Value::Str(s) if is_placeholder(s) => {
                self.placeholder(node, s, path, allowed);
                None
            }
            Value::Str(s) => {
                let hint = match closest(s, values) {
                    Some(c) => format!("menade du `{c}`? Tillåtna värden: {}", values.join(", ")),
                    None => allowed,
                };
                self.invalid(
                    node.pos,
                    format!("`{s}` är inte ett tillåtet värde för `{path}`"),
                    hint,
                );
                None
            }
            other => {
                self.invalid(
                    node.pos,
                    format!(
                        "`{path}` ska vara ett av de tillåtna orden, inte {}",
                        other.kind_sv()
                    ),
                    allowed,
                );
                None
            }
        }
    }

    fn date(&mut self, node: &Node, path: &str) -> Option<Node> {
        let hint = "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-22";
        match &node.value {
            Value::Str(s) if parse_date(s).is_some() => Some(node.clone()),
            Value::Str(s) if is_placeholder(s) => {
                self.placeholder(node, s, path, hint.to_string());
                None
            }
            Value::Str(s) => {
                self.invalid(
                    node.pos,
                    format!("`{s}` är inte ett giltigt datum (`{path}`)"),
                    hint.to_string(),
                );
                None
            }
            other => {
                self.invalid(
                    node.pos,
                    format!("`{path}` ska vara ett datum, inte {}", other.kind_sv()),
                    hint.to_string(),
                );
                None
            }
        }
    }

    fn text(&mut self, node: &Node, path: &str) -> Option<Node> {
        match &node.value {
            Value::Str(s) if is_placeholder(s) => {
                self.placeholder(node, s, path, "skriv den riktiga uppgiften".to_string());
                None
            }
            Value::Str(_) => Some(node.clone()),
            // A plain number where text is expected (`diarienummer: 412`) is read as its text.
            Value::Int(i) => Some(Node {
                pos: node.pos,
                bytes: node.bytes,
                value: Value::Str(i.to_string()),
            }),
            other => {
                self.invalid(
                    node.pos,
                    format!("`{path}` ska vara en text, inte {}", other.kind_sv()),
                    "skriv texten på samma rad som nyckeln, inom citattecken om den innehåller `: `",
                );
                None
            }
        }
    }

    fn integer(&mut self, node: &Node, min: Option<i64>, path: &str) -> Option<Node> {
        match &node.value {
            Value::Int(i) if min.is_none_or(|m| *i >= m) => Some(node.clone()),
            Value::Int(i) => {
                self.invalid(
                    node.pos,
                    format!("`{path}` kan inte vara negativt ({i})"),
                    "skriv ett tal som är noll eller större",
                );
                None
            }
            Value::Str(s) if is_placeholder(s) => {
                self.placeholder(node, s, path, "skriv talet med siffror".to_string());
                None
            }
            Value::Str(s) => {
                let digits: String = s.chars().filter(char::is_ascii_digit).collect();
                let hint = if digits.is_empty() {
                    "skriv ett heltal med siffror".to_string()
                } else {
                    format!("skriv bara siffror, utan mellanslag och enhet: `{digits}`")
                };
                self.invalid(
                    node.pos,
                    format!("`{path}` ska vara ett heltal, inte `{s}`"),
                    hint,
                );
                None
            }
            other => {
                self.invalid(
                    node.pos,
                    format!("`{path}` ska vara ett heltal, inte {}", other.kind_sv()),
                    "skriv ett heltal, t.ex. `25`",
                );
                None
            }
        }
    }

    fn boolean(&mut self, node: &Node, path: &str) -> Option<Node> {
        match &node.value {
            Value::Bool(_) => Some(node.clone()),
            other => {
                let shown = match other {
                    Value::Str(s) => format!("`{s}`"),
                    v => v.kind_sv().to_string(),
                };
                self.invalid(
                    node.pos,
                    format!("`{path}` ska vara `true` eller `false`, inte {shown}"),
                    "skriv `true` (ja) eller `false` (nej)",
                );
                None
            }
        }
    }

    fn wrong_kind(&mut self, node: &Node, path: &str, expected: &str) {
        let what = if path.is_empty() { "ärendet" } else { path };
        self.invalid(
            node.pos,
            format!(
                "`{what}` ska vara {expected}, inte {}",
                node.value.kind_sv()
            ),
            "skriv nycklarna indragna på egna rader under",
        );
    }

    fn placeholder(&mut self, node: &Node, s: &str, path: &str, hint: String) {
        let shown = if s.trim().is_empty() {
            "en tom text"
        } else {
            s
        };
        self.invalid(
            node.pos,
            format!("`{shown}` i `{path}` är en platshållare, inte ett värde"),
            format!("{hint}, eller ta bort nyckeln tills uppgiften finns"),
        );
    }

    fn invalid(&mut self, pos: Pos, message: String, hint: impl Into<String>) {
        self.diags
            .push(Diagnostic::new(RuleId::InvalidValue, pos, message).hint(hint));
    }
}

fn enum_values(s: &Json) -> Vec<&str> {
    if let Some(c) = s.get("const").and_then(Json::as_str) {
        return vec![c];
    }
    string_list(s.get("enum"))
}

fn string_list(v: Option<&Json>) -> Vec<&str> {
    v.and_then(Json::as_array)
        .map(|a| a.iter().filter_map(Json::as_str).collect())
        .unwrap_or_default()
}

fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn first_sentence(s: &str) -> &str {
    s.split(". ").next().unwrap_or(s).trim_end_matches('.')
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Values people type to silence a validator: `TBD`, `?`, `xxx`, `yyyy-mm-dd`, empty text, …
pub fn is_placeholder(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "tbd", "tba", "todo", "fixme", "n/a", "na", "-", "--", "...", "…", "saknas", "fyll i",
        "<fyll i>", "ej klart", "?",
    ];
    let t = s.trim().to_lowercase();
    t.is_empty()
        || WORDS.contains(&t.as_str())
        || t.chars().all(|c| c == '?' || c == 'x' || c == '.')
        || t.contains("yyyy")
        || t.contains("åååå")
        || t.contains("xx-xx")
        || t.starts_with("<") && t.ends_with('>')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_recognised() {
        for p in [
            "TBD",
            "?",
            "xxx",
            "yyyy-mm-dd",
            "",
            "  ",
            "ÅÅÅÅ-MM-DD",
            "2026-xx-xx",
            "<fyll i>",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for v in ["Region Halland", "2026-01-20", "Tillstyrker.", "x-ray"] {
            assert!(!is_placeholder(v), "{v}");
        }
    }
}
