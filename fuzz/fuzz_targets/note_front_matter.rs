//! Notes and briefings from arbitrary text: front matter, line offsets, sections.
#![no_main]

use casebook::model::{Briefing, Note};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(d) = Note::parse("n.md", text) {
        // A finding's line must point inside the note (or at its start). Lines are
        // counted as YAML counts them: a lone carriage return ends a line too.
        let lines = casebook::diagnostic::source_lines(text).count();
        assert!(
            d.line <= lines + 1,
            "line {} past the end ({lines} lines)",
            d.line
        );
    }
    let briefing = Briefing::parse(text);
    let _ = briefing.check("b.md", &["A".into(), "B".into()]);
    let _ = briefing.word_count();
});
