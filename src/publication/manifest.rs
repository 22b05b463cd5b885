//! The two files an anonymised copy carries besides the case: casebook.yaml, so the
//! copy opens as a casebook of its own, and anonymise-manifest.json, which says what was
//! done, when, and from which commit.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::anonymise::{DatePolicy, Kind};
use crate::casebook::CONFIG_FILE;
use crate::error::{Error, Result};
use crate::model::CasebookConfig;

/// The manifest's file name in the copy.
pub const MANIFEST_FILE: &str = "anonymise-manifest.json";

/// casebook.yaml for the copy: the source's settings, which hold no identifiers.
pub fn config_text(config: &CasebookConfig) -> Result<String> {
    let mut config = config.clone();
    // A process file or holiday file would not be in the copy: fall back to the built-ins.
    if crate::process::Process::builtin(&config.process.value).is_none() {
        config.process.value = "wscp-2021".into();
    }
    config.bank_holidays_file = None;
    crate::yaml::to_string(&config).map_err(|e| Error::Serialise {
        path: CONFIG_FILE.to_string(),
        message: e.to_string(),
    })
}

/// What a manifest records.
pub struct Manifest<'a> {
    /// The casebook the case came from, for its git state.
    pub root: &'a Path,
    /// The case id.
    pub case: &'a str,
    /// The day taken as today.
    pub as_of: NaiveDate,
    /// How dates were treated.
    pub dates: DatePolicy,
    /// Replacements by kind.
    pub counts: &'a BTreeMap<Kind, usize>,
}

impl Manifest<'_> {
    /// Writes the manifest as pretty JSON.
    pub fn text(&self) -> String {
        let git = crate::history::state(self.root).ok().flatten();
        let counts: serde_json::Map<String, serde_json::Value> = self
            .counts
            .iter()
            .map(|(k, n)| (k.to_string(), (*n).into()))
            .collect();
        let doc = serde_json::json!({
            "case": self.case,
            "anonymised_on": self.as_of.format("%Y-%m-%d").to_string(),
            "casebook_version": env!("CARGO_PKG_VERSION"),
            "source_commit": git.as_ref().and_then(|g| g.commit.clone()),
            "source_uncommitted_changes": git.as_ref().map(|g| g.dirty),
            "dates": format!("{:?}", self.dates).to_lowercase(),
            "replacements": counts,
        });
        format!(
            "{}\n",
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        )
    }
}
