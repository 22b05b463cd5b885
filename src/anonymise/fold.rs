//! Owns the folded view of a text: lower case, accents and other marks
//! removed, compatibility forms (ligatures, full-width letters) decomposed,
//! curly and modifier apostrophes made straight, invisible format characters
//! dropped, and every run of white space or dashes collapsed into one space,
//! and the separators that stand for a block boundary (a blank line, a new
//! list item, the end of a heading: see `text::is_block_break`) recorded, so
//! that a name matched across one is replaced part by part. Names are
//! matched in this view so that "Siobhán", "SIOBHAN" and "Siobhan" are the
//! same, and "Ellie-\n  Mae" equals "ellie mae", while "Ellie-Mae\n\nJones"
//! stays two paragraphs. It keeps the map from
//! folded byte offsets back to the text it folded, so that replacements land
//! on exactly the original characters. It must not decide what is a name or
//! what to replace.

use super::entities;
use super::offsets::OffsetMap;
use super::text::{is_block_break, is_invisible};
use super::visible;
use std::ops::Range;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A text in folded form together with the way back to the original.
pub(crate) struct Folded {
    /// The folded text; every byte of it came from one original character.
    pub(crate) text: String,
    map: OffsetMap,
    /// Folded offsets where a word may end or begin although letters touch:
    /// where markup was taken out of the text folded (see `visible.rs`).
    soft: Vec<usize>,
    /// Folded offsets of the separators that stand for a block boundary: a
    /// name matched across one is replaced part by part, and the boundary
    /// is kept.
    breaks: Vec<usize>,
}

/// How each ASCII byte folds: lower case, separators to a space, a backtick
/// (used as an apostrophe in plain-text notes) to an apostrophe.
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | b'-' => b' ',
            b'`' => b'\'',
            c => c.to_ascii_lowercase(),
        };
        b += 1;
    }
    table
};

/// ASCII bytes that fold to themselves up to letter case and need no look
/// around: everything but separators other than the space, the backtick and
/// apostrophe (runs of apostrophes collapse: YAML writes O'Brien as
/// 'O''Brien'), and the ampersand (HTML character references).
const PLAIN: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = !matches!(
            b as u8,
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | b'-' | b'`' | b'\'' | b'&'
        );
        b += 1;
    }
    table
};

/// Gives the end of the run of bytes from `i` that can be copied and
/// lower-cased in bulk: plain ASCII with no space following a separator.
/// This is the hot loop for English text.
fn plain_run(bytes: &[u8], i: usize, prev_sep: bool) -> usize {
    let mut after_space = prev_sep;
    let mut j = i;
    while let Some(&b) = bytes.get(j) {
        let plain = PLAIN.get(usize::from(b)).copied().unwrap_or(false);
        if !plain || (b == b' ' && after_space) {
            break;
        }
        after_space = b == b' ';
        j += 1;
    }
    j
}

/// Accumulates folded output, collapsing separator runs as it goes.
struct Folder {
    out: Vec<u8>,
    prev_sep: bool,
}

impl Folder {
    /// Appends a block boundary: a separator (or the one just written)
    /// whose place is recorded in `breaks`; tells whether a byte was
    /// appended.
    fn push_break(&mut self, breaks: &mut Vec<usize>) -> bool {
        let appended = !self.prev_sep || self.out.is_empty();
        if appended {
            self.out.push(b' ');
            self.prev_sep = true;
        }
        let at = self.out.len() - 1;
        if breaks.last() != Some(&at) {
            breaks.push(at);
        }
        appended
    }

    /// Appends a folded character, unless it repeats a separator or an
    /// apostrophe; tells whether it was appended.
    fn push(&mut self, ch: char) -> bool {
        if ch == ' ' {
            if self.prev_sep {
                return false;
            }
            self.prev_sep = true;
        } else {
            if ch == '\'' && self.out.last() == Some(&b'\'') {
                return false;
            }
            self.prev_sep = false;
        }
        let mut buf = [0u8; 4];
        self.out
            .extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        true
    }

    /// Appends the folding of any character.
    fn push_folded(&mut self, c: char) {
        match ASCII_FOLD.get(c as usize) {
            Some(&o) => {
                self.push(char::from(o));
            }
            None => fold_char(c, self),
        }
    }
}

impl Folded {
    /// Folds `original`, remembering where every folded byte came from.
    pub(crate) fn new(original: &str) -> Self {
        Folded::with_joins(original, &[])
    }

