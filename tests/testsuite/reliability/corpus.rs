//! The corpus of broken casebooks: each is the healthy base with one thing wrong, the
//! file a message must name, and whether `validate` must notice.
//!
//! Every record type gets every way a file can be wrong (bad syntax, a wrong type,
//! bytes that are not UTF-8, nothing at all, a symbolic link out of the casebook, a
//! folder, a named pipe, no permission to read); then the structural faults: no cases/
//! folder, cases/ as a file, a case without case.yaml, a case folder linked out, notes
//! as a file or linked out, casebook.yaml as a folder, a broken process file, holiday
//! file and report template.

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::Command;

/// Breaks the healthy casebook at the first path; the second is a folder outside it.
pub type Breakage = Box<dyn Fn(&Path, &Path) + Send + Sync>;

/// A text replacement: the first occurrence of `.0` becomes `.1`.
type Edit = Option<(&'static str, &'static str)>;

/// One broken casebook.
pub struct Broken {
    /// What is wrong, for messages.
    pub name: String,
    /// The relative path a failing command must name (any one of them).
    pub names: Vec<String>,
    /// Makes the healthy base broken; `outside` is a folder beyond the casebook.
    pub apply: Breakage,
    /// Whether `validate` must fail on it.
    pub validate_fails: bool,
}

/// The record files every case type has in the base, with text that breaks the syntax
/// and text that has a value of the wrong type (`None` for Markdown bodies, which have
/// neither).
const RECORDS: &[(&str, Edit, Edit)] = &[
    (
        "casebook.yaml",
        Some(("short_name: T", "short_name: [T")),
        Some(("due_soon: 3", "due_soon: soon")),
    ),
    (
        "cases/T-2026-001/case.yaml",
        Some(("id: T-2026-001", "id: [T-2026-001")),
        Some(("opened: 2026-01-12", "opened: [2026, 1, 12]")),
    ),
    (
        "cases/T-2026-001/people.yaml",
        Some(("name: Grace Hall", "name: \"Grace Hall")),
        Some(("dob: 2025-08-14", "dob: {year: 2025}")),
    ),
    (
        "cases/T-2026-001/chronology.yaml",
        Some(("entries:", "entries: [")),
        Some(("entries:", "entries: 5\nold:")),
    ),
    (
        "cases/T-2026-001/actions.yaml",
        Some(("actions:", "actions: {")),
        Some(("status: done", "status: [done]")),
    ),
    (
        "cases/T-2026-001/referral.yaml",
        Some(("received:", "received: {")),
        Some(("threshold: \"yes\"", "threshold: maybe")),
    ),
    (
        "cases/T-2026-001/recommendation.yaml",
        Some(("decision: local", "decision: 'local")),
        Some(("unanimous: true", "unanimous: yes")),
    ),
    ("cases/T-2026-001/briefing.md", None, None),
    (
        "cases/T-2026-001/notes/2026-01-30-rapid-review-panel.md",
        Some(("title: Rapid Review Panel", "title: [Rapid Review Panel")),
        Some(("date: 2026-01-30", "date: soon")),
    ),
];

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Makes a named pipe; `false` when `mkfifo` is not there to make one.
pub fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// `names` lists the acceptable paths to name, separated by `|`.
fn broken(
    name: impl Into<String>,
    names: &str,
    validate_fails: bool,
    apply: impl Fn(&Path, &Path) + Send + Sync + 'static,
) -> Broken {
    Broken {
        name: name.into(),
        names: names.split('|').map(String::from).collect(),
        apply: Box::new(apply),
        validate_fails,
    }
}

/// Every broken casebook; `permissions` and `pipes` say whether this machine can test
/// unreadable files (not as root) and named pipes.
pub fn corpus(permissions: bool, pipes: bool) -> Vec<Broken> {
    let mut out = Vec::new();
    for &(rel, syntax, wrong_type) in RECORDS {
        if let Some((from, to)) = syntax {
            out.push(broken(
                format!("{rel}: bad syntax"),
                rel,
                true,
                move |root, _| replace_in(&root.join(rel), from, to),
            ));
        }
        if let Some((from, to)) = wrong_type {
            out.push(broken(
                format!("{rel}: wrong type"),
                rel,
                true,
                move |root, _| replace_in(&root.join(rel), from, to),
            ));
        }
        out.push(broken(
            format!("{rel}: not UTF-8"),
            rel,
            true,
            move |root, _| {
                let mut bytes = std::fs::read(root.join(rel)).unwrap();
                bytes.splice(20..20, [0xff, 0xfe, b'\n']);
                std::fs::write(root.join(rel), bytes).unwrap();
            },
        ));
        // An empty briefing or note body is content, not a broken record; an empty
        // note has no front matter, which is.
        out.push(broken(
            format!("{rel}: empty"),
            rel,
            !rel.ends_with("briefing.md"),
            move |root, _| std::fs::write(root.join(rel), "").unwrap(),
        ));
        out.push(broken(
            format!("{rel}: symlink out of the casebook"),
            rel,
            true,
            move |root, outside| {
                let target = outside.join("elsewhere");
                std::fs::rename(root.join(rel), &target).unwrap();
                symlink(&target, root.join(rel)).unwrap();
            },
        ));
        out.push(broken(
            format!("{rel}: a folder"),
            rel,
            true,
            move |root, _| {
                std::fs::remove_file(root.join(rel)).unwrap();
                std::fs::create_dir(root.join(rel)).unwrap();
                std::fs::write(root.join(rel).join("inside"), "x").unwrap();
            },
        ));
        if pipes {
            out.push(broken(
                format!("{rel}: a named pipe"),
                rel,
                true,
                move |root, _| {
                    std::fs::remove_file(root.join(rel)).unwrap();
                    assert!(mkfifo(&root.join(rel)));
                },
            ));
        }
        if permissions {
            out.push(broken(
                format!("{rel}: unreadable"),
                rel,
                true,
                move |root, _| {
                    let mode = std::fs::Permissions::from_mode(0o000);
                    std::fs::set_permissions(root.join(rel), mode).unwrap();
                },
            ));
        }
    }
    structural(&mut out, permissions);
    out
}

