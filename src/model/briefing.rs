//! `briefing.md`: the 7-minute briefing's text as seven `## ` sections.

use crate::diagnostic::{Code, Diagnostic};

/// One `## ` section of the briefing.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BriefingSection {
    /// The heading text after `## `.
    pub title: String,
    /// The Markdown under it.
    pub body: String,
    /// 1-based line of the heading.
    pub line: usize,
}

/// The parsed briefing.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Briefing {
    /// Text before the first section (a `# ` title, usually).
    pub preamble: String,
    /// The sections in order.
    pub sections: Vec<BriefingSection>,
}

impl Briefing {
    /// Splits the Markdown at each `## ` heading.
    pub fn parse(text: &str) -> Briefing {
        let mut briefing = Briefing::default();
        for (i, line) in text.lines().enumerate() {
            if let Some(title) = line.strip_prefix("## ") {
                briefing.sections.push(BriefingSection {
                    title: title.trim().to_string(),
                    body: String::new(),
                    line: i + 1,
                });
            } else if let Some(section) = briefing.sections.last_mut() {
                section.body.push_str(line);
                section.body.push('\n');
            } else {
                briefing.preamble.push_str(line);
                briefing.preamble.push('\n');
            }
        }
        for s in &mut briefing.sections {
            s.body = s.body.trim().to_string();
        }
        briefing
    }

    /// Counts the words in all sections.
    pub fn word_count(&self) -> usize {
        self.sections
            .iter()
            .map(|s| s.title.split_whitespace().count() + s.body.split_whitespace().count())
            .sum()
    }

    /// Checks the briefing has the seven expected sections, in order.
    pub fn check(&self, path: &str, titles: &[String]) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if self.sections.len() != titles.len() {
            out.push(
                Diagnostic::error(
                    Code::BriefingSections,
                    path,
                    self.sections.get(titles.len()).map_or(1, |s| s.line),
                    1,
                    format!(
                        "a 7-minute briefing has {} `## ` sections; this one has {}",
                        titles.len(),
                        self.sections.len()
                    ),
                )
                .with_help(format!("the sections are: {}", titles.join(", "))),
            );
        }
        for (section, expected) in self.sections.iter().zip(titles) {
            if !section.title.eq_ignore_ascii_case(expected) {
                out.push(
                    Diagnostic::warning(
                        Code::BriefingTitle,
                        path,
                        section.line,
                        4,
                        format!(
                            "section `{}` is expected to be titled `{expected}`",
                            section.title
                        ),
                    )
                    .with_help("set `briefing_sections` in casebook.yaml to use your own titles"),
                );
            }
            if section.body.is_empty() {
                out.push(Diagnostic::error(
                    Code::BriefingEmptySection,
                    path,
                    section.line,
                    1,
                    format!("section `{}` is empty", section.title),
                ));
            }
        }
        out
    }
}
