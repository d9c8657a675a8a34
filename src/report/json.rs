//! The JSON format: the collected data as it is, with stable field names and a `version`
//! (see the README, "Kommittérapport"). Pretty-printed as `serde_json` does, on all cores and
//! without holding the whole text: the output is laid out (`Node`) as values written whole and
//! long lists written a chunk of items at a time, and those parts are written a window at a
//! time (`super::list`). Control characters in every string are shown as visible escapes
//! (`text::sanitize::Json` around the layout).

use super::list::{self, CHUNK};
use crate::text::sanitize::Json as Shown;
use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};
use std::io::{self, Write};
use std::ops::Range;

/// A value that can be written as pretty JSON starting some levels in; implemented for every
/// serialisable type, so that values of different types can be laid out together (`Node`).
pub trait Json: Sync {
    fn write_json(&self, out: &mut Vec<u8>, level: usize);
}

impl<T: Serialize + Sync> Json for T {
    fn write_json(&self, out: &mut Vec<u8>, level: usize) {
        let pretty = Pretty {
            level,
            has_value: false,
        };
        // The report's types are plain structs, lists and strings: serialising them into a
        // buffer cannot fail.
        let _ = self.serialize(&mut Serializer::with_formatter(out, Shown(pretty)));
    }
}

/// A list whose items can be written a range at a time.
pub trait Items: Sync {
    fn count(&self) -> usize;
    /// Writes the items in `range`, each on its own line `level` levels in, after a comma
    /// for all but the first item of the list.
    fn write_items(&self, range: Range<usize>, out: &mut Vec<u8>, level: usize);
}

impl<T: Serialize + Sync> Items for Vec<T> {
    fn count(&self) -> usize {
        self.len()
    }

    fn write_items(&self, range: Range<usize>, out: &mut Vec<u8>, level: usize) {
        let first = range.start;
        for (i, item) in self[range].iter().enumerate() {
            text_line(out, separator(first + i == 0), level);
            item.write_json(out, level);
        }
    }
}

/// How a value is laid out in the output: the text of an object's fields must be what
/// `serde_json::to_string_pretty` writes for the struct (the tests hold them alike).
pub enum Node<'a> {
    /// Written whole.
    Value(&'a dyn Json),
    /// A list written a chunk of items at a time.
    List(&'a dyn Items),
    /// An object with these fields, in order.
    Object(Vec<(&'static str, Node<'a>)>),
}

/// A piece of the output: text, then a value or a range of a list's items.
struct Part<'a> {
    text: Vec<u8>,
    body: Body<'a>,
}

enum Body<'a> {
    Nothing,
    Value(&'a dyn Json, usize),
    Items(&'a dyn Items, Range<usize>, usize),
}

impl Part<'_> {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.text);
        match &self.body {
            Body::Nothing => {}
            Body::Value(value, level) => value.write_json(out, *level),
            Body::Items(items, range, level) => items.write_items(range.clone(), out, *level),
        }
    }
}

/// Writes `root` as pretty JSON with a final line break to `out`.
pub fn write(out: &mut dyn Write, root: &Node) -> io::Result<()> {
    let parts = parts(root);
    list::write(out, parts.len(), |i, buffer| parts[i].write(buffer))
}

/// The parts of `root`'s text, in order.
fn parts<'a>(root: &Node<'a>) -> Vec<Part<'a>> {
    let mut parts = Vec::new();
    let mut text = Vec::new();
    lay_out(root, 0, &mut parts, &mut text);
    text.push(b'\n');
    parts.push(Part {
        text,
        body: Body::Nothing,
    });
    parts
}

/// Adds the parts of `node`, `level` levels in, to `parts`; the text that no part has taken
/// yet is in `text`.
fn lay_out<'a>(node: &Node<'a>, level: usize, parts: &mut Vec<Part<'a>>, text: &mut Vec<u8>) {
    let mut part = |text: &mut Vec<u8>, body| {
        parts.push(Part {
            text: std::mem::take(text),
            body,
        });
    };
    match node {
        Node::Value(value) => part(text, Body::Value(*value, level)),
        Node::List(items) if items.count() == 0 => text.extend_from_slice(b"[]"),
        Node::List(items) => {
            text.push(b'[');
            let count = items.count();
            for start in (0..count).step_by(CHUNK) {
                let range = start..count.min(start + CHUNK);
                part(text, Body::Items(*items, range, level + 1));
            }
            text_line(text, b"\n", level);
            text.push(b']');
        }
        Node::Object(fields) if fields.is_empty() => text.extend_from_slice(b"{}"),
        Node::Object(fields) => {
            text.push(b'{');
            for (i, (key, value)) in fields.iter().enumerate() {
                text_line(text, separator(i == 0), level + 1);
                key.write_json(text, level + 1);
                text.extend_from_slice(b": ");
                lay_out(value, level + 1, parts, text);
            }
            text_line(text, b"\n", level);
            text.push(b'}');
        }
    }
}

