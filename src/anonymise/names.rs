//! Owns the search for registered names and addresses: one Aho-Corasick pass
//! over the folded text, built once per case, reporting every (overlapping)
//! occurrence so that a rejected match can never hide an accepted one. It
//! judges word boundaries (a plural or possessive "s" may follow a name, a
//! letter may not precede it, and "Maes Road" is a street, not Mae's),
//! applies the capital-letter rule to names that are also common words, and
//! accepts initials only in capitals. It searches the text itself or its
//! reader's view, and reports ranges in the original either way. It must not
//! choose between overlapping candidates; `spans.rs` does that.

use super::common_words::is_street_word;
use super::fold::Folded;
use super::identities::{Entry, Screen, Table};
use super::offsets::OffsetMap;
use super::spans::{Candidate, Role};
use super::text::{next_char, prev_char};
use super::types::Kind;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::ops::Range;

/// The search engine: Aho-Corasick normally; a plain substring search is
/// kept as a fallback so that a pattern set the automaton refuses (far beyond
/// any real case) still gets searched instead of silently skipped.
enum Engine {
    Automaton(AhoCorasick),
    Substrings(Vec<String>),
}

/// Finds registered names and addresses in text.
pub(crate) struct NameMatcher {
    engine: Option<Engine>,
    entries: Vec<Entry>,
    longest: usize,
}

impl NameMatcher {
    /// Compiles the patterns of `table` into the fastest automaton to search.
    pub(crate) fn new(table: Table) -> Self {
        NameMatcher::with_kind(table, Some(AhoCorasickKind::DFA))
    }

    /// Compiles the patterns of `table` into an automaton that is quick to
    /// build and slower to search, for a few short texts (a case's fields):
    /// a full DFA takes milliseconds to build, far longer than they take to
    /// search.
    pub(crate) fn quick_to_build(table: Table) -> Self {
        NameMatcher::with_kind(table, Some(AhoCorasickKind::NoncontiguousNFA))
    }

    fn with_kind(table: Table, kind: Option<AhoCorasickKind>) -> Self {
        let longest = table.patterns.iter().map(String::len).max().unwrap_or(0);
        let engine = if table.patterns.is_empty() {
            None
        } else {
            // A full DFA is the fastest to search and small for the few
            // hundred patterns of a case; the automatic choice is the
            // fallback should it ever be too large (or the kind asked for
            // fail to build).
            let build = |kind| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(kind)
                    .build(&table.patterns)
            };
            Some(match build(kind).or_else(|_| build(None)) {
                Ok(ac) => Engine::Automaton(ac),
                Err(_) => Engine::Substrings(table.patterns),
            })
        };
        NameMatcher {
            engine,
            entries: table.entries,
            longest,
        }
    }

    /// Gives the length in bytes of the longest folded pattern.
    pub(crate) fn longest_pattern(&self) -> usize {
        self.longest
    }

    /// Adds every registered name or address found in `source[region]` to
    /// `out`. `source` is the original text (`view` is `None`) or its
    /// reader's view, with the map of its offsets back to `original` and the
    /// offsets where markup was taken out (where a word may end).
    pub(crate) fn detect(
        &self,
        source: &str,
        region: Range<usize>,
        view: Option<(&OffsetMap, &[usize])>,
        original: &str,
        out: &mut Vec<Candidate>,
    ) {
        let Some(engine) = &self.engine else { return };
        let Some(part) = source.get(region.clone()) else {
            return;
        };
        let to_original = view.map(|(map, _)| map);
        let joins: Vec<usize> = view
            .map(|(_, joins)| {
                joins
                    .iter()
                    .filter(|&&j| region.contains(&j))
                    .map(|j| j - region.start)
                    .collect()
            })
            .unwrap_or_default();
        let folded = Folded::with_joins(part, &joins);
        let mut found = |pattern: usize, start: usize, end: usize| {
            let Some(entry) = self.entries.get(pattern) else {
                return;
            };
            if !bounded(&folded, start, end, entry.kind)
                || (entry.kind != Kind::Address && names_a_street(&folded, part, end))
            {
                return;
            }
            // Across a block boundary each part is replaced on its own, so
            // that the boundary between them stays.
            let mut from = start;
            let cuts = folded.breaks_within(start, end);
            for to in cuts.iter().copied().chain(std::iter::once(end)) {
                let piece = from..to;
                from = to + 1;
                let shown = folded.orig_range(piece);
                let shown = shown.start + region.start..shown.end + region.start;
                let range = to_original.map_or_else(|| shown.clone(), |m| m.range(shown.clone()));
                if range.is_empty() {
                    continue;
                }
                let written = Written {
                    after: next_char(source, shown.end),
                    shown: source.get(shown).unwrap_or_default(),
                    original: original.get(range.clone()).unwrap_or_default(),
                };
                if let Some(c) = candidate(&written, range, entry) {
                    out.push(c);
                }
            }
        };
        match engine {
            Engine::Automaton(ac) => {
                for m in ac.find_overlapping_iter(folded.text.as_str()) {
                    found(m.pattern().as_usize(), m.start(), m.end());
                }
            }
            Engine::Substrings(patterns) => {
                for (i, p) in patterns.iter().enumerate() {
                    let mut from = 0;
                    while let Some(at) = folded.text.get(from..).and_then(|t| t.find(p.as_str())) {
                        let start = from + at;
                        found(i, start, start + p.len());
                        from = start + next_char(&folded.text, start).map_or(1, char::len_utf8);
                    }
                }
            }
        }
    }
}

