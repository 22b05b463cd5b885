//! The anonymisation engine: replaces the people registered for a case, and
//! identifier patterns such as NHS numbers, with pseudonyms and bracketed
//! tags, and checks a text for anything left. It owns the public types and
//! the order of the pipeline; it must not read files or know the caller's
//! records, which are converted into [`Identity`] values first.
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
//!   become one pseudonym, not two. Aliases are matched whole; a one-letter
//!   name or initial is never matched on its own.
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
//!   lower): a missed postcode is worse than the rare lower-case token that
//!   happens to have a postcode's exact shape.
//! * **Overlaps.** The leftmost, then longest, candidate wins; a losing
//!   candidate with letters or digits outside every winner is merged into the
//!   winner's span rather than dropped, so no detected character survives.
//! * **Inside links** the replacement is made URL-safe ("child-a").
//!
//! Names are compared in a folded form (see `fold.rs`): any letter case,
//! accents or none, straight, curly, doubled (YAML) or HTML-escaped
//! apostrophes, hyphens, spaces or line breaks between parts, invisible
//! characters ignored. Positions are always reported in the original text;
//! the review list of [`Outcome`] refers to the input of `anonymise`.

mod common_words;
mod dates;
mod entities;
mod fold;
mod identities;
mod names;
mod patterns;
mod scan;
mod spans;

#[cfg(test)]
mod corpus;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// One person registered for a case (from `people.yaml`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// The caller's key for the person, e.g. "child" or "sw1".
    pub id: String,
    /// The full name as usually written: "Ellie-Mae O'Brien".
    pub name: String,
    /// Other names the person is known by, each matched as a whole.
    pub aliases: Vec<String>,
    /// The date of birth, replaced wherever it is written.
    pub dob: Option<NaiveDate>,
    /// The home address, lines separated by commas.
    pub address: Option<String>,
    /// What the person is called in the published review: "Child A".
    pub pseudonym: String,
}

/// How dates other than registered dates of birth are treated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DatePolicy {
    /// Leaves other dates as written.
    #[default]
    Keep,
    /// Cuts full dates with a four-digit year to month and year.
    Month,
    /// Cuts dates with a four-digit year to the year.
    Year,
}

/// Settings for one anonymisation run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// The treatment of dates that are not registered dates of birth.
    pub dates: DatePolicy,
    /// The date at which ages are given; without it a date of birth becomes
    /// `[date of birth]`.
    pub reference_date: Option<NaiveDate>,
}

/// What a finding or replacement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A registered full name, or given and family name together.
    Name,
    /// A registered alias.
    Alias,
    /// A given name on its own.
    GivenName,
    /// A family name on its own.
    FamilyName,
    /// A lower-case ordinary word that is also a registered name; left in
    /// place and reported for review.
    CommonWordName,
    /// A registered date of birth.
    DateOfBirth,
    /// A registered address or its street line.
    Address,
    /// An NHS number with a valid check digit.
    NhsNumber,
    /// A National Insurance number.
    NiNumber,
    /// A UK postcode.
    Postcode,
    /// A UK telephone number.
    Phone,
    /// An e-mail address.
    Email,
    /// Another date, more precise than [`Options::dates`] allows.
    Date,
}

impl Kind {
    /// Gives the kebab-case name used in reports: "given-name".
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Name => "name",
            Kind::Alias => "alias",
            Kind::GivenName => "given-name",
            Kind::FamilyName => "family-name",
            Kind::CommonWordName => "common-word-name",
            Kind::DateOfBirth => "date-of-birth",
            Kind::Address => "address",
            Kind::NhsNumber => "nhs-number",
            Kind::NiNumber => "ni-number",
            Kind::Postcode => "postcode",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Date => "date",
        }
    }

    /// Tells whether a finding of this kind identifies someone: anything but a
    /// common word left for review, or a date cut by the dates policy (a date is
    /// not an identifier; a date of birth is, and has its own kind).
    pub fn is_leak(self) -> bool {
        !matches!(self, Kind::CommonWordName | Kind::Date)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The 1-based line.
    pub line: usize,
    /// The 1-based column, counted in characters.
    pub column: usize,
    /// What was found.
    pub kind: Kind,
    /// The text found; callers mask it unless asked to show values.
    pub value: String,
}

/// The result of anonymising one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// The anonymised text.
    pub text: String,
    /// How many replacements of each kind were made.
    pub counts: BTreeMap<Kind, usize>,
    /// Common-word names left in place, with positions in the input text.
    pub review: Vec<Finding>,
}

/// The anonymiser for one case, built once from its people.
pub struct Anonymiser {
    names: names::NameMatcher,
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
            names: names::NameMatcher::new(identities::build(people)),
            dobs,
            options,
        }
    }

    fn detect(&self, text: &str) -> Vec<spans::Candidate> {
        let mut cands = Vec::new();
        let windows = scan::digit_windows(text);
        patterns::detect(text, &windows, &mut cands);
        let o = &self.options;
        dates::detect(
            text,
            &windows,
            &self.dobs,
            o.dates,
            o.reference_date,
            &mut cands,
        );
        self.names.detect(text, &mut cands);
        cands
    }

    /// Replaces every registered identifier and identifier pattern in `text`.
    ///
    /// A replacement can form a new identifier with the text around it ("Ellie2 3XY"
    /// becomes "Child A2 3XY", and "A2 3XY" has a postcode's shape), so the result is
    /// checked and, while anything is left, anonymised again (at most a few rounds; the
    /// review list always refers to the original text).
    pub fn anonymise(&self, text: &str) -> Outcome {
        let mut outcome = spans::render(text, spans::resolve(text, self.detect(text)));
        for _ in 0..3 {
            if !self.check(&outcome.text).iter().any(|f| f.kind.is_leak()) {
                break;
            }
            let again = spans::render(
                &outcome.text,
                spans::resolve(&outcome.text, self.detect(&outcome.text)),
            );
            for (kind, n) in again.counts {
                *outcome.counts.entry(kind).or_default() += n;
            }
            outcome.text = again.text;
        }
        outcome
    }

    /// Lists every registered identifier or pattern present in `text`, and
    /// the common-word names that need a person's review.
    pub fn check(&self, text: &str) -> Vec<Finding> {
        spans::findings(text, spans::resolve(text, self.detect(text)))
    }
}

/// Lists the identifier patterns (NHS and NI numbers, postcodes, phone
/// numbers, e-mail addresses) in `text`, for files checked without a case's
/// people list.
pub fn check_patterns(text: &str) -> Vec<Finding> {
    let mut cands = Vec::new();
    patterns::detect(text, &scan::digit_windows(text), &mut cands);
    spans::findings(text, spans::resolve(text, cands))
}
