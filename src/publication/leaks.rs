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
