//! Walks a YAML tree against the case format and reports every format problem, each at its
//! position: unknown keys (with a did-you-mean), missing keys, wrong types, values outside an
//! enum, bad dates, placeholders and duplicate keys.
//!
//! The format is read from the JSON Schema generated from the case types (`schema.rs`), so the
//! types stay the one declaration of the format. The schema is compiled once per run into a
//! `Format`: every node of it becomes a shape the walk knows how to check. A construct the walk
//! does not implement (an unknown `type` or `format`, a `$ref` that does not resolve or points
//! outside `#/definitions`, a keyword that changes validation) is a `SchemaError`, never
//! "anything goes", so a new schemars version cannot switch validation off unnoticed.
//!
//! The walk returns a pruned tree that holds only the values that fit, from which the typed
//! case is then built without further errors, and the key paths of the values that were
//! written but left out, so that later stages do not report them again as missing. A value
//! written where text belongs is kept as its text as written (`0391`, `1.50`, `ja`). No
//! message or hint quotes a value that stands under `sekretess`.

use super::secret::{CONFIDENTIAL_KEY, KNOWN_KEYS, MASK};
use super::tree::{Entry, Node, Value};
use crate::diagnostic::Diagnostic;
use crate::model::Pos;
use crate::rule_id::RuleId;
use crate::text::{closest, first_sentences, fold};
use serde_json::{Map, Value as Json};
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// About how long a hint taken from a doc comment may grow, in whole sentences.
const HINT_SENTENCES: usize = 60;

/// The result of a walk.
#[derive(Debug)]
pub struct Walked<'s> {
    /// The tree with every value that does not fit left out.
    pub tree: Node<'s>,
    pub diagnostics: Vec<Diagnostic>,
    /// The dotted key paths (`regionalt.beslut.datum`, `uppföljning[2]`) of the values that are
    /// written but were left out, each already reported. A misspelt key reported with a
    /// did-you-mean counts as the key it was meant to be.
    pub unreadable: Vec<String>,
}

/// Checks `root` against `format`; `source` is the text the tree was read from.
pub fn walk<'t>(root: Node<'t>, format: &Format, source: &str) -> Walked<'t> {
    let mut walker = Walker {
        format,
        source,
        diags: Vec::new(),
        unreadable: Vec::new(),
        // Room for the deepest key paths of a case, so that the buffer seldom grows.
        path: String::with_capacity(64),
        secret: false,
    };
    if root.value == Value::Null {
        let required: Vec<&str> = match &format.defs[format.root.def].shape {
            Shape::Object(o) => o.required.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        };
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
        return Walked {
            tree: root,
            diagnostics: walker.diags,
            unreadable: walker.unreadable,
        };
    }
    let (pos, bytes) = (root.pos, root.bytes);
    let tree = walker.node(root, format.root, pos).unwrap_or(Node {
        pos,
        bytes,
        value: Value::Map(Vec::new()),
    });
    Walked {
        tree,
        diagnostics: walker.diags,
        unreadable: walker.unreadable,
    }
}

/// The case format, compiled once per run from `schema::case_schema()`.
pub fn case_format() -> Result<&'static Format, &'static SchemaError> {
    static FORMAT: OnceLock<Result<Format, SchemaError>> = OnceLock::new();
    FORMAT
        .get_or_init(|| Format::compile(crate::schema::case_schema()))
        .as_ref()
}

// ---------- the compiled format ----------

/// A JSON Schema compiled into the shapes the walk checks.
#[derive(Debug)]
pub struct Format {
    defs: Vec<Def>,
    root: Slot,
}

/// A use of a shape: which one, and whether null (an empty value) is allowed here.
#[derive(Clone, Copy, Debug)]
struct Slot {
    def: usize,
    nullable: bool,
}

#[derive(Debug)]
struct Def {
    shape: Shape,
    nullable: bool,
    /// The schema's `description` (a doc comment), whitespace collapsed.
    description: Option<String>,
}

/// What a schema node asks of a value.
#[derive(Debug)]
enum Shape {
    Enum(Vec<String>),
    Object(Object),
    Array(Slot),
    Date,
    Text,
    Integer { min: Option<i64> },
    Boolean,
}

#[derive(Debug)]
struct Object {
    /// In schema order (the order of the did-you-mean's list of known keys).
    properties: Vec<Property>,
    index: HashMap<String, usize>,
    required: Vec<String>,
    /// `allOf` of `if`/`then`: keys required when other keys hold given words.
    conditions: Vec<Condition>,
}

#[derive(Debug)]
struct Property {
    key: String,
    slot: Slot,
    description: Option<String>,
}

#[derive(Debug)]
struct Condition {
    when: Vec<(String, String)>,
    require: Vec<String>,
}

/// A schema construct the walk does not implement: an internal error of ordnat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    /// A JSON pointer to the schema node (`#/definitions/Regional/properties/beslut`).
    pub at: String,
    pub problem: String,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} (i schemat vid `{}`)", self.problem, self.at)
    }
}

impl std::error::Error for SchemaError {}

/// Keywords that only annotate and never change what is valid.
const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "$schema",
    "$comment",
    "default",
    "examples",
    "readOnly",
    "writeOnly",
    "deprecated",
    // yaml-language-server's editor hints: hide a key from completion, say what replaced it.
    "doNotSuggest",
    "deprecationMessage",
    // --- editor shape (`schema::for_editors`): hover text as Markdown, a description per
    // word, and the editor's message for a value that does not fit. None changes what is
    // valid; the walk writes its own messages.
    "markdownDescription",
    "markdownEnumDescriptions",
    "errorMessage",
];

/// Every keyword the walk implements; each is accepted only where it means what the walk does.
const KEYWORDS: &[&str] = &[
    "$ref",
    "anyOf",
    "oneOf",
    "enum",
    "const",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "allOf",
    "definitions",
    "items",
    "format",
    "minimum",
    // Only `schema::DATE_PATTERN`, beside `format: date`.
    "pattern",
];

/// The integer formats schemars writes whose range an `i64` already keeps to; the unsigned
/// ones also imply a minimum of 0.
const INTEGER_FORMATS: &[(&str, bool)] = &[
    ("int64", false),
    ("int", false),
    ("uint64", true),
    ("uint", true),
];

impl Format {
    /// Compiles a draft-07 schema as schemars generates it. Every node is visited, including
    /// definitions that nothing refers to.
    pub fn compile(schema: &Json) -> Result<Format, SchemaError> {
        let mut compiler = Compiler {
            root: schema,
            defs: Vec::new(),
            done: HashMap::new(),
            active: Vec::new(),
        };
        let root = compiler.node(schema, "#")?;
        if let Some(definitions) = schema.get("definitions") {
            let names = definitions
                .as_object()
                .ok_or_else(|| err("#/definitions", "`definitions` är inte en mappning"))?;
            for name in names.keys() {
                compiler.reference(&format!("#/definitions/{name}"), "#/definitions")?;
            }
        }
        if !matches!(compiler.defs[root.def].shape, Shape::Object(_)) {
            return Err(err(
                "#",
                "ett ärende måste vara en mappning (`type: object`)",
            ));
        }
        Ok(Format {
            defs: compiler.defs,
            root,
        })
    }
}