    /// Folds `original`, whose offsets `joins` (in order) are where markup
    /// was taken out and so where a word may end.
    pub(crate) fn with_joins(original: &str, joins: &[usize]) -> Self {
        let mut soft = Vec::new();
        let mut breaks = Vec::new();
        let mut next_join = 0;
        let mut f = Folder {
            out: Vec::with_capacity(original.len() + 16),
            prev_sep: false,
        };
        let mut map = OffsetMap::new(original.len());
        // Set whenever the byte-for-byte run is broken, so that ordinary
        // ASCII prose costs one segment per break, not one per byte.
        let mut new_run = true;
        let bytes = original.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            while let Some(&j) = joins.get(next_join).filter(|&&j| j <= i) {
                if j == i && soft.last() != Some(&f.out.len()) {
                    soft.push(f.out.len());
                }
                next_join += 1;
            }
            let stop = joins.get(next_join).copied().unwrap_or(usize::MAX);
            let plain = plain_run(bytes, i, f.prev_sep).min(stop.max(i));
            if plain > i {
                if new_run {
                    map.copy(f.out.len(), i);
                    new_run = false;
                }
                let at = f.out.len();
                f.out
                    .extend_from_slice(bytes.get(i..plain).unwrap_or_default());
                if let Some(tail) = f.out.get_mut(at..) {
                    tail.make_ascii_lowercase();
                }
                f.prev_sep = bytes.get(plain - 1) == Some(&b' ');
                i = plain;
            } else if b == b'\n' && is_block_break(original, i) {
                let at = f.out.len();
                if f.push_break(&mut breaks) {
                    map.unit(at, i..i + 1);
                }
                new_run = true;
                i += 1;
            } else if let Some(&o) = ASCII_FOLD.get(usize::from(b)) {
                let reference = if b == b'&' {
                    entities::decode(bytes, i)
                } else {
                    None
                };
                if let Some((c, len)) = reference {
                    let at = f.out.len();
                    f.push_folded(c);
                    if f.out.len() > at {
                        map.unit(at, i..i + len);
                    }
                    new_run = true;
                    i += len;
                    continue;
                }
                let at = f.out.len();
                if f.push(char::from(o)) {
                    if new_run {
                        map.copy(at, i);
                        new_run = false;
                    }
                } else {
                    new_run = true;
                }
                i += 1;
            } else {
                let Some(c) = original.get(i..).and_then(|s| s.chars().next()) else {
                    break;
                };
                let at = f.out.len();
                fold_char(c, &mut f);
                if f.out.len() > at {
                    map.unit(at, i..i + c.len_utf8());
                } else if is_combining_mark(c) {
                    // A mark belongs to the letter before it.
                    map.absorb(at, i + c.len_utf8());
                }
                new_run = true;
                i += c.len_utf8();
            }
        }
        map.finish(f.out.len());
        // Only whole characters were written, so this never falls back.
        let text = String::from_utf8(f.out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Folded {
            text,
            map,
            soft,
            breaks,
        }
    }

    /// Gives the block boundaries strictly inside folded `start..end`.
    pub(crate) fn breaks_within(&self, start: usize, end: usize) -> &[usize] {
        let from = self.breaks.partition_point(|&b| b <= start);
        let to = self.breaks.partition_point(|&b| b < end);
        self.breaks.get(from..to.max(from)).unwrap_or_default()
    }

    /// Tells whether a word may end or begin at folded offset `f` although
    /// letters touch there.
    pub(crate) fn is_soft(&self, f: usize) -> bool {
        self.soft.binary_search(&f).is_ok()
    }

    /// Gives the original byte offset of the character that produced folded
    /// byte `f`, or the original length when `f` is at or past the end.
    #[cfg(test)]
    pub(crate) fn orig_offset(&self, f: usize) -> usize {
        self.map.start(f)
    }

    /// Maps a folded byte range to the original range from the start of its
    /// first character to the end of its last (with any marks on it).
    pub(crate) fn orig_range(&self, folded: Range<usize>) -> Range<usize> {
        self.map.range(folded)
    }
}

