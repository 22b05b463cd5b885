//! The audit of what every string in a record holds: each string in a record type's
//! marked schema must say it is free text, a code, an identifier or a date (or be one of
//! a closed set of values), identifiers may appear only in a file that may hold them,
//! and `VisitText` must reach exactly the strings marked free text.

use std::path::Path;

use serde_json::{Map, Value};

use super::marked;
use crate::model::text::STRING_KIND;
use crate::model::{
    FreeText, KindVisitor, NoteFrontMatter, Record, RecordKind, StringKind, VisitText,
};

/// Every string position in a schema: its path (`.field`, `[]` for an item, `.*` for a
/// map's value) and what it is marked as (`None`: nothing, which the audit refuses).
fn strings(schema: &Value) -> Vec<(String, Option<StringKind>)> {
    let defs = schema
        .get("definitions")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut out = Vec::new();
    walk(schema, &defs, "", &mut Vec::new(), &mut out);
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.dedup();
    out
}

fn walk(
    node: &Value,
    defs: &Map<String, Value>,
    path: &str,
    seen: &mut Vec<String>,
    out: &mut Vec<(String, Option<StringKind>)>,
) {
    let Some(obj) = node.as_object() else {
        return;
    };
    if let Some(kind) = obj.get(STRING_KIND) {
        let kind = kind.as_str().and_then(StringKind::parse);
        assert!(kind.is_some(), "{path}: unknown {STRING_KIND} {kind:?}");
        out.push((path.to_string(), kind));
        return;
    }
    if obj.contains_key("const") || obj.contains_key("enum") {
        return;
    }
    if let Some(name) = obj
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/definitions/"))
    {
        if !seen.iter().any(|s| s == name)
            && let Some(def) = defs.get(name)
        {
            seen.push(name.to_string());
            walk(def, defs, path, seen, out);
            seen.pop();
        }
        return;
    }
    let is_string = match obj.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(types)) => types.iter().any(|t| t == "string"),
        _ => false,
    };
    if is_string {
        out.push((path.to_string(), None));
    }
    if let Some(props) = obj.get("properties").and_then(Value::as_object) {
        for (key, value) in props {
            walk(value, defs, &format!("{path}.{key}"), seen, out);
        }
    }
    if let Some(value) = obj.get("additionalProperties") {
        walk(value, defs, &format!("{path}.*"), seen, out);
    }
    if let Some(items) = obj.get("items") {
        walk(items, defs, &format!("{path}[]"), seen, out);
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for sub in obj.get(key).and_then(Value::as_array).into_iter().flatten() {
            walk(sub, defs, path, seen, out);
        }
    }
}

/// The string positions of one record type.
fn strings_of<T: schemars::JsonSchema>() -> Vec<(String, Option<StringKind>)> {
    strings(&marked::<T>("audit"))
}

/// Collects the audit's complaints about each record kind.
#[derive(Default)]
struct Audit(Vec<String>);

impl Audit {
    fn check<T: schemars::JsonSchema>(&mut self, name: &str, holds_identifiers: bool) {
        for (path, kind) in strings_of::<T>() {
            match kind {
                None => self.0.push(format!(
                    "{name}: {path} is a String that is neither FreeText nor marked \
                     #[schemars(transform = StringKind::Code)]"
                )),
                Some(StringKind::Identifier) if !holds_identifiers => self.0.push(format!(
                    "{name}: {path} is an identifier in a file the table says holds none"
                )),
                Some(_) => {}
            }
        }
    }
}

impl KindVisitor for Audit {
    fn visit<R: Record>(&mut self) {
        self.check::<R>(R::FILE, R::HOLDS_IDENTIFIERS);
    }
}

#[test]
fn every_string_of_every_record_says_what_it_holds() {
    let mut audit = Audit::default();
    for kind in RecordKind::ALL {
        kind.visit_type(&mut audit);
    }
    audit.check::<NoteFrontMatter>("note front matter", false);
    assert!(audit.0.is_empty(), "{:#?}", audit.0);
}

/// A record type someone might add, to prove the audit refuses it.
#[allow(dead_code)] // only its schema is read
#[derive(schemars::JsonSchema)]
struct Careless {
    /// Marked: fine.
    #[schemars(transform = StringKind::Code)]
    id: String,
    /// Free text: fine.
    what: FreeText,
    /// Not marked: refused.
    foo: String,
    /// Not marked, deeper down: refused.
    notes: Option<Vec<String>>,
    /// A date: fine.
    when: crate::model::Date,
    /// One of a closed set: fine.
    status: crate::model::ActionStatus,
}

