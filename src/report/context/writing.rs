//! The written parts: notes, the LCSPR report's sections, and the 7-minute
//! briefing's panels.

use super::*;
use crate::model::{Note, ReportSection};

/// A note.
#[derive(Debug, Clone, Serialize)]
pub struct NoteInfo {
    /// Its path relative to the casebook root.
    pub file: String,
    /// Its date.
    pub date: String,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: Option<String>,
    /// Roles of those present.
    pub attendees: Vec<String>,
    /// The report section it is written for.
    pub report: Option<&'static str>,
    /// Its Markdown body.
    pub body: String,
}

/// An LCSPR report section.
#[derive(Debug, Clone, Serialize)]
pub struct SectionInfo {
    /// Its key, e.g. `systemic`.
    pub key: &'static str,
    /// Its heading.
    pub title: &'static str,
    /// The id its heading gets in HTML (and on GitHub), for the contents' links.
    pub slug: String,
    /// The notes written for it, by date.
    pub notes: Vec<NoteInfo>,
}

/// One panel of the 7-minute briefing.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingPanel {
    /// 1 to 7.
    pub number: usize,
    /// The title in force (casebook.yaml's `briefing_sections`, else the defaults).
    pub title: String,
    /// The heading as written in briefing.md.
    pub heading: String,
    /// The Markdown under it.
    pub body: String,
}

/// briefing.md.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingInfo {
    /// The `# ` title of the file, else "7-minute briefing: <case title>".
    pub title: String,
    /// The title without a leading "7-minute briefing:", for a page that already says so.
    pub subtitle: String,
    /// The seven panels.
    pub panels: Vec<BriefingPanel>,
    /// Words in the panels (titles and bodies).
    pub words: usize,
}

pub(super) fn note_info(file: &str, note: &Note) -> NoteInfo {
    NoteInfo {
        file: file.to_string(),
        date: iso(note.front.date.value.0),
        title: note.front.title.to_string(),
        kind: note.front.kind.clone().map(String::from),
        attendees: note.front.attendees.iter().map(|a| a.to_string()).collect(),
        report: note.front.report.map(|r| r.key()),
        body: note.body.trim().to_string(),
    }
}

pub(super) fn notes(case: &LoadedCase) -> Vec<NoteInfo> {
    let mut list: Vec<NoteInfo> = case
        .notes
        .iter()
        .map(|(file, note)| note_info(file, note))
        .collect();
    // Notes arrive sorted by file name; a stable sort by date keeps that within a day.
    list.sort_by(|a, b| a.date.cmp(&b.date));
    list
}

/// Sections Working Together requires in every LCSPR report (WSCP 4.32).
pub const REQUIRED_SECTIONS: [ReportSection; 2] =
    [ReportSection::Improvements, ReportSection::Systemic];

pub(super) fn sections(notes: &[NoteInfo]) -> (Vec<SectionInfo>, Vec<SectionInfo>) {
    let mut present = Vec::new();
    let mut missing = Vec::new();
    for section in ReportSection::ALL {
        let chosen: Vec<NoteInfo> = notes
            .iter()
            .filter(|n| n.report == Some(section.key()))
            .cloned()
            .collect();
        let info = SectionInfo {
            key: section.key(),
            title: section.title(),
            slug: slug(section.title()),
            notes: chosen,
        };
        if !info.notes.is_empty() {
            present.push(info);
        } else if REQUIRED_SECTIONS.contains(&section) {
            missing.push(info);
        }
    }
    (present, missing)
}

/// Drops a leading "7-minute briefing:" (any case, hyphen or space) from a title.
pub(super) fn strip_briefing_prefix(title: &str) -> String {
    const PREFIXES: [&str; 4] = [
        "7-minute briefing",
        "7 minute briefing",
        "seven-minute briefing",
        "seven minute briefing",
    ];
    for prefix in PREFIXES {
        // The prefixes are ASCII, so comparing bytes case-insensitively is exact and
        // `get` refuses to split a character.
        let Some(head) = title.get(..prefix.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(prefix) {
            continue;
        }
        let tail = title[prefix.len()..]
            .trim_start_matches([':', ' ', '-', '–', '—'])
            .trim();
        let mut chars = tail.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    title.to_string()
}

/// Makes a heading's id the way comrak and GitHub do: lower case, punctuation other
/// than `-` and `_` dropped, spaces as hyphens.
pub fn slug(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_lowercase().collect::<String>())
            } else if c == ' ' {
                Some("-".to_string())
            } else {
                None
            }
        })
        .collect()
}

pub(super) fn briefing(
    b: &crate::model::Briefing,
    case_title: &str,
    titles: &[String],
) -> BriefingInfo {
    let title = b
        .preamble
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| t.trim().to_string())
        .unwrap_or_else(|| format!("7-minute briefing: {case_title}"));
    let panels = b
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| BriefingPanel {
            number: i + 1,
            title: titles.get(i).cloned().unwrap_or_else(|| s.title.clone()),
            heading: s.title.clone(),
            body: s.body.clone(),
        })
        .collect();
    let subtitle = strip_briefing_prefix(&title);
    BriefingInfo {
        title,
        subtitle,
        panels,
        words: b.word_count(),
    }
}
