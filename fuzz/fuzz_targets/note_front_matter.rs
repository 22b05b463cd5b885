//! Notes and briefings from arbitrary text: front matter, line offsets, sections.
#![no_main]

use casebook::model::{Briefing, Note};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(d) = Note::parse("n.md", text) {
        // A finding's line must point inside the note (or at its start).
        assert!(
            d.line <= text.lines().count() + 1,
            "line {} past the end",
            d.line
        );
    }
    let briefing = Briefing::parse(text);
    let _ = briefing.check("b.md", &["A".into(), "B".into()]);
    let _ = briefing.word_count();
});
