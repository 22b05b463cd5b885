//! Owns the built-in list of personal names that are also ordinary English
//! words ("Will", "May", "Grace", "Hall"). A registered one-word name found in
//! this list is replaced only where it is written with a capital letter, and
//! its lower-case occurrences are reported for review instead. This file must
//! not decide anything else: the list is data, the rule lives in `names.rs`.

/// Folded (lower-case, unaccented) names that are also everyday words.
///
/// Kept sorted so that membership is a binary search; a test enforces the
/// order, so additions only need to go in the right place.
const COMMON_WORD_NAMES: &[&str] = &[
    "al", "amber", "angel", "april", "archer", "art", "ash", "autumn", "baker", "banks", "bell",
    "best", "bill", "bird", "bishop", "black", "bob", "bond", "brook", "brooks", "brown", "bull",
    "bush", "butler", "carol", "carter", "chance", "chase", "cherry", "child", "clay", "cliff",
    "cook", "cooper", "cross", "crystal", "daisy", "dale", "dawn", "day", "dean", "destiny", "dot",
    "drew", "duke", "earl", "ed", "eve", "faith", "faye", "field", "fields", "fish", "fisher",
    "ford", "fox", "frank", "gale", "gene", "gill", "glen", "golden", "grace", "grant", "gray",
    "green", "grey", "guy", "hall", "harmony", "hart", "hay", "hazel", "head", "heath", "heather",
    "hill", "holly", "honey", "hope", "house", "hunt", "hunter", "iris", "ivy", "jack", "jade",
    "jay", "jean", "jewel", "job", "joy", "judge", "june", "king", "kit", "knight", "lamb",
    "lance", "lane", "lily", "little", "long", "lord", "love", "major", "march", "marina", "mark",
    "marsh", "mason", "max", "may", "miles", "mills", "misty", "moon", "moss", "nash", "nick",
    "noble", "norm", "north", "olive", "page", "park", "parker", "pat", "patience", "payne",
    "peace", "pearl", "penny", "pink", "pope", "porter", "potter", "price", "prince", "rain",
    "ray", "read", "reed", "rice", "rich", "river", "rob", "robin", "rock", "rocky", "rose",
    "ruby", "rush", "sage", "salt", "sandy", "scarlett", "sharp", "shepherd", "short", "sky",
    "skye", "small", "smith", "snow", "sonny", "spring", "stone", "storm", "street", "strong",
    "sue", "summer", "sunny", "sweet", "swift", "tanner", "taylor", "tucker", "turner", "victor",
    "violet", "wade", "walker", "wall", "ward", "waters", "webb", "wells", "west", "white", "will",
    "willow", "win", "wise", "wolf", "wood", "woods", "worth", "wren", "young",
];

/// Tells whether a folded single word is a name that is also an ordinary word.
pub(crate) fn is_common_word(folded: &str) -> bool {
    COMMON_WORD_NAMES.binary_search(&folded).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_unique_so_binary_search_works() {
        for pair in COMMON_WORD_NAMES.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{} must sort before {}",
                pair[0],
                pair[1]
            );
        }
    }

    #[test]
    fn list_is_lower_case_single_words() {
        for word in COMMON_WORD_NAMES {
            assert!(word.chars().all(|c| c.is_ascii_lowercase()), "{word}");
        }
    }

    #[test]
    fn required_words_are_present() {
        let required = "Will May Grace Hope Mark Faith Joy April June Summer Rose Bill Pat Sky \
            Dawn Faye Ray Rich Art Bob Jack Jean Frank Grant Guy Holly Ivy Lily Daisy Amber Ruby \
            Jade Crystal Autumn Robin Sandy Rocky Victor Chase Hunter Carol Penny Patience \
            Destiny Heather Iris Misty Honey Sunny Angel Brook River Storm Skye Bell Drew Gene \
            Gale Harmony Hazel Marina Olive Pearl Sage Scarlett Violet Willow Young Wood Green \
            Brown White Black Baker Cook Smith Hall Hill King Lord Long Moss Mason Page Price \
            Rice Rush Shepherd Short Sharp Stone Street Walker Ward Wells West Hart Fox Bird \
            Swift Small Bush Lamb Marsh Little Golden";
        let missing: Vec<&str> = required
            .split_whitespace()
            .filter(|w| !is_common_word(&w.to_lowercase()))
            .collect();
        assert!(missing.is_empty(), "missing: {missing:?}");
        assert!(!is_common_word("ellie"));
    }
}
