//! Crash safety: casebook killed (SIGKILL) in the middle of a large `anonymise` or
//! `render-report --out` leaves each output file either whole or absent, never half
//! written, and never changes the casebook it reads.
//!
//! Kills are timed two ways: spread over a whole run (most land while the case is read
//! or rendered), and a few milliseconds after the first output appears on disk, so some
//! certainly land while files are being written. A killed process cannot delete its
//! temporary file, so at most one `.casebook-*.tmp` may be left per killed run; the
//! next write into that folder removes it once it is over an hour old.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::support::{Scratch, big_casebook, command, contents, temp_files};

/// How long a single run may take before the test gives up on it.
const PATIENCE: Duration = Duration::from_secs(120);

fn spawn(dir: &Path, args: &[String]) -> Child {
    command(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Runs to the end and returns how long it took.
fn complete(dir: &Path, args: &[String]) -> Duration {
    let start = Instant::now();
    let status = spawn(dir, args).wait().unwrap();
    assert!(status.success(), "casebook {args:?} failed");
    start.elapsed()
}

/// Kills the child after `delay`; returns whether it was still running (really killed).
fn kill_after(mut child: Child, delay: Duration) -> bool {
    std::thread::sleep(delay);
    let running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    child.wait().unwrap();
    running
}

/// Kills the child `delay` after `writing()` first says the write has begun.
fn kill_once_writing(mut child: Child, writing: impl Fn() -> bool, delay: Duration) -> bool {
    let start = Instant::now();
    while !writing() && child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < PATIENCE, "the write never began");
        std::thread::sleep(Duration::from_micros(200));
    }
    kill_after(child, delay)
}

/// Delays spread evenly over a full run.
fn spread(full: Duration, n: u32) -> Vec<Duration> {
    (0..n).map(|i| full * i / n).collect()
}

/// Delays after the first write: 0 to 50 ms.
const AFTER_FIRST_WRITE_MS: [u64; 5] = [0, 3, 10, 25, 50];

/// Asserts every file in `out` is byte-for-byte the reference's file of the same name,
/// apart from at most one temporary file; returns how many files were written.
fn assert_whole_or_absent(out: &Path, reference: &Path) -> usize {
    let temps = temp_files(out);
    assert!(
        temps.len() <= 1,
        "one write at a time, so at most one temporary file: {temps:?}"
    );
    let mut whole = 0;
    for (rel, bytes) in contents(out) {
        if rel.ends_with('/') || temps.iter().any(|t| t.ends_with(&rel)) {
            continue;
        }
        let expected = std::fs::read(reference.join(&rel))
            .unwrap_or_else(|_| panic!("{rel} is not in the reference output"));
        assert!(
            bytes == expected,
            "{rel} is {} bytes, the complete file {}: a partial write",
            bytes.len(),
            expected.len()
        );
        whole += 1;
    }
    whole
}

/// Makes every temporary file look two hours old, as if left by yesterday's crash.
fn backdate(temps: &[PathBuf]) {
    for t in temps {
        let f = std::fs::File::options().write(true).open(t).unwrap();
        f.set_modified(SystemTime::now() - Duration::from_secs(2 * 60 * 60))
            .unwrap();
    }
}

