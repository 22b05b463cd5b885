//! The anonymiser on arbitrary text around registered names: no panic, and no
//! registered name survives (the check finds nothing that is a leak).
#![no_main]

use casebook::anonymise::{Anonymiser, Identity, Options};
use libfuzzer_sys::fuzz_target;

fn people() -> Vec<Identity> {
    let person = |id: &str, name: &str, aliases: &[&str], pseudonym: &str| Identity {
        id: id.into(),
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        dob: chrono::NaiveDate::from_ymd_opt(2019, 3, 7),
        address: Some("12 Larch Close, Hindley, WN2 3XY".into()),
        pseudonym: pseudonym.into(),
    };
    vec![
        person("child", "Ellie-Mae O'Brien", &["Ellie"], "Child A"),
        person("mother", "Siobhán O'Brien", &[], "Mother"),
        person("hv", "Grace Hall", &[], "Health Visitor 1"),
        person("father", "Zoë Kowalski", &["Zed"], "Father"),
    ]
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let engine = Anonymiser::new(&people(), Options::default());
    // Embed a registered name in the fuzzer's text so every run has something to find.
    let text = format!("{text} Ellie-Mae's {text}");
    let out = engine.anonymise(&text);
    let left: Vec<_> = engine
        .check(&out.text)
        .into_iter()
        .filter(|f| f.kind.is_leak())
        .collect();
    assert!(left.is_empty(), "left after anonymising: {left:?}");
});
