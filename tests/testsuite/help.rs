//! `--help` of casebook and of every subcommand, one snapshot each, so a change to the
//! help text shows in review. The subcommands come from clap's own definition, so a new
//! one gets a snapshot (and a failing test until it is reviewed) without editing this
//! file. The width is pinned: `support::command` sets `COLUMNS=100`, and `Cli` caps
//! clap's wrapping at 100 columns (`max_term_width`), whatever the terminal.

use std::panic::{AssertUnwindSafe, catch_unwind};

use casebook::cli::Cli;
use clap::CommandFactory;

use crate::support::{Scratch, repo};

/// The snapshot name for a subcommand's help (`None`: the top level), so the files are
/// `testsuite__help__casebook.snap`, `testsuite__help__check-deadlines.snap`, ….
fn snapshot_name(subcommand: Option<&str>) -> String {
    subcommand.unwrap_or("casebook").to_string()
}

/// Every subcommand clap knows, in the order `--help` lists them.
fn subcommands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

#[test]
fn every_help_text_is_snapshotted() {
    let s = Scratch::empty();
    let mut targets: Vec<Option<String>> = vec![None];
    targets.extend(subcommands().into_iter().map(Some));
    // Each snapshot is checked even when an earlier one differs, so one run writes every
    // `.snap.new` to review.
    let mut failed = Vec::new();
    for target in &targets {
        let mut args: Vec<&str> = target.iter().map(String::as_str).collect();
        args.push("--help");
        let run = s.run(&args);
        let name = snapshot_name(target.as_deref());
        let checked = catch_unwind(AssertUnwindSafe(|| {
            assert_eq!(run.code, 0, "casebook {args:?}: {}", run.snapshot());
            insta::assert_snapshot!(name.clone(), run.snapshot());
        }));
        if checked.is_err() {
            failed.push(name);
        }
    }
    assert!(failed.is_empty(), "help snapshots that differ: {failed:?}");
}

#[test]
fn the_list_of_subcommands_is_the_one_users_see() {
    let names = subcommands();
    assert!(names.iter().any(|n| n == "check-deadlines"), "{names:?}");
    let run = Scratch::empty().run(&["--help"]);
    for name in &names {
        assert!(
            run.stdout.contains(&format!("\n  {name} ")),
            "{name} missing from --help:\n{}",
            run.stdout
        );
    }
}

#[test]
fn no_help_snapshot_is_left_from_a_removed_subcommand() {
    let mut expected: Vec<String> = vec![snapshot_name(None)];
    expected.extend(subcommands().iter().map(|n| snapshot_name(Some(n))));
    let dir = repo().join("tests/testsuite/snapshots");
    let mut stale = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().to_string();
        let Some(name) = file
            .strip_prefix("testsuite__help__")
            .and_then(|f| f.strip_suffix(".snap"))
        else {
            continue;
        };
        if !expected.iter().any(|e| e == name) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "help snapshots with no subcommand: {stale:?}"
    );
}
