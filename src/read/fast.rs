//! The fast way from YAML text to the tree: built straight from the parser's events
//! (granit-parser, the parser under serde-saphyr), without serde in between.
//!
//! It handles what case files are made of: block and flow mappings and sequences whose keys
//! are scalars, and scalars without tags, anchors or aliases that are plainly text, null, a
//! truth value or a small decimal integer. For anything else (a syntax error, a tag, an
//! anchor or alias, a merge key, a complex key, a number of another spelling, more than one
//! document, deep nesting) it returns `None`, and the general path (`tree::parse_general`,
//! serde-saphyr) reads the file, so that trees and messages are those of the general path.
//! `tests/fast_reader.rs` proves that both build the same trees.
//!
//! May use: `tree` (its types), `secret` (its scan, fed the same events), `model`.

use super::secret::Scan;
use super::tree::{Entry, Node, Value, entry_key};
use crate::model::Pos;
use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle, Span};

/// Deeper than any case file; deeper input takes the general path, which enforces its budget.
const MAX_DEPTH: usize = 32;
/// Far below the general path's budget of 250 000 nodes.
const MAX_NODES: usize = 100_000;

/// A collection being built. Its elements wait on one of two shared stacks (`Built`), from
/// `start` on, and move into a vector of their exact size when it ends: one allocation per
/// collection, none for the growing.
enum Frame<'s> {
    Seq {
        pos: Pos,
        bytes: (u32, u32),
        start: usize,
    },
    Map {
        pos: Pos,
        bytes: (u32, u32),
        start: usize,
        key: Option<Node<'s>>,
    },
}

/// The elements of the collections being built, innermost last.
struct Built<'s> {
    items: Vec<Node<'s>>,
    entries: Vec<Entry<'s>>,
}

impl Built<'_> {
    /// Room for what a case file holds at once (its top-level keys and one open section), so
    /// that the stacks seldom grow.
    fn new() -> Self {
        Built {
            items: Vec::with_capacity(32),
            entries: Vec::with_capacity(64),
        }
    }
}

/// Parses `text`; `None` when the general path is to read it. `strict` is the parser's
/// strict indentation (the general path must use the same). Every event of the document is
/// also fed to `scan`, when given, so that the confidential parts are found in the same pass.
pub fn parse<'i>(text: &'i str, strict: bool, scan: Option<&mut Scan<'i>>) -> Option<Node<'i>> {
    let mut options = Options::default();
    options.strict_indentation = strict;
    let mut parser = Parser::new_from_str_with_options(text, options);
    match parser.next_event()?.ok()? {
        (Event::StreamStart, _) => {}
        _ => return None,
    }
    let root = match parser.next_event()?.ok()? {
        (Event::StreamEnd, _) => return Some(empty()),
        (Event::DocumentStart(_, None), _) => document(&mut parser, text, scan)?,
        _ => return None,
    };
    match parser.next_event()?.ok()? {
        (Event::StreamEnd, _) => {}
        _ => return None,
    }
    Some(root)
}

fn empty() -> Node<'static> {
    Node {
        pos: Pos::start(),
        bytes: (0, 0),
        value: Value::Null,
    }
}

/// One document, up to and including its end.
fn document<'i>(
    parser: &mut Parser<'i, serde_saphyr::granit_parser::StrInput<'i>>,
    text: &'i str,
    mut scan: Option<&mut Scan<'i>>,
) -> Option<Node<'i>> {
    let mut stack: Vec<Frame<'i>> = Vec::with_capacity(MAX_DEPTH);
    let mut built = Built::new();
    let mut root: Option<Node> = None;
    let mut nodes = 0usize;
    loop {
        let (event, span) = parser.next_event()?.ok()?;
        if let Some(scan) = scan.as_deref_mut() {
            let range = span.byte_range()?;
            scan.event(&event, (range.start, range.end))?;
        }
        nodes += 1;
        if nodes > MAX_NODES {
            return None;
        }
        let done = match event {
            Event::Scalar(value, style, 0, None) => {
                let value = scalar(value, style)?;
                let node = Node {
                    pos: pos_of(&span, text)?,
                    bytes: bytes_of(&span)?,
                    value,
                };
                add(&mut stack, &mut built, node, text)?
            }
            Event::SequenceStart(_, 0, None) => {
                open(&stack)?;
                stack.push(Frame::Seq {
                    pos: pos_of(&span, text)?,
                    bytes: bytes_of(&span)?,
                    start: built.items.len(),
                });
                None
            }
            Event::MappingStart(_, 0, None) => {
                open(&stack)?;
                stack.push(Frame::Map {
                    pos: pos_of(&span, text)?,
                    bytes: bytes_of(&span)?,
                    start: built.entries.len(),
                    key: None,
                });
                None
            }
            Event::SequenceEnd => match stack.pop()? {
                Frame::Seq { pos, bytes, start } => {
                    let items = built.items.split_off(start);
                    add(
                        &mut stack,
                        &mut built,
                        Node {
                            pos,
                            bytes,
                            value: Value::Seq(items),
                        },
                        text,
                    )?
                }
                Frame::Map { .. } => return None,
            },
            Event::MappingEnd => match stack.pop()? {
                Frame::Map {
                    pos,
                    bytes,
                    start,
                    key: None,
                } => {
                    let entries = built.entries.split_off(start);
                    add(
                        &mut stack,
                        &mut built,
                        Node {
                            pos,
                            bytes,
                            value: Value::Map(entries),
                        },
                        text,
                    )?
                }
                _ => return None,
            },
            Event::DocumentEnd => return root,
            _ => return None,
        };
        if let Some(node) = done {
            if root.is_some() {
                return None;
            }
            // A document that is a null scalar is no case at all: as an empty file.
            root = Some(if node.value == Value::Null {
                empty()
            } else {
                node
            });
        }
    }
}

