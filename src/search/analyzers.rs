//! How text becomes search terms. Three analyzers, all splitting on the same boundaries so a
//! query's words line up across them:
//! - `sv`: lower case, Swedish Snowball stemming, then diacritics folded (`väntetider` and
//!   `vantetid` both give `vantetid`);
//! - `en`: the same with the English stemmer, for the English texts;
//! - `fold`: lower case and folded, not stemmed: whole words for prefix (as-you-type) matching.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, TokenStream,
};

pub const SV: &str = "varcat_sv";
pub const EN: &str = "varcat_en";
pub const FOLD: &str = "varcat_fold";

/// Words longer than this (in bytes) are not indexed: they are not words.
const LONGEST_WORD: usize = 60;

pub fn swedish() -> TextAnalyzer {
    stemmed(Language::Swedish)
}

pub fn english() -> TextAnalyzer {
    stemmed(Language::English)
}

fn stemmed(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(Stemmer::new(language))
        .filter(AsciiFoldingFilter)
        .build()
}

pub fn folded() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

pub fn register(index: &tantivy::Index) {
    let m = index.tokenizers();
    m.register(SV, swedish());
    m.register(EN, english());
    m.register(FOLD, folded());
}

/// One analysed word: its term and where it stands in the original text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub term: String,
    pub from: usize,
    pub to: usize,
}

pub fn words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push(Word {
            term: t.text.clone(),
            from: t.offset_from,
            to: t.offset_to,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(mut a: TextAnalyzer, text: &str) -> Vec<String> {
        words(&mut a, text).into_iter().map(|w| w.term).collect()
    }

    #[test]
    fn swedish_stems_plurals_and_folds_diacritics() {
        assert_eq!(terms(swedish(), "väntetider"), terms(swedish(), "väntetid"));
        assert_eq!(
            terms(swedish(), "vårdplatser"),
            terms(swedish(), "vardplatser")
        );
        assert_eq!(
            terms(swedish(), "Överbeläggningar"),
            terms(swedish(), "overbelaggning")
        );
    }

    #[test]
    fn folded_keeps_whole_words_for_prefixes() {
        assert_eq!(
            terms(folded(), "Vårdplatstyp S72.0"),
            ["vardplatstyp", "s72", "0"]
        );
    }
}
