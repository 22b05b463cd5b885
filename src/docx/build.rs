//! Building a Word document with docx-rs: A4 pages, plain styles a partnership's
//! documents can live with, the protective marking at the top and bottom of every page,
//! the partnership's name, DRAFT when it is one, page numbers ("Page 2 of 5"), and
//! tables whose header rows repeat on each page.
//!
//! Callers say what goes in (headings, paragraphs, bullets, tables) and never see
//! docx-rs types; the finished bytes come from [`Builder::finish`]. Pure: no files.

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Header, IndentLevel, Level, LevelJc,
    LevelText, LineSpacing, NumPages, NumberFormat, Numbering, NumberingId, PageMargin, PageNum,
    Paragraph, Run, RunFonts, Shading, SpecialIndentType, Start, Style, StyleType, Table,
    TableCell, TableRow, WidthType,
};

use super::package::{self, PackageError};

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);
/// Page margins: 2 cm.
const MARGIN: i32 = 1_134;
/// The width text may use: A4 less both margins.
pub const TEXT_WIDTH: usize = A4.0 as usize - 2 * MARGIN as usize;
/// The numbering id of bulleted lists (docx-rs writes a decimal list as number 1).
const BULLETS: usize = 7;
/// Shading of label and header cells: a light grey that prints and photocopies.
const SHADE: &str = "E7E6E6";

/// What is the same on every page, and the document's properties.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    /// The partnership's name, at the top of every page.
    pub partnership: String,
    /// The protective marking (e.g. OFFICIAL-SENSITIVE), top and bottom of every page.
    pub marking: Option<String>,
    /// Whether DRAFT is printed on every page.
    pub draft: bool,
    /// Custom document properties (name, value), e.g. provenance kept as metadata.
    pub properties: Vec<(String, String)>,
    /// The creation date written into the document's properties (`YYYY-MM-DD`).
    pub created: Option<String>,
    /// Whether the body is set a size smaller (10 pt) and closer together, for a
    /// document meant to fit one page (the 7-minute briefing).
    pub compact: bool,
}

/// A piece of text with its emphasis.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    /// The text; `\n` breaks the line.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

impl Span {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }

    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            bold: true,
            italic: false,
        }
    }

    /// Italic text.
    pub fn italic(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            bold: false,
            italic: true,
        }
    }
}

/// One table cell.
#[derive(Debug, Clone, Default)]
pub struct CellSpec {
    /// Its paragraphs (an empty cell still holds one, empty).
    pub paragraphs: Vec<Vec<Span>>,
    /// Grey background (labels, questions, header rows).
    pub shaded: bool,
    /// How many grid columns it spans.
    pub span: usize,
}

impl CellSpec {
    /// A cell with one paragraph of plain text.
    pub fn text(text: impl Into<String>) -> CellSpec {
        CellSpec {
            paragraphs: vec![vec![Span::plain(text)]],
            shaded: false,
            span: 1,
        }
    }

    /// A shaded cell with one paragraph of bold text: a label or a question.
    pub fn label(text: impl Into<String>) -> CellSpec {
        CellSpec {
            paragraphs: vec![vec![Span::bold(text)]],
            shaded: true,
            span: 1,
        }
    }

    /// An empty answer cell.
    pub fn empty() -> CellSpec {
        CellSpec {
            paragraphs: vec![Vec::new()],
            shaded: false,
            span: 1,
        }
    }

    /// Spans `n` grid columns.
    pub fn spanning(mut self, n: usize) -> CellSpec {
        self.span = n.max(1);
        self
    }
}

/// One table row.
#[derive(Debug, Clone, Default)]
pub struct RowSpec {
    /// Its cells.
    pub cells: Vec<CellSpec>,
    /// Least height in twentieths of a point (room to write an answer).
    pub min_height: Option<u32>,
}

impl RowSpec {
    /// A row of cells.
    pub fn new(cells: Vec<CellSpec>) -> RowSpec {
        RowSpec {
            cells,
            min_height: None,
        }
    }

    /// At least `twips` high.
    pub fn min_height(mut self, twips: u32) -> RowSpec {
        self.min_height = Some(twips);
        self
    }
}

