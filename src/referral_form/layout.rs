//! The Case Review Referral Form (WSCP Appendix One) as data: every section, label and
//! question in the document's order, with the other ways people write each label.
//! The blank form is written from these lists and filled forms are read against them,
//! so the two cannot drift apart.

/// The form's title, as the seed document prints it.
pub const TITLE: &str = "Case Review Referral Request Form";

/// The line before the form's purposes.
pub const PURPOSE_INTRO: &str = "This Case Review Referral is:";

/// The form's purposes, printed as bullets under [`PURPOSE_INTRO`]; `{partnership}`
/// stands for the partnership's name.
pub const PURPOSES: [&str; 5] = [
    "For practitioners in Children's Services.",
    "To ensure there is a coordinated and multi-agency response for the rapid identification of responses needed to safeguard others following serious safeguarding concerns.",
    "To act as a referral mechanism for notifiable incidents under Working Together 2018 and whether threshold for referral to National Child Safeguarding Practice Review Panel is met.",
    "To identify early learning for improvement for partners of {partnership}",
    "To begin the process of the Brief Learning Review process.",
];

/// The heading of the subject's box.
pub const PERSONS_HEADING: &str = "Persons Details:";

/// The heading of the first significant-others box.
pub const OTHERS_HEADING_FIRST: &str = "Significant others: (copy and paste box as necessary)";

/// The heading of each further significant-others box.
pub const OTHERS_HEADING: &str = "Significant others:";

/// Significant-others boxes the blank form holds (more are pasted in as needed).
pub const OTHERS_BOXES: usize = 2;

/// A labelled answer on the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    /// "Returned by:": the referrer's name.
    ReturnedBy,
    /// "Agency:".
    Agency,
    /// "Name".
    Name,
    /// "Alias".
    Alias,
    /// "Date of Birth".
    DateOfBirth,
    /// "Address".
    Address,
    /// "Ethnic Origin".
    EthnicOrigin,
    /// "Date of Death".
    DateOfDeath,
    /// "Date(s) known to Service".
    KnownToService,
    /// "Relationship".
    Relationship,
    /// "Role".
    Role,
    /// "Contact No.".
    ContactNo,
    /// "Date" at the foot: the day the referrer completed the form.
    Date,
    /// "Reasons:" under the threshold question (casebook's blank form has it).
    Reasons,
}

impl Label {
    /// The label as the blank form prints it.
    pub fn printed(self) -> &'static str {
        self.spellings()[0]
    }

    /// The label in plain words for messages ("date of birth").
    pub fn words(self) -> &'static str {
        match self {
            Label::ReturnedBy => "returned by",
            Label::Agency => "agency",
            Label::Name => "name",
            Label::Alias => "alias",
            Label::DateOfBirth => "date of birth",
            Label::Address => "address",
            Label::EthnicOrigin => "ethnic origin",
            Label::DateOfDeath => "date of death",
            Label::KnownToService => "date(s) known to service",
            Label::Relationship => "relationship",
            Label::Role => "role",
            Label::ContactNo => "contact no.",
            Label::Date => "date",
            Label::Reasons => "reasons",
        }
    }

    /// Every way the label is written, the printed one first, longest alternatives
    /// before their prefixes.
    pub fn spellings(self) -> &'static [&'static str] {
        match self {
            Label::ReturnedBy => &["Returned by", "Completed by", "Referrer"],
            Label::Agency => &["Agency", "Organisation", "Organization"],
            Label::Name => &["Name", "Full name"],
            Label::Alias => &["Alias", "Aliases", "Also known as", "AKA", "Known as"],
            Label::DateOfBirth => &["Date of Birth", "DOB", "D.O.B.", "D.O.B", "Birth date"],
            Label::Address => &["Address", "Home address"],
            Label::EthnicOrigin => &["Ethnic Origin", "Ethnicity"],
            Label::DateOfDeath => &["Date of Death", "DOD", "D.O.D."],
            Label::KnownToService => &[
                "Date(s) known to Service",
                "Dates known to Service",
                "Date known to Service",
                "Known to Service",
            ],
            Label::Relationship => &[
                "Relationship",
                "Relationship to child",
                "Relationship to the child",
                "Relationship to subject",
            ],
            Label::Role => &["Role", "Job title", "Position"],
            Label::ContactNo => &[
                "Contact No.",
                "Contact No",
                "Contact number",
                "Contact details",
                "Telephone",
                "Phone",
                "Tel",
                "Email",
                "E-mail",
            ],
            Label::Date => &[
                "Date",
                "Date completed",
                "Date of completion",
                "Date signed",
                "Date of referral",
                "Date referred",
            ],
            Label::Reasons => &["Reasons", "Reason"],
        }
    }
}

