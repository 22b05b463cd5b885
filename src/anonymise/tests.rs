//! Tests of the whole engine through its public API: names and their
//! variants, common words, dates of birth, addresses, patterns, checks and
//! hostile input. It must not test private helpers; each file tests its own.

use super::*;
use std::collections::BTreeMap;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn person(id: &str, name: &str, aliases: &[&str], pseudonym: &str) -> Identity {
    Identity {
        id: id.into(),
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        pseudonym: pseudonym.into(),
        ..Identity::default()
    }
}

fn case() -> Vec<Identity> {
    let mut child = person("child", "Ellie-Mae O'Brien", &["Ellie", "EMJ"], "Child A");
    child.dob = Some(date(2019, 3, 7));
    child.address = Some("12 Larch Close, Hindley, WN2 3XY".into());
    let mut mother = person("mother", "Siobhán Kelly", &[], "Mother");
    mother.dob = Some(date(1990, 5, 12));
    vec![
        child,
        mother,
        person("sw1", "Zoë Hart", &[], "Social Worker 1"),
        person("teacher", "Grace Hall", &[], "Teacher"),
    ]
}

fn engine() -> Anonymiser {
    Anonymiser::new(&case(), Options::default())
}

fn anon(text: &str) -> String {
    engine().anonymise(text).text
}

fn leaks(a: &Anonymiser, text: &str) -> Vec<Finding> {
    a.check(text)
        .into_iter()
        .filter(|f| f.kind.is_leak())
        .collect()
}

#[test]
fn full_names_in_any_case() {
    assert_eq!(anon("Ellie-Mae O'Brien attended."), "Child A attended.");
    assert_eq!(anon("ELLIE-MAE O'BRIEN attended."), "Child A attended.");
    assert_eq!(anon("ellie-mae o'brien attended."), "Child A attended.");
    assert_eq!(anon("Seen by Zoë Hart."), "Seen by Social Worker 1.");
    assert_eq!(
        anon("ZoëHart, ZoeHart, EllieMaeOBrien"),
        "Social Worker 1, Social Worker 1, Child A"
    );
}

#[test]
fn aliases_and_lone_given_and_family_names_become_the_pseudonym() {
    assert_eq!(
        anon("EMJ said Ellie was fine"),
        "Child A said Child A was fine"
    );
    assert_eq!(anon("Mae and O'Brien"), "Child A and Child A");
    assert_eq!(
        anon("Siobhán arrived; Kelly left"),
        "Mother arrived; Mother left"
    );
    assert_eq!(
        anon("Ms Kelly, Mrs. Kelly and S. Kelly"),
        "Mother, Mother and Mother"
    );
    let out = engine().anonymise("Ellie-Mae O'Brien");
    assert_eq!(out.counts, BTreeMap::from([(Kind::Name, 1)]));
    let out = engine().anonymise("Ellie");
    assert_eq!(out.counts, BTreeMap::from([(Kind::Alias, 1)]));
}

#[test]
fn possessives_keep_their_suffix() {
    assert_eq!(anon("Ellie's room"), "Child A's room");
    assert_eq!(anon("Ellie’s room"), "Child A’s room");
    assert_eq!(
        anon("O'Brien's car, the O'Briens' car"),
        "Child A's car, the Child As' car"
    );
    assert_eq!(anon("Ellies"), "Child As");
}

#[test]
fn apostrophes_straight_curly_or_missing() {
    assert_eq!(anon("O’Brien"), "Child A");
    assert_eq!(anon("OBrien and O Brien"), "Child A and Child A");
    let a = Anonymiser::new(
        &[person("x", "Aoife O’Neill", &[], "Aunt")],
        Options::default(),
    );
    assert_eq!(
        a.anonymise("O'Neill, O’Neill, O`Neill").text,
        "Aunt, Aunt, Aunt"
    );
}

#[test]
fn accents_or_none_on_either_side() {
    assert_eq!(anon("Siobhan Kelly and SIOBHÁN"), "Mother and Mother");
    assert_eq!(
        anon("Zoe, Zoë and Zoe\u{308}."),
        "Social Worker 1, Social Worker 1 and Social Worker 1."
    );
    let a = Anonymiser::new(&[person("x", "Zoe Hart", &[], "SW")], Options::default());
    assert_eq!(a.anonymise("Zoë Hart").text, "SW");
    let a = Anonymiser::new(
        &[person("x", "Renée Müller", &[], "Nurse")],
        Options::default(),
    );
    assert_eq!(
        a.anonymise("Renee MULLER, renée müller").text,
        "Nurse, Nurse"
    );
}