/// A table: column widths (twentieths of a point), rows, and how many of the first rows
/// are header rows that repeat at the top of each page.
#[derive(Debug, Clone, Default)]
pub struct TableSpec {
    /// Column widths; they should add up to [`TEXT_WIDTH`].
    pub widths: Vec<usize>,
    /// The rows.
    pub rows: Vec<RowSpec>,
    /// Whether the first row is a header row repeated on each page.
    pub header_row: bool,
    /// Whether the table is kept on one page when it fits (a form's box).
    pub keep_together: bool,
    /// Whether its text is set a size smaller than the body's (a report's data tables,
    /// which hold more columns than a form's boxes).
    pub compact: bool,
}

/// What a table column holds, for sharing the page's width: its longest word (it cannot
/// be broken) and its longest line (it need not be), in characters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ColumnText {
    /// The longest word in the column.
    pub word: usize,
    /// The longest cell line in the column.
    pub line: usize,
}

impl ColumnText {
    /// Takes a cell's text into account; bold text (labels, headers) runs wider.
    pub fn add(&mut self, text: &str, bold: bool) {
        let widen = |n: usize| if bold { n + n.div_ceil(10) } else { n };
        for line in text.lines() {
            self.line = self.line.max(widen(line.trim().chars().count()));
            for word in line.split_whitespace() {
                self.word = self.word.max(widen(word.chars().count()));
            }
        }
    }
}

/// The text size of compact tables, in half-points: 10 pt beside the body's 11.
const COMPACT_SIZE: usize = 20;

/// A column whose every line is this short (dates, ids, "Not applicable") is not
/// wrapped: it gets its longest line, not just its longest word.
const SHORT_CELL: usize = 17;

/// About the width of a character of 10 pt Arial (compact tables), a little generous, and a cell's left and right margins,
/// in twentieths of a point.
const CHAR_WIDTH: usize = 105;
const CELL_MARGINS: usize = 2 * 115;

/// Shares `total` (twentieths of a point) among columns as a browser lays out a table:
/// each column gets room for its longest word (a column of short cells, its longest
/// line), then what is left goes to the columns
/// whose lines would otherwise wrap, by how much more each needs; a table that fits
/// without wrapping is widened to `total` in proportion.
pub fn fit_columns(columns: &[ColumnText], total: usize) -> Vec<usize> {
    if columns.is_empty() {
        return Vec::new();
    }
    let least = |c: &ColumnText| {
        let unbroken = if c.line <= SHORT_CELL { c.line } else { c.word };
        (unbroken.max(4) * CHAR_WIDTH + CELL_MARGINS).min(total / 2)
    };
    let most = |c: &ColumnText| (c.line.max(3) * CHAR_WIDTH + CELL_MARGINS).max(least(c));
    let min: Vec<usize> = columns.iter().map(least).collect();
    let max: Vec<usize> = columns.iter().map(most).collect();
    let (min_sum, max_sum) = (min.iter().sum::<usize>(), max.iter().sum::<usize>());
    let mut widths: Vec<usize> = if max_sum <= total {
        max.iter().map(|m| m * total / max_sum).collect()
    } else if min_sum >= total {
        min.iter().map(|m| m * total / min_sum).collect()
    } else {
        let room = total - min_sum;
        let want = (max_sum - min_sum).max(1);
        min.iter()
            .zip(&max)
            .map(|(lo, hi)| lo + (hi - lo) * room / want)
            .collect()
    };
    // Rounding leaves a few twips over: the last column takes them.
    let sum: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last = (*last + total).saturating_sub(sum);
    }
    widths
}

/// Builds one document.
pub struct Builder {
    docx: Docx,
    /// For each table in document order: whether its first row repeats.
    repeat: Vec<bool>,
    /// Space after a paragraph and after a list item, in twentieths of a point.
    gaps: (u32, u32),
}

