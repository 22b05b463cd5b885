//! Helpers shared by the CLI tests: fixtures copied to a temp dir, the binary run with a
//! pinned environment, and output formatted for insta snapshots.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The README's as-of date; every test pins its dates.
pub const AS_OF: &str = "2026-11-26";

/// The repository's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder recursively (symlinks are recreated, not followed).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let ft = entry.file_type().unwrap();
        if ft.is_dir() {
            copy_dir(&entry.path(), &target);
        } else if ft.is_symlink() {
            let link = std::fs::read_link(entry.path()).unwrap();
            std::os::unix::fs::symlink(link, &target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A scratch casebook: a temp dir holding a copy of a fixture.
pub struct Scratch {
    /// Keeps the temp dir alive.
    pub dir: tempfile::TempDir,
}

impl Scratch {
    /// Copies `tests/fixtures/<name>` into a fresh temp dir.
    pub fn fixture(name: &str) -> Scratch {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
        Scratch { dir }
    }

    /// Copies `example-cases/` into a fresh temp dir.
    pub fn examples() -> Scratch {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("example-cases"), dir.path());
        Scratch { dir }
    }

    /// An empty temp dir.
    pub fn empty() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders).
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
    }

    /// Reads a file.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    /// Runs casebook in this folder with the pinned environment.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }

    /// Runs casebook here with the pinned environment plus (or overriding) `env`.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        run_in_env(self.path(), args, env)
    }

    /// Runs `git` here with a pinned identity and dates.
    pub fn git(&self, args: &[&str]) -> String {
        let out = git_command(self.path()).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    /// Lists every file under the folder (relative, sorted), ignoring .git.
    pub fn files(&self) -> Vec<String> {
        let mut out = Vec::new();
        list(self.path(), self.path(), &mut out);
        out.sort();
        out
    }
}

fn list(base: &Path, dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_name() == ".git" {
            continue;
        }
        if e.file_type().unwrap().is_dir() {
            list(base, &e.path(), out);
        } else {
            out.push(
                e.path()
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
}

/// A `git` command with the environment pinned.
pub fn git_command(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Test Author")
        .env("GIT_AUTHOR_EMAIL", "author@example.org")
        .env("GIT_COMMITTER_NAME", "Test Author")
        .env("GIT_COMMITTER_EMAIL", "author@example.org")
        .env("GIT_AUTHOR_DATE", "2026-01-15T10:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2026-01-15T10:00:00+00:00")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1");
    cmd
}

/// What one run printed and returned.
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Formats the run for a snapshot: exit code, then stdout, then stderr.
    pub fn snapshot(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs the real binary in `dir` with a pinned environment (as-of, no colour, UTC, HOME).
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_in_env(dir, args, &[])
}

/// The real binary, to run in `dir` with the pinned environment (as-of, no colour, UTC,
/// HOME, git identity, 100 columns). The rest of the environment is inherited on
/// purpose: CI's `CASEBOOK_YAML_FAST=0 cargo test --test testsuite` must reach the binary.
pub fn command(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casebook"));
    cmd.current_dir(dir)
        .args(["--as-of", AS_OF])
        .env_remove("CASEBOOK_ROOT")
        .env_remove("CASEBOOK_AS_OF")
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .env("HOME", dir)
        .env("COLUMNS", "100")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test Author")
        .env("GIT_AUTHOR_EMAIL", "author@example.org")
        .env("GIT_COMMITTER_NAME", "Test Author")
        .env("GIT_COMMITTER_EMAIL", "author@example.org");
    cmd
}

/// Runs the real binary in `dir` with the pinned environment plus `env`.
pub fn run_in_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = command(dir);
    cmd.args(args);
    cmd.envs(env.iter().copied());
    let out = cmd.output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).replace(&dir.display().to_string(), "[DIR]");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: text(&out.stdout),
        stderr: text(&out.stderr),
    }
}

/// Runs the real binary in `dir` and waits at most `deadline`: `None` when it had to be
/// killed. Output is read as it comes, so a chatty command cannot block on a full pipe.
/// Paths are left as they are (no `[DIR]`), so callers can look for them.
pub fn run_with_deadline(dir: &Path, args: &[&str], deadline: Duration) -> Option<Run> {
    let mut child = command(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).to_string()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = stdout.join().unwrap();
    let stderr = stderr.join().unwrap();
    status.map(|s| Run {
        code: s.code().unwrap_or(-1),
        stdout,
        stderr,
    })
}

/// Every file under `dir` (relative path, bytes), sorted, skipping `.git`: a fingerprint
/// to compare before and after a command that must write nothing.
pub fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            if e.file_name() == ".git" {
                continue;
            }
            let rel = e
                .path()
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .to_string();
            let ft = e.file_type().unwrap();
            if ft.is_symlink() {
                let target = std::fs::read_link(e.path()).unwrap();
                out.push((
                    format!("{rel} -> symlink"),
                    target.to_string_lossy().as_bytes().to_vec(),
                ));
            } else if ft.is_dir() {
                out.push((format!("{rel}/"), Vec::new()));
                walk(base, &e.path(), out);
            } else if ft.is_file() {
                // A file made unreadable on purpose is listed without its bytes.
                out.push((rel, std::fs::read(e.path()).unwrap_or_default()));
            } else {
                out.push((format!("{rel} (special)"), Vec::new()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Leftover temporary files of `write_atomic` anywhere under `dir`.
pub fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for (rel, _) in contents(dir) {
        let name = rel.rsplit('/').next().unwrap_or("");
        if name.starts_with(".casebook-") && name.ends_with(".tmp") {
            out.push(dir.join(rel));
        }
    }
    out
}

/// Whether this process can read a file whatever its mode (root can), which makes
/// permission tests meaningless.
pub fn permissions_are_ignored() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let probe = dir.path().join("probe");
    std::fs::write(&probe, "x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::read(&probe).is_ok();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o600)).unwrap();
    readable
}

/// A casebook with one large case: the minimal fixture plus a 9 MB note and a hundred
/// smaller ones, so anonymising it or rendering its LCSPR report takes long enough to be
/// interrupted. Not a git repository: nothing in the output depends on history.
pub fn big_casebook() -> Scratch {
    casebook_with_note_of(9_000_000)
}

/// The minimal fixture plus one note of about `note_bytes` and a hundred smaller ones.
pub fn casebook_with_note_of(note_bytes: usize) -> Scratch {
    let s = Scratch::fixture("minimal");
    let para = "The panel discussed how agencies shared information about the family and \
                what each knew at the time. Ellie was seen by the health visitor.\n\n";
    let notes = "cases/T-2026-001/notes";
    let big = para.repeat(note_bytes / para.len());
    s.write(
        &format!("{notes}/2026-02-01-analysis.md"),
        format!("---\ndate: 2026-02-01\ntitle: Analysis\nreport: findings\n---\n\n{big}"),
    );
    let small = para.repeat(200);
    for i in 0..100 {
        let report = match i {
            0..=3 => "report: systemic\n",
            4 => "report: improvements\n",
            _ => "",
        };
        s.write(
            &format!("{notes}/2026-03-{i:03}-meeting.md"),
            format!("---\ndate: 2026-03-02\ntitle: Meeting {i}\n{report}---\n\n{small}"),
        );
    }
    s
}
