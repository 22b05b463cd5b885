//! Reading a filled-in referral form: the document's paragraphs and table rows are
//! walked in order, each row's first cell matched against the form's headings,
//! questions and labels, and every answer put where the form says it belongs.
//!
//! It copes with what people do to forms: significant-others boxes pasted in (each
//! heading, or a second "Name", starts another person), answers typed into the label
//! cell, rows added or deleted, forms rebuilt without tables (a label paragraph, then
//! its answer), and questions reworded. Whatever it cannot place is listed with where
//! it was and why, never with what it said. Pure: blocks in, answers out.

use crate::docx::{Block, Body};

use super::layout::{
    self, CONTACT_LABELS, Label, OTHER_LABELS, PERSON_LABELS, QUESTIONS, Question,
};
use super::matching::{after_label, after_prompt, normalise};

/// Something on the form that could not be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    /// Where it was, in the form's words ("significant other 2, date of birth").
    pub place: String,
    /// Why it was not placed.
    pub reason: String,
}

/// The answers of one person's box, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonAnswers {
    /// Label and answer; a label may appear more than once.
    pub answers: Vec<(Label, String)>,
}

impl PersonAnswers {
    /// The first non-empty answer for a label.
    pub fn get(&self, label: Label) -> Option<&str> {
        self.answers
            .iter()
            .find(|(l, v)| *l == label && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// Whether any answer was given.
    pub fn is_empty(&self) -> bool {
        self.answers.iter().all(|(_, v)| v.trim().is_empty())
    }

    fn has(&self, label: Label) -> bool {
        self.get(label).is_some()
    }
}

/// Everything read from a filled form.
#[derive(Debug, Clone, Default)]
pub struct FilledForm {
    /// "Returned by:" and "Agency:" at the top.
    pub returned: PersonAnswers,
    /// The subject's box ("Persons Details").
    pub subject: PersonAnswers,
    /// Each significant-others box that has an answer.
    pub others: Vec<PersonAnswers>,
    /// The answers to the free-text questions.
    pub answers: Vec<(Question, String)>,
    /// What was written in the threshold box, tick boxes included.
    pub threshold: String,
    /// The reasons given for the threshold view.
    pub reasons: String,
    /// Who completed the form, at its foot: name, role, agency, contact number.
    pub contact: PersonAnswers,
    /// What could not be placed.
    pub unplaced: Vec<Unplaced>,
    /// Whether any of the form's own headings or questions was found at all.
    pub recognised: bool,
}

impl FilledForm {
    /// The answer to a question, if one was given.
    pub fn answer(&self, q: Question) -> Option<&str> {
        self.answers
            .iter()
            .find(|(k, v)| *k == q && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }
}

/// Where in the form the reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Top,
    Purposes,
    Subject,
    Other,
    Question(Question),
    Threshold,
    Contact,
}

/// Where the next line of text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Person(Section, Label),
    Answer(Question),
    Threshold,
    Reasons,
}

/// What a line's first cell is.
enum Recognised {
    Heading(Section, String),
    Prompt(Section, String),
    Label(Label, String),
    Boilerplate,
}

/// A line of the form: a paragraph, or a table row's cells.
struct Line {
    cells: Vec<String>,
    /// The table the row is in (counted in document order), `None` for a paragraph.
    table: Option<usize>,
}

/// Reads a filled form's body.
pub fn read(body: &Body, partnership: &str) -> FilledForm {
    let mut lines = Vec::new();
    flatten(&body.blocks, &mut lines, &mut 0);
    let mut reader = Reader {
        form: FilledForm::default(),
        section: Section::Top,
        target: None,
        target_table: None,
        partnership: normalise(partnership),
    };
    for line in &lines {
        reader.line(line);
    }
    let mut form = reader.form;
    form.others.retain(|o| !o.is_empty());
    if body.unread_chars > 0 {
        form.unplaced.push(Unplaced {
            place: "the document".into(),
            reason: format!(
                "{} letters and digits are in places casebook does not read (text boxes, shapes or unusual elements)",
                body.unread_chars
            ),
        });
    }
    if body.comments > 0 {
        form.unplaced.push(Unplaced {
            place: "the document".into(),
            reason: if body.comments == 1 {
                "1 comment is not read into the case".into()
            } else {
                format!("{} comments are not read into the case", body.comments)
            },
        });
    }
    form
}

fn flatten(blocks: &[Block], out: &mut Vec<Line>, tables: &mut usize) {
    for block in blocks {
        match block {
            Block::Paragraph(text) => out.push(Line {
                cells: vec![text.clone()],
                table: None,
            }),
            Block::Table(rows) => {
                let id = *tables;
                *tables += 1;
                for row in rows {
                    out.push(Line {
                        cells: row.iter().map(|c| c.text()).collect(),
                        table: Some(id),
                    });
                    // A box pasted inside a cell comes after the row that holds it.
                    for cell in row {
                        let nested: Vec<Block> = cell
                            .blocks
                            .iter()
                            .filter(|b| matches!(b, Block::Table(_)))
                            .cloned()
                            .collect();
                        flatten(&nested, out, tables);
                    }
                }
            }
        }
    }
}

struct Reader {
    form: FilledForm,
    section: Section,
    target: Option<Target>,
    /// The table the target was set in (`None`: a paragraph).
    target_table: Option<usize>,
    partnership: String,
}

impl Reader {
    fn line(&mut self, line: &Line) {
        // Merged cells repeat their text in each grid column they cover in some writers.
        let mut cells: Vec<&str> = Vec::new();
        for c in &line.cells {
            if cells
                .last()
                .is_none_or(|last| last.trim() != c.trim() || c.trim().is_empty())
            {
                cells.push(c.as_str());
            }
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            return;
        }
        let first = cells.first().copied().unwrap_or_default();
        let rest: Vec<&str> = cells
            .iter()
            .skip(1)
            .copied()
            .filter(|c| !c.trim().is_empty())
            .collect();
        match self.recognise(first) {
            Some(Recognised::Heading(section, beside)) => {
                self.form.recognised = true;
                self.section = section;
                self.target = None;
                if section == Section::Other {
                    self.form.others.push(PersonAnswers::default());
                }
                if !beside.is_empty() || !rest.is_empty() {
                    self.unplace(
                        format!("beside the heading of {}", self.place()),
                        "text beside a heading is not an answer",
                    );
                }
            }
            Some(Recognised::Prompt(section, answer)) => {
                self.form.recognised = true;
                self.section = section;
                self.target = Some(match section {
                    Section::Question(q) => Target::Answer(q),
                    _ => Target::Threshold,
                });
                self.target_table = line.table;
                self.append(&answer);
                for r in rest {
                    self.append(r);
                }
            }
            Some(Recognised::Label(label, answer)) => {
                self.form.recognised = true;
                let Some(target) = self.label_target(label) else {
                    self.unplace(
                        format!("{}, {}", self.place(), label.words()),
                        "the form has no such field here",
                    );
                    self.target = None;
                    return;
                };
                self.target = Some(target);
                self.target_table = line.table;
                self.start(target);
                self.append(&answer);
                for r in rest {
                    self.append(r);
                }
            }
            Some(Recognised::Boilerplate) => {
                if !rest.is_empty() {
                    self.unplace(
                        self.place(),
                        "text beside the form's own wording is not an answer",
                    );
                }
            }
            None => {
                let first_empty = first.trim().is_empty();
                // A person's field goes on only within its own table (or, on a form
                // without tables, its own run of paragraphs); an answer to a question
                // may go on below its box, but not into another table.
                let goes_on = match self.target {
                    Some(Target::Person(..)) => line.table == self.target_table,
                    Some(_) => line.table.is_none() || line.table == self.target_table,
                    None => false,
                };
                if !goes_on {
                    self.target = None;
                }
                if line.table.is_some() && !first_empty && !rest.is_empty() {
                    // A row with a label the form does not have.
                    self.unplace(self.place(), "a row whose label is not on the form");
                    self.target = None;
                } else if self.target.is_some() {
                    for c in cells.iter().filter(|c| !c.trim().is_empty()) {
                        self.append(c);
                    }
                } else {
                    self.unplace(self.place(), "text outside any field of the form");
                }
            }
        }
    }

