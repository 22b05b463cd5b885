//! The provenance line every report ends with: casebook's version, the git commit the
//! records came from, whether the work tree had uncommitted changes, and the as-of date.
//!
//! Rendered by casebook itself, not by a template, so an overridden template cannot
//! leave it out by accident.

use chrono::NaiveDate;

use crate::history::GitState;
use crate::wording::uk_long;

/// Where a report's data came from.
#[derive(Debug, Clone)]
pub struct Provenance {
    /// casebook's version.
    pub version: &'static str,
    /// The repository's state; `None` outside git.
    pub git: Option<GitState>,
    /// The date taken as today.
    pub as_of: NaiveDate,
}

impl Provenance {
    /// Describes the provenance in one sentence of plain text (no markup characters).
    pub fn sentence(&self) -> String {
        let git = match &self.git {
            None => "not in a git repository".to_string(),
            Some(state) => {
                let commit = match &state.commit {
                    Some(c) => format!("git commit {c}"),
                    None => "a git repository with no commits yet".to_string(),
                };
                let shallow = if state.shallow {
                    " (history is shallow)"
                } else {
                    ""
                };
                if state.dirty {
                    format!("{commit}{shallow}, with uncommitted changes in the work tree")
                } else {
                    format!("{commit}{shallow}, no uncommitted changes")
                }
            }
        };
        format!(
            "casebook {}; {git}; as of {}.",
            self.version,
            uk_long(self.as_of)
        )
    }

    /// The Markdown block appended to every Markdown report.
    pub fn markdown(&self) -> String {
        format!("\n---\n\n**Provenance:** {}\n", self.sentence())
    }

    /// The HTML footer every HTML report carries.
    pub fn html(&self) -> String {
        format!(
            "<footer class=\"provenance\"><p><strong>Provenance:</strong> {}</p></footer>",
            crate::markup::html_escape(&self.sentence())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(git: Option<GitState>) -> String {
        Provenance {
            version: "1.2.3",
            git,
            as_of: crate::wording::parse_day("2026-11-26").unwrap(),
        }
        .sentence()
    }

    #[test]
    fn says_where_the_data_came_from() {
        assert_eq!(
            p(None),
            "casebook 1.2.3; not in a git repository; as of 26 November 2026."
        );
        assert_eq!(
            p(Some(GitState {
                commit: Some("abc1234".into()),
                dirty: false,
                shallow: false
            })),
            "casebook 1.2.3; git commit abc1234, no uncommitted changes; as of 26 November 2026."
        );
        assert_eq!(
            p(Some(GitState {
                commit: None,
                dirty: true,
                shallow: false
            })),
            "casebook 1.2.3; a git repository with no commits yet, with uncommitted changes in the work tree; as of 26 November 2026."
        );
    }
}
