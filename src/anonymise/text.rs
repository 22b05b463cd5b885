//! Owns the small helpers on UTF-8 text that every part of the engine uses:
//! the character either side of a byte offset, rounding an offset to a
//! character boundary, and the block boundaries (a blank line, a new list
//! item, quote line or table row, the end of a heading) that a replacement
//! must never swallow, and which characters render as nothing. It imports
//! nothing from the engine, so that the detectors, the folding, the reader's
//! view and the markup recognition can all use it without importing each
//! other.

use std::sync::LazyLock;

/// Gives the character just before byte `i`, if any.
pub(crate) fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// Gives the character starting at byte `i`, if any.
pub(crate) fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Moves `i` back to the nearest character boundary.
pub(crate) fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Moves `i` forward to the nearest character boundary.
pub(crate) fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Tells whether an ASCII byte is a control character that no editor shows
/// as text or as white space: NUL to backspace, shift-out to unit
/// separator, and delete (tab, line feed, vertical tab, form feed and
/// carriage return are white space).
pub(crate) const fn is_control_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0E..=0x1F | 0x7F)
}

/// Every other character that renders as nothing: format characters
/// (general category Cf: zero-width space and joiners, soft hyphen, bidi
/// controls, byte order mark, tags), control characters other than white
/// space, and default-ignorable code points (variation selectors, Hangul
/// fillers), from Unicode's own tables in the `regex` crate; less the
/// prepended concatenation marks (an Arabic number sign), which show.
static INVISIBLE: LazyLock<Option<regex::Regex>> = LazyLock::new(|| {
    regex::Regex::new(
        r"^[[\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}]--[\p{Prepended_Concatenation_Mark}\t\n\x0B\x0C\r\x{85}]]$",
    )
    .ok()
});

/// Tells whether a character renders as nothing on the page and in an
/// editor, so that it can hide inside a word or beside markup without
/// being seen: a zero-width space, joiner or non-joiner, a soft hyphen, a
/// bidi mark or control, a byte order mark, a variation selector, a tag
/// character, a stray control character (see [`is_control_byte`]).
pub(crate) fn is_invisible(c: char) -> bool {
    if c.is_ascii() {
        return is_control_byte(c as u8);
    }
    match c {
        '\u{00AD}'
        | '\u{034F}'
        | '\u{061C}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' => true,
        // The commonest characters past ASCII (Latin letters, Greek and
        // Cyrillic, combining accents, punctuation such as curly quotes and
        // dashes, symbols) show: these blocks hold no other invisible one.
        '\u{00A0}'..='\u{05FF}' | '\u{2000}'..='\u{2BFF}' => false,
        _ => {
            let mut buf = [0u8; 4];
            INVISIBLE
                .as_ref()
                .is_some_and(|re| re.is_match(c.encode_utf8(&mut buf)))
        }
    }
}

/// Tells whether a line (without its line break) starts a block of its own
/// in Markdown: a list item (`-`, `*`, `+` or `1.`/`1)` and a space), a
/// heading (`#`), a quote (`>`) or a table row (`|`), after at most three
/// spaces of indentation.
fn starts_block(line: &str) -> bool {
    let rest = line.trim_start_matches(' ');
    if line.len() - rest.len() > 3 && !rest.starts_with(['-', '*', '+']) {
        return false;
    }
    let bytes = rest.as_bytes();
    match bytes.first() {
        Some(b'#') => is_heading(line),
        Some(b'>' | b'|') => true,
        Some(b'-' | b'*' | b'+') => matches!(bytes.get(1), None | Some(b' ' | b'\t')),
        Some(b) if b.is_ascii_digit() => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            digits <= 9
                && matches!(bytes.get(digits), Some(b'.' | b')'))
                && matches!(bytes.get(digits + 1), None | Some(b' ' | b'\t'))
        }
        _ => false,
    }
}

