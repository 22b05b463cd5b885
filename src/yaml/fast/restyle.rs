//! Test support: YAML documents written in many styles, for the differential tests.
//! A value tree is rendered with each choice (plain, quoted or block scalars, flow or
//! block sequences, indentless and compact forms, indents of 2 or 4, comments and blank
//! lines) drawn from a small deterministic generator.

/// A value to write.
#[derive(Debug, Clone)]
pub(super) enum Gen {
    Scalar(String),
    Seq(Vec<Gen>),
    Map(Vec<(String, Gen)>),
}

/// A deterministic generator of choices.
pub(super) struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Scalars that test the edges: words, dates, numbers, YAML's special words,
/// punctuation that means something in some places, Unicode.
pub(super) const SCALARS: [&str; 34] = [
    "open",
    "Help noted",
    "2026-02-04",
    "2025-11",
    "2025",
    "0",
    "007",
    "12",
    "1.5",
    "-3",
    "true",
    "false",
    "yes",
    "No",
    "~",
    "null",
    "",
    "Zoë’s visit",
    "it's",
    "say \"hi\"",
    "a: b",
    "x # y",
    "x#y",
    "- x",
    "[a]",
    "{b}",
    "*star",
    "&amp",
    "!bang",
    "%pc",
    "10:30",
    "line one\nline two",
    "trailing\n",
    "  lead",
];

/// Keys, including ones YAML reads as something other than a string.
pub(super) const KEYS: [&str; 12] = [
    "id",
    "title",
    "date",
    "status",
    "what",
    "milestones",
    "a-b",
    "k_2",
    "on",
    "y",
    "1",
    "x.y",
];

/// A random value at most `depth` deep.
pub(super) fn random_value(rng: &mut Rng, depth: usize) -> Gen {
    match if depth == 0 { 0 } else { rng.below(3) } {
        0 => Gen::Scalar(rng.pick(&SCALARS).to_string()),
        1 => Gen::Seq(
            (0..rng.below(4))
                .map(|_| random_value(rng, depth - 1))
                .collect(),
        ),
        _ => {
            let mut entries: Vec<(String, Gen)> = Vec::new();
            for _ in 0..rng.below(4) {
                let key = rng.pick(&KEYS).to_string();
                if entries.iter().all(|(k, _)| *k != key) {
                    entries.push((key, random_value(rng, depth - 1)));
                }
            }
            Gen::Map(entries)
        }
    }
}

/// Writes a document whose top is a mapping or a sequence.
pub(super) fn render(value: &Gen, rng: &mut Rng) -> String {
    let mut out = String::new();
    if rng.below(4) == 0 {
        out.push_str("# a comment first\n");
    }
    block(&mut out, value, 0, rng);
    out
}

fn spaces(n: usize) -> String {
    " ".repeat(n)
}

/// Writes a non-empty mapping or sequence as block lines at `indent`.
fn block(out: &mut String, value: &Gen, indent: usize, rng: &mut Rng) {
    match value {
        Gen::Map(entries) => {
            for (i, (key, value)) in entries.iter().enumerate() {
                if i > 0 {
                    noise(out, indent, rng);
                }
                out.push_str(&spaces(indent));
                out.push_str(key);
                out.push(':');
                after_indicator(out, value, indent, true, rng);
            }
        }
        Gen::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    noise(out, indent, rng);
                }
                out.push_str(&spaces(indent));
                out.push('-');
                after_indicator(out, item, indent, false, rng);
            }
        }
        Gen::Scalar(s) => {
            out.push_str(&spaces(indent));
            out.push_str(&scalar(s, indent, rng));
            out.push('\n');
        }
    }
}

/// Now and then a comment or a blank line between entries.
fn noise(out: &mut String, indent: usize, rng: &mut Rng) {
    match rng.below(8) {
        0 => out.push('\n'),
        1 => {
            out.push_str(&spaces(rng.below(indent + 3)));
            out.push_str("# note\n");
        }
        _ => {}
    }
}

