//! Whether two person records are probably the same person. The same nurse
//! is registered on two laptops as "Mahamat Abakar Zénaba" and "MAHAMMAT
//! Abbakar Zenaba": names are compared without case, accents, order, and
//! with the common variants of Latin transliterations of Arabic names folded.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub fn strip_accents(text: &str) -> String {
    text.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// One name word folded so that its usual spelling variants meet.
fn fold_word(word: &str) -> String {
    let mut w = strip_accents(word).to_lowercase();
    w.retain(|c| c.is_alphanumeric());
    // Order matters: digraphs first, then doubled letters.
    for (from, to) in [("ou", "u"), ("ph", "f"), ("dj", "j"), ("y", "i"), ("ck", "k"), ("q", "k"), ("ae", "a")] {
        w = w.replace(from, to);
    }
    let mut out = String::with_capacity(w.len());
    let mut previous = None;
    for c in w.chars() {
        if previous != Some(c) {
            out.push(c);
        }
        previous = Some(c);
    }
    // A trailing "e" or "h" is often dropped or added (Aminata/Aminatah).
    while out.len() > 3 && (out.ends_with('h') || out.ends_with('e')) {
        out.pop();
    }
    out
}

/// The key under which probable duplicates meet: the folded words of the
/// whole name, sorted (family and given names are often swapped).
pub fn match_key(family_name: &str, given_names: &str) -> String {
    let mut words: Vec<String> = family_name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '\'')
        .chain(given_names.split(|c: char| c.is_whitespace() || c == '-' || c == '\''))
        .map(fold_word)
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.join(" ")
}

/// Digits of a phone number without the country code, so "+235 66 12 34 56"
/// and "66123456" meet.
pub fn phone_key(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 8 {
        return None;
    }
    Some(digits[digits.len() - 8..].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliteration_variants_meet() {
        assert_eq!(match_key("Mahamat", "Abakar"), match_key("MAHAMMAT", "Abbakar"));
        assert_eq!(match_key("Zénaba", "Hissein"), match_key("zenaba", "hissein"));
        assert_eq!(match_key("Oumar", "Moussa"), match_key("Moussa", "Umar"));
        assert_ne!(match_key("Mahamat", "Abakar"), match_key("Mahamat", "Ali"));
    }

    #[test]
    fn phone_numbers_meet_with_or_without_country_code() {
        assert_eq!(phone_key("+235 66 12 34 56"), phone_key("66123456"));
        assert_eq!(phone_key("12"), None);
    }
}
