//! Owns the search for registered names and addresses: one Aho-Corasick pass
//! over the folded text, built once per case, reporting every (overlapping)
//! occurrence so that a rejected match can never hide an accepted one. It
//! judges word boundaries (a plural or possessive "s" may follow a name, a
//! letter may not precede it) and applies the capital-letter rule to names
//! that are also common words. It must not choose between overlapping
//! candidates; `spans.rs` does that.

use super::Kind;
use super::fold::Folded;
use super::identities::{Entry, Table};
use super::spans::{Candidate, Role, next_char, prev_char};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

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
}

impl NameMatcher {
    /// Compiles the patterns of `table`.
    pub(crate) fn new(table: Table) -> Self {
        let engine = if table.patterns.is_empty() {
            None
        } else {
            // A full DFA is the fastest to search and small for the few
            // hundred patterns of a case; the automatic choice is the
            // fallback should it ever be too large.
            let build = |kind| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(kind)
                    .build(&table.patterns)
            };
            Some(
                match build(Some(AhoCorasickKind::DFA)).or_else(|_| build(None)) {
                    Ok(ac) => Engine::Automaton(ac),
                    Err(_) => Engine::Substrings(table.patterns),
                },
            )
        };
        NameMatcher {
            engine,
            entries: table.entries,
        }
    }

    /// Adds every registered name or address found in `text` to `out`.
    pub(crate) fn detect(&self, text: &str, out: &mut Vec<Candidate>) {
        let Some(engine) = &self.engine else { return };
        let folded = Folded::new(text);
        let mut found = |pattern: usize, start: usize, end: usize| {
            if let Some(entry) = self.entries.get(pattern)
                && bounded(&folded.text, start, end, entry.kind)
            {
                let range = folded.orig_range(start..end);
                if !range.is_empty() {
                    out.push(candidate(text, range, entry));
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

/// Makes the candidate for one accepted occurrence, applying the capital
/// rule: a common-word name is replaced where its first letter is upper case
/// and only reported for review where it is not.
fn candidate(text: &str, range: std::ops::Range<usize>, entry: &Entry) -> Candidate {
    let capitalised = next_char(text, range.start).is_some_and(char::is_uppercase);
    let (kind, role) = if entry.gated && !capitalised {
        (Kind::CommonWordName, Role::Review)
    } else {
        (entry.kind, Role::Replace(entry.replacement.clone()))
    };
    Candidate {
        range,
        kind,
        role,
        gated: entry.gated,
    }
}

/// Tells whether folded `text[start..end]` stands as a whole word: no letter
/// just before it, and after it either none or a lone "s" (plural or
/// apostrophe-less possessive: "Ellies" is Ellie). For a name, digits do not
/// count as part of the word ("Ellie2019" still names Ellie); for an address,
/// which may start or end with a number, they do ("112 Larch Close" is not
/// "12 Larch Close").
fn bounded(text: &str, start: usize, end: usize, kind: Kind) -> bool {
    let joins: fn(char) -> bool = if kind == Kind::Address {
        char::is_alphanumeric
    } else {
        char::is_alphabetic
    };
    if prev_char(text, start).is_some_and(joins) {
        return false;
    }
    match next_char(text, end) {
        Some('s') => !next_char(text, end + 1).is_some_and(joins),
        Some(c) => !joins(c),
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