    /// Matches a line's first cell, longest and most specific first.
    fn recognise(&self, text: &str) -> Option<Recognised> {
        let norm = normalise(text);
        if norm.is_empty() {
            return None;
        }
        if let Some(rest) = heading(
            text,
            layout::PERSONS_HEADING,
            &[
                "persons details",
                "person's details",
                "person details",
                "subject details",
                "details of the child",
            ],
        ) {
            return Some(Recognised::Heading(Section::Subject, rest));
        }
        if let Some(rest) = heading(text, layout::OTHERS_HEADING_FIRST, &[]).or_else(|| {
            heading(
                text,
                layout::OTHERS_HEADING,
                &["significant others", "significant other"],
            )
        }) {
            return Some(Recognised::Heading(Section::Other, rest));
        }
        for q in QUESTIONS {
            if let Some(answer) = after_prompt(text, q.prompt(), q.keys()) {
                return Some(Recognised::Prompt(Section::Question(q), answer));
            }
        }
        if let Some(answer) =
            after_prompt(text, &[layout::THRESHOLD_PROMPT], &layout::THRESHOLD_KEYS)
        {
            return Some(Recognised::Prompt(Section::Threshold, answer));
        }
        if norm.starts_with(layout::CONFER_KEY) {
            return Some(Recognised::Heading(Section::Contact, String::new()));
        }
        if norm.starts_with(
            &normalise(layout::PURPOSE_INTRO)
                .trim_end_matches(':')
                .to_string(),
        ) {
            return Some(Recognised::Heading(Section::Purposes, String::new()));
        }
        if self.is_boilerplate(&norm) {
            return Some(Recognised::Boilerplate);
        }
        // Labels mean something outside the free-text answers only.
        if matches!(self.section, Section::Question(_)) {
            return None;
        }
        let mut best: Option<(usize, Label, String)> = None;
        for label in all_labels() {
            for spelling in label.spellings() {
                if let Some(rest) = after_label(text, spelling) {
                    let len = spelling.len();
                    if best.as_ref().is_none_or(|(l, _, _)| len > *l) {
                        best = Some((len, label, rest.to_string()));
                    }
                }
            }
        }
        best.map(|(_, label, rest)| Recognised::Label(label, rest))
    }

