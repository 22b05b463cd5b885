//! Property tests, one per trick a writer (or a careless paste) can play on
//! the anonymiser: generated names (hyphenated, accented, with apostrophes)
//! with markup, character references or invisible characters inserted at
//! random places inside them, look-alike letters from other scripts, letter
//! spacing, block boundaries between their parts, initials, NHS numbers in
//! random groupings and postcodes in random case and spacing; and the
//! converse, names inside longer words, which must be left alone. Each
//! property checks the engine against the reader's-view oracle of
//! `corpus.rs`: after anonymising, the check finds nothing, the reader sees
//! no registered name, and the text around the mention is unchanged. It must
//! not test formatting details.

use super::common_words::{is_common_word, is_initials_word, is_street_word};
use super::corpus::{reader, word_view};
use super::proptests::config;
use super::*;
use proptest::prelude::*;

const SYLLABLES: &[&str] = &[
    "ka", "ri", "lo", "mi", "za", "ne", "tu", "vo", "shi", "dra", "bel", "yan", "qui", "fen",
    "gor", "ux",
];

/// Text around a mention: ordinary words that hold no name or pattern.
const FILLER: &[&str] = &[
    "We saw",
    "the visit went well",
    "and then",
    "as agreed,",
    "(noted)",
];

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A generated word of two or three syllables, capitalised, maybe accented.
fn word() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(SYLLABLES), 2..=3),
        0..4u8,
    )
        .prop_map(|(parts, accent)| {
            let w = cap(&parts.concat());
            match accent {
                1 => w.replacen('a', "á", 1),
                2 => w.replacen('e', "ë", 1),
                _ => w,
            }
        })
}

/// A generated person: a given name (maybe hyphenated) and a family name
/// (maybe with an apostrophe, maybe hyphenated).
fn person_name() -> impl Strategy<Value = (String, String)> {
    (word(), prop::option::of(word()), word(), 0..3u8).prop_map(|(g, g2, f, style)| {
        let given = g2.map_or_else(|| g.clone(), |g2| format!("{g}-{g2}"));
        let family = match style {
            1 => format!("O'{f}"),
            2 => format!("{f}-{}", f.chars().rev().collect::<String>().to_lowercase()),
            _ => f,
        };
        (given, family)
    })
}

fn identity(given: &str, family: &str) -> Identity {
    Identity {
        id: "p".into(),
        name: format!("{given} {family}"),
        pseudonym: "Child A".into(),
        ..Identity::default()
    }
}

/// Every name part a reader could recognise, as `word_view` writes it.
fn registered(given: &str, family: &str) -> Vec<String> {
    let full = format!("{given} {family}");
    let mut out = vec![word_view(&full), word_view(&full.replace('\'', ""))];
    for part in full.split([' ', '-']) {
        out.push(word_view(part));
        out.push(word_view(&part.replace('\'', "")));
    }
    out.retain(|w| w.trim().chars().count() >= 2);
    out
}

/// Anonymises `prefix mention suffix` and checks the three properties.
fn holds(
    given: &str,
    family: &str,
    prefix: &str,
    mention: &str,
    suffix: &str,
) -> Result<(), TestCaseError> {
    let a = Anonymiser::new(&[identity(given, family)], Options::default());
    let text = format!("{prefix} {mention} {suffix}");
    let out = a.anonymise(&text);
    let left: Vec<Finding> = a
        .check(&out.text)
        .into_iter()
        .filter(|f| f.kind.is_leak())
        .collect();
    prop_assert!(
        left.is_empty(),
        "left {:?} in {:?} from {:?}",
        left,
        out.text,
        text
    );
    let seen = word_view(&reader(&out.text));
    for name in registered(given, family) {
        prop_assert!(
            !seen.contains(&name),
            "{:?} readable in {:?} from {:?}",
            name,
            out.text,
            text
        );
    }
    prop_assert!(
        out.text.starts_with(&format!("{prefix} ")),
        "{:?} from {:?}",
        out.text,
        text
    );
    prop_assert!(
        out.text.ends_with(&format!(" {suffix}")),
        "{:?} from {:?}",
        out.text,
        text
    );
    Ok(())
}

