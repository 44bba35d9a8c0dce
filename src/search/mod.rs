//! Full-text search over the catalogue (tantivy): variables, codebooks, codes, use cases, data
//! collections, problem areas and organisations, with Swedish stemming, diacritic folding,
//! prefix matching (the last word as you type, and words of four letters or more), facets and highlighted snippets.
//!
//! The index is built from a [`Catalog`] snapshot — the server builds it when it starts and
//! again whenever a write commits — so it never disagrees with the store. Queries are built
//! from analysed words, never from a query language, so no input can change their shape.
//! Hits carry only a reference; texts and highlights come from the same catalogue snapshot.

mod analyzers;
mod documents;
mod highlight;
mod index;
mod similar;

use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query as TantivyQuery, TermQuery,
};
use tantivy::schema::{
    FAST, FacetOptions, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::{DocId, Score, SegmentReader};
use tantivy::{TantivyDocument, Term};

use crate::domain::Lang;

pub use documents::{Dimension, DocRef, Kind};
pub use highlight::{Segment, Terms};
pub use index::{SearchIndex, Touched};
pub use similar::Similar;

/// Limits on what one query may ask for.
pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_QUERY_WORDS: usize = 12;
pub const MAX_LIMIT: usize = 100;
pub const MAX_OFFSET: usize = 10_000;

/// How much a match counts, by kind: variables first; codes, the most numerous, last.
const KIND_WEIGHT: [(Kind, f32); 7] = [
    (Kind::Variable, 2.0),
    (Kind::UseCase, 1.6),
    (Kind::Codebook, 1.4),
    (Kind::Collection, 1.3),
    (Kind::ProblemArea, 1.2),
    (Kind::Organisation, 1.0),
    (Kind::Code, 0.6),
];

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index directory: {0}")]
    Dir(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("search index directory: {0}")]
    Io(#[from] std::io::Error),
    #[error("reading the codes to index: {0}")]
    Codes(String),
}

#[derive(Clone, Copy)]
struct Fields {
    key: Field,
    /// The key of the item a document belongs to (a code's codebook): what an update removes by.
    owner: Field,
    title_sv: Field,
    title_en: Field,
    body_sv: Field,
    body_en: Field,
    words: Field,
    facets: Field,
    /// The kind's weight in thousandths (a fast field: scores are scaled by it).
    weight: Field,
    /// A code's label and definition as shown in a hit: the server keeps no codes in memory.
    shown: [Field; 4],
}

fn text(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let f = Fields {
        key: b.add_text_field("key", STRING | STORED),
        owner: b.add_text_field("owner", STRING),
        title_sv: b.add_text_field("title_sv", text(analyzers::SV)),
        title_en: b.add_text_field("title_en", text(analyzers::EN)),
        body_sv: b.add_text_field("body_sv", text(analyzers::SV)),
        body_en: b.add_text_field("body_en", text(analyzers::EN)),
        words: b.add_text_field("words", text(analyzers::FOLD)),
        facets: b.add_facet_field("facets", FacetOptions::default()),
        weight: b.add_u64_field("weight", FAST),
        shown: [
            b.add_text_field("label_sv", STORED),
            b.add_text_field("label_en", STORED),
            b.add_text_field("definition_sv", STORED),
            b.add_text_field("definition_en", STORED),
        ],
    };
    (b.build(), f)
}

fn facet(d: Dimension, value: &str) -> tantivy::schema::Facet {
    tantivy::schema::Facet::from_path([d.as_str(), value])
}

/// A search: free text, facet filters, and a page of results.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub text: String,
    pub filters: Vec<(Dimension, String)>,
    pub offset: usize,
    pub limit: usize,
    /// Whether drafts may be found (signed-in editors, asking with a status filter).
    pub include_drafts: bool,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub doc: DocRef,
    pub score: f32,
    /// For a code: its label and definition, as indexed.
    pub code: Option<CodeTexts>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeTexts {
    pub label: Lang,
    pub definition: Lang,
}

fn weight_of(kind: Kind) -> u64 {
    let w = KIND_WEIGHT
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(1.0, |(_, w)| *w);
    (w * 1000.0) as u64
}

#[derive(Debug, Clone)]
pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// For each dimension, the values among the matches with their counts, most first.
    pub facets: Vec<(Dimension, Vec<(String, u64)>)>,
    /// The query's words, for highlighting.
    pub terms: Terms,
}