fn err(at: &str, problem: impl Into<String>) -> SchemaError {
    SchemaError {
        at: at.to_string(),
        problem: problem.into(),
    }
}

struct Compiler<'j> {
    root: &'j Json,
    defs: Vec<Def>,
    /// Compiled definitions by `$ref`.
    done: HashMap<String, Slot>,
    /// The `$ref`s being compiled, to refuse a cycle.
    active: Vec<String>,
}

impl<'j> Compiler<'j> {
    fn push(&mut self, shape: Shape, nullable: bool, description: Option<String>) -> Slot {
        self.defs.push(Def {
            shape,
            nullable,
            description,
        });
        Slot {
            def: self.defs.len() - 1,
            nullable: false,
        }
    }

    fn reference(&mut self, r: &str, at: &str) -> Result<Slot, SchemaError> {
        if let Some(slot) = self.done.get(r) {
            return Ok(*slot);
        }
        let Some(name) = r.strip_prefix("#/definitions/") else {
            return Err(err(
                at,
                format!("`$ref` till `{r}` stöds inte; bara `#/definitions/…`"),
            ));
        };
        let Some(target) = self.root.get("definitions").and_then(|d| d.get(name)) else {
            return Err(err(at, format!("`$ref` till `{r}` pekar inte på något")));
        };
        if self.active.iter().any(|a| a == r) {
            return Err(err(at, format!("`$ref` till `{r}` är rekursiv")));
        }
        self.active.push(r.to_string());
        let slot = self.node(target, r);
        self.active.pop();
        let slot = slot?;
        self.done.insert(r.to_string(), slot);
        Ok(slot)
    }

    fn node(&mut self, schema: &'j Json, at: &str) -> Result<Slot, SchemaError> {
        let Some(obj) = schema.as_object() else {
            return Err(err(at, "ett schema som inte är en mappning stöds inte"));
        };
        only(obj, KEYWORDS, at)?;
        let description = obj
            .get("description")
            .and_then(Json::as_str)
            .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "));
        if let Some(r) = obj.get("$ref") {
            only(obj, &["$ref"], at)?;
            let r = r
                .as_str()
                .ok_or_else(|| err(at, "`$ref` är inte en text"))?;
            return self.reference(r, at);
        }
        let branches = match (obj.get("anyOf"), obj.get("oneOf"), reference_wrapper(obj)) {
            (Some(b), None, None) => Some(("anyOf", b)),
            (None, Some(b), None) => Some(("oneOf", b)),
            (None, None, Some(b)) => Some(("allOf", b)),
            (None, None, None) => None,
            _ => {
                return Err(err(
                    at,
                    "flera av `anyOf`, `oneOf` och `allOf` i samma schema stöds inte",
                ));
            }
        };
        if let Some((keyword, branches)) = branches {
            only(obj, &[keyword, "type"], at)?;
            let slot = self.union(keyword, branches, description, at)?;
            // The editor shape gives the union the `type` of its branches (for completion).
            if let Some(ty) = obj.get("type") {
                self.same_type(ty, slot, at)?;
            }
            return Ok(slot);
        }
        if obj.contains_key("enum") || obj.contains_key("const") {
            only(obj, &["enum", "const", "type"], at)?;
            return self.enumeration(obj, description, at);
        }
        let (ty, nullable) = match obj.get("type") {
            Some(Json::String(t)) => (t.as_str(), false),
            Some(Json::Array(types)) => {
                let mut names = Vec::new();
                for t in types {
                    names.push(
                        t.as_str()
                            .ok_or_else(|| err(at, "`type` innehåller något annat än text"))?,
                    );
                }
                let nullable = names.contains(&"null");
                let rest: Vec<&str> = names.into_iter().filter(|t| *t != "null").collect();
                match rest.as_slice() {
                    [one] => (*one, nullable),
                    _ => {
                        return Err(err(
                            at,
                            format!("`type` med flera typer ({}) stöds inte", rest.join(", ")),
                        ));
                    }
                }
            }
            Some(_) => return Err(err(at, "`type` är varken en text eller en lista")),
            None => {
                return Err(err(
                    at,
                    "ett schema utan `type` (\"vad som helst\") stöds inte",
                ));
            }
        };
        let shape = match ty {
            "object" => {
                let mut allowed = vec!["type", "properties", "required", "additionalProperties"];
                allowed.push("allOf");
                if at == "#" {
                    allowed.push("definitions");
                }
                only(obj, &allowed, at)?;
                Shape::Object(self.object(obj, at)?)
            }
            "array" => {
                only(obj, &["type", "items"], at)?;
                let items = obj
                    .get("items")
                    .filter(|i| i.is_object())
                    .ok_or_else(|| err(at, "en lista utan ett schema i `items` stöds inte"))?;
                Shape::Array(self.node(items, &format!("{at}/items"))?)
            }
            "string" => {
                only(obj, &["type", "format", "pattern"], at)?;
                match obj.get("format").map(|f| f.as_str()) {
                    None if obj.contains_key("pattern") => {
                        return Err(err(at, "`pattern` stöds bara för datum"));
                    }
                    None => Shape::Text,
                    Some(Some("date")) => {
                        date_pattern(obj, at)?;
                        Shape::Date
                    }
                    Some(other) => {
                        return Err(err(
                            at,
                            format!("formatet {} stöds inte för text", quoted_format(other)),
                        ));
                    }
                }
            }
            "integer" => {
                only(obj, &["type", "format", "minimum"], at)?;
                let unsigned = match obj.get("format").map(|f| f.as_str()) {
                    None => false,
                    Some(Some(f)) => match INTEGER_FORMATS.iter().find(|(name, _)| *name == f) {
                        Some((_, unsigned)) => *unsigned,
                        None => {
                            return Err(err(at, format!("heltalsformatet `{f}` stöds inte")));
                        }
                    },
                    Some(None) => return Err(err(at, "`format` är inte en text")),
                };
                let minimum = match obj.get("minimum") {
                    None => None,
                    Some(m) => Some(
                        m.as_i64()
                            .ok_or_else(|| err(at, "`minimum` är inte ett heltal"))?,
                    ),
                };
                let min = match (minimum, unsigned) {
                    (Some(m), true) => Some(m.max(0)),
                    (None, true) => Some(0),
                    (m, false) => m,
                };
                Shape::Integer { min }
            }
            "boolean" => {
                only(obj, &["type"], at)?;
                Shape::Boolean
            }
            other => return Err(err(at, format!("typen `{other}` stöds inte"))),
        };
        Ok(self.push(shape, nullable, description))
    }

