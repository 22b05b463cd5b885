//! The CI files `casebook init` writes, run as CI would run them: each file parses as
//! YAML and carries its push and nightly triggers, and its shell steps, taken out of
//! the file and run in order in a clean HOME and CARGO_HOME, install casebook from the
//! source named at the top of the file (a local clone of this repository, its URL a
//! file path) and end with check-deadlines exiting 1 on an overdue casebook and 0 on a
//! clean one.
//!
//! The install step is run for real by `the_github_steps_install_casebook_for_real`
//! (ignored by default: a clean `cargo install --git` compiles casebook and its
//! dependencies for several minutes; run it with `cargo test --test testsuite
//! ci_files -- --ignored`). The other tests put a stand-in `cargo` on PATH that checks
//! it is called as the real one must be and installs the binary under test, so every
//! other line of the steps, the cache included, runs on every `cargo test`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{AS_OF, Scratch, copy_dir, repo, run_in};

/// A stand-in for `cargo install`: fails unless called exactly as the steps must call
/// the real one (and the revision is in the repository at the URL), then installs the
/// binary under test where `--root` says and counts its calls.
const FAKE_CARGO: &str = r#"#!/bin/sh
set -eu
echo "cargo $*" >> "$FAKE_CARGO_LOG"
[ "$1" = install ] && [ "$2" = --locked ] && [ "$3" = --git ] && [ "$5" = --rev ] \
  && [ "$7" = --root ] && [ "$9" = casebook ] && [ "$#" -eq 9 ] || { echo "fake cargo: unexpected $*" >&2; exit 101; }
git ls-remote --exit-code "$4" >/dev/null
git -C "${4#file://}" cat-file -e "$6^{commit}"
mkdir -p "$8/bin"
cp "$CASEBOOK_UNDER_TEST" "$8/bin/casebook"
"#;

/// A clean environment for the steps: its own HOME and CARGO_HOME, and only the system
/// tools (plus `extra_path` first) on PATH.
struct Runner {
    home: tempfile::TempDir,
    extra_path: Vec<PathBuf>,
    env: Vec<(String, String)>,
}

/// What one step did.
#[derive(Debug)]
struct Step {
    name: String,
    code: i32,
    output: String,
}

impl Runner {
    fn new(extra_path: Vec<PathBuf>) -> Runner {
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(home.path().join("cargo-home")).unwrap();
        Runner {
            home,
            extra_path,
            env: Vec::new(),
        }
    }

    fn cargo_home(&self) -> PathBuf {
        self.home.path().join("cargo-home")
    }

    /// Runs `script` with bash in `dir`, as CI runners do (`-e`, and for GitLab
    /// `-o pipefail`), with `path` before the clean PATH.
    fn bash(&self, dir: &Path, script: &str, path: &[PathBuf]) -> (i32, String) {
        let mut paths: Vec<PathBuf> = path.to_vec();
        paths.extend(self.extra_path.iter().cloned());
        paths.extend(["/usr/local/bin", "/usr/bin", "/bin"].map(PathBuf::from));
        let out = Command::new("/bin/bash")
            .args([
                "--noprofile",
                "--norc",
                "-e",
                "-o",
                "pipefail",
                "-c",
                script,
            ])
            .current_dir(dir)
            .env_clear()
            .env("PATH", std::env::join_paths(paths).unwrap())
            .env("HOME", self.home.path())
            .env("CARGO_HOME", self.cargo_home())
            .env("TZ", "UTC")
            .env("NO_COLOR", "1")
            .env("CASEBOOK_AS_OF", AS_OF)
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .output()
            .unwrap();
        let output = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code().unwrap_or(-1), output)
    }

    /// Runs the GitHub workflow's `run:` steps in order, as the runner does for a push:
    /// the file's `env:`, GITHUB_PATH carried from step to step, and a step after a
    /// failure run only when its `if:` asks for it (`!cancelled()`).
    fn github(&self, dir: &Path, workflow: &Value) -> Vec<Step> {
        let github_path = self.home.path().join("github-path");
        std::fs::write(&github_path, "").unwrap();
        let mut env: Vec<(String, String)> = workflow["env"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect();
        env.push(("GITHUB_PATH".into(), github_path.display().to_string()));
        env.push(("GITHUB_EVENT_NAME".into(), "push".into()));
        let runner = Runner {
            home: tempfile::tempdir_in(self.home.path()).unwrap(),
            extra_path: self.extra_path.clone(),
            env: [self.env.clone(), env].concat(),
        };
        std::fs::create_dir_all(runner.cargo_home()).unwrap();
        let steps = workflow["jobs"]["casebook"]["steps"].as_array().unwrap();
        let mut out = Vec::new();
        let mut failed = false;
        for step in steps {
            let Some(script) = step["run"].as_str() else {
                continue;
            };
            assert!(
                !script.contains("${{"),
                "a run step uses a GitHub expression this test cannot evaluate: {script}"
            );
            let condition = step["if"].as_str().unwrap_or("");
            if failed && !condition.contains("!cancelled()") {
                continue;
            }
            let path: Vec<PathBuf> = std::fs::read_to_string(&github_path)
                .unwrap()
                .lines()
                .rev()
                .map(PathBuf::from)
                .collect();
            let (code, output) = runner.bash(dir, script, &path);
            failed |= code != 0;
            out.push(Step {
                name: step["name"].as_str().unwrap_or("").to_string(),
                code,
                output,
            });
        }
        out
    }

    /// Runs a GitLab job as the runner does: the file's `variables:`, then
    /// `default.before_script` and the job's `script` in one shell.
    fn gitlab(&self, dir: &Path, file: &Value, job: &str) -> (i32, String) {
        let lines = |v: &Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap().to_string())
                .collect()
        };
        let mut script = lines(&file["default"]["before_script"]);
        script.extend(lines(&file[job]["script"]));
        let variables: Vec<(String, String)> = file["variables"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect();
        let runner = Runner {
            home: tempfile::tempdir_in(self.home.path()).unwrap(),
            extra_path: self.extra_path.clone(),
            env: [self.env.clone(), variables].concat(),
        };
        std::fs::create_dir_all(runner.cargo_home()).unwrap();
        runner.bash(dir, &script.join("\n"), &[])
    }
}

