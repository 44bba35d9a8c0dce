//! The search index's life: built whole from a catalogue (the first start), opened again at a
//! later start when it was built at the store's revision, and updated in place by each write
//! for the items the write touched. Each [`SearchIndex`] value answers from one fixed state of
//! the index (a tantivy searcher), so a snapshot of the catalogue and its index never disagree,
//! while later writes make later values.

use std::path::Path;
use std::sync::{Arc, Mutex};

use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::domain::{Catalog, Code, Codebook, ItemKey};

use super::documents::{self, DocRef, Kind};
use super::{Fields, SearchError, analyzers, facet, schema, weight_of};

/// Memory the indexer may use before it writes a segment. Measured at national scale: 20 MB
/// saved 11 MB of RSS but left many segments and tripled the search p95.
const INDEXING_MEMORY: usize = 64_000_000;
/// An update writes a handful of documents: the smallest budget tantivy allows.
const UPDATE_MEMORY: usize = 15_000_000;

pub struct SearchIndex {
    shared: Arc<Shared>,
    pub(super) searcher: Searcher,
}

struct Shared {
    index: Index,
    reader: IndexReader,
    /// Held while an update writes, so two updates never interleave.
    writing: Mutex<()>,
    fields: Fields,
}

/// What a write changed, for the index: the items to index again (removed when the catalogue
/// no longer holds them) and, for each touched codebook the catalogue still holds, its codes.
#[derive(Default)]
pub struct Touched<'a> {
    pub items: Vec<ItemKey>,
    pub codes: Vec<(&'a Codebook, Vec<Code>)>,
}

impl SearchIndex {
    /// Indexes every document of `cat`, codes included, in memory.
    pub fn build(cat: &Catalog) -> Result<Self, SearchError> {
        Self::build_with(cat, |b| Ok(b.codes.clone()), None, 0)
    }

    /// Indexes every document of `cat`, reading each codebook's codes with `codes_of`, one
    /// codebook at a time, so that they need not all be in memory at once. In `dir` (emptied
    /// first) the index's pages are file-backed rather than held by the process, and the index
    /// records `revision`, the store revision it was built from, for [`SearchIndex::open_at`].
    pub fn build_with(
        cat: &Catalog,
        mut codes_of: impl FnMut(&Codebook) -> Result<Vec<Code>, String>,
        dir: Option<&Path>,
        revision: u64,
    ) -> Result<Self, SearchError> {
        let (schema, fields) = schema();
        let index = match dir {
            None => Index::create_in_ram(schema),
            Some(dir) => {
                if dir.exists() {
                    std::fs::remove_dir_all(dir)?;
                }
                std::fs::create_dir_all(dir)?;
                Index::create_in_dir(dir, schema)?
            }
        };
        analyzers::register(&index);
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, INDEXING_MEMORY)?;
        for d in documents::documents(cat) {
            add(&writer, fields, d)?;
        }
        for book in cat.codebooks.values() {
            let codes = codes_of(book).map_err(SearchError::Codes)?;
            for d in documents::code_documents(book, codes) {
                add(&writer, fields, d)?;
            }
        }
        commit(&mut writer, revision)?;
        // One segment: every query then walks one term dictionary and one facet column.
        let segments = index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
        }
        writer.wait_merging_threads()?;
        Self::from_index(index, fields)
    }

    /// The index kept in `dir`, when it was built (or last updated) at store revision
    /// `revision` with this version's schema; `None` when it is missing, stale or unreadable,
    /// and must be built again.
    pub fn open_at(dir: &Path, revision: u64) -> Result<Option<Self>, SearchError> {
        if !dir.join("meta.json").is_file() {
            return Ok(None);
        }
        let Ok(index) = Index::open_in_dir(dir) else {
            return Ok(None);
        };
        let (schema, fields) = schema();
        let same_schema =
            serde_json::to_string(&schema).ok() == serde_json::to_string(&index.schema()).ok();
        let built_at = index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| revision_of(&p));
        if !same_schema || built_at != Some(revision) {
            return Ok(None);
        }
        analyzers::register(&index);
        Self::from_index(index, fields).map(Some)
    }

    fn from_index(index: Index, fields: Fields) -> Result<Self, SearchError> {
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        Ok(Self {
            shared: Arc::new(Shared {
                index,
                reader,
                writing: Mutex::new(()),
                fields,
            }),
            searcher,
        })
    }

    /// The index after a write: the documents of `touched` removed and made again from `cat`
    /// (which holds the catalogue after the write), recorded at `revision`. This value keeps
    /// answering from the state before.
    pub fn update(
        &self,
        cat: &Catalog,
        touched: &Touched<'_>,
        revision: u64,
    ) -> Result<Self, SearchError> {
        let shared = &self.shared;
        let _one_at_a_time = shared
            .writing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let f = shared.fields;
        let mut writer = shared
            .index
            .writer_with_num_threads::<TantivyDocument>(1, UPDATE_MEMORY)?;
        for key in &touched.items {
            let owner = DocRef::Item(key.clone()).key();
            writer.delete_term(Term::from_field_text(f.owner, &owner));
        }
        for d in documents::documents_for(cat, &touched.items) {
            add(&writer, f, d)?;
        }
        for (book, codes) in &touched.codes {
            for d in documents::code_documents(book, codes.clone()) {
                add(&writer, f, d)?;
            }
        }
        commit(&mut writer, revision)?;
        writer.wait_merging_threads()?;
        shared.reader.reload()?;
        Ok(Self {
            shared: shared.clone(),
            searcher: shared.reader.searcher(),
        })
    }

    /// The store revision this index was built or last updated at.
    pub fn revision(&self) -> Option<u64> {
        self.shared
            .index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| revision_of(&p))
    }

    pub(super) fn fields(&self) -> Fields {
        self.shared.fields
    }
}

