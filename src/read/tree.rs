//! Reads one YAML document into a generic tree whose every node and key keeps its source position.
//!
//! serde stops at the first error, so a case file is not deserialized straight into the case
//! types. It is read once into this tree (serde-saphyr, one `deserialize_any` pass), then walked
//! against the format (`walk.rs`) so that every problem of a file can be reported, each at its
//! own line and column. Duplicate keys are kept in the tree so that the walk can report them.
//! A key that YAML reads as a number or a truth value (`no:`, `0391:`) is kept as written.

use crate::model::Pos;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, Options, Spanned};
use std::borrow::Cow;
use std::fmt;

/// A text of the tree: borrowed from the source where it is written there as it reads (most
/// keys and values), owned where the parser had to build it (escapes, folded lines).
pub type Text<'s> = Cow<'s, str>;

/// A value of the tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'s> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Text<'s>),
    Seq(Vec<Node<'s>>),
    Map(Vec<Entry<'s>>),
}

/// A node: a value, where it stands, and the bytes of the source it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'s> {
    pub pos: Pos,
    /// Byte offset and length of the node's text in the source (for scalars: as written).
    pub bytes: (u32, u32),
    pub value: Value<'s>,
}

impl<'s> Node<'s> {
    /// The node's text as written in `source` (a number keeps its leading zeros).
    pub fn source_text<'t>(&self, source: &'t str) -> Option<&'t str> {
        let (start, len) = (self.bytes.0 as usize, self.bytes.1 as usize);
        source.get(start..start.checked_add(len)?)
    }

    /// A scalar as text: a string as read, a number or truth value as written in `source`
    /// (`0391`, `1.50`, `no`). An alias (`*a`) has no text of its own, so its value is written
    /// out instead.
    pub fn written(&self, source: &str) -> String {
        if let Value::Str(s) = &self.value {
            return s.to_string();
        }
        let as_written = self
            .source_text(source)
            .filter(|t| !t.is_empty() && !t.starts_with(['*', '&', '!']) && !t.contains('\n'));
        if let Some(t) = as_written {
            return t.to_string();
        }
        match &self.value {
            Value::Int(i) => i.to_string(),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            Value::Float(f) => f.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Str(s) => s.to_string(),
            Value::Null | Value::Seq(_) | Value::Map(_) => String::new(),
        }
    }
}

/// One `key: value` of a mapping. Keys that are not strings are kept as their text.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry<'s> {
    pub key: Text<'s>,
    pub key_pos: Pos,
    pub value: Node<'s>,
}

impl Value<'_> {
    /// The Swedish name of the value's kind, for messages ("en text", "en lista", …).
    pub fn kind_sv(&self) -> &'static str {
        match self {
            Value::Null => "ett tomt värde",
            Value::Bool(_) => "ett sanningsvärde",
            Value::Int(_) => "ett heltal",
            Value::Float(_) => "ett decimaltal",
            Value::Str(_) => "en text",
            Value::Seq(_) => "en lista",
            Value::Map(_) => "en mappning",
        }
    }
}

impl<'s> Node<'s> {
    /// The entry for `key` in a mapping (the first one, if the key is duplicated).
    pub fn get(&self, key: &str) -> Option<&Node<'s>> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key).map(|e| &e.value),
            _ => None,
        }
    }
}

/// Why a file could not be read as YAML: a Swedish message and where.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
    /// Whether the message quotes the parser, which may quote the text of the file.
    pub quotes_source: bool,
}

/// The general path alone: serde-saphyr into a tree with spans, leniently and then strictly.
pub fn parse_general(text: &str) -> Result<Node<'static>, SyntaxError> {
    let node = general(text, false)?;
    general(text, true)?;
    Ok(node)
}

