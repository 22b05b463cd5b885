//! The zip package under a Word document: checking one before docx-rs reads it, adding
//! the one thing docx-rs cannot write (table rows that repeat at the top of each page),
//! and reading back the text of every part for a leak check.
//!
//! docx-rs reads each part with `read_to_end(..).unwrap()` and has no size limits, so a
//! file is opened here first: within [`limits`](crate::limits), every part unpacked
//! and its checksum verified, and the package declared as a Word document (docx-rs
//! hangs on a spreadsheet). Pure: bytes in, bytes or findings out.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use crate::limits;

/// Why a file is not a Word document casebook can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackageError {
    /// The file is larger than [`limits::MAX_DOCX_BYTES`].
    #[error("the file is {0} bytes; casebook reads Word documents of at most {max} bytes", max = limits::MAX_DOCX_BYTES)]
    TooLarge(u64),
    /// Not a zip archive at all (an old .doc, a PDF, an .odt renamed, …).
    #[error("it is not a .docx file (a Word document saved as \"Word Document (*.docx)\")")]
    NotZip,
    /// A zip archive, but not a Word document.
    #[error("it is a zip archive but not a Word document")]
    NotWord,
    /// The archive holds too many parts or unpacks to too much.
    #[error("it unpacks to more than casebook reads (at most {parts} parts and {bytes} bytes)", parts = limits::MAX_DOCX_PARTS, bytes = limits::MAX_DOCX_UNPACKED)]
    Unpacks,
    /// A part is damaged (bad checksum, truncated data) or encrypted.
    #[error("part {0} of the document is damaged or encrypted")]
    Damaged(String),
    /// A part's XML is not well formed.
    #[error("part {0} of the document is not well-formed XML")]
    BadXml(String),
}

/// One part of a package: its name inside the zip and its bytes.
#[derive(Debug, Clone)]
pub struct Part {
    /// The name inside the zip, e.g. `word/document.xml`.
    pub name: String,
    /// The unpacked bytes.
    pub bytes: Vec<u8>,
}

/// Content types that mark the main part of a Word document (plain, macro-enabled, template).
const WORD_MAIN_TYPES: [&str; 4] = [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
];

/// Opens a package and unpacks every part within the limits, or says why it cannot.
pub fn unpack(bytes: &[u8]) -> Result<Vec<Part>, PackageError> {
    let size = bytes.len() as u64;
    if size > limits::MAX_DOCX_BYTES {
        return Err(PackageError::TooLarge(size));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| PackageError::NotZip)?;
    if archive.len() > limits::MAX_DOCX_PARTS {
        return Err(PackageError::Unpacks);
    }
    let mut parts = Vec::with_capacity(archive.len());
    let mut budget = limits::MAX_DOCX_UNPACKED;
    for i in 0..archive.len() {
        let mut file = archive
            .by_index(i)
            .map_err(|_| PackageError::Damaged(format!("#{}", i + 1)))?;
        let name = file.name().to_string();
        if file.is_dir() {
            continue;
        }
        let mut data = Vec::new();
        // One byte past the budget tells a part that is too big from one that fits.
        let read = (&mut file)
            .take(budget + 1)
            .read_to_end(&mut data)
            .map_err(|_| PackageError::Damaged(name.clone()))?;
        let read = read as u64;
        if read > budget {
            return Err(PackageError::Unpacks);
        }
        budget -= read;
        parts.push(Part { name, bytes: data });
    }
    let types = parts
        .iter()
        .find(|p| p.name == "[Content_Types].xml")
        .ok_or(PackageError::NotWord)?;
    let types = String::from_utf8_lossy(&types.bytes);
    if !WORD_MAIN_TYPES.iter().any(|t| types.contains(t)) {
        return Err(PackageError::NotWord);
    }
    Ok(parts)
}

/// Whether a part holds XML whose text a person could have written or read.
fn is_xml(name: &str) -> bool {
    name.ends_with(".xml") || name.ends_with(".rels")
}

