//! The blank Case Review Referral Form as a Word document: the seed document's sections
//! in its order, each a table of shaded labels and empty answer cells, with the
//! partnership's name and the protective marking on every page.

use crate::docx::PackageError;
use crate::docx::build::{Builder, CellSpec, Frame, RowSpec, Span, TEXT_WIDTH, TableSpec};

use super::layout::{
    self, CONTACT_LABELS, Label, OTHER_LABELS, PERSON_LABELS, QUESTIONS, RETURNED_LABELS,
};

/// Width of the label column of a two-column box.
const LABEL_WIDTH: usize = 3_400;
/// Room for one typed line in an answer cell.
const LINE: u32 = 454;
/// Room for a free-text answer.
const ANSWER: u32 = 2_600;

/// What the blank form is made with.
#[derive(Debug, Clone)]
pub struct BlankForm {
    /// The partnership's full name.
    pub partnership: String,
    /// The protective marking printed at the top and bottom of every page.
    pub marking: Option<String>,
    /// The date written into the document's properties.
    pub created: Option<String>,
}

/// Writes the blank form's bytes.
pub fn write(form: &BlankForm) -> Result<Vec<u8>, PackageError> {
    let frame = Frame {
        partnership: form.partnership.clone(),
        marking: form.marking.clone(),
        draft: false,
        properties: vec![(
            "casebook-form".into(),
            "Case Review Referral Form (WSCP Appendix One)".into(),
        )],
        created: form.created.clone(),
        compact: false,
    };
    let mut b = Builder::new(&frame);
    b.title(layout::TITLE);
    if !form.partnership.is_empty() {
        b.paragraph(&[Span::bold(form.partnership.clone())]);
    }
    b.table(&labelled(None, &RETURNED_LABELS, LINE, true));
    b.paragraph(&[Span::bold(layout::PURPOSE_INTRO)]);
    for purpose in layout::PURPOSES {
        let text = purpose.replace("{partnership}", &partnership_or_default(form));
        b.bullet(&[Span::plain(text)]);
    }
    // Room between the last purpose and the first box.
    b.paragraph(&[]);
    b.table(&labelled(
        Some(layout::PERSONS_HEADING),
        &PERSON_LABELS,
        LINE,
        false,
    ));
    for i in 0..layout::OTHERS_BOXES {
        let heading = if i == 0 {
            layout::OTHERS_HEADING_FIRST
        } else {
            layout::OTHERS_HEADING
        };
        b.table(&labelled(Some(heading), &OTHER_LABELS, LINE, false));
    }
    for q in QUESTIONS {
        b.table(&question(q.prompt()));
    }
    b.table(&threshold());
    b.lead_in(&[Span::italic(layout::CONFER)]);
    b.table(&labelled(None, &CONTACT_LABELS, LINE, false));
    b.finish()
}

fn partnership_or_default(form: &BlankForm) -> String {
    if form.partnership.trim().is_empty() {
        "the Safeguarding Children Partnership".into()
    } else {
        form.partnership.clone()
    }
}

/// A box of labels and empty answers, under a heading row when it has one; the labels
/// at the top of the form end with a colon, as the seed document prints them.
fn labelled(heading: Option<&str>, labels: &[Label], height: u32, colon: bool) -> TableSpec {
    let mut rows = Vec::new();
    if let Some(h) = heading {
        rows.push(RowSpec::new(vec![CellSpec::label(h).spanning(2)]));
    }
    for label in labels {
        let text = if colon {
            format!("{}:", label.printed())
        } else {
            label.printed().to_string()
        };
        rows.push(RowSpec::new(vec![CellSpec::label(text), CellSpec::empty()]).min_height(height));
    }
    TableSpec {
        widths: vec![LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH],
        rows,
        header_row: heading.is_some(),
        keep_together: true,
        compact: false,
    }
}

/// A question in a shaded row over a tall empty answer.
fn question(prompt: &[&str]) -> TableSpec {
    let cell = CellSpec {
        paragraphs: prompt
            .iter()
            .enumerate()
            .map(|(i, line)| {
                if i == 0 {
                    vec![Span::bold(*line)]
                } else {
                    vec![Span::italic(*line)]
                }
            })
            .collect(),
        shaded: true,
        span: 1,
    };
    TableSpec {
        widths: vec![TEXT_WIDTH],
        rows: vec![
            RowSpec::new(vec![cell]),
            RowSpec::new(vec![CellSpec::empty()]).min_height(ANSWER),
        ],
        header_row: true,
        keep_together: true,
        compact: false,
    }
}

/// The threshold question: the question, its tick boxes and room for the reasons.
fn threshold() -> TableSpec {
    let boxes: Vec<String> = layout::THRESHOLD_OPTIONS
        .iter()
        .map(|o| format!("{} {o}", layout::BOX))
        .collect();
    TableSpec {
        widths: vec![LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH],
        rows: vec![
            RowSpec::new(vec![CellSpec::label(layout::THRESHOLD_PROMPT).spanning(2)]),
            RowSpec::new(vec![CellSpec::text(boxes.join("      ")).spanning(2)]).min_height(LINE),
            RowSpec::new(vec![
                CellSpec::label(format!("{}:", Label::Reasons.printed())),
                CellSpec::empty(),
            ])
            .min_height(ANSWER / 2),
        ],
        header_row: true,
        keep_together: true,
        compact: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::read::{Block, read_body};

    #[test]
    fn the_blank_form_has_every_section_in_order() {
        let bytes = write(&BlankForm {
            partnership: "Testshire Safeguarding Children Partnership".into(),
            marking: Some("OFFICIAL-SENSITIVE".into()),
            created: None,
        })
        .unwrap();
        let body = read_body(&bytes).unwrap();
        let mut firsts = Vec::new();
        for block in &body.blocks {
            match block {
                Block::Paragraph(t) if !t.is_empty() => firsts.push(t.clone()),
                Block::Table(rows) => firsts.push(rows[0][0].text()),
                _ => {}
            }
        }
        let at = |needle: &str| {
            firsts
                .iter()
                .position(|t| t.starts_with(needle))
                .unwrap_or_else(|| panic!("{needle} not in {firsts:#?}"))
        };
        let order = [
            layout::TITLE,
            "Returned by:",
            layout::PURPOSE_INTRO,
            layout::PERSONS_HEADING,
            layout::OTHERS_HEADING_FIRST,
            "A brief history",
            "Please provide details of concerns",
            "Please provide brief details of YOUR",
            "Please provide brief details of OTHER",
            "Please provide identified areas",
            "Please identify any immediate",
            "In the referrers view",
            "You may wish to confer",
        ];
        let positions: Vec<usize> = order.iter().map(|n| at(n)).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{firsts:#?}");
        assert!(firsts.iter().any(|t| t == layout::OTHERS_HEADING));
        assert!(firsts.iter().any(|t| t.contains("partners of Testshire")));
        assert_eq!(body.unread_chars, 0);
    }
}
