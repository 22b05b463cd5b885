//! Owns the reading of HTML character references ("O&#39;Brien",
//! "Zo&euml;", "Ellie&nbsp;Mae"), which notes pasted from web pages or word
//! processors carry and which would otherwise split a name in two. Only what
//! matters for matching names is decoded: numeric references, apostrophes,
//! spaces, dashes and accented Latin letters (as their base letter). It must
//! not fold or match anything itself.

/// Decodes the character reference starting at `bytes[i]` (an `&`), giving
/// the character it stands for and the reference's length in bytes.
pub(crate) fn decode(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let rest = bytes.get(i + 1..)?;
    let semi = rest.iter().take(12).position(|&b| b == b';')?;
    let name = std::str::from_utf8(rest.get(..semi)?).ok()?;
    let c = match name.strip_prefix('#') {
        Some(num) => {
            let value = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(value)?
        }
        None => named(name)?,
    };
    Some((c, semi + 2))
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
            known.contains(&accent).then_some(letter)?
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
