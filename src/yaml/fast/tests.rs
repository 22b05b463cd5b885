//! Differential tests: whenever the fast reader answers, serde-saphyr must give the
//! same value with the same line and column for every `Sp<T>`.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};

use super::restyle::{self, Gen, Rng, random_value};
use crate::model::process_file::ProcessFile;
use crate::model::{
    CasebookConfig, KindVisitor, NoteFrontMatter, PeopleFile, Record, RecordKind, Sp,
};

/// Any YAML value, every node with its position.
#[derive(Debug)]
#[allow(dead_code)] // read through Debug
enum Tree {
    Null,
    Bool(bool),
    Int(i128),
    Float(String),
    Str(String),
    Seq(Vec<Sp<Tree>>),
    Map(Vec<(Sp<Tree>, Sp<Tree>)>),
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Tree;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_unit<E>(self) -> Result<Tree, E> {
                Ok(Tree::Null)
            }
            fn visit_none<E>(self) -> Result<Tree, E> {
                Ok(Tree::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Tree, E> {
                Ok(Tree::Bool(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Tree, E> {
                Ok(Tree::Int(v.into()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Tree, E> {
                Ok(Tree::Int(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Tree, E> {
                Ok(Tree::Float(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Tree, E> {
                Ok(Tree::Str(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Tree::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(Tree::Map(entries))
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
                Tree::deserialize(d)
            }
        }
        d.deserialize_any(V)
    }
}

/// Checks the fast reader against serde-saphyr; returns whether the fast reader answered.
fn agree<T: DeserializeOwned + fmt::Debug>(text: &str) -> bool {
    let Some(fast) = super::parse::<T>(text) else {
        return false;
    };
    match crate::yaml::full_parse::<T>(text) {
        Ok(full) => assert_eq!(
            format!("{fast:?}"),
            format!("{full:?}"),
            "the fast reader disagrees with serde-saphyr on:\n{text}"
        ),
        Err(err) => panic!("the fast reader accepted what serde-saphyr refuses ({err}):\n{text}"),
    }
    true
}

/// Checks a text as one record kind's type; remembers whether the fast reader answered.
struct Agree<'a> {
    text: &'a str,
    answered: bool,
}

impl KindVisitor for Agree<'_> {
    fn visit<R: Record>(&mut self) {
        self.answered = agree::<R>(self.text);
    }
}

/// Checks a text as one record kind's type; returns whether the fast reader answered.
fn agree_as(kind: RecordKind, text: &str) -> bool {
    let mut agree = Agree {
        text,
        answered: false,
    };
    kind.visit_type(&mut agree);
    agree.answered
}

/// Checks a text as every record type and as a plain tree; returns whether the fast
/// reader answered for the tree.
fn agree_everywhere(text: &str) -> bool {
    for kind in RecordKind::ALL {
        agree_as(kind, text);
    }
    agree::<CasebookConfig>(text);
    agree::<NoteFrontMatter>(text);
    agree::<ProcessFile>(text);
    agree::<Sp<Tree>>(text)
}

#[test]
fn the_subset_is_read_and_agrees() {
    let accepted = [
        "a: 1\n",
        "a: b\nc: d\n",
        "a:\n  b: c\n  d:\n    - e\n    - f\n",
        "a:\n- p\n- q\nb: z\n",
        "items:\n  - id: A1\n    due: 2026-01-02\n  - id: A2\n    status: done\n",
        "items:\n  -   id: A1\n      due: 2026-01-02\n",
        "tracks: [rapid-review, lcspr]\n",
        "tracks: [ ]\nx: []\nz: {}\n",
        "t: ['a b', \"c\", d e]\n",
        "a: 'it''s'\nb: \"say \\\"hi\\\" \\\\ \\/ \\n \\t\"\nc: ''\n",
        "a: text # comment\nb: \"q\" # c\n# whole line\n\nc: x#y\n",
        "a: |\n  one\n  two\n\n  four\nb: c\n",
        "a: |-\n  one\n   two\nb: c\n",
        "a: >\n  one\n  two\n\n  three\n\n\n  four\nb: c\n",
        "a: >-\n  one\n  two\n",
        "a: |\n  # not a comment\n  x\n",
        "a:\nb: ~\nc: null\n",
        "num: 2025\nd: 2025-11\nday: 2025-11-03\nb: true\nf: false\n",
        "title: Zoë and Siobhán's visit\nwhat: saw [something], then {left}\n",
        "a:\n  -\n    b: c\n  -\n  - d\n",
        "list:\n- a: 1\n  b: 2\n- c: 3\n",
        "a: # nothing here\nb: x\n",
        "a: >\n  one \n  two  \n\n  three\nb: c\n",
        "a: |\n  one \n  two\n # a comment after the block\nb: c\n",
        "a:\n  - \"x, y]\"\n  - 'p: q'\nb: [\"a, b\", 'c]']\n",
        "status: \"open\"\nkind: 'key'\n",
        "text: Zoë’s visit — 10 a.m. (see #3)\n",
    ];
    for text in accepted {
        let answered = agree_everywhere(text);
        assert!(answered, "the fast reader should read:\n{text}");
    }
}

#[test]
fn anything_outside_the_subset_is_left_to_serde_saphyr() {
    let refused = [
        "a: &x 1\nb: *x\n",
        "a: !tag x\n",
        "a: {b: c}\n",
        "a: [b, [c]]\n",
        "a: [b,\n  c]\n",
        "a: plain\n  continued\n",
        "a: \"two\n  lines\"\n",
        "a: yes\n",
        "a: 1.5\n",
        "a: 0x1F\n",
        "a: -3\n",
        "a: 1:30\n",
        "\ta: b\n",
        "a: b\r\nc: d\r\n",
        "---\na: b\n",
        "a: b\n...\n",
        "%YAML 1.2\n---\na: b\n",
        "a: b\na: c\n",
        "? a\n: b\n",
        "\"a\": b\n",
        "a b: c\n",
        "a: b: c\n",
        "a: |+\n  x\n",
        "a: |2\n  x\n",
        "a: >\n  x\n    more\n",
        "a: |\n  x",
        "a: |\n\n  x\n",
        "  a: b\n",
        "a:\n    b: c\n  d: e\n",
        "a: \"\\x41\"\n",
        "a: b\u{85}c\n",
        "a: \u{feff}b\n",
        "a: [a, , b]\n",
        "a: [a,]\n",
        "a: - b\n",
        "a: @b\n",
        "a:\n  - - x\n",
    ];
    for text in refused {
        assert!(
            super::parse::<Sp<Tree>>(text).is_none(),
            "the fast reader should leave this to serde-saphyr:\n{text}"
        );
    }
}

#[test]
fn typed_records_only_take_unambiguous_scalars() {
    // A String field holding what YAML could read as a number or boolean goes to
    // serde-saphyr, whatever it makes of it.
    assert!(
        super::parse::<PeopleFile>("people:\n  - id: 12\n    role: other\n    pseudonym: P\n")
            .is_none()
    );
    assert!(
        super::parse::<PeopleFile>("people:\n  - id: no\n    role: other\n    pseudonym: P\n")
            .is_none()
    );
    assert!(
        super::parse::<PeopleFile>("people:\n  - id: \"12\"\n    role: other\n    pseudonym: P\n")
            .is_some()
    );
    // Unknown fields and wrong types are mistakes: serde-saphyr explains them.
    assert!(
        super::parse::<PeopleFile>("people:\n  - id: a\n    rol: other\n    pseudonym: P\n")
            .is_none()
    );
    assert!(super::parse::<PeopleFile>("people: a\n").is_none());
}

/// Every YAML record and note front matter under `dir`, with the type it is read as.
fn records(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            records(&path, out);
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".md") {
            if let Some(front) = text
                .strip_prefix("---\n")
                .and_then(|rest| rest.split_once("\n---\n"))
                .map(|(front, _)| format!("{front}\n"))
            {
                out.push((path.display().to_string(), front));
            }
        } else if name.ends_with(".yaml") {
            out.push((path.display().to_string(), text));
        }
    }
}

/// Reads a record as the type its file name says and checks the two parsers agree.
fn agree_as_named(path: &str, text: &str) -> bool {
    let name = Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let typed = match (RecordKind::of_file(name), name) {
        (Some(kind), _) => agree_as(kind, text),
        (None, "casebook.yaml") => agree::<CasebookConfig>(text),
        (None, n) if n.ends_with(".md") && path.contains("/notes/") => {
            agree::<NoteFrontMatter>(text)
        }
        (None, n) if path.contains("processes") && n.ends_with(".yaml") => {
            agree::<ProcessFile>(text)
        }
        _ => agree::<Sp<Tree>>(text),
    };
    agree::<Sp<Tree>>(text);
    typed
}

#[test]
fn every_record_in_the_example_casebook_and_fixtures_agrees() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["example-cases", "tests/fixtures", "data/processes"] {
        records(&root.join(dir), &mut files);
    }
    assert!(files.len() > 40, "found only {} records", files.len());
    let mut left = Vec::new();
    for (path, text) in &files {
        if !agree_as_named(path, text) && path.contains("example-cases") {
            left.push(path.clone());
        }
    }
    // The examples are written the way people write records, so the fast path must
    // read them all: otherwise it would quietly stop paying for itself.
    assert!(
        left.is_empty(),
        "the fast reader left these to serde-saphyr: {left:#?}"
    );
}

/// Converts a tree that serde-saphyr read back into a value to write out again.
fn to_gen(tree: &Tree) -> Option<Gen> {
    Some(match tree {
        Tree::Null => Gen::Scalar("~".into()),
        Tree::Bool(b) => Gen::Scalar(b.to_string()),
        Tree::Int(n) => Gen::Scalar(n.to_string()),
        Tree::Float(f) => Gen::Scalar(f.clone()),
        Tree::Str(s) => Gen::Scalar(s.clone()),
        Tree::Seq(items) => Gen::Seq(
            items
                .iter()
                .map(|i| to_gen(&i.value))
                .collect::<Option<_>>()?,
        ),
        Tree::Map(entries) => Gen::Map(
            entries
                .iter()
                .map(|(k, v)| match &k.value {
                    Tree::Str(key) => Some((key.clone(), to_gen(&v.value)?)),
                    _ => None,
                })
                .collect::<Option<_>>()?,
        ),
    })
}

#[test]
fn random_documents_in_every_style_agree() {
    let mut rng = Rng(7);
    let (mut read, total) = (0, 3_000);
    for _ in 0..total {
        let value = Gen::Map(vec![("top".into(), random_value(&mut rng, 4))]);
        let text = restyle::render(&value, &mut rng);
        if agree_everywhere(&text) {
            read += 1;
        }
    }
    // Most documents use only the subset; if few were read, the test would prove little.
    assert!(
        read * 2 > total,
        "the fast reader read only {read} of {total}"
    );
}

#[test]
fn example_records_rewritten_in_every_style_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    records(&root.join("example-cases"), &mut files);
    let mut rng = Rng(11);
    let (mut read, mut total) = (0, 0);
    for (path, text) in &files {
        let tree: Sp<Tree> = crate::yaml::full_parse(text).unwrap();
        let value = to_gen(&tree.value).unwrap();
        for _ in 0..20 {
            let restyled = restyle::render(&value, &mut rng);
            total += 1;
            if agree_as_named(path, &restyled) {
                read += 1;
            }
        }
    }
    assert!(
        read * 2 > total,
        "the fast reader read only {read} of {total}"
    );
}

#[test]
fn mutated_example_records_agree() {
    // Example records with one line changed in each of several ways.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    records(&root.join("example-cases"), &mut files);
    let edits: [fn(&str) -> String; 8] = [
        |l| format!("{l} # note"),
        |l| format!("  {l}"),
        |l| l.trim_start().to_string(),
        |l| l.replacen(": ", ": yes ", 1),
        |l| l.replacen(": ", ":  ", 1),
        |l| l.replacen(": ", ": '", 1) + "'",
        |l| l.replacen(": ", ": \"", 1) + "\"",
        |l| format!("{l}\n  more"),
    ];
    for (path, text) in &files {
        let lines: Vec<&str> = text.lines().collect();
        // About 25 lines of each record: every line of every record takes half a
        // minute in a debug build, and the fuzz target covers the rest.
        for i in (0..lines.len()).step_by(lines.len() / 25 + 1) {
            for edit in &edits {
                let mut changed = lines.clone();
                let new_line = edit(lines[i]);
                changed[i] = &new_line;
                let changed = changed.join("\n") + "\n";
                agree_as_named(path, &changed);
            }
        }
    }
}