    fn is_boilerplate(&self, norm: &str) -> bool {
        let trimmed = norm.trim_end_matches(['.', ':']);
        let title = normalise(layout::TITLE);
        if trimmed == title
            || trimmed == "case review referral form"
            || trimmed.starts_with("case review referral request form")
        {
            return true;
        }
        if !self.partnership.is_empty() && trimmed == self.partnership.trim_end_matches('.') {
            return true;
        }
        // Another partnership's name above the form.
        if self.section == Section::Top
            && trimmed.ends_with("partnership")
            && trimmed.split(' ').count() <= 12
        {
            return true;
        }
        if layout::MARKINGS.contains(&trimmed) || trimmed == "draft" {
            return true;
        }
        if self.section == Section::Purposes || self.section == Section::Top {
            return layout::PURPOSES.iter().any(|p| {
                let p = normalise(p);
                let head: String = p.chars().take(28).collect();
                norm.starts_with(&head)
            });
        }
        false
    }

    /// Where a label goes in the current section, if it belongs there.
    fn label_target(&mut self, label: Label) -> Option<Target> {
        let section = match (self.section, label) {
            (Section::Top | Section::Purposes, Label::ReturnedBy | Label::Agency) => Section::Top,
            (
                Section::Top | Section::Purposes,
                Label::Name | Label::Role | Label::ContactNo | Label::Date,
            ) => Section::Top,
            (Section::Subject, l) if PERSON_LABELS.contains(&l) => Section::Subject,
            (Section::Other, l)
                if OTHER_LABELS.contains(&l) || matches!(l, Label::Alias | Label::DateOfDeath) =>
            {
                // A second name in one box is the next person, pasted without a heading.
                let current = self.form.others.last();
                if l == Label::Name && current.is_some_and(|o| o.has(Label::Name)) {
                    self.form.others.push(PersonAnswers::default());
                }
                if self.form.others.is_empty() {
                    self.form.others.push(PersonAnswers::default());
                }
                Section::Other
            }
            (Section::Threshold, Label::Reasons) => return Some(Target::Reasons),
            (Section::Threshold | Section::Contact, l) if CONTACT_LABELS.contains(&l) => {
                self.section = Section::Contact;
                Section::Contact
            }
            _ => return None,
        };
        Some(Target::Person(section, label))
    }

