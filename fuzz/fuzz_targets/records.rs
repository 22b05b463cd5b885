//! Every record type, parsed from arbitrary bytes: never a panic, never a hang.
#![no_main]

use casebook::model::{
    ActionsFile, CaseRecord, CasebookConfig, ChronologyFile, PeopleFile, Recommendation, Referral,
};
use casebook::yaml;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = yaml::decode("f.yaml", data) else {
        return;
    };
    let _ = yaml::parse::<CasebookConfig>("f.yaml", text);
    let _ = yaml::parse::<CaseRecord>("f.yaml", text);
    let _ = yaml::parse::<PeopleFile>("f.yaml", text);
    let _ = yaml::parse::<Referral>("f.yaml", text);
    let _ = yaml::parse::<ChronologyFile>("f.yaml", text);
    let _ = yaml::parse::<ActionsFile>("f.yaml", text);
    let _ = yaml::parse::<Recommendation>("f.yaml", text);
});
