//! Identifiers left in text about to be published: finding them, naming where they are
//! (never what they are, unless asked) and refusing to write anything while one is left.

use std::path::PathBuf;

use crate::anonymise::{Anonymiser, Finding};
use crate::error::{Error, Result};

/// Checks texts for identifiers left: every finding that is a leak, with its file.
pub fn leaks(engine: &Anonymiser, texts: &[(PathBuf, String)]) -> Vec<(PathBuf, Finding)> {
    texts
        .iter()
        .flat_map(|(p, t)| {
            engine
                .check(t)
                .into_iter()
                .filter(|f| f.kind.is_leak())
                .map(move |f| (p.clone(), f))
        })
        .collect()
}

/// Formats one finding as `path:line:col: kind`, with the value only when asked.
pub fn finding_line(path: &str, f: &Finding, show_values: bool) -> String {
    let review = if f.kind.is_leak() { "" } else { " (review)" };
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