/// A collection may open as a value or an element, not as a key (a complex key), and not
/// deeper than `MAX_DEPTH`.
fn open(stack: &[Frame]) -> Option<()> {
    if stack.len() >= MAX_DEPTH {
        return None;
    }
    match stack.last() {
        Some(Frame::Map { key: None, .. }) => None,
        _ => Some(()),
    }
}

/// Adds a finished node to the collection being built; returns it when it is the root.
fn add<'s>(
    stack: &mut [Frame<'s>],
    built: &mut Built<'s>,
    node: Node<'s>,
    text: &str,
) -> Option<Option<Node<'s>>> {
    match stack.last_mut() {
        None => Some(Some(node)),
        Some(Frame::Seq { .. }) => {
            built.items.push(node);
            Some(None)
        }
        Some(Frame::Map { key, .. }) => {
            match key.take() {
                None => {
                    // A merge key (`<<`) means something to the general path.
                    if matches!(&node.value, Value::Str(s) if s == "<<") {
                        return None;
                    }
                    *key = Some(node);
                }
                Some(key_node) => {
                    let (key, key_pos) = entry_key(key_node, text);
                    built.entries.push(Entry {
                        key,
                        key_pos,
                        value: node,
                    });
                }
            }
            Some(None)
        }
    }
}

/// What an untagged scalar is, as the general path resolves it; `None` for the spellings it
/// resolves by rules this path does not repeat (numbers other than small decimal integers).
fn scalar(value: std::borrow::Cow<'_, str>, style: ScalarStyle) -> Option<Value<'_>> {
    if style != ScalarStyle::Plain {
        return Some(Value::Str(value));
    }
    let s: &str = &value;
    if matches!(s, "" | "~" | "null" | "Null" | "NULL") {
        return Some(Value::Null);
    }
    if let Some(b) = yaml11_bool(s) {
        return Some(Value::Bool(b));
    }
    let first = s.as_bytes().first().copied().unwrap_or(b' ');
    if !matches!(first, b'0'..=b'9' | b'+' | b'-' | b'.') {
        return Some(Value::Str(value));
    }
    let bytes = s.as_bytes();
    if bytes.iter().all(u8::is_ascii_digit) {
        if bytes.len() > 18 || (bytes.len() > 1 && first == b'0') {
            return None;
        }
        return s.parse().ok().map(Value::Int);
    }
    if is_date_shape(bytes) || cannot_be_a_number(bytes) {
        return Some(Value::Str(value));
    }
    None
}

/// Whether no number spelling (decimal, `0x`/`0o`/`0b`, float, exponent) can be this: it holds
/// a character none of them has (a space, `;`, `/`, a letter outside ASCII, …), or a sign that
/// neither starts it nor follows an exponent's `e` (`2023-007`).
fn cannot_be_a_number(b: &[u8]) -> bool {
    b.iter().enumerate().any(|(i, c)| match c {
        b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'_' | b'.' | b':' => false,
        b'+' | b'-' => i > 0 && !matches!(b[i - 1], b'e' | b'E'),
        _ => true,
    })
}

/// `0000-00-00`: text to YAML's core schema (neither integer nor float).
fn is_date_shape(b: &[u8]) -> bool {
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// YAML 1.1 truth values, as serde-saphyr reads them by default.
fn yaml11_bool(s: &str) -> Option<bool> {
    const TRUE: [&str; 4] = ["true", "yes", "y", "on"];
    const FALSE: [&str; 4] = ["false", "no", "n", "off"];
    if s.len() > 5 {
        return None;
    }
    if TRUE.iter().any(|w| s.eq_ignore_ascii_case(w)) {
        Some(true)
    } else if FALSE.iter().any(|w| s.eq_ignore_ascii_case(w)) {
        Some(false)
    } else {
        None
    }
}

/// The position as the general path computes it from the same span.
fn pos_of(span: &Span, text: &str) -> Option<Pos> {
    let line = u32::try_from(span.start.line()).ok()?;
    let col = u32::try_from(span.start.col().checked_add(1)?).ok()?;
    let covered = text.get(span.byte_range()?)?;
    Some(Pos::covering(line, col, covered))
}

fn bytes_of(span: &Span) -> Option<(u32, u32)> {
    let range = span.byte_range()?;
    let len = range.end.checked_sub(range.start)?;
    Some((u32::try_from(range.start).ok()?, u32::try_from(len).ok()?))
}
