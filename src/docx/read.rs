//! Reading a Word document's body as plain blocks: paragraphs and tables of cells, with
//! the text a reader sees (insertions kept, deletions dropped, field codes left out,
//! check-box symbols turned into ☐ and ☒).
//!
//! docx-rs does the reading, after `package::unpack` has checked the file. Its reader
//! still indexes and unwraps on some malformed parts, so it runs under
//! `catch_unwind` with the panic message silenced: a document it cannot read is a
//! [`PackageError`], never a crash. The text of `word/document.xml` is also counted
//! straight from the XML, so text the model does not reach (a text box, an element
//! docx-rs skips) is counted as unread rather than lost without a word.

use std::cell::Cell as StdCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use docx_rs::{
    DocumentChild, InsertChild, MoveToChild, ParagraphChild, RunChild, StructuredDataTagChild,
    TableCellContent, TableChild, TableRowChild,
};

use super::package::{self, PackageError, Part};

/// A block of a document's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph's text (line breaks inside it as `\n`).
    Paragraph(String),
    /// A table: rows of cells.
    Table(Vec<Vec<Cell>>),
}

/// One table cell: its own blocks (paragraphs and nested tables).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    /// What the cell holds, in order.
    pub blocks: Vec<Block>,
}

impl Cell {
    /// The text of the cell's paragraphs, one per line (nested tables left out).
    pub fn text(&self) -> String {
        let lines: Vec<&str> = self
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(t) => Some(t.as_str()),
                Block::Table(_) => None,
            })
            .collect();
        lines.join("\n")
    }
}

/// A document's body as casebook reads it, with what it could not read counted.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The blocks in order.
    pub blocks: Vec<Block>,
    /// Whether the document holds tracked changes (insertions were kept, deletions dropped).
    pub tracked_changes: bool,
    /// Comments in the document (not read).
    pub comments: usize,
    /// Letters and digits in the document's XML that the blocks do not hold (text boxes,
    /// shapes, elements docx-rs does not know).
    pub unread_chars: usize,
}

thread_local! {
    static QUIET: StdCell<bool> = const { StdCell::new(false) };
}

/// Runs `f`, turning a panic into `None` without printing the panic message.
fn without_panics<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(StdCell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.ok()
}

/// Reads a .docx file's body.
pub fn read_body(bytes: &[u8]) -> Result<Body, PackageError> {
    let parts = package::unpack(bytes)?;
    let docx = without_panics(|| docx_rs::read_docx(bytes))
        .ok_or_else(|| PackageError::BadXml("word/document.xml".into()))?
        .map_err(|_| PackageError::BadXml("word/document.xml".into()))?;
    let mut walker = Walker::default();
    let blocks = walker.document(&docx.document.children);
    let seen: usize = blocks.iter().map(count_chars).sum();
    let in_xml = document_part(&parts).map_or(Ok(0), |p| package::visible_chars(&p.bytes))?;
    Ok(Body {
        blocks,
        tracked_changes: walker.tracked_changes,
        comments: docx.comments.inner().len(),
        unread_chars: in_xml.saturating_sub(seen),
    })
}

fn document_part(parts: &[Part]) -> Option<&Part> {
    parts.iter().find(|p| p.name == "word/document.xml")
}

/// Counts the letters and digits a block holds, as `package::visible_chars` counts them.
fn count_chars(block: &Block) -> usize {
    match block {
        Block::Paragraph(t) => t.chars().filter(|c| c.is_alphanumeric()).count(),
        Block::Table(rows) => rows
            .iter()
            .flatten()
            .flat_map(|c| c.blocks.iter())
            .map(count_chars)
            .sum(),
    }
}

#[derive(Default)]
struct Walker {
    tracked_changes: bool,
}