#[test]
fn html_references_and_doubled_yaml_apostrophes() {
    assert_eq!(
        anon("O&#39;Brien, O&rsquo;Brien, 'O''Brien'"),
        "Child A, Child A, 'Child A'"
    );
    assert_eq!(
        anon("Zo&euml; Hart and Ellie&nbsp;Mae"),
        "Social Worker 1 and Child A"
    );
    assert_eq!(anon("Tom & Jerry &amp; co"), "Tom & Jerry &amp; co");
}

#[test]
fn hyphens_spaces_and_line_breaks_between_parts() {
    for text in [
        "Ellie Mae",
        "Ellie\nMae",
        "Ellie-\nMae",
        "Ellie   Mae",
        "Ellie-Mae\n  O'Brien",
        "Ellie\u{2011}Mae",
        "EllieMae",
        "Ellie-Mae O'Brien",
        "Ellie Mae\r\n    O’Brien",
    ] {
        let out = engine().anonymise(&format!("> {text}, aged"));
        assert_eq!(out.text, "> Child A, aged", "{text:?}");
    }
}

#[test]
fn markdown_emphasis_and_links() {
    assert_eq!(
        anon("**Ellie** and _Ellie-Mae_"),
        "**Child A** and _Child A_"
    );
    assert_eq!(anon("*O'Brien*'s"), "*Child A*'s");
    assert_eq!(anon("[Ellie](notes/x.md)"), "[Child A](notes/x.md)");
    assert_eq!(
        anon("[notes](cases/ellie-mae.md)"),
        "[notes](cases/child-a.md)"
    );
    assert_eq!(
        anon("see <https://example.org/zoe-hart> and [Z](mailto:zoe.hart@example.org)"),
        "see <https://example.org/social-worker-1> and [Z](mailto:email)"
    );
}

#[test]
fn word_boundaries() {
    let text = "Kellie, Belliest, Ellien, Maestro, Obrienville, Zoetrope, Kellyanne, Hartley";
    assert_eq!(anon(text), text);
    assert_eq!(anon("(Ellie)\"Mae\"[EMJ]"), "(Child A)\"Child A\"[Child A]");
    assert_eq!(anon("Ellie2019 and 2Ellie"), "Child A2019 and 2Child A");
}

#[test]
fn shared_family_names_are_neutral() {
    let people = [
        person("mother", "Karen Jones", &[], "Mother"),
        person("child", "Tyler Jones", &["Ty"], "Child B"),
    ];
    let a = Anonymiser::new(&people, Options::default());
    let out =
        a.anonymise("Mrs Jones said Tyler Jones and Karen saw the Jones family; Ty Jones too.");
    assert_eq!(
        out.text,
        "Mrs [family name] said Child B and Mother saw the [family name] family; Child B too."
    );
    assert_eq!(out.counts.get(&Kind::FamilyName), Some(&2));
}

#[test]
fn shared_given_names_are_neutral() {
    let people = [
        person("a", "Sam Patel", &[], "Father"),
        person("b", "Sam Okafor", &[], "Uncle"),
    ];
    let a = Anonymiser::new(&people, Options::default());
    assert_eq!(
        a.anonymise("Sam, Sam Patel, Sam Okafor").text,
        "[name], Father, Uncle"
    );
}

#[test]
fn common_word_names_are_replaced_only_when_capitalised() {
    let people = [
        person("a", "May Green", &[], "Carer"),
        person("b", "Will Grace", &[], "Father"),
        person("c", "Hope Brook", &["Rose"], "Sister"),
    ];
    let a = Anonymiser::new(&people, Options::default());
    let text = "Staff may be reviewed and staff will need support in the grace period. \
                There is hope; the rose bloomed.";
    let out = a.anonymise(text);
    assert_eq!(out.text, text);
    assert!(out.counts.is_empty());
    let reviewed: Vec<&str> = out.review.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(reviewed, ["may", "will", "grace", "hope", "rose"]);
    assert!(out.review.iter().all(|f| f.kind == Kind::CommonWordName));
    assert_eq!((out.review[0].line, out.review[0].column), (1, 7));
    assert_eq!(a.check(text).len(), 5);
    assert_eq!(
        a.anonymise("May came. Will said WILL. Rose, Hope and Brook.")
            .text,
        "Carer came. Father said Father. Sister, Sister and Sister."
    );
}

