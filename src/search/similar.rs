//! Which variables read like a given one: a more-like-this query (tantivy's
//! `MoreLikeThisQuery`) built from a variable's name and definition, in Swedish and English,
//! against the other variables' documents — the index's own BM25 similarity, with its
//! analyzers (stemming, folding), not a string metric of our own. Used by the harmonisation
//! candidates (`crate::candidates`).

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query as TantivyQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue, Value};
use tantivy::{TantivyDocument, Term};

use crate::domain::{Id, ItemKind, Lang, Status};

use super::documents::{DocRef, Kind};
use super::{Dimension, SearchError, SearchIndex, analyzers, facet};

/// The most terms one query is made of.
const MAX_QUERY_TERMS: usize = 25;

/// Words that say nothing about what a variable holds (Snowball's commonest Swedish and
/// English function words), left out of the query.
const STOP_WORDS: &[&str] = &[
    "och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har",
    "de", "inte", "om", "ett", "men", "eller", "vid", "där", "från", "efter", "under", "samt",
    "enligt", "kan", "ska", "the", "of", "and", "a", "an", "in", "to", "for", "or", "on", "by",
    "at", "is", "as", "with", "from", "which", "that", "be", "are",
];

/// Markers of the seed's illustrative texts: every definition carries one, so they would make
/// every pair look alike.
const MARKERS: &[&str] = &["(Illustrativ definition.)", "(Illustrative definition.)"];

fn unmarked(text: &str) -> String {
    MARKERS
        .iter()
        .fold(text.to_owned(), |t, m| t.replace(m, " "))
}

/// The analysed forms of the stop words, as the query's terms are compared with them.
fn stop_terms() -> Vec<String> {
    let mut out = Vec::new();
    for mut a in [
        analyzers::swedish(),
        analyzers::english(),
        analyzers::folded(),
    ] {
        for w in STOP_WORDS {
            out.extend(analyzers::words(&mut a, w).into_iter().map(|w| w.term));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A variable like the one asked about, with the query's score for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Similar {
    pub id: Id,
    pub score: f32,
}

impl SearchIndex {
    /// The `limit` variables whose documents are most like `name` and `definition` (the
    /// variable asked about is among them when it is indexed, usually first), best first.
    /// Retired variables are left out, and drafts unless `include_drafts`.
    pub fn similar_variables(
        &self,
        name: &Lang,
        definition: &Lang,
        limit: usize,
        include_drafts: bool,
    ) -> Result<Vec<Similar>, SearchError> {
        let f = self.fields();
        let text = |s: &str| vec![OwnedValue::Str(unmarked(s))];
        let fields = vec![
            (f.title_sv, text(&name.sv)),
            (f.title_en, text(&name.en)),
            (f.body_sv, text(&definition.sv)),
            (f.body_en, text(&definition.en)),
        ];
        let docs = self.searcher.num_docs();
        let like = MoreLikeThisQuery::builder()
            // A word only the variable itself has links it to nothing.
            .with_min_doc_frequency(2)
            // A word in a tenth of the catalogue says little about any one variable.
            .with_max_doc_frequency((docs / 10).max(5))
            .with_min_term_frequency(1)
            .with_min_word_length(2)
            .with_max_query_terms(MAX_QUERY_TERMS)
            .with_boost_factor(1.0)
            .with_stop_words(stop_terms())
            .with_document_fields(fields);
        let term = |d: Dimension, v: &str| -> Box<dyn TantivyQuery> {
            Box::new(TermQuery::new(
                Term::from_facet(f.facets, &facet(d, v)),
                IndexRecordOption::Basic,
            ))
        };
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = vec![
            (Occur::Must, Box::new(like)),
            (Occur::Must, term(Dimension::Kind, Kind::Variable.as_str())),
            (
                Occur::MustNot,
                term(Dimension::Status, Status::Retired.as_str()),
            ),
        ];
        if !include_drafts {
            clauses.push((
                Occur::MustNot,
                term(Dimension::Status, Status::Draft.as_str()),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let top = self
            .searcher
            .search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let mut out = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = self.searcher.doc(addr)?;
            let key = doc.get_first(f.key).and_then(|v| v.as_str());
            if let Some(DocRef::Item(k)) = key.and_then(DocRef::from_key)
                && k.kind == ItemKind::Variable
                && let Ok(id) = Id::parse(&k.id)
            {
                out.push(Similar { id, score });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Catalog, Variable};

    fn variable(id: &str, name: &str, definition: &str) -> Variable {
        Variable::new(
            Id::parse(id).expect("id"),
            Lang::new(name, ""),
            Lang::new(definition, ""),
        )
    }

    #[test]
    fn a_variable_is_most_like_the_one_that_says_the_same() {
        let mut cat = Catalog::default();
        for v in [
            variable(
                "atgardsdatum",
                "Datum för genomförd åtgärd",
                "Datum då operationen som patienten väntat på genomfördes. (Illustrativ definition.)",
            ),
            variable(
                "operationsdatum",
                "Operationsdatum",
                "Datum då patienten opererades. (Illustrativ definition.)",
            ),
            variable(
                "kostnad",
                "Kostnad per vårdkontakt",
                "Beräknad kostnad för en vårdkontakt. (Illustrativ definition.)",
            ),
            variable(
                "vardtid",
                "Vårdtid",
                "Antal dagar mellan inskrivning och utskrivning. (Illustrativ definition.)",
            ),
        ] {
            cat.variables.insert(v.id.clone(), v);
        }
        let index = SearchIndex::build(&cat).expect("index");
        let v = &cat.variables[&Id::parse("operationsdatum").expect("id")];
        let hits = index
            .similar_variables(&v.name, &v.definition, 10, false)
            .expect("similar");
        let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids.first(),
            Some(&"operationsdatum"),
            "itself first: {hits:?}"
        );
        assert_eq!(ids.get(1), Some(&"atgardsdatum"), "{hits:?}");
        assert!(!ids.contains(&"kostnad"), "nothing in common: {hits:?}");
    }
}
