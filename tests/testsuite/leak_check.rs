//! `anonymise --check` on every kind of file a partnership might publish: each leak path
//! either found, or the file listed as not checked and the check failed (exit 2);
//! never passed over. Identifiers are planted in each place, and the output must name
//! where they are without printing them.

use std::io::Write;

use crate::support::Scratch;

/// Values from the minimal fixture's people.yaml, planted below; none may be printed.
const SECRETS: [&str; 8] = [
    "Ellie",
    "ellie",
    "O'Brien",
    "Siobh",
    "Grace Hall",
    "Larch",
    "WN2 3XY",
    "07700",
];

fn assert_quiet(text: &str) {
    for s in SECRETS {
        assert!(!text.contains(s), "{s} printed:\n{text}");
    }
}

fn utf16le(text: &str, mark: bool) -> Vec<u8> {
    let mut out = if mark { vec![0xFF, 0xFE] } else { Vec::new() };
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

fn utf16be(text: &str, mark: bool) -> Vec<u8> {
    let mut out = if mark { vec![0xFE, 0xFF] } else { Vec::new() };
    out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    out
}

/// A zip archive of `(name, bytes)` entries, deflated.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A Word document with a name in each place Word keeps text: the body (split across
/// runs, as Word splits words it has spell-checked), a tracked deletion, a comment and
/// its author, a header, and the document's properties.
pub fn docx() -> Vec<u8> {
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {w}><w:body><w:p><w:r><w:t>Summary of the review</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">The visit to El</w:t></w:r><w:r><w:t>lie went ahead.</w:t></w:r></w:p><w:p><w:del w:author="Reviewer"><w:r><w:delText>Lives at 12 Larch Close</w:delText></w:r></w:del></w:p></w:body></w:document>"#
    );
    let comments = format!(
        r#"<?xml version="1.0"?><w:comments {w}><w:comment w:id="0" w:author="Grace Hall" w:initials="GH"><w:p><w:r><w:t>Ask Siobhán first</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let header = format!(
        r#"<?xml version="1.0"?><w:hdr {w}><w:p><w:r><w:t>Call 07700 900123</w:t></w:r></w:p></w:hdr>"#
    );
    let core = r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Review</dc:title><dc:creator>Grace Hall</dc:creator></cp:coreProperties>"#;
    let custom = r#"<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="v"><property name="Client"><vt:lpwstr>O'Brien</vt:lpwstr></property></Properties>"#;
    zip_of(&[
        ("[Content_Types].xml", b"<?xml version=\"1.0\"?><Types/>"),
        ("word/document.xml", document.as_bytes()),
        ("word/comments.xml", comments.as_bytes()),
        ("word/header1.xml", header.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
        ("docProps/custom.xml", custom.as_bytes()),
    ])
}

/// An OpenDocument text with a name in its text, an annotation and its metadata.
pub fn odt() -> Vec<u8> {
    let content = r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:body><office:text><text:h>Findings</text:h><text:p>Seen at home with <text:span>Ellie</text:span>.<office:annotation><dc:creator>Grace Hall</dc:creator><text:p>check WN2 3XY</text:p></office:annotation></text:p></office:text></office:body></office:document-content>"#;
    let meta = r#"<?xml version="1.0"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta><meta:initial-creator>Siobhán O'Brien</meta:initial-creator></office:meta></office:document-meta>"#;
    zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", content.as_bytes()),
        ("meta.xml", meta.as_bytes()),
    ])
}

