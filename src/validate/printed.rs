//! The free text that CI-facing commands print (check-deadlines, status, calendar and
//! timeline write case titles, action text, owners, evidence, milestone reasons and
//! parallel-process references into CI logs): each field is checked with the
//! anonymiser's own detectors, the case's registered names, aliases, initials,
//! addresses and dates of birth and the patterns (phone, postcode, NHS and NI numbers,
//! e-mail), and each identifier found is an error naming the file, line, column, field
//! and kind, never the value.
//!
//! Pure: it takes the loaded case; the position of a value is found in the file's text
//! kept while it was read.

use crate::anonymise::{Anonymiser, Finding, Options};
use crate::casebook::{LoadedCase, files};
use crate::diagnostic::{Code, Diagnostic, source_lines};
use crate::model::FreeText;
use crate::publication::{identities, paths};

/// One free-text field: where it is in its file (the line and column of the nearest
/// key casebook knows), what it is called and what it holds.
struct Field<'a> {
    file: &'static str,
    line: usize,
    column: usize,
    name: String,
    text: &'a str,
}

/// Checks every printed free-text field of case.yaml and actions.yaml.
pub(super) fn check(case: &LoadedCase, out: &mut Vec<Diagnostic>) {
    let fields = printed_fields(case);
    if fields.is_empty() {
        return;
    }
    let people = case.people.as_ref().map(identities).unwrap_or_default();
    let engine = Anonymiser::for_short_texts(&people, Options::default());
    for field in fields {
        let path = case.file(field.file);
        let source = case.sources.get(&path);
        for found in engine.check(field.text) {
            if !found.kind.is_leak() {
                continue;
            }
            let (line, column) = source
                .and_then(|s| locate(s, &field, &found))
                .unwrap_or((field.line, field.column));
            let (code, help) = if field.name == "title" {
                (
                    Code::NameInTitle,
                    "titles appear in CI logs and reports: describe the case without naming anyone",
                )
            } else {
                (
                    Code::IdentifierInRecord,
                    "this field is printed in CI logs: write a role or a reference, not a person",
                )
            };
            out.push(
                Diagnostic::error(
                    code,
                    &path,
                    line,
                    column,
                    format!("`{}` holds {}", field.name, found.kind.phrase()),
                )
                .with_help(help)
                .sensitive(true),
            );
        }
    }
}

/// A note's file name is printed in every finding about the note, and in CI logs: each
/// note (read or not) whose name holds an identifier gets an error, and every finding
/// about it shows its path with the identifier masked (`…`), in the message too.
pub(super) fn file_names(case: &LoadedCase, out: &mut Vec<Diagnostic>) {
    let prefix = format!("{}/", case.file(files::NOTES));
    let mut paths: Vec<String> = case.notes.iter().map(|(p, _)| p.clone()).collect();
    paths.extend(
        out.iter()
            .filter(|d| d.path.starts_with(&prefix))
            .map(|d| d.path.clone()),
    );
    paths.sort();
    paths.dedup();
    if paths.is_empty() {
        return;
    }
    let people = case.people.as_ref().map(identities).unwrap_or_default();
    let engine = Anonymiser::for_short_texts(&people, Options::default());
    for path in paths {
        let name = &path[prefix.len()..];
        let found: Vec<Finding> = paths::check_name(&engine, name)
            .into_iter()
            .filter(|f| f.kind.is_leak())
            .collect();
        if found.is_empty() {
            continue;
        }
        let shown = paths::masked(&engine, &path);
        let masked_name = paths::masked(&engine, name);
        for d in out.iter_mut().filter(|d| d.path == path) {
            d.path.clone_from(&shown);
            d.message = d.message.replace(name, &masked_name);
            d.source_line = None;
        }
        let kinds: Vec<String> = found.iter().map(|f| f.kind.to_string()).collect();
        out.push(
            Diagnostic::error(
                Code::IdentifierInFileName,
                &shown,
                0,
                0,
                format!(
                    "the note's file name holds {} ({}); file names are printed in CI logs and findings",
                    plural_kinds(found.len()),
                    kinds.join(", ")
                ),
            )
            .with_help("rename the note (`git mv`) so its name says what it is about without naming anyone"),
        );
    }
}

/// "an identifier" or "2 identifiers".
fn plural_kinds(n: usize) -> String {
    if n == 1 {
        "an identifier".into()
    } else {
        format!("{n} identifiers")
    }
}