    /// `anyOf`/`oneOf`: a shape or null, or a choice of words.
    fn union(
        &mut self,
        keyword: &str,
        branches: &'j Json,
        description: Option<String>,
        at: &str,
    ) -> Result<Slot, SchemaError> {
        let branches = branches
            .as_array()
            .ok_or_else(|| err(at, format!("`{keyword}` är inte en lista")))?;
        let is_null = |b: &Json| {
            b.as_object().is_some_and(|o| {
                o.get("type").and_then(Json::as_str) == Some("null")
                    && o.keys()
                        .all(|k| k == "type" || ANNOTATIONS.contains(&k.as_str()))
            })
        };
        let nullable = branches.iter().any(is_null);
        let rest: Vec<(usize, &'j Json)> = branches
            .iter()
            .enumerate()
            .filter(|(_, b)| !is_null(b))
            .collect();
        if keyword == "allOf" && (branches.len() != 1 || nullable) {
            return Err(err(at, "`allOf` stöds bara med en enda `$ref`"));
        }
        match rest.as_slice() {
            [] => Err(err(at, format!("`{keyword}` tillåter bara null"))),
            [(i, one)] => {
                let slot = self.node(one, &format!("{at}/{keyword}/{i}"))?;
                Ok(Slot {
                    def: slot.def,
                    nullable: slot.nullable || nullable,
                })
            }
            several => {
                let mut words = Vec::new();
                for (i, branch) in several {
                    let branch_at = format!("{at}/{keyword}/{i}");
                    let slot = self.node(branch, &branch_at)?;
                    let def = &self.defs[slot.def];
                    match &def.shape {
                        Shape::Enum(values) if !def.nullable && !slot.nullable => {
                            words.extend(values.iter().cloned());
                        }
                        _ => {
                            return Err(err(
                                &branch_at,
                                format!("`{keyword}` av annat än ord stöds inte"),
                            ));
                        }
                    }
                }
                Ok(self.push(Shape::Enum(words), nullable, description))
            }
        }
    }

    /// Fails unless `ty` (the `type` beside a union) names exactly the JSON types the union
    /// admits: its shape's and, when it is nullable, `null`.
    fn same_type(&self, ty: &Json, slot: Slot, at: &str) -> Result<(), SchemaError> {
        let def = &self.defs[slot.def];
        let kind = match def.shape {
            Shape::Object(_) => "object",
            Shape::Array(_) => "array",
            Shape::Enum(_) | Shape::Date | Shape::Text => "string",
            Shape::Integer { .. } => "integer",
            Shape::Boolean => "boolean",
        };
        let mut expected = vec![kind];
        if slot.nullable || def.nullable {
            expected.push("null");
        }
        let mut written: Vec<&str> = match ty {
            Json::String(t) => vec![t.as_str()],
            Json::Array(ts) => ts.iter().filter_map(Json::as_str).collect(),
            _ => Vec::new(),
        };
        written.sort_unstable();
        expected.sort_unstable();
        if written == expected {
            Ok(())
        } else {
            Err(err(
                at,
                format!(
                    "`type` ({ty}) stämmer inte med vad grenarna tillåter ({})",
                    expected.join(", ")
                ),
            ))
        }
    }

    /// `enum` or `const`: a choice of words.
    fn enumeration(
        &mut self,
        obj: &'j Map<String, Json>,
        description: Option<String>,
        at: &str,
    ) -> Result<Slot, SchemaError> {
        let mut words = Vec::new();
        let mut nullable = false;
        let listed: Vec<&Json> = match (obj.get("enum"), obj.get("const")) {
            (Some(_), Some(_)) => return Err(err(at, "både `enum` och `const` stöds inte")),
            (Some(e), None) => e
                .as_array()
                .ok_or_else(|| err(at, "`enum` är inte en lista"))?
                .iter()
                .collect(),
            (None, Some(c)) => vec![c],
            (None, None) => Vec::new(),
        };
        for v in listed {
            match v {
                Json::String(s) => words.push(s.clone()),
                Json::Null => nullable = true,
                other => return Err(err(at, format!("ordet {other} är inte en text"))),
            }
        }
        match obj.get("type") {
            None => {}
            Some(Json::String(t)) if t == "string" => {}
            Some(Json::Array(types))
                if types.iter().all(|t| t == "string" || t == "null")
                    && types.iter().any(|t| t == "string") =>
            {
                // A `null` in `type` does not add null to an `enum`: the value must be listed.
            }
            Some(other) => {
                return Err(err(at, format!("ord av typen {other} stöds inte")));
            }
        }
        if words.is_empty() {
            return Err(err(at, "en uppräkning utan ord"));
        }
        Ok(self.push(Shape::Enum(words), nullable, description))
    }

    fn object(&mut self, obj: &'j Map<String, Json>, at: &str) -> Result<Object, SchemaError> {
        if obj.get("additionalProperties") != Some(&Json::Bool(false)) {
            return Err(err(
                at,
                "en mappning måste ha `additionalProperties: false` (okända nycklar rapporteras)",
            ));
        }
        let mut properties = Vec::new();
        let mut index = HashMap::new();
        if let Some(props) = obj.get("properties") {
            let props = props
                .as_object()
                .ok_or_else(|| err(at, "`properties` är inte en mappning"))?;
            for (key, schema) in props {
                let slot = self.node(schema, &format!("{at}/properties/{key}"))?;
                let description = schema
                    .get("description")
                    .and_then(Json::as_str)
                    .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
                    .or_else(|| self.defs[slot.def].description.clone());
                index.insert(key.clone(), properties.len());
                properties.push(Property {
                    key: key.clone(),
                    slot,
                    description,
                });
            }
        }
        let known = |keys: Vec<String>, at: &str| -> Result<Vec<String>, SchemaError> {
            match keys.iter().find(|k| !index.contains_key(*k)) {
                Some(k) => Err(err(at, format!("den krävda nyckeln `{k}` finns inte"))),
                None => Ok(keys),
            }
        };
        let required = known(strings(obj.get("required"), at)?, at)?;
        let mut conditions = Vec::new();
        if let Some(all) = obj.get("allOf") {
            let all = all
                .as_array()
                .ok_or_else(|| err(at, "`allOf` är inte en lista"))?;
            for (i, cond) in all.iter().enumerate() {
                let cond_at = format!("{at}/allOf/{i}");
                let condition = condition(cond, &cond_at)?;
                conditions.push(Condition {
                    when: condition.when,
                    require: known(condition.require, &cond_at)?,
                });
            }
        }
        Ok(Object {
            properties,
            index,
            required,
            conditions,
        })
    }
}

/// `allOf` that only wraps a reference, `{ type, allOf: [{ $ref }] }` (the editor shape of a
/// key that holds a definition), as opposed to an object's `allOf` of conditions.
fn reference_wrapper(obj: &Map<String, Json>) -> Option<&Json> {
    let all = obj.get("allOf")?;
    let only_refs = all.as_array().is_some_and(|items| {
        items
            .iter()
            .all(|i| i.as_object().is_some_and(|o| o.contains_key("$ref")))
    });
    (only_refs && !obj.contains_key("properties")).then_some(all)
}

/// A date's `pattern` must be `schema::DATE_PATTERN`, which every date the walk accepts
/// matches (the walk's check is the stricter one: it also knows the days of each month).
fn date_pattern(obj: &Map<String, Json>, at: &str) -> Result<(), SchemaError> {
    match obj.get("pattern") {
        None => Ok(()),
        Some(Json::String(p)) if p == crate::schema::DATE_PATTERN => Ok(()),
        Some(p) => Err(err(
            at,
            format!("`pattern` {p} stöds inte; bara datummönstret i `schema::DATE_PATTERN`"),
        )),
    }
}

/// Fails when `obj` has a keyword other than an annotation or one of `allowed`.
fn only(obj: &Map<String, Json>, allowed: &[&str], at: &str) -> Result<(), SchemaError> {
    match obj
        .keys()
        .find(|k| !allowed.contains(&k.as_str()) && !ANNOTATIONS.contains(&k.as_str()))
    {
        Some(k) => Err(err(at, format!("nyckelordet `{k}` stöds inte här"))),
        None => Ok(()),
    }
}

fn strings(v: Option<&Json>, at: &str) -> Result<Vec<String>, SchemaError> {
    let Some(v) = v else {
        return Ok(Vec::new());
    };
    v.as_array()
        .ok_or_else(|| err(at, "`required` är inte en lista"))?
        .iter()
        .map(|s| {
            s.as_str()
                .map(str::to_string)
                .ok_or_else(|| err(at, "`required` innehåller något annat än text"))
        })
        .collect()
}

fn quoted_format(v: Option<&str>) -> String {
    v.map_or_else(|| "som inte är en text".to_string(), |f| format!("`{f}`"))
}

/// The keys whose allowed values an `if`/`then` narrows by `typ` in the schema (for the
/// editor) and a rule checks instead of the walk: the recommendation words of each kind are
/// checked, once per value, by the `invalid-value` check in `rules/format.rs`.
const NARROWED_BY_RULES: &[&str] = &["rekommendationer"];

/// `{ if: { properties: { k: { const: w } }, required: [k] }, then: { required: [...] } }`.
fn condition(cond: &Json, at: &str) -> Result<Condition, SchemaError> {
    let obj = cond
        .as_object()
        .ok_or_else(|| err(at, "ett villkor som inte är en mappning"))?;
    only(obj, &["if", "then"], at)?;
    let when_at = format!("{at}/if");
    let when = obj
        .get("if")
        .and_then(Json::as_object)
        .ok_or_else(|| err(at, "ett villkor utan `if`"))?;
    only(when, &["properties", "required"], &when_at)?;
    let props = when
        .get("properties")
        .and_then(Json::as_object)
        .ok_or_else(|| err(&when_at, "`if` utan `properties`"))?;
    let present = strings(when.get("required"), &when_at)?;
    let mut pairs = Vec::new();
    for (key, schema) in props {
        let prop_at = format!("{when_at}/properties/{key}");
        let schema = schema
            .as_object()
            .ok_or_else(|| err(&prop_at, "ett villkor som inte är en mappning"))?;
        only(schema, &["const", "type"], &prop_at)?;
        let word = schema
            .get("const")
            .and_then(Json::as_str)
            .ok_or_else(|| err(&prop_at, "ett villkor utan `const` med ett ord"))?;
        // Without `required`, `if` would hold when the key is absent; the walk asks for it.
        if !present.contains(key) {
            return Err(err(&when_at, format!("`{key}` står inte i `required`")));
        }
        pairs.push((key.clone(), word.to_string()));
    }
    let then_at = format!("{at}/then");
    let then = obj
        .get("then")
        .and_then(Json::as_object)
        .ok_or_else(|| err(at, "ett villkor utan `then`"))?;
    only(then, &["required", "properties"], &then_at)?;
    // `then.properties` narrows values by `typ` for the editor; the walk does not enforce it,
    // so it is allowed only for the keys whose narrowing a rule checks instead.
    let require = strings(then.get("required"), &then_at)?;
    if let Some(narrowed) = then.get("properties").and_then(Json::as_object) {
        for (key, schema) in narrowed {
            // A required key named with an empty schema constrains nothing (it is there for
            // strict validators, which ask that a required key be declared).
            let declared_only = schema.as_object().is_some_and(Map::is_empty);
            if declared_only && require.contains(key) {
                continue;
            }
            if !NARROWED_BY_RULES.contains(&key.as_str()) {
                return Err(err(
                    &format!("{then_at}/properties/{key}"),
                    "en avgränsning per villkor som ingen regel kontrollerar",
                ));
            }
        }
    }
    Ok(Condition {
        when: pairs,
        require,
    })
}

// ---------- the walk ----------

struct Walker<'f, 's> {
    format: &'f Format,
    source: &'s str,
    diags: Vec<Diagnostic>,
    unreadable: Vec<String>,
    /// The dotted key path of the node being checked; one buffer, pushed and truncated.
    path: String,
    /// Whether the node stands under `sekretess`.
    secret: bool,
}

impl<'f> Walker<'f, '_> {
    /// The path for messages: `ärendet` at the top.
    fn whole(&self) -> &str {
        if self.path.is_empty() {
            "ärendet"
        } else {
            &self.path
        }
    }