#[test]
fn text_in_any_encoding_is_decoded_and_checked() {
    let s = Scratch::fixture("minimal");
    let line = "Seen with Ellie at 12 Larch Close.\r\n";
    s.write("publish/utf16le-bom.txt", utf16le(line, true));
    s.write("publish/utf16le.txt", utf16le(line, false));
    s.write("publish/utf16be-bom.txt", utf16be(line, true));
    s.write("publish/utf16be.txt", utf16be(line, false));
    s.write(
        "publish/cp1252.txt",
        b"\x93Siobh\xE1n\x94 O\x92Brien said so.\r\n",
    );
    s.write("publish/nul.md", b"Report\n\nSeen with El\0lie.\0\n");
    s.write("publish/utf8-bom.md", b"\xEF\xBB\xBFGrace Hall visited.\n");
    let run = s.run(&["anonymise", "--check", "publish", "--case", "T-2026-001"]);
    assert_eq!(run.code, 1, "{}", run.snapshot());
    assert_quiet(&run.stdout);
    assert_quiet(&run.stderr);
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn word_and_opendocument_text_comments_and_properties_are_checked() {
    let s = Scratch::fixture("minimal");
    s.write("publish/report.docx", docx());
    s.write("publish/briefing.odt", odt());
    let run = s.run(&["anonymise", "--check", "publish", "--case", "T-2026-001"]);
    assert_eq!(run.code, 1, "{}", run.snapshot());
    assert_quiet(&run.stdout);
    assert_quiet(&run.stderr);
    insta::assert_snapshot!(run.snapshot());
    let json = s.run(&[
        "anonymise",
        "--check",
        "publish/report.docx",
        "--case",
        "T-2026-001",
        "--format",
        "json",
    ]);
    assert_eq!(json.code, 1, "{}", json.snapshot());
    assert_quiet(&json.stdout);
    insta::assert_snapshot!("word_json", json.stdout);
}

#[test]
fn what_cannot_be_read_is_listed_and_fails_the_check() {
    let s = Scratch::fixture("minimal");
    s.write("publish/clean.md", "The panel met.\n");
    s.write("publish/.notes.md", "Ask Ellie.\n");
    s.write("publish/scan.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    s.write("publish/report.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    s.write("publish/.git/HEAD", "ref: refs/heads/main\n");
    let with_image = zip_of(&[
        (
            "word/document.xml",
            b"<w:document xmlns:w=\"w\"><w:p><w:t>Clean</w:t></w:p></w:document>",
        ),
        ("word/media/image1.png", b"\x89PNG\r\n\x1a\n\0\0"),
    ]);
    s.write("publish/logo.docx", with_image);
    s.write("publish/broken.docx", b"PK\x03\x04 truncated");
    std::os::unix::fs::symlink("/etc/passwd", s.path().join("publish/link.md")).unwrap();
    let run = s.run(&["anonymise", "--check", "publish", "--case", "T-2026-001"]);
    assert_eq!(run.code, 2, "{}", run.snapshot());
    assert_quiet(&run.stdout);
    insta::assert_snapshot!(run.snapshot());
    let json = s.run(&[
        "anonymise",
        "--check",
        "publish",
        "--case",
        "T-2026-001",
        "--format",
        "json",
    ]);
    assert_eq!(json.code, 2, "{}", json.snapshot());
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(doc["summary"]["files_not_checked"], 6, "{}", json.stdout);
    assert_eq!(doc["summary"]["files_checked"], 2, "{}", json.stdout);
    assert!(!json.stdout.contains("\"value\""), "{}", json.stdout);
    // Values and JSON do not go together.
    let both = s.run(&[
        "anonymise",
        "--check",
        "publish",
        "--format",
        "json",
        "--show-values",
    ]);
    assert_eq!(both.code, 2, "{}", both.snapshot());
}

#[test]
fn names_in_file_and_folder_names_are_found_and_never_printed() {
    let s = Scratch::fixture("minimal");
    s.write(
        "publish/notes/2026-01-20-ellie-mae-obrien-home-visit.md",
        "Visit.\n",
    );
    s.write("publish/grace-hall/minutes.md", "Minutes.\n");
    s.write("publish/the-grace-period.md", "Ideas.\n");
    let run = s.run(&["anonymise", "--check", "publish", "--case", "T-2026-001"]);
    assert_eq!(run.code, 1, "{}", run.snapshot());
    assert_quiet(&run.stdout);
    assert!(!run.stdout.contains("grace"), "{}", run.stdout);
    insta::assert_snapshot!(run.snapshot());
    let shown = s.run(&[
        "anonymise",
        "--check",
        "publish",
        "--case",
        "T-2026-001",
        "--show-values",
    ]);
    assert!(
        shown.stdout.contains("ellie-mae-obrien"),
        "{}",
        shown.stdout
    );
}
