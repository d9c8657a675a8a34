//! Format-preserving edits of a case file: set a value at a key path, or append an item to a
//! list, and leave every byte outside the edit as it was (comments, key order, quoting, block
//! and flow style). An edit is placed by the source positions the reader already keeps (the
//! YAML tree of `read::tree`, each node with its bytes); one edit is one splice of the text,
//! and the text is parsed again before the next. A new key goes where the format puts it,
//! after the keys the format declares before it; a new list item copies the style of the
//! items before it. Values reach the text as `Value`s rendered by serde-saphyr's emitter
//! (`Value::Text` always double-quoted, so a comma, `#` or line break stays inside it in block
//! and flow style alike), never pasted in by hand.
//!
//! `record` maps a step of the process to the section it writes and its fields to flags.
//!
//! May use: `read` (the tree and the format), `model`, `process` (the steps), `text`.

pub mod record;

use crate::read::tree::{Entry, Node, Value as Tree};
use crate::read::{Field, Holds};
use std::fmt;

/// A step of a key path: a key of a mapping, or an item of a list (from 0).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    Name(String),
    Item(usize),
}

/// A value to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// Free text: written double-quoted.
    Text(String),
    /// One of the format's words, checked before: written as the emitter writes it (plain).
    Word(String),
    /// A date, checked before.
    Date(chrono::NaiveDate),
    Integer(u64),
    Boolean(bool),
    /// A list of values, written in flow style (`[a, b]`).
    List(Vec<Value>),
}

/// Why an edit could not be made: a Swedish message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

fn fail<T>(message: impl Into<String>) -> Result<T, Error> {
    Err(Error(message.into()))
}

impl Value {
    /// The value as YAML text on one line, fit for block and flow style.
    pub fn render(&self) -> Result<String, Error> {
        let emitted = |r: Result<String, serde_saphyr::SerializeError>| match r {
            Ok(mut text) => {
                text.truncate(text.trim_end_matches('\n').len());
                if text.contains('\n') {
                    return fail("värdet blev mer än en rad");
                }
                Ok(text)
            }
            Err(e) => fail(format!("värdet kan inte skrivas som YAML: {e}")),
        };
        match self {
            Value::Text(t) => emitted(serde_saphyr::to_string(&serde_saphyr::DoubleQuoted(
                t.as_str(),
            ))),
            Value::Word(w) => emitted(serde_saphyr::to_string(&w.as_str())),
            // ISO 8601 digits and hyphens, as every case file writes its dates: the reader
            // takes the plain form as the date (the emitter would quote it, as it quotes
            // anything that looks like a timestamp).
            Value::Date(d) => Ok(d.format("%Y-%m-%d").to_string()),
            Value::Integer(n) => emitted(serde_saphyr::to_string(n)),
            Value::Boolean(b) => emitted(serde_saphyr::to_string(b)),
            Value::List(items) => {
                let items: Result<Vec<String>, Error> = items.iter().map(Value::render).collect();
                Ok(format!("[{}]", items?.join(", ")))
            }
        }
    }
}

/// Sets the value at `path` (keys of mappings, items of lists), creating the mappings on the
/// way that are missing; `root` is the format of the whole case. Returns the new text.
pub fn set(text: &str, root: Field, path: &[Key], value: &Value) -> Result<String, Error> {
    let leaf = Tail::Leaf(value.render()?);
    edit(text, root, path, leaf)
}

/// Appends a mapping with `fields` (in the order given) to the list at `path`, creating the
/// list (and the mappings on the way) when it is missing. Returns the new text.
pub fn append(
    text: &str,
    root: Field,
    path: &[Key],
    fields: &[(&str, Value)],
) -> Result<String, Error> {
    let mut parts = Vec::new();
    for (key, value) in fields {
        parts.push((key.to_string(), value.render()?));
    }
    edit(text, root, path, Tail::Item(parts))
}

/// Where `append` would put a new item in `text`, already parsed into `tree`, without reading
/// the result back: the bytes to replace and what to write there. For a fix that adds an item
/// (`fix::Edit`), made where a finding is made.
pub fn append_edit(
    text: &str,
    tree: &Node,
    root: Field,
    path: &[Key],
    fields: &[(&str, Value)],
) -> Result<(std::ops::Range<usize>, String), Error> {
    let mut parts = Vec::new();
    for (key, value) in fields {
        parts.push((key.to_string(), value.render()?));
    }
    let splice = splice(text, tree, root, path, &Tail::Item(parts))?;
    Ok((splice.at..splice.end, splice.with))
}

