//! The reliability suite: every subcommand on every broken casebook of the corpus.
//!
//! For each run it asserts: the exit code is 0, 1 or 2 (a panic is 101, a signal none);
//! standard error never shows a panic or a backtrace; a run that fares worse than on
//! the healthy casebook names the broken file; the run ends within [`DEADLINE`] (it is
//! killed and reported otherwise); and nothing in the casebook changes, except the new
//! case that a successful `new` makes. `validate` must also fail on every corpus entry
//! that is a broken record.
//!
//! All failures are collected and reported together, so one run shows every problem.
//! Casebooks are checked on a few threads at once to keep the suite near 30 seconds on
//! two cores.

mod corpus;
mod deep_templates;
mod encrypted;
mod far_dates;
mod half_done;
mod long_process;
mod out_targets;
mod shallow_clone;
mod stdout_errors;
mod terminal_safety;
mod yaml_errors;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::support::{
    Run, Scratch, contents, copy_dir, git_command, permissions_are_ignored, run_with_deadline,
};

/// The longest any run may take, even on a busy two-core machine.
const DEADLINE: Duration = Duration::from_secs(20);

const CASE: &str = "T-2026-001";

/// A referral form for the minimal fixture's first case (it has none).
const REFERRAL: &str = "received: 2026-01-13
referrer: hv1
agency: Health Visiting
subject: child
significant_others: [mother]
history: A baby of five months living with Mother.
concerns: A bruise on a baby who is not yet mobile.
own_agency_involvement: Universal health visiting since birth.
focus: Information sharing between police and health.
threshold: \"yes\"
";

/// A recommendation form for the same case.
const RECOMMENDATION: &str = "unanimous: true
s16c_criteria: [abuse-or-neglect-known-or-suspected, died-or-seriously-harmed-in-area]
local_criteria: [improvements-needed]
decision: local
rationale: The learning about information sharing is local.
signed_by: Director of Children's Services
signed_on: 2026-01-30
";

/// The healthy casebook every broken one starts from: the minimal fixture with every
/// record type, committed to git so `log` has a history.
fn healthy() -> Scratch {
    let s = Scratch::fixture("minimal");
    s.write(&format!("cases/{CASE}/referral.yaml"), REFERRAL);
    s.write(&format!("cases/{CASE}/recommendation.yaml"), RECOMMENDATION);
    git_command(s.path()).args(["init", "-q"]).status().unwrap();
    s.git(&["add", "-A"]);
    s.git(&["commit", "-q", "-m", "casebook: the healthy base"]);
    s
}

/// Every subcommand with default flags, each format and each template; `new` last,
/// because it is the one that may write.
fn commands(out: &Path) -> Vec<Vec<String>> {
    let mut list: Vec<Vec<&str>> = vec![
        vec!["init"],
        vec!["validate"],
        vec!["validate", "--format", "json"],
        vec!["status"],
        vec!["status", "--format", "json"],
        vec!["render-report", "--list"],
        vec!["anonymise", "--check", "cases"],
        vec!["log", CASE],
        vec!["calendar"],
        vec!["completions", "bash"],
    ];
    for format in ["text", "md", "json", "csv", "html"] {
        list.push(vec!["timeline", CASE, "--format", format]);
    }
    for format in ["text", "json", "csv", "github", "junit"] {
        list.push(vec!["check-deadlines", "--format", format]);
    }
    for template in casebook::report::BUILTINS.iter().map(|b| b.name) {
        list.push(vec!["render-report", CASE, template]);
    }
    let out = out.display().to_string();
    let mut owned: Vec<Vec<String>> = list
        .into_iter()
        .map(|c| c.into_iter().map(String::from).collect())
        .collect();
    owned.push(
        ["anonymise", CASE, "--out", &out]
            .map(String::from)
            .to_vec(),
    );
    owned.push(
        [
            "new",
            "--title",
            "Fall from a window",
            "--track",
            "rapid-review",
        ]
        .map(String::from)
        .to_vec(),
    );
    owned
}

/// Runs one command and returns its outcome, or `None` if it had to be killed.
fn run(dir: &Path, args: &[String]) -> Option<Run> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run_with_deadline(dir, &args, DEADLINE)
}

/// Checks one run against the rules; returns what is wrong with it.
fn judge(
    broken: &corpus::Broken,
    args: &[String],
    healthy_code: i32,
    run: Option<&Run>,
) -> Vec<String> {
    let what = format!("[{}] casebook {}", broken.name, args.join(" "));
    let Some(run) = run else {
        return vec![format!("{what}: still running after {DEADLINE:?}; killed")];
    };
    let mut problems = Vec::new();
    if !matches!(run.code, 0..=2) {
        problems.push(format!("{what}: exit code {}\n{}", run.code, run.stderr));
    }
    if run.stderr.contains("panicked") || run.stderr.contains("RUST_BACKTRACE") {
        problems.push(format!("{what}: panicked\n{}", run.stderr));
    }
    let worse = run.code != healthy_code && run.code != 0;
    let said = format!("{}{}", run.stderr, run.stdout);
    if worse && !broken.names.iter().any(|n| said.contains(n.as_str())) {
        problems.push(format!(
            "{what}: exit {} without naming {}\n{}",
            run.code,
            broken.names.join(" or "),
            run.stderr
        ));
    }
    if args[0] == "validate" && broken.validate_fails && run.code == 0 {
        problems.push(format!("{what}: validate found nothing wrong"));
    }
    problems
}