    /// A key as a message may show it: under `sekretess`, only a key the format knows.
    fn shown_key<'v>(&self, key: &'v str) -> &'v str {
        if self.secret && !KNOWN_KEYS.contains(&key) {
            MASK
        } else {
            key
        }
    }

    /// A written value as a message may show it: masked under `sekretess`.
    fn shown<'v>(&self, value: &'v str) -> &'v str {
        if self.secret { MASK } else { value }
    }

    /// Checks one node; `None` when it does not fit and is to be left out of the pruned tree.
    /// `holder` is the position of the key that holds the node.
    fn node<'t>(&mut self, node: Node<'t>, slot: Slot, holder: Pos) -> Option<Node<'t>> {
        let format = self.format;
        let def = &format.defs[slot.def];
        let kept = if matches!(node.value, Value::Null) {
            if slot.nullable || def.nullable {
                return Some(node);
            }
            let hint = match &def.shape {
                Shape::Enum(values) => format!("skriv ett av: {}", values.join(", ")),
                Shape::Date => "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-22".to_string(),
                _ => "skriv ett värde eller ta bort nyckeln".to_string(),
            };
            self.invalid(holder, format!("`{}` är tomt", self.whole()), hint);
            None
        } else {
            match &def.shape {
                Shape::Object(o) => self.object(node, o, holder),
                Shape::Array(items) => self.array(node, *items),
                Shape::Enum(values) => self.enumeration(node, values),
                Shape::Date => self.date(node),
                Shape::Text => self.text(node),
                Shape::Integer { min } => self.integer(node, *min),
                Shape::Boolean => self.boolean(node),
            }
        };
        if kept.is_none() {
            self.unreadable.push(self.path.clone());
        }
        kept
    }

    fn object<'t>(&mut self, node: Node<'t>, object: &'f Object, holder: Pos) -> Option<Node<'t>> {
        let Value::Map(mut entries) = node.value else {
            self.wrong_kind(&node, "en mappning (nycklar med värden på egna rader)");
            return None;
        };
        // Which entries repeat an earlier key (and the line of the first), and which required
        // keys are absent, found before the entries are taken apart.
        let first_line = first_lines(&entries);
        let absent = absent(object, &entries);
        let mut suggested: Vec<&'f str> = Vec::new();
        let top = self.path.is_empty();
        let mut first_line = first_line.into_iter();
        // The entries that fit stay where they are, each with its value as the walk keeps it.
        entries.retain_mut(|entry| {
            if let Some(first_line) = first_line.next().flatten() {
                self.diags.push(
                    Diagnostic::new(
                        RuleId::DuplicateKey,
                        entry.key_pos,
                        format!(
                            "`{}` står två gånger i samma mappning (första gången på rad {})",
                            self.shown_key(&entry.key),
                            first_line
                        ),
                    )
                    .hint("ta bort den ena förekomsten; ordnat läser bara den första"),
                );
                return false;
            }
            let Some(property) = object.property(&entry.key) else {
                if let Some(meant) = self.unknown_key(entry, object) {
                    suggested.push(meant);
                    let mut meant_path = self.path.clone();
                    push_key(&mut meant_path, meant);
                    self.unreadable.push(meant_path);
                }
                return false;
            };
            let len = self.path.len();
            push_key(&mut self.path, &entry.key);
            let was_secret = self.secret;
            self.secret |= top && entry.key == CONFIDENTIAL_KEY;
            let stand_in = taken(entry.value.pos);
            let value = std::mem::replace(&mut entry.value, stand_in);
            let value = self.node(value, property.slot, entry.key_pos);
            self.secret = was_secret;
            self.path.truncate(len);
            match value {
                Some(mut value) => {
                    // A section is shown at its key (`beslut:`), not at its first inner line.
                    if matches!(value.value, Value::Map(_) | Value::Seq(_)) {
                        value.pos = entry.key_pos;
                    }
                    entry.value = value;
                    true
                }
                None => false,
            }
        });
        for key in absent {
            // A misspelt key is reported once, as unknown with a did-you-mean, not also as missing.
            if suggested.contains(&key) {
                continue;
            }
            let hint = object
                .index
                .get(key)
                .map(|i| self.hint_for(&object.properties[*i]))
                .unwrap_or_default();
            let message = format!("`{}` saknar `{key}`", self.whole());
            self.diags
                .push(Diagnostic::new(RuleId::MissingField, holder, message).hint(hint));
        }
        Some(Node {
            pos: node.pos,
            bytes: node.bytes,
            value: Value::Map(entries),
        })
    }

    /// What to write for a missing key, from its schema.
    fn hint_for(&self, property: &Property) -> String {
        let key = &property.key;
        match &self.format.defs[property.slot.def].shape {
            Shape::Enum(values) => format!("lägg till `{key}: ` med ett av: {}", values.join(", ")),
            Shape::Date => format!("lägg till `{key}: ÅÅÅÅ-MM-DD`"),
            Shape::Object(_) => format!("lägg till avsnittet `{key}:`"),
            _ => {
                let description = property
                    .description
                    .as_deref()
                    .map(|d| {
                        format!(
                            " ({})",
                            without_final_stop(first_sentences(d, HINT_SENTENCES))
                        )
                    })
                    .unwrap_or_default();
                format!("lägg till `{key}: …`{description}")
            }
        }
    }

    /// Reports an unknown key; returns the known key it is likely a misspelling of.
    fn unknown_key(&mut self, entry: &Entry<'_>, object: &'f Object) -> Option<&'f str> {
        let place = if self.path.is_empty() {
            "på översta nivån".to_string()
        } else {
            format!("i `{}`", self.path)
        };
        let known: Vec<&'f str> = object.properties.iter().map(|p| p.key.as_str()).collect();
        // A key under `sekretess` may itself be confidential (`netto 31000 kr: …`).
        let message = if self.secret && !known.contains(&entry.key.as_ref()) {
            format!("`{}` har en okänd nyckel", self.path)
        } else {
            format!("okänd nyckel `{}` {place}", entry.key)
        };
        let meant = closest(&entry.key, &known);
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

    fn array<'t>(&mut self, node: Node<'t>, items: Slot) -> Option<Node<'t>> {
        let Value::Seq(mut elements) = node.value else {
            let example = match &node.value {
                Value::Str(s) => format!(
                    "skriv en lista: `[{}]` eller en rad `- …` per element",
                    self.shown(s)
                ),
                _ => "skriv en lista: `[a, b]` eller en rad `- …` per element".to_string(),
            };
            let message = format!(
                "`{}` ska vara en lista, inte {}",
                self.whole(),
                node.value.kind_sv()
            );
            self.invalid(node.pos, message, example);
            return None;
        };
        let len = self.path.len();
        let mut index = 0;
        elements.retain_mut(|element| {
            index += 1;
            push_index(&mut self.path, index);
            let pos = element.pos;
            let value = std::mem::replace(element, taken(pos));
            let kept = self.node(value, items, pos);
            self.path.truncate(len);
            match kept {
                Some(value) => {
                    *element = value;
                    true
                }
                None => false,
            }
        });
        Some(Node {
            pos: node.pos,
            bytes: node.bytes,
            value: Value::Seq(elements),
        })
    }

    fn enumeration<'t>(&mut self, node: Node<'t>, values: &[String]) -> Option<Node<'t>> {
        match &node.value {
            Value::Str(s) if values.iter().any(|v| v == s) => return Some(node),
            _ => {}
        }
        let allowed = format!("skriv ett av: {}", values.join(", "));
        match &node.value {
            Value::Str(s) if is_placeholder(s) => {
                self.placeholder(&node, s, allowed);
                None
            }
            Value::Str(s) => {
                let words: Vec<&str> = values.iter().map(String::as_str).collect();
                let hint = match closest(s, &words) {
                    Some(c) => format!("menade du `{c}`? Tillåtna värden: {}", values.join(", ")),
                    None => allowed,
                };
                let message = format!(
                    "`{}` är inte ett tillåtet värde för `{}`",
                    self.shown(s),
                    self.whole()
                );
                self.invalid(node.pos, message, hint);
                None
            }
            other => {
                let message = format!(
                    "`{}` ska vara ett av de tillåtna orden, inte {}",
                    self.whole(),
                    other.kind_sv()
                );
                self.invalid(node.pos, message, allowed);
                None
            }
        }
    }

    fn date<'t>(&mut self, node: Node<'t>) -> Option<Node<'t>> {
        let hint = "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-22";
        match &node.value {
            Value::Str(s) if is_date(s) => Some(node),
            Value::Str(s) if is_placeholder(s) => {
                self.placeholder(&node, s, hint.to_string());
                None
            }
            Value::Str(s) => {
                let message = format!(
                    "`{}` är inte ett giltigt datum (`{}`)",
                    self.shown(s),
                    self.whole()
                );
                self.invalid(node.pos, message, hint);
                None
            }
            other => {
                let message = format!(
                    "`{}` ska vara ett datum, inte {}",
                    self.whole(),
                    other.kind_sv()
                );
                self.invalid(node.pos, message, hint);
                None
            }
        }
    }

    /// Text: a string, or a plain scalar that YAML reads as a number or a truth value, taken
    /// as written (`diarienummer: 0391` is `0391`, not 391; `synpunkt: no` is `no`).
    fn text<'t>(&mut self, node: Node<'t>) -> Option<Node<'t>> {
        let written = match &node.value {
            Value::Str(s) => {
                if is_placeholder(s) {
                    self.placeholder(&node, s, "skriv den riktiga uppgiften".to_string());
                    return None;
                }
                return Some(node);
            }
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => node.written(self.source),
            other => {
                let message = format!(
                    "`{}` ska vara en text, inte {}",
                    self.whole(),
                    other.kind_sv()
                );
                self.invalid(
                    node.pos,
                    message,
                    "skriv texten på samma rad som nyckeln, inom citattecken om den innehåller `: `",
                );
                return None;
            }
        };
        Some(Node {
            pos: node.pos,
            bytes: node.bytes,
            value: Value::Str(written.into()),
        })
    }

    fn integer<'t>(&mut self, node: Node<'t>, min: Option<i64>) -> Option<Node<'t>> {
        // `025` is read by YAML as another kind of number; written with digits only, it is
        // the whole number it looks like.
        if !matches!(node.value, Value::Int(_) | Value::Str(_))
            && let Some(i) = node
                .source_text(self.source)
                .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|t| t.parse::<i64>().ok())
        {
            return self.integer(
                Node {
                    value: Value::Int(i),
                    ..node
                },
                min,
            );
        }
        match &node.value {
            Value::Int(i) if min.is_none_or(|m| *i >= m) => Some(node),
            Value::Int(i) => {
                let message = format!(
                    "`{}` kan inte vara negativt ({})",
                    self.whole(),
                    self.shown(&i.to_string())
                );
                self.invalid(node.pos, message, "skriv ett tal som är noll eller större");
                None
            }
            Value::Str(s) if is_placeholder(s) => {
                self.placeholder(&node, s, "skriv talet med siffror".to_string());
                None
            }
            Value::Str(s) => {
                let digits: String = s.chars().filter(char::is_ascii_digit).collect();
                let hint = if digits.is_empty() {
                    "skriv ett heltal med siffror".to_string()
                } else if self.secret {
                    "skriv bara siffror, utan mellanslag och enhet".to_string()
                } else {
                    format!("skriv bara siffror, utan mellanslag och enhet: `{digits}`")
                };
                let message = format!(
                    "`{}` ska vara ett heltal, inte `{}`",
                    self.whole(),
                    self.shown(s)
                );
                self.invalid(node.pos, message, hint);
                None
            }
            other => {
                let message = format!(
                    "`{}` ska vara ett heltal, inte {}",
                    self.whole(),
                    other.kind_sv()
                );
                self.invalid(node.pos, message, "skriv ett heltal, t.ex. `25`");
                None
            }
        }
    }

    fn boolean<'t>(&mut self, node: Node<'t>) -> Option<Node<'t>> {
        match &node.value {
            Value::Bool(_) => Some(node),
            other => {
                let shown = match other {
                    Value::Str(s) => format!("`{}`", self.shown(s)),
                    v => v.kind_sv().to_string(),
                };
                let message = format!(
                    "`{}` ska vara `true` eller `false`, inte {shown}",
                    self.whole()
                );
                self.invalid(node.pos, message, "skriv `true` (ja) eller `false` (nej)");
                None
            }
        }
    }

    fn wrong_kind(&mut self, node: &Node<'_>, expected: &str) {
        let message = format!(
            "`{}` ska vara {expected}, inte {}",
            self.whole(),
            node.value.kind_sv()
        );
        self.invalid(
            node.pos,
            message,
            "skriv nycklarna indragna på egna rader under",
        );
    }

    fn placeholder(&mut self, node: &Node<'_>, s: &str, hint: String) {
        let shown = if s.trim().is_empty() {
            "en tom text"
        } else {
            self.shown(s)
        };
        let message = format!(
            "`{shown}` i `{}` är en platshållare, inte ett värde",
            self.whole()
        );
        self.invalid(
            node.pos,
            message,
            format!("{hint}, eller ta bort nyckeln tills uppgiften finns"),
        );
    }

    fn invalid(&mut self, pos: Pos, message: String, hint: impl Into<String>) {
        self.diags
            .push(Diagnostic::new(RuleId::InvalidValue, pos, message).hint(hint));
    }
}

