//! Tests of reading filled forms, on bodies built as Word, LibreOffice and people
//! leave them.

use super::*;
use crate::docx::{Block, Body, Cell};
use crate::referral_form::blank::{BlankForm, write};

fn cell(text: &str) -> Cell {
    Cell {
        blocks: text
            .split('\n')
            .map(|l| Block::Paragraph(l.to_string()))
            .collect(),
    }
}

fn row(cells: &[&str]) -> Vec<Cell> {
    cells.iter().map(|c| cell(c)).collect()
}

fn table(rows: &[&[&str]]) -> Block {
    Block::Table(rows.iter().map(|r| row(r)).collect())
}

fn para(text: &str) -> Block {
    Block::Paragraph(text.into())
}

fn body(blocks: Vec<Block>) -> Body {
    Body {
        blocks,
        ..Body::default()
    }
}

fn filled() -> Vec<Block> {
    vec![
        para("Case Review Referral Request Form"),
        para("Testshire Safeguarding Children Partnership"),
        table(&[
            &["Returned by:", "Sam Carter"],
            &["Agency:", "Health Visiting"],
        ]),
        para("This Case Review Referral is:"),
        para("For practitioners in Children's Services."),
        para("To begin the process of the Brief Learning Review process."),
        table(&[
            &["Persons Details:", ""],
            &["Name", "Ellie-Mae Jones"],
            &["Alias", "Ellie, EMJ"],
            &["Date of Birth", "14/08/2025"],
            &["Address", "12 Larch Close\nHindley\nWN2 3XY"],
            &["Ethnic Origin", "White British"],
            &["Date of Death", ""],
            &["Date(s) known to Service", "Since birth"],
        ]),
        table(&[
            &["Significant others: (copy and paste box as necessary)", ""],
            &["Name", "Kayleigh Jones"],
            &["Date of Birth", "3rd March 2001"],
            &["Relationship", "Mother"],
            &["Address", "12 Larch Close"],
            &["Ethnic Origin", "White British"],
        ]),
        table(&[
            &["Significant others:", ""],
            &["Name", ""],
            &["Date of Birth", ""],
            &["Relationship", ""],
            &["Address", ""],
            &["Ethnic Origin", ""],
        ]),
        table(&[
            &[
                "A brief history of the subject of the review – to enable the panel to get a sense of the child / young person or family.",
            ],
            &["A baby of three months."],
        ]),
        table(&[
            &["Please provide details of concerns:"],
            &["Injuries.\nA second line."],
        ]),
        table(&[
            &[
                "Please provide brief details of YOUR agency’s involvement including names, roles and contact details of key people involved.\n(Please indicate who you would consider important to attend the case review)",
            ],
            &["Visits since birth."],
        ]),
        table(&[
            &[
                "Please provide brief details of OTHER agencies involvement including names, roles and contact details of key people involved.\n(Please indicate who you would consider important to attend the case review)",
            ],
            &[""],
        ]),
        table(&[
            &[
                "Please provide identified areas of concern / positive practice on which the case review should focus.",
            ],
            &["Fathers' involvement."],
        ]),
        table(&[
            &["Please identify any immediate agency actions."],
            &["Strategy meeting held."],
        ]),
        table(&[
            &[
                "In the referrers view does the case reach threshold for National Child Safeguarding Practice Review Panel Notification / Rapid Review under Working Together definitions",
            ],
            &["☒ Yes      ☐ No      ☐ Unsure"],
            &["Reasons:", "Serious injury, abuse suspected."],
        ]),
        para(
            "You may wish to confer with processes within your management line regarding this box.",
        ),
        table(&[
            &["Name", "Sam Carter"],
            &["Role", "Health Visitor"],
            &["Agency", "Health Visiting"],
            &["Contact No.", "01942 000000"],
        ]),
    ]
}

#[test]
fn a_filled_form_puts_every_answer_in_its_place() {
    let form = read(
        &body(filled()),
        "Testshire Safeguarding Children Partnership",
    );
    assert!(form.recognised);
    assert_eq!(form.unplaced, vec![], "{form:#?}");
    assert_eq!(form.returned.get(Label::ReturnedBy), Some("Sam Carter"));
    assert_eq!(form.returned.get(Label::Agency), Some("Health Visiting"));
    assert_eq!(form.subject.get(Label::Name), Some("Ellie-Mae Jones"));
    assert_eq!(
        form.subject.get(Label::Address),
        Some("12 Larch Close\nHindley\nWN2 3XY")
    );
    assert_eq!(form.subject.get(Label::DateOfDeath), None);
    assert_eq!(form.subject.get(Label::KnownToService), Some("Since birth"));
    assert_eq!(form.others.len(), 1, "the empty second box is dropped");
    assert_eq!(form.others[0].get(Label::Relationship), Some("Mother"));
    assert_eq!(
        form.answer(Question::History),
        Some("A baby of three months.")
    );
    assert_eq!(
        form.answer(Question::Concerns),
        Some("Injuries.\nA second line.")
    );
    assert_eq!(
        form.answer(Question::OwnAgency),
        Some("Visits since birth.")
    );
    assert_eq!(form.answer(Question::OtherAgencies), None);
    assert_eq!(
        form.answer(Question::ImmediateActions),
        Some("Strategy meeting held.")
    );
    assert_eq!(form.threshold, "☒ Yes      ☐ No      ☐ Unsure");
    assert_eq!(form.reasons, "Serious injury, abuse suspected.");
    assert_eq!(form.contact.get(Label::Role), Some("Health Visitor"));
    assert_eq!(form.contact.get(Label::ContactNo), Some("01942 000000"));
}

