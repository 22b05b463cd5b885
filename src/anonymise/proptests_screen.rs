//! Property tests for the screen that lets an engine for short texts skip
//! building its name search (`identities::screen`, `names::may_match`): for
//! generated people (hyphens, apostrophes straight, curly and modifier,
//! accents, single letters, particles, titles, commas, aliases, addresses
//! with abbreviated streets) every pattern of the table holds a key of the
//! screen or is one of its initials; and for generated texts (the people's
//! names in any letter case, solid, dotted or spaced initials, letter
//! spacing, markup, character references, look-alike letters, dates of
//! birth, patterns) the engine for short texts finds exactly what the full
//! engine finds. It must not test what the engine finds, only that the two
//! agree.

use super::*;
use proptest::prelude::*;

/// Pieces a name, alias or address is made of, the awkward ones included.
const PIECES: &[&str] = &[
    "Ellie",
    "Mae",
    "O'Brien",
    "O’Neil",
    "Oʼdell",
    "Zoë",
    "Siobhán",
    "Jo",
    "J.",
    "A",
    "E",
    "van der",
    "de",
    "Al",
    "Grace",
    "Will",
    "May",
    "Hall",
    "Dr",
    "Mrs",
    "Ng",
    "Li",
    "Æsa",
    "Straße",
    "McKay",
    "Kowalski",
    "Nguyen",
    "Ahmed",
    "X",
    "O'B",
    "Ann-Marie",
    "Lee-Ann",
    "Smith",
    "-",
    ",",
    "'",
    ".",
    "&amp;",
    "<b>",
    "Jo*",
    "Ｆｕｌｌ",
    "Еllie",
    "K\u{301}",
];

const STREETS: &[&str] = &[
    "12 Larch Close",
    "Larch Cl",
    "Flat 3, 12 Oak Road",
    "7 Birch Rd, Hindley, WN2 3XY",
    ". Close",
    "4 Elm St",
    "Church Lane, Wigan",
    "1 The Avenue",
    "9 Ash Gr",
];

fn name() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(PIECES), 1..=4),
        prop::collection::vec(prop::sample::select(&[" ", "-", "", ", "][..]), 4),
    )
        .prop_map(|(pieces, joins)| {
            let mut out = String::new();
            for (i, p) in pieces.iter().enumerate() {
                if i > 0 {
                    out.push_str(joins.get(i - 1).copied().unwrap_or(" "));
                }
                out.push_str(p);
            }
            out
        })
}

fn person() -> impl Strategy<Value = Identity> {
    (
        name(),
        prop::collection::vec(name(), 0..=2),
        prop::option::of(prop::sample::select(STREETS)),
        prop::option::of((1990..2020i32, 1..=12u32, 1..=28u32)),
        any::<bool>(),
    )
        .prop_map(|(name, aliases, address, dob, child)| Identity {
            id: "p".into(),
            name,
            aliases,
            dob: dob.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            address: address.map(str::to_string),
            pseudonym: if child { "Child A" } else { "Mother" }.into(),
        })
}

fn people() -> impl Strategy<Value = Vec<Identity>> {
    prop::collection::vec(person(), 0..=3)
}

/// A text that mentions the people in every way a writer might, among
/// ordinary words.
fn text(people: &[Identity]) -> impl Strategy<Value = String> + use<> {
    let mut words: Vec<String> = [
        "the",
        "visit",
        "went",
        "well",
        "Service Lead",
        "GP",
        "NHS",
        "EJ",
        "E. J.",
        "E J",
        "e.m.j.",
        "Health Visiting",
        "07700 900123",
        "WN2 3XY",
        "jo@example.org",
        "Close",
        "Rd",
        "and",
        "was",
        "made",
        "Mr",
        "of",
        "s",
        "'s",
        "1",
        "2019",
        "<b>",
        "</b>",
        "&#69;",
        "&amp;",
        "*",
        "_",
        "`",
        "[x](y)",
        "<!-- c -->",
        "\u{200b}",
        "Е",
        "о",
        "ʼ",
        "’",
        "-",
        ".",
        ",",
        "\n",
        "\n\n",
        "  ",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    for p in people {
        let mut names: Vec<String> = vec![p.name.clone()];
        names.extend(p.aliases.iter().cloned());
        names.extend(p.address.iter().cloned());
        for n in names {
            for w in n.split([' ', ',', '-']).filter(|w| !w.is_empty()) {
                words.push(w.to_string());
                words.push(w.to_uppercase());
                words.push(w.to_lowercase());
                let spaced: Vec<String> = w.chars().map(String::from).collect();
                words.push(spaced.join(" "));
                if let Some(c) = w.chars().next() {
                    words.push(format!("{}.", c.to_uppercase()));
                    words.push(c.to_uppercase().to_string());
                }
            }
            words.push(n);
        }
        if let Some(d) = p.dob {
            words.push(d.format("%d/%m/%Y").to_string());
            words.push(d.format("%-d %B %Y").to_string());
            words.push(d.format("%d.%m.%y").to_string());
        }
    }
    (
        prop::collection::vec(prop::sample::select(words), 0..=8),
        prop::collection::vec(prop::sample::select(&[" ", "", "<i>", "-", "\n"][..]), 8),
    )
        .prop_map(|(picked, joins)| {
            let mut out = String::new();
            for (i, w) in picked.iter().enumerate() {
                if i > 0 {
                    out.push_str(joins.get(i - 1).copied().unwrap_or(" "));
                }
                out.push_str(w);
            }
            out
        })
}

fn people_and_text() -> impl Strategy<Value = (Vec<Identity>, String)> {
    people().prop_flat_map(|p| {
        let t = text(&p);
        (Just(p), t)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Every pattern the table holds holds a key of the screen or is one of
    /// its initials (the half of the proof about the people).
    #[test]
    fn every_pattern_holds_a_key(people in people()) {
        let Some(screen) = identities::screen(&people) else { return Ok(()) };
        for p in identities::build(&people).patterns {
            let held = screen.initials.contains(&p)
                || screen.keys.iter().any(|k| p.contains(k.as_str()));
            prop_assert!(held, "{:?} holds no key of {:?} ({:?})", p, screen.keys, people);
        }
    }

    /// The engine for short texts, which builds its name search only when
    /// the screen cannot rule names out, finds exactly what the full engine
    /// finds.
    #[test]
    fn short_texts_find_what_the_full_engine_finds((people, text) in people_and_text()) {
        let full = Anonymiser::new(&people, Options::default());
        let short = Anonymiser::for_short_texts(&people, Options::default());
        prop_assert_eq!(short.check(&text), full.check(&text), "in {:?} for {:?}", text, people);
    }
}

/// A screen that rules a text out leaves the name search unbuilt; one that
/// cannot builds it.
#[test]
fn the_name_search_is_built_only_when_needed() {
    let people = [Identity {
        id: "child".into(),
        name: "Ellie-Mae O'Brien".into(),
        pseudonym: "Child A".into(),
        ..Identity::default()
    }];
    let a = Anonymiser::for_short_texts(&people, Options::default());
    assert!(a.check("Service Lead, call 07700 900123").len() == 1);
    assert!(a.names.get().is_none());
    assert!(!a.check("Saw Ellie at home").is_empty());
    assert!(a.names.get().is_some());
    let a = Anonymiser::for_short_texts(&people, Options::default());
    assert!(!a.check("Saw E. M. O. at home").is_empty());
    let a = Anonymiser::for_short_texts(&people, Options::default());
    assert!(!a.check("Saw El<b>lie</b> at home").is_empty());
}