/// Lists the free-text fields the CI-facing commands print, with the position of the
/// key nearest each.
fn printed_fields(case: &LoadedCase) -> Vec<Field<'_>> {
    let mut fields = Vec::new();
    if let Some(record) = &case.record {
        let t = &record.title;
        fields.push(at(files::CASE, t.line, t.column, "title".into(), &t.value));
        for (key, reason) in record.not_applicable.iter() {
            let name = format!("not_applicable.{}", key.value);
            fields.push(at(files::CASE, key.line, key.column, name, reason));
        }
        for (key, ext) in record.extensions.iter() {
            let name = format!("extensions.{}.reason", key.value);
            fields.push(at(files::CASE, key.line, key.column, name, &ext.reason));
            if let Some(by) = &ext.agreed_by {
                let name = format!("extensions.{}.agreed_by", key.value);
                fields.push(at(files::CASE, key.line, key.column, name, by));
            }
        }
        for (i, p) in record.parallel.iter().enumerate() {
            let named = [
                ("reference", &p.reference),
                ("contact", &p.contact),
                ("notes", &p.notes),
            ];
            for (field, text) in named {
                if let Some(text) = text {
                    let name = format!("parallel[{}].{field}", i + 1);
                    fields.push(at(files::CASE, 1, 1, name, text));
                }
            }
        }
    }
    if let Some(actions) = &case.actions {
        for a in &actions.actions {
            let (line, column) = (a.id.line, a.id.column);
            let id = &a.id.value;
            let named = [
                ("action", Some(&a.action)),
                ("agency", Some(&a.agency)),
                ("owner", Some(&a.owner)),
                ("evidence", a.evidence.as_ref()),
                ("progress", a.progress.as_ref()),
            ];
            for (field, text) in named {
                if let Some(text) = text {
                    let name = format!("{id}.{field}");
                    fields.push(at(files::ACTIONS, line, column, name, text));
                }
            }
        }
    }
    fields
}

/// Makes a field from the position of its key.
fn at<'a>(
    file: &'static str,
    line: u32,
    column: u32,
    name: String,
    text: &'a FreeText,
) -> Field<'a> {
    Field {
        file,
        line: line as usize,
        column: column as usize,
        name,
        text: text.as_str(),
    }
}

/// Finds where a finding is in the file: the line of the value that holds it,
/// searched for from the field's key on, and its column there. `None` when the value
/// is not written as it reads (an escape in a quoted string): the key's position is
/// given instead.
fn locate(source: &str, field: &Field<'_>, found: &Finding) -> Option<(usize, usize)> {
    let wanted = source_lines(field.text).nth(found.line.checked_sub(1)?)?;
    let wanted = wanted.trim();
    if wanted.is_empty() {
        return None;
    }
    let from = field.line.max(1);
    let (index, text) = source_lines(source)
        .enumerate()
        .skip(from - 1)
        .find(|(_, l)| l.contains(wanted))?;
    let start = text.find(wanted)?;
    let lead = source_lines(field.text)
        .nth(found.line - 1)?
        .chars()
        .take_while(|c| c.is_whitespace())
        .count();
    let column = text[..start].chars().count() + found.column.saturating_sub(lead);
    Some((index + 1, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str, line: usize) -> Field<'_> {
        Field {
            file: files::ACTIONS,
            line,
            column: 3,
            name: "A1.owner".into(),
            text,
        }
    }

    fn finding(line: usize, column: usize) -> Finding {
        Finding {
            line,
            column,
            kind: crate::anonymise::Kind::Phone,
            value: String::new(),
        }
    }

    #[test]
    fn a_finding_is_located_in_its_value_from_the_key_on() {
        let source = "actions:\n  - id: A1\n    owner: call 07700 900123\n  - id: A2\n    owner: call 07700 900123\n";
        let f = field("call 07700 900123", 4);
        assert_eq!(locate(source, &f, &finding(1, 6)), Some((5, 17)));
        let f = field("call 07700 900123", 2);
        assert_eq!(locate(source, &f, &finding(1, 6)), Some((3, 17)));
    }

    #[test]
    fn a_value_not_written_as_it_reads_is_not_located() {
        let source = "actions:\n  - id: A1\n    owner: \"caf\\u00e9\"\n";
        let f = field("café", 2);
        assert_eq!(locate(source, &f, &finding(1, 1)), None);
    }
}
