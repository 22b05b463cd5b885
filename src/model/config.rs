//! `casebook.yaml`: the partnership's settings, which mark the root of a casebook, as
//! written. `casebook::Settings` is the checked form every command reads.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Sp};

/// The default titles of the 7-minute briefing's seven sections (WSCP 5.2).
pub const DEFAULT_BRIEFING_SECTIONS: [&str; 7] = [
    "Background",
    "Why it matters",
    "Information",
    "Key learning",
    "Questions",
    "Reflection",
    "What to do",
];

/// The settings in `casebook.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CasebookConfig {
    /// The partnership's full name, printed on every report.
    pub partnership: String,
    /// Prefix of case ids: `<short_name>-<year>-<NNN>`.
    pub short_name: Sp<String>,
    /// Which bank holidays apply: england-and-wales, scotland or northern-ireland.
    #[serde(default = "default_division")]
    pub bank_holidays: Sp<String>,
    /// A newer bank-holiday file in GOV.UK's own format, relative to the casebook root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_holidays_file: Option<Sp<String>>,
    /// Extra non-working days (office closures).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closures: Vec<Date>,
    /// A built-in process name, or a path to a process file relative to the root.
    #[serde(default = "default_process")]
    pub process: Sp<String>,
    /// Working days ahead, today included, that count as "due soon".
    #[serde(default = "default_due_soon")]
    pub due_soon: u32,
    /// Working days before a deadline that calendar reminders fire.
    #[serde(default = "default_reminder")]
    pub reminder_working_days: u32,
    /// Titles of the 7-minute briefing's seven sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub briefing_sections: Option<Vec<String>>,
    /// The protective marking printed at the top and bottom of every page of every
    /// report, e.g. OFFICIAL-SENSITIVE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<String>,
    /// The marking of anonymised (published) reports; none unless given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking_published: Option<String>,
    /// Where a report's provenance goes: its last line (`footer`) or its metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<ProvenancePlace>,
}

/// Where a report's provenance goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ProvenancePlace {
    /// The report's last line (the default).
    #[default]
    Footer,
    /// The document's metadata (HTML `<meta>`, Word document properties, a Markdown
    /// comment), for published documents whose readers do not need it.
    Metadata,
}

/// Working days that count as "due soon" when casebook.yaml does not say.
pub const DEFAULT_DUE_SOON: u32 = 3;
/// Working days before a deadline that reminders fire when casebook.yaml does not say.
pub const DEFAULT_REMINDER: u32 = 2;

fn default_division() -> Sp<String> {
    Sp::new("england-and-wales".into())
}
fn default_process() -> Sp<String> {
    Sp::new("wscp-2021".into())
}
fn default_due_soon() -> u32 {
    DEFAULT_DUE_SOON
}
fn default_reminder() -> u32 {
    DEFAULT_REMINDER
}

impl CasebookConfig {
    /// Returns the seven briefing section titles in force.
    pub fn briefing_titles(&self) -> Vec<String> {
        match &self.briefing_sections {
            Some(titles) => titles.clone(),
            None => DEFAULT_BRIEFING_SECTIONS
                .iter()
                .map(|s| s.to_string())
                .collect(),
        }
    }
}
