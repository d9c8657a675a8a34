//! The JSON format: the collected data as it is, with stable field names and a `version`
//! (see the README, "Kommittérapport"). Pretty-printed as `serde_json` does; the list of cases,
//! most of the text on a large repo, is written on all cores.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};
use std::io::Write;

/// How many items one task writes.
const CHUNK: usize = 256;

/// Room made at once for the text, per item: an item of the report's case list is about
/// 700 bytes. Room not written to costs nothing.
const BYTES_PER_ITEM: usize = 1024;

/// Pretty JSON of `head` with the list `name: items` as its last field, and a final line
/// break: the text `serde_json::to_string_pretty` gives for a struct that ends with that list
/// (`head` leaves the list out), the items written on all cores.
pub fn with_list<H: Serialize + Sync, T: Serialize + Sync>(
    head: &H,
    name: &str,
    items: &[T],
) -> String {
    // The report's types are plain structs, lists and strings: serialising them cannot fail.
    // The head is written straight into the output, with room for the list after it (head and
    // list together come to about 1.4 kB an item in the report).
    let (mut out, parts) = rayon::join(
        || {
            let mut out = Vec::with_capacity(items.len().saturating_mul(2 * BYTES_PER_ITEM));
            let _ = serde_json::to_writer_pretty(&mut out, head);
            out
        },
        || {
            items
                .par_chunks(CHUNK)
                .map(|chunk| {
                    let mut out = Vec::with_capacity(chunk.len().saturating_mul(BYTES_PER_ITEM));
                    for (i, item) in chunk.iter().enumerate() {
                        out.extend_from_slice(if i == 0 { b"    " } else { b",\n    " });
                        let pretty = Pretty {
                            level: 2,
                            has_value: false,
                        };
                        let _ = item.serialize(&mut Serializer::with_formatter(&mut out, pretty));
                    }
                    out
                })
                .collect::<Vec<Vec<u8>>>()
        },
    );
    if out.ends_with(b"\n}") {
        out.truncate(out.len() - 2);
        out.extend_from_slice(b",\n  ");
    } else {
        // No other field: `{}`.
        out.clear();
        out.extend_from_slice(b"{\n  ");
    }
    out.reserve(parts.iter().map(|p| p.len() + 2).sum::<usize>() + name.len() + 16);
    let _ = serde_json::to_writer(&mut out, name);
    if parts.is_empty() {
        out.extend_from_slice(b": []");
    } else {
        out.extend_from_slice(b": [\n");
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(b",\n");
            }
            out.extend_from_slice(&part);
        }
        out.extend_from_slice(b"\n  ]");
    }
    out.extend_from_slice(b"\n}\n");
    // Written from strings only: the bytes are UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
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
        w.write_all(start)?;
        for _ in 0..self.level {
            w.write_all(b"  ")?;
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

    #[derive(Serialize)]
    struct Item {
        name: String,
        tags: Vec<&'static str>,
        inner: Option<Vec<u32>>,
    }

    fn item(i: usize) -> Item {
        Item {
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
        for n in [0, 1, 2, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7] {
            let items: Vec<Item> = (0..n).map(item).collect();
            assert_eq!(
                with_list(&head, "cases", &items),
                whole(&head, &items),
                "{n} items"
            );
        }
    }

    #[test]
    fn a_head_without_fields_gets_the_list_alone() {
        for n in [0, 3] {
            let items: Vec<Item> = (0..n).map(item).collect();
            assert_eq!(
                with_list(&Nothing {}, "cases", &items),
                whole(&Nothing {}, &items)
            );
        }
    }
}
