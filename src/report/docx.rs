//! A report as a Word document: the report's Markdown, as the template rendered it,
//! laid out with `docx::build`: headings, paragraphs with bold and italic, bulleted and
//! numbered lists, tables whose header rows repeat on every page, the recommendation
//! form's tick boxes (☑ ☐, which are text), and the frame (marking, partnership,
//! DRAFT, page numbers) on every page.
//!
//! The Markdown is parsed with comrak under the options every report uses, so raw HTML
//! in records is left out here as it is in HTML reports. Pure: text in, bytes out.

use comrak::nodes::{AstNode, ListType, NodeValue};

use crate::docx::PackageError;
use crate::docx::build::{
    Builder, CellSpec, ColumnText, Frame, RowSpec, Span, TEXT_WIDTH, TableSpec, fit_columns,
};

/// Lays out `markdown` as a document in `frame`, with `provenance` (when it goes in the
/// body) as its last paragraph.
pub fn document(
    markdown: &str,
    frame: &Frame,
    provenance: Option<&str>,
) -> Result<Vec<u8>, PackageError> {
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, markdown, &crate::markdown::options());
    let mut b = Builder::new(frame);
    for node in root.children() {
        block(&mut b, node);
    }
    if let Some(p) = provenance {
        b.closing(&[Span::bold("Provenance: "), Span::italic(p)]);
    }
    b.finish()
}

fn block<'a>(b: &mut Builder, node: &'a AstNode<'a>) {
    let value = node.data().value.clone();
    match value {
        NodeValue::Heading(h) => b.heading(usize::from(h.level), &plain(node)),
        NodeValue::Paragraph => {
            let spans = inline(node);
            if spans.iter().any(|s| !s.text.trim().is_empty()) {
                b.paragraph(&spans);
            }
        }
        NodeValue::List(list) => {
            for (i, item) in node.children().enumerate() {
                let mut first = true;
                for child in item.children() {
                    let mut spans = inline_or_plain(child);
                    if first && list.list_type == ListType::Ordered {
                        spans.insert(0, Span::plain(format!("{}. ", list.start + i)));
                        b.paragraph(&spans);
                    } else if first && starts_with_tick(&spans) {
                        b.tick_item(&spans);
                    } else if first {
                        b.bullet(&spans);
                    } else {
                        b.paragraph(&spans);
                    }
                    first = false;
                }
            }
        }
        NodeValue::Table(_) => b.table(&table(node)),
        NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
            for child in node.children() {
                let spans: Vec<Span> = inline_or_plain(child)
                    .into_iter()
                    .map(|mut s| {
                        s.italic = true;
                        s
                    })
                    .collect();
                b.paragraph(&spans);
            }
        }
        NodeValue::CodeBlock(code) => b.paragraph(&[Span::plain(code.literal.trim_end())]),
        NodeValue::ThematicBreak | NodeValue::HtmlBlock(_) | NodeValue::FrontMatter(_) => {}
        _ => {
            let spans = inline_or_plain(node);
            if !spans.is_empty() {
                b.paragraph(&spans);
            }
        }
    }
}

/// Whether a list item begins with a tick box (the recommendation form's criteria).
fn starts_with_tick(spans: &[Span]) -> bool {
    spans
        .iter()
        .map(|s| s.text.trim_start())
        .find(|t| !t.is_empty())
        .is_some_and(|t| t.starts_with(['☐', '☑', '☒']))
}

/// A block's inline spans, or its plain text as one span.
fn inline_or_plain<'a>(node: &'a AstNode<'a>) -> Vec<Span> {
    match node.data().value {
        NodeValue::Paragraph | NodeValue::Heading(_) | NodeValue::TableCell => inline(node),
        _ => {
            let text = plain(node);
            if text.is_empty() {
                Vec::new()
            } else {
                vec![Span::plain(text)]
            }
        }
    }
}

/// The inline content of a paragraph, heading or cell as spans with their emphasis.
fn inline<'a>(node: &'a AstNode<'a>) -> Vec<Span> {
    let mut out = Vec::new();
    walk_inline(node, false, false, &mut out);
    out
}

fn walk_inline<'a>(node: &'a AstNode<'a>, bold: bool, italic: bool, out: &mut Vec<Span>) {
    for child in node.children() {
        let value = child.data().value.clone();
        let push = |out: &mut Vec<Span>, text: &str| {
            if let Some(last) = out.last_mut()
                && last.bold == bold
                && last.italic == italic
            {
                last.text.push_str(text);
                return;
            }
            out.push(Span {
                text: text.to_string(),
                bold,
                italic,
            });
        };
        match value {
            NodeValue::Text(t) => push(out, &t),
            NodeValue::Code(c) => push(out, &c.literal),
            NodeValue::SoftBreak => push(out, " "),
            NodeValue::LineBreak => push(out, "\n"),
            NodeValue::Strong => walk_inline(child, true, italic, out),
            NodeValue::Emph => walk_inline(child, bold, true, out),
            NodeValue::HtmlInline(_) => {}
            _ => walk_inline(child, bold, italic, out),
        }
    }
}

