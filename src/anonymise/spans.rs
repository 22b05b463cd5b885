//! Owns what happens between detection and output: the candidate spans that
//! the detectors propose, their resolution into non-overlapping replacements
//! (leftmost-longest, merging overlaps where needed so that no detected
//! character survives), the rendering of the anonymised text, and the
//! translation of byte offsets into 1-based line and character columns. It
//! must not detect anything itself.

use super::links::in_url;
use super::text::crosses_block;
use super::types::{Finding, Kind, Outcome};
use std::collections::BTreeMap;
use std::ops::Range;

/// What the engine should do with a detected span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Role {
    /// Replace the span with this text.
    Replace(String),
    /// Leave it, and report it for a person to review.
    Review,
    /// Leave it, and stop one-word common-word names inside it from being
    /// replaced: "May" in "7 May 2019" is a month, not a person.
    Protect,
}

/// A span proposed by one detector, in original byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub(crate) range: Range<usize>,
    pub(crate) kind: Kind,
    pub(crate) role: Role,
    /// Set on one-word names that are also ordinary words.
    pub(crate) gated: bool,
    /// The replacement inside a file name, when it is not the slug of the
    /// replacement: a date cut to the month is "2026-01" there.
    pub(crate) path_form: Option<String>,
}

impl Candidate {
    pub(crate) fn new(range: Range<usize>, kind: Kind, role: Role) -> Self {
        Candidate {
            range,
            kind,
            role,
            gated: false,
            path_form: None,
        }
    }
}

/// Where the anonymised text goes, which decides how replacements are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// Running text: pseudonyms as they are, slugs inside links.
    Prose,
    /// One component of a file path: every replacement a slug.
    Path,
}

/// One resolved replacement.
#[derive(Debug)]
struct Group {
    range: Range<usize>,
    kind: Kind,
    replacement: String,
    path_form: Option<String>,
}

/// The result of resolving candidates: replacements and review spans.
pub(crate) struct Resolved {
    groups: Vec<Group>,
    reviews: Vec<Range<usize>>,
}