/// Tells whether the name search could find anything in `text`, a text
/// whose reader's view is the text itself, for the people `screen` was
/// built from: false proves it finds nothing. A pattern is found only where
/// it stands in the folded text, so the folded text must hold one of the
/// screen's keys, or initials; and initials count only in capitals, so two
/// capital letters must stand with no small letter between them (or a
/// character beyond ASCII be there, which may fold to two letters).
pub(crate) fn may_match(screen: &Screen, text: &str) -> bool {
    let folded = Folded::with_joins(text, &[]);
    let folded = folded.text.as_str();
    if screen.keys.iter().any(|k| folded.contains(k.as_str())) {
        return true;
    }
    screen.initials.iter().any(|i| folded.contains(i.as_str())) && capitals_together(text)
}

/// Tells whether `text` has two ASCII capital letters with no ASCII small
/// letter between them, or any character beyond ASCII.
fn capitals_together(text: &str) -> bool {
    let mut capital = false;
    for b in text.bytes() {
        if !b.is_ascii() {
            return true;
        }
        if b.is_ascii_uppercase() {
            if capital {
                return true;
            }
            capital = true;
        } else if b.is_ascii_lowercase() {
            capital = false;
        }
    }
    false
}

/// One occurrence as the reader sees it and as it is written.
struct Written<'a> {
    shown: &'a str,
    /// The character after it, as shown.
    after: Option<char>,
    original: &'a str,
}

/// Makes the candidate for one accepted occurrence, or none. The capital
/// rule: a common-word name is replaced where its first letter is upper case
/// (as the reader sees it) and only reported for review where it is not.
/// Initials count only in capitals; two-letter ones only with dots or spaces
/// ("Z.H.", not "ZH"), and not followed by another capital ("EMJS"); and
/// those that spell a common word or abbreviation
/// ("AND", "NHS") are reported for review when written solid.
fn candidate(w: &Written, range: Range<usize>, entry: &Entry) -> Option<Candidate> {
    let mut letters = w.shown.chars().filter(|c| c.is_alphabetic());
    let capitalised = letters.next().is_some_and(char::is_uppercase);
    let (kind, role) = if let Some(rule) = &entry.initials {
        let capitals = w
            .shown
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        let solid = !w.original.contains(['.', ' ', '\n', '\t']);
        // "EMJS" is another abbreviation; "EMJs" and "EMJ's" are EMJ.
        let longer = w.after.is_some_and(char::is_uppercase);
        if !capitals || longer || (rule.separated_only && solid) {
            return None;
        }
        if rule.solid_is_a_word && solid {
            (Kind::CommonWordName, Role::Review)
        } else {
            (entry.kind, Role::Replace(entry.replacement.clone()))
        }
    } else if entry.gated && !capitalised {
        (Kind::CommonWordName, Role::Review)
    } else {
        (entry.kind, Role::Replace(entry.replacement.clone()))
    };
    let mut c = Candidate::new(range, kind, role);
    c.gated = entry.gated;
    Some(c)
}