/// A stand-in for a value the walk has taken out of the tree to check it.
fn taken(pos: Pos) -> Node<'static> {
    Node {
        pos,
        bytes: (0, 0),
        value: Value::Null,
    }
}

/// For each entry of a mapping, the line of the first entry with the same key when it repeats
/// an earlier one. A case's mappings have a few keys each: a scan of the earlier ones, a hash
/// map only for a mapping of many keys.
fn first_lines(entries: &[Entry<'_>]) -> Vec<Option<u32>> {
    const FEW: usize = 32;
    if entries.len() <= FEW {
        return entries
            .iter()
            .enumerate()
            .map(|(i, entry)| {
                entries[..i]
                    .iter()
                    .find(|e| e.key == entry.key)
                    .map(|e| e.key_pos.line)
            })
            .collect();
    }
    let mut seen: HashMap<&str, u32> = HashMap::with_capacity(entries.len());
    entries
        .iter()
        .map(|entry| match seen.get(entry.key.as_ref()) {
            Some(line) => Some(*line),
            None => {
                seen.insert(&entry.key, entry.key_pos.line);
                None
            }
        })
        .collect()
}

impl Object {
    /// The property named `key`: a scan of the few properties, no hashing.
    fn property(&self, key: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.key == key)
    }
}

/// The required keys that `entries` lacks, including those that `allOf`/`if`/`then` adds for
/// this mapping, in the schema's order.
fn absent<'f>(object: &'f Object, entries: &[Entry<'_>]) -> Vec<&'f str> {
    let mut absent = Vec::new();
    let mut require = |key: &'f String| {
        if !entries.iter().any(|e| e.key == key.as_str()) {
            absent.push(key.as_str());
        }
    };
    object.required.iter().for_each(&mut require);
    for cond in &object.conditions {
        let holds = cond.when.iter().all(|(key, word)| {
            entries
                .iter()
                .find(|e| e.key == key.as_str())
                .is_some_and(|e| matches!(&e.value.value, Value::Str(s) if s == word))
        });
        if holds {
            cond.require.iter().for_each(&mut require);
        }
    }
    absent
}

