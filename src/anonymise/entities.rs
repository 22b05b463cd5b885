//! Owns the reading of HTML character references ("O&#39;Brien",
//! "Zo&euml;", "Ellie&nbsp;Mae", "Kakas&ZeroWidthSpace;hi"), which notes
//! pasted from web pages or word processors carry and which would otherwise
//! split a name in two, as a browser reads them: numeric references, with
//! or without their `;`, and every HTML5 named reference (the table of the
//! `entities` crate), the legacy ones (`&shy`, `&eacute`) without their `;`
//! too. Apostrophes, spaces and dashes are decoded as the plain character,
//! accented Latin letters as their base letter. It must not fold or match
//! anything itself.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The longest reference name (`CounterClockwiseContourIntegral`).
const MAX_NAME: usize = 32;
/// The longest name a browser reads without its `;` (`frac12`).
const MAX_LEGACY: usize = 6;

/// Every HTML5 named reference by name (without `&` and `;`): its first
/// character, and whether a browser also reads it without the `;`.
static NAMED: LazyLock<HashMap<&'static str, (char, bool)>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, (char, bool)> = HashMap::new();
    for e in &entities::ENTITIES {
        let Some(c) = e.characters.chars().next() else {
            continue;
        };
        let Some(name) = e.entity.strip_prefix('&') else {
            continue;
        };
        match name.strip_suffix(';') {
            Some(name) => {
                map.entry(name).or_insert((c, false));
            }
            None => map.entry(name).or_insert((c, true)).1 = true,
        }
    }
    map
});

/// Decodes the character reference starting at `bytes[i]` (an `&`), giving
/// the character it stands for and the reference's length in bytes.
pub(crate) fn decode(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let rest = bytes.get(i + 1..)?;
    if rest.first() == Some(&b'#') {
        return numeric(rest).map(|(c, len)| (c, len + 1));
    }
    let run = rest
        .iter()
        .take(MAX_NAME + 1)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = std::str::from_utf8(rest.get(..run)?).ok()?;
    if run <= MAX_NAME
        && rest.get(run) == Some(&b';')
        && let Some(c) = named(name)
    {
        return Some((c, run + 2));
    }
    // A legacy name is read without its `;`, the longest that fits.
    (2..=run.min(MAX_LEGACY)).rev().find_map(|len| {
        let n = name.get(..len)?;
        NAMED
            .get(n)
            .filter(|(_, legacy)| *legacy)
            .and_then(|_| named(n))
            .map(|c| (c, len + 1))
    })
}

/// Decodes a numeric reference (`#39;`, `#x2019;`; a browser reads it
/// without the `;` too), giving its character and length.
fn numeric(rest: &[u8]) -> Option<(char, usize)> {
    let hex = matches!(rest.get(1), Some(b'x' | b'X'));
    let start = if hex { 2 } else { 1 };
    let digits = rest
        .get(start..)?
        .iter()
        .take_while(|b| {
            if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        })
        .count();
    if digits == 0 || digits > 8 {
        return None;
    }
    let text = std::str::from_utf8(rest.get(start..start + digits)?).ok()?;
    let value = u32::from_str_radix(text, if hex { 16 } else { 10 }).ok()?;
    let c = char::from_u32(value)?;
    let semi = usize::from(rest.get(start + digits) == Some(&b';'));
    Some((c, start + digits + semi))
}

/// Gives the character for a named reference, or the base letter of an
/// accented one ("eacute" gives 'e', "Ouml" gives 'O').
fn named(name: &str) -> Option<char> {
    let c = match name {
        "apos" | "rsquo" | "lsquo" | "prime" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "shy" | "zwj" | "zwnj" | "lrm" | "rlm" => '\u{AD}',
        "hyphen" | "dash" | "ndash" | "mdash" | "minus" => '-',
        "amp" => '&',
        "szlig" => 'ß',
        "aelig" | "AElig" => 'æ',
        "oelig" | "OElig" => 'œ',
        "oslash" | "Oslash" => 'ø',
        "eth" | "ETH" => 'ð',
        "thorn" | "THORN" => 'þ',
        _ => {
            let mut chars = name.chars();
            let letter = chars.next().filter(char::is_ascii_alphabetic)?;
            let accent = chars.as_str();
            let known = [
                "acute", "grave", "uml", "circ", "tilde", "ring", "cedil", "caron", "macr",
            ];
            if known.contains(&accent) {
                letter
            } else {
                NAMED.get(name)?.0
            }
        }
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at0(s: &str) -> Option<(char, usize)> {
        decode(s.as_bytes(), 0)
    }

    #[test]
    fn numeric_and_named_references() {
        assert_eq!(at0("&#39;Brien"), Some(('\'', 5)));
        assert_eq!(at0("&#x2019;"), Some(('\u{2019}', 8)));
        assert_eq!(at0("&rsquo;s"), Some(('\'', 7)));
        assert_eq!(at0("&euml; Hart"), Some(('e', 6)));
        assert_eq!(at0("&Aacute;"), Some(('A', 8)));
        assert_eq!(at0("&nbsp;"), Some((' ', 6)));
        assert_eq!(at0("&ZeroWidthSpace;hi"), Some(('\u{200B}', 16)));
        assert_eq!(at0("&NoBreak;"), Some(('\u{2060}', 9)));
        assert_eq!(at0("&Kopf;"), Some(('\u{1D542}', 6)));
        assert_eq!(at0("&IEcy;"), Some(('\u{415}', 6)));
        assert_eq!(
            at0("&CounterClockwiseContourIntegral;"),
            Some(('\u{2233}', 33))
        );
    }

    #[test]
    fn references_a_browser_reads_without_their_semicolon() {
        assert_eq!(at0("&#8203hi"), Some(('\u{200B}', 6)));
        assert_eq!(at0("&#x200B hi"), Some(('\u{200B}', 7)));
        assert_eq!(at0("&shyhi"), Some(('\u{AD}', 4)));
        assert_eq!(at0("&eacuten"), Some(('e', 7)));
        assert_eq!(at0("&notit;"), Some(('\u{AC}', 4)));
        assert_eq!(at0("&ZeroWidthSpace"), None);
        assert_eq!(at0("&Kopf"), None);
    }

    #[test]
    fn other_ampersands_are_not_references() {
        for s in [
            "& co",
            "&",
            "&;",
            "&#xD800;",
            "&#99999999;",
            "&bogus;",
            "&averyveryverylongname;",
        ] {
            assert_eq!(at0(s), None, "{s}");
        }
    }
}
