//! A timed benchmark of the real binary over a synthetic casebook (DESIGN §7).
//!
//! `cargo run --release --example bench -- generate DIR [--cases N]` writes a casebook of
//! N cases (case.yaml, people.yaml, a 20-entry chronology, 5 actions and 2 notes each;
//! about 17 KB per case). `cargo run --release --example bench -- run DIR [--runs R]`
//! times `casebook --version`, `check-deadlines` (JSON and the table) and `validate` on
//! it with the release binary and prints the best and median wall-clock times.
//! Deterministic: the same N always writes the same files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const AGENCIES: [&str; 8] = [
    "Greater Manchester Police",
    "Children's Social Care",
    "Health Visiting",
    "GP",
    "Midwifery",
    "School",
    "Early Help",
    "Housing",
];
const GIVEN: [&str; 12] = [
    "Ellie-Mae",
    "Jack",
    "Siobhán",
    "Liam",
    "Zoë",
    "Noah",
    "Grace",
    "Oscar",
    "Amelia",
    "Leo",
    "Isla",
    "Harry",
];
const FAMILY: [&str; 10] = [
    "O'Brien", "Jones", "Kowalski", "Ahmed", "Taylor", "Nguyen", "Murphy", "Patel", "Clarke",
    "Evans",
];
const WORDS: [&str; 24] = [
    "the", "health", "visitor", "saw", "baby", "at", "home", "and", "noted", "that", "mother",
    "seemed", "tired", "referral", "was", "made", "to", "Early", "Help", "after", "school",
    "raised", "a", "concern",
];

/// A small deterministic pseudo-random generator (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.pick(&WORDS));
        }
        s.push('.');
        s
    }
}

fn date(rng: &mut Lcg, year: i32) -> String {
    format!(
        "{year}-{:02}-{:02}",
        1 + rng.next() % 12,
        1 + rng.next() % 28
    )
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    std::fs::write(path, text).expect("write file");
}

fn generate(dir: &Path, cases: usize) {
    write(
        &dir.join("casebook.yaml"),
        "partnership: Synthetic Safeguarding Children Partnership\nshort_name: SYN\nbank_holidays: england-and-wales\nprocess: wscp-2021\ndue_soon: 3\n",
    );
    let mut rng = Lcg(42);
    for n in 0..cases {
        let id = format!("SYN-{}-{:05}", 2025 + (n % 2), n + 1);
        let case_dir = dir.join("cases").join(&id);
        let aware = date(&mut rng, 2025);
        let case = format!(
            "id: {id}\ntitle: Synthetic case {n}\nopened: {aware}\nstatus: open\ntracks: [rapid-review, lcspr]\nmilestones:\n  aware: {aware}\n  notified: {aware}\n  lcspr_decided: {aware}\nplanned:\n  published: 2026-12-15\nnot_applicable:\n  unpublished: not published in full\n"
        );
        write(&case_dir.join("case.yaml"), &case);
        let mut people = String::from("people:\n");
        for (i, id) in ["child", "mother", "father", "sw1", "hv1"]
            .iter()
            .enumerate()
        {
            let _ = write!(
                people,
                "  - id: {id}\n    name: \"{} {}\"\n    role: {}\n    dob: {}\n    address: \"{} Larch Close, Hindley, WN2 3XY\"\n    pseudonym: Person {i}\n",
                rng.pick(&GIVEN),
                rng.pick(&FAMILY),
                if i == 0 {
                    "subject"
                } else if i < 3 {
                    "family"
                } else {
                    "practitioner"
                },
                date(&mut rng, 1990 + i as i32),
                1 + rng.next() % 99
            );
        }
        write(&case_dir.join("people.yaml"), &people);
        let mut chron = String::from("entries:\n");
        for _ in 0..20 {
            let _ = write!(
                chron,
                "  - date: {}\n    agency: {}\n    people: [child, mother]\n    what: {}\n    significance: {}\n",
                date(&mut rng, 2025),
                rng.pick(&AGENCIES),
                rng.sentence(50),
                if rng.next().is_multiple_of(4) {
                    "key"
                } else {
                    "context"
                }
            );
        }
        write(&case_dir.join("chronology.yaml"), &chron);
        let mut actions = String::from("actions:\n");
        for a in 1..=5 {
            let done = rng.next().is_multiple_of(2);
            let _ = write!(
                actions,
                "  - id: A{a}\n    recommendation: R{}\n    action: {}\n    agency: {}\n    owner: Service Lead\n    due: {}\n    status: {}\n{}",
                1 + a % 3,
                rng.sentence(20),
                rng.pick(&AGENCIES),
                date(&mut rng, 2026),
                if done { "done" } else { "open" },
                if done {
                    format!("    done: {}\n", date(&mut rng, 2025))
                } else {
                    String::new()
                }
            );
        }
        write(&case_dir.join("actions.yaml"), &actions);
        for k in 1..=2 {
            let mut note = format!(
                "---\ndate: {}\ntitle: Panel meeting {k}\nkind: panel-meeting\nattendees: [Chair, Designated Nurse]\n---\n# Panel meeting\n\n",
                date(&mut rng, 2025)
            );
            for _ in 0..12 {
                note.push_str(&rng.sentence(40));
                note.push_str("\n\n");
            }
            write(&case_dir.join("notes").join(format!("note-{k}.md")), &note);
        }
    }
}

fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    // target/release/examples/bench -> target/release/casebook
    exe.parent()
        .and_then(Path::parent)
        .map(|p| p.join("casebook"))
        .expect("release binary path")
}

fn time(runs: usize, args: &[&str], dir: &Path) -> (Duration, Duration) {
    let mut times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let status = Command::new(binary())
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run casebook (build it first: cargo build --release)");
        times.push(start.elapsed());
        assert!(
            status.code().is_some_and(|c| c <= 1),
            "casebook {args:?} failed: {status}"
        );
    }
    times.sort();
    (times[0], times[times.len() / 2])
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    match args.first().map(String::as_str) {
        Some("generate") => {
            let dir = PathBuf::from(args.get(1).expect("generate DIR"));
            let cases = flag("--cases", 10_000);
            let start = Instant::now();
            generate(&dir, cases);
            println!(
                "wrote {cases} cases to {} in {:.1?}",
                dir.display(),
                start.elapsed()
            );
        }
        Some("run") => {
            let dir = PathBuf::from(args.get(1).expect("run DIR"));
            let runs = flag("--runs", 5);
            println!("binary: {}", binary().display());
            for (label, cmd) in [
                ("casebook --version", vec!["--version"]),
                (
                    "check-deadlines json",
                    vec![
                        "--as-of",
                        "2026-11-26",
                        "check-deadlines",
                        "--format",
                        "json",
                    ],
                ),
                (
                    "check-deadlines",
                    vec!["--as-of", "2026-11-26", "check-deadlines"],
                ),
                ("validate", vec!["--as-of", "2026-11-26", "validate"]),
            ] {
                let (best, median) = time(runs, &cmd, &dir);
                println!(
                    "{label:<20} best {:>9.1?}  median {:>9.1?}  ({runs} runs)",
                    best, median
                );
            }
        }
        _ => eprintln!("usage: bench generate DIR [--cases N] | bench run DIR [--runs R]"),
    }
}
