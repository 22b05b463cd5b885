//! The anonymisation engine: replaces the people registered for a case, and
//! identifier patterns such as NHS numbers, with pseudonyms and bracketed
//! tags, and checks a text for anything left. It owns the order of the
//! pipeline (the public types are in `types.rs`); it must not read files or
//! know the caller's records, which are converted into [`Identity`] values
//! first.
//!
//! The standard is "nothing left": where the engine cannot tell, it replaces.
//! The decisions behind that:
//!
//! * **A name alone.** A person's full name, any alias, and each given or
//!   family name on its own (hyphen parts too: "Mae" of "Ellie-Mae") become
//!   that person's pseudonym: "Ellie" and "O'Brien" both become "Child A",
//!   and "Ellie's" becomes "Child A's" (the possessive, or a plural "s", is
//!   kept). Parts of one person's name that stand together ("Ellie O'Brien",
//!   "O'Brien, Ellie", "E. O'Brien", "Ms O'Brien", "Ellie-Mae\n  O'Brien")
//!   become one pseudonym, not two, unless a block boundary (a blank line,
//!   a new list item, the end of a heading) lies between them: then each
//!   part is replaced on its own and the boundary is kept ("Ellie-Mae\n\n
//!   Jones" stays two paragraphs). Aliases are matched whole; a one-letter
//!   name or initial is never matched on its own. A name followed by a bare
//!   "s" is a possessive ("Ellies room") unless it begins a street's name
//!   ("Maes Road") or a hyphenated place ("Maes-y-Coed").
//! * **Initials** of a registered person (every given name and hyphen part
//!   with the family name, "EMJ" for Ellie-Mae Jones, and the first given
//!   name with it, "EJ") count in capitals only: dotted, spaced or solid
//!   ("E.M.J.", "E. M. J.", "E M J", "EMJ"), two letters only with dots or
//!   spaces ("Z.H."). Initials that spell a common word or abbreviation
//!   ("NHS", "AND") are reported for review when written solid.
//! * **Shared names.** A name that belongs to more than one person with
//!   different pseudonyms (mother and child both "Jones") cannot be
//!   attributed, so it becomes the neutral `[family name]` for a family name
//!   and `[name]` otherwise: "Mrs Jones" becomes `Mrs [family name]`. Given
//!   name plus family name ("Ellie Jones") is still one person's full name and
//!   becomes that person's pseudonym.
//! * **Common words.** A one-word name that is also an ordinary word (Will,
//!   May, Grace, Hall: see `common_words.rs`) is replaced only where its first
//!   letter is a capital, always, even at the start of a sentence; lower-case
//!   occurrences stay and are reported as [`Kind::CommonWordName`] for review.
//!   The one exception: a month inside a date ("7 May 2019") is a month.
//!   Registered multi-word names and aliases ("Grace Hall") are replaced in
//!   any case.
//! * **Dates of birth.** A registered date of birth in any common writing
//!   becomes the person's age on [`Options::reference_date`] (`[aged 6]`,
//!   under two years in months: `[aged 14 months]`), or `[date of birth]`
//!   without a reference date or when the reference date is before the birth.
//!   Numeric dates are read day first (UK). A two-digit year matches a date of
//!   birth whose year ends in those digits. A day and month without a year is
//!   not treated as a date of birth.
//! * **Other dates** follow [`Options::dates`]: kept, or cut to month and year
//!   ("March 2019") or to the year, when written with a four-digit year; they
//!   are reported as [`Kind::Date`].
//! * **Addresses** are matched whole, by each leading run of their lines, and
//!   by the street line with or without the house number and with the street
//!   type abbreviated or not ("Larch Cl"); they become `[address]`. Postcodes
//!   anywhere become `[postcode]`, in any letter case (upper, mixed and
//!   lower) and spacing (none to three spaces): a missed postcode is worse
//!   than the rare lower-case token that happens to have a postcode's exact
//!   shape; only a solid lower-case token of hexadecimal digits ("e5e7eb", a
//!   colour) or one after `#` is refused. NHS numbers are ten digits with a
//!   valid check digit in any grouping, with one separator (spaces, dots or
//!   hyphens) throughout.
//! * **Overlaps.** The leftmost, then longest, candidate wins; a losing
//!   candidate with letters or digits outside every winner is merged into the
//!   winner's span rather than dropped, so no detected character survives.
//! * **Inside links** the replacement is made URL-safe ("child-a"), and in a
//!   file or folder name ([`Anonymiser::anonymise_path_component`]) every
//!   replacement is.
//!
//! Every detector runs twice: on the text as written (which holds what a
//! reader does not see: comments, tag attributes, link destinations) and on
//! the reader's view of it (`visible.rs`: markup out, references decoded,
//! invisible characters dropped, look-alike letters from other scripts made
//! ASCII by the UTS #39 skeleton, letter-spaced words joined), which is
//! built only when it differs. A match in the view replaces the whole
//! original span, markup inside it included (`El<b>lie</b>` becomes `Child
//! A`), and the check reports exactly what the anonymiser replaces. Names are
//! compared in a folded form (see `fold.rs`): any letter case, accents or
//! none, straight, curly, doubled (YAML) or HTML-escaped apostrophes,
//! hyphens, spaces or folded line breaks between parts. Positions are always
//! reported in the original text; the review list of [`Outcome`] refers to
//! the input of `anonymise`.
//!
//! The modules depend on each other without a cycle. At the bottom, using
//! nothing: `types`, `text`, `entities`, `offsets`, `common_words`; then
//! `links` and `scan` (text); `syntax` (entities, text); `visible`
//! (entities, offsets, syntax, text); `fold` (entities, offsets, text,
//! visible); `spans` (links, text, types); the detectors `patterns` (scan, spans, text, types), `dates`
//! (scan, spans, types), `identities` (common_words, fold, types) and
//! `names` (common_words, fold, identities, offsets, spans, text, types);
//! and this file on top.

