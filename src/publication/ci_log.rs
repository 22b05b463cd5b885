//! Defence in depth for what goes into CI logs: the formats made for CI (check-deadlines'
//! github, junit, csv and json, status's json) pass what they are about to print through
//! [`CiMask`], which replaces each identifier the pattern detectors find (phone numbers,
//! postcodes, NHS and NI numbers, e-mail addresses) with `…` and counts it: the deadline
//! items' text fields as each case is evaluated (in parallel, and only fields that can
//! hold a pattern are read), status's JSON whole. `validate`
//! reports the same identifiers, and registered names, at the field that holds them
//! (`identifier-in-record`); this catches what reaches a CI log without validate having
//! been run, and the command then exits 1 with `error[identifier-masked]`.
//!
//! It sees text, not records, so it works on any output; it never prints what it masked.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::sync::{Mutex, RwLock};

use crate::anonymise::{Anonymiser, Kind, Options, check_patterns};
use crate::deadlines::CaseItems;
use crate::diagnostic::Code;
use crate::wording::plural;

/// Masks identifiers in output bound for a CI log, counting them by kind. Shared by
/// the threads that evaluate cases.
pub struct CiMask {
    engine: Anonymiser,
    masked: Mutex<BTreeMap<Kind, usize>>,
    /// Short texts already found to hold no identifier. The same few texts
    /// (a milestone's title and source, a rule) stand in every case's items,
    /// and whether a text holds one depends on nothing but the text, so each
    /// is searched once. Bounded, so memory stays flat.
    clean: RwLock<HashSet<String>>,
}

/// The longest text remembered as clean, in bytes.
const CLEAN_TEXT: usize = 256;

/// How many clean texts are remembered at most.
const CLEAN_TEXTS: usize = 4096;

impl Default for CiMask {
    fn default() -> Self {
        CiMask::new()
    }
}

/// Tells whether `text` may hold what the pattern detectors find: every phone, NHS and
/// NI number and postcode has an ASCII digit, every e-mail address an `@`, and a digit
/// or an `@` written any other way (a character reference, a full-width digit) has an
/// `&` or a character beyond ASCII. Text with none of these is passed unread.
fn may_hold_a_pattern(text: &str) -> bool {
    text.bytes()
        .any(|b| b.is_ascii_digit() || b == b'@' || b == b'&' || !b.is_ascii())
}

impl CiMask {
    /// A mask with the pattern detectors only (no case's people are loaded by the
    /// commands that print CI formats).
    pub fn new() -> Self {
        CiMask {
            engine: Anonymiser::new(&[], Options::default()),
            masked: Mutex::new(BTreeMap::new()),
            clean: RwLock::new(HashSet::new()),
        }
    }

    /// Tells whether `text` holds an identifier the pattern detectors find,
    /// remembering short texts that hold none.
    fn holds_a_pattern(&self, text: &str) -> bool {
        if !may_hold_a_pattern(text) {
            return false;
        }
        let short = text.len() <= CLEAN_TEXT;
        if short
            && self
                .clean
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .contains(text)
        {
            return false;
        }
        let holds = check_patterns(text).iter().any(|f| f.kind.is_leak());
        if short && !holds {
            let mut clean = self.clean.write().unwrap_or_else(|e| e.into_inner());
            if clean.len() < CLEAN_TEXTS {
                clean.insert(text.to_string());
            }
        }
        holds
    }