#[test]
fn full_names_with_common_words_are_replaced_in_any_case() {
    let a = Anonymiser::new(
        &[person("t", "Grace Hall", &[], "Teacher")],
        Options::default(),
    );
    assert_eq!(
        a.anonymise("grace hall and GRACE HALL").text,
        "Teacher and Teacher"
    );
    assert_eq!(a.anonymise("Hall, Grace").text, "Teacher");
}

#[test]
fn months_inside_dates_are_not_people() {
    let a = Anonymiser::new(
        &[person("a", "May Green", &[], "Carer")],
        Options::default(),
    );
    assert_eq!(
        a.anonymise("On 7 May 2019 May rang.").text,
        "On 7 May 2019 Carer rang."
    );
}

#[test]
fn ordinary_text_survives() {
    let text = "Hope Street school may be reviewed; staff will need support during the grace \
                period. Mark the date: 12 June 2024, 10:30. Case WSCP-2026-003, log 12345678.";
    assert_eq!(anon(text), text);
}

#[test]
fn dates_of_birth_become_ages() {
    let opts = Options {
        reference_date: Some(date(2026, 1, 15)),
        ..Options::default()
    };
    let a = Anonymiser::new(&case(), opts);
    let out = a.anonymise("DOB 07/03/2019; mother born 12 May 1990; seen 8/3/2019.");
    assert_eq!(
        out.text,
        "DOB [aged 6]; mother born [aged 35]; seen 8/3/2019."
    );
    assert_eq!(out.counts.get(&Kind::DateOfBirth), Some(&2));
    assert_eq!(anon("born March 7th, 2019"), "born [date of birth]");
    let mut infant = person("baby", "Noah Price", &[], "Child C");
    infant.dob = Some(date(2024, 11, 2));
    let a = Anonymiser::new(&[infant], opts);
    assert_eq!(a.anonymise("born 2024-11-02").text, "born [aged 14 months]");
}

#[test]
fn other_dates_follow_the_policy() {
    let text = "Visit 12 April 2024 and 2024-05-01.";
    let with = |dates| {
        Anonymiser::new(
            &case(),
            Options {
                dates,
                ..Options::default()
            },
        )
    };
    assert_eq!(with(DatePolicy::Keep).anonymise(text).text, text);
    assert_eq!(
        with(DatePolicy::Month).anonymise(text).text,
        "Visit April 2024 and May 2024."
    );
    assert_eq!(
        with(DatePolicy::Year).anonymise(text).text,
        "Visit 2024 and 2024."
    );
    assert!(with(DatePolicy::Keep).check(text).is_empty());
    assert_eq!(with(DatePolicy::Month).check(text).len(), 2);
}

#[test]
fn addresses_whole_or_by_street_line() {
    assert_eq!(
        anon("Lives at 12 Larch Close, Hindley, WN2 3XY."),
        "Lives at [address]."
    );
    assert_eq!(anon("Lives at 12 larch close."), "Lives at [address].");
    assert_eq!(
        anon("Lives at 12 Larch\n  Close, Hindley"),
        "Lives at [address]"
    );
    assert_eq!(
        anon("12 Larch Cl, near Larch Close"),
        "[address], near [address]"
    );
    assert_eq!(
        anon("Moved to 3 Oak Road, WN2 3XY"),
        "Moved to 3 Oak Road, [postcode]"
    );
    let mut p = person("a", "Amir Khan", &[], "Father");
    p.address = Some("Flat 3, 41A Mill Street, Wigan, WN1 1AA".into());
    let a = Anonymiser::new(&[p], Options::default());
    assert_eq!(
        a.anonymise("at 41A Mill St and Flat 3, 41a mill street")
            .text,
        "at [address] and [address]"
    );
}