/// Orders kinds when two candidates of equal length compete for a span.
fn rank(kind: Kind) -> u8 {
    match kind {
        Kind::Email => 0,
        Kind::Address => 1,
        Kind::Name => 2,
        Kind::Alias => 3,
        Kind::DateOfBirth => 4,
        Kind::NhsNumber => 5,
        Kind::NiNumber => 6,
        Kind::Phone => 7,
        Kind::Postcode => 8,
        Kind::GivenName => 9,
        Kind::FamilyName => 10,
        Kind::Initials => 11,
        Kind::Date => 12,
        Kind::CommonWordName => 13,
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Resolves candidates into non-overlapping replacement groups.
pub(crate) fn resolve(text: &str, cands: Vec<Candidate>) -> Resolved {
    let mut protects: Vec<Range<usize>> = cands
        .iter()
        .filter(|c| c.role == Role::Protect)
        .map(|c| c.range.clone())
        .collect();
    protects.sort_by_key(|r| r.start);
    let protected = |r: &Range<usize>| {
        // Protect spans never overlap each other, so only the last one that
        // starts before `r` ends can overlap it.
        let i = protects.partition_point(|p| p.start < r.end);
        i.checked_sub(1)
            .and_then(|i| protects.get(i))
            .is_some_and(|p| overlaps(p, r))
    };
    let mut replaces = Vec::new();
    let mut reviews = Vec::new();
    for c in cands {
        if c.gated && protected(&c.range) {
            continue;
        }
        match c.role {
            Role::Replace(s) => replaces.push((c.range, c.kind, s, c.path_form)),
            Role::Review => reviews.push(c.range),
            Role::Protect => {}
        }
    }
    let groups = select(text, replaces);
    let groups = merge_adjacent_names(text, groups);
    reviews.sort_by_key(|r| r.start);
    reviews.dedup();
    reviews.retain(|r| {
        let i = groups.partition_point(|g| g.range.start < r.end);
        !i.checked_sub(1)
            .and_then(|i| groups.get(i))
            .is_some_and(|g| overlaps(&g.range, r))
    });
    Resolved { groups, reviews }
}

type Proposal = (Range<usize>, Kind, String, Option<String>);

/// Chooses replacements: leftmost-longest first; a candidate that loses to
/// an overlapping one is dropped only if the winners cover every letter and
/// digit it covers. Otherwise it is merged with them into one span, so that
/// no detected character survives ("nothing left" beats tidy output).
fn select(text: &str, mut proposals: Vec<Proposal>) -> Vec<Group> {
    proposals.sort_by(|a, b| {
        (a.0.start, std::cmp::Reverse(a.0.end), rank(a.1)).cmp(&(
            b.0.start,
            std::cmp::Reverse(b.0.end),
            rank(b.1),
        ))
    });
    let mut chosen: Vec<Proposal> = Vec::with_capacity(proposals.len());
    let mut losers = Vec::new();
    for p in proposals {
        match chosen.last() {
            Some(last) if p.0.start < last.0.end => losers.push(p),
            _ => chosen.push(p),
        }
    }
    let exposed: Vec<Proposal> = losers
        .into_iter()
        .filter(|p| leaves_something(text, &chosen, &p.0))
        .collect();
    if !exposed.is_empty() {
        chosen.extend(exposed);
        chosen.sort_by_key(|p| p.0.start);
    }
    let mut groups: Vec<Group> = Vec::with_capacity(chosen.len());
    let mut best_len = 0;
    for (range, kind, replacement, path_form) in chosen {
        let len = range.len();
        if let Some(g) = groups.last_mut()
            && range.start < g.range.end
        {
            g.range.end = g.range.end.max(range.end);
            if len > best_len || (len == best_len && rank(kind) < rank(g.kind)) {
                best_len = len;
                g.kind = kind;
                g.replacement = replacement;
                g.path_form = path_form;
            }
            continue;
        }
        best_len = len;
        groups.push(Group {
            range,
            kind,
            replacement,
            path_form,
        });
    }
    groups
}

/// Tells whether `r` has a letter or digit outside the chosen spans, which
/// are sorted and do not overlap.
fn leaves_something(text: &str, chosen: &[Proposal], r: &Range<usize>) -> bool {
    let has_alnum = |a: usize, b: usize| {
        a < b
            && text
                .get(a..b)
                .is_some_and(|s| s.chars().any(char::is_alphanumeric))
    };
    let mut cursor = r.start;
    let first = chosen.partition_point(|p| p.0.end <= r.start);
    for p in chosen.get(first..).unwrap_or_default() {
        if p.0.start >= r.end {
            break;
        }
        if has_alnum(cursor, p.0.start) {
            return true;
        }
        cursor = cursor.max(p.0.end);
    }
    has_alnum(cursor, r.end)
}

fn is_name_kind(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Name | Kind::Alias | Kind::GivenName | Kind::FamilyName | Kind::Initials
    )
}

/// Joins consecutive name replacements that say the same thing and are
/// separated only by spaces or dashes, so "Ellie O'Brien" (two registered
/// tokens of one person) becomes one pseudonym, not two. A repeated word
/// ("Ellie Ellie") is left as two, so that counts stay honest.
fn merge_adjacent_names(text: &str, groups: Vec<Group>) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::with_capacity(groups.len());
    for g in groups {
        if let Some(last) = out.last_mut()
            && is_name_kind(last.kind)
            && is_name_kind(g.kind)
            && last.replacement == g.replacement
            && is_name_gap(text, last.range.end..g.range.start)
            && !same_words(text, &last.range, &g.range)
        {
            last.range.end = g.range.end;
            last.kind = Kind::Name;
            continue;
        }
        out.push(g);
    }
    out
}

/// Tells whether the text between two name parts is only what separates
/// parts of one name: spaces, dashes and at most one line break (a folded
/// line), but not a comma (a list), nor a block boundary (a paragraph, a new
/// list item, the end of a heading), which must survive the replacement.
fn is_name_gap(text: &str, gap: Range<usize>) -> bool {
    let dash = |c: char| matches!(c, '-' | '\u{2010}'..='\u{2014}');
    let Some(between) = text.get(gap.clone()) else {
        return false;
    };
    let after_break = between.split_once('\n').map_or("", |(_, rest)| rest);
    between.chars().all(|c| c.is_whitespace() || dash(c))
        && between.matches('\n').count() <= 1
        && !after_break.contains(dash)
        && !crosses_block(text, gap)
}