/// Tells whether a name followed by a bare "s" is part of a place's name
/// and not someone's possessive: the first word of a street ("Maes Road",
/// "Johns Close", the street word capitalised as the reader sees it, or
/// joined by a hyphen as in a file name, `maes-road`), or the first part of
/// a hyphenated place ("Maes-y-Coed").
fn names_a_street(folded: &Folded, source: &str, end: usize) -> bool {
    let text = folded.text.as_str();
    if folded.is_soft(end)
        || text.as_bytes().get(end) != Some(&b's')
        || text.as_bytes().get(end + 1) != Some(&b' ')
    {
        return false;
    }
    let s = folded.orig_range(end..end + 1);
    if source.get(s.end..).is_some_and(joins_a_place) {
        return true;
    }
    let word_start = end + 2;
    let word_end = text
        .get(word_start..)
        .and_then(|rest| rest.find(|c: char| !c.is_alphabetic()))
        .map_or(text.len(), |k| word_start + k);
    let Some(word) = text.get(word_start..word_end) else {
        return false;
    };
    if !is_street_word(word) {
        return false;
    }
    // A file name has no capitals to go by: there a street is written
    // `maes-road`, the "s" joined to the street word by a hyphen (underscores
    // and dots are read as hyphens), which no possessive is.
    let hyphened = source.as_bytes().get(s.end) == Some(&b'-');
    let at = folded.orig_range(word_start..word_end);
    hyphened || next_char(source, at.start).is_some_and(char::is_uppercase)
}

/// Tells whether text after a name's bare "s" goes on as a hyphenated place
/// name: a hyphen, a short lower-case connecting word and another hyphen
/// ("-y-Coed" in "Maes-y-Coed", "-le-" in "Pres-le-Bois"). "Joness-Ellie"
/// does not.
fn joins_a_place(rest: &str) -> bool {
    let Some(after) = rest.strip_prefix('-') else {
        return false;
    };
    let connector = after.chars().take_while(char::is_ascii_lowercase).count();
    (1..=3).contains(&connector) && after.get(connector..).is_some_and(|r| r.starts_with('-'))
}

/// Tells whether folded `text[start..end]` stands as a whole word: no letter
/// just before it, and after it either none or a lone "s" (plural or
/// apostrophe-less possessive: "Ellies" is Ellie). For a name, digits do not
/// count as part of the word ("Ellie2019" still names Ellie); for an address,
/// which may start or end with a number, they do ("112 Larch Close" is not
/// "12 Larch Close").
fn bounded(folded: &Folded, start: usize, end: usize, kind: Kind) -> bool {
    let text = folded.text.as_str();
    let joins: fn(char) -> bool = if kind == Kind::Address {
        char::is_alphanumeric
    } else {
        char::is_alphabetic
    };
    if prev_char(text, start).is_some_and(joins) && !folded.is_soft(start) {
        return false;
    }
    if folded.is_soft(end) {
        return true;
    }
    match next_char(text, end) {
        Some('s') => !next_char(text, end + 1).is_some_and(joins) || folded.is_soft(end + 1),
        Some(c) => !joins(c),
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounded(t: &str, s: usize, e: usize, kind: Kind) -> bool {
        super::bounded(&Folded::new(t), s, e, kind)
    }

    #[test]
    fn boundaries() {
        let name = |t: &str, s: usize, e: usize| bounded(t, s, e, Kind::GivenName);
        assert!(name("ellie's", 0, 5));
        assert!(name("ellies", 0, 5));
        assert!(name("to ellie.", 3, 8));
        assert!(!name("kellie", 1, 6));
        assert!(!name("belliest", 1, 6));
        assert!(!name("ellien", 0, 5));
        assert!(name("ellie2", 0, 5));
        assert!(name("2ellie", 1, 6));
        assert!(!bounded("112 larch", 1, 9, Kind::Address));
        assert!(bounded("(12 larch)", 1, 9, Kind::Address));
        // Where markup was taken out, a word may end although letters touch.
        let joined = Folded::with_joins("elliejones", &[5]);
        assert!(super::bounded(&joined, 0, 5, Kind::GivenName));
        assert!(super::bounded(&joined, 5, 10, Kind::FamilyName));
        assert!(!super::bounded(
            &Folded::new("elliejones"),
            0,
            5,
            Kind::GivenName
        ));
    }
}
