//! The fast YAML reader against serde-saphyr: for any text and every record type,
//! `yaml::parse` (fast path first) and `yaml::parse_full` (serde-saphyr only) give the
//! same value with the same positions, or the same diagnostic.
#![no_main]

use std::fmt::Debug;

use casebook::model::{
    CasebookConfig, KindVisitor, NoteFrontMatter, Record, RecordKind, Sp, SpMap,
};
use casebook::yaml;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;

fn same<T: DeserializeOwned + Debug>(text: &str) {
    let fast = format!("{:?}", yaml::parse::<T>("f.yaml", text));
    let full = format!("{:?}", yaml::parse_full::<T>("f.yaml", text));
    assert_eq!(fast, full, "the two parsers disagree on {text:?}");
}

/// Compares the two parsers on one record kind's type.
struct Same<'a>(&'a str);

impl KindVisitor for Same<'_> {
    fn visit<R: Record>(&mut self) {
        same::<R>(self.0);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = yaml::decode("f.yaml", data) else {
        return;
    };
    for kind in RecordKind::ALL {
        kind.visit_type(&mut Same(text));
    }
    same::<CasebookConfig>(text);
    same::<NoteFrontMatter>(text);
    same::<SpMap<Sp<String>>>(text);
    same::<SpMap<Vec<Sp<String>>>>(text);
    same::<Vec<SpMap<Sp<String>>>>(text);
    same::<SpMap<SpMap<Sp<String>>>>(text);
    same::<SpMap<Option<Sp<u32>>>>(text);
    same::<SpMap<Sp<bool>>>(text);
});