#[test]
fn the_blank_form_reads_as_recognised_and_empty() {
    let bytes = write(&BlankForm {
        partnership: "Testshire SCP".into(),
        marking: Some("OFFICIAL-SENSITIVE".into()),
        created: None,
    })
    .unwrap();
    let body = crate::docx::read::read_body(&bytes).unwrap();
    let form = read(&body, "Testshire SCP");
    assert!(form.recognised);
    assert_eq!(form.unplaced, vec![]);
    assert!(
        form.subject.is_empty()
            && form.others.is_empty()
            && form.answers.iter().all(|(_, a)| a.is_empty())
    );
    assert_eq!(form.threshold, "☐ Yes      ☐ No      ☐ Unsure");
}

#[test]
fn pasted_boxes_each_make_a_person() {
    let mut blocks = filled();
    let extra = table(&[
        &["Significant others: (copy and paste box as necessary)", ""],
        &["Name", "Dean Smith"],
        &["Relationship", "Mother's partner"],
        // Pasted rows without a heading: a second name is a second person.
        &["Name", "Nan Jones"],
        &["Relationship", "Maternal grandmother"],
    ]);
    blocks.insert(8, extra);
    let form = read(&body(blocks), "");
    assert_eq!(form.unplaced, vec![]);
    let names: Vec<_> = form.others.iter().map(|o| o.get(Label::Name)).collect();
    assert_eq!(
        names,
        [
            Some("Kayleigh Jones"),
            Some("Dean Smith"),
            Some("Nan Jones")
        ]
    );
}

#[test]
fn answers_typed_in_the_label_cell_are_read() {
    let blocks = vec![
        table(&[
            &["Returned by: Sam Carter", ""],
            &["Agency: Police", "Greater Manchester"],
        ]),
        table(&[
            &["Persons Details:", ""],
            &["Name: Ellie Jones", ""],
            &["Date of Birth 14th August 2025", ""],
        ]),
        table(&[&["Please provide details of concerns:\nShe was injured.", ""]]),
        table(&[&["Please identify any immediate agency actions. None yet."]]),
    ];
    let form = read(&body(blocks), "");
    assert_eq!(form.unplaced, vec![]);
    assert_eq!(form.returned.get(Label::ReturnedBy), Some("Sam Carter"));
    assert_eq!(
        form.returned.get(Label::Agency),
        Some("Police\nGreater Manchester")
    );
    assert_eq!(form.subject.get(Label::Name), Some("Ellie Jones"));
    assert_eq!(
        form.subject.get(Label::DateOfBirth),
        Some("14th August 2025")
    );
    assert_eq!(form.answer(Question::Concerns), Some("She was injured."));
    assert_eq!(form.answer(Question::ImmediateActions), Some("None yet."));
}

#[test]
fn a_form_without_tables_is_read_label_then_answer() {
    let blocks = vec![
        para("Returned by:"),
        para("Sam Carter"),
        para("Persons Details:"),
        para("Name"),
        para("Ellie Jones"),
        para("Address"),
        para("12 Larch Close"),
        para("Hindley"),
        para("Please provide details of concerns:"),
        para("Injuries were seen."),
        para("Name: not a label here"),
    ];
    let form = read(&body(blocks), "");
    assert_eq!(form.unplaced, vec![]);
    assert_eq!(
        form.subject.get(Label::Address),
        Some("12 Larch Close\nHindley")
    );
    assert_eq!(
        form.answer(Question::Concerns),
        Some("Injuries were seen.\nName: not a label here")
    );
}

#[test]
fn what_cannot_be_placed_is_listed_by_place_never_by_value() {
    let blocks = vec![
        para("A note typed before the form began"),
        table(&[
            &["Persons Details:", "typed beside the heading"],
            &["Name", "Ellie Jones"],
            &["NHS number", "943 476 5919"],
            &["Relationship", "self"],
        ]),
        table(&[
            &["In the referrers view does the case reach threshold"],
            &["☐ Yes ☐ No ☐ Unsure"],
            &["Role", "HV"],
        ]),
    ];
    let mut b = body(blocks);
    b.unread_chars = 12;
    b.comments = 2;
    let form = read(&b, "");
    let places: Vec<String> = form
        .unplaced
        .iter()
        .map(|u| format!("{}: {}", u.place, u.reason))
        .collect();
    assert_eq!(
        places,
        [
            "the top of the form: text outside any field of the form",
            "beside the heading of Persons Details: text beside a heading is not an answer",
            "Persons Details: a row whose label is not on the form",
            "Persons Details, relationship: the form has no such field here",
            "the document: 12 letters and digits are in places casebook does not read (text boxes, shapes or unusual elements)",
            "the document: 2 comments are not read into the case",
        ]
    );
    for u in &form.unplaced {
        for secret in ["943", "Ellie", "note typed", "self"] {
            assert!(!u.place.contains(secret) && !u.reason.contains(secret));
        }
    }
    // "Role" after the threshold box starts the contact details at the foot.
    assert_eq!(form.contact.get(Label::Role), Some("HV"));
}

#[test]
fn an_answer_mentioning_other_agencies_is_not_a_question() {
    let blocks = vec![
        para("Please provide details of concerns:"),
        para("Other agencies were involved too."),
        para("Details of other agencies involvement below"),
        para("Police and health."),
    ];
    let form = read(&body(blocks), "");
    assert_eq!(
        form.answer(Question::Concerns),
        Some("Other agencies were involved too.")
    );
    assert_eq!(
        form.answer(Question::OtherAgencies),
        Some("Police and health.")
    );
}
