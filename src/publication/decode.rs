//! Turns the bytes of a file to check into the text a reader sees in it: UTF-8 (with or
//! without a byte-order mark), UTF-16 in either byte order (what Notepad calls
//! "Unicode", with or without a mark), Windows-1252 (what older Windows editors save),
//! and UTF-8 with stray Windows-1252 bytes in it; or says what kind of binary file it
//! is, so that it can be reported as not checked. It never drops a byte quietly: a NUL
//! or another control character stays in the text (the engine's reader's view reads
//! through it, as an editor does), and every byte of Windows-1252 becomes a character.
//!
//! Pure: bytes in, text or a verdict out.

/// What a file turned out to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// Text, in the encoding it was read in.
    Text {
        /// The text.
        text: String,
        /// How it was written.
        encoding: Encoding,
    },
    /// Something that is not text: what it looks like ("a PNG image").
    Binary(&'static str),
}

/// The encodings text is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1252, or UTF-8 with bytes of Windows-1252 in it.
    Windows1252,
}

/// Files that begin with these bytes are binary, whatever follows.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\0", "a TIFF image"),
    (b"MM\0*", "a TIFF image"),
    (b"%PDF", "a PDF document"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an old Office document (.doc, .xls)",
    ),
    (b"{\\rtf", "an RTF document"),
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "a zip archive"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"SQLite format 3\0", "an SQLite database"),
    (b"\x7FELF", "a program"),
    (b"MZ", "a program"),
];

/// The share of control bytes other than NUL above which a file that is neither UTF-8
/// nor UTF-16 is taken for binary.
const MAX_CONTROL_SHARE: f64 = 0.05;

/// The share of NUL bytes above which such a file is taken for binary: below it, they
/// are strays (a bad conversion, a truncated copy) in text.
const MAX_NUL_SHARE: f64 = 0.25;

/// Reads `bytes` as text if they are text, in the encoding they are written in.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return text(utf8_or_1252(rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, Encoding::Utf16Be);
    }
    // RTF is text, but not what a reader sees: `\'e9` is an é.
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Decoded::Binary(what);
    }
    if let Some(order) = utf16_without_mark(bytes) {
        return utf16(bytes, order);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded::Text {
            text: text.to_string(),
            encoding: Encoding::Utf8,
        };
    }
    let controls = bytes.iter().filter(|&&b| is_control(b)).count();
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    let share = |n: usize| n as f64 / bytes.len() as f64;
    if share(controls) > MAX_CONTROL_SHARE || share(nuls) > MAX_NUL_SHARE {
        return Decoded::Binary("a binary file");
    }
    text(utf8_or_1252(bytes))
}

fn text((text, encoding): (String, Encoding)) -> Decoded {
    Decoded::Text { text, encoding }
}

/// A control byte that text rarely holds, other than NUL (white space is not one, nor
/// are the bytes Windows-1252 gives letters and punctuation).
fn is_control(b: u8) -> bool {
    matches!(b, 0x01..=0x08 | 0x0E..=0x1F | 0x7F | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
}

/// Tells whether bytes without a byte-order mark look like UTF-16: most characters of
/// English text are ASCII, so in UTF-16 every other byte is zero, the odd ones for
/// little-endian and the even ones for big-endian, and the others almost never are.
fn utf16_without_mark(bytes: &[u8]) -> Option<Encoding> {
    let sample = bytes.get(..bytes.len().min(8192) & !1)?;
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros = |offset: usize| {
        sample
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let most = |n: usize| n * 10 >= pairs * 3;
    let few = |n: usize| n * 20 <= pairs;
    if most(odd) && few(even) {
        Some(Encoding::Utf16Le)
    } else if most(even) && few(odd) {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Decodes UTF-16; an unpaired surrogate becomes U+FFFD and an odd last byte is kept
/// as one, so nothing is lost without a trace.
fn utf16(bytes: &[u8], order: Encoding) -> Decoded {
    let units = bytes.chunks_exact(2).map(|pair| match (order, pair) {
        (Encoding::Utf16Be, [hi, lo]) => u16::from_be_bytes([*hi, *lo]),
        (_, [lo, hi]) => u16::from_le_bytes([*lo, *hi]),
        _ => 0xFFFD,
    });
    let mut text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    Decoded::Text {
        text,
        encoding: order,
    }
}

/// Decodes UTF-8, reading each byte that is not part of a valid UTF-8 sequence as
/// Windows-1252: a file saved by an old editor, or UTF-8 with a few such bytes pasted
/// in, reads as its writer saw it.
fn utf8_or_1252(mut bytes: &[u8]) -> (String, Encoding) {
    let mut out = String::with_capacity(bytes.len());
    let mut encoding = Encoding::Utf8;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(rest) => {
                out.push_str(rest);
                return (out, encoding);
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len()).max(1);
                for &b in rest.iter().take(bad) {
                    out.push(windows_1252(b));
                }
                encoding = Encoding::Windows1252;
                bytes = rest.get(bad..).unwrap_or_default();
            }
        }
    }
}

/// The character Windows-1252 gives a byte: Latin-1, except 0x80–0x9F, which hold
/// curly quotes, dashes, the euro sign and a few letters (the five bytes it leaves
/// undefined stay the C1 control characters of the same number, as browsers do).
pub fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn read(bytes: &[u8]) -> (String, Encoding) {
        match decode(bytes) {
            Decoded::Text { text, encoding } => (text, encoding),
            Decoded::Binary(what) => panic!("{what}"),
        }
    }

    #[test]
    fn utf16_is_read_in_either_order_with_or_without_a_mark() {
        let text = "Seen with Zoë O’Brien at 12 Larch Close.\n";
        for (bytes, order) in [
            (utf16le(text, true), Encoding::Utf16Le),
            (utf16le(text, false), Encoding::Utf16Le),
            (utf16be(text, true), Encoding::Utf16Be),
            (utf16be(text, false), Encoding::Utf16Be),
        ] {
            assert_eq!(read(&bytes), (text.to_string(), order));
        }
    }

    #[test]
    fn windows_1252_and_mixed_bytes_are_read_as_their_writer_saw_them() {
        assert_eq!(
            read(b"Zo\xEB \x93quoted\x94 \x80 5"),
            ("Zoë “quoted” € 5".to_string(), Encoding::Windows1252)
        );
        let mixed = [b"Zo\xC3\xAB and Zo\xEB".as_slice()].concat();
        assert_eq!(read(&mixed).0, "Zoë and Zoë");
        assert_eq!(read(b"\xEF\xBB\xBFplain").0, "plain");
    }

    #[test]
    fn stray_nul_bytes_stay_in_the_text() {
        assert_eq!(
            read(b"El\0lie Jones\n"),
            ("El\0lie Jones\n".to_string(), Encoding::Utf8)
        );
        assert_eq!(read(b"El\0lie Zo\xEB\n").0, "El\0lie Zoë\n");
    }

    #[test]
    fn binary_files_are_named_for_what_they_are() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0"),
            Decoded::Binary("a PNG image")
        );
        assert_eq!(decode(b"%PDF-1.7\n"), Decoded::Binary("a PDF document"));
        let noise: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        assert_eq!(decode(&noise), Decoded::Binary("a binary file"));
    }
}