#[test]
fn identifier_patterns_become_tags() {
    let text = "NHS 943 476 5919, NI AB 12 34 56 C, tel +44 (0)1942 123456 or 07700 900123, \
                email ellie.obrien@example.com, postcode M1 1AE.";
    let out = engine().anonymise(text);
    assert_eq!(
        out.text,
        "NHS [NHS number], NI [NI number], tel [phone] or [phone], email [email], postcode [postcode]."
    );
    assert_eq!(out.counts.get(&Kind::Phone), Some(&2));
}

#[test]
fn check_reports_positions_and_values() {
    let text = "# Note\nSeen: **Ellie**, tel 01942 123456\n";
    let found = engine().check(text);
    let got: Vec<(usize, usize, Kind, &str)> = found
        .iter()
        .map(|f| (f.line, f.column, f.kind, f.value.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (2, 9, Kind::Alias, "Ellie"),
            (2, 22, Kind::Phone, "01942 123456")
        ]
    );
}

#[test]
fn check_patterns_needs_no_people() {
    let found = check_patterns("Ellie, WN2 3XY, 943 476 5919");
    let kinds: Vec<Kind> = found.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, [Kind::Postcode, Kind::NhsNumber]);
    assert_eq!(Kind::NhsNumber.to_string(), "nhs-number");
    assert_eq!(Kind::CommonWordName.to_string(), "common-word-name");
}

const NOTE: &str = "---
case: WSCP-2026-003
subject: Ellie-Mae O'Brien
---
# Strategy discussion, 12 January 2026

**Present:** Zoë Hart (social worker), Grace Hall (class teacher),
Siobhán Kelly (mother).
## Background

Ellie-Mae (DOB 07/03/2019, NHS 943 476 5919) lives with her mother at
12 Larch Close, Hindley, WN2 3XY. Ms Kelly's mobile is 07700 900123 and
her e-mail is siobhan.kelly@example.com; her NI number is AB 12 34 56 C.

- Ellie's nursery reported bruising on 9 January 2026.
- _Ms Hart_ visited; ELLIE-MAE said \"mummy Siobhan\" was cross.
- School: Hindley Primary, tel (01942) 123 456, head teacher Mrs Hall.
- See [Ellie's chronology](chronology/ellie-mae-obrien.md).

## Analysis

Zoe Hart noted that Ellie-Mae
  O’Brien's attendance fell in December. Siobhán's partner was
not present. Grace asked whether EMJ (as the family call her) had
been seen by a GP since 7th March 2019, her date of birth.

## Actions

1. Hart to visit 12 Larch Close by 20 January 2026.
2. Kelly to attend parenting group; contact 01942 123456.
";

#[test]
fn a_realistic_note_checks_clean_after_anonymising() {
    assert_eq!(NOTE.lines().count(), 30);
    let opts = Options {
        reference_date: Some(date(2026, 1, 12)),
        ..Options::default()
    };
    let a = Anonymiser::new(&case(), opts);
    assert!(a.check(NOTE).len() > 25);
    let out = a.anonymise(NOTE);
    assert_eq!(a.check(&out.text), [], "{}", out.text);
    assert!(out.review.is_empty());
    assert!(out.text.contains("subject: Child A\n"));
    assert!(out.text.contains("(DOB [aged 6], NHS [NHS number])"));
    assert!(
        out.text
            .contains("[Child A's chronology](chronology/child-a.md)")
    );
    assert!(
        out.text
            .contains("Social Worker 1 noted that Child A's attendance")
    );
    assert!(out.text.contains("# Strategy discussion, 12 January 2026"));
}

#[test]
fn hostile_input_does_not_panic() {
    let a = engine();
    let long = "Ellie ".repeat(20_000);
    let inputs = [
        "",
        "\0",
        "\0Ellie\0",
        "e\u{301}\u{301}\u{301}",
        "\u{202E}Ellie\u{202C}",
        "مرحبا Ellie שלום",
        "Ellie\u{FEFF}",
        "ﷺ ﷽ ẞ İ ŉ ǰ",
        "\u{10FFFF}",
        "@@@",
        "0000000000",
        "+44",
        "((((0",
        &long,
        "\r\n\r\n",
        "7/3/19/7/3/19",
        "ß",
        "İstanbul Ellie",
    ];
    for text in inputs {
        let out = a.anonymise(text);
        assert!(leaks(&a, &out.text).is_empty(), "{text:?}");
        let _ = a.check(text);
        let _ = check_patterns(text);
    }
    assert_eq!(a.anonymise(&long).counts.get(&Kind::Alias), Some(&20_000));
}

#[test]
fn empty_people_list_still_finds_patterns() {
    let a = Anonymiser::new(&[], Options::default());
    assert_eq!(a.anonymise("Ellie, WN2 3XY").text, "Ellie, [postcode]");
    let blank = person("x", " ", &["", "J"], "");
    let a = Anonymiser::new(&[blank], Options::default());
    assert_eq!(a.anonymise("J and j").text, "J and j");
}

#[test]
fn the_anonymiser_can_be_shared_across_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Anonymiser>();
    let a = engine();
    let outs: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = ["Ellie", "Zoë Hart"]
            .into_iter()
            .map(|t| s.spawn(|| a.anonymise(t).text))
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    assert_eq!(outs, ["Child A", "Social Worker 1"]);
}

