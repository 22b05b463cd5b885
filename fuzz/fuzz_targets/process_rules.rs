//! The rule phrase parser and whole process files: never a panic, cycles always found.
#![no_main]

use casebook::process::{Process, RuleKind, parse_rule};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for kind in [RuleKind::Due, RuleKind::NotBefore, RuleKind::Expected] {
        if let Ok(rule) = parse_rule(kind, text) {
            // What parses prints back to something that parses to the same rule.
            assert_eq!(parse_rule(kind, &rule.to_string()).as_ref(), Ok(&rule));
        }
    }
    let _ = Process::parse("p.yaml", text);
});
