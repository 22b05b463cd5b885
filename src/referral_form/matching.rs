//! Matching what people typed against the form's labels and questions: case, spacing,
//! curly quotes and dashes do not matter, a label may be followed by its answer in the
//! same cell ("Name: Jo"), and a question's wording may have been edited as long as its
//! key words remain.

/// Lower-cases, straightens quotes and dashes, and collapses white space (non-breaking
/// included) to single spaces; returns the normalised text and, for each of its bytes,
/// the byte offset in `text` just after the character it came from.
pub fn normalise_with_map(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut pending_space = false;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            map.push(i);
            pending_space = false;
        }
        let c = match c {
            '‘' | '’' | '`' | '´' => '\'',
            '“' | '”' => '"',
            '–' | '—' | '‐' | '‑' => '-',
            other => other,
        };
        for lower in c.to_lowercase() {
            let before = out.len();
            out.push(lower);
            map.extend(std::iter::repeat_n(end, out.len() - before));
        }
    }
    (out, map)
}

/// The normalised text alone.
pub fn normalise(text: &str) -> String {
    normalise_with_map(text).0
}

/// Whether `c` may continue a word (so a label must not end before it).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\''
}

/// Strips the punctuation and spaces that separate a label from its answer.
fn trim_separator(text: &str) -> &str {
    text.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '.' | '=' | '|')
    })
    .trim_end()
}

/// If `text` starts with `spelling` (a label) as whole words, returns what follows it.
pub fn after_label<'a>(text: &'a str, spelling: &str) -> Option<&'a str> {
    let (norm, map) = normalise_with_map(text);
    let want = normalise(spelling);
    let want = want.trim_end_matches([':', '.']);
    if want.is_empty() || !norm.starts_with(want) {
        return None;
    }
    let rest_norm = &norm[want.len()..];
    if rest_norm.chars().next().is_some_and(is_word_char) && !want.ends_with(['.', ')']) {
        return None;
    }
    let end = if want.is_empty() {
        0
    } else {
        map[want.len() - 1]
    };
    Some(trim_separator(&text[end..]))
}

/// If the start of `text` is a question whose printed lines are `prompt` (or, edited, a
/// line holding one of `keys`), returns what follows the question: the answer typed in
/// the same cell. The question may take several lines; an answer on the question's last
/// line after its wording is kept.
pub fn after_prompt(text: &str, prompt: &[&str], keys: &[&str]) -> Option<String> {
    let printed: Vec<String> = prompt
        .iter()
        .map(|p| normalise(p).trim_end_matches(['.', ':']).to_string())
        .collect();
    let whole = printed.join(" ");
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    // Blank lines before the question.
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    let first = lines.get(i)?;
    let mut answer: Vec<String> = Vec::new();
    // The whole question, perhaps with the answer after it, on one line.
    if let Some(rest) = strip_normalised_prefix(first, &whole) {
        answer.push(rest.to_string());
        answer.extend(lines[i + 1..].iter().map(|l| l.to_string()));
        return Some(answer.join("\n").trim().to_string());
    }
    if let Some(rest) = printed
        .first()
        .and_then(|p| strip_normalised_prefix(first, p))
    {
        answer.push(rest.to_string());
    } else {
        // An edited question still reads as one: it starts as questions do and names
        // its key words early, so an answer that mentions "other
        // agencies" is not taken for the question.
        let norm_first = normalise(first);
        let head: String = norm_first.chars().take(80).collect();
        let starts_as_question = QUESTION_STARTS.iter().any(|s| norm_first.starts_with(s));
        if !starts_as_question || !keys.iter().any(|k| head.contains(k)) {
            return None;
        }
    }
    // The question's further lines, as printed or edited, then the answer.
    i += 1;
    while i < lines.len() {
        let n = normalise(lines[i]);
        let n = n.trim_end_matches(['.', ':']);
        if n.is_empty() || (n.len() > 12 && whole.contains(n)) {
            i += 1;
            continue;
        }
        // A printed line followed by an answer on the same line.
        if let Some(rest) = printed
            .iter()
            .skip(1)
            .find_map(|p| strip_normalised_prefix(lines[i], p))
        {
            answer.push(rest.to_string());
            i += 1;
        }
        break;
    }
    answer.extend(lines[i.min(lines.len())..].iter().map(|l| l.to_string()));
    Some(answer.join("\n").trim().to_string())
}

/// How the form's questions, and edited versions of them, begin.
const QUESTION_STARTS: [&str; 12] = [
    "please",
    "a brief",
    "brief",
    "details",
    "describe",
    "identified",
    "identify",
    "any ",
    "what",
    "in the",
    "does",
    "give",
];

/// If normalised `text` starts with `prefix` (already normalised), returns the original
/// text after it, separators stripped.
fn strip_normalised_prefix<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    if prefix.is_empty() {
        return None;
    }
    let (norm, map) = normalise_with_map(text);
    if !norm.starts_with(prefix) {
        return None;
    }
    let end = map[prefix.len() - 1];
    let rest = text[end..].trim_start_matches(['.', ':', ')']);
    Some(trim_separator(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_keeps_a_map_back_to_the_text() {
        let (n, map) = normalise_with_map("  Date\u{a0}of  Birth’s:");
        assert_eq!(n, "date of birth's:");
        assert_eq!(map.len(), n.len());
        assert_eq!(&"  Date\u{a0}of  Birth’s:"[..map[3]], "  Date");
    }

    #[test]
    fn labels_match_whole_words_with_the_answer_after_them() {
        assert_eq!(after_label("Name", "Name"), Some(""));
        assert_eq!(after_label("Name: Jo Bloggs", "Name"), Some("Jo Bloggs"));
        assert_eq!(after_label("NAME - Jo", "Name"), Some("Jo"));
        assert_eq!(after_label("Names of staff", "Name"), None);
        assert_eq!(after_label("Agency's view", "Agency:"), None);
        assert_eq!(
            after_label("Date of birth 14/08/2025", "Date of Birth"),
            Some("14/08/2025")
        );
        assert_eq!(after_label("D.O.B. 1/2/20", "D.O.B."), Some("1/2/20"));
        assert_eq!(
            after_label("Returned by:   Sam", "Returned by:"),
            Some("Sam")
        );
    }

    #[test]
    fn questions_are_found_as_printed_edited_or_with_the_answer_inside() {
        let prompt = [
            "Please provide brief details of YOUR agency’s involvement including names.",
            "(Please indicate who you would consider important to attend the case review)",
        ];
        let keys = ["your agency"];
        let printed = "Please provide brief details of YOUR agency’s involvement including names.\n(Please indicate who you would consider important to attend the case review)";
        assert_eq!(after_prompt(printed, &prompt, &keys), Some(String::new()));
        let answered = format!("{printed}\nWe saw the family twice.\nThen again.");
        assert_eq!(
            after_prompt(&answered, &prompt, &keys).as_deref(),
            Some("We saw the family twice.\nThen again.")
        );
        let same_line = "please provide brief details of your agency's involvement including names. We saw them.";
        assert_eq!(
            after_prompt(same_line, &prompt, &keys).as_deref(),
            Some("We saw them.")
        );
        let edited = "Details of your agency involvement:\nHealth visiting since May.";
        assert_eq!(
            after_prompt(edited, &prompt, &keys).as_deref(),
            Some("Health visiting since May.")
        );
        assert_eq!(after_prompt("Nothing to do with it", &prompt, &keys), None);
    }
}
