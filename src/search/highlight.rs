//! A query's words, analysed the way the index analyses text, and the highlighting of matches
//! in a text shown on a result: the same analysers decide what matched, so a highlighted word
//! is exactly a word the index matched on.

use super::analyzers::{self, Word};

/// One query word in its three analysed forms.
#[derive(Debug, Clone, Default)]
pub struct QueryWord {
    pub sv: String,
    pub en: String,
    pub fold: String,
}

#[derive(Debug, Clone, Default)]
pub struct Terms {
    words: Vec<QueryWord>,
}

/// A piece of a shown text: matched or not. Templates escape `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

/// Words at least this long match as prefixes wherever they stand in the query.
const MIN_PREFIX: usize = 4;

/// Texts longer than this are cut to a window around the first match.
const SNIPPET_CHARS: usize = 220;

impl Terms {
    pub fn of(text: &str, max_words: usize) -> Terms {
        let sv = analyzers::words(&mut analyzers::swedish(), text);
        let en = analyzers::words(&mut analyzers::english(), text);
        let fold = analyzers::words(&mut analyzers::folded(), text);
        // The three analysers split alike; zip defensively all the same.
        let words = sv
            .into_iter()
            .zip(en)
            .zip(fold)
            .take(max_words)
            .map(|((sv, en), fold)| QueryWord {
                sv: sv.term,
                en: en.term,
                fold: fold.term,
            })
            .collect();
        Terms { words }
    }

    pub fn words(&self) -> impl Iterator<Item = &QueryWord> {
        self.words.iter()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether query word `i` is also matched as a prefix: the last word (still being
    /// typed), and any word long enough to stand for the start of a compound or an inflected
    /// form (`vårdplats` → *vårdplatser*, `fraktur` → *frakturtyp*).
    pub fn is_prefix(&self, i: usize) -> bool {
        i + 1 == self.words.len()
            || self
                .words
                .get(i)
                .is_some_and(|w| w.fold.chars().count() >= MIN_PREFIX)
    }

    fn matches(&self, stemmed: &str, folded: &str, english: bool) -> bool {
        self.words.iter().enumerate().any(|(i, w)| {
            let s = if english { &w.en } else { &w.sv };
            stemmed == s
                || folded == w.fold
                || (self.is_prefix(i) && !w.fold.is_empty() && folded.starts_with(&w.fold))
        })
    }

    /// `text` cut into matched and unmatched pieces; long texts are cut to a window around the
    /// first match (or their start) with an ellipsis.
    pub fn highlight(&self, text: &str, english: bool) -> Vec<Segment> {
        let stemmed: Vec<Word> = if english {
            analyzers::words(&mut analyzers::english(), text)
        } else {
            analyzers::words(&mut analyzers::swedish(), text)
        };
        let folded = analyzers::words(&mut analyzers::folded(), text);
        let hits: Vec<(usize, usize)> = stemmed
            .iter()
            .zip(&folded)
            .filter(|(s, f)| self.matches(&s.term, &f.term, english))
            .map(|(s, _)| (s.from, s.to))
            .collect();
        let (from, to) = window(text, hits.first().map(|h| h.0));
        let mut out = Vec::new();
        if from > 0 {
            out.push(plain("…"));
        }
        let mut at = from;
        for (a, b) in hits.into_iter().filter(|(a, b)| *a >= from && *b <= to) {
            if a > at {
                out.push(plain(&text[at..a]));
            }
            out.push(Segment {
                text: text[a..b].to_owned(),
                hit: true,
            });
            at = b;
        }
        if at < to {
            out.push(plain(&text[at..to]));
        }
        if to < text.len() {
            out.push(plain("…"));
        }
        out
    }
}

fn plain(s: &str) -> Segment {
    Segment {
        text: s.to_owned(),
        hit: false,
    }
}

/// Byte range of the shown window: the whole text when short, else about `SNIPPET_CHARS`
/// characters starting a little before the first match, on character boundaries.
fn window(text: &str, first_hit: Option<usize>) -> (usize, usize) {
    if text.chars().count() <= SNIPPET_CHARS {
        return (0, text.len());
    }
    let hit = first_hit.unwrap_or(0);
    let lead = 60;
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let hit_char = starts.partition_point(|&i| i < hit);
    let from_char = hit_char.saturating_sub(lead);
    let to_char = (from_char + SNIPPET_CHARS).min(starts.len());
    let from = starts.get(from_char).copied().unwrap_or(0);
    let to = starts.get(to_char).copied().unwrap_or(text.len());
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(segs: &[Segment]) -> Vec<&str> {
        segs.iter()
            .filter(|s| s.hit)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn highlights_stemmed_folded_and_prefix_matches() {
        let t = Terms::of("vardplats vänte", 12);
        let segs = t.highlight("Antal disponibla vårdplatser och väntetider.", false);
        assert_eq!(marked(&segs), ["vårdplatser", "väntetider"]);
        let whole: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(whole, "Antal disponibla vårdplatser och väntetider.");
    }

    #[test]
    fn long_texts_are_cut_around_the_first_match() {
        let text = format!("{} höftfraktur {}", "å".repeat(400), "ö".repeat(400));
        let segs = Terms::of("höftfraktur", 12).highlight(&text, false);
        assert_eq!(segs.first().map(|s| s.text.as_str()), Some("…"));
        assert_eq!(segs.last().map(|s| s.text.as_str()), Some("…"));
        assert_eq!(marked(&segs), ["höftfraktur"]);
    }
}