/// Found by the fuzzer: a name with digits attached, replaced, left a postcode's shape
/// ("Ellie2 3XY" -> "Child A2 3XY"); the output must still check clean.
#[test]
fn replacements_never_form_a_new_identifier() {
    let people = vec![Identity {
        id: "child".into(),
        name: "Ellie-Mae O'Brien".into(),
        aliases: vec!["Ellie".into()],
        dob: None,
        address: None,
        pseudonym: "Child A".into(),
    }];
    let a = Anonymiser::new(&people, Options::default());
    let out = a.anonymise("Siobha% told Grace Hall that Ellie2 3XY, born 3/3/19.");
    let left: Vec<_> = a
        .check(&out.text)
        .into_iter()
        .filter(|f| f.kind.is_leak())
        .collect();
    assert!(left.is_empty(), "{left:?} in {}", out.text);
}

fn jones() -> Anonymiser {
    let mut child = person("child", "Ellie-Mae Jones", &[], "Child A");
    child.dob = Some(date(2019, 3, 7));
    Anonymiser::new(
        &[child, person("sw1", "Zoë Hart", &[], "Social Worker 1")],
        Options {
            dates: DatePolicy::Month,
            reference_date: Some(date(2026, 1, 15)),
        },
    )
}

#[test]
fn markup_inside_a_name_is_replaced_with_the_name() {
    let a = jones();
    for (text, want) in [
        ("El<span></span>lie came", "Child A came"),
        ("El<!-- -->lie came", "Child A came"),
        ("El**lie**-Mae Jo**nes** came", "Child A came"),
        ("Jo<b></b>nes came", "Child A came"),
        ("<b>El</b>lie came", "Child A came"),
        ("[El](x)lie came", "Child A came"),
        ("&#69;llie came", "Child A came"),
        ("El\u{200B}lie came", "Child A came"),
        ("\u{415}llie J\u{43E}nes came", "Child A came"),
        ("E l l i e came", "Child A came"),
        ("**Ellie** came", "**Child A** came"),
        ("<p>Zoë Hart</p>", "<p>Social Worker 1</p>"),
    ] {
        assert_eq!(a.anonymise(text).text, want, "{text:?}");
    }
}