/// The labels at the top of the form.
pub const RETURNED_LABELS: [Label; 2] = [Label::ReturnedBy, Label::Agency];

/// The labels of the subject's box, in order.
pub const PERSON_LABELS: [Label; 7] = [
    Label::Name,
    Label::Alias,
    Label::DateOfBirth,
    Label::Address,
    Label::EthnicOrigin,
    Label::DateOfDeath,
    Label::KnownToService,
];

/// The labels of a significant-others box, in order.
pub const OTHER_LABELS: [Label; 5] = [
    Label::Name,
    Label::DateOfBirth,
    Label::Relationship,
    Label::Address,
    Label::EthnicOrigin,
];

/// The labels at the foot of the form: who completed the threshold box, and when.
pub const CONTACT_LABELS: [Label; 5] = [
    Label::Name,
    Label::Role,
    Label::Agency,
    Label::ContactNo,
    Label::Date,
];

/// A question answered in free text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Question {
    /// A brief history of the subject.
    History,
    /// Details of concerns.
    Concerns,
    /// The referring agency's involvement.
    OwnAgency,
    /// Other agencies' involvement.
    OtherAgencies,
    /// Areas of concern or positive practice to focus on.
    Focus,
    /// Immediate agency actions.
    ImmediateActions,
}

/// The questions in the form's order.
pub const QUESTIONS: [Question; 6] = [
    Question::History,
    Question::Concerns,
    Question::OwnAgency,
    Question::OtherAgencies,
    Question::Focus,
    Question::ImmediateActions,
];

impl Question {
    /// The question as the blank form prints it: its lines.
    pub fn prompt(self) -> &'static [&'static str] {
        match self {
            Question::History => &[
                "A brief history of the subject of the review – to enable the panel to get a sense of the child / young person or family.",
            ],
            Question::Concerns => &["Please provide details of concerns:"],
            Question::OwnAgency => &[
                "Please provide brief details of YOUR agency’s involvement including names, roles and contact details of key people involved.",
                "(Please indicate who you would consider important to attend the case review)",
            ],
            Question::OtherAgencies => &[
                "Please provide brief details of OTHER agencies involvement including names, roles and contact details of key people involved.",
                "(Please indicate who you would consider important to attend the case review)",
            ],
            Question::Focus => &[
                "Please provide identified areas of concern / positive practice on which the case review should focus.",
            ],
            Question::ImmediateActions => &["Please identify any immediate agency actions."],
        }
    }

    /// Words that identify the question even when its wording was edited.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Question::History => &["brief history of the subject", "brief history"],
            Question::Concerns => &["details of concerns", "details of the concerns"],
            Question::OwnAgency => &["your agency", "own agency"],
            Question::OtherAgencies => &["other agencies", "other agency"],
            Question::Focus => &["areas of concern", "positive practice"],
            Question::ImmediateActions => &["immediate agency action", "immediate action"],
        }
    }

    /// The referral.yaml field the answer goes to.
    pub fn field(self) -> &'static str {
        match self {
            Question::History => "history",
            Question::Concerns => "concerns",
            Question::OwnAgency => "own_agency_involvement",
            Question::OtherAgencies => "other_agency_involvement",
            Question::Focus => "focus",
            Question::ImmediateActions => "immediate_actions",
        }
    }
}

/// The threshold question.
pub const THRESHOLD_PROMPT: &str = "In the referrers view does the case reach threshold for National Child Safeguarding Practice Review Panel Notification / Rapid Review under Working Together definitions";

/// Words that identify the threshold question.
pub const THRESHOLD_KEYS: [&str; 2] = ["reach threshold", "reaches threshold"];

/// The threshold question's tick boxes, as the blank form prints them.
pub const THRESHOLD_OPTIONS: [&str; 3] = ["Yes", "No", "Unsure"];

/// The empty tick box.
pub const BOX: char = '☐';

/// The line after the threshold box.
pub const CONFER: &str =
    "You may wish to confer with processes within your management line regarding this box.";

/// Words that identify [`CONFER`].
pub const CONFER_KEY: &str = "you may wish to confer";

/// Protective markings people print on forms, read as boilerplate wherever they stand.
pub const MARKINGS: [&str; 6] = [
    "official-sensitive",
    "official sensitive",
    "official",
    "official - sensitive",
    "restricted",
    "confidential",
];