/// Folds a pattern (a name, alias or address) for matching: its reader's
/// view (look-alike letters replaced, as in the text), folded, trimmed of
/// anything that is not a letter or digit at both ends so that word
/// boundaries are judged on the name itself.
pub(crate) fn fold_pattern(s: &str) -> String {
    let shown = visible::view(s).map_or_else(|| s.to_string(), |v| v.text);
    Folded::new(&shown)
        .text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// Folds one non-ASCII character into `f`.
fn fold_char(c: char, f: &mut Folder) {
    if let Some(s) = special(c) {
        s.chars().for_each(|ch| {
            f.push(ch);
        });
        return;
    }
    if is_invisible(c) {
        return;
    }
    if c.is_whitespace() || is_dash(c) {
        f.push(' ');
        return;
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) || is_invisible(d) {
            return;
        }
        if d.is_whitespace() || is_dash(d) {
            f.push(' ');
            return;
        }
        if let Some(s) = special(d) {
            s.chars().for_each(|ch| {
                f.push(ch);
            });
            return;
        }
        for l in d.to_lowercase() {
            if is_combining_mark(l) {
                continue;
            }
            match special(l) {
                Some(s) => s.chars().for_each(|ch| {
                    f.push(ch);
                }),
                None => {
                    f.push(l);
                }
            }
        }
    });
}

/// Letters that Unicode does not decompose but that writers of English
/// routinely replace with plain letters, and apostrophe look-alikes.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{02BB}' | '\u{2032}'
        | '\u{00B4}' | '\u{FF07}' | '`' => "'",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ħ' | 'Ħ' => "h",
        'ı' => "i",
        'þ' | 'Þ' => "th",
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        _ => return None,
    })
}

/// Hyphens and dashes, which separate name parts like a space does.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(s: &str) -> String {
        Folded::new(s).text
    }

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(folded("Siobhán O’Brien"), "siobhan o'brien");
        assert_eq!(folded("ZOË"), "zoe");
        assert_eq!(folded("Zoe\u{308}"), "zoe");
        assert_eq!(folded("Łukasz Strauß"), "lukasz strauss");
        assert_eq!(folded("ﬁona"), "fiona");
        assert_eq!(folded("Ｅｌｌｉｅ"), "ellie");
    }

    #[test]
    fn collapses_separators_and_drops_invisibles() {
        assert_eq!(folded("Ellie-\n   Mae"), "ellie mae");
        assert_eq!(folded("Ellie\u{2011}Mae"), "ellie mae");
        assert_eq!(folded("Ellie\u{00A0} Mae"), "ellie mae");
        assert_eq!(folded("El\u{200B}lie\u{202E}"), "ellie");
    }

    #[test]
    fn maps_offsets_back_to_original_characters() {
        let original = "Dr Zoë  Hart’s file";
        let f = Folded::new(original);
        let start = f.text.find("zoe hart").unwrap_or(usize::MAX);
        let range = f.orig_range(start..start + "zoe hart".len());
        assert_eq!(&original[range], "Zoë  Hart");
    }

    #[test]
    fn block_boundaries_are_recorded() {
        let breaks = |s: &str| {
            let f = Folded::new(s);
            (f.text.clone(), f.breaks_within(0, f.text.len()).to_vec())
        };
        assert_eq!(
            breaks("Ellie-Mae\n\nJones"),
            ("ellie mae jones".into(), vec![9])
        );
        assert_eq!(
            breaks("Ellie-Mae \n \n Jones"),
            ("ellie mae jones".into(), vec![9])
        );
        assert_eq!(
            breaks("- Ellie-Mae\n- Jones"),
            (" ellie mae jones".into(), vec![10])
        );
        assert_eq!(breaks("# Ellie\nJones"), ("# ellie jones".into(), vec![7]));
        assert_eq!(breaks("Ellie\n   Jones"), ("ellie jones".into(), vec![]));
    }

    #[test]
    fn trailing_combining_marks_are_inside_the_range() {
        let original = "Zoe\u{308} x";
        let f = Folded::new(original);
        assert_eq!(&original[f.orig_range(0..3)], "Zoe\u{308}");
    }

    #[test]
    fn every_offset_is_a_char_boundary() {
        let original = "a\u{0}ß日本\u{301}e\u{FEFF}-\n x İ ﬃ";
        let f = Folded::new(original);
        for i in 0..=f.text.len() {
            assert!(original.is_char_boundary(f.orig_offset(i)), "{i}");
        }
        assert_eq!(f.orig_offset(f.text.len()), original.len());
    }

    #[test]
    fn references_and_apostrophe_runs_fold_like_their_characters() {
        assert_eq!(
            folded("O&#39;Brien O''Brien O’’Brien"),
            "o'brien o'brien o'brien"
        );
        let original = "Zo&euml; Hart";
        let f = Folded::new(original);
        assert_eq!(f.text, "zoe hart");
        assert_eq!(&original[f.orig_range(0..3)], "Zo&euml;");
    }

    #[test]
    fn patterns_are_trimmed_to_letters() {
        assert_eq!(fold_pattern("  'Ellie-Mae' "), "ellie mae");
        assert_eq!(fold_pattern("***"), "");
    }
}