fn general(text: &str, strict: bool) -> Result<Node<'static>, SyntaxError> {
    let mut options = Options::default();
    options.strict_indentation = strict;
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    // A `!!binary` value is read as the text written (its base64), like `0391` or `no`: a
    // case file is text for people, and decoded bytes need not be text at all. A file with
    // one is valid YAML and gets every other check, never a `yaml-syntax` error.
    options.ignore_binary_tag_for_string = true;
    match serde_saphyr::from_str_with_options::<Option<Spanned<RawNode>>>(text, options) {
        Ok(Some(root)) => Ok(into_node(root, text)),
        Ok(None) => Ok(Node {
            pos: Pos::start(),
            bytes: (0, 0),
            value: Value::Null,
        }),
        Err(err) => Err(syntax_error(&err, text)),
    }
}

fn syntax_error(err: &serde_saphyr::Error, text: &str) -> SyntaxError {
    let pos = err
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| pos_of(&l, None))
        .unwrap_or(Pos::start());
    let detail = err
        .render_with_formatter(&serde_saphyr::UserMessageFormatter)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    let detail = strip_location_suffix(&detail);
    let (message, quotes_source) = swedish_parser_message(&detail);
    // The parser reports a tab in an indentation where the token before it ends: point at the
    // tab itself.
    let pos = if message == TAB_MESSAGE {
        indenting_tab(text, pos).unwrap_or(pos)
    } else {
        pos
    };
    SyntaxError {
        pos,
        message,
        quotes_source,
    }
}

const TAB_MESSAGE: &str = "tabbtecken kan inte användas för indrag i YAML; använd mellanslag";

/// The first tab at or after `from` that stands in a line's indentation (only spaces and tabs
/// before it on its line).
fn indenting_tab(text: &str, from: Pos) -> Option<Pos> {
    let lines = text
        .split('\n')
        .enumerate()
        .skip(from.line.saturating_sub(1) as usize);
    for (i, line) in lines {
        let indentation = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if let Some(at) = indentation.find('\t') {
            let line_number = u32::try_from(i + 1).ok()?;
            // On the line the parser points at, the tab counts when the parser points into
            // the indentation or at the token just after it (the one the tab indents), not
            // at a later token of the line. (Only spaces and tabs: bytes are columns.)
            if line_number == from.line && from.col as usize > indentation.len() + 1 {
                continue;
            }
            return Some(Pos::new(line_number, u32::try_from(at + 1).ok()?, 1));
        }
    }
    None
}

/// Known parser messages in Swedish; anything else is passed on after a Swedish lead-in (and
/// then says so: it may quote the file).
fn swedish_parser_message(detail: &str) -> (String, bool) {
    const KNOWN: &[(&str, &str)] = &[
        (
            "illegal placement",
            "ett kolon på fel plats: saknas en avslutande `]` eller `}` ovanför?",
        ),
        (
            "too large or too complex",
            "filen expanderar till för många noder (alias-bomb?)",
        ),
        (
            "multiple found",
            "filen innehåller flera YAML-dokument (`---`); ett ärende är ett dokument",
        ),
        ("tabs disallowed", TAB_MESSAGE),
        ("found a tab", TAB_MESSAGE),
        ("unclosed quote", "citattecknet stängs aldrig"),
        (
            "invalid indentation in multiline quoted scalar",
            "en text inom citattecken fortsätter på en rad som inte är indragen mer än nyckeln: \
             dra in fortsättningsraden, eller saknas ett avslutande citattecken?",
        ),
        (
            "invalid indentation",
            "en rad är indragen mindre än det den fortsätter: saknas en avslutande `]` eller \
             `}` ovanför, eller ska raden dras in?",
        ),
        ("unclosed bracket", "hakparentesen `[` stängs aldrig"),
        ("unclosed brace", "klammerparentesen `{` stängs aldrig"),
        (
            "mapping values are not allowed",
            "ett kolon på fel plats: sätt texten inom citattecken eller börja en ny rad",
        ),
        (
            "did not find expected key",
            "indraget stämmer inte: en nyckel väntades här",
        ),
        (
            "did not find expected '-'",
            "indraget stämmer inte: ett listelement (`- `) väntades här",
        ),
        (
            "unknown anchor",
            "aliaset pekar på ett ankare (`&namn`) som inte finns",
        ),
        ("invalid leading utf-8", "filen är inte giltig UTF-8"),
    ];
    let lower = detail.to_lowercase();
    KNOWN
        .iter()
        .find(|(needle, _)| lower.contains(needle))
        .map(|(_, sv)| ((*sv).to_string(), false))
        .unwrap_or_else(|| (format!("ogiltig YAML ({detail})"), true))
}