/// What the documents hold (`documents`): a kept index made by a version whose documents
/// held less is built again. 2: a collection's keywords.
const DOCUMENTS: &str = "2";

/// The store revision of a kept index's payload (`{revision}@{DOCUMENTS}`), when its
/// documents are this version's.
fn revision_of(payload: &str) -> Option<u64> {
    let (revision, documents) = payload.split_once('@')?;
    (documents == DOCUMENTS).then(|| revision.parse().ok())?
}

fn commit(writer: &mut IndexWriter, revision: u64) -> Result<(), SearchError> {
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&format!("{revision}@{DOCUMENTS}"));
    prepared.commit()?;
    Ok(())
}

/// Adds one document to the index.
fn add(writer: &IndexWriter, f: Fields, d: documents::Doc) -> Result<(), SearchError> {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.key, d.doc.key());
    doc.add_text(f.owner, d.doc.owner_key());
    doc.add_text(f.title_sv, &d.title.sv);
    doc.add_text(f.title_en, &d.title.en);
    doc.add_text(f.body_sv, &d.body.sv);
    doc.add_text(f.body_en, &d.body.en);
    for t in [&d.title.sv, &d.title.en, &d.body.sv, &d.body.en, &d.extra] {
        doc.add_text(f.words, t);
    }
    for (dim, v) in &d.facets {
        doc.add_facet(f.facets, facet(*dim, v));
    }
    let kind = d.doc.kind();
    doc.add_u64(f.weight, weight_of(kind));
    if kind == Kind::Code {
        for (field, t) in f
            .shown
            .iter()
            .zip([&d.title.sv, &d.title.en, &d.body.sv, &d.body.en])
        {
            doc.add_text(*field, t);
        }
    }
    writer.add_document(doc)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Id, Lang, Variable};
    use crate::search::Query;

    fn variable(id: &str, name: &str) -> Variable {
        Variable::new(
            Id::parse(id).expect("id"),
            Lang::new(name, ""),
            Lang::new("Definition.", ""),
        )
    }

    fn keys(index: &SearchIndex, text: &str) -> Vec<String> {
        let r = index
            .search(&Query {
                text: text.into(),
                limit: 10,
                ..Query::default()
            })
            .expect("search");
        r.hits.iter().map(|h| h.doc.key()).collect()
    }

    #[test]
    fn an_update_replaces_the_touched_documents_and_leaves_the_old_state_answering() {
        let mut cat = Catalog::default();
        for (id, name) in [("a", "Vårdtid"), ("b", "Väntetid")] {
            let v = variable(id, name);
            cat.variables.insert(v.id.clone(), v);
        }
        let before = SearchIndex::build(&cat).expect("index");
        assert_eq!(keys(&before, "vårdtid"), ["variabel/a"]);

        let a = Id::parse("a").expect("id");
        cat.variables.remove(&a);
        let c = variable("c", "Vårdtid");
        cat.variables.insert(c.id.clone(), c);
        let touched = Touched {
            items: ["a", "c"]
                .into_iter()
                .map(|id| ItemKey {
                    kind: crate::domain::ItemKind::Variable,
                    id: id.into(),
                })
                .collect(),
            codes: Vec::new(),
        };
        let after = before.update(&cat, &touched, 7).expect("update");
        assert_eq!(keys(&after, "vårdtid"), ["variabel/c"]);
        assert_eq!(keys(&after, "väntetid"), ["variabel/b"], "untouched stays");
        assert_eq!(after.revision(), Some(7));
        // The earlier value still answers from the state it was made at.
        assert_eq!(keys(&before, "vårdtid"), ["variabel/a"]);
    }

    #[test]
    fn a_kept_index_is_opened_only_at_the_revision_it_was_built_at() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut cat = Catalog::default();
        let v = variable("a", "Vårdtid");
        cat.variables.insert(v.id.clone(), v);
        let built =
            SearchIndex::build_with(&cat, |_| Ok(Vec::new()), Some(dir.path()), 3).expect("build");
        drop(built);
        assert!(SearchIndex::open_at(dir.path(), 4).expect("open").is_none());
        let kept = SearchIndex::open_at(dir.path(), 3)
            .expect("open")
            .expect("kept index");
        assert_eq!(keys(&kept, "vårdtid"), ["variabel/a"]);
    }
}