/// What goes before an item of a list or a field of an object: a line break, after a comma
/// for all but the `first`.
fn separator(first: bool) -> &'static [u8] {
    if first { b"\n" } else { b",\n" }
}

/// `start` (a line break, after a comma or not), then the indentation of `level`: two spaces a
/// level, as `serde_json`'s pretty layout has it.
fn line_break<W: ?Sized + Write>(w: &mut W, start: &[u8], level: usize) -> io::Result<()> {
    const SPACES: &[u8] = &[b' '; 32];
    w.write_all(start)?;
    let mut left = 2 * level;
    while left > 0 {
        let n = left.min(SPACES.len());
        w.write_all(&SPACES[..n])?;
        left -= n;
    }
    Ok(())
}

/// `line_break` into the layout's own text.
fn text_line(out: &mut Vec<u8>, start: &[u8], level: usize) {
    // Writing into a Vec cannot fail.
    let _ = line_break(out, start, level);
}

/// `serde_json`'s pretty layout (two spaces a level) for a value that starts `level` levels
/// in: an item of a list that is the value of a field of the outermost object starts two in.
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            line_break(w, b"\n", self.level)?;
        }
        w.write_all(bracket)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W>(&mut self, w: &mut W, first: bool) -> std::io::Result<()>
    where
        W: ?Sized + Write,
    {
        line_break(w, separator(first), self.level)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W>(&mut self, w: &mut W, first: bool) -> std::io::Result<()>
    where
        W: ?Sized + Write,
    {
        line_break(w, separator(first), self.level)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Item {
        name: String,
        tags: Vec<&'static str>,
        inner: Option<Vec<u32>>,
        /// Deep enough for an indentation of more than 32 spaces.
        deep: serde_json::Value,
    }

    fn item(i: usize) -> Item {
        let mut deep = serde_json::json!({ "botten": i });
        for _ in 0..(i % 25) {
            deep = serde_json::json!([1, { "nivå": deep }]);
        }
        Item {
            deep,
            name: format!("nr {i}\nmed \"citat\" och radbrytning"),
            tags: if i.is_multiple_of(2) {
                vec![]
            } else {
                vec!["a", "b"]
            },
            inner: i.is_multiple_of(3).then(|| vec![1, 2]),
        }
    }

    #[derive(Serialize)]
    struct Nothing {}

    /// An object inside the object, with a list of its own.
    #[derive(Serialize)]
    struct Inner {
        label: &'static str,
        items: Vec<Item>,
        nothing: Nothing,
        numbers: Vec<u32>,
    }

    #[derive(Serialize)]
    struct Whole {
        version: u32,
        header: Vec<Vec<u32>>,
        empty: Vec<u32>,
        inner: Inner,
        cases: Vec<Item>,
    }

    impl Whole {
        fn node(&self) -> Node<'_> {
            Node::Object(vec![
                ("version", Node::Value(&self.version)),
                ("header", Node::Value(&self.header)),
                ("empty", Node::List(&self.empty)),
                (
                    "inner",
                    Node::Object(vec![
                        ("label", Node::Value(&self.inner.label)),
                        ("items", Node::List(&self.inner.items)),
                        ("nothing", Node::Object(vec![])),
                        ("numbers", Node::List(&self.inner.numbers)),
                    ]),
                ),
                ("cases", Node::List(&self.cases)),
            ])
        }
    }

    fn written(node: &Node) -> String {
        let mut out = Vec::new();
        write(&mut out, node).expect("write to a Vec");
        String::from_utf8(out).expect("utf8")
    }

    #[test]
    fn the_parts_make_the_text_serde_json_writes() {
        for n in [
            0,
            1,
            2,
            CHUNK - 1,
            CHUNK,
            CHUNK + 1,
            3 * CHUNK + 7,
            40 * CHUNK + 3,
        ] {
            let whole = Whole {
                version: 1,
                header: vec![vec![1, 2], vec![]],
                empty: vec![],
                inner: Inner {
                    label: "inre",
                    items: (0..n / 2).map(item).collect(),
                    nothing: Nothing {},
                    numbers: (0..u32::try_from(n % 5).expect("small")).collect(),
                },
                cases: (0..n).map(item).collect(),
            };
            let expected = serde_json::to_string_pretty(&whole).expect("json") + "\n";
            assert_eq!(written(&whole.node()), expected, "{n} items");
        }
    }

    #[test]
    fn an_empty_object_and_a_lone_value_are_written_as_serde_json_writes_them() {
        assert_eq!(written(&Node::Object(vec![])), "{}\n");
        let items: Vec<Item> = (0..3).map(item).collect();
        let expected = serde_json::to_string_pretty(&items).expect("json") + "\n";
        assert_eq!(written(&Node::List(&items)), expected);
        assert_eq!(written(&Node::Value(&items)), expected);
    }
}