/// Drops the parser's own "error: line N column M: " lead-in and " at line …" suffix.
fn strip_location_suffix(s: &str) -> String {
    let s = s.strip_prefix("error: ").unwrap_or(s);
    let s = match (s.starts_with("line "), s.find(": ")) {
        (true, Some(i)) => &s[i + 2..],
        _ => s,
    };
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// The tree as serde-saphyr hands it over, before positions are flattened into `Pos`.
enum RawNode {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<RawNode>, Spanned<RawNode>)>),
}

/// The position of a located token: its start, and its end from the source text it covers.
fn pos_of(loc: &serde_saphyr::Location, source: Option<&str>) -> Pos {
    let line = u32::try_from(loc.line()).unwrap_or(u32::MAX);
    let col = u32::try_from(loc.column()).unwrap_or(u32::MAX);
    match source.and_then(|s| slice(loc, s)) {
        Some(covered) => Pos::covering(line, col, covered),
        None => Pos::new(
            line,
            col,
            u32::try_from(loc.span().len()).unwrap_or(u32::MAX),
        ),
    }
}

fn byte_range(loc: &serde_saphyr::Location) -> (u32, u32) {
    let span = loc.span();
    (
        span.byte_offset()
            .and_then(|o| u32::try_from(o).ok())
            .unwrap_or(0),
        span.byte_len()
            .and_then(|l| u32::try_from(l).ok())
            .unwrap_or(0),
    )
}

fn slice<'s>(loc: &serde_saphyr::Location, source: &'s str) -> Option<&'s str> {
    let span = loc.span();
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len()?).ok()?;
    source.get(start..start.checked_add(len)?)
}

fn into_node(raw: Spanned<RawNode>, source: &str) -> Node<'static> {
    let pos = pos_of(&raw.referenced, Some(source));
    let bytes = byte_range(&raw.referenced);
    let value = match raw.value {
        RawNode::Null => Value::Null,
        RawNode::Bool(b) => Value::Bool(b),
        RawNode::Int(i) => Value::Int(i),
        RawNode::Float(f) => Value::Float(f),
        RawNode::Str(s) => Value::Str(Cow::Owned(s)),
        RawNode::Seq(items) => Value::Seq(
            items
                .into_iter()
                .map(|item| into_node(item, source))
                .collect(),
        ),
        RawNode::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let (key, key_pos) = entry_key(into_node(k, source), source);
                    Entry {
                        key_pos,
                        key,
                        value: into_node(v, source),
                    }
                })
                .collect(),
        ),
    };
    Node { pos, bytes, value }
}

