//! validate's findings for CI: GitHub Actions annotations (`::error file=…,line=…::…`,
//! shown on the line to change in a pull request) and JUnit XML (one test suite per case,
//! a failure per error, so GitLab and other CI show them natively). Pure: findings in,
//! text out. Findings about people.yaml never carry its text: their messages are
//! written without the value (`sensitive`), and neither format quotes a source line.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Severity};
use crate::markup::{github_data, github_property, xml_escape};

/// The case a finding is about: `cases/<ID>/…`; findings about casebook.yaml, the
/// process or templates are the casebook's own.
fn case_of(d: &Diagnostic) -> &str {
    let mut parts = d.path.split('/');
    match (parts.next(), parts.next()) {
        (Some("cases"), Some(id)) if !id.is_empty() => id,
        _ => "casebook",
    }
}

/// The finding's message with its help, as one line of prose.
fn message(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{} (help: {help})", d.message),
        None => d.message.clone(),
    }
}

/// One workflow command per finding: `::error` for errors, `::warning` for warnings.
pub fn github(findings: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in findings {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let col = if d.column > 0 {
            format!(",col={}", d.column)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "::{level} file={},line={}{col},title={}::{}",
            github_property(&d.path),
            d.line.max(1),
            github_property(&format!("{} {}", case_of(d), d.code)),
            github_data(&message(d))
        );
    }
    out
}

/// JUnit XML: a test suite per case checked (and one for the casebook's own files when
/// they have findings), a test case per finding (a failure for an error, standard
/// output for a warning), and one passing test case for a case with nothing to say.
pub fn junit(findings: &[Diagnostic], cases: &[String], as_of: NaiveDate) -> String {
    let mut by_case: BTreeMap<&str, Vec<&Diagnostic>> =
        cases.iter().map(|c| (c.as_str(), Vec::new())).collect();
    for d in findings {
        by_case.entry(case_of(d)).or_default().push(d);
    }
    let tests: usize = by_case.values().map(|f| f.len().max(1)).sum();
    let failures = findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"casebook validate {as_of}\" tests=\"{tests}\" failures=\"{failures}\">"
    );
    for (case, found) in &by_case {
        let failed = found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\">",
            xml_escape(case),
            found.len().max(1)
        );
        if found.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase classname=\"{}.validate\" name=\"records\"/>",
                xml_escape(case)
            );
        }
        for d in found {
            let name = format!("{}: {}:{}", d.code, d.path, d.line);
            let _ = writeln!(
                out,
                "    <testcase classname=\"{}.validate\" name=\"{}\" file=\"{}\" line=\"{}\">",
                xml_escape(case),
                xml_escape(&name),
                xml_escape(&d.path),
                d.line
            );
            let text = format!("{}:{}:{}: {}", d.path, d.line, d.column, message(d));
            match d.severity {
                Severity::Error => {
                    let _ = writeln!(
                        out,
                        "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                        d.code,
                        xml_escape(&message(d)),
                        xml_escape(&text)
                    );
                }
                Severity::Warning => {
                    let _ = writeln!(
                        out,
                        "      <system-out>warning: {}</system-out>",
                        xml_escape(&text)
                    );
                }
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn findings() -> Vec<Diagnostic> {
        vec![
            Diagnostic::error(
                Code::UnknownTrack,
                "cases/T-1/case.yaml",
                4,
                10,
                "`rapid-reveiw` is not a track, 100%",
            )
            .with_help("did you mean `rapid-review`?"),
            Diagnostic::warning(
                Code::PastHolidayData,
                "casebook.yaml",
                0,
                0,
                "dates in 2029\nweekends only",
            ),
        ]
    }

    #[test]
    fn github_annotations_escape_what_would_break_the_command() {
        let text = github(&findings());
        assert_eq!(
            text,
            "::error file=cases/T-1/case.yaml,line=4,col=10,title=T-1 unknown-track::`rapid-reveiw` is not a track, 100%25 (help: did you mean `rapid-review`?)\n\
             ::warning file=casebook.yaml,line=1,title=casebook past-holiday-data::dates in 2029%0Aweekends only\n"
        );
    }

    #[test]
    fn junit_is_well_formed_with_a_suite_per_case() {
        let cases = vec!["T-1".to_string(), "T-2".to_string()];
        let xml = junit(&findings(), &cases, day());
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.attribute("tests"), Some("3"));
        assert_eq!(root.attribute("failures"), Some("1"));
        let suites: Vec<&str> = root
            .children()
            .filter(|n| n.has_tag_name("testsuite"))
            .filter_map(|n| n.attribute("name"))
            .collect();
        assert_eq!(suites, ["T-1", "T-2", "casebook"]);
        let failures: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("failure"))
            .collect();
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].attribute("type"), Some("unknown-track"));
        assert!(xml.contains("<testcase classname=\"T-2.validate\" name=\"records\"/>"));
    }
}
