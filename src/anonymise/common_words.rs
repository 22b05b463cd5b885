//! Owns the built-in word lists: personal names that are also ordinary
//! English words ("Will", "May", "Grace", "Hall"), which are replaced only
//! where written with a capital letter and reported for review elsewhere;
//! the words that name a street ("Road", "Close"), after which a name with a
//! bare "s" is a street name ("Maes Road") and not a possessive; and the
//! words and abbreviations that a person's initials can spell ("AND",
//! "NHS"), which written solid are reported for review rather than replaced.
//! This file must not decide anything else: the lists are data, the rules
//! live in `names.rs` and `identities.rs`.

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

/// Folded street types, spelled out and abbreviated; sorted.
const STREET_WORDS: &[&str] = &[
    "ave", "avenue", "cl", "close", "court", "cres", "crescent", "ct", "dr", "drive", "gardens",
    "gdns", "gr", "grove", "lane", "ln", "mews", "parade", "pl", "place", "rd", "rise", "road",
    "row", "sq", "square", "st", "street", "tce", "terrace", "walk", "way",
];

/// Tells whether a folded word is a street type ("road", "cl").
pub(crate) fn is_street_word(folded: &str) -> bool {
    STREET_WORDS.binary_search(&folded).is_ok()
}

/// Folded words and abbreviations of two to five letters that are far more
/// often themselves than someone's initials; sorted.
const INITIALS_WORDS: &[&str] = &[
    "add", "adhd", "age", "all", "and", "any", "are", "asd", "bbc", "but", "cafcass", "camhs",
    "can", "cin", "cp", "cpp", "csc", "did", "dob", "dsl", "ehcp", "etc", "for", "gp", "had",
    "has", "her", "him", "his", "icpc", "its", "lac", "mash", "may", "new", "nhs", "not", "now",
    "old", "one", "our", "out", "plo", "rcpc", "see", "send", "she", "the", "two", "was", "way",
    "who", "why", "yes", "you",
];

/// Tells whether folded initials spell a common word or abbreviation.
pub(crate) fn is_initials_word(folded: &str) -> bool {
    INITIALS_WORDS.binary_search(&folded).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_unique_so_binary_search_works() {
        for pair in COMMON_WORD_NAMES
            .windows(2)
            .chain(STREET_WORDS.windows(2))
            .chain(INITIALS_WORDS.windows(2))
        {
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
        assert!(is_street_word("road") && is_street_word("cl") && !is_street_word("school"));
        assert!(is_initials_word("nhs") && !is_initials_word("emj"));
    }
}