/// Writes the value that follows `key:` or `-` at `indent`.
fn after_indicator(out: &mut String, value: &Gen, indent: usize, under_key: bool, rng: &mut Rng) {
    match value {
        Gen::Scalar(s) => {
            out.push(' ');
            let text = scalar(s, indent, rng);
            out.push_str(&text);
            if !text.starts_with(['|', '>']) && rng.below(6) == 0 {
                out.push_str(" # why");
            }
            out.push('\n');
        }
        Gen::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
        Gen::Seq(items) if items.is_empty() => out.push_str(" []\n"),
        Gen::Seq(items) if rng.below(3) == 0 && items.iter().all(flowable) => {
            let parts: Vec<String> = items
                .iter()
                .map(|i| match i {
                    Gen::Scalar(s) if plain_in_flow(s) && rng.below(2) == 0 => s.clone(),
                    Gen::Scalar(s) => double_quoted(s),
                    _ => String::new(),
                })
                .collect();
            out.push_str(&format!(" [{}]\n", parts.join(", ")));
        }
        Gen::Map(entries) if !under_key && rng.below(2) == 0 => {
            // Compact: the first key on the `-` line, the rest under it.
            let inner = indent + 2;
            let (key, first) = &entries[0];
            out.push(' ');
            out.push_str(key);
            out.push(':');
            after_indicator(out, first, inner, true, rng);
            block(out, &Gen::Map(entries[1..].to_vec()), inner, rng);
        }
        Gen::Seq(_) if under_key && rng.below(2) == 0 => {
            // Indentless: the items at the key's own indent.
            out.push('\n');
            block(out, value, indent, rng);
        }
        _ => {
            out.push('\n');
            block(out, value, indent + [2, 4][rng.below(2)], rng);
        }
    }
}

fn flowable(value: &Gen) -> bool {
    matches!(value, Gen::Scalar(s) if !s.contains('\n'))
}

fn plain_in_flow(s: &str) -> bool {
    plain_ok(s) && !s.contains([',', '[', ']', '{', '}'])
}

/// Whether a string can be written plain at all (what it then means is up to YAML).
fn plain_ok(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`', ' ',
        ])
        && !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains(['\n', '\t'])
}

/// Whether a `|` or `|-` block can hold the string: one final line feed at most, and
/// nothing that would change the block's indent or look like indentation.
fn literal_ok(s: &str) -> bool {
    let body = s.strip_suffix('\n').unwrap_or(s);
    !body.is_empty()
        && !body.ends_with('\n')
        && !body.starts_with([' ', '\n'])
        && !body.contains('\t')
        && body
            .split('\n')
            .all(|l| l.is_empty() || !l.trim().is_empty())
}

fn double_quoted(s: &str) -> String {
    let escaped = s
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\t', "\\t");
    format!("\"{escaped}\"")
}

/// One scalar in a style the string allows, chosen at random; `indent` is that of the
/// line it starts on, for block scalars.
fn scalar(s: &str, indent: usize, rng: &mut Rng) -> String {
    let inner = spaces(indent + 2);
    match rng.below(5) {
        0 if plain_ok(s) => s.to_string(),
        1 if !s.contains('\n') => format!("'{}'", s.replace('\'', "''")),
        2 if literal_ok(s) => {
            let (header, body) = match s.strip_suffix('\n') {
                Some(body) => ("|", body),
                None => ("|-", s),
            };
            let mut text = String::from(header);
            for line in body.split('\n') {
                text.push('\n');
                if !line.is_empty() {
                    text.push_str(&inner);
                    text.push_str(line);
                }
            }
            text
        }
        3 if !s.is_empty()
            && !s.contains(['\n', '\t'])
            && !s.starts_with(' ')
            && !s.ends_with(' ')
            && !s.contains("  ") =>
        {
            let words: Vec<&str> = s.split(' ').collect();
            let mut text = String::from(">-");
            for (i, word) in words.iter().enumerate() {
                if i == 0 || rng.below(2) == 0 {
                    text.push('\n');
                    text.push_str(&inner);
                } else {
                    text.push(' ');
                }
                text.push_str(word);
            }
            text
        }
        _ => double_quoted(s),
    }
}
