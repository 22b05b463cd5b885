//! Owns how the regular expressions are run: over the whole text, or only
//! over the windows of text around ASCII digits (every NHS, NI, phone,
//! postcode and date pattern contains a digit, and ordinary prose has few),
//! and with a retry one character later whenever a match is refused, so that
//! a refused match never hides a real one. It must not know what the
//! patterns mean.

use super::text::{ceil_boundary, floor_boundary, next_char};
use regex::Regex;
use std::ops::Range;

/// How far a digit-bearing match can reach from its nearest digit, in bytes.
/// The patterns bound their inner white space (at most 40 characters, each at
/// most 3 bytes) so that this holds: "September\u{3000}... 7".
pub(crate) const MARGIN: usize = 192;

/// Gives the merged windows of `text` within `MARGIN` bytes of an ASCII
/// digit, on character boundaries; empty when the text has no digit.
pub(crate) fn digit_windows(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while let Some(digit) = next_digit(bytes, i) {
        let start = floor_boundary(text, digit.saturating_sub(MARGIN));
        let end = ceil_boundary(text, digit + 1 + MARGIN);
        match out.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => out.push(start..end),
        }
        i = digit + 1;
    }
    out
}

/// Finds the next ASCII digit at or after `from`, eight bytes at a time
/// (prose has few digits, and this runs over every text).
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // Digits become 0..=9 after the xor; a byte below 10 sets its high
        // bit in (x - 10) & !x (the classic "has a byte less than n" test).
        let x = u64::from_le_bytes(word) ^ (0x30 * ONES);
        if (x.wrapping_sub(10 * ONES) & !x & HIGH) != 0 {
            break;
        }
        i += 8;
    }
    bytes
        .get(i..)?
        .iter()
        .position(u8::is_ascii_digit)
        .map(|p| i + p)
}

/// Gives the digit windows of the `regions` of `text`, in whole-text offsets.
pub(crate) fn digit_windows_in(text: &str, regions: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for r in regions {
        let Some(part) = text.get(r.clone()) else {
            continue;
        };
        out.extend(
            digit_windows(part)
                .into_iter()
                .map(|w| w.start + r.start..w.end + r.start),
        );
    }
    out
}

/// Runs `re` over each window of `text`, calling `visit` with every match
/// in whole-text byte offsets. `visit` returns where an accepted match ends,
/// to resume after it, or `None` to refuse it and retry one character on.
pub(crate) fn scan(
    re: &Regex,
    text: &str,
    windows: &[Range<usize>],
    mut visit: impl FnMut(Range<usize>) -> Option<usize>,
) {
    for w in windows {
        let Some(hay) = text.get(w.clone()) else {
            continue;
        };
        let mut pos = 0;
        while let Some(m) = re.find_at(hay, pos) {
            let found = w.start + m.start()..w.start + m.end();
            pos = match visit(found) {
                Some(end) => end.saturating_sub(w.start).max(m.start() + 1),
                None => m.start() + next_char(hay, m.start()).map_or(1, char::len_utf8),
            };
            if pos > hay.len() {
                break;
            }
            pos = ceil_boundary(hay, pos);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_surround_digits_and_merge() {
        assert!(digit_windows("no digits here").is_empty());
        let text = format!(
            "{}7{}8{}",
            "a".repeat(300),
            "b".repeat(100),
            "c".repeat(300)
        );
        let windows = digit_windows(&text);
        assert_eq!(windows.len(), 1);
        assert_eq!(windows.first(), Some(&(300 - MARGIN..401 + 1 + MARGIN)));
        let wide = format!("1{}2", "x".repeat(1000));
        assert_eq!(digit_windows(&wide).len(), 2);
    }

    #[test]
    fn digits_are_found_wherever_they_are() {
        for n in 0..40 {
            for d in ['0', '5', '9'] {
                let text = format!("{}{d}{}", "é/:".repeat(n), "x".repeat(n));
                let at = text.find(d);
                assert_eq!(next_digit(text.as_bytes(), 0), at, "{text}");
            }
            let none = "/:é".repeat(n);
            assert_eq!(next_digit(none.as_bytes(), 0), None);
        }
    }

    #[test]
    fn windows_end_on_char_boundaries() {
        let text = format!("{}1{}", "é".repeat(200), "日".repeat(200));
        for w in digit_windows(&text) {
            assert!(text.get(w).is_some());
        }
    }

    #[test]
    fn refused_matches_are_retried_one_character_on() {
        let re = Regex::new("[a-z]{3}").unwrap_or_else(|e| panic!("{e}"));
        let text = "xabcd";
        let mut seen = Vec::new();
        scan(&re, text, std::slice::from_ref(&(0..text.len())), |r| {
            seen.push(&text[r.clone()]);
            (r.start == 2).then_some(r.end)
        });
        assert_eq!(seen, ["xab", "abc", "bcd"]);
    }
}