impl Builder {
    /// Starts a document with its frame: page size, styles, header and footer.
    pub fn new(frame: &Frame) -> Builder {
        // A compact document's headings are smaller and closer to their text.
        let (shrink, gap) = if frame.compact { (4, 120) } else { (0, 240) };
        let mut docx = Docx::new()
            .page_size(A4.0, A4.1)
            .page_margin(
                PageMargin::new()
                    .top(MARGIN + 300)
                    .bottom(MARGIN + 300)
                    .left(MARGIN)
                    .right(MARGIN)
                    .header(567)
                    .footer(567),
            )
            .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
            .default_size(if frame.compact { COMPACT_SIZE } else { 22 })
            .add_style(heading_style("Title", "Title", 36 - shrink, gap))
            .add_style(heading_style("Heading1", "heading 1", 30 - shrink, gap).outline_lvl(0))
            .add_style(heading_style("Heading2", "heading 2", 26 - shrink, gap).outline_lvl(1))
            .add_style(heading_style("Heading3", "heading 3", 23 - shrink, gap).outline_lvl(2))
            .add_style(
                Style::new("PageFooter", StyleType::Paragraph)
                    .name("footer")
                    .based_on("Normal")
                    .size(18)
                    .align(AlignmentType::Center),
            )
            .add_abstract_numbering(
                AbstractNumbering::new(BULLETS).add_level(
                    Level::new(
                        0,
                        Start::new(1),
                        NumberFormat::new("bullet"),
                        LevelText::new("•"),
                        LevelJc::new("left"),
                    )
                    .indent(
                        Some(567),
                        Some(SpecialIndentType::Hanging(283)),
                        None,
                        None,
                    ),
                ),
            )
            .add_numbering(Numbering::new(BULLETS, BULLETS))
            .header(header(frame))
            .footer(footer(frame));
        for (name, value) in &frame.properties {
            docx = docx.custom_property(name.clone(), value.clone());
        }
        if let Some(created) = &frame.created {
            let stamp = format!("{created}T00:00:00Z");
            docx = docx.created_at(&stamp).updated_at(&stamp);
        }
        Builder {
            docx,
            repeat: Vec::new(),
            gaps: if frame.compact { (80, 30) } else { (120, 60) },
        }
    }

    /// The document's title.
    pub fn title(&mut self, text: &str) {
        self.push(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(text)),
        );
    }

    /// A heading, level 1 to 3.
    pub fn heading(&mut self, level: usize, text: &str) {
        let style = match level {
            0 | 1 => "Heading1",
            2 => "Heading2",
            _ => "Heading3",
        };
        self.push(
            Paragraph::new()
                .style(style)
                .keep_next(true)
                .add_run(Run::new().add_text(text)),
        );
    }

    /// A paragraph.
    pub fn paragraph(&mut self, spans: &[Span]) {
        let p = runs(Paragraph::new(), spans).line_spacing(LineSpacing::new().after(self.gaps.0));
        self.push(p);
    }

    /// A paragraph set apart from what comes before it (the provenance line).
    pub fn closing(&mut self, spans: &[Span]) {
        self.push(
            runs(Paragraph::new(), spans).line_spacing(LineSpacing::new().before(240).after(120)),
        );
    }

    /// A paragraph kept on the same page as what follows it (a table's lead-in).
    pub fn lead_in(&mut self, spans: &[Span]) {
        let p = runs(Paragraph::new(), spans).line_spacing(LineSpacing::new().after(self.gaps.0));
        self.push(p.keep_next(true));
    }

    /// A bulleted list item.
    pub fn bullet(&mut self, spans: &[Span]) {
        self.push(
            runs(Paragraph::new(), spans)
                .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
                .line_spacing(LineSpacing::new().after(self.gaps.1)),
        );
    }

    /// A list item that starts with its own tick box (☐ ☑), which stands where the
    /// bullet would: a bullet as well would give the reader two marks to choose from.
    pub fn tick_item(&mut self, spans: &[Span]) {
        self.push(
            runs(Paragraph::new(), spans)
                .indent(Some(567), Some(SpecialIndentType::Hanging(300)), None, None)
                .line_spacing(LineSpacing::new().after(self.gaps.1)),
        );
    }

    /// A table.
    pub fn table(&mut self, spec: &TableSpec) {
        let last = spec.rows.len().saturating_sub(1);
        let size = spec.compact.then_some(COMPACT_SIZE);
        let rows = spec
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let keep = spec.keep_together && i < last;
                let cells = row
                    .cells
                    .iter()
                    .map(|c| cell(c, &spec.widths, keep, size))
                    .collect();
                let mut r = TableRow::new(cells).cant_split();
                if let Some(h) = row.min_height {
                    r = r
                        .row_height(h as f32)
                        .height_rule(docx_rs::HeightRule::AtLeast);
                }
                r
            })
            .collect();
        let table = Table::new(rows)
            .set_grid(spec.widths.clone())
            .width(spec.widths.iter().sum(), WidthType::Dxa);
        self.docx = std::mem::take(&mut self.docx).add_table(table);
        self.repeat.push(spec.header_row);
        // Keep two tables from running into one.
        self.push(Paragraph::new().line_spacing(LineSpacing::new().after(0).before(0)));
    }

    fn push(&mut self, p: Paragraph) {
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    /// Finishes the document: the .docx file's bytes.
    pub fn finish(self) -> Result<Vec<u8>, PackageError> {
        let mut xml = self.docx.build();
        xml.document = package::mark_header_rows(&xml.document, &self.repeat)?;
        let mut out = std::io::Cursor::new(Vec::new());
        xml.pack(&mut out)
            .map_err(|_| PackageError::Damaged("the package being written".into()))?;
        Ok(out.into_inner())
    }
}

