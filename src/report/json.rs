//! The JSON format: the collected data as it is, with stable field names and a `version`
//! (see the README, "Kommittérapport"). Pretty-printed as `serde_json` does, on all cores: the
//! fields before the list of cases each on its own, the list of cases (half the text on a large
//! repo) a window at a time, straight to the output.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};
use std::io::{self, Write};

/// A value that can be written as pretty JSON starting some levels in; implemented for every
/// serialisable type, so that the fields of an object can be listed together (`Field`).
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
        let _ = self.serialize(&mut Serializer::with_formatter(out, pretty));
    }
}

/// A field of an object written as JSON: its name and its value.
pub type Field<'a> = (&'static str, &'a dyn Json);

/// Writes pretty JSON of the object with `fields`, then the list `name: items` as its last
/// field, and a final line break, to `out`: the text `serde_json::to_string_pretty` gives for
/// a struct with those fields in that order. The fields are written on all cores, each on its
/// own, while the first items are, and passed on one by one; the items a window at a time
/// (`super::list`).
pub fn write_object<T: Serialize + Sync>(
    out: &mut dyn Write,
    fields: &[Field],
    name: &str,
    items: &[T],
) -> io::Result<()> {
    let start = || {
        let mut parts: Vec<Vec<u8>> = Vec::with_capacity(fields.len() + 2);
        parts.push(b"{\n  ".to_vec());
        parts.par_extend(fields.par_iter().map(|(key, value)| {
            let mut part = Vec::new();
            key.write_json(&mut part, 1);
            part.extend_from_slice(b": ");
            value.write_json(&mut part, 1);
            part.extend_from_slice(b",\n  ");
            part
        }));
        let mut last = Vec::new();
        name.write_json(&mut last, 1);
        last.extend_from_slice(if items.is_empty() { b": []" } else { b": [\n" });
        parts.push(last);
        parts
    };
    let chunk = |number: usize, chunk: &[T], buf: &mut Vec<u8>| {
        for (i, item) in chunk.iter().enumerate() {
            let first = number == 0 && i == 0;
            buf.extend_from_slice(if first { b"    " } else { b",\n    " });
            item.write_json(buf, 2);
        }
    };
    super::list::write(out, items, start, chunk)?;
    out.write_all(if items.is_empty() {
        b"\n}\n"
    } else {
        b"\n  ]\n}\n"
    })
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
            self.line(w, b"\n")?;
        }
        w.write_all(bracket)
    }

    /// A line break (after a comma, for all but the first item), then the indentation.
    fn line<W: ?Sized + Write>(&self, w: &mut W, start: &[u8]) -> std::io::Result<()> {
        const SPACES: &[u8] = &[b' '; 32];
        w.write_all(start)?;
        let mut left = 2 * self.level;
        while left > 0 {
            let n = left.min(SPACES.len());
            w.write_all(&SPACES[..n])?;
            left -= n;
        }
        Ok(())
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
        self.line(w, if first { b"\n" } else { b",\n" })
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
        self.line(w, if first { b"\n" } else { b",\n" })
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
    use crate::report::list::CHUNK;

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
    struct Head {
        version: u32,
        header: Vec<Vec<u32>>,
        empty: Vec<u32>,
    }

    #[derive(Serialize)]
    struct Nothing {}

    /// The head with the list as its last field, written by serde_json in one go.
    #[derive(Serialize)]
    struct Whole<'a, H> {
        #[serde(flatten)]
        head: &'a H,
        cases: &'a [Item],
    }

    fn with_list(fields: &[Field], name: &str, items: &[Item]) -> String {
        let mut out = Vec::new();
        write_object(&mut out, fields, name, items).expect("write to a Vec");
        String::from_utf8(out).expect("utf8")
    }

    fn whole<H: Serialize>(head: &H, cases: &[Item]) -> String {
        serde_json::to_string_pretty(&Whole { head, cases }).expect("json") + "\n"
    }

    #[test]
    fn the_list_is_written_as_serde_json_writes_it() {
        let head = Head {
            version: 1,
            header: vec![vec![1, 2], vec![]],
            empty: vec![],
        };
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
            let items: Vec<Item> = (0..n).map(item).collect();
            let fields: [Field; 3] = [
                ("version", &head.version),
                ("header", &head.header),
                ("empty", &head.empty),
            ];
            assert_eq!(
                with_list(&fields, "cases", &items),
                whole(&head, &items),
                "{n} items"
            );
        }
    }

    #[test]
    fn a_head_without_fields_gets_the_list_alone() {
        for n in [0, 3] {
            let items: Vec<Item> = (0..n).map(item).collect();
            assert_eq!(with_list(&[], "cases", &items), whole(&Nothing {}, &items));
        }
    }
}
