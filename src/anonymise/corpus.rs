//! The planted-identifier corpus: short texts that each hide one registered
//! identifier behind one trick a reader sees through (markup, entities,
//! invisible or look-alike characters, letter spacing, line breaks, initials,
//! NHS number groupings, postcode spellings), and texts that look like a
//! registered name but are not one (the false-positive list). It measures
//! recall per class with an oracle written independently of the engine: the
//! reader's view of the output (tags, comments, emphasis and link syntax
//! removed, references decoded, invisible characters dropped, look-alikes
//! mapped by the UTS #39 skeleton, letter-spaced words joined). It must not
//! use the engine's private helpers.
//!
//! Recall before the reader's view was built (the engine matching the text as
//! written): 28 of 87 (plain 4/4, HTML tags 1/8, comments 0/5, emphasis 0/7,
//! links 0/4, references 6/6, zero-width 5/5, look-alikes 0/8, letter
//! spacing 0/6, line breaks 2/7, initials 0/8, NHS groupings 3/10,
//! postcodes 7/9), with 4 false positives ("Maes Road" twice, "Maes-y-Coed
//! Road", and a dotted date with a time read as a phone number). Now: 87 of
//! 87 and none; the tests below hold it there.

use super::*;
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// What a planted identifier is, and so how the oracle looks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needle {
    /// A name, looked for as whole words in the reader's view.
    Words(&'static str),
    /// Initials, looked for as upper-case letters standing alone.
    Initials(&'static str),
    /// A number, looked for in the digits of the reader's view.
    Digits(&'static str),
    /// A postcode, looked for in its letters and digits, in any case.
    Alnum(&'static str),
}

struct Planted {
    class: &'static str,
    text: &'static str,
    needle: Needle,
    /// Text that must survive unchanged (a paragraph, list or heading boundary).
    keep: &'static str,
}

const fn words(class: &'static str, text: &'static str, name: &'static str) -> Planted {
    Planted {
        class,
        text,
        needle: Needle::Words(name),
        keep: "",
    }
}

const fn kept(
    class: &'static str,
    text: &'static str,
    name: &'static str,
    keep: &'static str,
) -> Planted {
    Planted {
        class,
        text,
        needle: Needle::Words(name),
        keep,
    }
}

const fn other(class: &'static str, text: &'static str, needle: Needle) -> Planted {
    Planted {
        class,
        text,
        needle,
        keep: "",
    }
}

/// The planted identifiers, by class.
const PLANTED: &[Planted] = &[
    words("plain", "Seen Ellie today.", "ellie"),
    words("plain", "Ellie-Mae Jones attended.", "ellie mae jones"),
    words("plain", "Mother Siobhán Kelly said", "siobhan kelly"),
    words("plain", "with Zoë Hart.", "zoe hart"),
    words("html-tag", "Seen El<span></span>lie today.", "ellie"),
    words("html-tag", "the Jo<b></b>nes family", "jones"),
    words("html-tag", "El<i>lie</i>-Mae Jones", "ellie"),
    words("html-tag", "<p>Zo<em>ë</em> Hart</p>", "zoe"),
    words(
        "html-tag",
        "Siob<span class=\"x\">hán</span> said",
        "siobhan",
    ),
    words("html-tag", "Ms K<u>e</u>lly", "kelly"),
    words("html-tag", "Gr<b>ace</b> Hall came", "grace hall"),
    words("html-tag", "E<font color=red>llie</font>-Mae", "ellie"),
    words("html-comment", "El<!-- -->lie", "ellie"),
    words("html-comment", "Jo<!-- x -->nes", "jones"),
    words("html-comment", "Ms Kel<!---->ly", "kelly"),
    words("html-comment", "Zo<!-- note -->ë Hart", "zoe"),
    words("html-comment", "Siob<!--\n-->hán", "siobhan"),
    words("emphasis", "El**lie**-Mae Jo**nes**", "ellie"),
    words("emphasis", "El**lie**-Mae Jo**nes**", "jones"),
    words("emphasis", "El_lie_ was seen", "ellie"),
    words("emphasis", "Jo~~nes~~ family", "jones"),
    words("emphasis", "Ms Ke`ll`y", "kelly"),
    words("emphasis", "Zo*ë* H*art*", "hart"),
    words("emphasis", "S**iob**hán", "siobhan"),
    words("link", "[El](x)lie", "ellie"),
    words("link", "[Jo](a)[nes](b) family", "jones"),
    words("link", "[Siob](notes/x.md)hán", "siobhan"),
    words("link", "Ms [Kel][1]ly", "kelly"),
    words("entity", "&#69;llie", "ellie"),
    words("entity", "Ell&#105;e", "ellie"),
    words("entity", "J&#111;nes", "jones"),
    words("entity", "&#x45;llie-Mae", "ellie"),
    words("entity", "Ms Ke&#108;ly", "kelly"),
    words("entity", "Gr&#97;ce Hall", "grace hall"),
    words("zero-width", "El\u{200B}lie", "ellie"),
    words("zero-width", "Jo\u{00AD}nes", "jones"),
    words("zero-width", "Ms Ke\u{200D}lly", "kelly"),
    words("zero-width", "Zo\u{2060}ë Hart", "zoe"),
    words("zero-width", "Siob\u{FEFF}hán", "siobhan"),
    words("confusable", "\u{415}llie", "ellie"),
    words("confusable", "J\u{43E}nes", "jones"),
    words("confusable", "Ms K\u{435}lly", "kelly"),
    words("confusable", "Ellie-M\u{430}\u{435}", "mae"),
    words("confusable", "\u{415}LLI\u{415}", "ellie"),
    words("confusable", "Si\u{43E}bhán", "siobhan"),
    words("confusable", "Zoë \u{397}art", "hart"),
    words("confusable", "Ellie \u{408}ones", "jones"),
    words("letter-spaced", "E l l i e", "ellie"),
    words("letter-spaced", "E.l.l.i.e", "ellie"),
    words("letter-spaced", "J o n e s family", "jones"),
    words("letter-spaced", "Ms K e l l y", "kelly"),
    words("letter-spaced", "S i o b h a n", "siobhan"),
    words("letter-spaced", "Z. o. e. Hart", "zoe"),
    kept(
        "line-break",
        "We saw Ellie-Mae\n\nJones was",
        "ellie",
        "\n\n",
    ),
    kept(
        "line-break",
        "We saw Ellie-Mae\n\nJones was",
        "jones",
        "\n\n",
    ),
    kept("line-break", "- Ellie-Mae\n- Jones", "jones", "\n- "),
    kept("line-break", "# Ellie-Mae\nJones said", "jones", "\n"),
    kept("line-break", "1. Zoë\n2. Hart", "hart", "\n2. "),
    kept("line-break", "> Siobhán\n> Kelly", "kelly", "\n> "),
    kept("line-break", "Ellie-Mae\n\n\nJones", "jones", "\n\n\n"),
    other("initials", "Seen E.M.J. today", Needle::Initials("EMJ")),
    other("initials", "Seen EMJ today", Needle::Initials("EMJ")),
    other("initials", "Seen E. M. J. today", Needle::Initials("EMJ")),
    other("initials", "Seen E M J today", Needle::Initials("EMJ")),
    other("initials", "Seen EMJ's room", Needle::Initials("EMJ")),
    other("initials", "S.K. said", Needle::Initials("SK")),
    other("initials", "per Z.H.", Needle::Initials("ZH")),
    other("initials", "E.J. was", Needle::Initials("EJ")),
    other("nhs", "NHS 943.476.5919", Needle::Digits("9434765919")),
    other("nhs", "NHS 943 4765 919", Needle::Digits("9434765919")),
    other("nhs", "NHS 943-476-5919", Needle::Digits("9434765919")),
    other("nhs", "NHS 9434765919", Needle::Digits("9434765919")),
    other("nhs", "NHS 943 476 5919", Needle::Digits("9434765919")),
    other("nhs", "NHS 9434 765 919", Needle::Digits("9434765919")),
    other("nhs", "NHS 94 34 76 59 19", Needle::Digits("9434765919")),
    other("nhs", "NHS 943  476  5919", Needle::Digits("9434765919")),
    other(
        "nhs",
        "NHS 943<b></b>476 5919",
        Needle::Digits("9434765919"),
    ),
    other(
        "nhs",
        "NHS 943\u{200B}476 5919",
        Needle::Digits("9434765919"),
    ),
    other("postcode", "at wn2 3xy", Needle::Alnum("wn23xy")),
    other("postcode", "at WN23XY", Needle::Alnum("wn23xy")),
    other("postcode", "at Wn2  3Xy", Needle::Alnum("wn23xy")),
    other("postcode", "at wn23xy", Needle::Alnum("wn23xy")),
    other("postcode", "at WN2 3XY", Needle::Alnum("wn23xy")),
    other("postcode", "at m1 1ae", Needle::Alnum("m11ae")),
    other("postcode", "at M11AE", Needle::Alnum("m11ae")),
    other("postcode", "at sw1a 2aa", Needle::Alnum("sw1a2aa")),
    other("postcode", "at WN2\u{200B} 3XY", Needle::Alnum("wn23xy")),
];

/// Texts that contain a registered name's letters but no identifier: each
/// must come out of the anonymiser exactly as it went in.
const NOT_IDENTIFIERS: &[&str] = &[
    "She lives on Maes Road.",
    "Maes Road and Maesteg",
    "Kellie, Jonesy and Ellington",
    "Hartley and Hallam school",
    "staff may be reviewed in the grace period",
    "i.e. the plan, e.g. the U.K. office",
    "AND THE OTHER ONE",
    "colour #e5e7eb and e5e7eb",
    "version 1.2.3, 07.03.2019 10:30",
    "Case WSCP-2026-003, tel ext 4412",
    "a b c and x y z",
    "Maes-y-Coed Road, Maes Lane",
];

/// The reader's view of a text, written independently of the engine.
pub(super) fn reader(text: &str) -> String {
    let re = |p: &str| Regex::new(p).unwrap_or_else(|e| panic!("{e}"));
    let mut s = re(r"(?s)<!--.*?-->").replace_all(text, "").into_owned();
    s = re(r"(?i)</?(p|div|li|ul|ol|h[1-6]|tr|td|br)\b[^<>]*>")
        .replace_all(&s, "\n")
        .into_owned();
    s = re(r"</?[A-Za-z][^<>]*>").replace_all(&s, "").into_owned();
    s = re(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
        .replace_all(&s, "$1")
        .into_owned();
    s = s.replace(['*', '_', '~', '`'], "");
    s = re(r"&#[xX]([0-9a-fA-F]+);?")
        .replace_all(&s, |c: &regex::Captures| {
            u32::from_str_radix(&c[1], 16)
                .ok()
                .and_then(char::from_u32)
                .map_or(String::new(), String::from)
        })
        .into_owned();
    s = re(r"&([A-Za-z][A-Za-z0-9]{1,31};|shy|nbsp|[a-zA-Z](?:acute|grave|uml|circ|tilde))")
        .replace_all(&s, |c: &regex::Captures| {
            let reference = format!("&{}", &c[1]);
            ::entities::ENTITIES
                .iter()
                .find(|e| e.entity == reference)
                .map_or(reference.clone(), |e| e.characters.to_string())
        })
        .into_owned();
    s = re(r"&#([0-9]+);?")
        .replace_all(&s, |c: &regex::Captures| {
            c[1].parse()
                .ok()
                .and_then(char::from_u32)
                .map_or(String::new(), String::from)
        })
        .into_owned();
    s = s
        .replace("&euml;", "ë")
        .replace("&aacute;", "á")
        .replace("&amp;", "&");
    let invisible = re(
        r"[\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}&&[^\t\n\r\x0B\x0C\x{85}\p{Prepended_Concatenation_Mark}]]",
    );
    let mut out = String::new();
    for c in s.chars() {
        if invisible.is_match(c.encode_utf8(&mut [0u8; 4])) {
            continue;
        }
        let sk: String = unicode_security::skeleton(&c.to_string()).collect();
        let folded: String = sk
            .nfkd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .map(|d| if d == 'l' && c.is_uppercase() { 'I' } else { d })
            .collect();
        if c.is_ascii() {
            out.push(c);
        } else if folded.chars().all(|d| d.is_ascii_alphanumeric()) && !folded.is_empty() {
            out.push_str(&folded);
        } else if !sk.is_empty() {
            out.extend(
                c.nfkd()
                    .filter(|c| !unicode_normalization::char::is_combining_mark(*c)),
            );
        }
    }
    // Letter-spaced words: three or more single letters joined by a space or a dot.
    re(r"\b\p{L}(?:(?:\. ?| )\p{L}\b){2,}\.?")
        .replace_all(&out, |c: &regex::Captures| {
            c[0].chars()
                .filter(|c| c.is_alphabetic())
                .collect::<String>()
        })
        .into_owned()
}

/// Lower case, anything but letters and digits a single space, spaces at both ends.
pub(super) fn word_view(s: &str) -> String {
    let mut out = String::from(" ");
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// Tells whether the planted identifier can still be read in `output`.
fn readable(needle: Needle, output: &str) -> bool {
    let view = reader(output);
    match needle {
        Needle::Words(name) => {
            let w = word_view(&view);
            w.contains(&format!(" {name} ")) || w.contains(&format!(" {name}s "))
        }
        Needle::Initials(letters) => view
            .split(|c: char| !c.is_alphabetic() && c != '.')
            .any(|t| t.replace('.', "") == letters),
        Needle::Digits(d) => view
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .contains(d),
        Needle::Alnum(a) => view
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase()
            .contains(a),
    }
}

fn people() -> Vec<Identity> {
    let person = |id: &str, name: &str, pseudonym: &str| Identity {
        id: id.into(),
        name: name.into(),
        pseudonym: pseudonym.into(),
        ..Identity::default()
    };
    let mut child = person("child", "Ellie-Mae Jones", "Child A");
    child.address = Some("12 Larch Close, Hindley, WN2 3XY".into());
    vec![
        child,
        person("mother", "Siobhán Kelly", "Mother"),
        person("sw1", "Zoë Hart", "Social Worker 1"),
        person("teacher", "Grace Hall", "Teacher"),
    ]
}

/// Runs the corpus: per class, how many planted identifiers were caught, the
/// misses, and the false positives.
/// Per class, how many were caught of how many; the misses; the false positives.
type Measured = (Vec<(&'static str, usize, usize)>, Vec<String>, Vec<String>);

fn measure() -> Measured {
    let a = Anonymiser::new(&people(), Options::default());
    let mut classes: Vec<(&'static str, usize, usize)> = Vec::new();
    let mut misses = Vec::new();
    for p in PLANTED {
        assert!(
            readable(p.needle, p.text),
            "the oracle cannot read {:?}",
            p.text
        );
        let out = a.anonymise(p.text).text;
        let caught = !readable(p.needle, &out) && out.contains(p.keep);
        match classes.iter_mut().find(|c| c.0 == p.class) {
            Some(c) => {
                c.1 += usize::from(caught);
                c.2 += 1;
            }
            None => classes.push((p.class, usize::from(caught), 1)),
        }
        if !caught {
            misses.push(format!("{}: {:?} -> {:?}", p.class, p.text, out));
        }
    }
    let false_positives = NOT_IDENTIFIERS
        .iter()
        .filter_map(|t| {
            let out = a.anonymise(t).text;
            (out != *t).then(|| format!("{t:?} -> {out:?}"))
        })
        .collect();
    (classes, misses, false_positives)
}

#[test]
fn planted_identifier_recall() {
    let (classes, misses, false_positives) = measure();
    for (class, caught, total) in &classes {
        println!("{class:>14}: {caught}/{total}");
    }
    for m in &misses {
        println!("missed {m}");
    }
    for f in &false_positives {
        println!("false positive {f}");
    }
    assert!(misses.is_empty(), "missed: {misses:#?}");
    assert!(
        false_positives.is_empty(),
        "false positives: {false_positives:#?}"
    );
}

/// The leak check sees what the anonymiser sees: every planted identifier is
/// reported in the input, at the line and column where it starts, and
/// nothing is reported in the output.
#[test]
fn the_check_reports_every_planted_identifier_and_nothing_after() {
    let a = Anonymiser::new(&people(), Options::default());
    for p in PLANTED {
        let found: Vec<Finding> = a
            .check(p.text)
            .into_iter()
            .filter(|f| f.kind.is_leak())
            .collect();
        assert!(
            !found.is_empty(),
            "{}: nothing found in {:?}",
            p.class,
            p.text
        );
        for f in &found {
            let line = p.text.split('\n').nth(f.line - 1).unwrap_or_default();
            let at: String = line.chars().skip(f.column - 1).collect();
            let first_line = f.value.split('\n').next().unwrap_or_default();
            assert!(
                at.starts_with(first_line),
                "{f:?} is not at its place in {:?}",
                p.text
            );
        }
        let out = a.anonymise(p.text).text;
        let left: Vec<Finding> = a
            .check(&out)
            .into_iter()
            .filter(|f| f.kind.is_leak())
            .collect();
        assert!(left.is_empty(), "{left:?} left in {out:?}");
    }
}

/// File names that hide a registered identifier (the words of a name in any
/// case, joined by hyphens, underscores or dots, in either order; a
/// postcode), with the words that must not survive as words of the
/// anonymised name (accents folded). Before file names were anonymised the
/// copy kept every one of these as it was: 0 of 10.
const PLANTED_FILE_NAMES: &[(&str, &[&str])] = &[
    (
        "2026-01-20-ellie-mae-jones-home-visit.md",
        &["ellie", "mae", "jones"],
    ),
    ("ellie_mae_jones.md", &["ellie", "mae", "jones"]),
    ("Ellie-Mae.Jones.notes.txt", &["ellie", "mae", "jones"]),
    ("jones-ellie-mae-letter.docx", &["ellie", "mae", "jones"]),
    ("ELLIE-MAE-JONES.md", &["ellie", "mae", "jones"]),
    ("ellie-mae's-school-report.md", &["ellie", "mae"]),
    ("siobhan-kelly-call.md", &["siobhan", "kelly"]),
    ("Siobhán_Kelly.md", &["siobhan", "kelly"]),
    ("zoe_hart_supervision.md", &["zoe", "hart"]),
    ("2026-02-01-jones-family.md", &["jones"]),
];

/// What file names still get past the anonymiser, as the README lists it: a
/// postcode whose halves a hyphen joins (in text a hyphen is not a postcode's
/// separator, and file names are read as text with hyphens between words).
/// The test below fails when one is caught, so the list stays true.
const MISSED_FILE_NAMES: &[&str] = &["visit-wn2-3xy.md"];

/// File names with a registered name's letters but no identifier: each must
/// come out unchanged.
const NOT_IDENTIFIER_FILE_NAMES: &[&str] = &[
    "2026-01-30-rapid-review-panel.md",
    "maes-road-visit.md",
    "ellington-school.md",
    "kellie-and-jonesy.md",
    "hartley-and-hallam.md",
    "the-grace-period.md",
    "2026-06-10-findings.md",
];

/// The words of a file name as a reader takes them: lower case, accents
/// folded, split at anything that is not a letter or digit.
fn file_name_words(name: &str) -> Vec<String> {
    name.nfkd()
        .filter(char::is_ascii)
        .collect::<String>()
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn planted_identifiers_in_file_names_are_replaced_and_nothing_else() {
    let a = Anonymiser::new(&people(), Options::default());
    let mut misses = Vec::new();
    for (name, needles) in PLANTED_FILE_NAMES {
        let out = a.anonymise_path_component(name).text;
        let words = file_name_words(&out);
        if needles.iter().any(|n| words.iter().any(|w| w == n)) {
            misses.push(format!("{name:?} -> {out:?}"));
        }
        assert!(
            a.check_path_component(&out)
                .iter()
                .all(|f| !f.kind.is_leak()),
            "{out:?} still holds an identifier"
        );
    }
    let false_positives: Vec<String> = NOT_IDENTIFIER_FILE_NAMES
        .iter()
        .filter_map(|name| {
            let out = a.anonymise_path_component(name).text;
            (out != *name).then(|| format!("{name:?} -> {out:?}"))
        })
        .collect();
    for name in MISSED_FILE_NAMES {
        assert_eq!(
            a.anonymise_path_component(name).text,
            *name,
            "{name:?} is caught now: move it to PLANTED_FILE_NAMES and the README"
        );
    }
    println!(
        "file names: {}/{}",
        PLANTED_FILE_NAMES.len() - misses.len(),
        PLANTED_FILE_NAMES.len()
    );
    assert!(misses.is_empty(), "missed: {misses:#?}");
    assert!(
        false_positives.is_empty(),
        "false positives: {false_positives:#?}"
    );
}