fn same_words(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    match (text.get(a.clone()), text.get(b.clone())) {
        (Some(x), Some(y)) => x.to_lowercase() == y.to_lowercase(),
        _ => false,
    }
}

/// Writes the anonymised text and its counts and review list, and gives
/// where in the new text each replacement stands.
pub(crate) fn render(text: &str, resolved: Resolved, style: Style) -> (Outcome, Vec<Range<usize>>) {
    let mut out = String::with_capacity(text.len());
    let mut counts = BTreeMap::new();
    let mut spots = Vec::with_capacity(resolved.groups.len());
    let mut last = 0;
    for g in &resolved.groups {
        out.push_str(text.get(last..g.range.start).unwrap_or_default());
        let at = out.len();
        match (style, &g.path_form) {
            (Style::Path, Some(form)) => out.push_str(form),
            (Style::Path, None) => out.push_str(&slug(&g.replacement)),
            (Style::Prose, _) if in_url(text, &g.range) => out.push_str(&slug(&g.replacement)),
            (Style::Prose, _) => out.push_str(&g.replacement),
        }
        spots.push(at..out.len());
        *counts.entry(g.kind).or_insert(0) += 1;
        last = g.range.end;
    }
    out.push_str(text.get(last..).unwrap_or_default());
    let review = locate(
        text,
        resolved
            .reviews
            .iter()
            .map(|r| (r.clone(), Kind::CommonWordName)),
    );
    let outcome = Outcome {
        text: out,
        counts,
        review,
    };
    (outcome, spots)
}

/// Writes `text` with every identifier, and with `reviews` every word left
/// for review too, replaced by `with`; gives the kinds replaced, in order.
pub(crate) fn mask(
    text: &str,
    resolved: Resolved,
    with: &str,
    reviews: bool,
) -> (String, Vec<Kind>) {
    let mut spans: Vec<(Range<usize>, Kind)> = resolved
        .groups
        .into_iter()
        .filter(|g| g.kind.is_leak())
        .map(|g| (g.range, g.kind))
        .collect();
    if reviews {
        spans.extend(
            resolved
                .reviews
                .into_iter()
                .map(|r| (r, Kind::CommonWordName)),
        );
        spans.sort_by_key(|(r, _)| r.start);
    }
    let mut out = String::with_capacity(text.len());
    let mut kinds = Vec::with_capacity(spans.len());
    let mut last = 0;
    for (range, kind) in spans {
        if range.start < last {
            continue;
        }
        out.push_str(text.get(last..range.start).unwrap_or_default());
        out.push_str(with);
        kinds.push(kind);
        last = range.end;
    }
    out.push_str(text.get(last..).unwrap_or_default());
    (out, kinds)
}

/// Lists everything resolution found, replacements and reviews, in text order.
pub(crate) fn findings(text: &str, resolved: Resolved) -> Vec<Finding> {
    let mut all: Vec<(Range<usize>, Kind)> = resolved
        .groups
        .into_iter()
        .map(|g| (g.range, g.kind))
        .chain(
            resolved
                .reviews
                .into_iter()
                .map(|r| (r, Kind::CommonWordName)),
        )
        .collect();
    all.sort_by_key(|(r, _)| r.start);
    locate(text, all.into_iter())
}

/// Turns byte ranges into findings with 1-based line and character column;
/// the ranges must come in ascending order of start.
fn locate(text: &str, spans: impl Iterator<Item = (Range<usize>, Kind)>) -> Vec<Finding> {
    let mut line = 1;
    let mut line_start = 0;
    let mut pos = 0;
    let mut out = Vec::new();
    for (range, kind) in spans {
        let upto = text.get(pos..range.start).unwrap_or_default();
        for (i, b) in upto.bytes().enumerate() {
            if b == b'\n' {
                line += 1;
                line_start = pos + i + 1;
            }
        }
        pos = pos.max(range.start);
        let column = text
            .get(line_start..range.start)
            .map_or(0, |s| s.chars().count())
            + 1;
        out.push(Finding {
            line,
            column,
            kind,
            value: text.get(range).unwrap_or_default().to_string(),
        });
    }
    out
}