/// `[n]`, the 1-based index of a list element, without the formatting machinery.
fn push_index(path: &mut String, index: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = index;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    path.push('[');
    path.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
    path.push(']');
}

fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Drops the full stop that ends a sentence, for a hint in parentheses; not the one that ends
/// an abbreviation (`t.ex.`).
fn without_final_stop(s: &str) -> &str {
    match s.strip_suffix('.') {
        Some(rest) if !rest.rsplit(' ').next().unwrap_or(rest).contains('.') => rest,
        _ => s,
    }
}

/// Values people type to silence a validator: `TBD`, `?`, `xxx`, `yyyy-mm-dd`, empty text, …
pub fn is_placeholder(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "tbd", "tba", "todo", "fixme", "n/a", "na", "-", "--", "...", "…", "saknas", "fyll i",
        "<fyll i>", "ej klart", "?",
    ];
    let t = s.trim();
    if t.is_ascii() {
        // The same tests without a lower-cased copy: most values are ASCII. The needles are
        // looked for only where their first letter stands.
        let b = t.as_bytes();
        let has_needle = may_hold_needle(b)
            && b.iter().enumerate().any(|(i, c)| match c | 0x20 {
                b'y' => b
                    .get(i..i + 4)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"yyyy")),
                b'x' => b
                    .get(i..i + 5)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"xx-xx")),
                _ => false,
            });
        return t.is_empty()
            || WORDS.iter().any(|w| t.eq_ignore_ascii_case(w))
            || t.bytes()
                .all(|c| matches!(c.to_ascii_lowercase(), b'?' | b'x' | b'.'))
            || has_needle
            || t.starts_with('<') && t.ends_with('>');
    }
    // The same tests on the lower-cased characters as they stream by, without a copy.
    // Only `Y`, `X`, `Å` and the Ångström sign lower-case to the needles' first letters; a
    // needle is looked for only where one of them starts (its first byte is one of these).
    let has_needle = may_hold_needle(t.as_bytes())
        && t.bytes().enumerate().any(|(i, b)| {
            matches!(b, b'y' | b'Y' | b'x' | b'X' | 0xC3 | 0xE2)
                && t.get(i..).is_some_and(|rest| {
                    rest.starts_with(['y', 'Y', 'x', 'X', 'å', 'Å', '\u{212B}'])
                        && ["yyyy", "åååå", "xx-xx"].iter().any(|needle| {
                            rest.chars()
                                .flat_map(char::to_lowercase)
                                .take(needle.chars().count())
                                .eq(needle.chars())
                        })
                })
        });
    // Lower-casing never shortens a text, so only a short one can be one of the words.
    (t.chars().nth(8).is_none()
        && WORDS
            .iter()
            .any(|w| t.chars().flat_map(char::to_lowercase).eq(w.chars())))
        || t.chars()
            .flat_map(char::to_lowercase)
            .all(|c| c == '?' || c == 'x' || c == '.')
        || has_needle
        || t.starts_with('<') && t.ends_with('>')
}

