//! Where a value stands in its file: `Pos` (start and end, line and column) and `Sp<T>`, a
//! value with its position. Every stage after reading carries positions in these two types.

use serde::Deserialize;

/// A stretch of a source file: 1-based line and column (in characters) of its first
/// character, and line and column just after its last one (exclusive end).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

impl Pos {
    /// A stretch of `len` characters (at least one) on one line.
    pub fn new(line: u32, col: u32, len: u32) -> Self {
        Pos {
            line,
            col,
            end_line: line,
            end_col: col.saturating_add(len.max(1)),
        }
    }

    /// The start of a file.
    pub fn start() -> Self {
        Pos::new(1, 1, 1)
    }

    /// A stretch that starts at `line`:`col` and covers `text` (which may span lines).
    pub fn covering(line: u32, col: u32, text: &str) -> Self {
        // Byte by byte (every byte but a UTF-8 continuation byte starts a character): the
        // line breaks, and the characters after the last one.
        let (mut breaks, mut after) = (0usize, 0usize);
        for b in text.bytes() {
            if b == b'\n' {
                breaks += 1;
                after = 0;
            } else if b & 0xC0 != 0x80 {
                after += 1;
            }
        }
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let (end_line, mut end_col) = if breaks == 0 {
            (line, col.saturating_add(count(after)))
        } else {
            (
                line.saturating_add(count(breaks)),
                1u32.saturating_add(count(after)),
            )
        };
        if (end_line, end_col) == (line, col) {
            end_col = col.saturating_add(1);
        }
        Pos {
            line,
            col,
            end_line,
            end_col,
        }
    }
}

/// A value with the position it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> std::ops::Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// Written as its value alone: where a value stands is no part of what it is (`Parts` compares
/// two versions of a case by what serde writes of them).
impl<T: serde::Serialize> serde::Serialize for Sp<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// The struct name by which the tree deserializer recognises an `Sp` and hands it its position.
pub const SPANNED_MARKER: &str = "$ordnat::Sp";
pub const SPANNED_FIELDS: &[&str] = &["line", "col", "end_line", "end_col", "value"];

/// The key of one part of an `Sp` (one of `SPANNED_FIELDS`), read without a copy of its text.
enum Field {
    Line,
    Col,
    EndLine,
    EndCol,
    Value,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl serde::de::Visitor<'_> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a part of a value with its position")
            }
            /// The index into `SPANNED_FIELDS`, as the tree deserializer names the parts.
            fn visit_u64<E: serde::de::Error>(self, index: u64) -> Result<Field, E> {
                Ok(match index {
                    0 => Field::Line,
                    1 => Field::Col,
                    2 => Field::EndLine,
                    3 => Field::EndCol,
                    _ => Field::Value,
                })
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Field, E> {
                Ok(match key {
                    "line" => Field::Line,
                    "col" => Field::Col,
                    "end_line" => Field::EndLine,
                    "end_col" => Field::EndCol,
                    _ => Field::Value,
                })
            }
        }
        deserializer.deserialize_identifier(FieldVisitor)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};
        struct SpVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for SpVisitor<T> {
            type Value = Sp<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a value with its position")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Sp<T>, A::Error> {
                let mut pos = Pos::default();
                let mut value = None;
                while let Some(field) = map.next_key::<Field>()? {
                    match field {
                        Field::Line => pos.line = map.next_value()?,
                        Field::Col => pos.col = map.next_value()?,
                        Field::EndLine => pos.end_line = map.next_value()?,
                        Field::EndCol => pos.end_col = map.next_value()?,
                        Field::Value => value = Some(map.next_value()?),
                    }
                }
                let value = value.ok_or_else(|| A::Error::missing_field("value"))?;
                Ok(Sp { value, pos })
            }
        }
        deserializer.deserialize_struct(
            SPANNED_MARKER,
            SPANNED_FIELDS,
            SpVisitor(std::marker::PhantomData),
        )
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::Pos;

    /// `Pos::covering` as it was first written: character by character.
    fn reference(line: u32, col: u32, text: &str) -> Pos {
        let (mut end_line, mut end_col) = (line, col);
        for c in text.chars() {
            if c == '\n' {
                end_line += 1;
                end_col = 1;
            } else {
                end_col += 1;
            }
        }
        if (end_line, end_col) == (line, col) {
            end_col = col + 1;
        }
        Pos {
            line,
            col,
            end_line,
            end_col,
        }
    }

    #[test]
    fn covering_counts_characters_and_lines() {
        for text in [
            "",
            "a",
            "åäö",
            "2026-01-20",
            "a\n",
            "\n",
            "\n\n",
            "ett\ntvå\r\ntre",
            "x\nåå",
            "|\n  rad ett\n  rad två\n",
            "\u{212B}\u{1F600}",
            "a\r\n",
            "\nö",
        ] {
            for (line, col) in [(1, 1), (3, 7)] {
                assert_eq!(
                    Pos::covering(line, col, text),
                    reference(line, col, text),
                    "{text:?}"
                );
            }
        }
    }
}
