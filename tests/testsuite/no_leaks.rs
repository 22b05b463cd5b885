//! No network and no leaks.
//!
//! casebook makes no network calls: no HTTP, TLS or socket crate is in its dependency
//! tree, libgit2 is built without https and ssh, and its own code never names
//! `std::net`. And no command prints a value from a case's people.yaml (names, aliases,
//! name parts, dates of birth, addresses, phone numbers, e-mail addresses) on standard
//! output or error unless the user asked for exactly that:
//!
//! - `render-report` without `--anonymised`: the report *is* the output, and a report
//!   about a child names the child. Its standard output is left out; its standard error
//!   is checked like every other command's.
//! - `anonymise --check --show-values`: the flag exists to print the values. Run here as
//!   the control that proves the search below would find a leak.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use casebook::model::PeopleFile;

use crate::support::{Scratch, git_command, repo, run_in};

/// Crates that open network connections or speak TLS.
const NETWORK_CRATES: &[&str] = &[
    "attohttpc",
    "curl",
    "curl-sys",
    "h2",
    "h3",
    "hyper",
    "hyper-rustls",
    "hyper-tls",
    "hyper-util",
    "isahc",
    "libssh2-sys",
    "native-tls",
    "openssl",
    "openssl-sys",
    "quinn",
    "reqwest",
    "rustls",
    "socket2",
    "surf",
    "tokio-rustls",
    "tungstenite",
    "ureq",
];

/// Features that would give a dependency a network transport.
const NETWORK_FEATURES: &[(&str, &[&str])] = &[
    ("git2", &["https", "ssh", "openssl-sys", "openssl-probe"]),
    (
        "libgit2-sys",
        &["https", "ssh", "libssh2-sys", "openssl-sys"],
    ),
    ("tokio", &["net", "full"]),
];

#[test]
fn no_network_client_is_in_the_dependency_tree() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let args = [
        "tree",
        "-e",
        "normal",
        "--prefix",
        "none",
        "--offline",
        "--format",
        "{p} {f}",
    ];
    let out = match Command::new(&cargo).current_dir(repo()).args(args).output() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("note: cargo is not available ({cargo}: {e}); dependency check skipped");
            return;
        }
    };
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    let mut names = BTreeSet::new();
    let mut problems = Vec::new();
    for line in tree.lines() {
        let mut parts = line.split_whitespace();
        let (Some(name), Some(_version)) = (parts.next(), parts.next()) else {
            continue;
        };
        names.insert(name.to_string());
        if NETWORK_CRATES.contains(&name) {
            problems.push(format!("network crate: {line}"));
        }
        let features: Vec<&str> = line.rsplit(' ').next().unwrap_or("").split(',').collect();
        for (krate, banned) in NETWORK_FEATURES {
            if name == *krate && features.iter().any(|f| banned.contains(f)) {
                problems.push(format!("network feature: {line}"));
            }
        }
    }
    assert!(
        names.contains("casebook") && names.contains("git2"),
        "the tree did not parse:\n{tree}"
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

/// `cargo tree` above sees this platform's dependencies; Cargo.lock lists every
/// platform's (and the tests'), so no network crate hides behind a `cfg(windows)`.
#[test]
fn no_network_crate_is_in_the_lock_file_for_any_platform() {
    let lock = std::fs::read_to_string(repo().join("Cargo.lock")).unwrap();
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .collect();
    assert!(names.contains(&"git2"), "Cargo.lock did not parse");
    let found: Vec<&&str> = names
        .iter()
        .filter(|n| NETWORK_CRATES.contains(n) || **n == "tokio")
        .collect();
    assert!(found.is_empty(), "network crates in Cargo.lock: {found:?}");
}

#[test]
fn casebook_code_never_names_the_network() {
    let mut files = Vec::new();
    collect_rs(&repo().join("src"), &mut files);
    assert!(files.len() > 20);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for word in [
            "std::net",
            "TcpStream",
            "UdpSocket",
            "TcpListener",
            "ToSocketAddrs",
        ] {
            assert!(!text.contains(word), "{} uses {word}", file.display());
        }
    }
}