/// Attributes whose values are text a person could write or read.
const TEXT_ATTRIBUTES: [&[u8]; 7] = [
    b"descr",
    b"title",
    b"name",
    b"author",
    b"initials",
    b"Target",
    b"alias",
];

/// The text of one part: its character data and attribute values, in document order.
#[derive(Debug, Clone)]
pub struct PartText {
    /// The part's name inside the zip.
    pub part: String,
    /// Character data, one line per paragraph or element that holds text.
    pub text: String,
    /// Attribute values (alternative text, comment authors, field codes in attributes).
    pub attributes: String,
}

/// Reads every XML part's text and attribute values, for a leak check that must see
/// what docx-rs's own model does not keep (properties, comments, alternative text).
pub fn texts(parts: &[Part]) -> Result<Vec<PartText>, PackageError> {
    parts
        .iter()
        .filter(|p| is_xml(&p.name))
        .map(part_text)
        .collect()
}

fn part_text(part: &Part) -> Result<PartText, PackageError> {
    let bad = || PackageError::BadXml(part.name.clone());
    let xml = std::str::from_utf8(&part.bytes).map_err(|_| bad())?;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut text = String::new();
    let mut attributes = String::new();
    let decoder = reader.decoder();
    let mut push_attributes = |e: &BytesStart<'_>| -> Result<(), PackageError> {
        for attr in e.attributes() {
            let attr = attr.map_err(|_| bad())?;
            // Only attributes a person writes or reads: alternative text and titles,
            // names, comment authors, link targets. The rest (styles, sizes, ids,
            // namespace lists) is machinery that pattern checks would misread.
            if !TEXT_ATTRIBUTES.contains(&attr.key.local_name().as_ref()) {
                continue;
            }
            let value = attr
                .decoded_and_normalized_value(quick_xml::XmlVersion::Implicit1_0, decoder)
                .map_err(|_| bad())?;
            if !value.trim().is_empty() {
                attributes.push_str(&value);
                attributes.push('\n');
            }
        }
        Ok(())
    };
    loop {
        match reader.read_event().map_err(|_| bad())? {
            Event::Eof => break,
            Event::Start(e) => {
                push_attributes(&e)?;
                // A paragraph (w:p) or a property element starts a new line.
                if matches!(e.local_name().as_ref(), b"p" | b"tc" | b"tr") && !text.ends_with('\n')
                {
                    text.push('\n');
                }
            }
            Event::Empty(e) => {
                push_attributes(&e)?;
                if matches!(e.local_name().as_ref(), b"tab" | b"br" | b"cr") {
                    text.push(' ');
                }
            }
            Event::Text(t) => {
                let raw = t.decode().map_err(|_| bad())?;
                let value = quick_xml::escape::unescape(&raw).map_err(|_| bad())?;
                text.push_str(&value);
            }
            Event::CData(t) => {
                text.push_str(&String::from_utf8_lossy(&t));
            }
            Event::GeneralRef(r) => match r.resolve_char_ref().map_err(|_| bad())? {
                Some(c) => text.push(c),
                None => {
                    let name = r.decode().map_err(|_| bad())?;
                    let c = match name.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        _ => return Err(bad()),
                    };
                    text.push(c);
                }
            },
            Event::End(e) => {
                if matches!(e.local_name().as_ref(), b"p" | b"tc") {
                    text.push('\n');
                }
            }
            _ => {}
        }
    }
    Ok(PartText {
        part: part.name.clone(),
        text,
        attributes,
    })
}

/// Everything a reader of a finished document could find in it, for a leak check: the
/// text and attribute values of every XML part (body, headers, footers, comments,
/// footnotes, document properties), part after part.
pub fn document_text(bytes: &[u8]) -> Result<String, PackageError> {
    let parts = unpack(bytes)?;
    let mut out = String::new();
    for part in texts(&parts)? {
        out.push_str(&part.text);
        out.push('\n');
        out.push_str(&part.attributes);
        out.push('\n');
    }
    Ok(out)
}