/// A bare clone of this repository and its HEAD commit: the source the CI files install
/// casebook from.
fn local_clone(into: &Path) -> (PathBuf, String) {
    let clone = into.join("casebook.git");
    let status = Command::new("git")
        .args(["clone", "--quiet", "--bare", "--no-hardlinks"])
        .arg(repo())
        .arg(&clone)
        .status()
        .unwrap();
    assert!(status.success());
    let rev = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(&clone)
        .output()
        .unwrap();
    (
        clone,
        String::from_utf8(rev.stdout).unwrap().trim().to_string(),
    )
}

/// A casebook made by `casebook init --casebook-source`, holding `cases` from a fixture.
fn casebook(dir: &Path, source: &str, cases: &str) -> PathBuf {
    let run = run_in(
        dir,
        &[
            "init",
            "book",
            "--partnership",
            "Testshire Safeguarding Children Partnership",
            "--short-name",
            "T",
            "--casebook-source",
            source,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.snapshot());
    let book = dir.join("book");
    use_cases(&book, cases);
    book
}

/// Replaces the casebook's cases with a fixture's.
fn use_cases(book: &Path, fixture: &str) {
    let cases = book.join("cases");
    std::fs::remove_dir_all(&cases).unwrap();
    copy_dir(
        &repo().join("tests/fixtures").join(fixture).join("cases"),
        &cases,
    );
}

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fake_cargo(dir: &Path) -> (PathBuf, PathBuf) {
    let bin = dir.join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let cargo = bin.join("cargo");
    std::fs::write(&cargo, FAKE_CARGO).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755)).unwrap();
    (bin, dir.join("fake-cargo.log"))
}

fn calls(log: &Path) -> usize {
    std::fs::read_to_string(log)
        .map(|t| t.lines().count())
        .unwrap_or(0)
}

fn step<'a>(steps: &'a [Step], name: &str) -> &'a Step {
    steps
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no step `{name}`: {steps:#?}"))
}