/// Inserts `pieces` at the given places (as fractions of the name's
/// characters) strictly inside `name`.
fn insert_inside(name: &str, places: &[(usize, String)]) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if i > 0 {
            for (at, piece) in places {
                if at % chars.len().max(1) == i {
                    out.push_str(piece);
                }
            }
        }
        out.push(*c);
    }
    out
}

/// Markup that renders as nothing inside a word.
const MARKUP: &[&str] = &[
    "<span></span>",
    "<!-- -->",
    "<!-- note -->",
    "<b></b>",
    "<i class=\"x\"></i>",
    "<b\u{200B}></b>",
    "<!\u{200B}-- -->",
    "**",
    "*",
    "_",
    "~~",
    "`",
];

/// Characters that render as nothing, raw or as references.
const INVISIBLE: &[&str] = &[
    "\u{200B}",
    "\u{200C}",
    "\u{200D}",
    "\u{00AD}",
    "\u{2060}",
    "\u{FEFF}",
    "\u{200E}",
    "\u{202E}",
    "\u{2066}",
    "\u{FE0F}",
    "\u{E0041}",
    "\u{3164}",
    "\0",
    "&#8203;",
    "&shy;",
    "&zwj;",
    "&#xFEFF;",
    "&ZeroWidthSpace;",
    "&NoBreak;",
    "&#8203",
    "&shy",
];

/// One insertion inside a name: up to three pieces of markup or invisible
/// characters in a row, in any order ("\u{200B}**\u{200B}").
fn markup_piece() -> impl Strategy<Value = String> {
    let one = prop_oneof![
        prop::sample::select(MARKUP).prop_map(str::to_string),
        prop::sample::select(INVISIBLE).prop_map(str::to_string),
    ];
    prop::collection::vec(one, 1..=3).prop_map(|v| v.concat())
}

/// Replaces some letters with look-alikes from Cyrillic and Greek.
fn confuse(name: &str, mask: u32) -> String {
    name.chars()
        .enumerate()
        .map(|(i, c)| {
            if mask & (1 << (i % 32)) == 0 {
                return c;
            }
            match c {
                'a' => 'а',
                'e' => 'е',
                'o' => 'о',
                'p' => 'р',
                'c' => 'с',
                'x' => 'х',
                'y' => 'у',
                'i' => 'і',
                'A' => 'А',
                'E' => 'Е',
                'O' => 'О',
                'H' => 'Н',
                'K' => 'К',
                'M' => 'М',
                'T' => 'Т',
                'B' => 'В',
                'P' => 'Р',
                'C' => 'С',
                'X' => 'Х',
                'J' => 'Ј',
                'S' => 'Ѕ',
                'I' => 'І',
                'N' => 'Ν',
                'Z' => 'Ζ',
                c => c,
            }
        })
        .collect()
}

