//! Property tests of the guarantee that matters: for random people (names
//! with accents, apostrophes, hyphens and particles) mentioned in random
//! writings inside random surrounding text, nothing registered survives
//! anonymisation, by the engine's own check and by an independent whole-word
//! search of the folded output. It must not test formatting details.

use super::*;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

const GIVEN: &[&str] = &[
    "Ellie-Mae",
    "Siobhán",
    "Zoë",
    "Seán",
    "Renée",
    "José",
    "Chloé",
    "Noël",
    "Jo",
    "Anne-Marie",
    "Björn",
    "Łukasz",
    "Aoife",
    "Niamh",
    "Dáithí",
    "Oluwaseun",
    "Mei-Ling",
    "Krzysztof",
];
const FAMILY: &[&str] = &[
    "O'Brien",
    "O’Neill",
    "Kelly",
    "Núñez",
    "Müller",
    "D'Souza",
    "McDonald",
    "van der Berg",
    "Ødegaard",
    "Dvořák",
    "Al-Amin",
    "Fitzgerald-Hughes",
    "Nguyen",
    "Kowalczyk",
];
const ALIASES: &[&str] = &["Ellie", "EMJ", "Jojo", "Zizi", "Sasha", "Big Mo", "Dee-Dee"];
const PSEUDONYMS: &[&str] = &["Child A", "Mother", "Father"];

/// Characters that stress boundaries and folding, mixed with random ones.
fn noise() -> impl Strategy<Value = String> {
    let tricky = prop::sample::select(vec![
        'a', 'Z', ' ', ' ', '\n', '\t', 'é', '日', '\u{301}', '\u{202E}', '\u{200B}', '\0', 'ß',
        'İ', '-', '’', '\'', '*', '_', '.', ',', 's', '0', '7', '@', '/', '(', ')', '[', ']', '#',
        '>', 'ﬁ', 'ا',
    ]);
    let ch = prop_oneof![3 => tricky, 1 => any::<char>()];
    prop::collection::vec(ch, 0..10).prop_map(String::from_iter)
}