#[test]
fn both_files_parse_and_run_on_push_and_every_weekday() {
    let s = Scratch::empty();
    let book = casebook(
        s.path(),
        "https://git.example.org/casebook.git@v0.1.0",
        "deadlines/clean",
    );
    let github = yaml(&book.join(".github/workflows/casebook.yml"));
    assert_eq!(
        github["env"]["CASEBOOK_SOURCE"],
        "https://git.example.org/casebook.git@v0.1.0"
    );
    assert!(github["on"].get("push").is_some());
    assert_eq!(github["on"]["schedule"][0]["cron"], "0 7 * * 1-5");
    let steps = github["jobs"]["casebook"]["steps"].as_array().unwrap();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(
        uses.contains(&"actions/cache@v4") && uses.contains(&"actions/upload-artifact@v4"),
        "{uses:?}"
    );
    let cache = steps
        .iter()
        .find(|s| s["uses"] == "actions/cache@v4")
        .unwrap();
    assert!(
        cache["with"]["key"]
            .as_str()
            .unwrap()
            .contains("env.CASEBOOK_SOURCE")
    );
    let scripts: String = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    for command in [
        "casebook validate",
        "casebook anonymise --check publish",
        "--format github",
        "--format junit",
    ] {
        assert!(scripts.contains(command), "no `{command}` in the workflow");
    }

    let gitlab = yaml(&book.join(".gitlab-ci.yml"));
    assert_eq!(
        gitlab["variables"]["CASEBOOK_SOURCE"],
        "https://git.example.org/casebook.git@v0.1.0"
    );
    let sources = |job: &str| -> Vec<String> {
        gitlab[job]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["if"].as_str().unwrap().to_string())
            .collect()
    };
    for source in ["schedule", "push"] {
        let rule = format!("$CI_PIPELINE_SOURCE == \"{source}\"");
        assert!(sources("deadlines").contains(&rule), "deadlines: no {rule}");
    }
    assert_eq!(
        gitlab["deadlines"]["artifacts"]["reports"]["junit"],
        "deadlines.xml"
    );
    assert_eq!(gitlab["deadlines"]["artifacts"]["when"], "always");

    // Without --casebook-source the placeholder stays, and the install step says what
    // to do instead of running cargo.
    let plain = Scratch::empty();
    assert_eq!(
        run_in(plain.path(), &["init", "book", "--short-name", "T"]).code,
        0
    );
    let book = plain.path().join("book");
    let github = yaml(&book.join(".github/workflows/casebook.yml"));
    assert_eq!(github["env"]["CASEBOOK_SOURCE"], "set-me");
    let (bin, log) = fake_cargo(plain.path());
    let mut runner = Runner::new(vec![bin]);
    runner
        .env
        .push(("FAKE_CARGO_LOG".into(), log.display().to_string()));
    let steps = runner.github(&book, &github);
    let install = step(&steps, "Install casebook");
    assert_eq!(install.code, 1);
    assert!(
        install
            .output
            .contains("set it at the top of this file to URL@REV"),
        "{}",
        install.output
    );
    assert_eq!(calls(&log), 0);
    let (code, output) = runner.gitlab(&book, &yaml(&book.join(".gitlab-ci.yml")), "deadlines");
    assert_eq!(code, 1);
    assert!(
        output.contains("set it at the top of this file to URL@REV"),
        "{output}"
    );
}

