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
        let mut end_line = line;
        let mut end_col = col;
        // Byte by byte: every byte but a UTF-8 continuation byte starts a character.
        for b in text.bytes() {
            if b == b'\n' {
                end_line = end_line.saturating_add(1);
                end_col = 1;
            } else if b & 0xC0 != 0x80 {
                end_col = end_col.saturating_add(1);
            }
        }
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