fn strip_accents(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// Writes a name the way a case note might.
fn render(name: &str, style: u16) -> String {
    let mut s = name.to_string();
    if style & 1 != 0 {
        s = s.to_lowercase();
    } else if style & 2 != 0 {
        s = s.to_uppercase();
    }
    if style & 4 != 0 {
        s = strip_accents(&s);
    }
    if style & 8 != 0 {
        s = s.replace('\'', "’");
    } else if style & 16 != 0 {
        s = s.replace('’', "'");
    }
    if style & 32 != 0 {
        s = s.replace('-', " ");
    } else if style & 64 != 0 {
        s = s.replace('-', "-\n");
    }
    if style & 128 != 0 {
        s = s.replacen(' ', "\n    ", 1);
    }
    match (style >> 8) & 3 {
        1 => s.push_str("'s"),
        2 => s.push_str("’s"),
        3 => s.push_str("s'"),
        _ => {}
    }
    match (style >> 10) & 3 {
        1 => format!("**{s}**"),
        2 => format!("_{s}_"),
        3 => format!("[{s}](notes/{}.md)", s.to_lowercase().replace(' ', "-")),
        _ => s,
    }
}

type Person = (usize, usize, Option<usize>);
type Mention = (String, usize, u8, u16, String);

fn people_and_text() -> impl Strategy<Value = (Vec<Person>, Vec<Mention>)> {
    let person = (
        0..GIVEN.len(),
        0..FAMILY.len(),
        prop::option::of(0..ALIASES.len()),
    );
    let mention = (noise(), 0..3usize, 0..6u8, any::<u16>(), noise());
    (
        prop::collection::vec(person, 1..=3),
        prop::collection::vec(mention, 1..6),
    )
}

fn identities(people: &[Person]) -> Vec<Identity> {
    people
        .iter()
        .enumerate()
        .map(|(i, &(g, f, a))| Identity {
            id: format!("p{i}"),
            name: format!("{} {}", GIVEN[g], FAMILY[f]),
            aliases: a.map(|a| ALIASES[a].to_string()).into_iter().collect(),
            pseudonym: PSEUDONYMS[i % PSEUDONYMS.len()].to_string(),
            ..Identity::default()
        })
        .collect()
}

fn text_for(people: &[Person], mentions: &[Mention]) -> String {
    let mut text = String::new();
    for (prefix, who, form, style, suffix) in mentions {
        let (g, f, a) = people[who % people.len()];
        let (given, family) = (GIVEN[g], FAMILY[f]);
        let name = match form {
            0 => format!("{given} {family}"),
            1 => given.to_string(),
            2 => family.to_string(),
            3 => a.map_or(given, |a| ALIASES[a]).to_string(),
            4 => format!("{family}, {given}"),
            _ => given.split('-').next().unwrap_or(given).to_string(),
        };
        text.push_str(prefix);
        text.push_str(&render(&name, *style));
        text.push_str(suffix);
    }
    text
}

/// A normal form written independently of `fold.rs`, so that a folding
/// bug cannot hide itself: compatibility decomposition, marks and invisible
/// format characters dropped, lower case, and anything that is not a letter
/// or digit turned into a single space, with a space at each end.
fn words(s: &str) -> String {
    let invisible = |c: char| {
        matches!(c, '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
    };
    let mut out = String::from(" ");
    for c in s
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c) && !invisible(*c))
    {
        for l in c.to_lowercase() {
            if l.is_alphanumeric() {
                out.push(l);
            } else if !out.ends_with(' ') {
                out.push(' ');
            }
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// Every registered name or name part a reader could recognise, as
/// space-delimited `words` (with and without apostrophes).
fn registered(ids: &[Identity]) -> Vec<String> {
    let mut out = Vec::new();
    for id in ids {
        let mut names = vec![id.name.clone()];
        names.extend(id.aliases.iter().cloned());
        names.extend(id.name.split([' ', '-']).map(str::to_string));
        for n in names {
            for form in [words(&n), words(&n.replace(['\'', '’'], ""))] {
                let letters = form.chars().filter(|c| c.is_alphanumeric()).count();
                if letters >= 2 && ![" van ", " der ", " al "].contains(&form.as_str()) {
                    out.push(form);
                }
            }
        }
    }
    out
}

/// The configuration of the anonymiser's property tests: `default` cases,
/// or as many as `PROPTEST_CASES` asks for (to hunt for failures with many
/// more, and with a chosen `PROPTEST_RNG_SEED`).
pub(super) fn config(default: u32) -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = default;
    }
    // `prop_assume!` rejects a share of the cases: allow for it at any count.
    c.max_global_rejects = c.max_global_rejects.max(c.cases);
    c
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn nothing_registered_survives((people, mentions) in people_and_text()) {
        let ids = identities(&people);
        let text = text_for(&people, &mentions);
        let a = Anonymiser::new(&ids, Options::default());
        let out = a.anonymise(&text);
        let left: Vec<Finding> = a
            .check(&out.text)
            .into_iter()
            .filter(|f| matches!(f.kind, Kind::Name | Kind::Alias | Kind::GivenName | Kind::FamilyName))
            .collect();
        prop_assert!(left.is_empty(), "left {:?} in {:?} from {:?}", left, out.text, text);
        let visible = words(&out.text);
        for name in registered(&ids) {
            let plural = format!("{}s ", name.trim_end());
            prop_assert!(
                !visible.contains(&name) && !visible.contains(&plural),
                "{:?} survives in {:?} from {:?}", name, out.text, text
            );
        }
    }

    #[test]
    fn arbitrary_text_never_panics_and_checks_clean(text in ".{0,200}", noise in noise()) {
        let ids = identities(&[(0, 0, Some(0)), (5, 3, None)]);
        let opts = Options { dates: DatePolicy::Month, reference_date: NaiveDate::from_ymd_opt(2026, 1, 1) };
        let a = Anonymiser::new(&ids, opts);
        let input = format!("{noise}{text}{noise}");
        let out = a.anonymise(&input);
        let left: Vec<Finding> = a.check(&out.text).into_iter().filter(|f| f.kind.is_leak()).collect();
        prop_assert!(left.is_empty(), "left {:?} in {:?}", left, out.text);
        prop_assert!(check_patterns(&out.text).is_empty());
    }

    #[test]
    fn valid_nhs_numbers_are_always_found(digits in prop::collection::vec(0u32..10, 9), sep in 0..3usize, pre in noise()) {
        let sum: u32 = digits.iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
        let check = match 11 - sum % 11 { 11 => 0, c => c };
        prop_assume!(check != 10);
        let s: String = digits.iter().map(|d| char::from_digit(*d, 10).unwrap_or('0')).collect();
        let sep = ["", " ", "-"][sep];
        let number = format!("{}{sep}{}{sep}{}{check}", &s[..3], &s[3..6], &s[6..]);
        let text = format!("{pre} NHS: {number}.");
        let out = Anonymiser::new(&[], Options::default()).anonymise(&text);
        prop_assert!(out.text.ends_with("NHS: [NHS number]."), "{:?}", out.text);
    }

    #[test]
    fn uk_phone_numbers_are_always_found(rest in "[0-9]{9}", area in 1..10u32, style in 0..5usize) {
        let nsn = format!("{area}{rest}");
        let number = match style {
            0 => format!("0{nsn}"),
            1 => format!("0{} {}", &nsn[..4], &nsn[4..]),
            2 => format!("+44 {} {}", &nsn[..4], &nsn[4..]),
            3 => format!("+44 (0){} {}", &nsn[..4], &nsn[4..]),
            _ => format!("(0{}) {} {}", &nsn[..4], &nsn[4..7], &nsn[7..]),
        };
        let text = format!("Call {number} now");
        prop_assert_eq!(Anonymiser::new(&[], Options::default()).anonymise(&text).text, "Call [phone] now");
    }

    #[test]
    fn valid_postcodes_are_always_found(
        area in "[A-PR-UWYZ]{1}[A-HK-Y]?",
        district in 1..99u32,
        sector in 0..10u32,
        unit in "[ABD-HJLNP-UW-Z]{2}",
        space in any::<bool>(),
    ) {
        let postcode = format!("{area}{district}{}{sector}{unit}", if space { " " } else { "" });
        let text = format!("at {postcode}.");
        prop_assert_eq!(Anonymiser::new(&[], Options::default()).anonymise(&text).text, "at [postcode].");
    }

    #[test]
    fn folded_offsets_map_back_monotonically_to_char_boundaries(text in ".{0,80}", noise in noise()) {
        let original = format!("{noise}{text}{noise}");
        let f = super::fold::Folded::new(&original);
        let mut last = 0;
        for i in 0..=f.text.len() {
            let o = f.orig_offset(i);
            prop_assert!(original.is_char_boundary(o), "{} in {:?}", o, original);
            prop_assert!(o >= last, "not monotonic at {} in {:?}", i, original);
            last = o;
        }
        prop_assert_eq!(f.orig_offset(f.text.len()), original.len());
    }
}
