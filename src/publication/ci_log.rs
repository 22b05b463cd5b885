//! Defence in depth for what goes into CI logs: the formats made for CI (check-deadlines'
//! github, junit, csv and json, status's json) pass what they are about to print through
//! [`CiMask`], which replaces each identifier the pattern detectors find (phone numbers,
//! postcodes, NHS and NI numbers, e-mail addresses) with `…` and counts it. `validate`
//! reports the same identifiers, and registered names, at the field that holds them
//! (`identifier-in-record`); this catches what reaches a CI log without validate having
//! been run, and the command then exits 1 with `error[identifier-masked]`.
//!
//! It sees text, not records, so it works on any output; it never prints what it masked.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::anonymise::{Anonymiser, Kind, Options, check_patterns};
use crate::diagnostic::Code;
use crate::wording::plural;

/// Masks identifiers in output bound for a CI log, counting them by kind.
pub struct CiMask {
    engine: Anonymiser,
    masked: BTreeMap<Kind, usize>,
}

impl Default for CiMask {
    fn default() -> Self {
        CiMask::new()
    }
}

impl CiMask {
    /// A mask with the pattern detectors only (no case's people are loaded by the
    /// commands that print CI formats).
    pub fn new() -> Self {
        CiMask {
            engine: Anonymiser::new(&[], Options::default()),
            masked: BTreeMap::new(),
        }
    }

    /// Gives `text` with each identifier found replaced by `…`; the text itself when
    /// there is none (the usual case, and then nothing is copied).
    pub fn mask<'a>(&mut self, text: &'a str) -> Cow<'a, str> {
        if !check_patterns(text).iter().any(|f| f.kind.is_leak()) {
            return Cow::Borrowed(text);
        }
        let (masked, kinds) = self.engine.mask(text);
        for kind in kinds {
            *self.masked.entry(kind).or_default() += 1;
        }
        Cow::Owned(masked)
    }

    /// How many identifiers were masked.
    pub fn count(&self) -> usize {
        self.masked.values().sum()
    }

    /// The finding to print when anything was masked: its code, how many of which
    /// kinds, and where to look (never a value).
    pub fn finding(&self) -> Option<String> {
        if self.masked.is_empty() {
            return None;
        }
        let kinds: Vec<String> = self
            .masked
            .iter()
            .map(|(k, n)| format!("{k}: {n}"))
            .collect();
        Some(format!(
            "[{}]: {} masked in the output ({}): run `casebook validate` to find the fields that hold them",
            Code::IdentifierMasked,
            plural(self.count(), "identifier"),
            kinds.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_output_is_passed_through_uncopied() {
        let mut m = CiMask::new();
        let text = "case,kind,key\r\nT-2026-001,milestone,aware,2026-01-12,3\r\n";
        assert!(matches!(m.mask(text), Cow::Borrowed(_)));
        assert_eq!(m.count(), 0);
        assert_eq!(m.finding(), None);
    }

    #[test]
    fn identifiers_are_masked_and_counted_by_kind() {
        let mut m = CiMask::new();
        let out = m
            .mask("{\"title\": \"call 07700 900123 at WN2 3XY or jo@example.org\"}")
            .into_owned();
        assert!(!out.contains("900123") && !out.contains("WN2") && !out.contains("jo@"));
        assert!(out.starts_with("{\"title\": \"call …"), "{out}");
        assert!(out.ends_with("\"}"), "{out}");
        assert_eq!(m.count(), 3);
        let finding = m.finding().unwrap_or_default();
        assert!(finding.contains("3 identifiers"), "{finding}");
        assert!(finding.contains("phone: 1"), "{finding}");
    }
}
