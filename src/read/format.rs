//! The case format as the walk checks it: the JSON Schema generated from the case types
//! (`schema.rs`), compiled once per run into a `Format`, where every node of the schema becomes
//! a shape the walk knows how to check (an object with its properties and conditional required
//! keys, a list, an enum, a date, text, an integer, a truth value). A construct the walk does
//! not implement (an unknown `type` or `format`, a `$ref` that does not resolve or points
//! outside `#/definitions`, a keyword that changes validation) is a `SchemaError`, never
//! "anything goes", so a new schemars version cannot switch validation off unnoticed.

use serde_json::{Map, Value as Json};
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// The case format, compiled once per run from `schema::case_schema()`.
pub fn case_format() -> Result<&'static Format, &'static SchemaError> {
    static FORMAT: OnceLock<Result<Format, SchemaError>> = OnceLock::new();
    FORMAT
        .get_or_init(|| Format::compile(crate::schema::case_schema()))
        .as_ref()
}

/// A JSON Schema compiled into the shapes the walk checks.
#[derive(Debug)]
pub struct Format {
    pub(super) defs: Vec<Def>,
    pub(super) root: Slot,
}

/// A use of a shape: which one, and whether null (an empty value) is allowed here.
#[derive(Clone, Copy, Debug)]
pub(super) struct Slot {
    pub(super) def: usize,
    pub(super) nullable: bool,
}

#[derive(Debug)]
pub(super) struct Def {
    pub(super) shape: Shape,
    pub(super) nullable: bool,
    /// The schema's `description` (a doc comment), whitespace collapsed.
    pub(super) description: Option<String>,
}

/// What a schema node asks of a value.
#[derive(Debug)]
pub(super) enum Shape {
    Enum(Vec<String>),
    Object(Object),
    Array(Slot),
    Date,
    Text,
    Integer { min: Option<i64> },
    Boolean,
}

#[derive(Debug)]
pub(super) struct Object {
    /// In schema order (the order of the did-you-mean's list of known keys).
    pub(super) properties: Vec<Property>,
    pub(super) index: HashMap<String, usize>,
    pub(super) required: Vec<String>,
    /// `allOf` of `if`/`then`: keys required when other keys hold given words.
    pub(super) conditions: Vec<Condition>,
}

#[derive(Debug)]
pub(super) struct Property {
    pub(super) key: String,
    pub(super) slot: Slot,
    pub(super) description: Option<String>,
}

#[derive(Debug)]
pub(super) struct Condition {
    pub(super) when: Vec<(String, String)>,
    pub(super) require: Vec<String>,
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

/// A place in the format as a command that writes a case (`record`) sees it: what the key
/// there holds, and for a mapping its keys in the format's order and which are required.
#[derive(Clone, Copy, Debug)]
pub struct Field<'f> {
    format: &'f Format,
    slot: Slot,
}

/// What a key holds, as `Field::holds` tells it.
#[derive(Clone, Copy, Debug)]
pub enum Holds<'f> {
    /// One of these words.
    Words(&'f [String]),
    Date,
    Text,
    Integer {
        min: Option<i64>,
    },
    Boolean,
    /// A list of what the field holds.
    List(Field<'f>),
    /// A mapping (`Field::keys`).
    Map,
}

impl Format {
    /// The whole case, a mapping.
    pub fn root(&self) -> Field<'_> {
        Field {
            format: self,
            slot: self.root,
        }
    }
}

impl<'f> Field<'f> {
    fn def(&self) -> &'f Def {
        &self.format.defs[self.slot.def]
    }

    pub fn holds(&self) -> Holds<'f> {
        match &self.def().shape {
            Shape::Enum(words) => Holds::Words(words),
            Shape::Date => Holds::Date,
            Shape::Text => Holds::Text,
            Shape::Integer { min } => Holds::Integer { min: *min },
            Shape::Boolean => Holds::Boolean,
            Shape::Array(items) => Holds::List(Field {
                format: self.format,
                slot: *items,
            }),
            Shape::Object(_) => Holds::Map,
        }
    }

    fn object(&self) -> Option<&'f Object> {
        match &self.def().shape {
            Shape::Object(o) => Some(o),
            _ => None,
        }
    }

    /// A mapping's keys with what each holds, in the format's order (none for another shape).
    pub fn keys(&self) -> Vec<(&'f str, Field<'f>)> {
        self.object().map_or_else(Vec::new, |o| {
            o.properties
                .iter()
                .map(|p| {
                    let field = Field {
                        format: self.format,
                        slot: p.slot,
                    };
                    (p.key.as_str(), field)
                })
                .collect()
        })
    }

    /// The field at `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<Field<'f>> {
        self.object()?.property(key).map(|p| Field {
            format: self.format,
            slot: p.slot,
        })
    }

    /// The field at a dotted key path (`regionalt.kommitté`) through mappings.
    pub fn at(&self, path: &str) -> Option<Field<'f>> {
        path.split('.').try_fold(*self, |field, key| field.get(key))
    }

    /// The keys a mapping must have (always; not those required only for some `typ`).
    pub fn required(&self) -> &'f [String] {
        self.object().map_or(&[], |o| o.required.as_slice())
    }

    /// The field's description from the format, whitespace collapsed.
    pub fn description(&self) -> Option<&'f str> {
        self.def().description.as_deref()
    }
}

impl Object {
    /// The property named `key`: a scan of the few properties, no hashing.
    pub(super) fn property(&self, key: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.key == key)
    }
}

#[cfg(test)]
mod tests;
