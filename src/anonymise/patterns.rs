//! Owns the identifier shapes found by regular expression alone, without a
//! people list: NHS numbers (with their modulus-11 check digit), National
//! Insurance numbers (with HMRC's prefix rules), UK postcodes, UK telephone
//! numbers and e-mail addresses. Every regex is compiled once. This file
//! must not know about registered people or dates; word boundaries are judged
//! in code, not with `\b`, because `\b` treats `_` (Markdown emphasis) as part
//! of a word and would make the fast regex engines give up on non-ASCII text.

use super::scan::scan;
use super::spans::{Candidate, Role};
use super::text::{next_char, prev_char};
use super::types::Kind;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

// The `expect`s below run on constant patterns that the unit tests compile,
// so they cannot fail at run time.

/// Ten digits in any grouping: between two digits, nothing or up to three
/// spaces, dots or hyphens (one separator throughout: see `uniform`).
static NHS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9](?:[ .\-]{0,3}[0-9]){9}").expect("constant NHS number regex")
});

/// Two prefix letters allowed by HMRC, six digits in optional pairs, and an
/// optional A-D suffix; the never-issued prefixes are refused in code.
static NI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][ ]?[0-9]{2}[ ]?[0-9]{2}[ ]?[0-9]{2}(?:[ ]?[A-D])?",
    )
    .expect("constant NI number regex")
});

/// Every UK postcode format (A9, A99, A9A, AA9, AA99, AA9A outward codes,
/// then digit and two letters) and GIR 0AA, with or without the space.
static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)GIR[ \t\x{A0}]{0,3}0AA|(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])[ \t\x{A0}]{0,3}[0-9][ABD-HJLNP-UW-Z]{2}",
    )
    .expect("constant postcode regex")
});

/// A UK number: +44, 0044 or a leading 0 (with the optional "(0)" after the
/// country code), then a national number of nine or ten digits that may be
/// split by single spaces, hyphens or dots and bracketed area codes.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?:\+|00)[ ]?44[ \-]?(?:\(0\)[ \-]?)?\(?|\(?0)[1-9](?:\)?[ \-.]?\(?[0-9]){8,9}")
        .expect("constant phone regex")
});

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[\p{L}\p{N}._%+'\-]+@[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?)+",
    )
    .expect("constant e-mail regex")
});

/// Finds every pattern identifier in the `regions` of `text` and adds it as
/// a candidate; `windows` are the `scan::digit_windows` of those regions.
pub(crate) fn detect(
    text: &str,
    regions: &[Range<usize>],
    windows: &[Range<usize>],
    out: &mut Vec<Candidate>,
) {
    let with_at: Vec<Range<usize>> = regions
        .iter()
        .filter(|r| text.get((*r).clone()).is_some_and(|t| t.contains('@')))
        .cloned()
        .collect();
    if !with_at.is_empty() {
        find(
            &EMAIL,
            text,
            &with_at,
            out,
            Kind::Email,
            "[email]",
            |t, r| word_bounded(t, &r).then_some(r),
        );
    }
    find(
        &NHS,
        text,
        windows,
        out,
        Kind::NhsNumber,
        "[NHS number]",
        |t, r| {
            let m = t.get(r.clone()).unwrap_or_default();
            let ok = number_bounded(t, &r) && uniform(m) && nhs_valid(m);
            ok.then_some(r)
        },
    );
    find(
        &NI,
        text,
        windows,
        out,
        Kind::NiNumber,
        "[NI number]",
        ni_accept,
    );
    find(
        &PHONE,
        text,
        windows,
        out,
        Kind::Phone,
        "[phone]",
        |t, r| phone_bounded(t, &r).then_some(r),
    );
    find(
        &POSTCODE,
        text,
        windows,
        out,
        Kind::Postcode,
        "[postcode]",
        |t, r| postcode_accept(t, &r).then_some(r),
    );
}

/// Accepts a postcode-shaped token, in any letter case and spacing, unless it
/// is plainly something else: one after `#`, or a lower-case token written
/// solid from hexadecimal digits alone ("e5e7eb", a CSS colour or a hash).
fn postcode_accept(text: &str, range: &Range<usize>) -> bool {
    if !word_bounded(text, range) {
        return false;
    }
    let (Some(token), Some(before)) = (text.get(range.clone()), text.get(..range.start)) else {
        return false;
    };
    if before.ends_with('#') {
        return false;
    }
    let hex = token
        .chars()
        .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c));
    !hex || token.chars().any(char::is_whitespace)
}