/// Folders in the wrong shape, and the optional files casebook.yaml can point to.
fn structural(out: &mut Vec<Broken>, permissions: bool) {
    // An empty casebook is not broken, but a command about a case it lacks must say so
    // (and `anonymise --check cases` that cases/ is not there).
    out.push(broken(
        "no cases/ folder",
        "T-2026-001|cases",
        false,
        |root, _| std::fs::remove_dir_all(root.join("cases")).unwrap(),
    ));
    out.push(broken("cases/ is a file", "cases", true, |root, _| {
        std::fs::remove_dir_all(root.join("cases")).unwrap();
        std::fs::write(root.join("cases"), "not a folder").unwrap();
    }));
    out.push(broken(
        "cases/ linked out of the casebook",
        "cases",
        true,
        |root, outside| {
            let target = outside.join("cases");
            std::fs::rename(root.join("cases"), &target).unwrap();
            symlink(&target, root.join("cases")).unwrap();
        },
    ));
    out.push(broken(
        "a case without case.yaml",
        "cases/T-2026-001",
        true,
        |root, _| std::fs::remove_file(root.join("cases/T-2026-001/case.yaml")).unwrap(),
    ));
    out.push(broken(
        "a case folder linked out of the casebook",
        "cases/T-2026-001",
        true,
        |root, outside| {
            let target = outside.join("T-2026-001");
            std::fs::rename(root.join("cases/T-2026-001"), &target).unwrap();
            symlink(&target, root.join("cases/T-2026-001")).unwrap();
        },
    ));
    out.push(broken(
        "notes/ is a file",
        "cases/T-2026-001/notes",
        true,
        |root, _| {
            let notes = root.join("cases/T-2026-001/notes");
            std::fs::remove_dir_all(&notes).unwrap();
            std::fs::write(notes, "notes go in a folder").unwrap();
        },
    ));
    out.push(broken(
        "notes/ linked out of the casebook",
        "cases/T-2026-001/notes",
        true,
        |root, outside| {
            let target = outside.join("notes");
            std::fs::rename(root.join("cases/T-2026-001/notes"), &target).unwrap();
            symlink(&target, root.join("cases/T-2026-001/notes")).unwrap();
        },
    ));
    out.push(broken(
        "casebook.yaml is a folder",
        "casebook.yaml",
        true,
        |root, _| {
            std::fs::remove_file(root.join("casebook.yaml")).unwrap();
            std::fs::create_dir(root.join("casebook.yaml")).unwrap();
        },
    ));
    out.push(broken(
        "a process file with a rule nobody can read",
        "processes/local.yaml",
        true,
        |root, _| {
            replace_in(&root.join("casebook.yaml"), "process: wscp-2021", "process: processes/local.yaml");
            std::fs::create_dir_all(root.join("processes")).unwrap();
            std::fs::write(
                root.join("processes/local.yaml"),
                "name: local\ntitle: Local\ntracks:\n  rapid-review:\n    title: RR\n    milestones:\n      - key: aware\n        title: Aware\n        due: soonish after breakfast\n",
            )
            .unwrap();
        },
    ));
    out.push(broken(
        "a bank holiday file that is not JSON",
        "data/holidays.json",
        true,
        |root, _| {
            let config = root.join("casebook.yaml");
            let text = std::fs::read_to_string(&config).unwrap();
            std::fs::write(
                &config,
                format!("{text}bank_holidays_file: data/holidays.json\n"),
            )
            .unwrap();
            std::fs::create_dir_all(root.join("data")).unwrap();
            std::fs::write(root.join("data/holidays.json"), "{\"england-and-wales\": [").unwrap();
        },
    ));
    // validate checks records, not templates: only render-report must notice.
    out.push(broken(
        "a report template with bad syntax",
        "reports/chronology.md.j2",
        false,
        |root, _| {
            std::fs::create_dir_all(root.join("templates/reports")).unwrap();
            std::fs::write(
                root.join("templates/reports/chronology.md.j2"),
                "# Chronology\n{% for e in %}\n",
            )
            .unwrap();
        },
    ));
    if permissions {
        for dir in ["cases", "cases/T-2026-001", "cases/T-2026-001/notes"] {
            out.push(broken(
                format!("{dir}/ unreadable"),
                dir,
                true,
                move |root, _| {
                    let mode = std::fs::Permissions::from_mode(0o000);
                    std::fs::set_permissions(root.join(dir), mode).unwrap();
                },
            ));
        }
    }
}
