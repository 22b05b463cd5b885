//! The threshold box: which of Yes, No and Unsure the referrer ticked, however they
//! ticked it (☒, ☑, ✓, an X before or after the word, the other options deleted, or
//! the answer written as the reasons' first word), and the reasons given.

use crate::model::referral::ThresholdView;

use super::layout::THRESHOLD_OPTIONS;
use super::matching::normalise;

/// Marks that tick a box.
const TICKS: [char; 9] = ['☒', '☑', '✓', '✔', '✗', '✘', '■', 'x', '⊠'];
/// Marks of an empty box.
const EMPTY: [char; 3] = ['☐', '□', '◻'];

/// What one option shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Ticked,
    Empty,
    Bare,
}

/// Reads the box: the view (if clear), why not (if not), and the reasons.
pub fn read(
    options: &str,
    reasons: &str,
) -> (Option<ThresholdView>, Option<&'static str>, Option<String>) {
    let views = [ThresholdView::Yes, ThresholdView::No, ThresholdView::Unsure];
    let mut ticked = Vec::new();
    let mut bare = Vec::new();
    let mut rest_lines = Vec::new();
    for line in options.lines() {
        let shown: Vec<(usize, Shown)> = THRESHOLD_OPTIONS
            .iter()
            .enumerate()
            .filter_map(|(i, word)| option_in(line, word).map(|s| (i, s)))
            .collect();
        let is_option_line =
            !shown.is_empty() && (shown.iter().any(|(_, s)| *s != Shown::Bare) || words(line) <= 3);
        if is_option_line {
            for (i, s) in shown {
                match s {
                    Shown::Ticked => ticked.push(views[i]),
                    Shown::Bare => bare.push(views[i]),
                    Shown::Empty => {}
                }
            }
        } else if !line.trim().is_empty() {
            rest_lines.push(line.trim().to_string());
        }
    }
    let mut reason_text: Vec<String> = rest_lines;
    if !reasons.trim().is_empty() {
        reason_text.push(reasons.trim().to_string());
    }
    let reasons = (!reason_text.is_empty()).then(|| reason_text.join("\n"));
    ticked.dedup();
    bare.dedup();
    let (view, problem) = match (ticked.as_slice(), bare.as_slice()) {
        ([one], _) => (Some(*one), None),
        ([], [one]) => (Some(*one), None),
        ([], []) => match reasons.as_deref().and_then(first_word_view) {
            Some(v) => (Some(v), None),
            None => (None, Some("no box is ticked")),
        },
        ([], _) => (None, Some("more than one option is left standing")),
        _ => (None, Some("more than one box is ticked")),
    };
    (view, problem, reasons)
}

fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// How `word` (an option) shows in `line`, if it is there as a word.
fn option_in(line: &str, word: &str) -> Option<Shown> {
    let marks_first = marks_come_first(line);
    let lower: Vec<char> = normalise(line).chars().collect();
    let want: Vec<char> = word.to_lowercase().chars().collect();
    let mut found = None;
    let mut i = 0;
    while i + want.len() <= lower.len() {
        if lower[i..i + want.len()] == want[..] {
            let before_ok = i == 0
                || !lower[i - 1].is_alphanumeric()
                || lower[i - 1] == 'x' && (i < 2 || !lower[i - 2].is_alphanumeric());
            let after = lower.get(i + want.len());
            let after_ok = after.is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok {
                found = Some(mark_near(&lower, i, i + want.len(), marks_first));
                break;
            }
        }
        i += 1;
    }
    found
}

/// Whether the line puts its boxes before the words (`☐ Yes ☒ No`) rather than after
/// them (`Yes ☐ No ☒`): whichever comes first on the line.
fn marks_come_first(line: &str) -> bool {
    let lower = normalise(line);
    let first_word = THRESHOLD_OPTIONS
        .iter()
        .filter_map(|w| lower.find(&w.to_lowercase()))
        .min()
        .unwrap_or(usize::MAX);
    let first_mark = lower
        .char_indices()
        .find(|(_, c)| TICKS.contains(c) || EMPTY.contains(c) || *c == '[')
        .map_or(usize::MAX, |(i, _)| i);
    first_mark < first_word
}

/// The mark just before the word (`☒ Yes`, `[x] Yes`, `X Yes`) or just after it
/// (`Yes ☒`, `Yes: X`), whichever side the line puts its marks on.
fn mark_near(text: &[char], start: usize, end: usize, marks_first: bool) -> Shown {
    let significant =
        |c: &char| !c.is_whitespace() && !matches!(c, '[' | ']' | '(' | ')' | ':' | '-');
    let before = text[..start].iter().rev().take(4).find(|c| significant(c));
    let after = text[end..].iter().take(4).find(|c| significant(c));
    let classify = |c: Option<&char>| match c {
        Some(c) if TICKS.contains(c) => Some(Shown::Ticked),
        Some(c) if EMPTY.contains(c) => Some(Shown::Empty),
        _ => None,
    };
    let near = if marks_first { before } else { after };
    classify(near).unwrap_or(Shown::Bare)
}

fn first_word_view(text: &str) -> Option<ThresholdView> {
    let first: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    match first.as_str() {
        "yes" => Some(ThresholdView::Yes),
        "no" => Some(ThresholdView::No),
        "unsure" | "maybe" | "possibly" => Some(ThresholdView::Unsure),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ThresholdView::*;

    fn view(options: &str, reasons: &str) -> Option<ThresholdView> {
        read(options, reasons).0
    }

    #[test]
    fn ticks_of_every_kind() {
        assert_eq!(view("☐ Yes      ☐ No      ☐ Unsure", ""), None);
        assert_eq!(view("☒ Yes      ☐ No      ☐ Unsure", ""), Some(Yes));
        assert_eq!(view("☐ Yes ☑ No ☐ Unsure", ""), Some(No));
        assert_eq!(view("☐ Yes ☐ No ✓ Unsure", ""), Some(Unsure));
        assert_eq!(view("X Yes ☐ No ☐ Unsure", ""), Some(Yes));
        assert_eq!(view("[x] Yes [ ] No [ ] Unsure", ""), Some(Yes));
        assert_eq!(view("Yes ☒   No ☐", ""), Some(Yes));
        assert_eq!(view("Yes", ""), Some(Yes));
        assert_eq!(view("☐ No", ""), None);
        assert_eq!(view("Unsure", ""), Some(Unsure));
        assert_eq!(view("☒ Yes ☒ No ☐ Unsure", ""), None);
        assert_eq!(
            read("☒ Yes ☒ No", "").1,
            Some("more than one box is ticked")
        );
    }

    #[test]
    fn the_answer_may_be_the_reasons_first_word() {
        assert_eq!(
            view("☐ Yes ☐ No ☐ Unsure", "Yes - the child died."),
            Some(Yes)
        );
        assert_eq!(view("", "No, this is a learning referral"), Some(No));
        assert_eq!(read("", "Nothing").1, Some("no box is ticked"));
    }

    #[test]
    fn reasons_are_kept_apart_from_the_boxes() {
        let (v, p, r) = read(
            "☐ Yes ☒ No ☐ Unsure\nThe harm was not serious.",
            "And known.",
        );
        assert_eq!((v, p), (Some(No), None));
        assert_eq!(r.as_deref(), Some("The harm was not serious.\nAnd known."));
    }
}
