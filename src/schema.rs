//! JSON Schemas (draft-07, which the VS Code YAML extension reads) generated from the
//! record types, so the schemas cannot drift from the code. `schemas/` holds the
//! committed copies; a test fails when they differ, and `casebook init` writes them.

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;

use crate::model::{
    ActionsFile, CaseRecord, CasebookConfig, ChronologyFile, NoteFrontMatter, PeopleFile,
    ProcessFile, Recommendation, Referral,
};

fn generate<T: JsonSchema>(title: &str) -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Every schema as (file name, JSON text).
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        (
            "casebook.schema.json",
            generate::<CasebookConfig>("casebook.yaml"),
        ),
        ("case.schema.json", generate::<CaseRecord>("case.yaml")),
        ("people.schema.json", generate::<PeopleFile>("people.yaml")),
        (
            "referral.schema.json",
            generate::<Referral>("referral.yaml (WSCP Appendix One)"),
        ),
        (
            "chronology.schema.json",
            generate::<ChronologyFile>("chronology.yaml"),
        ),
        (
            "actions.schema.json",
            generate::<ActionsFile>("actions.yaml"),
        ),
        (
            "recommendation.schema.json",
            generate::<Recommendation>("recommendation.yaml (WSCP 4.22)"),
        ),
        (
            "note.schema.json",
            generate::<NoteFrontMatter>("note front matter"),
        ),
        (
            "process.schema.json",
            generate::<ProcessFile>("process file"),
        ),
    ]
}

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