#[test]
fn invisible_characters_beside_markup_inside_a_name_hide_nothing() {
    // Once seen on a random run of `markup_inside_a_name_hides_nothing`.
    let a = Anonymiser::new(
        &[person("p", "Kakashi O'Kaka", &[], "Child A")],
        Options::default(),
    );
    for (text, want) in [
        (
            "We saw Kakas\u{200B}**\u{200B}hi today",
            "We saw Child A today",
        ),
        (
            "We saw Kakas\u{200B}**\u{200B}hi O'Ka\u{200B}**\u{200B}ka today",
            "We saw Child A today",
        ),
        ("We saw Kakas&shy;*\u{FEFF}hi today", "We saw Child A today"),
        (
            "We saw Kakas<b\u{200D}></b>hi today",
            "We saw Child A today",
        ),
        (
            "We saw Kakas<!\u{200B}-- -->hi today",
            "We saw Child A today",
        ),
        (
            "We saw **\u{200B}Kakas\u{200B}**hi today",
            "We saw Child A today",
        ),
        (
            "We saw Kakas&ZeroWidthSpace;**hi today",
            "We saw Child A today",
        ),
        ("We saw Kakas&#8203hi today", "We saw Child A today"),
        ("We saw Kakas&shyhi today", "We saw Child A today"),
        ("We saw &Kopf;akashi today", "We saw Child A today"),
        (
            "We saw Kakas<b\u{200B}class=x>hi today",
            "We saw Child A today",
        ),
        ("We saw <Kakashi> today", "We saw <Child A> today"),
        ("We saw <kakashi/> today", "We saw <Child A/> today"),
        ("We saw K\u{200B} a k a s h i today", "We saw Child A today"),
        ("We saw **K** a k a s h i today", "We saw Child A today"),
    ] {
        let out = a.anonymise(text);
        assert_eq!(out.text, want, "{text:?}");
        assert!(!a.check(text).is_empty(), "{text:?}");
        assert!(leaks(&a, &out.text).is_empty(), "{text:?}");
    }
}

#[test]
fn a_name_split_by_a_block_boundary_keeps_the_boundary() {
    let a = jones();
    assert_eq!(
        a.anonymise("We saw Ellie-Mae\n\nJones was there").text,
        "We saw Child A\n\nChild A was there"
    );
    assert_eq!(
        a.anonymise("- Ellie-Mae\n- Jones\n").text,
        "- Child A\n- Child A\n"
    );
    assert_eq!(
        a.anonymise("# Ellie-Mae\nJones said").text,
        "# Child A\nChild A said"
    );
    assert_eq!(
        a.anonymise("<p>Ellie-Mae</p><p>Jones</p>").text,
        "<p>Child A</p><p>Child A</p>"
    );
    assert_eq!(a.anonymise("Ellie-Mae\n  Jones said").text, "Child A said");
    // An alias's words are no names on their own, and are replaced all the same.
    let mo = Anonymiser::new(
        &[person("u", "Maurice Field", &["Big Mo"], "Uncle")],
        Options::default(),
    );
    assert_eq!(mo.anonymise("# Big\nMo came").text, "# Uncle\nUncle came");
}

#[test]
fn initials_in_capitals() {
    let a = jones();
    for text in [
        "E.M.J.", "EMJ", "E. M. J.", "E M J", "E.J.", "Z.H.", "Z. H.",
    ] {
        let out = a.anonymise(&format!("Seen by {text} today"));
        assert!(
            !out.text.contains(text.trim_end_matches('.')),
            "{text:?}: {}",
            out.text
        );
        assert!(out.counts.contains_key(&Kind::Initials), "{text:?}");
    }
    assert_eq!(a.anonymise("EMJ's room").text, "Child A's room");
    // Lower case, two letters solid, and other capitals are not initials.
    for text in ["emj", "e.m.j.", "ZH", "EJ", "Emj", "EMJS"] {
        assert_eq!(a.anonymise(text).text, text, "{text:?}");
    }
}

#[test]
fn initials_that_spell_a_word_are_reviewed_when_solid() {
    let a = Anonymiser::new(
        &[person("a", "Nadia Hope Smith", &[], "Aunt")],
        Options::default(),
    );
    let out = a.anonymise("The NHS and N.H.S. said");
    assert_eq!(out.text, "The NHS and Aunt. said");
    assert_eq!(out.review.len(), 1);
    assert_eq!(out.review[0].kind, Kind::CommonWordName);
}

#[test]
fn nhs_numbers_in_any_grouping_and_postcodes_in_any_spelling() {
    let a = jones();
    for nhs in [
        "943.476.5919",
        "943 4765 919",
        "943-476-5919",
        "9434765919",
        "94 34 76 59 19",
        "943<b></b>476 5919",
        "943\u{200B}476 5919",
    ] {
        assert_eq!(
            a.anonymise(&format!("NHS {nhs}.")).text,
            "NHS [NHS number].",
            "{nhs}"
        );
    }
    for pc in ["wn2 3xy", "WN23XY", "Wn2  3Xy", "wn23xy", "WN2\u{200B} 3XY"] {
        assert_eq!(
            a.anonymise(&format!("at {pc}.")).text,
            "at [postcode].",
            "{pc}"
        );
    }
    assert_eq!(
        a.anonymise("seen 07.03.2024 10:30").text,
        "seen March 2024 10:30"
    );
}