impl Walker {
    fn document(&mut self, children: &[DocumentChild]) -> Vec<Block> {
        let mut out = Vec::new();
        for child in children {
            match child {
                DocumentChild::Paragraph(p) => out.push(Block::Paragraph(self.paragraph(p))),
                DocumentChild::Table(t) => out.push(self.table(t)),
                DocumentChild::StructuredDataTag(sdt) => self.sdt_blocks(sdt, &mut out),
                _ => {}
            }
        }
        out
    }

    fn table(&mut self, table: &docx_rs::Table) -> Block {
        let rows = table
            .rows
            .iter()
            .map(|TableChild::TableRow(row)| {
                row.cells
                    .iter()
                    .map(|TableRowChild::TableCell(cell)| self.cell(cell))
                    .collect()
            })
            .collect();
        Block::Table(rows)
    }

    fn cell(&mut self, cell: &docx_rs::TableCell) -> Cell {
        let mut blocks = Vec::new();
        for content in &cell.children {
            match content {
                TableCellContent::Paragraph(p) => blocks.push(Block::Paragraph(self.paragraph(p))),
                TableCellContent::Table(t) => blocks.push(self.table(t)),
                TableCellContent::StructuredDataTag(sdt) => self.sdt_blocks(sdt, &mut blocks),
                TableCellContent::TableOfContents(_) => {}
            }
        }
        Cell { blocks }
    }

    /// A content control around blocks: its paragraphs and tables in place.
    fn sdt_blocks(&mut self, sdt: &docx_rs::StructuredDataTag, out: &mut Vec<Block>) {
        let mut runs = String::new();
        for child in &sdt.children {
            match child {
                StructuredDataTagChild::Paragraph(p) => {
                    out.push(Block::Paragraph(self.paragraph(p)))
                }
                StructuredDataTagChild::Table(t) => out.push(self.table(t)),
                StructuredDataTagChild::StructuredDataTag(inner) => self.sdt_blocks(inner, out),
                StructuredDataTagChild::Run(r) => self.run(r, &mut runs),
                _ => {}
            }
        }
        if !runs.is_empty() {
            out.push(Block::Paragraph(runs));
        }
    }

    fn paragraph(&mut self, p: &docx_rs::Paragraph) -> String {
        let mut text = String::new();
        self.paragraph_children(&p.children, &mut text);
        text
    }

