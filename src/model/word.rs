//! The word a value of one of the format's word lists is written as (its serde name, e.g.
//! `företag`), read from the name serde's derive hands to `serialize_unit_variant`: no text is
//! made, and the words stay declared once, in the serde attributes of the types.

use serde::ser::{self, Impossible, Serialize, Serializer};
use std::fmt;

/// The word `value` is written as in a case file; empty for a value that is not a plain word.
pub fn word<T: Serialize + ?Sized>(value: &T) -> &'static str {
    value.serialize(VariantName).unwrap_or_default()
}

/// A serializer that accepts only a unit variant, and gives its name.
struct VariantName;

/// Anything but a unit variant.
#[derive(Debug)]
struct NotAWord;

impl fmt::Display for NotAWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a word")
    }
}

impl std::error::Error for NotAWord {}

impl ser::Error for NotAWord {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotAWord
    }
}

type Not = Result<&'static str, NotAWord>;
type NotCompound = Result<Impossible<&'static str, NotAWord>, NotAWord>;

impl Serializer for VariantName {
    type Ok = &'static str;
    type Error = NotAWord;
    type SerializeSeq = Impossible<&'static str, NotAWord>;
    type SerializeTuple = Impossible<&'static str, NotAWord>;
    type SerializeTupleStruct = Impossible<&'static str, NotAWord>;
    type SerializeTupleVariant = Impossible<&'static str, NotAWord>;
    type SerializeMap = Impossible<&'static str, NotAWord>;
    type SerializeStruct = Impossible<&'static str, NotAWord>;
    type SerializeStructVariant = Impossible<&'static str, NotAWord>;

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Not {
        Ok(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Not {
        v.serialize(self)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Not {
        v.serialize(self)
    }

    fn serialize_bool(self, _: bool) -> Not {
        Err(NotAWord)
    }
    fn serialize_i8(self, _: i8) -> Not {
        Err(NotAWord)
    }
    fn serialize_i16(self, _: i16) -> Not {
        Err(NotAWord)
    }
    fn serialize_i32(self, _: i32) -> Not {
        Err(NotAWord)
    }
    fn serialize_i64(self, _: i64) -> Not {
        Err(NotAWord)
    }
    fn serialize_u8(self, _: u8) -> Not {
        Err(NotAWord)
    }
    fn serialize_u16(self, _: u16) -> Not {
        Err(NotAWord)
    }
    fn serialize_u32(self, _: u32) -> Not {
        Err(NotAWord)
    }
    fn serialize_u64(self, _: u64) -> Not {
        Err(NotAWord)
    }
    fn serialize_f32(self, _: f32) -> Not {
        Err(NotAWord)
    }
    fn serialize_f64(self, _: f64) -> Not {
        Err(NotAWord)
    }
    fn serialize_char(self, _: char) -> Not {
        Err(NotAWord)
    }
    fn serialize_str(self, _: &str) -> Not {
        Err(NotAWord)
    }
    fn serialize_bytes(self, _: &[u8]) -> Not {
        Err(NotAWord)
    }
    fn serialize_none(self) -> Not {
        Err(NotAWord)
    }
    fn serialize_unit(self) -> Not {
        Err(NotAWord)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Not {
        Err(NotAWord)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Not {
        Err(NotAWord)
    }
    fn serialize_seq(self, _: Option<usize>) -> NotCompound {
        Err(NotAWord)
    }
    fn serialize_tuple(self, _: usize) -> NotCompound {
        Err(NotAWord)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> NotCompound {
        Err(NotAWord)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> NotCompound {
        Err(NotAWord)
    }
    fn serialize_map(self, _: Option<usize>) -> NotCompound {
        Err(NotAWord)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> NotCompound {
        Err(NotAWord)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> NotCompound {
        Err(NotAWord)
    }
}

#[cfg(test)]
mod tests {
    use super::word;
    use crate::model::{Kind, RecommendationType};

    #[test]
    fn the_word_is_the_serde_name() {
        for t in RecommendationType::ALL {
            assert_eq!(word(t), through_json(t), "{t:?}");
        }
        for k in [Kind::Drug, Kind::Device, Kind::Guideline] {
            assert_eq!(word(&k), through_json(&k), "{k:?}");
        }
        assert_eq!(word(&Kind::Drug), "läkemedel");
        assert_eq!(word(&Some(Kind::Device)), "medicinteknik");
    }

    #[test]
    fn a_value_that_is_not_a_word_has_none() {
        assert_eq!(word(&1u32), "");
        assert_eq!(word("fritext"), "");
        assert_eq!(word(&None::<Kind>), "");
        assert_eq!(word(&vec![Kind::Drug]), "");
    }

    /// The word as serde_json writes the value.
    fn through_json<T: serde::Serialize>(value: &T) -> String {
        serde_json::to_value(value)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}