fn collect_rs(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_rs(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// One identifying value and how to look for it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Secret {
    /// The case, the person's id and the field it came from.
    origin: String,
    value: String,
    /// A name, alias or name part: a whole word in any case. Otherwise (dates of birth,
    /// addresses, phone numbers, e-mail addresses) the exact text anywhere.
    word: bool,
}

/// Every identifying value in every case's people.yaml under `root`.
fn secrets(root: &Path) -> Vec<Secret> {
    let mut out = BTreeSet::new();
    for case in std::fs::read_dir(root.join("cases")).unwrap().flatten() {
        let path = case.path().join("people.yaml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let file: PeopleFile = casebook::yaml::parse("people.yaml", &text).unwrap();
        let case_id = case.file_name().to_string_lossy().to_string();
        for p in &file.people {
            let mut add = |field: &str, value: &str, word: bool| {
                out.insert(Secret {
                    origin: format!("{case_id} {} {field}", p.id.value),
                    value: value.to_string(),
                    word,
                });
            };
            let names: Vec<&str> = p
                .name
                .iter()
                .map(|n| n.value.as_str())
                .chain(p.aliases.iter().map(String::as_str))
                .collect();
            for n in &names {
                add("name", n, true);
                // No name part in the examples is also an everyday word, so none is
                // excused; a new example that needs one should say so here.
                for part in n.split(|c: char| !c.is_alphabetic() && c != '\'') {
                    if part.chars().count() >= 3 {
                        add("name part", part, true);
                    }
                }
            }
            if let Some(d) = &p.dob {
                add("dob", &d.to_string(), false);
            }
            for (field, v) in [("phone", &p.phone), ("email", &p.email)] {
                if let Some(v) = v {
                    add(field, v, false);
                }
            }
            if let Some(a) = &p.address {
                add("address", a, false);
                // A line with a number in it (the house, the postcode) identifies a home on
                // its own; a town or a country ("Wrocław, Poland") does not.
                for line in a.split(',').map(str::trim) {
                    if line.chars().any(|c| c.is_ascii_digit()) {
                        add("address line", line, false);
                    }
                }
            }
        }
    }
    out.into_iter().collect()
}

/// The secrets `text` contains.
fn found<'a>(text: &str, secrets: &'a [Secret]) -> Vec<&'a Secret> {
    let lower = text.to_lowercase();
    secrets
        .iter()
        .filter(|s| {
            if !s.word {
                return text.contains(&s.value);
            }
            let needle = s.value.to_lowercase();
            lower.match_indices(&needle).any(|(i, m)| {
                let before = lower[..i].chars().next_back();
                let after = lower[i + m.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
        .collect()
}

/// The example casebook in a git repository (so `log` has a history to show).
fn examples_in_git() -> Scratch {
    let s = Scratch::examples();
    git_command(s.path()).args(["init", "-q"]).status().unwrap();
    s.git(&["add", "-A"]);
    s.git(&["commit", "-q", "-m", "Example casebook"]);
    s
}

fn case_ids(root: &Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(root.join("cases"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn no_command_prints_a_people_yaml_value_unless_asked() {
    let s = examples_in_git();
    let secrets = secrets(s.path());
    assert!(secrets.len() > 100, "{} values", secrets.len());
    let ids = case_ids(s.path());
    let out = Scratch::empty();

    // (arguments, whether standard output is checked)
    let mut runs: Vec<(Vec<String>, bool)> = Vec::new();
    let mut add = |args: &[&str], stdout: bool| {
        runs.push((args.iter().map(|a| a.to_string()).collect(), stdout));
    };
    for format in ["text", "json", "github", "junit"] {
        add(&["validate", "--format", format], true);
    }
    for format in ["text", "json"] {
        add(&["status", "--format", format], true);
    }
    for format in ["text", "json", "csv", "github", "junit"] {
        add(&["check-deadlines", "--format", format], true);
    }
    add(&["calendar"], true);
    add(&["render-report", "--list"], true);
    add(&["completions", "bash"], true);
    add(&["anonymise", "--check", "cases"], true);
    for id in &ids {
        for format in ["text", "md", "json", "csv", "html"] {
            add(&["timeline", id, "--format", format], true);
        }
        add(&["log", id], true);
        let dest = out.path().join(id);
        add(
            &["anonymise", id, "--out", &dest.display().to_string()],
            true,
        );
        for template in casebook::report::BUILTINS.iter().map(|b| b.name) {
            add(&["render-report", id, template], false);
            add(&["render-report", id, template, "--anonymised"], true);
        }
    }
    add(
        &[
            "new",
            "--title",
            "Injury to a toddler",
            "--track",
            "rapid-review",
        ],
        true,
    );
    let fresh = out.path().join("fresh");
    add(&["init", &fresh.display().to_string()], true);

    let mut leaks = Vec::new();
    let mut ran = 0;
    for (args, check_stdout) in &runs {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = run_in(s.path(), &a);
        assert!(run.code <= 2, "{args:?}: {}", run.snapshot());
        ran += 1;
        let streams = [
            ("stdout", &run.stdout, *check_stdout),
            ("stderr", &run.stderr, true),
        ];
        for (stream, text, checked) in streams {
            if !checked {
                continue;
            }
            for secret in found(text, &secrets) {
                leaks.push(format!("{args:?} {stream}: {secret:?}"));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "{} runs; leaks:\n{}",
        ran,
        leaks.join("\n")
    );

    // The control: asked for values, casebook prints them, and the search finds them.
    let shown = run_in(
        s.path(),
        &["anonymise", "--check", "cases", "--show-values"],
    );
    assert_eq!(shown.code, 1);
    assert!(found(&shown.stdout, &secrets).len() > 20);
}

/// A broken people.yaml gets findings that say where, never what: CI logs show them.
#[test]
fn findings_about_a_broken_people_yaml_never_quote_it() {
    let path = "cases/T-2026-001/people.yaml";
    let breakages: [(&str, &str, &str); 6] = [
        (
            "a date of birth in another format",
            "dob: 2025-08-14",
            "dob: 14/08/2025",
        ),
        (
            "a name where a list belongs",
            "aliases: [Ellie]",
            "aliases: Ellie-Mae O'Brien",
        ),
        (
            "a list where a name belongs",
            "name: Grace Hall",
            "name: [Grace Hall",
        ),
        (
            "a name as a key",
            "job: Health Visitor",
            "Grace Hall: Health Visitor",
        ),
        (
            "a misspelt field",
            "name: Siobhán O'Brien",
            "nmae: Siobhán O'Brien",
        ),
        (
            "an unclosed quote",
            "name: Grace Hall",
            "name: \"Grace Hall",
        ),
    ];
    for (what, from, to) in breakages {
        let s = Scratch::fixture("minimal");
        let original = s.read(path);
        let mut secrets = secrets(s.path());
        secrets.push(Secret {
            origin: "the broken value".into(),
            value: "14/08/2025".into(),
            word: false,
        });
        assert!(original.contains(from), "{what}");
        s.write(path, original.replace(from, to));
        let runs: [&[&str]; 9] = [
            &["validate"],
            &["validate", "--format", "json"],
            &["validate", "--format", "github"],
            &["validate", "--format", "junit"],
            &["timeline", "T-2026-001", "--person", "child"],
            &["render-report", "T-2026-001", "chronology"],
            &["anonymise", "T-2026-001", "--out", "publish"],
            &["anonymise", "--check", "cases"],
            &["timeline", "T-2026-001", "--anonymised"],
        ];
        for args in runs {
            let run = run_in(s.path(), args);
            assert!(
                matches!(run.code, 1 | 2),
                "{what}: {args:?}: {}",
                run.snapshot()
            );
            assert!(
                run.stderr.contains(path) || run.stdout.contains(path),
                "{what}: {args:?}: {}",
                run.snapshot()
            );
            let leaks = found(&format!("{}{}", run.stdout, run.stderr), &secrets);
            assert!(
                leaks.is_empty(),
                "{what}: {args:?} printed {leaks:?}:\n{}",
                run.snapshot()
            );
        }
    }
}