/// All the text under a node.
fn plain<'a>(node: &'a AstNode<'a>) -> String {
    inline(node)
        .into_iter()
        .map(|s| s.text)
        .collect::<String>()
        .trim()
        .to_string()
}

fn table<'a>(node: &'a AstNode<'a>) -> TableSpec {
    let mut rows: Vec<Vec<Vec<Span>>> = Vec::new();
    let mut header = false;
    for (i, row) in node.children().enumerate() {
        if i == 0 {
            header = matches!(row.data().value, NodeValue::TableRow(true));
        }
        rows.push(row.children().map(inline).collect());
    }
    // A table whose header row is empty (`| | |`) is a list of labels and values: the
    // empty row is left out and the first column is set as labels, as forms do.
    let labels = header
        && rows
            .first()
            .is_some_and(|r| r.iter().flatten().all(|s| s.text.trim().is_empty()));
    if labels {
        rows.remove(0);
        header = false;
    }
    let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut fit = vec![ColumnText::default(); columns];
    let specs: Vec<RowSpec> = rows
        .into_iter()
        .enumerate()
        .map(|(r, cells)| {
            let cells = cells
                .into_iter()
                .enumerate()
                .map(|(c, mut spans)| {
                    let shaded = (header && r == 0) || (labels && c == 0);
                    if shaded {
                        for s in &mut spans {
                            s.bold = true;
                        }
                    }
                    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                    fit[c].add(&text, shaded);
                    CellSpec {
                        paragraphs: vec![spans],
                        shaded,
                        span: 1,
                    }
                })
                .collect();
            RowSpec::new(cells)
        })
        .collect();
    TableSpec {
        widths: fit_columns(&fit, TEXT_WIDTH),
        rows: specs,
        header_row: header,
        keep_together: false,
        compact: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::read::{Block, read_body};

    #[test]
    fn markdown_becomes_headings_lists_and_tables() {
        let md = "# Title\n\nSome **bold** and *italic* text.\n\n- one\n- two\n\n1. first\n2. second\n\n| A | B |\n| --- | --- |\n| ☑ yes | ☐ no |\n\n<script>x</script>\n";
        let frame = Frame {
            partnership: "P".into(),
            marking: Some("OFFICIAL".into()),
            ..Frame::default()
        };
        let bytes = document(md, &frame, Some("casebook 0.1.0")).unwrap();
        let body = read_body(&bytes).unwrap();
        let texts: Vec<String> = body
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(t) if !t.is_empty() => Some(t.clone()),
                Block::Table(rows) => Some(
                    rows.iter()
                        .map(|r| r.iter().map(|c| c.text()).collect::<Vec<_>>().join("|"))
                        .collect::<Vec<_>>()
                        .join(";"),
                ),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            [
                "Title",
                "Some bold and italic text.",
                "one",
                "two",
                "1. first",
                "2. second",
                "A|B;☑ yes|☐ no",
                "Provenance: casebook 0.1.0"
            ]
        );
        let parts = crate::docx::package::unpack(&bytes).unwrap();
        let doc = parts
            .iter()
            .find(|p| p.name == "word/document.xml")
            .unwrap();
        assert!(String::from_utf8_lossy(&doc.bytes).contains("<w:tblHeader/>"));
        assert!(!String::from_utf8_lossy(&doc.bytes).contains("script"));
    }

    #[test]
    fn label_tables_lose_their_empty_header_and_tick_lists_their_bullets() {
        let md = "| | |\n|---|---|\n| Case | WSCP-1 |\n| Panel | 1 May |\n\n- ☑ ticked\n- ☐ not\n";
        let bytes = document(md, &Frame::default(), None).unwrap();
        let body = read_body(&bytes).unwrap();
        let Some(Block::Table(rows)) = body.blocks.first() else {
            panic!("a table first: {:?}", body.blocks);
        };
        let first: Vec<String> = rows[0].iter().map(|c| c.text()).collect();
        assert_eq!(first, ["Case", "WSCP-1"]);
        let parts = crate::docx::package::unpack(&bytes).unwrap();
        let doc = parts
            .iter()
            .find(|p| p.name == "word/document.xml")
            .unwrap();
        let xml = String::from_utf8_lossy(&doc.bytes);
        // The labels are shaded; no header row repeats; the tick boxes carry no bullets.
        assert!(xml.contains("E7E6E6"));
        assert!(!xml.contains("<w:tblHeader/>"));
        assert!(!xml.contains("<w:numPr>"), "{xml}");
        assert!(xml.contains("☑ ticked"));
    }
}
