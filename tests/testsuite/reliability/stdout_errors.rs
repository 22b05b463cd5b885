//! Standard output that cannot be written: a full disk is an error (exit 2, one clear
//! line), a closed pipe is not (the command's own exit code, nothing more on stderr).
//!
//! Every command that prints something on the healthy casebook is run twice more: once
//! into `/dev/full`, once into a pipe whose reader has already gone.

use std::process::Stdio;

use std::path::Path;

use super::{CASE, healthy};
use crate::support::{Run, Scratch, command, copy_dir};

/// Every command that writes to standard output, with each output format.
fn printing_commands() -> Vec<Vec<String>> {
    let mut list: Vec<Vec<&str>> = vec![
        vec!["--help"],
        vec!["--version"],
        vec!["validate"],
        vec!["validate", "--format", "json"],
        vec!["status"],
        vec!["status", "--format", "json"],
        vec!["render-report", "--list"],
        vec!["log", CASE],
        vec!["log", CASE, "--format", "json"],
        vec!["calendar"],
        vec!["anonymise", "--check", "cases"],
        vec![
            "new",
            "--title",
            "Fall from a window",
            "--track",
            "rapid-review",
        ],
    ];
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        list.push(vec!["completions", shell]);
    }
    for format in ["text", "md", "json", "csv", "html"] {
        list.push(vec!["timeline", CASE, "--format", format]);
    }
    for format in ["text", "json", "csv", "github", "junit"] {
        list.push(vec!["check-deadlines", "--format", format]);
    }
    for template in casebook::report::BUILTINS.iter().map(|b| b.name) {
        list.push(vec!["render-report", CASE, template]);
        list.push(vec!["render-report", CASE, template, "--format", "html"]);
    }
    list.into_iter()
        .map(|c| c.into_iter().map(String::from).collect())
        .collect()
}

/// A fresh copy of the healthy casebook `base`.
fn copy_of(base: &Path) -> Scratch {
    let book = Scratch::empty();
    copy_dir(base, book.path());
    book
}

/// Runs casebook on a copy of `base` with standard output `stdout`.
fn run_into(base: &Path, args: &[String], stdout: Stdio) -> Run {
    let book = copy_of(base);
    let out = command(book.path())
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&out.stderr).to_string(),
    }
}

/// What the command prints normally: its exit code and standard error.
fn normally(base: &Path, args: &[String]) -> Option<Run> {
    let book = copy_of(base);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = book.run(&args);
    (!run.stdout.is_empty()).then_some(run)
}

#[test]
fn a_full_disk_is_an_error_for_every_command() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("no /dev/full here: skipped");
        return;
    };
    let base = healthy();
    let mut problems = Vec::new();
    for args in printing_commands() {
        assert!(
            normally(base.path(), &args).is_some(),
            "{args:?} prints nothing normally"
        );
        let run = run_into(base.path(), &args, Stdio::from(full.try_clone().unwrap()));
        let said = "error: could not write to standard output: No space left on device";
        if run.code != 2 || !run.stderr.contains(said) {
            problems.push(format!("{args:?}: exit {}\n{}", run.code, run.stderr));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let base = healthy();
    let mut problems = Vec::new();
    for args in printing_commands() {
        let Some(healthy) = normally(base.path(), &args) else {
            panic!("{args:?} prints nothing normally");
        };
        let (reader, writer) = std::io::pipe().unwrap();
        // The reader goes before casebook starts: its first write meets a closed pipe.
        drop(reader);
        let run = run_into(base.path(), &args, Stdio::from(writer));
        if run.code != healthy.code || run.stderr.contains("error") {
            problems.push(format!(
                "{args:?}: exit {} (normally {})\n{}",
                run.code, healthy.code, run.stderr
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn init_into_a_full_disk_says_so() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let dir = Scratch::empty();
    let out = command(dir.path())
        .args(["init", "book"])
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: could not write to standard output"),
        "{stderr}"
    );
}