/// What an edit puts at the end of its path.
enum Tail {
    /// A value, rendered.
    Leaf(String),
    /// A new item of a list: a mapping of rendered values.
    Item(Vec<(String, String)>),
}

/// One splice of the text.
struct Splice {
    at: usize,
    end: usize,
    with: String,
}

fn edit(text: &str, root: Field, path: &[Key], tail: Tail) -> Result<String, Error> {
    let tree = match crate::read::parse(text) {
        Ok(tree) => tree,
        Err(e) => return fail(format!("filen kan inte läsas som YAML: {}", e.message)),
    };
    let splice = splice(text, &tree, root, path, &tail)?;
    let mut out = String::with_capacity(text.len() + splice.with.len());
    out.push_str(&text[..splice.at]);
    out.push_str(&splice.with);
    out.push_str(&text[splice.end..]);
    if let Err(e) = crate::read::parse(&out) {
        return fail(format!(
            "ändringen skulle göra filen till ogiltig YAML ({}); ingenting skrevs",
            e.message
        ));
    }
    Ok(out)
}

/// The splice of an edit of `text`, parsed into `tree`.
fn splice(
    text: &str,
    tree: &Node,
    root: Field,
    path: &[Key],
    tail: &Tail,
) -> Result<Splice, Error> {
    let doc = Doc::new(text);
    let mut splice = match &tree.value {
        Tree::Map(_) => doc.in_map(tree, root, path, tail, 0)?,
        _ => return fail("filen är inte en mappning"),
    };
    // The lines written end as the file's lines there do (a file saved on Windows in `\r\n`).
    // Values are rendered on one line, so every `\n` here is a line break of the edit.
    if crate::text::line_break(text, splice.at) == "\r\n" {
        splice.with = splice.with.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    Ok(splice)
}

/// The text and where its lines start.
struct Doc<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

fn spaces(n: usize) -> String {
    " ".repeat(n)
}

impl<'t> Doc<'t> {
    fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Doc { text, starts }
    }

    /// The byte offset of 1-based `line` and `col` (in characters).
    fn offset(&self, line: u32, col: u32) -> Result<usize, Error> {
        let Some(start) = self.starts.get((line as usize).wrapping_sub(1)).copied() else {
            return fail("en position utanför filen");
        };
        let rest = &self.text[start..];
        let skip = (col as usize).saturating_sub(1);
        Ok(start + rest.char_indices().nth(skip).map_or(rest.len(), |(i, _)| i))
    }

    /// The start of the line holding byte `at`.
    fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.text.as_bytes().get(at).copied()
    }

    fn is_flow(&self, node: &Node) -> bool {
        matches!(node.value, Tree::Map(_) | Tree::Seq(_))
            && matches!(self.byte(node.bytes.0 as usize), Some(b'{' | b'['))
    }

    /// Just after the `:` of an entry.
    fn after_colon(&self, entry: &Entry) -> Result<usize, Error> {
        let key_end = self.offset(entry.key_pos.end_line, entry.key_pos.end_col)?;
        match self.text[key_end..].find(':') {
            Some(i) => Ok(key_end + i + 1),
            None => fail(format!("hittar inte kolon efter `{}`", entry.key)),
        }
    }

    /// Whether a value is written as nothing at all (`utförd:`).
    fn is_blank(node: &Node) -> bool {
        node.value == Tree::Null && node.bytes.1 == 0
    }

    /// Just after the last character of an entry's value (after its colon when it is blank).
    fn entry_end(&self, entry: &Entry) -> Result<usize, Error> {
        if Self::is_blank(&entry.value) {
            self.after_colon(entry)
        } else {
            self.end(&entry.value)
        }
    }

    /// Just after the last character of a node: a flow collection's closing bracket, a block
    /// collection's last value.
    fn end(&self, node: &Node) -> Result<usize, Error> {
        let flow = self.is_flow(node);
        let last = match &node.value {
            Tree::Map(entries) => match entries.last() {
                Some(e) => Some(self.entry_end(e)?),
                None => None,
            },
            Tree::Seq(items) => match items.last() {
                Some(i) => Some(self.end(i)?),
                None => None,
            },
            _ => return Ok((node.bytes.0 + node.bytes.1) as usize),
        };
        if !flow {
            return last.map_or_else(|| fail("en tom samling utan klamrar"), Ok);
        }
        let mut at = last.unwrap_or(node.bytes.0 as usize + 1);
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(at) {
            match b {
                b' ' | b'\t' | b'\r' | b'\n' | b',' => at += 1,
                b'#' => at = self.text[at..].find('\n').map_or(bytes.len(), |i| at + i),
                b'}' | b']' => return Ok(at + 1),
                _ => break,
            }
        }
        fail("hittar inte slutet på en samling inom klamrar")
    }

    /// Where a new line goes after byte `at`: the start of the next line (and whether the
    /// file's last line lacks its line break, which the new line then adds first).
    fn next_line(&self, at: usize) -> (usize, bool) {
        if at > 0 && self.byte(at - 1) == Some(b'\n') {
            return (at, false);
        }
        match self.text[at..].find('\n') {
            Some(i) => (at + i + 1, false),
            None => (self.text.len(), true),
        }
    }

    /// The columns a block mapping's keys stand at (0 for the root).
    fn indent_of(&self, entries: &[Entry]) -> usize {
        entries
            .first()
            .map_or(0, |e| (e.key_pos.col as usize).saturating_sub(1))
    }

    /// The edit inside the mapping `map` (whose format is `field`) for `path`.
    fn in_map(
        &self,
        map: &Node,
        field: Field,
        path: &[Key],
        tail: &Tail,
        indent: usize,
    ) -> Result<Splice, Error> {
        let Tree::Map(entries) = &map.value else {
            return fail("väntade en mappning");
        };
        let Some((Key::Name(key), rest)) = path.split_first() else {
            return fail("en sökväg i en mappning börjar med en nyckel");
        };
        let Some(inner) = field.get(key) else {
            return fail(format!("formatet har ingen nyckel `{key}` här"));
        };
        let indent = if self.is_flow(map) {
            indent
        } else {
            self.indent_of(entries).max(indent)
        };
        match entries.iter().find(|e| e.key == key.as_str()) {
            Some(entry) => self.in_value(entry, inner, rest, tail, indent),
            None => self.new_key(map, entries, field, key, rest, tail, indent),
        }
    }

    /// The edit at an existing entry's value.
    fn in_value(
        &self,
        entry: &Entry,
        field: Field,
        rest: &[Key],
        tail: &Tail,
        indent: usize,
    ) -> Result<Splice, Error> {
        let node = &entry.value;
        let child_indent = indent + 2;
        match (&node.value, rest.first(), tail) {
            (Tree::Map(_), Some(Key::Name(_)), _) => {
                self.in_map(node, field, rest, tail, child_indent)
            }
            (Tree::Seq(items), Some(Key::Item(i)), _) => {
                let Holds::List(item_field) = field.holds() else {
                    return fail(format!("`{}` är ingen lista i formatet", entry.key));
                };
                let Some(item) = items.get(*i) else {
                    return fail(format!("`{}` har ingen punkt {}", entry.key, i + 1));
                };
                self.in_map(item, item_field, &rest[1..], tail, child_indent + 2)
            }
            (Tree::Seq(items), None, Tail::Item(fields)) => self.new_item(node, items, fields),
            // Written as nothing, `~` or `null`: the value (or the rest of the path) goes there.
            (Tree::Null, Some(Key::Name(_)), _) | (Tree::Null, None, _) => {
                let flow = !Self::is_blank(node) || self.in_flow(entry)?;
                let with = if flow {
                    render_flow(rest, tail)
                } else {
                    // After the colon: the line break that ends the entry is already there.
                    let mut block = render_block_value(rest, tail, child_indent);
                    block.pop();
                    block
                };
                let (at, end) = if Self::is_blank(node) {
                    let at = self.after_colon(entry)?;
                    (at, at)
                } else {
                    let at = node.bytes.0 as usize;
                    (at, at + node.bytes.1 as usize)
                };
                let with = if flow && Self::is_blank(node) {
                    format!(" {with}")
                } else {
                    with
                };
                Ok(Splice { at, end, with })
            }
            (Tree::Map(_) | Tree::Seq(_), None, Tail::Leaf(_)) => fail(format!(
                "`{}` är en samling i filen; den skrivs inte över",
                entry.key
            )),
            (_, None, Tail::Leaf(v)) => {
                let at = node.bytes.0 as usize;
                Ok(Splice {
                    at,
                    end: at + node.bytes.1 as usize,
                    with: v.clone(),
                })
            }
            _ => fail(format!(
                "`{}` har inte den form som formatet anger; rätta filen först (`ordnat check`)",
                entry.key
            )),
        }
    }

    /// Whether an entry stands inside a flow mapping: text before its key on its line ends
    /// with `{` or `,` (a cheap test, enough to choose the style of a value written after it).
    fn in_flow(&self, entry: &Entry) -> Result<bool, Error> {
        let at = self.offset(entry.key_pos.line, entry.key_pos.col)?;
        let before = self.text[self.line_start(at)..at].trim_end();
        Ok(before.ends_with('{') || before.ends_with(','))
    }

    /// A new key in a mapping, placed after the keys the format declares before it.
    #[allow(clippy::too_many_arguments)]
    fn new_key(
        &self,
        map: &Node,
        entries: &[Entry],
        field: Field,
        key: &str,
        rest: &[Key],
        tail: &Tail,
        indent: usize,
    ) -> Result<Splice, Error> {
        let order: Vec<&str> = field.keys().into_iter().map(|(k, _)| k).collect();
        let rank = |k: &str| order.iter().position(|o| *o == k);
        let mine = rank(key);
        let before = entries.iter().rfind(|e| match (rank(&e.key), mine) {
            (Some(r), Some(m)) => r < m,
            _ => false,
        });
        let mut path = vec![Key::Name(key.to_string())];
        path.extend_from_slice(rest);
        if self.is_flow(map) {
            let entry = render_flow(&path, tail);
            return Ok(match (before, entries.first()) {
                (Some(b), _) => {
                    let at = self.entry_end(b)?;
                    Splice {
                        at,
                        end: at,
                        with: format!(", {entry}"),
                    }
                }
                (None, Some(first)) => {
                    let at = self.offset(first.key_pos.line, first.key_pos.col)?;
                    Splice {
                        at,
                        end: at,
                        with: format!("{entry}, "),
                    }
                }
                (None, None) => {
                    let at = map.bytes.0 as usize + 1;
                    Splice {
                        at,
                        end: at,
                        with: format!(" {entry} "),
                    }
                }
            });
        }
        let lines = render_block(&path, tail, indent);
        let first_line_start = match entries.first() {
            Some(first) => {
                let at = self.offset(first.key_pos.line, first.key_pos.col)?;
                let start = self.line_start(at);
                self.text[start..at].trim().is_empty().then_some(start)
            }
            None => None,
        };
        let after = match (before, first_line_start, entries.last()) {
            (Some(b), _, _) => self.entry_end(b)?,
            (None, Some(start), _) => {
                return Ok(Splice {
                    at: start,
                    end: start,
                    with: lines,
                });
            }
            (None, None, Some(last)) => self.entry_end(last)?,
            (None, None, None) => return fail("en tom mappning utan klamrar"),
        };
        let (at, newline) = self.next_line(after);
        Ok(Splice {
            at,
            end: at,
            with: if newline { format!("\n{lines}") } else { lines },
        })
    }

    /// A new item at the end of a list, in the style of the item before it.
    fn new_item(
        &self,
        list: &Node,
        items: &[Node],
        fields: &[(String, String)],
    ) -> Result<Splice, Error> {
        let flow_item = flow_map(fields);
        if self.is_flow(list) {
            return Ok(match items.last() {
                Some(last) => {
                    let at = self.end(last)?;
                    Splice {
                        at,
                        end: at,
                        with: format!(", {flow_item}"),
                    }
                }
                None => {
                    let at = list.bytes.0 as usize + 1;
                    Splice {
                        at,
                        end: at,
                        with: flow_item,
                    }
                }
            });
        }
        let Some(last) = items.last() else {
            return fail("en tom lista utan klamrar");
        };
        let start = last.bytes.0 as usize;
        let prefix = &self.text[self.line_start(start)..start];
        let dash = prefix.trim_start();
        if !(dash.starts_with('-') && dash[1..].trim().is_empty() && dash.len() > 1) {
            return fail(
                "listans punkter har en form som inte går att följa; lägg till punkten för hand",
            );
        }
        let with = match &last.value {
            Tree::Map(_) if !self.is_flow(last) => {
                let pad = spaces(prefix.chars().count());
                let mut out = String::new();
                for (i, (k, v)) in fields.iter().enumerate() {
                    let lead = if i == 0 {
                        prefix.to_string()
                    } else {
                        pad.clone()
                    };
                    out.push_str(&format!("{lead}{k}: {v}\n"));
                }
                out
            }
            _ => format!("{prefix}{flow_item}\n"),
        };
        let (at, newline) = self.next_line(self.end(last)?);
        Ok(Splice {
            at,
            end: at,
            with: if newline { format!("\n{with}") } else { with },
        })
    }
}

