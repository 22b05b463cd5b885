//! What a zip container holds, as text to check: Word (.docx) and OpenDocument (.odt)
//! files, the other Office and OpenDocument formats, and plain zip archives. Every
//! entry is read: XML parts (the text, comments, headers, footers, footnotes,
//! tracked changes, and the file properties in docProps/core.xml, app.xml, custom.xml
//! or meta.xml) become the text a reader sees, with the attributes that hold text
//! (comment and revision authors and initials, image titles and descriptions, link
//! targets, names); other text entries are decoded like files; archives inside are
//! opened in turn. What cannot be read (an image, an encrypted or unsupported entry,
//! XML that is not well-formed, anything past the limits) is listed as not checked,
//! never skipped.
//!
//! Pure: bytes in, parts out. Entry names are given as written, for the caller to
//! check as paths.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::decode::{Decoded, decode};
use crate::limits;

/// One entry read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Its name in the archive (`word/comments.xml`); inside a nested archive, the
    /// names joined with `!`.
    pub name: String,
    /// The text a reader sees in it: for XML, one line per paragraph, with the
    /// attributes that hold text each on a line after their paragraph.
    pub text: String,
}

/// One entry that could not be read as text, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// Its name in the archive.
    pub name: String,
    /// Why it was not checked ("a PNG image").
    pub reason: String,
}

/// Everything an archive holds.
#[derive(Debug, Default)]
pub struct Opened {
    /// The entries read as text.
    pub parts: Vec<Part>,
    /// The entries not checked.
    pub unread: Vec<Unread>,
}

/// Why an archive (a .docx or .odt) or one of its XML parts cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ArchiveError(pub String);

/// Tells whether `bytes` are a zip archive.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Opens a zip archive; an error says why it could not be read at all.
pub fn open(bytes: &[u8]) -> Result<Opened, ArchiveError> {
    let mut opened = Opened::default();
    let mut budget = limits::MAX_ARCHIVE_BYTES;
    read_into(bytes, "", 1, &mut budget, &mut opened)?;
    Ok(opened)
}

fn read_into(
    bytes: &[u8],
    prefix: &str,
    depth: usize,
    budget: &mut u64,
    out: &mut Opened,
) -> Result<(), ArchiveError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ArchiveError(format!("it is not a zip archive casebook can read ({e})")))?;
    if archive.len() > limits::MAX_ARCHIVE_ENTRIES {
        return Err(ArchiveError(format!(
            "it holds {} entries, more than the {} casebook opens",
            archive.len(),
            limits::MAX_ARCHIVE_ENTRIES
        )));
    }
    for i in 0..archive.len() {
        let fallback = format!("entry {}", i + 1);
        let raw_name = archive.name_for_index(i).unwrap_or(&fallback).to_string();
        let name = format!("{prefix}{raw_name}");
        let unread = |reason: String| Unread {
            name: name.clone(),
            reason,
        };
        let mut file = match archive.by_index(i) {
            Ok(file) => file,
            Err(zip::result::ZipError::UnsupportedArchive(why)) => {
                out.unread
                    .push(unread(format!("it cannot be unpacked ({why})")));
                continue;
            }
            Err(e) => {
                out.unread
                    .push(unread(format!("it cannot be unpacked ({e})")));
                continue;
            }
        };
        if file.is_dir() {
            continue;
        }
        if file.is_symlink() {
            out.unread.push(unread("a symbolic link".into()));
            continue;
        }
        if *budget == 0 {
            out.unread.push(unread(format!(
                "the archive unpacks to more than {} MiB",
                limits::MAX_ARCHIVE_BYTES / 1_048_576
            )));
            continue;
        }
        let cap = limits::MAX_CHECK_BYTES.min(*budget);
        let mut content = Vec::new();
        if let Err(e) = (&mut file).take(cap + 1).read_to_end(&mut content) {
            out.unread
                .push(unread(format!("it cannot be unpacked ({e})")));
            continue;
        }
        let read = content.len() as u64;
        *budget = budget.saturating_sub(read);
        if read > cap {
            *budget = 0;
            out.unread.push(unread(format!(
                "it unpacks to more than {} MiB",
                cap / 1_048_576
            )));
            continue;
        }
        drop(file);
        if is_zip(&content) {
            if depth >= limits::MAX_ARCHIVE_DEPTH {
                out.unread
                    .push(unread("an archive nested too deep to open".into()));
            } else if let Err(why) =
                read_into(&content, &format!("{name}!"), depth + 1, budget, out)
            {
                out.unread.push(unread(why.0));
            }
            continue;
        }
        let text = match decode(&content) {
            Decoded::Text { text, .. } => text,
            Decoded::Binary(what) => {
                out.unread.push(unread(what.to_string()));
                continue;
            }
        };
        if is_xml(&raw_name, &text) {
            match xml_text(&text) {
                Ok(text) => out.parts.push(Part { name, text }),
                Err(why) => out.unread.push(unread(why.0)),
            }
        } else {
            out.parts.push(Part { name, text });
        }
    }
    Ok(())
}

