//! Notes: Markdown files under `notes/` with YAML front matter between `---` lines.
//!
//! Front-matter errors are reported at the note's own line numbers.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, FreeText, Sp, VisitText};
use crate::diagnostic::{Code, Diagnostic};
use crate::yaml;

/// The section of the LCSPR report a note is written for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ReportSection {
    /// Introduction and scope.
    Introduction,
    /// The child and family in context.
    Background,
    /// The methodology used.
    Methodology,
    /// The family's voice.
    Family,
    /// Findings about practice.
    Findings,
    /// Analysis of systemic or underlying reasons (required by Working Together).
    Systemic,
    /// Summary of recommended improvements (required by Working Together).
    Improvements,
    /// Conclusion.
    Conclusion,
}

impl ReportSection {
    /// All sections in report order.
    pub const ALL: [ReportSection; 8] = [
        ReportSection::Introduction,
        ReportSection::Background,
        ReportSection::Methodology,
        ReportSection::Family,
        ReportSection::Findings,
        ReportSection::Systemic,
        ReportSection::Improvements,
        ReportSection::Conclusion,
    ];

    /// Returns the heading used in the report.
    pub fn title(&self) -> &'static str {
        match self {
            ReportSection::Introduction => "Introduction",
            ReportSection::Background => "The child and family",
            ReportSection::Methodology => "Methodology",
            ReportSection::Family => "The family's contribution",
            ReportSection::Findings => "Findings",
            ReportSection::Systemic => "Analysis of systemic and underlying reasons",
            ReportSection::Improvements => "Summary of recommended improvements",
            ReportSection::Conclusion => "Conclusion",
        }
    }

    /// Returns the kebab-case key.
    pub fn key(&self) -> &'static str {
        match self {
            ReportSection::Introduction => "introduction",
            ReportSection::Background => "background",
            ReportSection::Methodology => "methodology",
            ReportSection::Family => "family",
            ReportSection::Findings => "findings",
            ReportSection::Systemic => "systemic",
            ReportSection::Improvements => "improvements",
            ReportSection::Conclusion => "conclusion",
        }
    }
}

/// A note's front matter.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteFrontMatter {
    /// When the meeting or event took place.
    pub date: Sp<Date>,
    /// A title that names no one.
    pub title: FreeText,
    /// panel-meeting, practitioner-event, family-contact, analysis, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FreeText>,
    /// Roles of those present (not names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<FreeText>,
    /// The LCSPR report section this note is written for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportSection>,
}

impl VisitText for NoteFrontMatter {
    fn visit_text(&mut self, f: &mut dyn FnMut(&mut FreeText)) {
        let NoteFrontMatter {
            date: _,
            title,
            kind,
            attendees,
            report: _,
        } = self;
        title.visit_text(f);
        kind.visit_text(f);
        attendees.visit_text(f);
    }
}

/// A parsed note: front matter, and the Markdown body with the line it starts on.
#[derive(Debug, Clone)]
pub struct Note {
    /// The front matter.
    pub front: NoteFrontMatter,
    /// The Markdown after the front matter.
    pub body: String,
    /// 1-based line in the file where the body starts.
    pub body_line: usize,
}

/// Splits a note into front-matter text, its line offset, the body and the body's first line.
pub fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    let mut line_no = 1;
    for line in rest.split_inclusive('\n') {
        line_no += 1;
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some((front, body, line_no + 1));
        }
        offset += line.len();
    }
    None
}

impl Note {
    /// Parses a note; findings carry the note's own line numbers.
    pub fn parse(path: &str, text: &str) -> Result<Note, Diagnostic> {
        let Some((front, body, body_line)) = split_front_matter(text) else {
            if text
                .trim_start_matches('\u{feff}')
                .lines()
                .next()
                .map(str::trim_end)
                == Some("---")
            {
                return Err(Diagnostic::error(
                    Code::NoteFrontMatter,
                    path,
                    1,
                    1,
                    "the front matter that starts here is never closed",
                )
                .with_help("end it with a line holding only `---`, after `date:` and `title:`"));
            }
            return Err(Diagnostic::error(
                Code::NoteFrontMatter,
                path,
                1,
                1,
                "the note has no front matter",
            )
            .with_help("start the note with `---`, then `date:` and `title:`, then `---`"));
        };
        // The front matter starts on line 2 of the file, after the opening `---`.
        let front: NoteFrontMatter = yaml::parse_with_offset(path, front, 1)?;
        Ok(Note {
            front,
            body: body.to_string(),
            body_line,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_parses() {
        let n = Note::parse(
            "n.md",
            "---\ndate: 2026-01-20\ntitle: Panel\n---\n# Hello\n",
        )
        .unwrap();
        assert_eq!(n.front.title, "Panel");
        assert_eq!(n.body, "# Hello\n");
        assert_eq!(n.body_line, 5);
        assert_eq!(n.front.date.line, 1);
    }

    #[test]
    fn errors_use_the_notes_own_lines() {
        let d = Note::parse("n.md", "---\ntitle: Panel\ndate: 2026-02-30\n---\n").unwrap_err();
        assert_eq!(d.line, 3, "{d:?}");
        assert_eq!(d.code, Code::InvalidDate);
    }

    #[test]
    fn missing_front_matter() {
        assert_eq!(
            Note::parse("n.md", "# Just text\n").unwrap_err().code,
            Code::NoteFrontMatter
        );
        let unclosed = Note::parse("n.md", "---\ntitle: x\n").unwrap_err();
        assert_eq!(unclosed.code, Code::NoteFrontMatter);
        assert_eq!(
            unclosed.message,
            "the front matter that starts here is never closed"
        );
    }
}
