//! The small mistakes a person makes at the command line get an error that says what to
//! type instead: a date written day first, a case id in the wrong case or missing a digit,
//! an agency, person or kind that the case does not have, running outside a casebook.
//! `--colour` is accepted beside `--color`.

use crate::support::Scratch;

/// Each mistake, one snapshot of exit code, stdout and stderr.
#[test]
fn each_mistake_says_what_to_type_instead() {
    let s = Scratch::fixture("minimal");
    let mut all = String::new();
    for args in [
        &["timeline", "T-2026-001", "--from", "01/02/2026"][..],
        &["timeline", "T-2026-001", "--from", "31/02/2026"],
        &["timeline", "t-2026-01"],
        &["timeline", "T-2026-009"],
        &["render-report", "t-2026-001", "rapid-review"],
        &["timeline", "T-2026-001", "--agency", "helth"],
        &["timeline", "T-2026-001", "--agency", "nosuch"],
        &["timeline", "T-2026-001", "--person", "chlid"],
        &["timeline", "T-2026-001", "--kind", "notes"],
    ] {
        let run = s.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.snapshot());
        all.push_str(&format!(
            "$ casebook {}\n{}\n",
            args.join(" "),
            run.snapshot()
        ));
    }
    insta::assert_snapshot!(all);
}

#[test]
fn outside_a_casebook_the_error_says_how_to_make_one() {
    let s = Scratch::empty();
    let run = s.run(&["status"]);
    assert_eq!(run.code, 2, "{}", run.snapshot());
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn colour_is_spelt_either_way() {
    let s = Scratch::fixture("minimal");
    let american = s.run(&["--color", "never", "status"]);
    let british = s.run(&["--colour", "never", "status"]);
    assert_eq!(american.code, british.code);
    assert_eq!(american.stdout, british.stdout);
    let forced = s.run(&["--colour", "always", "status"]);
    assert!(forced.stdout.contains("\u{1b}["), "{}", forced.stdout);
}