    /// Gives `text` with each identifier found replaced by `…`; the text itself when
    /// there is none (the usual case, and then nothing is copied).
    pub fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if !self.holds_a_pattern(text) {
            return Cow::Borrowed(text);
        }
        let (masked, kinds) = self.engine.mask(text);
        let mut counts = self.masked.lock().unwrap_or_else(|e| e.into_inner());
        for kind in kinds {
            *counts.entry(kind).or_default() += 1;
        }
        Cow::Owned(masked)
    }

    /// Masks one field in place.
    pub fn mask_field(&self, field: &mut String) {
        if let Cow::Owned(masked) = self.mask(field) {
            *field = masked;
        }
    }

    /// Masks every text field of one case's deadline items that a format prints
    /// (the case title; each item's title, source, agency, owner, reasons and what
    /// it waits for), before any format sees them. Ids, keys, paths and dates are
    /// left: they are codes, not text a person typed.
    pub fn mask_case(&self, case: &mut CaseItems) {
        self.mask_field(&mut case.title);
        for item in &mut case.items {
            self.mask_field(&mut item.title);
            for field in [
                &mut item.source,
                &mut item.agency,
                &mut item.owner,
                &mut item.extension_reason,
                &mut item.not_applicable_reason,
                &mut item.waiting_for,
            ]
            .into_iter()
            .flatten()
            {
                self.mask_field(field);
            }
        }
    }

    /// How many identifiers were masked.
    pub fn count(&self) -> usize {
        self.counts().values().sum()
    }

    fn counts(&self) -> BTreeMap<Kind, usize> {
        self.masked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The finding to print when anything was masked: its code, how many of which
    /// kinds, and where to look (never a value).
    pub fn finding(&self) -> Option<String> {
        let counts = self.counts();
        if counts.is_empty() {
            return None;
        }
        let kinds: Vec<String> = counts.iter().map(|(k, n)| format!("{k}: {n}")).collect();
        Some(format!(
            "[{}]: {} masked in the output ({}): run `casebook validate` to find the fields that hold them",
            Code::IdentifierMasked,
            plural(counts.values().sum(), "identifier"),
            kinds.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_output_is_passed_through_uncopied() {
        let m = CiMask::new();
        let text = "case,kind,key\r\nT-2026-001,milestone,aware,2026-01-12,3\r\n";
        assert!(matches!(m.mask(text), Cow::Borrowed(_)));
        assert_eq!(m.count(), 0);
        assert_eq!(m.finding(), None);
    }

    #[test]
    fn a_text_seen_again_is_masked_again_and_counted_again() {
        let m = CiMask::new();
        for _ in 0..3 {
            assert!(matches!(
                m.mask("Working Together 2018 ch.4"),
                Cow::Borrowed(_)
            ));
            let out = m.mask("call 07700 900123");
            assert_eq!(out, "call …");
        }
        assert_eq!(m.count(), 3);
        let long = format!("{} 07700 900123", "x".repeat(CLEAN_TEXT));
        assert!(matches!(m.mask(&long), Cow::Owned(_)));
        assert!(matches!(m.mask(&long), Cow::Owned(_)));
        assert_eq!(m.count(), 5);
    }

    #[test]
    fn identifiers_are_masked_and_counted_by_kind() {
        let m = CiMask::new();
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

    use proptest::prelude::*;

    /// A UK mobile number written with random spacing, a postcode in random case
    /// and spacing, or an e-mail address.
    fn identifier() -> impl Strategy<Value = (String, String)> {
        let phone = (0..1_000_000_000u64, 0..3u8).prop_map(|(n, style)| {
            let digits = format!("07{n:09}");
            let written = match style {
                0 => digits.clone(),
                1 => format!("{} {}", &digits[..5], &digits[5..]),
                _ => format!("{} {} {}", &digits[..5], &digits[5..8], &digits[8..]),
            };
            (written, digits[5..].to_string())
        });
        let postcode = (
            prop::sample::select(&["WN2 3XY", "M1 1AE", "SW1A 2AA", "B33 8TH"][..]),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(p, lower, solid)| {
                let mut w = p.to_string();
                if lower {
                    w = w.to_lowercase();
                }
                if solid {
                    w = w.replace(' ', "");
                }
                let inward = p.rsplit(' ').next().unwrap_or(p).to_lowercase();
                (w, inward)
            });
        let email = ("[a-z]{2,8}", "[a-z]{3,8}")
            .prop_map(|(user, host)| (format!("{user}.x@{host}.org"), format!("{user}.x@")));
        prop_oneof![phone, postcode, email]
    }

    proptest! {
        /// Whatever identifier a title holds, the masked JSON still parses, the
        /// identifier is gone from it, and it is counted.
        #[test]
        fn masked_json_parses_and_holds_no_identifier(
            (written, needle) in identifier(),
            before in prop::sample::select(&["Call", "Visit at", "Send to", "(ref"][..]),
            after in prop::sample::select(&["today.", "\"urgent\"", "by 2026-11-02", ")"][..]),
        ) {
            let title = format!("{before} {written} {after}");
            let doc = serde_json::json!({"case": "T-2026-001", "title": title, "line": 12});
            let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
            let m = CiMask::new();
            let masked = m.mask(&text).into_owned();
            let parsed: serde_json::Value = serde_json::from_str(&masked)
                .map_err(|e| TestCaseError::fail(format!("{e} in {masked}")))?;
            let shown = parsed["title"].as_str().unwrap_or_default().to_lowercase();
            prop_assert!(!shown.contains(&needle), "{shown:?} from {title:?}");
            prop_assert!(m.count() >= 1);
            prop_assert_eq!(&parsed["case"], "T-2026-001");
            prop_assert_eq!(&parsed["line"], 12);
        }
    }
}
