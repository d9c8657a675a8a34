//! Builds the typed case from a walked tree: a serde `Deserializer` over `tree::Node`.
//!
//! The format walk has already reported and removed every value that does not fit the format,
//! so this step is not where problems are found; it only hands each `Sp` its position.

use super::tree::{Entry, Node, Value};
use crate::model::{SPANNED_FIELDS, SPANNED_MARKER};
use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// A deserialization failure; after the format walk it means the walk and the types disagree.
#[derive(Debug)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Deserializes `T` from a tree node, taking it apart: its texts move into the case.
pub fn from_node<T: serde::de::DeserializeOwned>(node: Node<'_>) -> Result<T, Error> {
    T::deserialize(NodeDe(node))
}

struct NodeDe<'s>(Node<'s>);

impl<'de> de::Deserializer<'de> for NodeDe<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Int(i) => visitor.visit_i64(i),
            Value::Float(f) => visitor.visit_f64(f),
            Value::Str(Cow::Borrowed(s)) => visitor.visit_str(s),
            Value::Str(Cow::Owned(s)) => visitor.visit_string(s),
            Value::Seq(items) => visitor.visit_seq(Items(items.into_iter())),
            Value::Map(entries) => visitor.visit_map(Entries {
                entries: entries.into_iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == SPANNED_MARKER {
            return visitor.visit_map(Spanned {
                pos: self.0.pos,
                node: Some(self.0),
                next: 0,
            });
        }
        let _ = fields;
        self.deserialize_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0.value {
            Value::Str(s) => visitor.visit_enum(StrDeserializer::<Error>::new(&s)),
            other => Err(Error(format!("expected an enum value, found {other:?}"))),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

struct Items<'s>(std::vec::IntoIter<Node<'s>>);

impl<'de> SeqAccess<'de> for Items<'_> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|node| seed.deserialize(NodeDe(node)))
            .transpose()
    }
}

struct Entries<'s> {
    entries: std::vec::IntoIter<Entry<'s>>,
    value: Option<Node<'s>>,
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some(entry) => {
                self.value = Some(entry.value);
                seed.deserialize(StrDeserializer::<Error>::new(&entry.key))
                    .map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let node = self
            .value
            .take()
            .ok_or_else(|| Error("value requested before key".into()))?;
        seed.deserialize(NodeDe(node))
    }
}

/// The map an `Sp<T>` sees: its position's parts, then the value itself.
struct Spanned<'s> {
    pos: crate::model::Pos,
    node: Option<Node<'s>>,
    next: usize,
}

impl<'de> MapAccess<'de> for Spanned<'_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        // A part is named by its index into `SPANNED_FIELDS`: no text to compare.
        (self.next < SPANNED_FIELDS.len())
            .then(|| seed.deserialize((self.next as u64).into_deserializer()))
            .transpose()
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let pos = self.pos;
        let index = self.next;
        self.next += 1;
        match index {
            0 => seed.deserialize(pos.line.into_deserializer()),
            1 => seed.deserialize(pos.col.into_deserializer()),
            2 => seed.deserialize(pos.end_line.into_deserializer()),
            3 => seed.deserialize(pos.end_col.into_deserializer()),
            _ => {
                let node = self
                    .node
                    .take()
                    .ok_or_else(|| Error("value requested twice".into()))?;
                seed.deserialize(NodeDe(node))
            }
        }
    }
}
