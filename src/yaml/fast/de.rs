//! A serde `Deserializer` over the reader's tree. It answers only what it is sure
//! serde-saphyr would answer the same way; anything else is an error, and every error
//! (a wrong type, an unknown field, a special scalar) sends the text to serde-saphyr,
//! which gives the user its full diagnostic. So this code never explains a mistake.

use std::fmt;

use serde::de::value::{StrDeserializer, U32Deserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, Visitor};

use super::scalar;
use super::tree::{Kind, Node};
use crate::yaml::SP_MARKER;

/// "Not sure: ask the full parser."
#[derive(Debug)]
pub(super) struct Fallback;

impl fmt::Display for Fallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to the full YAML parser")
    }
}

impl std::error::Error for Fallback {}

impl de::Error for Fallback {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Fallback
    }
}

type Result<T> = std::result::Result<T, Fallback>;

/// Deserialises one node.
pub(super) struct De<'n, 'a>(pub &'n Node<'a>);

impl De<'_, '_> {
    /// The node as a string, when it can only be one.
    fn text(&self) -> Result<&str> {
        match &self.0.kind {
            Kind::Plain(s) if !scalar::is_special(s) => Ok(s),
            Kind::Text(s) => Ok(s),
            _ => Err(Fallback),
        }
    }
}

macro_rules! refuse {
    ($($name:ident)*) => {
        $(fn $name<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
            Err(Fallback)
        })*
    };
}

macro_rules! whole_numbers {
    ($($name:ident)*) => {
        $(fn $name<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            match self.0.kind {
                Kind::Plain(s) => visitor.visit_u64(scalar::whole_number(s).ok_or(Fallback)?),
                _ => Err(Fallback),
            }
        })*
    };
}

impl<'de> Deserializer<'de> for De<'_, '_> {
    type Error = Fallback;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match &self.0.kind {
            Kind::Null => visitor.visit_unit(),
            Kind::Plain(s) if scalar::is_null(s) => visitor.visit_unit(),
            Kind::Plain(s) => match (scalar::boolean(s), scalar::whole_number(s)) {
                (Some(b), _) => visitor.visit_bool(b),
                (_, Some(n)) => visitor.visit_u64(n),
                _ => visitor.visit_str(self.text()?),
            },
            Kind::Text(s) => visitor.visit_str(s),
            Kind::Seq(items) => visitor.visit_seq(Seq(items.iter())),
            Kind::Map(entries) => visitor.visit_map(Map {
                entries: entries.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0.kind {
            Kind::Plain(s) => visitor.visit_bool(scalar::boolean(s).ok_or(Fallback)?),
            _ => Err(Fallback),
        }
    }

    whole_numbers! {
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
    }

    refuse! {
        deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_str(self.text()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_str(self.text()?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0.kind {
            Kind::Null => visitor.visit_none(),
            Kind::Plain(s) if scalar::is_null(s) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0.kind {
            Kind::Null => visitor.visit_unit(),
            _ => Err(Fallback),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value> {
        Err(Fallback)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if name == SP_MARKER {
            visitor.visit_seq(Spanned {
                node: self.0,
                field: 0,
            })
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match &self.0.kind {
            Kind::Seq(items) => visitor.visit_seq(Seq(items.iter())),
            _ => Err(Fallback),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(Fallback)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value> {
        Err(Fallback)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match &self.0.kind {
            Kind::Map(entries) => visitor.visit_map(Map {
                entries: entries.iter(),
                value: None,
            }),
            _ => Err(Fallback),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // Only unit variants written as a scalar (`status: open`).
        let variant: StrDeserializer<'_, Fallback> = self.text()?.into_deserializer();
        visitor.visit_enum(variant)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_str(self.text()?)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
}

/// The items of a sequence.
struct Seq<'n, 'a>(std::slice::Iter<'n, Node<'a>>);

impl<'de> de::SeqAccess<'de> for Seq<'_, '_> {
    type Error = Fallback;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        self.0.next().map(|n| seed.deserialize(De(n))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// The entries of a mapping, in file order.
struct Map<'n, 'a> {
    entries: std::slice::Iter<'n, (Node<'a>, Node<'a>)>,
    value: Option<&'n Node<'a>>,
}

impl<'de> de::MapAccess<'de> for Map<'_, '_> {
    type Error = Fallback;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(De(key)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(De(self.value.take().ok_or(Fallback)?))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// What `Sp<T>` asks for: the line, the column, then the value.
struct Spanned<'n, 'a> {
    node: &'n Node<'a>,
    field: u8,
}

impl<'de> de::SeqAccess<'de> for Spanned<'_, '_> {
    type Error = Fallback;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        self.field += 1;
        let position = |n: u32| -> U32Deserializer<Fallback> { n.into_deserializer() };
        match self.field {
            1 => seed.deserialize(position(self.node.line)).map(Some),
            2 => seed.deserialize(position(self.node.column)).map(Some),
            3 => seed.deserialize(De(self.node)).map(Some),
            _ => Ok(None),
        }
    }
}