#[test]
fn the_audit_refuses_a_plain_string() {
    let found = strings_of::<Careless>();
    assert_eq!(
        found,
        [
            (".foo".to_string(), None),
            (".id".to_string(), Some(StringKind::Code)),
            (".notes[]".to_string(), None),
            (".what".to_string(), Some(StringKind::FreeText)),
            (".when".to_string(), Some(StringKind::Date)),
        ]
    );
    let mut audit = Audit::default();
    audit.check::<Careless>("careless.yaml", false);
    assert_eq!(audit.0.len(), 2, "{:#?}", audit.0);
    let mut audit = Audit::default();
    audit.check::<crate::model::PeopleFile>("people.yaml", false);
    assert!(
        audit.0.iter().any(|c| c.contains(".people[].name")),
        "{:#?}",
        audit.0
    );
}

/// What marks a string the visitor changed.
const SEEN: &str = "\u{1}visited";

/// Every string in a JSON value with its path, map keys as `*` where the schema has a map.
fn value_strings(value: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(s) => out.push((path.to_string(), s.clone())),
        Value::Array(items) => items
            .iter()
            .for_each(|v| value_strings(v, &format!("{path}[]"), out)),
        Value::Object(map) => {
            for (k, v) in map {
                value_strings(v, &format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// Whether a value path is a schema path, `*` standing for any one key.
fn matches(schema_path: &str, value_path: &str) -> bool {
    let split = |p: &str| -> Vec<String> {
        p.replace("[]", ".[]")
            .split('.')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (s, v) = (split(schema_path), split(value_path));
    s.len() == v.len() && s.iter().zip(&v).all(|(a, b)| a == "*" || a == b)
}

/// Reads each example record of one kind, visits its text and checks the visitor reached
/// exactly the positions the schema marks free text.
struct Reach<'a> {
    files: &'a [(String, String)],
    /// Free-text positions, as `name: path`, that no example record holds.
    unreached: Vec<String>,
    complaints: Vec<String>,
}

impl Reach<'_> {
    fn check<
        T: schemars::JsonSchema + VisitText + serde::Serialize + serde::de::DeserializeOwned,
    >(
        &mut self,
        name: &str,
        matches_file: impl Fn(&str) -> bool,
    ) {
        let free: Vec<String> = strings_of::<T>()
            .into_iter()
            .filter(|(_, k)| *k == Some(StringKind::FreeText))
            .map(|(p, _)| p)
            .collect();
        let mut reached = Vec::new();
        for (path, text) in self.files.iter().filter(|(p, _)| matches_file(p)) {
            let Ok(mut record) = crate::yaml::parse::<T>(path, text) else {
                continue;
            };
            record.visit_text(&mut |t| *t = FreeText::from(SEEN));
            let mut found = Vec::new();
            value_strings(&serde_json::to_value(&record).unwrap(), "", &mut found);
            for (at, value) in found {
                let is_free = free.iter().find(|f| matches(f, &at));
                match (is_free, value == SEEN) {
                    (Some(f), true) => reached.push(f.clone()),
                    (Some(_), false) => self
                        .complaints
                        .push(format!("{path}: {at} is free text the visitor missed")),
                    (None, true) => self
                        .complaints
                        .push(format!("{path}: {at} is not free text but was visited")),
                    (None, false) => {}
                }
            }
        }
        self.unreached.extend(
            free.iter()
                .filter(|f| !reached.contains(f))
                .map(|f| format!("{name}: {f}")),
        );
    }
}

impl KindVisitor for Reach<'_> {
    fn visit<R: Record>(&mut self) {
        self.check::<R>(R::FILE, |p| p.ends_with(&format!("/{}", R::FILE)));
    }
}

#[test]
fn visiting_reaches_exactly_the_free_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-cases");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path().display().to_string();
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        if path.ends_with(".md") && path.contains("/notes/") {
            if let Some((front, _, _)) = crate::model::note::split_front_matter(&text) {
                files.push((path, front.to_string()));
            }
        } else if path.ends_with(".yaml") {
            files.push((path, text));
        }
    }
    let mut reach = Reach {
        files: &files,
        unreached: Vec::new(),
        complaints: Vec::new(),
    };
    for kind in RecordKind::ALL {
        kind.visit_type(&mut reach);
    }
    reach.check::<NoteFrontMatter>("note front matter", |p| p.contains("/notes/"));
    reach.complaints.sort();
    reach.complaints.dedup();
    assert!(reach.complaints.is_empty(), "{:#?}", reach.complaints);
    // A free-text field no example uses would let a visitor that skips it pass.
    assert!(
        reach.unreached.is_empty(),
        "no example record uses these free-text fields; add them to example-cases/: {:#?}",
        reach.unreached
    );
}
