//! JSON Schemas (draft-07, which the VS Code YAML extension reads) generated from the
//! record types, so the schemas cannot drift from the code. `schemas/` holds the
//! committed copies; a test fails when they differ, and `casebook init` writes them.
//!
//! The types mark each string with what it holds (`model::text::STRING_KIND`); the
//! published schemas leave the mark out, and the audit (`schema/audit.rs`) reads it.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::Value;

use crate::model::text::STRING_KIND;
use crate::model::{CasebookConfig, KindVisitor, NoteFrontMatter, ProcessFile, Record, RecordKind};

/// A type's schema as generated, string marks included.
pub fn marked<T: JsonSchema>(title: &str) -> Value {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    schema.to_value()
}

/// Removes the string marks everywhere in a schema.
fn unmark(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.shift_remove(STRING_KIND);
            map.values_mut().for_each(unmark);
        }
        Value::Array(items) => items.iter_mut().for_each(unmark),
        _ => {}
    }
}

fn generate<T: JsonSchema>(title: &str) -> String {
    let mut value = marked::<T>(title);
    unmark(&mut value);
    // Through `Schema` again, which writes `$schema`, `title` and `description` first.
    let schema = Schema::try_from(value).unwrap_or_default();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Collects the schema of each record kind.
struct Schemas(Vec<(&'static str, String)>);

impl KindVisitor for Schemas {
    fn visit<R: Record>(&mut self) {
        self.0.push((R::SCHEMA, generate::<R>(R::TITLE)));
    }
}

/// Every schema as (file name, JSON text): casebook.yaml's, each record kind's, then
/// note front matter's and process files'.
pub fn all() -> Vec<(&'static str, String)> {
    let mut schemas = Schemas(vec![(
        "casebook.schema.json",
        generate::<CasebookConfig>("casebook.yaml"),
    )]);
    for kind in RecordKind::ALL {
        kind.visit_type(&mut schemas);
    }
    let mut all = schemas.0;
    all.push((
        "note.schema.json",
        generate::<NoteFrontMatter>("note front matter"),
    ));
    all.push((
        "process.schema.json",
        generate::<ProcessFile>("process file"),
    ));
    all
}

#[cfg(test)]
mod audit;

#[cfg(test)]
mod tests {
    /// Fails when a committed schema differs from the types; regenerate with
    /// `CASEBOOK_WRITE_SCHEMAS=1 cargo test --lib schema`.
    #[test]
    fn committed_schemas_match_the_types() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
        let write = std::env::var_os("CASEBOOK_WRITE_SCHEMAS").is_some();
        let mut stale = Vec::new();
        for (name, text) in super::all() {
            let path = dir.join(name);
            if write {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &text).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(name);
            }
        }
        assert!(
            stale.is_empty(),
            "schemas out of date: {stale:?}; run CASEBOOK_WRITE_SCHEMAS=1 cargo test --lib schema"
        );
    }
}