fn is_xml(name: &str, text: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xml", ".rels", ".vml", ".xhtml"]
        .iter()
        .any(|ext| lower.ends_with(ext))
        || text.trim_start_matches('\u{FEFF}').starts_with("<?xml")
}

/// Attributes that hold text a person wrote or chose: who wrote a comment or made a
/// change, and their initials; an image's title, description and file name; a link's
/// target; a bookmark's, property's or font's name; a spreadsheet cell's value.
const TEXT_ATTRIBUTES: &[&[u8]] = &[
    b"author",
    b"initials",
    b"descr",
    b"title",
    b"name",
    b"Target",
    b"href",
    b"value",
    b"string-value",
];

/// Elements whose `val` attribute holds text: document variables and the titles and
/// tags of content controls.
const VALUE_ELEMENTS: &[&[u8]] = &[b"docVar", b"alias", b"tag"];

/// Elements inside a paragraph whose text is not part of the paragraph's sentence:
/// an OpenDocument annotation (a comment) and its author and date, a footnote, a
/// frame or text box.
const BLOCKS: &[&[u8]] = &[
    b"annotation",
    b"note",
    b"note-body",
    b"note-citation",
    b"frame",
    b"text-box",
    b"txbxContent",
    b"creator",
    b"date",
];

/// Gives the text a reader sees in an XML part: the text of each paragraph (`w:p`,
/// `a:p`, `text:p`, `text:h`) on a line of its own, runs joined as they are shown
/// (`El` + `lie` is "Ellie"), tabs and line breaks as such; a comment, footnote or
/// text box inside a paragraph on lines of its own, before the paragraph's; text
/// outside paragraphs (the properties) a line per element; comments in the XML and
/// the attributes that hold text each on a line after the line they stand in.
pub fn xml_text(xml: &str) -> Result<String, ArchiveError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut lines = Lines {
        out: String::with_capacity(xml.len() / 4),
        open: Vec::new(),
        loose: Line::default(),
    };
    // For each open element, whether it began a line of its own.
    let mut began: Vec<bool> = Vec::new();
    let bad = |e: &dyn std::fmt::Display| ArchiveError(format!("its XML is not well-formed ({e})"));
    loop {
        let event = reader.read_event().map_err(|e| bad(&e))?;
        match event {
            Event::Start(e) => {
                let own_line = is_paragraph(&e) || !lines.open.is_empty() && is_block(&e);
                if own_line {
                    lines.open.push(Line::default());
                }
                began.push(own_line);
                text_attributes(&e, &mut lines.current().held);
            }
            Event::Empty(e) => {
                match e.local_name().as_ref() {
                    b"tab" => lines.current().text.push('\t'),
                    b"br" | b"cr" | b"line-break" => lines.current().text.push('\n'),
                    b"s" => lines.current().text.push(' '),
                    _ => {}
                }
                text_attributes(&e, &mut lines.current().held);
            }
            Event::End(_) => {
                if began.pop().unwrap_or(false) {
                    if let Some(line) = lines.open.pop() {
                        lines.write(line);
                    }
                } else if lines.open.is_empty() {
                    let line = std::mem::take(&mut lines.loose);
                    lines.write(line);
                }
            }
            Event::Text(t) => {
                let text = t.decode().map_err(|e| bad(&e))?;
                let line = &mut lines.current().text;
                if text.trim().is_empty() {
                    if !text.is_empty() && !line.is_empty() && !line.ends_with(char::is_whitespace)
                    {
                        line.push(' ');
                    }
                } else {
                    line.push_str(&text);
                }
            }
            Event::CData(t) => lines
                .current()
                .text
                .push_str(&t.decode().map_err(|e| bad(&e))?),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().map_err(|e| bad(&e))? {
                    Some(c) => c,
                    None => match r.decode().map_err(|e| bad(&e))?.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => {
                            return Err(ArchiveError(format!(
                                "its XML names an entity `&{other};` casebook cannot read"
                            )));
                        }
                    },
                };
                lines.current().text.push(c);
            }
            Event::Comment(t) => {
                let comment = t.decode().map_err(|e| bad(&e))?.into_owned();
                lines.current().held.push(comment);
            }
            Event::DocType(_) => {
                return Err(ArchiveError(
                    "its XML declares a document type, which Office files never do".into(),
                ));
            }
            Event::Decl(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    while let Some(line) = lines.open.pop() {
        lines.write(line);
    }
    let line = std::mem::take(&mut lines.loose);
    lines.write(line);
    Ok(lines.out)
}

/// A line being gathered: its text, and the attribute values held for after it.
#[derive(Default)]
struct Line {
    text: String,
    held: Vec<String>,
}

