//! Identifiers left in text about to be published: finding them, naming where they are
//! (never what they are, unless asked) and refusing to write anything while one is left.

use std::path::PathBuf;

use crate::anonymise::{Anonymiser, Finding};
use crate::error::{Error, Result};

/// Checks files about to be written for identifiers left, in their names (findings on
/// line 0) and their text: every finding that is a leak, with its file.
pub fn leaks(engine: &Anonymiser, texts: &[(PathBuf, String)]) -> Vec<(PathBuf, Finding)> {
    texts
        .iter()
        .flat_map(|(p, t)| {
            let in_names = p
                .iter()
                .flat_map(|c| super::paths::check_name(engine, &c.to_string_lossy()));
            in_names
                .chain(engine.check(t))
                .filter(|f| f.kind.is_leak())
                .map(move |f| (p.clone(), f))
        })
        .collect()
}

/// Formats one finding as `path:line:col: kind`, with the value only when asked; one
/// in the name of the file or a folder above it (line 0) as `path: kind (in the path)`,
/// the path masked by the caller.
pub fn finding_line(path: &str, f: &Finding, show_values: bool) -> String {
    let review = if f.kind.is_leak() { "" } else { " (review)" };
    if f.line == 0 {
        let value = if show_values {
            format!(": {}", f.value)
        } else {
            String::new()
        };
        let within = if f.kind.is_leak() {
            "(in the path)"
        } else {
            "(review, in the path)"
        };
        return format!("{path}: {} {within}{value}", f.kind);
    }
    if show_values {
        format!(
            "{path}:{}:{}: {}{review}: {}",
            f.line,
            f.column,
            f.kind,
            f.value.replace('\n', " ")
        )
    } else {
        format!("{path}:{}:{}: {}{review}", f.line, f.column, f.kind)
    }
}

/// Refuses rendered output that still holds an identifier: the error names where each
/// one is (never what) and nothing is written.
pub fn refuse_leaks(engine: &Anonymiser, text: &str, label: &str) -> Result<()> {
    let locations: Vec<String> = engine
        .check(text)
        .into_iter()
        .filter(|f| f.kind.is_leak())
        .map(|f| finding_line(label, &f, false))
        .collect();
    if locations.is_empty() {
        return Ok(());
    }
    Err(Error::LeaksLeft {
        place: format!("in the anonymised {label}"),
        locations,
    })
}

/// Refuses a finished Word document that still holds an identifier: its text, headers,
/// footers, comments and properties, each part checked under its own name
/// (`report/word/header1.xml:2:5: given-name`) so a leak says where to look.
pub fn refuse_docx_leaks(engine: &Anonymiser, bytes: &[u8], name: &str) -> Result<()> {
    let damaged = |reason| Error::Docx {
        path: PathBuf::from(format!("the {name} report")),
        reason,
    };
    let parts = crate::docx::package::unpack(bytes).map_err(damaged)?;
    let texts = crate::docx::package::texts(&parts).map_err(damaged)?;
    let mut left = Vec::new();
    for part in texts {
        let text = format!("{}\n{}", part.text, part.attributes);
        let label = format!("report/{}", part.part);
        match refuse_leaks(engine, &text, &label) {
            Ok(()) => {}
            Err(Error::LeaksLeft { locations, .. }) => left.extend(locations),
            Err(other) => return Err(other),
        }
    }
    if left.is_empty() {
        return Ok(());
    }
    Err(Error::LeaksLeft {
        place: "in the anonymised report".into(),
        locations: left,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymise::{Identity, Options};

    fn engine() -> Anonymiser {
        Anonymiser::new(
            &[Identity {
                id: "child".into(),
                name: "Ellie-Mae Jones".into(),
                aliases: Vec::new(),
                dob: None,
                address: None,
                pseudonym: "Child A".into(),
            }],
            Options::default(),
        )
    }

    #[test]
    fn a_leak_is_refused_by_where_it_is_not_what_it_is() {
        let err =
            refuse_leaks(&engine(), "Seen with\nEllie-Mae Jones today.", "report").unwrap_err();
        assert_eq!(
            err.to_string(),
            "1 identifier left in the anonymised report; nothing was written"
        );
        let Error::LeaksLeft { locations, .. } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(locations, &["report:2:1: name"]);
        assert!(!format!("{err:?}").contains("Ellie"));
    }

    #[test]
    fn clean_text_passes() {
        assert!(refuse_leaks(&engine(), "Child A was seen.", "timeline").is_ok());
    }
}