mod common_words;
mod dates;
mod entities;
mod fold;
mod identities;
mod links;
mod names;
mod offsets;
mod patterns;
mod scan;
mod spans;
mod syntax;
mod text;
mod types;
mod visible;

#[cfg(test)]
mod corpus;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod proptests_screen;
#[cfg(test)]
mod proptests_tricks;
#[cfg(test)]
mod tests;

/// Reads one field as a date in the writings the anonymiser finds (for Word forms).
pub(crate) use dates::read_day;
pub use types::{DatePolicy, Finding, Identity, Kind, Options, Outcome};

use chrono::NaiveDate;

/// The anonymiser for one case, built once from its people.
pub struct Anonymiser {
    /// The name search, built on first use by an engine for short texts.
    names: std::sync::OnceLock<names::NameMatcher>,
    /// For an engine for short texts: the people, to build the name search
    /// from when it is first needed, and the screen that proves, for most
    /// texts, that it would find nothing (then it is not built at all).
    short: Option<(Vec<Identity>, Option<identities::Screen>)>,
    dobs: Vec<NaiveDate>,
    options: Options,
}

impl Anonymiser {
    /// Compiles the names, aliases, addresses and dates of birth of `people`.
    pub fn new(people: &[Identity], options: Options) -> Self {
        let mut dobs: Vec<NaiveDate> = people.iter().filter_map(|p| p.dob).collect();
        dobs.sort();
        dobs.dedup();
        Anonymiser {
            names: std::sync::OnceLock::from(names::NameMatcher::new(identities::build(people))),
            short: None,
            dobs,
            options,
        }
    }

    /// Like [`Anonymiser::new`], compiled to be quick to build rather than
    /// quick to search: for checking a few short texts, such as the fields
    /// of one case that `validate` checks, where building the fastest
    /// automaton would take longer than the search. The name search is
    /// built only when a text needs it: a text whose reader's view is the
    /// text itself and whose folded form holds no key of the people's
    /// screen (see `identities::screen`) holds no registered name, and is
    /// searched for patterns and dates only. The findings are the same.
    pub fn for_short_texts(people: &[Identity], options: Options) -> Self {
        let mut dobs: Vec<NaiveDate> = people.iter().filter_map(|p| p.dob).collect();
        dobs.sort();
        dobs.dedup();
        Anonymiser {
            names: std::sync::OnceLock::new(),
            short: Some((people.to_vec(), identities::screen(people))),
            dobs,
            options,
        }
    }

    /// The name search, built now if it was not yet.
    fn names(&self) -> &names::NameMatcher {
        self.names.get_or_init(|| {
            let people = self.short.as_ref().map_or(&[][..], |(p, _)| p.as_slice());
            names::NameMatcher::quick_to_build(identities::build(people))
        })
    }

    /// Tells whether the name search must run on `text`, whose reader's
    /// view is the text itself: false only when the screen proves it would
    /// find nothing.
    fn may_hold_names(&self, text: &str) -> bool {
        match &self.short {
            Some((_, Some(screen))) if self.names.get().is_none() => names::may_match(screen, text),
            _ => true,
        }
    }