fn filler() -> impl Strategy<Value = &'static str> {
    prop::sample::select(FILLER)
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn markup_inside_a_name_hides_nothing(
        (given, family) in person_name(),
        places in prop::collection::vec((0..20usize, markup_piece()), 1..4),
        full in any::<bool>(),
        pre in filler(),
        post in filler(),
    ) {
        let name = if full { format!("{given} {family}") } else { given.clone() };
        let mention = insert_inside(&name, &places);
        holds(&given, &family, pre, &mention, post)?;
    }

    #[test]
    fn references_for_letters_hide_nothing(
        (given, family) in person_name(),
        which in 0..20usize,
        hex in any::<bool>(),
        pre in filler(),
        post in filler(),
    ) {
        let chars: Vec<char> = given.chars().collect();
        let k = which % chars.len();
        let mention: String = chars.iter().enumerate().map(|(i, c)| {
            if i != k { c.to_string() }
            else if hex { format!("&#x{:X};", u32::from(*c)) }
            else { format!("&#{};", u32::from(*c)) }
        }).collect();
        holds(&given, &family, pre, &mention, post)?;
    }

    #[test]
    fn look_alike_letters_hide_nothing(
        (given, family) in person_name(),
        mask in 1..u32::MAX,
        upper in any::<bool>(),
        pre in filler(),
        post in filler(),
    ) {
        let name = format!("{given} {family}");
        let name = if upper { name.to_uppercase() } else { name };
        holds(&given, &family, pre, &confuse(&name, mask), post)?;
    }

    #[test]
    fn letter_spacing_hides_nothing(
        (given, family) in person_name(),
        sep in prop::sample::select(vec![
            " ", ".", ". ", "\u{200B} ", " \u{FEFF}", "&shy; ", ". \u{200D}", "\u{2060}.",
        ]),
        pre in filler(),
        post in filler(),
    ) {
        let first = given.split('-').next().unwrap_or(&given).to_string();
        let spaced = first.chars().map(String::from).collect::<Vec<_>>().join(sep);
        holds(&given, &family, pre, &spaced, post)?;
    }

    #[test]
    fn block_boundaries_between_parts_survive(
        (given, family) in person_name(),
        boundary in prop::sample::select(vec!["\n\n", "\n\n\n", "\n- ", "\n* ", "\n2. ", "\n> ", "\n# "]),
        heading in any::<bool>(),
    ) {
        let a = Anonymiser::new(&[identity(&given, &family)], Options::default());
        let lead = if heading { "# " } else { "- " };
        let text = format!("{lead}{given}{boundary}{family} was there");
        let out = a.anonymise(&text);
        prop_assert!(out.text.starts_with(lead), "{:?} from {:?}", out.text, text);
        prop_assert!(out.text.contains(&format!("Child A{boundary}Child A")), "{:?} from {:?}", out.text, text);
        prop_assert_eq!(out.text.lines().count(), text.lines().count());
        prop_assert!(a.check(&out.text).iter().all(|f| !f.kind.is_leak()));
    }

    #[test]
    fn initials_in_capitals_are_found(
        (given, family) in person_name(),
        style in 0..4usize,
    ) {
        let letters: String = format!("{given} {family}")
            .split([' ', '-'])
            .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
            .flat_map(char::to_uppercase)
            .collect();
        prop_assume!(letters.chars().count() >= 3 || style < 2);
        prop_assume!(!is_initials_word(&letters.to_lowercase()));
        let written = match style {
            0 => letters.chars().map(|c| format!("{c}.")).collect::<String>(),
            1 => letters.chars().map(|c| format!("{c}.")).collect::<Vec<_>>().join(" "),
            2 => letters.chars().map(String::from).collect::<Vec<_>>().join(" "),
            _ => letters.clone(),
        };
        let a = Anonymiser::new(&[identity(&given, &family)], Options::default());
        let text = format!("Seen by {written} today");
        let out = a.anonymise(&text);
        prop_assert!(out.counts.contains_key(&Kind::Initials), "{:?} from {:?}", out.text, text);
        prop_assert!(out.text.starts_with("Seen by Child A"), "{:?} from {:?}", out.text, text);
        prop_assert!(out.text.ends_with(" today"), "{:?}", out.text);
        prop_assert!(a.check(&out.text).is_empty());
    }

    #[test]
    fn nhs_numbers_in_any_grouping_are_found(
        digits in prop::collection::vec(0u32..10, 9),
        cuts in prop::collection::btree_set(1..10usize, 0..5),
        sep in prop::sample::select(vec![" ", ".", "-", "  ", " - "]),
        pre in filler(),
    ) {
        let sum: u32 = digits.iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
        let check = match 11 - sum % 11 { 11 => 0, c => c };
        prop_assume!(check != 10);
        let all: Vec<char> = digits.iter().chain(std::iter::once(&check))
            .filter_map(|d| char::from_digit(*d, 10)).collect();
        let mut number = String::new();
        for (i, c) in all.iter().enumerate() {
            if cuts.contains(&i) {
                number.push_str(sep);
            }
            number.push(*c);
        }
        let text = format!("{pre} NHS: {number}.");
        let out = Anonymiser::new(&[], Options::default()).anonymise(&text);
        prop_assert_eq!(out.text, format!("{pre} NHS: [NHS number]."));
    }

    #[test]
    fn postcodes_in_any_case_and_spacing_are_found(
        area in "[A-PR-UWYZ][A-HK-Y]?",
        district in 1..99u32,
        sector in 0..10u32,
        unit in "[ABD-HJLNP-UW-Z]{2}",
        spaces in 0..4usize,
        case in any::<u64>(),
    ) {
        let postcode = format!("{area}{district}{}{sector}{unit}", " ".repeat(spaces));
        let written: String = postcode.chars().enumerate().map(|(i, c)| {
            if case & (1 << (i % 64)) != 0 { c.to_ascii_lowercase() } else { c }
        }).collect();
        let hex = written.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c));
        prop_assume!(!hex);
        let text = format!("at {written}.");
        prop_assert_eq!(Anonymiser::new(&[], Options::default()).anonymise(&text).text, "at [postcode].");
    }

    #[test]
    fn names_inside_longer_words_are_left(
        (given, family) in person_name(),
        before in prop::sample::select(vec!["", "X", "Mc", "Ka"]),
        after in prop::sample::select(vec!["", "ton", "ley", "ington", "eth", "ia"]),
        family_part in any::<bool>(),
        street in prop::sample::select(vec!["Road", "Close", "Lane", "Street"]),
    ) {
        prop_assume!(!before.is_empty() || !after.is_empty());
        let first = |n: &str| n.split('-').next().unwrap_or(n).replace('\'', "");
        let part = if family_part { first(&family) } else { first(&given) };
        prop_assume!(!is_common_word(&part.to_lowercase()) && !is_street_word(&part.to_lowercase()));
        let a = Anonymiser::new(&[identity(&given, &family)], Options::default());
        let embedded = format!("{before}{}{after}", if before.is_empty() { part.clone() } else { part.to_lowercase() });
        let text = format!("The {embedded} school on {part}s {street}, next to {embedded}.");
        let out = a.anonymise(&text);
        prop_assert_eq!(&out.text, &text);
        prop_assert!(a.check(&text).is_empty(), "{:?}", a.check(&text));
    }
}