/// Counts the letters and digits in the text runs (`w:t`) of a `word/document.xml`,
/// leaving out text moved away (`w:moveFrom`), to compare with what a reader extracted.
pub fn visible_chars(document: &[u8]) -> Result<usize, PackageError> {
    let bad = || PackageError::BadXml("word/document.xml".into());
    let xml = std::str::from_utf8(document).map_err(|_| bad())?;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut in_text, mut moved, mut count) = (0usize, 0usize, 0usize);
    let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
    loop {
        match reader.read_event().map_err(|_| bad())? {
            Event::Eof => break,
            Event::Start(e) => match e.name().as_ref() {
                b"w:t" => in_text += 1,
                b"w:moveFrom" => moved += 1,
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = in_text.saturating_sub(1),
                b"w:moveFrom" => moved = moved.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if in_text > 0 && moved == 0 => {
                let raw = t.decode().map_err(|_| bad())?;
                count += letters(&raw);
            }
            Event::GeneralRef(r) if in_text > 0 && moved == 0 => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    count += usize::from(c.is_alphanumeric());
                }
            }
            _ => {}
        }
    }
    Ok(count)
}

/// Marks the first row of each table of `document` (a `word/document.xml` as docx-rs
/// wrote it) whose flag in `repeat` is true as a header row that Word and LibreOffice
/// repeat at the top of every page (`<w:tblHeader/>` in its `<w:trPr>`). Tables are
/// counted in document order, nested ones included. docx-rs has no API for this; the
/// element may stand anywhere in `w:trPr`, whose children are an unordered choice.
pub fn mark_header_rows(document: &[u8], repeat: &[bool]) -> Result<Vec<u8>, PackageError> {
    let bad = || PackageError::BadXml("word/document.xml".into());
    let xml = std::str::from_utf8(document).map_err(|_| bad())?;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(document.len() + 256));
    // For each open table: its index and whether its first row is still to come.
    let mut tables: Vec<(usize, bool)> = Vec::new();
    let mut seen = 0usize;
    // Set between the start of a first row that repeats and its properties.
    let mut in_first_row = false;
    let header = || Event::Empty(BytesStart::new("w:tblHeader"));
    loop {
        let event = reader.read_event().map_err(|_| bad())?;
        match &event {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"w:tbl" => {
                tables.push((seen, true));
                seen += 1;
            }
            Event::End(e) if e.name().as_ref() == b"w:tbl" => {
                tables.pop();
            }
            Event::Start(e) if e.name().as_ref() == b"w:tr" => {
                if let Some((index, first)) = tables.last_mut() {
                    in_first_row = *first && repeat.get(*index).copied().unwrap_or(false);
                    *first = false;
                }
            }
            _ => {}
        }
        match event {
            Event::Empty(e) if in_first_row && e.name().as_ref() == b"w:trPr" => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                writer
                    .write_event(Event::Start(e.borrow()))
                    .map_err(|_| bad())?;
                writer.write_event(header()).map_err(|_| bad())?;
                writer
                    .write_event(Event::End(quick_xml::events::BytesEnd::new(name)))
                    .map_err(|_| bad())?;
                in_first_row = false;
            }
            Event::Start(e) if in_first_row && e.name().as_ref() == b"w:trPr" => {
                writer.write_event(Event::Start(e)).map_err(|_| bad())?;
                writer.write_event(header()).map_err(|_| bad())?;
                in_first_row = false;
            }
            Event::Start(ref e) | Event::Empty(ref e)
                if in_first_row && e.name().as_ref() == b"w:tc" =>
            {
                // A row without properties: give it some before its first cell.
                writer
                    .write_event(Event::Start(BytesStart::new("w:trPr")))
                    .map_err(|_| bad())?;
                writer.write_event(header()).map_err(|_| bad())?;
                writer
                    .write_event(Event::End(quick_xml::events::BytesEnd::new("w:trPr")))
                    .map_err(|_| bad())?;
                writer.write_event(event.borrow()).map_err(|_| bad())?;
                in_first_row = false;
            }
            other => writer.write_event(other).map_err(|_| bad())?,
        }
    }
    Ok(writer.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        use std::io::Write;
        let mut out = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut out);
            for (name, data) in files {
                w.start_file(*name, zip::write::SimpleFileOptions::default())
                    .unwrap();
                w.write_all(data).unwrap();
            }
            w.finish().unwrap();
        }
        out.into_inner()
    }

    const TYPES: &[u8] = br#"<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

    #[test]
    fn a_word_package_unpacks() {
        let z = zip_of(&[
            ("[Content_Types].xml", TYPES),
            ("word/document.xml", b"<w:document/>"),
        ]);
        let parts = unpack(&z).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[1].name, "word/document.xml");
    }

    #[test]
    fn other_files_are_refused_with_the_reason() {
        assert_eq!(
            unpack(b"{\\rtf1 not a zip}").unwrap_err(),
            PackageError::NotZip
        );
        let sheet = zip_of(&[(
            "[Content_Types].xml",
            b"<Types><Override ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>",
        )]);
        assert_eq!(unpack(&sheet).unwrap_err(), PackageError::NotWord);
        let none = zip_of(&[("word/document.xml", b"<w:document/>")]);
        assert_eq!(unpack(&none).unwrap_err(), PackageError::NotWord);
        let big = vec![0u8; limits::MAX_DOCX_BYTES as usize + 1];
        assert!(matches!(unpack(&big), Err(PackageError::TooLarge(_))));
    }

    #[test]
    fn a_zip_bomb_is_refused() {
        let zeros = vec![0u8; 11 * 1024 * 1024];
        let mut files: Vec<(String, Vec<u8>)> =
            vec![("[Content_Types].xml".into(), TYPES.to_vec())];
        for i in 0..10 {
            files.push((format!("word/media/{i}.bin"), zeros.clone()));
        }
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, d)| (n.as_str(), d.as_slice()))
            .collect();
        let z = zip_of(&refs);
        assert!(z.len() < 2 * 1024 * 1024, "compresses well");
        assert_eq!(unpack(&z).unwrap_err(), PackageError::Unpacks);
    }

    #[test]
    fn a_damaged_part_is_refused() {
        let mut z = zip_of(&[
            ("[Content_Types].xml", TYPES),
            ("word/document.xml", &[b'x'; 4000]),
        ]);
        // Flip bytes inside the second entry's data: its checksum no longer matches.
        let at = z
            .windows(17)
            .position(|w| w == b"word/document.xml")
            .unwrap()
            + 19;
        for b in &mut z[at..at + 4] {
            *b ^= 0xff;
        }
        assert!(matches!(unpack(&z), Err(PackageError::Damaged(_))));
    }

    #[test]
    fn text_comes_from_elements_and_attributes() {
        let part = Part {
            name: "docProps/custom.xml".into(),
            bytes: br#"<Properties xmlns="x"><property name="casebook-provenance"><vt:lpwstr>Ellie &amp; Jones&#33;</vt:lpwstr></property></Properties>"#.to_vec(),
        };
        let t = texts(&[part]).unwrap();
        assert!(t[0].text.contains("Ellie & Jones!"), "{:?}", t[0].text);
        assert!(t[0].attributes.contains("casebook-provenance"));
        let broken = Part {
            name: "word/document.xml".into(),
            bytes: b"<w:p><w:t>open</w:p></w:t>".to_vec(),
        };
        assert_eq!(
            texts(&[broken]).unwrap_err(),
            PackageError::BadXml("word/document.xml".into())
        );
    }

    #[test]
    fn header_rows_are_marked_in_flagged_tables_only() {
        let doc = br#"<w:body><w:tbl><w:tr><w:trPr/><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl><w:tbl><w:tr><w:tc/></w:tr></w:tbl><w:tbl><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc/></w:tr></w:tbl></w:body>"#;
        let out = mark_header_rows(doc, &[true, false, true]).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out.matches("<w:tblHeader/>").count(), 2, "{out}");
        assert!(out.starts_with(
            "<w:body><w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc/></w:tr><w:tr><w:tc/>"
        ));
        assert!(out.contains("<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"));
        let out = mark_header_rows(br#"<w:tbl><w:tr><w:tc/></w:tr></w:tbl>"#, &[true]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc/></w:tr></w:tbl>"
        );
    }
}