    /// Proposes every candidate in `text`. Without a reader's view (the
    /// view would be the text) everything is searched in the text. With
    /// one, names are searched in the whole view and, in the text, only in
    /// what the view leaves out or rewrites (tags with their attributes,
    /// comments, link destinations, letter-spaced words); the patterns and
    /// dates, which are cheap to search (only near digits), in the text and
    /// in the view around its changes. Candidates from the view are mapped
    /// back to the text and widened over the markup around them.
    fn detect(&self, text: &str) -> Vec<spans::Candidate> {
        let mut out = Vec::new();
        let all = 0..text.len();
        let whole = std::slice::from_ref(&all);
        self.patterns_and_dates(text, whole, &mut out);
        let Some(view) = visible::view(text) else {
            if self.may_hold_names(text) {
                self.names()
                    .detect(text, 0..text.len(), None, text, &mut out);
            }
            return out;
        };
        for region in self.hidden_regions(text, &view.hidden, &view.joined) {
            self.names().detect(text, region, None, text, &mut out);
        }
        let first = out.len();
        self.patterns_and_dates(&view.text, &view.windows(), &mut out);
        for c in out.iter_mut().skip(first) {
            c.range = view.map.range(c.range.clone());
        }
        let all = 0..view.text.len();
        let joins = view.joins.as_slice();
        self.names()
            .detect(&view.text, all, Some((&view.map, joins)), text, &mut out);
        for c in out.iter_mut().skip(first) {
            c.range = syntax::widen(text, c.range.clone());
        }
        out
    }

    /// Proposes the pattern and date candidates in the `regions` of `source`.
    fn patterns_and_dates(
        &self,
        source: &str,
        regions: &[std::ops::Range<usize>],
        out: &mut Vec<spans::Candidate>,
    ) {
        let windows = scan::digit_windows_in(source, regions);
        patterns::detect(source, regions, &windows, out);
        let o = &self.options;
        dates::detect(source, &windows, &self.dobs, o.dates, o.reference_date, out);
    }

    /// Gives the stretches of `text` that its reader's view leaves out
    /// (`hidden`: a name there lies wholly inside) or joined (`joined`,
    /// widened by the reach of the longest pattern, out to white space: a
    /// letter-spaced "J. R." may start "R. Smith"), in order and merged.
    fn hidden_regions(
        &self,
        text: &str,
        hidden: &[std::ops::Range<usize>],
        joined: &[std::ops::Range<usize>],
    ) -> Vec<std::ops::Range<usize>> {
        let reach = self.names().longest_pattern() + 16;
        let mut all: Vec<std::ops::Range<usize>> = hidden
            .iter()
            .cloned()
            .chain(joined.iter().map(|j| around(text, j.clone(), reach)))
            .collect();
        all.sort_by_key(|r| r.start);
        let mut out: Vec<std::ops::Range<usize>> = Vec::new();
        for r in all {
            match out.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => out.push(r),
            }
        }
        out
    }

    /// Resolves and renders one round over `text`; gives where the
    /// replacements stand in the result.
    fn round(&self, text: &str, style: spans::Style) -> (Outcome, Vec<std::ops::Range<usize>>) {
        let matched = match style {
            spans::Style::Prose => std::borrow::Cow::Borrowed(text),
            spans::Style::Path => std::borrow::Cow::Owned(path_words(text)),
        };
        spans::render(text, spans::resolve(&matched, self.detect(&matched)), style)
    }

    /// Anonymises `text`, then checks the result where it changed, and
    /// anonymises again while anything is left.
    fn anonymise_in(&self, text: &str, style: spans::Style) -> Outcome {
        let (mut outcome, mut spots) = self.round(text, style);
        for _ in 0..3 {
            if !self.leaks_near(&outcome.text, &spots, style) {
                break;
            }
            let (again, again_spots) = self.round(&outcome.text, style);
            for (kind, n) in again.counts {
                *outcome.counts.entry(kind).or_default() += n;
            }
            outcome.text = again.text;
            spots = again_spots;
        }
        outcome
    }

    /// Tells whether anything is left around the replacements `spots` of an
    /// anonymised text. Only there can a replacement have formed a new
    /// identifier with its neighbours ("Child A2 3XY"): everything else was
    /// searched before and held nothing. Each stretch checked reaches the
    /// length of the longest registered pattern and 64 bytes more (past any
    /// NHS, phone or postcode shape) either side, out to white space.
    fn leaks_near(
        &self,
        text: &str,
        spots: &[std::ops::Range<usize>],
        style: spans::Style,
    ) -> bool {
        let reach = self.names().longest_pattern() + 64;
        let mut windows: Vec<std::ops::Range<usize>> = Vec::new();
        for s in spots {
            let std::ops::Range { start, end } = around(text, s.clone(), reach);
            match windows.last_mut() {
                Some(last) if start <= last.end => last.end = last.end.max(end),
                _ => windows.push(start..end),
            }
        }
        windows.into_iter().any(|w| {
            text.get(w)
                .is_some_and(|part| self.check_in(part, style).iter().any(|f| f.kind.is_leak()))
        })
    }

    fn check_in(&self, text: &str, style: spans::Style) -> Vec<Finding> {
        let matched = match style {
            spans::Style::Prose => std::borrow::Cow::Borrowed(text),
            spans::Style::Path => std::borrow::Cow::Owned(path_words(text)),
        };
        let resolved = spans::resolve(&matched, self.detect(&matched));
        spans::findings(text, resolved)
    }

    /// Replaces every registered identifier and identifier pattern in `text`.
    ///
    /// A replacement can form a new identifier with the text around it ("Ellie2 3XY"
    /// becomes "Child A2 3XY", and "A2 3XY" has a postcode's shape), so the result is
    /// checked and, while anything is left, anonymised again (at most a few rounds; the
    /// review list always refers to the original text).
    pub fn anonymise(&self, text: &str) -> Outcome {
        self.anonymise_in(text, spans::Style::Prose)
    }

    /// Lists every registered identifier or pattern present in `text`, and
    /// the common-word names that need a person's review: exactly what
    /// [`Anonymiser::anonymise`] would replace or report.
    pub fn check(&self, text: &str) -> Vec<Finding> {
        self.check_in(text, spans::Style::Prose)
    }

    /// Anonymises one component of a path: a file or folder name such as
    /// `2026-01-20-ellie-mae-jones-home-visit.md`, where hyphens, underscores
    /// and dots separate the words. Every replacement is written as a slug
    /// (`2026-01-20-child-a-home-visit.md`, `nhs-number`, `aged-6`), and a
    /// date cut by [`Options::dates`] is written `2026-01` or `2026`. Names
    /// that are also common words are, in a lower-case file name, left and
    /// reported for review like anywhere else.
    pub fn anonymise_path_component(&self, component: &str) -> Outcome {
        self.anonymise_in(component, spans::Style::Path)
    }

    /// Lists what [`Anonymiser::anonymise_path_component`] would replace or
    /// report in `component`, with columns counted in its characters.
    pub fn check_path_component(&self, component: &str) -> Vec<Finding> {
        self.check_in(component, spans::Style::Path)
    }
}