#[test]
fn an_invalid_casebook_source_is_refused_by_init() {
    let s = Scratch::empty();
    let run = run_in(
        s.path(),
        &[
            "init",
            "book",
            "--casebook-source",
            "https://x/casebook.git",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.snapshot());
    assert!(run.stderr.contains("URL@REV"), "{}", run.stderr);
    assert!(!s.path().join("book").exists());
}

#[test]
fn the_github_steps_install_once_then_fail_on_overdue_and_pass_when_clean() {
    let s = Scratch::empty();
    let (clone, rev) = local_clone(s.path());
    let source = format!("file://{}@{rev}", clone.display());
    let book = casebook(s.path(), &source, "deadlines/overdue");
    let workflow = yaml(&book.join(".github/workflows/casebook.yml"));
    let (bin, log) = fake_cargo(s.path());
    let mut runner = Runner::new(vec![bin]);
    runner
        .env
        .push(("FAKE_CARGO_LOG".into(), log.display().to_string()));
    runner.env.push((
        "CASEBOOK_UNDER_TEST".into(),
        env!("CARGO_BIN_EXE_casebook").into(),
    ));

    let steps = runner.github(&book, &workflow);
    let names: Vec<(&str, i32)> = steps.iter().map(|s| (s.name.as_str(), s.code)).collect();
    assert_eq!(
        names,
        [
            ("Install casebook", 0),
            ("Validate records", 0),
            ("Check publish/ for identifiers", 0),
            ("Check deadlines", 1),
            ("Write the deadline report", 0),
        ],
        "{steps:#?}"
    );
    assert_eq!(calls(&log), 1);
    let check = step(&steps, "Check deadlines");
    assert!(
        check
            .output
            .contains("::error file=cases/T-2026-001/case.yaml"),
        "{}",
        check.output
    );
    let junit = std::fs::read_to_string(book.join("deadlines.xml")).unwrap();
    assert!(junit.contains("<failure type=\"overdue\""), "{junit}");

    // The next run finds casebook in the cache, and a clean casebook passes.
    use_cases(&book, "deadlines/clean");
    std::fs::remove_file(book.join("deadlines.xml")).unwrap();
    let steps = runner.github(&book, &workflow);
    assert!(
        step(&steps, "Install casebook").output.contains("cached"),
        "{steps:#?}"
    );
    assert!(steps.iter().all(|s| s.code == 0), "{steps:#?}");
    assert_eq!(calls(&log), 1, "the cached build is used");
    assert!(
        std::fs::read_to_string(book.join("deadlines.xml"))
            .unwrap()
            .contains("failures=\"0\"")
    );

    // publish/ is checked when it exists: a postcode left in it fails the step.
    book_write(
        &book,
        "publish/report.md",
        "The family lived near the school.\n",
    );
    let steps = runner.github(&book, &workflow);
    let publish = step(&steps, "Check publish/ for identifiers");
    assert_eq!(publish.code, 0, "{}", publish.output);
    assert!(!publish.output.contains("no publish/ folder"));
    book_write(&book, "publish/report.md", "The family lived at WN2 3XY.\n");
    let steps = runner.github(&book, &workflow);
    assert_eq!(
        step(&steps, "Check publish/ for identifiers").code,
        1,
        "{steps:#?}"
    );
    assert_eq!(calls(&log), 1);

    // Another revision is built again (here one the clone does not have: the stand-in
    // fails as cargo would, and so does the step).
    let other = workflow.to_string().replace(&rev, "0123abc");
    let other: Value = serde_json::from_str(&other).unwrap();
    let steps = runner.github(&book, &other);
    assert_ne!(step(&steps, "Install casebook").code, 0, "{steps:#?}");
    assert_eq!(calls(&log), 2);
}

fn book_write(book: &Path, rel: &str, text: &str) {
    let path = book.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn the_gitlab_jobs_fail_on_overdue_and_pass_when_clean() {
    let s = Scratch::empty();
    let (clone, rev) = local_clone(s.path());
    let source = format!("file://{}@{rev}", clone.display());
    let book = casebook(s.path(), &source, "deadlines/overdue");
    let file = yaml(&book.join(".gitlab-ci.yml"));
    let (bin, log) = fake_cargo(s.path());
    let mut runner = Runner::new(vec![bin]);
    runner
        .env
        .push(("FAKE_CARGO_LOG".into(), log.display().to_string()));
    runner.env.push((
        "CASEBOOK_UNDER_TEST".into(),
        env!("CARGO_BIN_EXE_casebook").into(),
    ));

    let (code, output) = runner.gitlab(&book, &file, "install");
    assert_eq!(code, 0, "{output}");
    assert_eq!(calls(&log), 1);
    let (code, output) = runner.gitlab(&book, &file, "validate");
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("cached"), "{output}");
    let (code, output) = runner.gitlab(&book, &file, "deadlines");
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("overdue        rr_submitted"), "{output}");
    let junit = std::fs::read_to_string(book.join("deadlines.xml")).unwrap();
    assert!(junit.contains("<failure type=\"overdue\""), "{junit}");
    assert_eq!(calls(&log), 1, "the jobs use the cached build");

    use_cases(&book, "deadlines/clean");
    let (code, output) = runner.gitlab(&book, &file, "deadlines");
    assert_eq!(code, 0, "{output}");
}

/// The GitHub steps with the real cargo, in a clean CARGO_HOME (so crates are
/// downloaded and casebook compiled from the local clone): several minutes.
#[test]
#[ignore = "compiles casebook from a clone for several minutes; run with --ignored"]
fn the_github_steps_install_casebook_for_real() {
    let s = Scratch::empty();
    let (clone, rev) = local_clone(s.path());
    let source = format!("file://{}@{rev}", clone.display());
    let book = casebook(s.path(), &source, "deadlines/overdue");
    let workflow = yaml(&book.join(".github/workflows/casebook.yml"));
    let cargo = PathBuf::from(
        String::from_utf8(
            Command::new("sh")
                .args(["-c", "command -v cargo"])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap()
        .trim(),
    );
    let mut runner = Runner::new(vec![cargo.parent().unwrap().to_path_buf()]);
    let rustup = std::env::var("RUSTUP_HOME")
        .unwrap_or_else(|_| format!("{}/.rustup", std::env::var("HOME").unwrap()));
    runner.env.push(("RUSTUP_HOME".into(), rustup));
    let started = std::time::Instant::now();
    let steps = runner.github(&book, &workflow);
    eprintln!("first run (install): {:?}", started.elapsed());
    let codes: Vec<i32> = steps.iter().map(|s| s.code).collect();
    assert_eq!(codes, [0, 0, 0, 1, 0], "{steps:#?}");
    assert!(
        step(&steps, "Install casebook")
            .output
            .contains(&format!("casebook {}", env!("CARGO_PKG_VERSION")))
    );

    use_cases(&book, "deadlines/clean");
    let started = std::time::Instant::now();
    let steps = runner.github(&book, &workflow);
    eprintln!("second run (cached): {:?}", started.elapsed());
    assert!(
        step(&steps, "Install casebook").output.contains("cached"),
        "{steps:#?}"
    );
    assert!(steps.iter().all(|s| s.code == 0), "{steps:#?}");
}