impl SearchIndex {
    /// Runs a query. Retired and draft items are left out unless the query filters on status.
    pub fn search(&self, q: &Query) -> Result<Results, SearchError> {
        let text: String = q.text.chars().take(MAX_QUERY_CHARS).collect();
        let terms = Terms::of(&text, MAX_QUERY_WORDS);
        let f = self.fields();
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for (i, w) in terms.words().enumerate() {
            let term = |field: Field, t: &str| Term::from_field_text(field, t);
            let tq = |field: Field, t: &str, boost: f32| -> (Occur, Box<dyn TantivyQuery>) {
                let q = TermQuery::new(term(field, t), IndexRecordOption::WithFreqs);
                (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)))
            };
            let mut any = vec![
                tq(f.title_sv, &w.sv, 3.0),
                tq(f.title_en, &w.en, 2.0),
                tq(f.body_sv, &w.sv, 1.0),
                tq(f.body_en, &w.en, 0.8),
                tq(f.words, &w.fold, 1.5),
            ];
            if terms.is_prefix(i) && !w.fold.is_empty() {
                let prefix = FuzzyTermQuery::new_prefix(term(f.words, &w.fold), 0, false);
                any.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(prefix), 0.5)),
                ));
            }
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        let text: Box<dyn TantivyQuery> = if clauses.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(clauses))
        };
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = vec![(Occur::Must, text)];
        for (dim, value) in &q.filters {
            let t = Term::from_facet(f.facets, &facet(*dim, value));
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(t, IndexRecordOption::Basic)),
            ));
        }
        // Retired items are never offered for reuse: only when asked for by status. Drafts are
        // not public: only for editors, and also only when asked for.
        let by_status = q.filters.iter().any(|(d, _)| *d == Dimension::Status);
        let mut hidden = Vec::new();
        if !by_status {
            hidden.push(crate::domain::Status::Retired);
        }
        if !(by_status && q.include_drafts) {
            hidden.push(crate::domain::Status::Draft);
        }
        for status in hidden {
            let t = Term::from_facet(f.facets, &facet(Dimension::Status, status.as_str()));
            clauses.push((
                Occur::MustNot,
                Box::new(TermQuery::new(t, IndexRecordOption::Basic)),
            ));
        }
        let query = BooleanQuery::new(clauses);

        let mut facets = FacetCollector::for_field("facets");
        for d in Dimension::ALL {
            facets.add_facet(tantivy::schema::Facet::from_path([d.as_str()]));
        }
        let limit = q.limit.clamp(1, MAX_LIMIT);
        let offset = q.offset.min(MAX_OFFSET);
        // Each document has one kind; scaling its score by the kind's weight puts the things
        // people look up most first (a variable before a code that matches as well). The one
        // added first makes the kind count for more when the match itself is weak, as with a
        // variable whose definition mentions the word a code is named after.
        let weight = f.weight;
        let top = TopDocs::with_limit(limit).and_offset(offset).tweak_score(
            move |segment: &SegmentReader| {
                let column = segment
                    .fast_fields()
                    .u64(segment.schema().get_field_name(weight))
                    .ok()
                    .map(|c| c.first_or_default_col(1000));
                move |doc: DocId, score: Score| {
                    let w = column.as_ref().map_or(1000, |c| c.get_val(doc));
                    (score + 1.0) * w as Score / 1000.0
                }
            },
        );
        let searcher = &self.searcher;
        let (top, total, counts) = searcher.search(&query, &(top, Count, facets))?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let Some(key) = doc.get_first(f.key).and_then(|v| v.as_str()) else {
                continue;
            };
            let Some(doc_ref) = DocRef::from_key(key) else {
                continue;
            };
            let code = matches!(doc_ref, DocRef::Code { .. }).then(|| {
                let text = |field: Field| {
                    doc.get_first(field)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_owned()
                };
                CodeTexts {
                    label: Lang::new(text(f.shown[0]), text(f.shown[1])),
                    definition: Lang::new(text(f.shown[2]), text(f.shown[3])),
                }
            });
            hits.push(Hit {
                doc: doc_ref,
                score,
                code,
            });
        }
        let facets = Dimension::ALL
            .into_iter()
            .map(|d| {
                let root = tantivy::schema::Facet::from_path([d.as_str()]);
                let mut values: Vec<(String, u64)> = counts
                    .get(root)
                    .filter_map(|(facet, n)| facet.to_path().get(1).map(|v| ((*v).to_owned(), n)))
                    .collect();
                values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                (d, values)
            })
            .collect();
        Ok(Results {
            total,
            hits,
            facets,
            terms,
        })
    }

    /// How many documents the index holds.
    pub fn len(&self) -> u64 {
        self.searcher.num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Catalog, Code, Codebook, Id, Lang, Status, Variable};

    fn catalog() -> Catalog {
        let mut cat = Catalog::default();
        let v = Id::parse("vardplatstyp").expect("id");
        cat.variables.insert(
            v.clone(),
            Variable::new(
                v,
                Lang::new("Vårdplatstyp", "Type of bed"),
                Lang::new("Typ av vårdplats enligt termbanken.", ""),
            ),
        );
        let b = Id::parse("vardplatser").expect("id");
        cat.codebooks.insert(
            b.clone(),
            Codebook {
                id: b,
                title: Lang::new("Vårdplatstyper", ""),
                description: Lang::default(),
                version: String::new(),
                source: String::new(),
                publisher: None,
                subset_of: None,
                subset_of_version: String::new(),
                selection: String::new(),
                status: Status::Standard,
                codes: vec![Code {
                    notation: "VP".into(),
                    label: Lang::new("Vårdplats", "Bed"),
                    definition: Lang::new("Vårdplats på vårdenhet.", ""),
                    broader: None,
                    mappings: Vec::new(),
                }],
                registrations: Vec::new(),
            },
        );
        cat
    }

    #[test]
    fn variables_come_before_codes_that_match_as_well() {
        let index = SearchIndex::build(&catalog()).expect("index");
        let r = index
            .search(&Query {
                text: "vårdplats".into(),
                limit: 10,
                ..Query::default()
            })
            .expect("search");
        let kinds: Vec<Kind> = r.hits.iter().map(|h| h.doc.kind()).collect();
        assert_eq!(kinds.first(), Some(&Kind::Variable), "{:?}", r.hits);
        assert_eq!(r.total, 3);
    }
}