/// Whether `after` is `before` plus a new case folder and its files: all `new` may add.
fn only_a_new_case(before: &[(String, Vec<u8>)], after: &[(String, Vec<u8>)]) -> bool {
    let case_of = |path: &str| {
        path.strip_prefix("cases/")
            .map(|r| r.split('/').next().unwrap_or("").to_string())
    };
    let existing: BTreeSet<String> = before.iter().filter_map(|(p, _)| case_of(p)).collect();
    let kept = before.iter().all(|e| after.contains(e));
    let added_only_new_cases = after
        .iter()
        .filter(|e| !before.contains(e))
        .all(|(p, _)| case_of(p).is_some_and(|id| !existing.contains(&id)));
    kept && added_only_new_cases
}

/// Gives back every permission the corpus took away, so the folder can be deleted.
fn restore_permissions(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return;
    };
    if meta.file_type().is_symlink() {
        return;
    }
    let mode = if meta.is_dir() { 0o755 } else { 0o644 };
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode));
    if meta.is_dir()
        && let Ok(entries) = std::fs::read_dir(dir)
    {
        for e in entries.flatten() {
            restore_permissions(&e.path());
        }
    }
}

/// Checks one broken casebook with every command; returns the problems found.
fn check(base: &Path, broken: &corpus::Broken, healthy_codes: &[i32]) -> Vec<String> {
    let book = Scratch::empty();
    let outside = Scratch::empty();
    copy_dir(base, book.path());
    (broken.apply)(book.path(), outside.path());
    let out = outside.path().join("published");
    let mut problems = Vec::new();
    let before = contents(book.path());
    for (args, &healthy_code) in commands(&out).iter().zip(healthy_codes) {
        let result = run(book.path(), args);
        problems.extend(judge(broken, args, healthy_code, result.as_ref()));
        if result.is_none() {
            // One hang is enough to know; twenty more would keep CI waiting for nothing.
            problems.push(format!("[{}] remaining commands skipped", broken.name));
            break;
        }
        let after = contents(book.path());
        let wrote_a_case = args[0] == "new" && result.as_ref().is_some_and(|r| r.code == 0);
        let allowed = after == before || (wrote_a_case && only_a_new_case(&before, &after));
        if !allowed {
            problems.push(format!(
                "[{}] casebook {}: changed the casebook",
                broken.name,
                args.join(" ")
            ));
        }
    }
    restore_permissions(book.path());
    restore_permissions(outside.path());
    problems
}

#[test]
fn every_command_survives_every_broken_casebook() {
    let start = Instant::now();
    let base = healthy();
    let out = Scratch::empty();
    let commands = commands(&out.path().join("published"));
    // What each command does on the healthy casebook, for telling a worse outcome.
    let healthy_codes: Vec<i32> = commands
        .iter()
        .map(|args| {
            let copy = Scratch::empty();
            copy_dir(base.path(), copy.path());
            let r = run(copy.path(), args).expect("the healthy casebook does not hang");
            assert!(matches!(r.code, 0..=2), "{args:?}: {}", r.stderr);
            r.code
        })
        .collect();
    assert_eq!(
        healthy_codes[1], 0,
        "validate passes on the healthy casebook"
    );

    let permissions = !permissions_are_ignored();
    let pipes = corpus::mkfifo(&out.path().join("probe-fifo"));
    let corpus = corpus::corpus(permissions, pipes);
    let next = AtomicUsize::new(0);
    let problems = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(broken) = corpus.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let found = check(base.path(), broken, &healthy_codes);
                    problems.lock().unwrap().extend(found);
                }
            });
        }
    });
    let problems = problems.into_inner().unwrap();
    eprintln!(
        "reliability: {} broken casebooks × {} commands in {:.1?} ({} threads; unreadable files {}, named pipes {})",
        corpus.len(),
        commands.len(),
        start.elapsed(),
        workers,
        if permissions {
            "tested"
        } else {
            "skipped: running as root"
        },
        if pipes {
            "tested"
        } else {
            "skipped: no mkfifo"
        },
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}

/// The corpus covers what the suite promises: every record type, broken every way.
#[test]
fn the_corpus_breaks_every_record_every_way() {
    let corpus = corpus::corpus(true, true);
    let names: Vec<&str> = corpus.iter().map(|b| b.name.as_str()).collect();
    for record in [
        "case.yaml",
        "people.yaml",
        "referral.yaml",
        "chronology.yaml",
        "actions.yaml",
        "recommendation.yaml",
    ] {
        for way in [
            "bad syntax",
            "wrong type",
            "not UTF-8",
            "empty",
            "symlink out of the casebook",
            "a folder",
            "a named pipe",
            "unreadable",
        ] {
            let wanted = format!("cases/T-2026-001/{record}: {way}");
            assert!(names.contains(&wanted.as_str()), "missing: {wanted}");
        }
    }
    assert!(corpus.len() > 80, "{}", corpus.len());
}
