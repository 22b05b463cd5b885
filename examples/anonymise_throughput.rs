//! Measures `Anonymiser::anonymise` on about 50 MB of synthetic case notes
//! (English prose with a few names per kilobyte and occasional identifiers),
//! one note of about 4 KB at a time and as one text, and the same notes
//! written as Markdown and HTML (headings, list items, emphasis, links and a
//! few tags and character references, so that the reader's view is built for
//! every note). Run with
//! `cargo run --release --example anonymise_throughput`.

use casebook::anonymise::{Anonymiser, DatePolicy, Identity, Options};
use chrono::NaiveDate;
use std::time::Instant;

const WORDS: &[&str] = &[
    "the",
    "and",
    "was",
    "to",
    "of",
    "a",
    "in",
    "that",
    "she",
    "he",
    "said",
    "visit",
    "home",
    "school",
    "worker",
    "concern",
    "mother",
    "child",
    "reported",
    "staff",
    "meeting",
    "plan",
    "review",
    "support",
    "health",
    "visitor",
    "nursery",
    "attended",
    "discussed",
    "agreed",
    "referral",
    "safeguarding",
    "family",
    "may",
    "will",
    "need",
    "grace",
    "period",
    "bruising",
    "explained",
    "house",
    "kitchen",
    "clean",
    "tidy",
    "food",
    "cupboards",
    "partner",
    "present",
    "police",
    "strategy",
    "section",
    "assessment",
    "outcome",
    "further",
    "action",
    "recorded",
];
const NAMES: &[&str] = &[
    "Ellie-Mae O'Brien",
    "Ellie",
    "Siobhán Kelly",
    "Ms Kelly",
    "Zoë Hart",
    "Grace Hall",
    "EMJ",
    "O’Brien's",
    "Ellie-Mae\n  O'Brien",
];
const EXTRAS: &[&str] = &[
    "07700 900123",
    "943 476 5919",
    "WN2 3XY",
    "07/03/2019",
    "12 March 2024",
    "AB 12 34 56 C",
    "siobhan.kelly@example.com",
    "12 Larch Close",
];

struct Rng(u64);

impl Rng {
    fn pick(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Markup that case notes pasted from a browser or a word processor carry.
const MARKUP: &[&str] = &[
    "**Ellie**",
    "_Ms Kelly_",
    "[Zoë Hart](notes/sw.md)",
    "<b>concern</b>",
    "&amp;",
    "`plan`",
    "<span class=\"x\">home</span>",
];

fn note(rng: &mut Rng, size: usize, markdown: bool) -> String {
    let mut s = String::with_capacity(size + 200);
    if markdown {
        s.push_str("# Home visit\n\n");
    }
    while s.len() < size {
        if markdown && rng.pick(40) == 0 {
            s.push_str(MARKUP[rng.pick(MARKUP.len())]);
            s.push(' ');
            continue;
        }
        if markdown && rng.pick(200) == 0 {
            s.push_str("\n\n- ");
        }
        let roll = rng.pick(1000);
        let word = if roll < 12 {
            NAMES[rng.pick(NAMES.len())]
        } else if roll < 14 {
            EXTRAS[rng.pick(EXTRAS.len())]
        } else {
            WORDS[rng.pick(WORDS.len())]
        };
        s.push_str(word);
        s.push_str(match rng.pick(20) {
            0 => ".\n",
            1 => ", ",
            2 => ". ",
            _ => " ",
        });
    }
    s
}

fn people() -> Vec<Identity> {
    let p = |id: &str, name: &str, pseudonym: &str| Identity {
        id: id.into(),
        name: name.into(),
        pseudonym: pseudonym.into(),
        ..Identity::default()
    };
    let mut child = p("child", "Ellie-Mae O'Brien", "Child A");
    child.aliases = vec!["Ellie".into(), "EMJ".into()];
    child.dob = NaiveDate::from_ymd_opt(2019, 3, 7);
    child.address = Some("12 Larch Close, Hindley, WN2 3XY".into());
    vec![
        child,
        p("mother", "Siobhán Kelly", "Mother"),
        p("sw1", "Zoë Hart", "Social Worker 1"),
        p("teacher", "Grace Hall", "Teacher"),
    ]
}

/// Nanoseconds this thread has spent on a CPU (Linux), so that the figure
/// is not spoiled by other processes competing for the cores.
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Runs `f`, returning its result with the wall and on-CPU seconds taken.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, Option<f64>) {
    let (cpu, wall) = (cpu_ns(), Instant::now());
    let out = f();
    let wall = wall.elapsed().as_secs_f64();
    let cpu = cpu
        .zip(cpu_ns())
        .map(|(a, b)| b.saturating_sub(a) as f64 / 1e9);
    (out, wall, cpu)
}

fn report(what: &str, mb: f64, wall: f64, cpu: Option<f64>, extra: &str) {
    let on_cpu = cpu.map_or(String::new(), |c| format!(", {:.0} MB/s on-CPU", mb / c));
    println!(
        "{what}: {mb:.1} MB in {wall:.2} s = {:.0} MB/s wall{on_cpu}{extra}",
        mb / wall
    );
}

fn main() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let notes: Vec<String> = (0..12_500).map(|_| note(&mut rng, 4096, false)).collect();
    let marked: Vec<String> = (0..12_500).map(|_| note(&mut rng, 4096, true)).collect();
    let total: usize = notes.iter().map(String::len).sum();
    let mb = total as f64 / 1e6;
    let options = Options {
        dates: DatePolicy::Keep,
        reference_date: NaiveDate::from_ymd_opt(2026, 1, 15),
    };
    let a = Anonymiser::new(&people(), options);

    // A large case: thirty people, to show what building costs.
    let crowd: Vec<Identity> = (0..30)
        .flat_map(|i| {
            people().into_iter().map(move |mut p| {
                p.name = format!("{}{i} {}-Smith{i}", p.name.replace(' ', "-"), p.id);
                p.pseudonym = format!("{} {i}", p.pseudonym);
                p
            })
        })
        .take(30)
        .collect();
    let (_, wall, _) = timed(|| Anonymiser::new(&crowd, options));
    println!("building for 30 people: {:.1} ms", wall * 1e3);

    let (replaced, wall, cpu) = timed(|| {
        notes
            .iter()
            .map(|n| a.anonymise(n).counts.values().sum::<usize>())
            .sum::<usize>()
    });
    report(
        "anonymise, 4 KB notes",
        mb,
        wall,
        cpu,
        &format!(" ({replaced} replacements)"),
    );

    let marked_mb = marked.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let (replaced, wall, cpu) = timed(|| {
        marked
            .iter()
            .map(|n| a.anonymise(n).counts.values().sum::<usize>())
            .sum::<usize>()
    });
    report(
        "anonymise, 4 KB Markdown/HTML notes",
        marked_mb,
        wall,
        cpu,
        &format!(" ({replaced} replacements)"),
    );

    let whole = notes.concat();
    let (out, wall, cpu) = timed(|| a.anonymise(&whole));
    report("anonymise, one text  ", mb, wall, cpu, "");

    let (left, wall, cpu) = timed(|| {
        a.check(&out.text)
            .iter()
            .filter(|f| f.kind.is_leak())
            .count()
    });
    report(
        "check of the output  ",
        mb,
        wall,
        cpu,
        &format!(" ({left} left)"),
    );
}