#[test]
fn streets_named_like_a_person_are_left() {
    let a = jones();
    for text in [
        "She lives on Maes Road.",
        "Maes-y-Coed Road and Maesteg",
        "Ellington and Jonesy",
    ] {
        assert_eq!(a.anonymise(text).text, text);
        assert!(a.check(text).is_empty(), "{text}");
    }
    // A possessive is still a person.
    assert_eq!(
        a.anonymise("Maes room, Mae's road").text,
        "Child As room, Child A's road"
    );
}

#[test]
fn path_components_become_slugs() {
    let a = jones();
    let out = a.anonymise_path_component("2026-01-20-ellie-mae-jones-home-visit.md");
    assert_eq!(out.text, "2026-01-child-a-home-visit.md");
    assert_eq!(out.counts.get(&Kind::Name), Some(&1));
    for (name, want) in [
        ("ellie_mae_jones.md", "child-a.md"),
        ("Ellie-Mae Jones.docx", "child-a.docx"),
        ("EllieMaeJones.pdf", "child-a.pdf"),
        ("zoe.hart.notes.md", "social-worker-1.notes.md"),
        ("nhs-9434765919.txt", "nhs-nhs-number.txt"),
        ("dob-07-03-2019.md", "dob-aged-6.md"),
        ("home-visit.md", "home-visit.md"),
        ("..", ".."),
        ("", ""),
    ] {
        assert_eq!(a.anonymise_path_component(name).text, want, "{name}");
        assert!(
            a.check_path_component(&a.anonymise_path_component(name).text)
                .is_empty(),
            "{name}"
        );
    }
    let found = a.check_path_component("notes-for-ellie.md");
    let got: Vec<(usize, usize, Kind)> = found.iter().map(|f| (f.line, f.column, f.kind)).collect();
    assert_eq!(got, [(1, 11, Kind::GivenName)]);
    // Common words in a lower-case file name are reviewed, not replaced.
    let may = Anonymiser::new(
        &[person("m", "May Green", &[], "Carer")],
        Options::default(),
    );
    let out = may.anonymise_path_component("may-visit.md");
    assert_eq!(out.text, "may-visit.md");
    assert_eq!(out.review.len(), 1);
}

#[test]
fn the_check_sees_what_the_anonymiser_replaces() {
    let a = jones();
    let text = "Seen El<b></b>lie and\n\u{415}. M. J. at WN2 3XY, NHS 943.476.5919.";
    let found: Vec<(usize, usize, Kind)> = a
        .check(text)
        .iter()
        .map(|f| (f.line, f.column, f.kind))
        .collect();
    assert_eq!(
        found,
        [
            (1, 6, Kind::GivenName),
            (2, 1, Kind::Initials),
            (2, 13, Kind::Postcode),
            (2, 26, Kind::NhsNumber)
        ]
    );
    let out = a.anonymise(text);
    assert_eq!(out.counts.values().sum::<usize>(), found.len());
    assert!(a.check(&out.text).is_empty(), "{}", out.text);
}

#[test]
fn names_joined_by_markup_and_names_in_hidden_markup_are_found() {
    let a = jones();
    for (text, want) in [
        (
            "<b>Ellie</b><i>Jones</i> came",
            "<b>Child A</b><i>Child A</i> came",
        ),
        ("**Ellie**Jones came", "**Child A**Child A came"),
        ("Ellie\u{200B}Jones came", "Child A\u{200B}Child A came"),
        (
            "<img alt=\"Ellie Jones\" src=x.png> came",
            "<img alt=\"Child A\" src=x.png> came",
        ),
        ("<!-- about Ellie --> came", "<!-- about Child A --> came"),
        (
            "[her notes](notes/ellie-mae-jones.md) came",
            "[her notes](notes/child-a.md) came",
        ),
        ("¥Ellie came", "¥Child A came"),
    ] {
        assert_eq!(a.anonymise(text).text, want, "{text:?}");
        assert!(a.check(&a.anonymise(text).text).is_empty(), "{text:?}");
    }
}
