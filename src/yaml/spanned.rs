//! Values that remember where they were written: `Sp<T>` and the ordered map `SpMap<V>`.
//!
//! They wrap serde-saphyr's spans so later checks (an unknown person id, an overdue
//! milestone) can point at the exact line and column. They serialise and describe
//! themselves in JSON Schema exactly as the plain value would.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value with the 1-based line and column it was written at (0 when unknown).
#[derive(Debug, Clone, Default)]
pub struct Sp<T> {
    /// The value itself.
    pub value: T,
    /// 1-based line, 0 when the value did not come from a file.
    pub line: u32,
    /// 1-based column in characters.
    pub column: u32,
}

impl<T> Sp<T> {
    /// Wraps a value that has no position (made by casebook, not read from a file).
    pub fn new(value: T) -> Self {
        Sp {
            value,
            line: 0,
            column: 0,
        }
    }
}

impl<T> Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Sp<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: fmt::Display> fmt::Display for Sp<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// The newtype name `Sp<T>` asks deserialisers for. serde-saphyr does not know it and
/// hands over its own deserialiser, which `Sp` reads through `serde_saphyr::Spanned`;
/// casebook's fast YAML reader (`yaml::fast`) knows it and answers with a sequence of
/// line, column and value.
pub const SP_MARKER: &str = "__casebook_spanned";

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for SpVisitor<T> {
            type Value = Sp<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Self::Value, D::Error> {
                let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
                Ok(Sp {
                    value: spanned.value,
                    line: u32::try_from(spanned.referenced.line()).unwrap_or(0),
                    column: u32::try_from(spanned.referenced.column()).unwrap_or(0),
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let missing = || de::Error::invalid_length(0, &"line, column and value");
                let line = seq.next_element()?.ok_or_else(missing)?;
                let column = seq.next_element()?.ok_or_else(missing)?;
                let value = seq.next_element()?.ok_or_else(missing)?;
                Ok(Sp {
                    value,
                    line,
                    column,
                })
            }
        }
        deserializer.deserialize_newtype_struct(SP_MARKER, SpVisitor(PhantomData))
    }
}

impl<T: Serialize> Serialize for Sp<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T: JsonSchema> JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// A YAML mapping kept in file order, each key with its position.
#[derive(Debug, Clone)]
pub struct SpMap<V>(pub Vec<(Sp<String>, V)>);

impl<V> Default for SpMap<V> {
    fn default() -> Self {
        SpMap(Vec::new())
    }
}

impl<V> SpMap<V> {
    /// Looks a key up.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k.value == key).map(|(_, v)| v)
    }
    /// Looks a key up and returns its entry, key position included.
    pub fn entry(&self, key: &str) -> Option<&(Sp<String>, V)> {
        self.0.iter().find(|(k, _)| k.value == key)
    }
    /// Iterates over entries in file order.
    pub fn iter(&self) -> impl Iterator<Item = &(Sp<String>, V)> {
        self.0.iter()
    }
    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Inserts or replaces a key, keeping file order.
    pub fn insert(&mut self, key: &str, value: V) {
        match self.0.iter_mut().find(|(k, _)| k.value == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((Sp::new(key.to_string()), value)),
        }
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for SpMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = SpMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of keys to values")
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(SpMap::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Sp<String>>()? {
                    let value = map.next_value::<V>()?;
                    entries.push((key, value));
                }
                Ok(SpMap(entries))
            }
        }
        deserializer.deserialize_any(MapVisitor(PhantomData))
    }
}

impl<V: Serialize> Serialize for SpMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(&k.value, v)?;
        }
        map.end()
    }
}

impl<V: JsonSchema> JsonSchema for SpMap<V> {
    fn schema_name() -> Cow<'static, str> {
        format!("Map_of_{}", V::schema_name()).into()
    }
    fn schema_id() -> Cow<'static, str> {
        // Two value types with one name (a String and a model::FreeText) are two schemas.
        format!("SpMap<{}>", V::schema_id()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let value = generator.subschema_for::<V>();
        json_schema!({
            "type": "object",
            "additionalProperties": value,
        })
    }
}