/// Tells whether a line is an ATX heading: up to three spaces, one to six
/// `#`, then a space, a tab or the end of the line.
fn is_heading(line: &str) -> bool {
    let rest = line.trim_start_matches(' ');
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    line.len() - rest.len() <= 3
        && (1..=6).contains(&hashes)
        && matches!(
            rest.as_bytes().get(hashes),
            None | Some(b' ' | b'\t' | b'\r')
        )
}

/// Tells whether the line break at byte `nl` (a `\n`) ends a block rather
/// than folding a paragraph: the line it ends is blank or a heading, or the
/// line it starts is blank or starts a block of its own.
pub(crate) fn is_block_break(text: &str, nl: usize) -> bool {
    let before = text.get(..nl).unwrap_or_default();
    let line = before.rsplit('\n').next().unwrap_or_default();
    let line = line.strip_suffix('\r').unwrap_or(line);
    let after = text.get(nl + 1..).unwrap_or_default();
    let next = after.split('\n').next().unwrap_or_default();
    line.trim().is_empty() || is_heading(line) || next.trim().is_empty() || starts_block(next)
}

/// Tells whether any line break inside `text[range]` ends a block.
pub(crate) fn crosses_block(text: &str, range: std::ops::Range<usize>) -> bool {
    let Some(gap) = text.get(range.clone()) else {
        return false;
    };
    gap.match_indices('\n')
        .any(|(i, _)| is_block_break(text, range.start + i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_and_boundaries() {
        let t = "aé日";
        assert_eq!(prev_char(t, 3), Some('é'));
        assert_eq!(next_char(t, 3), Some('日'));
        assert_eq!(floor_boundary(t, 2), 1);
        assert_eq!(ceil_boundary(t, 2), 3);
        assert_eq!(ceil_boundary(t, 99), t.len());
    }

    #[test]
    fn invisible_characters() {
        for c in [
            '\0',
            '\u{7}',
            '\u{1B}',
            '\u{7F}',
            '\u{80}',
            '\u{9F}',
            '\u{AD}',
            '\u{200B}',
            '\u{200D}',
            '\u{202E}',
            '\u{2066}',
            '\u{FEFF}',
            '\u{FE0F}',
            '\u{E0100}',
            '\u{E0041}',
            '\u{E0001}',
            '\u{3164}',
            '\u{115F}',
            '\u{FFF9}',
            '\u{1D173}',
            '\u{1BCA0}',
            '\u{13430}',
        ] {
            assert!(is_invisible(c), "{c:?}");
        }
        for c in [
            'a', ' ', '\t', '\n', '\r', '\u{85}', '\u{A0}', 'é', '\u{2028}', '\u{600}', '\u{301}',
            '日', '\u{415}',
        ] {
            assert!(!is_invisible(c), "{c:?}");
        }
    }

    #[test]
    fn block_breaks_and_folded_lines() {
        let breaks = |t: &str| {
            t.match_indices('\n')
                .map(|(i, _)| is_block_break(t, i))
                .collect::<Vec<_>>()
        };
        assert_eq!(breaks("Ellie-Mae\n  Jones"), [false]);
        assert_eq!(breaks("Ellie-Mae\n\nJones"), [true, true]);
        assert_eq!(breaks("- Ellie-Mae\n- Jones"), [true]);
        assert_eq!(breaks("# Ellie-Mae\nJones"), [true]);
        assert_eq!(breaks("1. Zoe\n2. Hart"), [true]);
        assert_eq!(breaks("> a\n> b"), [true]);
        assert_eq!(breaks("| a |\n| b |"), [true]);
        assert_eq!(breaks("Ellie\n2019 was"), [false]);
        assert_eq!(breaks("Ellie\n*Jones* said"), [false]);
        assert_eq!(breaks("#Ellie_Big\n  Mo"), [false]);
        assert_eq!(breaks("#Ellie\n#2 Jones"), [false]);
        assert_eq!(breaks("Ellie\r\n\r\nJones"), [true, true]);
        assert!(crosses_block("a\n\nb", 1..3));
        assert!(!crosses_block("a\n b", 1..3));
    }
}