#[test]
fn killing_anonymise_leaves_whole_files_or_none_and_the_case_untouched() {
    let book = big_casebook();
    let source = contents(book.path());
    let outs = Scratch::empty();
    let reference = outs.path().join("reference");
    let args = |out: &Path| -> Vec<String> {
        let out = out.display().to_string();
        ["anonymise", "T-2026-001", "--out", &out]
            .map(String::from)
            .to_vec()
    };
    let full = complete(book.path(), &args(&reference));
    let total_files = contents(&reference)
        .iter()
        .filter(|(r, _)| !r.ends_with('/'))
        .count();
    assert!(total_files > 100, "{total_files} files in the copy");

    let mut killed = 0;
    let mut partial = 0;
    let mut leftovers = Vec::new();
    let plans: Vec<(bool, Duration)> = spread(full, 3)
        .into_iter()
        .map(|d| (false, d))
        .chain(
            AFTER_FIRST_WRITE_MS
                .iter()
                .map(|ms| (true, Duration::from_millis(*ms))),
        )
        .collect();
    for (i, (after_first_write, delay)) in plans.into_iter().enumerate() {
        let out = outs.path().join(format!("out-{i}"));
        let child = spawn(book.path(), &args(&out));
        let was_running = if after_first_write {
            let began = || std::fs::read_dir(&out).is_ok_and(|mut e| e.next().is_some());
            kill_once_writing(child, began, delay)
        } else {
            kill_after(child, delay)
        };
        killed += usize::from(was_running);
        let whole = assert_whole_or_absent(&out, &reference);
        if whole > 0 && whole < total_files {
            partial += 1;
        }
        if out.join("anonymise-manifest.json").exists() {
            assert_eq!(whole, total_files, "the manifest is written last");
        }
        leftovers.extend(temp_files(&out));
        assert!(
            contents(book.path()) == source,
            "the source casebook changed"
        );
    }
    eprintln!(
        "anonymise: a full run took {full:?}; {killed} of 8 runs killed, {partial} mid-copy, {} temporary files left",
        leftovers.len()
    );
    assert!(killed >= 5, "the kills must interrupt most runs");
    assert!(
        partial >= 1,
        "at least one kill must land while files are written"
    );

    // The next complete run into a folder with a day-old temporary file tidies it away
    // (one folder is enough: every run is the same).
    backdate(&leftovers);
    if let Some(t) = leftovers.first() {
        let out = t
            .ancestors()
            .find(|p| p.parent() == Some(outs.path()))
            .unwrap()
            .to_path_buf();
        let mut forced = args(&out);
        forced.push("--force".into());
        complete(book.path(), &forced);
        assert!(!t.exists(), "{t:?} should have been removed");
        assert!(temp_files(&out).is_empty());
        assert_eq!(assert_whole_or_absent(&out, &reference), total_files);
    }
}

#[test]
fn killing_render_report_leaves_the_old_report_or_the_whole_new_one() {
    let book = big_casebook();
    let source = contents(book.path());
    let outs = Scratch::empty();
    let reference = outs.path().join("reference.md");
    let render = |out: &Path, force: bool| -> Vec<String> {
        let out = out.display().to_string();
        let mut a = ["render-report", "T-2026-001", "lcspr-report", "--out", &out]
            .map(String::from)
            .to_vec();
        if force {
            a.push("--force".into());
        }
        a
    };
    let full = complete(book.path(), &render(&reference, false));
    let whole = std::fs::read(&reference).unwrap();
    assert!(whole.len() > 9_000_000, "{} bytes", whole.len());
    let old = b"# An earlier version of the report\n".to_vec();

    let mut killed = 0;
    let mut leftovers = Vec::new();
    let plans: Vec<(bool, Duration)> = spread(full, 3)
        .into_iter()
        .map(|d| (false, d))
        .chain(
            AFTER_FIRST_WRITE_MS
                .iter()
                .map(|ms| (true, Duration::from_millis(*ms))),
        )
        .collect();
    for (i, (after_first_write, delay)) in plans.into_iter().enumerate() {
        let dir = outs.path().join(format!("run-{i}"));
        std::fs::create_dir(&dir).unwrap();
        let out = dir.join("lcspr-report.md");
        // Every other run replaces an earlier report with --force.
        let replacing = i % 2 == 1;
        if replacing {
            std::fs::write(&out, &old).unwrap();
        }
        let child = spawn(book.path(), &render(&out, replacing));
        let was_running = if after_first_write {
            // The temporary file appears as the report starts to be written.
            kill_once_writing(child, || !temp_files(&dir).is_empty(), delay)
        } else {
            kill_after(child, delay)
        };
        killed += usize::from(was_running);
        match std::fs::read(&out) {
            Ok(bytes) => assert!(
                bytes == whole || (replacing && bytes == old),
                "run {i}: the report is {} bytes, neither the old one nor the whole new one ({})",
                bytes.len(),
                whole.len()
            ),
            Err(e) => {
                assert_eq!(e.kind(), std::io::ErrorKind::NotFound);
                assert!(!replacing, "run {i}: --force lost the old report");
            }
        }
        let temps = temp_files(&dir);
        assert!(temps.len() <= 1, "{temps:?}");
        leftovers.extend(temps);
        assert!(
            contents(book.path()) == source,
            "the source casebook changed"
        );
    }
    eprintln!(
        "render-report: a full run took {full:?}; {killed} of 8 runs killed, {} temporary files left",
        leftovers.len()
    );
    assert!(killed >= 5, "the kills must interrupt most runs");

    backdate(&leftovers);
    if let Some(t) = leftovers.first() {
        let dir = t.parent().unwrap();
        let out = dir.join("lcspr-report.md");
        complete(book.path(), &render(&out, true));
        assert!(!t.exists(), "{t:?} should have been removed");
        assert_eq!(std::fs::read(&out).unwrap(), whole);
    }
}
