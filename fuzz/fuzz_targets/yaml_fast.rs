//! The fast YAML reader against serde-saphyr: for any text and every record type,
//! `yaml::parse` (fast path first) and `yaml::parse_full` (serde-saphyr only) give the
//! same value with the same positions, or the same diagnostic.
#![no_main]

use std::fmt::Debug;

use casebook::model::{
    ActionsFile, CaseRecord, CasebookConfig, ChronologyFile, NoteFrontMatter, PeopleFile,
    Recommendation, Referral, Sp, SpMap,
};
use casebook::yaml;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;

fn same<T: DeserializeOwned + Debug>(text: &str) {
    let fast = format!("{:?}", yaml::parse::<T>("f.yaml", text));
    let full = format!("{:?}", yaml::parse_full::<T>("f.yaml", text));
    assert_eq!(fast, full, "the two parsers disagree on {text:?}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = yaml::decode("f.yaml", data) else {
        return;
    };
    same::<CaseRecord>(text);
    same::<ActionsFile>(text);
    same::<ChronologyFile>(text);
    same::<PeopleFile>(text);
    same::<Referral>(text);
    same::<Recommendation>(text);
    same::<CasebookConfig>(text);
    same::<NoteFrontMatter>(text);
    same::<SpMap<Sp<String>>>(text);
    same::<SpMap<Vec<Sp<String>>>>(text);
    same::<Vec<SpMap<Sp<String>>>>(text);
    same::<SpMap<SpMap<Sp<String>>>>(text);
    same::<SpMap<Option<Sp<u32>>>>(text);
    same::<SpMap<Sp<bool>>>(text);
});