impl Anonymiser {
    /// Writes `text` with each identifier found in it replaced by `…`, for
    /// output that must say where something is without saying what: a
    /// message in a CI log. Words left for review stay. Gives the masked
    /// text and the kinds masked, in order (none: the text as it was).
    pub fn mask(&self, text: &str) -> (String, Vec<Kind>) {
        spans::mask(text, spans::resolve(text, self.detect(text)), "…", false)
    }

    /// Writes a file or folder name with each identifier, and each
    /// common-word name left for review, replaced by `…`
    /// (`2026-01-20-…-home-visit.md`): a path is printed where its file is
    /// reported, so what it holds is masked there like a value.
    pub fn mask_path_component(&self, component: &str) -> (String, Vec<Kind>) {
        let words = path_words(component);
        let resolved = spans::resolve(&words, self.detect(&words));
        spans::mask(component, resolved, "…", true)
    }
}

/// Widens `range` of `text` by `reach` bytes either side, out to the white
/// space (or the end of the text) beyond.
fn around(text: &str, range: std::ops::Range<usize>, reach: usize) -> std::ops::Range<usize> {
    let lo = text::floor_boundary(text, range.start.saturating_sub(reach));
    let hi = text::ceil_boundary(text, range.end.saturating_add(reach));
    let start = text
        .get(..lo)
        .and_then(|t| t.rfind(char::is_whitespace))
        .unwrap_or(0);
    let end = text
        .get(hi..)
        .and_then(|t| t.find(char::is_whitespace))
        .map_or(text.len(), |k| hi + k);
    start..end
}

/// Gives a file or folder name with its word separators written as hyphens:
/// underscores, and dots but the last (before the extension), so that
/// `ellie_mae.jones.md` reads as `ellie-mae-jones.md`. Every byte keeps its
/// place, so offsets in the result are offsets in the name.
fn path_words(component: &str) -> String {
    let extension = component.rfind('.');
    component
        .char_indices()
        .map(|(i, c)| match c {
            '_' => '-',
            '.' if Some(i) != extension => '-',
            c => c,
        })
        .collect()
}

/// Lists the identifier patterns (NHS and NI numbers, postcodes, phone
/// numbers, e-mail addresses) in `text`, for files checked without a case's
/// people list.
pub fn check_patterns(text: &str) -> Vec<Finding> {
    let mut cands = Vec::new();
    patterns::detect(
        text,
        std::slice::from_ref(&(0..text.len())),
        &scan::digit_windows(text),
        &mut cands,
    );
    if let Some(view) = visible::view(text) {
        let first = cands.len();
        let regions = view.windows();
        let windows = scan::digit_windows_in(&view.text, &regions);
        patterns::detect(&view.text, &regions, &windows, &mut cands);
        for c in cands.iter_mut().skip(first) {
            c.range = syntax::widen(text, view.map.range(c.range.clone()));
        }
    }
    spans::findings(text, spans::resolve(text, cands))
}