/// `{ k: v, k2: v2 }`.
fn flow_map(fields: &[(String, String)]) -> String {
    let inner: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{{ {} }}", inner.join(", "))
}

/// What `path` (keys from here) and `tail` are in flow style: `k: { k2: v }`, or the value
/// itself for an empty path.
fn render_flow(path: &[Key], tail: &Tail) -> String {
    match path.split_first() {
        Some((Key::Name(k), [])) => format!("{k}: {}", render_flow(&[], tail)),
        Some((Key::Name(k), rest)) => format!("{k}: {{ {} }}", render_flow(rest, tail)),
        Some((Key::Item(_), _)) => String::new(),
        None => match tail {
            Tail::Leaf(v) => v.clone(),
            Tail::Item(fields) => format!("[{}]", flow_map(fields)),
        },
    }
}

/// The entry for `path` in block style at `indent`, ending with a line break.
fn render_block(path: &[Key], tail: &Tail, indent: usize) -> String {
    match path.split_first() {
        Some((Key::Name(k), rest)) => format!(
            "{}{k}:{}",
            spaces(indent),
            render_block_value(rest, tail, indent + 2)
        ),
        _ => String::new(),
    }
}

/// What follows `key:` in block style: ` v\n`, or the nested entries on lines of their own.
fn render_block_value(rest: &[Key], tail: &Tail, indent: usize) -> String {
    if rest.is_empty() {
        return match tail {
            Tail::Leaf(v) => format!(" {v}\n"),
            Tail::Item(fields) => format!("\n{}- {}\n", spaces(indent), flow_map(fields)),
        };
    }
    format!("\n{}", render_block(rest, tail, indent))
}