/// The words of a file name as a reader takes them: lower case, accents
/// folded, split at anything that is not a letter or digit.
fn file_name_words(name: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    name.nfkd()
        .filter(char::is_ascii)
        .collect::<String>()
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

proptest! {
    #![proptest_config(config(256))]

    /// A name in a file name, its words in any case and either order,
    /// joined by hyphens, underscores or dots, is replaced, and the date and
    /// the rest of the name survive.
    #[test]
    fn names_in_file_names_hide_nothing(
        given in word(),
        given2 in prop::option::of(word()),
        family in word(),
        case in 0..3u8,
        sep in prop::sample::select(&["-", "_", "."][..]),
        family_first in any::<bool>(),
        tail in prop::sample::select(&["home-visit", "letter", "strategy_notes"][..]),
        ext in prop::sample::select(&["md", "docx", "txt"][..]),
    ) {
        let given_full = given2.as_ref().map_or_else(|| given.clone(), |g2| format!("{given}-{g2}"));
        let mut parts: Vec<String> = given_full.split('-').map(str::to_string).collect();
        parts.push(family.clone());
        prop_assume!(parts.iter().all(|p| !is_common_word(&p.to_lowercase())));
        if family_first {
            parts.rotate_right(1);
        }
        let written: Vec<String> = parts
            .iter()
            .map(|p| match case {
                0 => p.to_lowercase(),
                1 => p.to_uppercase(),
                _ => p.clone(),
            })
            .collect();
        let name = format!("2026-01-20-{}-{tail}.{ext}", written.join(sep));
        let a = Anonymiser::new(&[identity(&given_full, &family)], Options::default());
        let out = a.anonymise_path_component(&name).text;
        let words = file_name_words(&out);
        for part in &parts {
            let part = file_name_words(part).concat();
            prop_assert!(!words.contains(&part), "{part:?} left in {out:?} from {name:?}");
        }
        prop_assert!(out.starts_with("2026-01-20-"), "{out:?} from {name:?}");
        let suffix = format!("-{tail}.{ext}");
        prop_assert!(out.ends_with(&suffix), "{out:?} from {name:?}");
        prop_assert!(
            a.check_path_component(&out).iter().all(|f| !f.kind.is_leak()),
            "{out:?} still holds an identifier"
        );
    }
}