/// The lines written so far, the paragraphs still open (innermost last), and the
/// text gathered outside any paragraph.
struct Lines {
    out: String,
    open: Vec<Line>,
    loose: Line,
}

impl Lines {
    fn current(&mut self) -> &mut Line {
        self.open.last_mut().unwrap_or(&mut self.loose)
    }

    /// Writes a line, if it holds anything, then its held values a line each.
    fn write(&mut self, line: Line) {
        if !line.text.trim().is_empty() {
            self.out.push_str(&line.text);
            self.out.push('\n');
        }
        for value in line.held {
            self.out.push_str(&value.replace(['\r', '\n'], " "));
            self.out.push('\n');
        }
    }
}

fn is_paragraph(e: &BytesStart<'_>) -> bool {
    matches!(e.local_name().as_ref(), b"p" | b"h")
}

fn is_block(e: &BytesStart<'_>) -> bool {
    BLOCKS.contains(&e.local_name().as_ref())
}

/// Holds the values of the attributes of `e` that hold text.
fn text_attributes(e: &BytesStart<'_>, held: &mut Vec<String>) {
    let element = e.local_name();
    let values_text = VALUE_ELEMENTS.contains(&element.as_ref());
    for attribute in e.attributes().flatten() {
        let key = attribute.key.local_name();
        let key = key.as_ref();
        if TEXT_ATTRIBUTES.contains(&key) || (values_text && key == b"val") {
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&attribute.value).into_owned());
            if !value.trim().is_empty() {
                held.push(value);
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// Builds a zip archive of `(name, bytes)` entries, deflated.
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn word_runs_join_and_paragraphs_are_lines() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Seen with El</w:t></w:r><w:ins w:author="Tom Brennan"><w:r><w:t>lie</w:t></w:r></w:ins><w:r><w:tab/><w:t xml:space="preserve"> Jones &amp; co</w:t></w:r></w:p><w:p><w:r><w:delText>O&#8217;Brien</w:delText></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            xml_text(xml).unwrap(),
            "Seen with Ellie\t Jones & co\nTom Brennan\nO\u{2019}Brien\n"
        );
    }

    #[test]
    fn a_comment_inside_a_paragraph_has_lines_of_its_own() {
        let xml = "<office:text xmlns:office=\"o\" xmlns:text=\"t\" xmlns:dc=\"d\"><text:p>Seen with El<text:span>lie</text:span>.<office:annotation><dc:creator>Grace Hall</dc:creator><dc:date>2026-01-02</dc:date><text:p>check WN2 3XY</text:p></office:annotation> Then home.</text:p></office:text>";
        assert_eq!(
            xml_text(xml).unwrap(),
            "Grace Hall\n2026-01-02\ncheck WN2 3XY\nSeen with Ellie. Then home.\n"
        );
    }

    #[test]
    fn properties_are_a_line_each() {
        let xml = "<cp:coreProperties xmlns:cp=\"c\" xmlns:dc=\"d\">\n  <dc:creator>Tom Brennan</dc:creator>\n  <dc:title>Visit</dc:title>\n</cp:coreProperties>";
        assert_eq!(xml_text(xml).unwrap(), "Tom Brennan\nVisit\n");
    }

    #[test]
    fn bad_xml_and_document_types_are_refused() {
        assert!(
            xml_text("<a><b></a>")
                .unwrap_err()
                .0
                .contains("not well-formed")
        );
        assert!(
            xml_text("<!DOCTYPE x [<!ENTITY e \"boom\">]><x>&e;</x>")
                .unwrap_err()
                .0
                .contains("document type")
        );
    }

    #[test]
    fn entries_are_parts_or_unread_and_nested_archives_are_opened() {
        let inner = zip_of(&[(
            "xl/sharedStrings.xml",
            b"<sst><si><t>WN2 3XY</t></si></sst>",
        )]);
        let bytes = zip_of(&[
            (
                "word/document.xml",
                b"<w:document xmlns:w=\"w\"><w:p><w:t>Hello</w:t></w:p></w:document>",
            ),
            ("word/media/image1.png", b"\x89PNG\r\n\x1a\n\0\0\0"),
            ("word/embeddings/sheet.xlsx", &inner),
            ("notes.txt", b"Zo\xEB"),
        ]);
        let opened = open(&bytes).unwrap();
        let parts: Vec<(&str, &str)> = opened
            .parts
            .iter()
            .map(|p| (p.name.as_str(), p.text.as_str()))
            .collect();
        assert_eq!(
            parts,
            [
                ("word/document.xml", "Hello\n"),
                (
                    "word/embeddings/sheet.xlsx!xl/sharedStrings.xml",
                    "WN2 3XY\n"
                ),
                ("notes.txt", "Zoë"),
            ]
        );
        assert_eq!(
            opened.unread,
            [Unread {
                name: "word/media/image1.png".into(),
                reason: "a PNG image".into()
            }]
        );
        assert!(open(b"PK\x03\x04 not really").is_err());
    }
}
