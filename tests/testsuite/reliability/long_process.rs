//! A process file with a very long chain of rules: checked in linear time, and refused
//! past the milestone limit with one finding naming the file, never a hang.

use std::time::Duration;

use crate::support::{Scratch, run_with_deadline};

/// Far more than the checks need, even in a debug build on a busy machine.
const DEADLINE: Duration = Duration::from_secs(20);

/// A casebook whose process is one track of `n` milestones, each due a day after the one
/// before, and one case on that track that has recorded every milestone.
fn chained(n: usize) -> Scratch {
    let book = Scratch::empty();
    book.write(
        "casebook.yaml",
        "partnership: Testshire\nshort_name: T\nbank_holidays: england-and-wales\nprocess: processes/chain.yaml\n",
    );
    let mut process = String::from(
        "name: chain\ntitle: Chain\ntracks:\n  chain:\n    title: Chain\n    milestones:\n",
    );
    let mut case = String::from(
        "id: T-2026-001\ntitle: A long chain\nopened: 2026-01-05\ntracks: [chain]\nmilestones:\n",
    );
    for i in 0..n {
        process.push_str(&format!("      - key: m{i}\n        title: Step {i}\n"));
        if i > 0 {
            process.push_str(&format!("        due: 1 day after m{}\n", i - 1));
        }
        case.push_str(&format!("  m{i}: 2026-01-05\n"));
    }
    book.write("processes/chain.yaml", process);
    book.write("cases/T-2026-001/case.yaml", case);
    book
}

#[test]
fn a_chain_at_the_limit_is_checked_quickly() {
    let book = chained(2_000);
    for args in [
        &["validate"][..],
        &["check-deadlines"],
        &["status"],
        &["timeline", "T-2026-001", "--format", "json"],
    ] {
        let run = run_with_deadline(book.path(), args, DEADLINE)
            .unwrap_or_else(|| panic!("{args:?} still running after {DEADLINE:?}"));
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
}

#[test]
fn a_chain_past_the_limit_is_refused_by_every_command() {
    let book = chained(10_000);
    for args in [
        &["validate"][..],
        &["check-deadlines"],
        &["status"],
        &["calendar"],
        &["timeline", "T-2026-001"],
    ] {
        let run = run_with_deadline(book.path(), args, DEADLINE)
            .unwrap_or_else(|| panic!("{args:?} still running after {DEADLINE:?}"));
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with(
                "processes/chain.yaml:6006:14: error[process-too-large]: the process has 10,000 milestones; casebook reads at most 2,000"
            ),
            "{args:?}: {}",
            run.stderr
        );
    }
    insta::assert_snapshot!(book.run(&["validate"]).snapshot());
}