/// Makes a replacement safe inside a URL: "Child A" becomes "child-a".
fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rep(range: Range<usize>, kind: Kind, s: &str) -> Candidate {
        Candidate::new(range, kind, Role::Replace(s.to_string()))
    }

    #[test]
    fn overlapping_candidates_merge_and_the_longest_wins() {
        let text = "Ellie-Mae O'Brien said";
        let cands = vec![
            rep(0..5, Kind::GivenName, "Child A"),
            rep(0..17, Kind::Name, "Child A"),
            rep(6..9, Kind::GivenName, "Child A"),
            rep(10..17, Kind::FamilyName, "Child A"),
        ];
        let (out, _) = render(text, resolve(text, cands), Style::Prose);
        assert_eq!(out.text, "Child A said");
        assert_eq!(out.counts.get(&Kind::Name), Some(&1));
    }

    #[test]
    fn adjacent_tokens_of_one_person_become_one_pseudonym() {
        let text = "O'Brien Ellie and Ellie, Ellie Ellie Mother";
        let cands = vec![
            rep(0..7, Kind::FamilyName, "Child A"),
            rep(8..13, Kind::GivenName, "Child A"),
            rep(18..23, Kind::GivenName, "Child A"),
            rep(25..30, Kind::GivenName, "Child A"),
            rep(31..36, Kind::GivenName, "Child A"),
            rep(37..43, Kind::GivenName, "Mother"),
        ];
        let (out, _) = render(text, resolve(text, cands), Style::Prose);
        assert_eq!(out.text, "Child A and Child A, Child A Child A Mother");
    }

    #[test]
    fn block_boundaries_between_name_parts_survive() {
        for (text, want) in [
            ("Ellie\n\nMae was", "Child A\n\nChild A was"),
            ("- Ellie\n- Mae", "- Child A\n- Child A"),
            ("# Ellie\nMae said", "# Child A\nChild A said"),
            ("Ellie\n  Mae said", "Child A said"),
        ] {
            let at = |w: &str| {
                let i = text.find(w).unwrap_or(0);
                i..i + w.len()
            };
            let cands = vec![
                rep(at("Ellie"), Kind::GivenName, "Child A"),
                rep(at("Mae"), Kind::GivenName, "Child A"),
            ];
            let (out, _) = render(text, resolve(text, cands), Style::Prose);
            assert_eq!(out.text, want, "{text:?}");
        }
    }

    #[test]
    fn path_style_writes_slugs_and_path_forms() {
        let text = "2026-01-20-ellie-visit.md";
        let mut date = rep(0..10, Kind::Date, "January 2026");
        date.path_form = Some("2026-01".into());
        let cands = vec![date, rep(11..16, Kind::GivenName, "Child A")];
        let (out, _) = render(text, resolve(text, cands), Style::Path);
        assert_eq!(out.text, "2026-01-child-a-visit.md");
    }

    #[test]
    fn protected_dates_shield_common_word_names() {
        let text = "7 May 2019";
        let mut may = rep(2..5, Kind::GivenName, "Child A");
        may.gated = true;
        let cands = vec![Candidate::new(0..10, Kind::Date, Role::Protect), may];
        assert_eq!(
            render(text, resolve(text, cands), Style::Prose).0.text,
            text
        );
    }

    #[test]
    fn replacements_inside_links_are_slugs() {
        let text = "[Ellie](notes/ellie.md)";
        let cands = vec![
            rep(1..6, Kind::GivenName, "Child A"),
            rep(14..19, Kind::GivenName, "Child A"),
        ];
        assert_eq!(
            render(text, resolve(text, cands), Style::Prose).0.text,
            "[Child A](notes/child-a.md)"
        );
    }

    #[test]
    fn reviews_are_located_in_characters() {
        let text = "é\nthe é may";
        let cands = vec![Candidate::new(10..13, Kind::CommonWordName, Role::Review)];
        let f = findings(text, resolve(text, cands));
        assert_eq!((f[0].line, f[0].column, f[0].value.as_str()), (2, 7, "may"));
    }
}