/// The values at `path` as written, read back from `text` (a scalar's text, or each item of a
/// list of scalars): what a test or a caller compares with what it meant to write.
pub fn written_at(text: &str, path: &[Key]) -> Option<Vec<String>> {
    let tree = crate::read::parse(text).ok()?;
    let mut node = &tree;
    for key in path {
        node = match (key, &node.value) {
            (Key::Name(k), Tree::Map(_)) => node.get(k)?,
            (Key::Item(i), Tree::Seq(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    match &node.value {
        Tree::Seq(items) => Some(items.iter().map(|i| i.written(text)).collect()),
        Tree::Map(_) => None,
        _ => Some(vec![node.written(text)]),
    }
}

/// A key path written with dots and `[n]` (counted from 1), as messages show it.
pub fn shown(path: &[Key]) -> String {
    let mut out = String::new();
    for key in path {
        match key {
            Key::Name(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Key::Item(i) => out.push_str(&format!("[{}]", i + 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> Field<'static> {
        crate::read::case_format().expect("format").root()
    }

    fn path(keys: &str) -> Vec<Key> {
        keys.split('.').map(|k| Key::Name(k.to_string())).collect()
    }

    #[test]
    fn a_value_is_replaced_in_block_and_flow_style_and_nothing_else_moves() {
        let text = "id: 2026-001 # id\nregionalt:\n  diarienummer: RS 1\n  kommitté: { möte: 2026-01-01, rekommendation: införa }  # x\nx: 1\n";
        let out = set(
            text,
            root(),
            &path("regionalt.diarienummer"),
            &Value::Text("RS 2026/0412".into()),
        )
        .expect("set");
        assert_eq!(out, text.replace("RS 1", "\"RS 2026/0412\""));
        let out = set(
            text,
            root(),
            &path("regionalt.kommitté.rekommendation"),
            &Value::Word("införa-inte".into()),
        )
        .expect("set");
        assert_eq!(out, text.replace("införa }", "införa-inte }"));
    }

    #[test]
    fn a_new_key_goes_where_the_format_puts_it() {
        let text = "id: 2026-001\nregionalt:\n  diarienummer: RS 1\n  beslut:\n    utfall: införs\n\ninförande:\n  start: 2026-01-01\n";
        let out = set(
            text,
            root(),
            &path("regionalt.kommitté.möte"),
            &Value::Date(chrono::NaiveDate::from_ymd_opt(2026, 2, 3).expect("d")),
        )
        .expect("set");
        assert_eq!(
            out,
            text.replace("  beslut:", "  kommitté:\n    möte: 2026-02-03\n  beslut:")
        );
        let out = set(
            text,
            root(),
            &path("regionalt.beslut.datum"),
            &Value::Date(chrono::NaiveDate::from_ymd_opt(2026, 2, 3).expect("d")),
        )
        .expect("set");
        assert_eq!(
            out,
            text.replace("införs\n", "införs\n    datum: 2026-02-03\n")
        );
        let flow = "id: 2026-001\nregionalt: { diarienummer: RS 1 }\n";
        let out = set(
            flow,
            root(),
            &path("regionalt.kommitté.möte"),
            &Value::Date(chrono::NaiveDate::from_ymd_opt(2026, 2, 3).expect("d")),
        )
        .expect("set");
        assert_eq!(
            out,
            "id: 2026-001\nregionalt: { diarienummer: RS 1, kommitté: { möte: 2026-02-03 } }\n"
        );
        let bare = "id: 2026-001\nuppföljning: []";
        let out = set(
            bare,
            root(),
            &path("regionalt.diarienummer"),
            &Value::Text("a, b".into()),
        )
        .expect("set");
        assert_eq!(
            out,
            "id: 2026-001\nregionalt:\n  diarienummer: \"a, b\"\nuppföljning: []"
        );
    }

    #[test]
    fn an_item_is_appended_in_the_style_of_the_list() {
        let fields = [
            ("förvaltning", Value::Text("H".into())),
            ("synpunkt", Value::Text("Ja, gärna.".into())),
        ];
        let flow_items = "regionalt:\n  synpunkter:\n    - { förvaltning: A }\n  kommitté: x\n";
        let out =
            append(flow_items, root(), &path("regionalt.synpunkter"), &fields).expect("append");
        assert_eq!(
            out,
            flow_items.replace(
                "A }\n",
                "A }\n    - { förvaltning: \"H\", synpunkt: \"Ja, gärna.\" }\n"
            )
        );
        let block_items = "regionalt:\n  synpunkter:\n  - förvaltning: A\n    datum: 2026-01-01\n";
        let out =
            append(block_items, root(), &path("regionalt.synpunkter"), &fields).expect("append");
        assert_eq!(
            out,
            format!("{block_items}  - förvaltning: \"H\"\n    synpunkt: \"Ja, gärna.\"\n")
        );
        let flow_list = "regionalt: { synpunkter: [ {förvaltning: A} ] }\n";
        let out =
            append(flow_list, root(), &path("regionalt.synpunkter"), &fields).expect("append");
        assert_eq!(
            out,
            "regionalt: { synpunkter: [ {förvaltning: A}, { förvaltning: \"H\", synpunkt: \"Ja, gärna.\" } ] }\n"
        );
        let none = "id: x\nregionalt:\n  diarienummer: R\n";
        let out = append(none, root(), &path("regionalt.synpunkter"), &fields).expect("append");
        assert_eq!(
            out,
            format!(
                "{none}  synpunkter:\n    - {{ förvaltning: \"H\", synpunkt: \"Ja, gärna.\" }}\n"
            )
        );
    }

    #[test]
    fn an_item_of_a_list_is_edited_in_place() {
        let text = "uppföljning:\n  - { planerad: 2026-01-01, utförd: 2026-01-02 }\n  - { planerad: 2026-07-01 }\n  - planerad: 2027-01-01\n    utförd:\n";
        let mut p = path("uppföljning");
        p.push(Key::Item(1));
        p.push(Key::Name("utförd".into()));
        let d = Value::Date(chrono::NaiveDate::from_ymd_opt(2026, 7, 3).expect("d"));
        let out = set(text, root(), &p, &d).expect("set");
        assert_eq!(
            out,
            text.replace("2026-07-01 }", "2026-07-01, utförd: 2026-07-03 }")
        );
        p[1] = Key::Item(2);
        let out = set(text, root(), &p, &d).expect("set");
        assert_eq!(out, text.replace("utförd:\n", "utförd: 2026-07-03\n"));
        assert_eq!(written_at(&out, &p), Some(vec!["2026-07-03".to_string()]));
    }
}