/// A heading style of `size` half-points with `before` twips above it (half below).
fn heading_style(id: &str, name: &str, size: usize, before: u32) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .bold()
        .size(size)
        .color("1F3864")
        .line_spacing(LineSpacing::new().before(before).after(before / 2))
}

/// Adds spans to a paragraph as runs, turning `\n` into line breaks.
fn runs(p: Paragraph, spans: &[Span]) -> Paragraph {
    sized_runs(p, spans, None)
}

/// [`runs`] at `size` (half-points) when given.
fn sized_runs(mut p: Paragraph, spans: &[Span], size: Option<usize>) -> Paragraph {
    for span in spans {
        for (i, line) in span.text.split('\n').enumerate() {
            let mut run = Run::new();
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            run = run.add_text(line);
            if span.bold {
                run = run.bold();
            }
            if span.italic {
                run = run.italic();
            }
            if let Some(size) = size {
                run = run.size(size);
            }
            p = p.add_run(run);
        }
    }
    p
}

/// A cell; `keep` keeps it on the page of the next row.
fn cell(spec: &CellSpec, widths: &[usize], keep: bool, size: Option<usize>) -> TableCell {
    let mut c = TableCell::new();
    for spans in &spec.paragraphs {
        c = c.add_paragraph(
            sized_runs(Paragraph::new(), spans, size)
                .line_spacing(LineSpacing::new().after(60))
                .keep_next(keep),
        );
    }
    if spec.paragraphs.is_empty() {
        c = c.add_paragraph(Paragraph::new().keep_next(keep));
    }
    if spec.shaded {
        c = c.shading(Shading::new().fill(SHADE).color("auto"));
    }
    if spec.span > 1 {
        c = c.grid_span(spec.span);
    }
    let width: usize = widths.iter().take(spec.span.max(1)).sum();
    if width > 0 {
        c = c.width(width, WidthType::Dxa);
    }
    c
}

/// The marking, the partnership's name and DRAFT, at the top of every page.
fn header(frame: &Frame) -> Header {
    let mut h = Header::new();
    if let Some(marking) = &frame.marking {
        h = h.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(Run::new().add_text(marking).bold().size(22)),
        );
    }
    if frame.draft {
        h = h.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(Run::new().add_text("DRAFT").bold().size(28).color("C00000")),
        );
    }
    if !frame.partnership.is_empty() {
        h = h.add_paragraph(
            Paragraph::new().align(AlignmentType::Right).add_run(
                Run::new()
                    .add_text(&frame.partnership)
                    .size(18)
                    .color("595959"),
            ),
        );
    }
    h
}

