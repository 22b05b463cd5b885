//! What a string in a record holds: [`FreeText`] that a person typed (and that may
//! therefore name someone), or a code, an identifier or a date, which never goes through
//! the anonymiser. [`VisitText`] reaches every `FreeText` of a record, so a new free-text
//! field is anonymised by construction.
//!
//! Each kind of string marks its JSON Schema with [`STRING_KIND`]; `schema` strips the
//! mark from the published schemas, and its audit (a test) refuses a record whose schema
//! has a string without one, so a plain `pub foo: String` fails `cargo test`.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use schemars::transform::Transform;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use super::{Sp, SpMap};

/// The JSON Schema keyword that says which [`StringKind`] a string is.
pub const STRING_KIND: &str = "x-casebook-string";

/// What a string in a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringKind {
    /// Text a person typed: anonymised for publication.
    FreeText,
    /// An id, key or reference to another record: never changed.
    Code,
    /// A direct identifier (a name, an address): only in records that may hold them.
    Identifier,
    /// A date or time of day.
    Date,
}

impl StringKind {
    /// Returns the value written under [`STRING_KIND`].
    pub fn as_str(self) -> &'static str {
        match self {
            StringKind::FreeText => "free-text",
            StringKind::Code => "code",
            StringKind::Identifier => "identifier",
            StringKind::Date => "date",
        }
    }

    /// Reads the value written under [`STRING_KIND`].
    pub fn parse(text: &str) -> Option<StringKind> {
        [
            StringKind::FreeText,
            StringKind::Code,
            StringKind::Identifier,
            StringKind::Date,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

/// Marks a field's schema: `#[schemars(transform = StringKind::Code)]`.
impl Transform for StringKind {
    fn transform(&mut self, schema: &mut Schema) {
        schema.insert(STRING_KIND.into(), self.as_str().into());
    }
}

/// Text a person typed into a record: titles, what happened, learning, reasons, roles.
///
/// It reads, writes and describes itself exactly as a `String`; what differs is that
/// [`VisitText`] finds it, which is how the anonymiser reaches every one.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FreeText(pub String);

impl FreeText {
    /// Returns the text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for FreeText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for FreeText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for FreeText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FreeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for FreeText {
    fn from(text: String) -> Self {
        FreeText(text)
    }
}

impl From<&str> for FreeText {
    fn from(text: &str) -> Self {
        FreeText(text.to_string())
    }
}

impl From<FreeText> for String {
    fn from(text: FreeText) -> Self {
        text.0
    }
}

impl PartialEq<str> for FreeText {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for FreeText {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for FreeText {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl JsonSchema for FreeText {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        // As a String's, so `SpMap<FreeText>` keeps the name `Map_of_string`.
        "string".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "casebook::FreeText".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let mut schema = json_schema!({"type": "string"});
        StringKind::FreeText.transform(&mut schema);
        schema
    }
}

/// A record (or part of one) whose free text can be reached, in the order it is written.
///
/// Implementations destructure their struct without `..`, so a new field does not
/// compile until it is either visited or named as not text.
pub trait VisitText {
    /// Calls `f` on every [`FreeText`] inside, in declaration order.
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText));
}

impl VisitText for FreeText {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        f(self)
    }
}

impl<T: VisitText> VisitText for Option<T> {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        if let Some(value) = self {
            value.visit_text(f);
        }
    }
}

impl<T: VisitText> VisitText for Vec<T> {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        for value in self {
            value.visit_text(f);
        }
    }
}

impl<T: VisitText> VisitText for Sp<T> {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        self.value.visit_text(f);
    }
}

/// The values only: a map's keys are milestone keys, codes by construction.
impl<V: VisitText> VisitText for SpMap<V> {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        for (_, value) in &mut self.0 {
            value.visit_text(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_reads_and_writes_as_a_string() {
        let text: FreeText = crate::yaml::parse("t.yaml", "Visit by the health visitor\n").unwrap();
        assert_eq!(text, "Visit by the health visitor");
        assert_eq!(
            serde_json::to_string(&text).unwrap(),
            "\"Visit by the health visitor\""
        );
        assert_eq!(format!("{text}"), "Visit by the health visitor");
        assert_eq!(text.len(), 27);
    }

    #[test]
    fn visiting_reaches_nested_text_in_order() {
        let mut map = SpMap::default();
        map.insert("a", vec![FreeText::from("one"), FreeText::from("two")]);
        map.insert("b", vec![FreeText::from("three")]);
        let mut value = Some(Sp::new(map));
        let mut seen = Vec::new();
        value.visit_text(&mut |t| {
            seen.push(t.to_string());
            *t = FreeText::from("x");
        });
        assert_eq!(seen, ["one", "two", "three"]);
        let mut again = Vec::new();
        value.visit_text(&mut |t| again.push(t.to_string()));
        assert_eq!(again, ["x", "x", "x"]);
    }

    #[test]
    fn string_kinds_round_trip() {
        for kind in [
            StringKind::FreeText,
            StringKind::Code,
            StringKind::Identifier,
            StringKind::Date,
        ] {
            assert_eq!(StringKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(StringKind::parse("prose"), None);
    }
}
