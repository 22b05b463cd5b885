//! Owns where a replacement must stay URL-safe: Markdown link destinations,
//! reference definitions, autolinks and bare URLs. A name inside one becomes
//! a slug ("child-a") rather than the pseudonym with its space. Every regex
//! is compiled once. It must not detect identifiers.

use super::text::{ceil_boundary, floor_boundary};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

// The `expect`s below run on constant patterns that the unit tests compile,
// so they cannot fail at run time.

/// Markdown link destinations, reference definitions, autolinks and bare URLs.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)\]\([^)\s]*\)|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S+|<[A-Za-z][A-Za-z0-9+.\-]*:[^>\s]*>|(?i:https?|ftp|file)://[^\s<>()\[\]]+|(?i:mailto):[^\s<>()\]]+",
    )
    .expect("constant URL regex")
});

/// A Markdown reference definition up to its destination: `[1]: `.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*$").expect("constant reference regex")
});

/// Tells whether `range` lies inside a link destination or URL. These hold
/// no white space, so only the surrounding run of non-space characters (at
/// most 1 KiB each side) is searched, which keeps a text with thousands of
/// replacements linear.
pub(crate) fn in_url(text: &str, range: &Range<usize>) -> bool {
    let lo = floor_boundary(text, range.start.saturating_sub(1024));
    let hi = ceil_boundary(text, range.end.saturating_add(1024));
    let before = text.get(lo..range.start).unwrap_or_default();
    let after = text.get(range.end..hi).unwrap_or_default();
    let start = before.rfind(char::is_whitespace).map_or(lo, |i| {
        lo + i
            + before
                .get(i..)
                .and_then(|s| s.chars().next())
                .map_or(1, char::len_utf8)
    });
    let end = after
        .find(char::is_whitespace)
        .map_or(hi, |i| range.end + i);
    let Some(token) = text.get(start..end) else {
        return false;
    };
    if token.contains(['(', ':', '<']) {
        return URL
            .find_iter(token)
            .any(|m| start + m.start() <= range.start && range.end <= start + m.end());
    }
    // A reference definition's destination is a bare token after "[x]: ".
    let prefix = text.get(lo..start).unwrap_or_default();
    if !prefix.trim_end_matches([' ', '\t']).ends_with("]:") {
        return false;
    }
    let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
    prefix
        .get(line_start..)
        .is_some_and(|line| REFERENCE.is_match(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_regexes_compile() {
        for re in [&URL, &REFERENCE] {
            assert!(!re.as_str().is_empty());
        }
    }

    #[test]
    fn link_destinations_and_urls_are_recognised() {
        let text = "[Ellie](notes/ellie.md) and https://x.org/ellie and <mailto:e@x.org>\n\
                    [1]: refs/ellie.md\n(ellie) ellie:";
        let at = |needle: &str, nth: usize| {
            let start = text.match_indices(needle).nth(nth).map_or(0, |(i, _)| i);
            start..start + needle.len()
        };
        assert!(!in_url(text, &at("Ellie", 0)));
        assert!(in_url(text, &at("ellie", 0)));
        assert!(in_url(text, &at("ellie", 1)));
        assert!(in_url(text, &at("e@x.org", 0)));
        assert!(in_url(text, &at("ellie", 2)));
        assert!(!in_url(text, &at("ellie", 3)));
        assert!(!in_url(text, &at("ellie", 4)));
    }
}