/// Tells whether the digits of a number are grouped by one separator
/// throughout ("943.476.5919", "94 34 76 59 19"), so that a date and a time
/// ("07.03.2019 10") are not read as one number.
fn uniform(number: &str) -> bool {
    let mut seps = number
        .split(|c: char| c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    let first = seps.next();
    seps.all(|s| Some(s) == first)
}

/// Scans for `re`, letting `accept` confirm (and possibly trim) each match,
/// and adds the accepted ones as candidates replaced by `tag`.
fn find(
    re: &Regex,
    text: &str,
    windows: &[Range<usize>],
    out: &mut Vec<Candidate>,
    kind: Kind,
    tag: &str,
    accept: impl Fn(&str, Range<usize>) -> Option<Range<usize>>,
) {
    scan(re, text, windows, |found| {
        let range = accept(text, found).filter(|r| !r.is_empty())?;
        let end = range.end;
        out.push(Candidate::new(range, kind, Role::Replace(tag.to_string())));
        Some(end)
    });
}

/// Tells whether the match is not glued to a letter or digit on either side.
fn word_bounded(text: &str, r: &Range<usize>) -> bool {
    !prev_char(text, r.start).is_some_and(char::is_alphanumeric)
        && !next_char(text, r.end).is_some_and(char::is_alphanumeric)
}

/// Like `word_bounded`, and also refuses a number that is one part of a
/// longer dotted, slashed or hyphenated number such as "12-943 476 5919".
fn number_bounded(text: &str, r: &Range<usize>) -> bool {
    if !word_bounded(text, r) {
        return false;
    }
    let joiner = |c: char| matches!(c, '-' | '/' | '.' | '_');
    let mut back = text.get(..r.start).unwrap_or_default().chars().rev();
    let glued_before =
        back.next().is_some_and(joiner) && back.next().is_some_and(|c| c.is_ascii_digit());
    let mut ahead = text.get(r.end..).unwrap_or_default().chars();
    let glued_after = ahead.next().is_some_and(|c| joiner(c) && c != '.')
        && ahead.next().is_some_and(|c| c.is_ascii_digit());
    !glued_before && !glued_after
}

/// Boundary rule for phone numbers: not inside a word, not the tail of a
/// reference such as "WSCP-2026-0031234567", and not a dotted date with a
/// time after it ("07.03.2019 10:30"): dots are never mixed with other
/// separators.
fn phone_bounded(text: &str, r: &Range<usize>) -> bool {
    let m = text.get(r.clone()).unwrap_or_default();
    let mixed_dots = m.contains('.') && m.contains([' ', '-']);
    number_bounded(text, r)
        && !mixed_dots
        && !prev_char(text, r.start).is_some_and(|c| matches!(c, '-' | '/' | '_'))
}

/// Confirms an NHS number by its modulus-11 check digit.
pub(crate) fn nhs_valid(candidate: &str) -> bool {
    let digits: Vec<u32> = candidate.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .take(9)
        .zip((2..=10).rev())
        .map(|(d, w)| d * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    digits.get(9) == Some(&check)
}

/// Confirms an NI number: refuses the never-issued prefixes and, when the
/// suffix letter is a separate lower-case word ("AB 12 34 56 a"), leaves that
/// word out; falls back to the number without its suffix when the suffix is
/// glued to a following word.
fn ni_accept(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    let m = text.get(r.clone())?;
    let prefix = m.get(..2)?.to_ascii_uppercase();
    if matches!(
        prefix.as_str(),
        "BG" | "GB" | "KN" | "NK" | "NT" | "TN" | "ZZ"
    ) {
        return None;
    }
    let digits_end = r.start + m.rfind(|c: char| c.is_ascii_digit())? + 1;
    let full = r.clone();
    let bare = r.start..digits_end;
    let suffix = text.get(digits_end..r.end).unwrap_or_default();
    let loose_lower = suffix.starts_with(' ') && suffix.ends_with(|c: char| c.is_ascii_lowercase());
    [full, bare]
        .into_iter()
        .filter(|c| !(loose_lower && c.end != digits_end))
        .find(|c| word_bounded(text, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Kind, String)> {
        let mut out = Vec::new();
        let all = 0..text.len();
        let whole = std::slice::from_ref(&all);
        detect(
            text,
            whole,
            &super::super::scan::digit_windows(text),
            &mut out,
        );
        out.sort_by_key(|c| c.range.start);
        out.into_iter()
            .map(|c| (c.kind, text[c.range].to_string()))
            .collect()
    }

    fn kinds(text: &str, kind: Kind) -> Vec<String> {
        found(text)
            .into_iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, v)| v)
            .collect()
    }

    #[test]
    fn constant_regexes_compile() {
        for re in [&NHS, &NI, &POSTCODE, &PHONE, &EMAIL] {
            assert!(!re.as_str().is_empty());
        }
    }

    #[test]
    fn nhs_numbers_need_a_valid_check_digit() {
        assert!(nhs_valid("9434765919"));
        assert!(!nhs_valid("9434765918"));
        assert_eq!(
            kinds("NHS 943 476 5919.", Kind::NhsNumber),
            ["943 476 5919"]
        );
        assert_eq!(kinds("NHS 943-476-5919", Kind::NhsNumber), ["943-476-5919"]);
        assert_eq!(kinds("(9434765919)", Kind::NhsNumber), ["9434765919"]);
        assert!(kinds("NHS 943 476 5918", Kind::NhsNumber).is_empty());
        for grouping in [
            "943.476.5919",
            "943 4765 919",
            "9434 765 919",
            "94 34 76 59 19",
            "943  476  5919",
            "9 4 3 4 7 6 5 9 1 9",
            "943 - 476 - 5919",
        ] {
            assert_eq!(
                kinds(&format!("NHS {grouping}."), Kind::NhsNumber),
                [grouping]
            );
        }
        assert!(kinds("07.03.2019 10", Kind::NhsNumber).is_empty());
        assert!(kinds("943.476 5919", Kind::NhsNumber).is_empty());
        assert!(kinds("94347659191", Kind::NhsNumber).is_empty());
    }

    #[test]
    fn nhs_check_digit_of_ten_is_invalid() {
        // 0000000060: sum = 6*2 = 12, 12 % 11 = 1, 11 - 1 = 10: never issued.
        assert!(!nhs_valid("0000000060"));
        // Sum a multiple of 11 gives check 11, which means 0.
        assert!(nhs_valid("0000000000"));
    }

    #[test]
    fn ni_numbers_follow_hmrc_rules() {
        assert_eq!(kinds("NI AB123456C here", Kind::NiNumber), ["AB123456C"]);
        assert_eq!(
            kinds("NI AB 12 34 56 C.", Kind::NiNumber),
            ["AB 12 34 56 C"]
        );
        assert_eq!(kinds("ni ab123456c", Kind::NiNumber), ["ab123456c"]);
        assert_eq!(kinds("NI JG 12 34 56", Kind::NiNumber), ["JG 12 34 56"]);
        assert_eq!(kinds("AB 12 34 56 a dog", Kind::NiNumber), ["AB 12 34 56"]);
        assert_eq!(kinds("AB123456 Apple", Kind::NiNumber), ["AB123456"]);
        for never in [
            "BG123456A",
            "GB123456A",
            "KN123456A",
            "NK123456A",
            "NT123456A",
            "TN123456A",
            "ZZ123456A",
        ] {
            assert!(kinds(never, Kind::NiNumber).is_empty(), "{never}");
        }
        for bad_letter in [
            "DA123456A",
            "FA123456A",
            "QQ123456C",
            "AO123456A",
            "AV123456A",
        ] {
            assert!(kinds(bad_letter, Kind::NiNumber).is_empty(), "{bad_letter}");
        }
    }

    #[test]
    fn postcodes_in_every_format() {
        for pc in [
            "WN2 3XY",
            "M1 1AE",
            "B33 8TH",
            "CR2 6XH",
            "DN55 1PT",
            "W1A 0AX",
            "EC1A 1BB",
            "GIR 0AA",
            "SW1A2AA",
            "wn2 3xy",
            "Wn2 3Xy",
            "wn23xy",
            "Wn2  3Xy",
            "WN2   3XY",
        ] {
            assert_eq!(kinds(&format!("at _{pc}_."), Kind::Postcode), [pc], "{pc}");
        }
        assert!(kinds("WSCP-2026-003", Kind::Postcode).is_empty());
        assert!(kinds("XWN2 3XY", Kind::Postcode).is_empty());
        assert!(kinds("QN2 3XY", Kind::Postcode).is_empty());
        assert!(kinds("colour e5e7eb and #E5E7EB", Kind::Postcode).is_empty());
    }

    #[test]
    fn uk_phone_numbers() {
        for ph in [
            "+44 (0)1942 123456",
            "01942 123456",
            "07700 900123",
            "(01942) 123 456",
            "0044 7700 900123",
            "+447700900123",
            "020 7946 0000",
            "0161-496-0000",
            "0800 123 456",
        ] {
            assert_eq!(
                kinds(&format!("Tel: {ph}, mobile"), Kind::Phone),
                [ph],
                "{ph}"
            );
        }
    }

    #[test]
    fn phones_are_not_dates_times_case_ids_or_log_numbers() {
        let text = "On 07/03/2019 at 10:30, 07-03-2019 and 07.03.2019 10:30 the case WSCP-2026-003 \
                    (log 012345678, INC 01234567, ref WSCP-2026-01942123456) and NHS 943 476 5919.";
        assert!(kinds(text, Kind::Phone).is_empty(), "{:?}", found(text));
    }

    #[test]
    fn email_addresses() {
        assert_eq!(
            kinds("mail ellie.obrien+x@example.co.uk.", Kind::Email),
            ["ellie.obrien+x@example.co.uk"]
        );
        assert_eq!(kinds("<siobhán@éire.ie>", Kind::Email), ["siobhán@éire.ie"]);
        assert!(kinds("an @ sign and x@y", Kind::Email).is_empty());
    }

    #[test]
    fn ordinary_text_has_no_patterns() {
        let text = "Staff may be reviewed on 12 March; 3 visits, 10:30-11:45, page 12 of 40, \
                    version 1.2.3, case WSCP-2026-003, tel. ext 4412.";
        assert!(found(text).is_empty(), "{:?}", found(text));
    }
}