/// A mapping key as the tree keeps it: its text (a number or truth value as written) and
/// where it stands.
pub(super) fn entry_key<'s>(key_node: Node<'s>, source: &str) -> (Text<'s>, Pos) {
    let key = match key_node.value {
        Value::Str(s) => s,
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => Cow::Owned(key_node.written(source)),
        Value::Null => Cow::Borrowed("~"),
        Value::Seq(_) | Value::Map(_) => Cow::Borrowed("[…]"),
    };
    let key_len = u32::try_from(key.chars().count()).unwrap_or(u32::MAX);
    (key, Pos::new(key_node.pos.line, key_node.pos.col, key_len))
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
        RawNode::deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawNode, E> {
        Ok(RawNode::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawNode, E> {
        Ok(i64::try_from(v).map_or(RawNode::Float(v as f64), RawNode::Int))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawNode, E> {
        Ok(i64::try_from(v).map_or(RawNode::Float(v as f64), RawNode::Int))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawNode, E> {
        Ok(i64::try_from(v).map_or(RawNode::Float(v as f64), RawNode::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawNode, E> {
        Ok(RawNode::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<RawNode, E> {
        Ok(RawNode::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawNode>>()? {
            items.push(item);
        }
        Ok(RawNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<RawNode>>()? {
            let value = map.next_value::<Spanned<RawNode>>()?;
            entries.push((key, value));
        }
        Ok(RawNode::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::parse;

    #[test]
    fn keeps_positions_and_duplicates() {
        let node = parse("id: 2026-014\nregionalt:\n  diarienummer: RS 1\n  diarienummer: RS 2\n")
            .expect("valid yaml");
        let Value::Map(entries) = &node.value else {
            panic!("expected a mapping")
        };
        assert_eq!(entries[0].key_pos, Pos::new(1, 1, 2));
        assert_eq!(entries[0].value.pos.line, 1);
        assert_eq!(entries[0].value.pos.col, 5);
        assert_eq!(entries[0].value.value, Value::Str("2026-014".into()));
        let Value::Map(inner) = &entries[1].value.value else {
            panic!("expected a mapping")
        };
        assert_eq!(inner.len(), 2);
        assert_eq!(inner[1].key_pos.line, 4);
        assert_eq!(inner[1].key_pos.col, 3);
    }

    #[test]
    fn a_tab_in_an_indentation_is_reported_where_it_stands() {
        let text = "id: 1\navtal:\n  typ: x\n\tstart: 2026-07-01\n  slut: 2027-06-30\n";
        let err = parse(text).expect_err("a tab");
        assert_eq!(err.message, TAB_MESSAGE);
        assert_eq!((err.pos.line, err.pos.col), (4, 1));
        let text = "a:\n  b: 1\n  \tc: 2\n";
        let err = parse(text).expect_err("a tab");
        assert_eq!(
            (err.message.as_str(), err.pos.line, err.pos.col),
            (TAB_MESSAGE, 3, 3)
        );
        // The parser points just after the tab here: the tab's own column all the same.
        let err = parse("id: 2026-001\nregionalt:\n\tbeslut: x\n").expect_err("a tab");
        assert_eq!(
            (err.message.as_str(), err.pos.line, err.pos.col),
            (TAB_MESSAGE, 3, 1)
        );
    }

    #[test]
    fn empty_document_is_null() {
        assert_eq!(
            parse("# bara en kommentar\n").map(|n| n.value),
            Ok(Value::Null)
        );
        assert_eq!(parse("").map(|n| n.value), Ok(Value::Null));
    }

    #[test]
    fn syntax_error_has_position() {
        let err = parse("id: 1\nfoo: [1, 2\nbar: 3\n").expect_err("broken yaml");
        assert!(err.pos.line >= 2, "{err:?}");
        assert!(err.message.contains("kolon på fel plats"), "{err:?}");
    }

    #[test]
    fn keys_are_kept_as_written() {
        let text = "no: 1\n0391: 2\ny: 3\n1.50: 4\n";
        let node = parse(text).expect("valid");
        let Value::Map(entries) = &node.value else {
            panic!("expected a mapping")
        };
        let keys: Vec<&str> = entries.iter().map(|e| e.key.as_ref()).collect();
        assert_eq!(keys, ["no", "0391", "y", "1.50"]);
    }

    #[test]
    fn scalars_keep_their_type() {
        let node = parse("a: 25\nb: true\nc: 2026-01-20\nd: ~\ne: '25'\n").expect("valid");
        assert_eq!(node.get("a").map(|n| &n.value), Some(&Value::Int(25)));
        assert_eq!(node.get("b").map(|n| &n.value), Some(&Value::Bool(true)));
        assert_eq!(
            node.get("c").map(|n| &n.value),
            Some(&Value::Str("2026-01-20".into()))
        );
        assert_eq!(node.get("d").map(|n| &n.value), Some(&Value::Null));
        assert_eq!(
            node.get("e").map(|n| &n.value),
            Some(&Value::Str("25".into()))
        );
    }
}