    /// Records the start of a labelled answer.
    fn start(&mut self, target: Target) {
        if let Target::Person(section, label) = target
            && let Some(person) = self.person(section)
        {
            person.answers.push((label, String::new()));
        }
    }

    fn person(&mut self, section: Section) -> Option<&mut PersonAnswers> {
        match section {
            Section::Top => Some(&mut self.form.returned),
            Section::Subject => Some(&mut self.form.subject),
            Section::Other => self.form.others.last_mut(),
            Section::Contact => Some(&mut self.form.contact),
            _ => None,
        }
    }

    /// Adds a line of text to the current target.
    fn append(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let Some(target) = self.target else { return };
        let slot: Option<&mut String> = match target {
            Target::Person(section, _) => self
                .person(section)
                .and_then(|p| p.answers.last_mut())
                .map(|(_, v)| v),
            Target::Answer(q) => {
                if self.form.answers.last().is_none_or(|(k, _)| *k != q) {
                    self.form.answers.push((q, String::new()));
                }
                self.form.answers.last_mut().map(|(_, v)| v)
            }
            Target::Threshold => Some(&mut self.form.threshold),
            Target::Reasons => Some(&mut self.form.reasons),
        };
        if let Some(slot) = slot {
            if !slot.is_empty() {
                slot.push('\n');
            }
            slot.push_str(text);
        }
    }

    /// The current place in the form's words, for messages.
    fn place(&self) -> String {
        match self.section {
            Section::Top => "the top of the form".into(),
            Section::Purposes => "the form's purposes".into(),
            Section::Subject => "Persons Details".into(),
            Section::Other => format!("significant other {}", self.form.others.len().max(1)),
            Section::Question(q) => format!("the answer to `{}`", q.field()),
            Section::Threshold => "the threshold box".into(),
            Section::Contact => "the contact details at the foot of the form".into(),
        }
    }

    fn unplace(&mut self, place: String, reason: &str) {
        self.form.unplaced.push(Unplaced {
            place,
            reason: reason.into(),
        });
    }
}

/// Every label, once.
fn all_labels() -> impl Iterator<Item = Label> {
    [
        Label::ReturnedBy,
        Label::Agency,
        Label::Name,
        Label::Alias,
        Label::DateOfBirth,
        Label::Address,
        Label::EthnicOrigin,
        Label::DateOfDeath,
        Label::KnownToService,
        Label::Relationship,
        Label::Role,
        Label::ContactNo,
        Label::Date,
        Label::Reasons,
    ]
    .into_iter()
}

/// If `text` starts with a heading (as printed or in other words), returns what follows it.
fn heading(text: &str, printed: &str, others: &[&str]) -> Option<String> {
    std::iter::once(printed)
        .chain(others.iter().copied())
        .find_map(|h| after_label(text, h))
        .map(|rest| rest.trim_start_matches(['(', ')']).to_string())
        .map(|rest| {
            // The first box's heading carries its instruction, in brackets or not.
            let n = normalise(&rest);
            if n.starts_with("copy and paste") {
                String::new()
            } else {
                rest
            }
        })
}

#[cfg(test)]
mod tests;
