//! What a plain scalar means. The reader only answers for the unambiguous cases; a
//! plain scalar that YAML 1.1 or 1.2 could read as null, a boolean or a number is
//! "special", and anything asked of it beyond "are you null?" goes to the full parser.

/// `~`, `null` in any case, or nothing at all.
pub(super) fn is_null(s: &str) -> bool {
    s.is_empty() || s == "~" || s.eq_ignore_ascii_case("null")
}

/// The words YAML 1.1 or 1.2 read as booleans, in any case.
fn is_boolish(s: &str) -> bool {
    ["true", "false", "yes", "no", "on", "off", "y", "n"]
        .iter()
        .any(|w| s.eq_ignore_ascii_case(w))
}

/// Anything a YAML parser might read as a number: decimal, float, exponent, hex, octal,
/// binary, `.inf`/`.nan`, underscores, sexagesimal `1:30`.
fn is_numberish(s: &str) -> bool {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let Some(first) = unsigned.bytes().next() else {
        return false;
    };
    // Only text that starts like a number, `inf` or `nan` can parse as a float; checking
    // that first keeps the float parser off ordinary words.
    let maybe_float = first.is_ascii_digit() || matches!(first, b'.' | b'i' | b'I' | b'n' | b'N');
    if first == b'.' || (maybe_float && s.parse::<f64>().is_ok()) {
        return true;
    }
    if !first.is_ascii_digit() {
        return false;
    }
    let radix = unsigned.len() > 1
        && matches!(
            unsigned.as_bytes()[1],
            b'x' | b'o' | b'b' | b'X' | b'O' | b'B'
        );
    let sexagesimal_or_float = unsigned
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b':' | b'.' | b'e' | b'E' | b'+' | b'-'))
        && unsigned.contains([':', '.', 'e', 'E']);
    radix || unsigned.contains('_') || sexagesimal_or_float
}

/// Whether a plain scalar could be read as something other than a string.
pub(super) fn is_special(s: &str) -> bool {
    is_null(s) || is_boolish(s) || is_numberish(s)
}

/// A plain decimal whole number with no sign and no leading zero.
pub(super) fn whole_number(s: &str) -> Option<u64> {
    let plain = !s.is_empty()
        && s.len() <= 18
        && s.bytes().all(|b| b.is_ascii_digit())
        && (s == "0" || !s.starts_with('0'));
    if plain { s.parse().ok() } else { None }
}

/// `true` or `false`, as strict YAML 1.2 writes them.
pub(super) fn boolean(s: &str) -> Option<bool> {
    match s {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_scalars_are_recognised() {
        for s in [
            "", "~", "null", "NULL", "Null", "true", "False", "yes", "NO", "on", "Off", "y", "N",
            "0", "12", "-3", "+4", "1.5", ".5", "1e3", "1E-3", "0x1F", "0o17", "0b101", ".inf",
            "-.inf", ".NaN", "1_000", "1:30", "12:30:00", "inf", "NaN", "007",
        ] {
            assert!(is_special(s), "{s:?} should be special");
        }
    }

    #[test]
    fn ordinary_words_and_dates_are_strings() {
        for s in [
            "open",
            "School",
            "2025-11-03",
            "2025-11",
            "A1",
            "R2",
            "child",
            "Person 0",
            "99 Larch Close",
            "WN2 3XY",
            "rapid-review",
            "yesterday",
            "none",
            "1st visit",
        ] {
            assert!(!is_special(s), "{s:?} should be a plain string");
        }
    }

    #[test]
    fn whole_numbers_are_plain_decimals_only() {
        assert_eq!(whole_number("0"), Some(0));
        assert_eq!(whole_number("2025"), Some(2025));
        assert_eq!(whole_number("007"), None);
        assert_eq!(whole_number("+5"), None);
        assert_eq!(whole_number("1_000"), None);
        assert_eq!(whole_number("9999999999999999999"), None);
        assert_eq!(whole_number(""), None);
    }
}