/// The page number, DRAFT and the marking, at the bottom of every page.
fn footer(frame: &Frame) -> Footer {
    let mut page = Paragraph::new()
        .style("PageFooter")
        .add_run(Run::new().add_text("Page ").size(18));
    page = page
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text(" of ").size(18))
        .add_num_pages(NumPages::new());
    if frame.draft {
        page = page.add_run(
            Run::new()
                .add_text(" · DRAFT")
                .bold()
                .size(18)
                .color("C00000"),
        );
    }
    let mut f = Footer::new().add_paragraph(page);
    if let Some(marking) = &frame.marking {
        f = f.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(Run::new().add_text(marking).bold().size(22)),
        );
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(texts: &[&str]) -> ColumnText {
        let mut c = ColumnText::default();
        for t in texts {
            c.add(t, false);
        }
        c
    }

    #[test]
    fn columns_get_their_longest_word_and_share_the_rest_by_need() {
        let date = column(&["22 September 2026", "March 2025"]);
        let agency = column(&["Lancashire Children's Social Care", "Housing"]);
        let what = column(&[
            "Police found the children alone at home at night after a neighbour's call. Mother had gone to a shop, she said for ten minutes. Strategy discussion followed.",
        ]);
        let key = column(&["Key"]);
        let widths = fit_columns(&[date, agency, what, key], TEXT_WIDTH);
        assert_eq!(widths.iter().sum::<usize>(), TEXT_WIDTH);
        // No word is broken, and a date stays on one line.
        assert!(widths[0] >= 17 * CHAR_WIDTH + CELL_MARGINS, "{widths:?}");
        assert!(widths[1] >= 10 * CHAR_WIDTH + CELL_MARGINS, "{widths:?}");
        assert!(widths[3] >= 3 * CHAR_WIDTH + CELL_MARGINS, "{widths:?}");
        // The long text gets most of the page.
        assert!(widths.iter().all(|w| *w <= widths[2]), "{widths:?}");
        // A table that fits is widened in proportion, and still adds up.
        let small = fit_columns(&[column(&["A"]), column(&["Bee"])], TEXT_WIDTH);
        assert_eq!(small.iter().sum::<usize>(), TEXT_WIDTH);
        assert_eq!(small[0], small[1]);
        // Too many long words: each column gets its share, nothing overflows the page.
        let wide = column(&["Supercalifragilisticexpialidocious"]);
        let crowded = fit_columns(&[wide; 6], TEXT_WIDTH);
        assert_eq!(crowded.iter().sum::<usize>(), TEXT_WIDTH);
        assert!(fit_columns(&[], TEXT_WIDTH).is_empty());
    }
    use crate::docx::package::{texts, unpack};

    fn frame() -> Frame {
        Frame {
            partnership: "Testshire SCP".into(),
            marking: Some("OFFICIAL-SENSITIVE".into()),
            draft: true,
            properties: vec![("casebook-provenance".into(), "casebook 0.1.0".into())],
            created: Some("2026-11-26".into()),
            compact: false,
        }
    }

    #[test]
    fn the_frame_is_on_every_page_and_header_rows_repeat() {
        let mut b = Builder::new(&frame());
        b.title("A form");
        b.heading(1, "Part one");
        b.paragraph(&[
            Span::plain("Some "),
            Span::bold("bold"),
            Span::italic(" text\nnext line"),
        ]);
        b.bullet(&[Span::plain("a point")]);
        b.table(&TableSpec {
            widths: vec![3000, TEXT_WIDTH - 3000],
            rows: vec![
                RowSpec::new(vec![CellSpec::label("Name"), CellSpec::label("Role")]),
                RowSpec::new(vec![CellSpec::text("x"), CellSpec::empty()]).min_height(800),
            ],
            header_row: true,
            keep_together: true,
            compact: false,
        });
        b.table(&TableSpec {
            widths: vec![TEXT_WIDTH],
            rows: vec![RowSpec::new(vec![CellSpec::text("plain")])],
            header_row: false,
            keep_together: false,
            compact: false,
        });
        let bytes = b.finish().unwrap();
        let parts = unpack(&bytes).unwrap();
        let all = texts(&parts).unwrap();
        let part = |name: &str| {
            all.iter()
                .find(|p| p.part == name)
                .map(|p| p.text.clone())
                .unwrap_or_default()
        };
        let header = all
            .iter()
            .filter(|p| p.part.starts_with("word/header"))
            .map(|p| p.text.clone())
            .collect::<String>();
        let footer = all
            .iter()
            .filter(|p| p.part.starts_with("word/footer"))
            .map(|p| p.text.clone())
            .collect::<String>();
        assert!(header.contains("OFFICIAL-SENSITIVE") && header.contains("DRAFT"));
        assert!(header.contains("Testshire SCP"));
        assert!(footer.contains("OFFICIAL-SENSITIVE") && footer.contains("Page"));
        assert!(part("word/document.xml").contains("next line"));
        assert!(part("docProps/custom.xml").contains("casebook 0.1.0"));
        let doc = parts
            .iter()
            .find(|p| p.name == "word/document.xml")
            .unwrap();
        let xml = String::from_utf8_lossy(&doc.bytes);
        assert_eq!(xml.matches("<w:tblHeader/>").count(), 1);
        assert!(xml.contains("PAGE") || all.iter().any(|p| p.text.contains("PAGE")));
    }
}