    fn paragraph_children(&mut self, children: &[ParagraphChild], text: &mut String) {
        for child in children {
            match child {
                ParagraphChild::Run(r) => self.run(r, text),
                ParagraphChild::Insert(ins) => {
                    self.tracked_changes = true;
                    for c in &ins.children {
                        if let InsertChild::Run(r) = c {
                            self.run(r, text);
                        }
                    }
                }
                ParagraphChild::MoveTo(m) => {
                    self.tracked_changes = true;
                    for c in &m.children {
                        if let MoveToChild::Run(r) = c {
                            self.run(r, text);
                        }
                    }
                }
                ParagraphChild::Delete(_) | ParagraphChild::MoveFrom(_) => {
                    self.tracked_changes = true;
                }
                ParagraphChild::Hyperlink(h) => self.paragraph_children(&h.children, text),
                ParagraphChild::StructuredDataTag(sdt) => {
                    for c in &sdt.children {
                        match c {
                            StructuredDataTagChild::Run(r) => self.run(r, text),
                            StructuredDataTagChild::Paragraph(p) => {
                                let inner = self.paragraph(p);
                                text.push_str(&inner);
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, run: &docx_rs::Run, text: &mut String) {
        for child in &run.children {
            match child {
                RunChild::Text(t) => text.push_str(&t.text),
                RunChild::Tab(_) | RunChild::PTab(_) => text.push('\t'),
                RunChild::Break(_) | RunChild::CarriageReturn(_) => text.push('\n'),
                RunChild::Sym(s) => {
                    if let Some(c) = symbol(&s.font, &s.char) {
                        text.push(c);
                    }
                }
                RunChild::DeleteText(_) | RunChild::DeleteInstrText(_) => {
                    self.tracked_changes = true;
                }
                _ => {}
            }
        }
    }
}

/// The character a symbol-font glyph (`<w:sym w:font="Wingdings" w:char="F0FE"/>`) shows,
/// for the check boxes and ticks Word's Insert Symbol puts in forms.
fn symbol(font: &str, code: &str) -> Option<char> {
    let code = u32::from_str_radix(code.trim(), 16).ok()? & 0xff;
    let font = font.to_ascii_lowercase();
    if font.starts_with("wingdings 2") {
        match code {
            0xa3 | 0x2a => Some('☐'),
            0x53 | 0x54 | 0x4f | 0xcf => Some('☒'),
            0x52 => Some('☑'),
            0x50 => Some('✓'),
            _ => None,
        }
    } else if font.starts_with("wingdings") {
        match code {
            0x6f | 0xa8 => Some('☐'),
            0x78 | 0xfd => Some('☒'),
            0xfe => Some('☑'),
            0xfc => Some('✓'),
            0xfb => Some('✗'),
            _ => None,
        }
    } else {
        char::from_u32(code).filter(|c| !c.is_control())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_in_word_fonts_become_boxes() {
        assert_eq!(symbol("Wingdings", "F0FE"), Some('☑'));
        assert_eq!(symbol("Wingdings", "F0A8"), Some('☐'));
        assert_eq!(symbol("Wingdings 2", "F053"), Some('☒'));
        assert_eq!(symbol("Wingdings", "zz"), None);
        assert_eq!(symbol("Symbol", "0041"), Some('A'));
    }

    #[test]
    fn a_panic_becomes_none_and_prints_nothing() {
        assert_eq!(without_panics(|| 1), Some(1));
        let r: Option<()> = without_panics(|| panic!("inside docx-rs"));
        assert_eq!(r, None);
        // The hook is left working for other threads' panics.
        assert!(!QUIET.with(StdCell::get));
    }

    #[test]
    fn a_part_that_makes_docx_rs_panic_is_an_error() {
        use docx_rs::*;
        let mut out = std::io::Cursor::new(Vec::new());
        let comment = Comment::new(1)
            .author("x")
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text("c")));
        let mut xml = Docx::new()
            .add_paragraph(
                Paragraph::new()
                    .add_comment_start(comment)
                    .add_run(Run::new().add_text("x"))
                    .add_comment_end(1),
            )
            .build();
        // docx-rs expects every comment to have an id: one without panics in it.
        xml.comments = br#"<?xml version="1.0"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:author="x"><w:p/></w:comment></w:comments>"#.to_vec();
        xml.pack(&mut out).unwrap();
        let bytes = out.get_ref();
        assert!(
            without_panics(|| docx_rs::read_docx(bytes)).is_none(),
            "docx-rs panics on it"
        );
        let got = read_body(bytes);
        assert!(got.is_err(), "{got:?}");
    }

    #[test]
    fn a_document_docx_rs_wrote_reads_back() {
        use docx_rs::*;
        let doc = Docx::new()
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Hello")))
            .add_table(Table::new(vec![TableRow::new(vec![
                TableCell::new()
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Name"))),
                TableCell::new().add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_text("A"))
                        .add_delete(Delete::new().add_run(Run::new().add_delete_text("gone")))
                        .add_insert(Insert::new(Run::new().add_text("B"))),
                ),
            ])]));
        let mut out = std::io::Cursor::new(Vec::new());
        doc.build().pack(&mut out).unwrap();
        let body = read_body(out.get_ref()).unwrap();
        assert_eq!(body.blocks[0], Block::Paragraph("Hello".into()));
        let Block::Table(rows) = &body.blocks[1] else {
            panic!("{:?}", body.blocks)
        };
        assert_eq!(rows[0][0].text(), "Name");
        assert_eq!(rows[0][1].text(), "AB");
        assert!(body.tracked_changes);
        assert_eq!(body.unread_chars, 0);
    }
}
