//! Every record type, parsed from arbitrary bytes: never a panic, never a hang.
#![no_main]

use casebook::model::{CasebookConfig, KindVisitor, Record, RecordKind};
use casebook::yaml;
use libfuzzer_sys::fuzz_target;

/// Parses the text as one record kind's type.
struct Parse<'a>(&'a str);

impl KindVisitor for Parse<'_> {
    fn visit<R: Record>(&mut self) {
        let _ = yaml::parse::<R>("f.yaml", self.0);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = yaml::decode("f.yaml", data) else {
        return;
    };
    let _ = yaml::parse::<CasebookConfig>("f.yaml", text);
    for kind in RecordKind::ALL {
        kind.visit_type(&mut Parse(text));
    }
});
