//! What the case format says of a key, read from the case schema (`schema::case_schema`,
//! generated from the model's doc comments): its description, what it holds, and its words
//! with their meanings, as yaml-language-server reads the same schema. The words that depend
//! on the kind of case (NT-rådet's and MTP-rådet's recommendation types) come from the
//! schema's `if typ = … then …` for that kind.

use serde_json::Value;

/// The keys whose value is another case's id.
pub const REFERENCES: [&str; 2] = ["ny_indikation_för", "reviderar"];

/// A key of the format at a path of keys (list items passed through).
#[derive(Debug, Clone)]
pub struct Field {
    /// The schema node of its value, references resolved.
    node: &'static Value,
    /// Where it was found: its own description (a definition's is the type's).
    described: &'static Value,
}

/// What a field holds, as completion offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    Section,
    List,
    Date,
    Words,
    Other,
}

fn schema() -> &'static Value {
    crate::schema::case_schema()
}

/// `node` with its `$ref`, `allOf` of one `$ref` and `anyOf` with null resolved.
fn resolve(node: &'static Value) -> &'static Value {
    let mut node = node;
    for _ in 0..8 {
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/definitions/");
            match schema().get("definitions").and_then(|d| d.get(name)) {
                Some(target) => node = target,
                None => return node,
            }
            continue;
        }
        let branches = node
            .get("anyOf")
            .or_else(|| node.get("oneOf"))
            .or_else(|| node.get("allOf"))
            .and_then(Value::as_array);
        let Some(branches) = branches else {
            return node;
        };
        let mut rest = branches
            .iter()
            .filter(|b| b.get("type").and_then(Value::as_str) != Some("null"));
        match (rest.next(), rest.next()) {
            (Some(one), None) => node = one,
            _ => return node,
        }
    }
    node
}

/// The properties of a mapping node (a list's items first), in the format's order.
fn properties(node: &'static Value) -> Option<&'static serde_json::Map<String, Value>> {
    let node = items(resolve(node));
    resolve(node).get("properties").and_then(Value::as_object)
}

/// A list's items, or the node itself.
fn items(node: &'static Value) -> &'static Value {
    match node.get("items") {
        Some(items) => resolve(items),
        None => node,
    }
}

impl Field {
    /// The field at `path` (keys from the top; list items passed through), for a case of
    /// kind `kind` (`läkemedel` …, as written), whose words for it override the general ones.
    pub fn at(path: &[String], kind: Option<&str>) -> Option<Field> {
        let mut node: &'static Value = schema();
        let mut described = node;
        for key in path {
            let general = properties(node)?.get(key.as_str())?;
            described = general;
            node = general;
        }
        let mut field = Field { node, described };
        if let Some(special) = kind.and_then(|kind| by_kind(path, kind)) {
            field.node = special;
        }
        Some(field)
    }

    /// The top of the case (a mapping).
    pub fn root() -> Field {
        Field {
            node: schema(),
            described: schema(),
        }
    }

    /// The field's description (its doc comment, as Markdown).
    pub fn description(&self) -> Option<&'static str> {
        let own = |v: &'static Value| {
            v.get("markdownDescription")
                .or_else(|| v.get("description"))
                .and_then(Value::as_str)
        };
        own(self.described).or_else(|| own(resolve(self.described)))
    }

    /// The words the field takes (a list's items' words), each with its meaning.
    pub fn words(&self) -> Vec<(&'static str, Option<&'static str>)> {
        let node = items(resolve(self.node));
        let node = resolve(node);
        let Some(words) = node.get("enum").and_then(Value::as_array) else {
            return Vec::new();
        };
        let meanings = node
            .get("markdownEnumDescriptions")
            .and_then(Value::as_array);
        words
            .iter()
            .enumerate()
            .filter_map(|(i, w)| {
                let meaning = meanings.and_then(|m| m.get(i)).and_then(Value::as_str);
                Some((w.as_str()?, meaning))
            })
            .collect()
    }

    /// What the field holds.
    pub fn holds(&self) -> Holds {
        let node = resolve(self.node);
        let types: Vec<&str> = match node.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if node.get("enum").is_some() {
            Holds::Words
        } else if types.contains(&"object") || node.get("properties").is_some() {
            Holds::Section
        } else if types.contains(&"array") {
            Holds::List
        } else if node.get("format").and_then(Value::as_str) == Some("date") {
            Holds::Date
        } else {
            Holds::Other
        }
    }

    /// Whether the list's items are mappings (`- { … }` or `- key: …`).
    pub fn items_are_sections(&self) -> bool {
        let node = items(resolve(self.node));
        resolve(node).get("properties").is_some()
    }

    /// The keys of the mapping (or of a list's mapping items), in the format's order, each
    /// with what it holds.
    pub fn keys(&self) -> Vec<(&'static str, Field)> {
        properties(self.node)
            .map(|props| {
                props
                    .iter()
                    .map(|(key, node)| {
                        let field = Field {
                            node,
                            described: node,
                        };
                        (key.as_str(), field)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The node the schema's `if typ = kind then …` gives for `path`, where it gives one with
/// words (the recommendation types of a drug or a device).
fn by_kind(path: &[String], kind: &str) -> Option<&'static Value> {
    let conditions = schema().get("allOf")?.as_array()?;
    conditions.iter().find_map(|c| {
        let when = c.pointer("/if/properties/typ/const")?.as_str()?;
        if when != kind {
            return None;
        }
        let mut node = c.get("then")?;
        for key in path {
            node = items(node).get("properties")?.get(key.as_str())?;
        }
        node.get("enum").is_some().then_some(node)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &str) -> Vec<String> {
        p.split('.').map(str::to_string).collect()
    }

    #[test]
    fn descriptions_and_words_come_from_the_schema() {
        let typ = Field::at(&path("typ"), None).expect("typ");
        assert!(typ.description().is_some_and(|d| d.contains("läkemedel")));
        assert_eq!(typ.words().len(), 3);
        let drug = Field::at(&path("rekommendationer.typ"), Some("läkemedel")).expect("rek");
        let device = Field::at(&path("rekommendationer.typ"), Some("medicinteknik")).expect("rek");
        let words = |f: &Field| f.words().into_iter().map(|(w, _)| w).collect::<Vec<_>>();
        assert!(words(&drug).contains(&"bör-användas"));
        assert!(!words(&drug).contains(&"bör-införa"));
        assert!(words(&device).contains(&"bör-införa"));
        assert_eq!(
            Field::at(&path("regionalt.kommitté.möte"), None).map(|f| f.holds()),
            Some(Holds::Date)
        );
        assert_eq!(
            Field::at(&path("regionalt"), None).map(|f| f.holds()),
            Some(Holds::Section)
        );
        assert!(Field::root().keys().iter().any(|(k, _)| *k == "sekretess"));
    }
}