/// Whether a byte of `b` can belong to the first letter of a placeholder needle (`y`, `x`,
/// `å`, in either case, or the Ångström sign): a letter's ASCII byte or the last byte of its
/// UTF-8 encoding. Without a short cut, so that it runs a word of bytes at a time.
fn may_hold_needle(b: &[u8]) -> bool {
    b.iter().fold(false, |any, c| {
        any | matches!(c | 0x20, b'x' | b'y') | matches!(c, 0x85 | 0xA5 | 0xAB)
    })
}

/// Whether `s` is a date as `text::parse_date` reads one (`ÅÅÅÅ-MM-DD`, a day that exists),
/// without chrono's format parser: the walk asks this of every date of every file.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    match (number(&b[..4]), number(&b[5..7]), number(&b[8..])) {
        (Some(year), Some(month), Some(day)) => i32::try_from(year)
            .ok()
            .and_then(|year| chrono::NaiveDate::from_ymd_opt(year, month, day))
            .is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::parse;
    use serde_json::json;

    /// `is_placeholder` as it was before it looked for its needles only where they can start.
    fn reference_is_placeholder(s: &str) -> bool {
        const WORDS: &[&str] = &[
            "tbd", "tba", "todo", "fixme", "n/a", "na", "-", "--", "...", "…", "saknas", "fyll i",
            "<fyll i>", "ej klart", "?",
        ];
        let t = s.trim();
        if t.is_ascii() {
            // The same tests without a lower-cased copy: most values are ASCII.
            let has = |needle: &[u8]| {
                t.as_bytes()
                    .windows(needle.len())
                    .any(|w| w.eq_ignore_ascii_case(needle))
            };
            return t.is_empty()
                || WORDS.iter().any(|w| t.eq_ignore_ascii_case(w))
                || t.bytes()
                    .all(|c| matches!(c.to_ascii_lowercase(), b'?' | b'x' | b'.'))
                || has(b"yyyy")
                || has(b"xx-xx")
                || t.starts_with('<') && t.ends_with('>');
        }
        // The same tests on the lower-cased characters as they stream by, without a copy.
        // Only `Y`, `X`, `Å` and the Ångström sign lower-case to the needles' first letters.
        let has = |needle: &str| {
            t.char_indices().any(|(i, c)| {
                matches!(c, 'y' | 'Y' | 'x' | 'X' | 'å' | 'Å' | '\u{212B}')
                    && t[i..]
                        .chars()
                        .flat_map(char::to_lowercase)
                        .take(needle.chars().count())
                        .eq(needle.chars())
            })
        };
        // Lower-casing never shortens a text, so only a short one can be one of the words.
        (t.chars().nth(8).is_none()
            && WORDS
                .iter()
                .any(|w| t.chars().flat_map(char::to_lowercase).eq(w.chars())))
            || t.chars()
                .flat_map(char::to_lowercase)
                .all(|c| c == '?' || c == 'x' || c == '.')
            || has("yyyy")
            || has("åååå")
            || has("xx-xx")
            || t.starts_with('<') && t.ends_with('>')
    }

    #[test]
    fn placeholders_are_found_as_before() {
        let mut texts: Vec<String> = [
            "TBD",
            "?",
            "xxx",
            "yyyy-mm-dd",
            "",
            "  ",
            "ÅÅÅÅ-MM-DD",
            "åååå-mm-dd",
            "2026-xx-xx",
            "<fyll i>",
            "Region Halland",
            "2026-01-20",
            "Tillstyrker.",
            "x-ray",
            "YyYy",
            "xX-Xx",
            "\u{212B}\u{212B}\u{212B}\u{212B}",
            "Å\u{212B}åÅ",
            "İyyyy",
            "ärende yyyy",
            "Öxx-xx",
            "SAKNAS",
            "Saknas",
            "Fyll I",
            "ÅååÅ",
            "ååå",
            "ex-xx-x",
            "ß",
            "…",
            " … ",
            "¿?",
            "Kvalitetsregister för hudmelanom",
            "yyy",
            "xx-x",
            "Ærø",
            "\u{212A}",
            "x\u{212B}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let pieces = [
            "y", "Y", "x", "X", "-", "å", "Å", "\u{212B}", "ä", "a", "?", ".", " ", "<", ">",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}{a}"));
                    texts.push(format!("{a}{b}-{c}{b}"));
                    texts.push(format!("ö{a}{a}{b}{b}{c}"));
                }
            }
        }
        for text in &texts {
            assert_eq!(
                is_placeholder(text),
                reference_is_placeholder(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn list_indices_are_written_in_brackets() {
        for index in [1, 9, 10, 42, 100, 12_345, usize::MAX] {
            let mut path = "uppföljning".to_string();
            push_index(&mut path, index);
            assert_eq!(path, format!("uppföljning[{index}]"));
        }
    }

    #[test]
    fn dates_are_read_as_text_parse_date_reads_them() {
        let mut texts: Vec<String> = [
            "2026-11-22",
            "0000-01-01",
            "9999-12-31",
            "2024-02-29",
            "2023-02-29",
            "2026-00-10",
            "2026-13-01",
            "2026-01-00",
            "2026-01-32",
            "2026-1-01",
            "2026/01/01",
            "20260101xx",
            "+026-01-01",
            "2026-01-0a",
            "2026-01-01 ",
            "",
            "2026-04-31",
            "1900-02-29",
            "2000-02-29",
            "٢٠٢٦-01-01",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for year in [1999, 2000, 2024, 2026] {
            for month in 0..=13 {
                for day in 0..=32 {
                    texts.push(format!("{year:04}-{month:02}-{day:02}"));
                }
            }
        }
        for text in &texts {
            assert_eq!(
                is_date(text),
                crate::text::parse_date(text).is_some(),
                "{text:?}"
            );
        }
    }

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

    fn walk_text(yaml: &str) -> Walked<'_> {
        let tree = parse(yaml).expect("valid yaml");
        let format = case_format().expect("case format");
        walk(tree, format, yaml)
    }

    fn text_at<'a, 's>(tree: &'a Node<'s>, path: &[&str]) -> Option<&'a Value<'s>> {
        let mut node = tree;
        for key in path {
            node = node.get(key)?;
        }
        Some(&node.value)
    }

    #[test]
    fn text_is_taken_as_written() {
        for (written, read) in [
            ("0391", "0391"),
            ("412", "412"),
            ("1.50", "1.50"),
            ("1e3", "1e3"),
            ("true", "true"),
            ("no", "no"),
            ("0x10", "0x10"),
            ("'0391'", "0391"),
            ("\"1.50\"", "1.50"),
            ("RS 2026/0412", "RS 2026/0412"),
        ] {
            let yaml = format!(
                "id: 2026-001\ntyp: medicinteknik\nspår: regionalt\nindikation: Lymfom\nregionalt:\n  diarienummer: {written}\n"
            );
            let walked = walk_text(&yaml);
            assert!(
                walked.diagnostics.is_empty(),
                "{written}: {:?}",
                walked.diagnostics
            );
            assert_eq!(
                text_at(&walked.tree, &["regionalt", "diarienummer"]),
                Some(&Value::Str(read.into())),
                "{written}"
            );
        }
        // In a list of texts too, and an alias is written out from its value.
        let yaml = "id: 007\ntyp: medicinteknik\nspår: regionalt\nindikation: &n 12\nprodukt\
            namn: *n\nregionalt:\n  konsekvensbeskrivning:\n    berörda_förvaltningar: [0391, 1.50]\n";
        let walked = walk_text(yaml);
        assert!(walked.diagnostics.is_empty(), "{:?}", walked.diagnostics);
        assert_eq!(
            text_at(&walked.tree, &["id"]),
            Some(&Value::Str("007".into()))
        );
        assert_eq!(
            text_at(&walked.tree, &["indikation"]),
            Some(&Value::Str("12".into()))
        );
        assert_eq!(
            text_at(&walked.tree, &["produktnamn"]),
            Some(&Value::Str("12".into()))
        );
        let affected = walked
            .tree
            .get("regionalt")
            .and_then(|r| r.get("konsekvensbeskrivning"))
            .and_then(|k| k.get("berörda_förvaltningar"))
            .map(|l| l.value.clone());
        let Some(Value::Seq(items)) = affected else {
            panic!("no list: {affected:?}")
        };
        let texts: Vec<&Value> = items.iter().map(|i| &i.value).collect();
        assert_eq!(
            texts,
            [&Value::Str("0391".into()), &Value::Str("1.50".into())]
        );
    }

    #[test]
    fn values_left_out_are_recorded_by_path() {
        let yaml = "id: 2026-001\ntyp: medicinteknik\nspår: regionalt\nindikation: Lymfom\n\
            regionalt:\n  konsekvensbeskrivning:\n    kostnad_per_patient_och_år: 480 000\n    \
            datum:\n    berörda_förvaltningar: [a, [b]]\n  beslut: införs\n\
            uppföljning:\n  - planerad:\n  - planerad: TBD\nunderlag:\n  kalla: x\n  \
            datum: 2026-01-01\nstatus: vilnde\n";
        let walked = walk_text(yaml);
        assert_eq!(
            walked.unreadable,
            [
                "regionalt.konsekvensbeskrivning.kostnad_per_patient_och_år",
                "regionalt.konsekvensbeskrivning.berörda_förvaltningar[2]",
                "regionalt.beslut",
                "uppföljning[1].planerad",
                "uppföljning[2].planerad",
                "underlag.källa",
                "status",
            ],
            "{:?}",
            walked.diagnostics
        );
        // A misspelt key counts as the key it was meant to be.
        let walked = walk_text(
            "id: 2026-001\ntyp: medicinteknik\nspår: regionalt\nindikation: Lymfom\nregionalt:\n  \
             konsekvensbeskrivning:\n    patienter_per_ar: 8\n",
        );
        assert_eq!(
            walked.unreadable,
            ["regionalt.konsekvensbeskrivning.patienter_per_år"]
        );
    }

    #[test]
    fn confidential_values_are_never_quoted() {
        let yaml = "id: 2026-001\ntyp: medicinteknik\nspår: regionalt\nindikation: Lymfom\n\
            sekretess:\n  pris_efter_rabatt: 31 000 kr\n  anteckning: [hemligt villkor]\n";
        let walked = walk_text(yaml);
        assert_eq!(walked.diagnostics.len(), 2, "{:?}", walked.diagnostics);
        for d in &walked.diagnostics {
            let all = format!("{} {}", d.message, d.hint.as_deref().unwrap_or_default());
            assert!(!all.contains("31"), "{all}");
            assert!(!all.contains("hemligt"), "{all}");
            assert!(all.contains("sekretess."), "{all}");
        }
        for secret in ["-5", "TBD", "2026-13-01"] {
            let yaml = format!(
                "id: 2026-001\ntyp: medicinteknik\nspår: regionalt\nindikation: Lymfom\n\
                 sekretess:\n  pris_efter_rabatt: {secret}\n"
            );
            let walked = walk_text(&yaml);
            assert_eq!(walked.diagnostics.len(), 1, "{:?}", walked.diagnostics);
            assert!(walked.diagnostics[0].message.contains(MASK));
            assert!(!walked.diagnostics[0].message.contains(secret));
        }
        // The same mistake outside `sekretess` is quoted, so that it can be found.
        let walked = walk_text(
            "id: 2026-001\ntyp: medicinteknik\nspår: regionalt\nindikation: Lymfom\nregionalt:\n  \
             konsekvensbeskrivning:\n    kostnad_per_patient_och_år: 480 000\n",
        );
        assert!(walked.diagnostics[0].message.contains("480 000"));
    }

    #[test]
    fn a_hint_keeps_the_whole_first_sentence() {
        let walked = walk_text("typ: medicinteknik\nspår: regionalt\nindikation: Lymfom\n");
        let hint = walked.diagnostics[0].hint.clone().unwrap_or_default();
        assert!(
            hint.contains("(Ärendets id, unikt i repot, t.ex. `2026-014`"),
            "{hint}"
        );
        assert_eq!(without_final_stop("En mening."), "En mening");
        assert_eq!(
            without_final_stop("till exempel t.ex."),
            "till exempel t.ex."
        );
    }
}
