//! Concurrency: readers never see a half-written report while casebook rewrites it,
//! and read-only commands run side by side on one casebook agree with each other.
//! (Parallel `new` runs are in `init_new.rs`.)

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::support::{Scratch, casebook_with_note_of, command, run_in};

#[test]
fn readers_see_one_whole_report_or_the_other_while_it_is_rewritten() {
    let book = casebook_with_note_of(2_000_000);
    let out = book.path().join("drafts-report.out");
    let render = |format: &str| {
        let status = command(book.path())
            .args(["render-report", "T-2026-001", "lcspr-report", "--force"])
            .args(["--format", format, "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(status.status.success(), "{status:?}");
        std::fs::read(&out).unwrap()
    };
    let html = render("html");
    let md = render("md");
    assert_ne!(md, html);
    assert!(md.len() > 2_000_000 && html.len() > 2_000_000);

    let writing = AtomicBool::new(true);
    let reads: Vec<usize> = std::thread::scope(|scope| {
        let readers: Vec<_> = (0..3)
            .map(|_| {
                scope.spawn(|| {
                    let mut n = 0;
                    while writing.load(Ordering::Relaxed) {
                        let bytes = std::fs::read(&out).unwrap();
                        assert!(
                            bytes == md || bytes == html,
                            "a reader saw {} bytes: neither whole version",
                            bytes.len()
                        );
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        for i in 0..8 {
            render(if i % 2 == 0 { "html" } else { "md" });
        }
        writing.store(false, Ordering::Relaxed);
        readers.into_iter().map(|r| r.join().unwrap()).collect()
    });
    assert!(reads.iter().all(|&n| n > 0), "every reader read: {reads:?}");
    let leftovers: Vec<_> = std::fs::read_dir(book.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".casebook-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn parallel_read_only_commands_agree() {
    let s = Scratch::examples();
    let commands: [&[&str]; 5] = [
        &["validate"],
        &["validate", "--format", "json"],
        &["check-deadlines", "--format", "json"],
        &["check-deadlines"],
        &["status"],
    ];
    let expected: Vec<_> = commands
        .iter()
        .map(|args| run_in(s.path(), args).snapshot())
        .collect();
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| {
                for (args, want) in commands.iter().zip(&expected) {
                    let got = run_in(s.path(), args).snapshot();
                    assert_eq!(
                        &got, want,
                        "casebook {args:?} differed when run in parallel"
                    );
                }
            });
        }
    });
    eprintln!("40 parallel runs in {:?}", start.elapsed());
    assert!(expected[2].contains("\"summary\""), "{}", expected[2]);
}

/// A file replaced with --force keeps its permissions (a report shared read-only with a
/// team stays so); a new file is readable by its owner only.
#[test]
fn force_keeps_the_permissions_of_the_file_it_replaces() {
    use std::os::unix::fs::PermissionsExt;
    let s = crate::support::Scratch::fixture("minimal");
    assert_eq!(s.run(&["calendar", "--out", "deadlines.ics"]).code, 0);
    let path = s.path().join("deadlines.ics");
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(
        s.run(&["calendar", "--out", "deadlines.ics", "--force"])
            .code,
        0
    );
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o644
    );
}
