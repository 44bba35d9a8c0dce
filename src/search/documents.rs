//! What is searchable: one document per variable, codebook, code, use case, data collection,
//! problem area and organisation, with the facets a result list is narrowed by.

use std::collections::BTreeMap;

use crate::domain::{Catalog, Code, Codebook, Id, ItemKey, ItemKind, Lang, Status};

/// The kind of a search result. Codes are searchable on their own, unlike in the store's
/// item model where they live inside their codebook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Variable,
    Codebook,
    Code,
    UseCase,
    Collection,
    ProblemArea,
    Organisation,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Variable,
        Kind::Codebook,
        Kind::Code,
        Kind::UseCase,
        Kind::Collection,
        Kind::ProblemArea,
        Kind::Organisation,
    ];

    /// The facet value and URL parameter value.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Variable => "variabel",
            Kind::Codebook => "kodverk",
            Kind::Code => "kod",
            Kind::UseCase => "anvandningsfall",
            Kind::Collection => "datainsamling",
            Kind::ProblemArea => "problemomrade",
            Kind::Organisation => "organisation",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    fn of(kind: ItemKind) -> Kind {
        match kind {
            ItemKind::Variable => Kind::Variable,
            ItemKind::Codebook => Kind::Codebook,
            ItemKind::UseCase => Kind::UseCase,
            ItemKind::Collection => Kind::Collection,
            ItemKind::ProblemArea => Kind::ProblemArea,
            ItemKind::Organisation => Kind::Organisation,
        }
    }
}

/// The dimensions results can be narrowed by; `as_str` is also the URL parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dimension {
    Kind,
    Status,
    Owner,
    Collection,
    UseCase,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Dimension::Kind,
        Dimension::Status,
        Dimension::Owner,
        Dimension::Collection,
        Dimension::UseCase,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Kind => "typ",
            Dimension::Status => "status",
            Dimension::Owner => "agare",
            Dimension::Collection => "datainsamling",
            Dimension::UseCase => "anvandningsfall",
        }
    }

    pub fn parse(s: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// What a hit points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocRef {
    Item(ItemKey),
    Code { codebook: Id, notation: String },
}

impl DocRef {
    pub fn kind(&self) -> Kind {
        match self {
            DocRef::Item(k) => Kind::of(k.kind),
            DocRef::Code { .. } => Kind::Code,
        }
    }

    /// The stored key: the item's path under the base IRI (`variabel/vantetid`), or
    /// `kod/{codebook}/{notation}` for a code.
    pub fn key(&self) -> String {
        match self {
            DocRef::Item(k) => format!("{}/{}", k.kind.path_segment(), k.id),
            DocRef::Code { codebook, notation } => format!("kod/{codebook}/{notation}"),
        }
    }

    pub fn from_key(key: &str) -> Option<DocRef> {
        let (head, rest) = key.split_once('/')?;
        if head == "kod" {
            let (cb, notation) = rest.split_once('/')?;
            return Some(DocRef::Code {
                codebook: Id::parse(cb).ok()?,
                notation: notation.to_owned(),
            });
        }
        let kind = ItemKind::ALL
            .into_iter()
            .find(|k| k.path_segment() == head)?;
        Some(DocRef::Item(ItemKey {
            kind,
            id: rest.to_owned(),
        }))
    }

    /// The key of the item a document belongs to: its own for an item, its codebook's for a
    /// code. An item's documents are removed together by it.
    pub fn owner_key(&self) -> String {
        match self {
            DocRef::Item(_) => self.key(),
            DocRef::Code { codebook, .. } => item(ItemKind::Codebook, codebook).key(),
        }
    }
}

/// One searchable document, before it goes into the index.
pub struct Doc {
    pub doc: DocRef,
    pub title: Lang,
    pub body: Lang,
    /// Words matched as they are (short names, notations), in no language.
    pub extra: String,
    pub facets: Vec<(Dimension, String)>,
}

fn status_facet(s: Status) -> (Dimension, String) {
    (Dimension::Status, s.as_str().to_owned())
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
}

fn item(kind: ItemKind, id: impl std::fmt::Display) -> DocRef {
    DocRef::Item(ItemKey {
        kind,
        id: id.to_string(),
    })
}

/// Which use cases bind each variable (a variable's document has them as facets).
fn bindings(cat: &Catalog) -> BTreeMap<&Id, Vec<&Id>> {
    let mut bound: BTreeMap<&Id, Vec<&Id>> = BTreeMap::new();
    for u in cat.use_cases.values() {
        for b in &u.bindings {
            bound.entry(&b.variable).or_default().push(&u.id);
        }
    }
    bound
}

/// Every document of the catalogue but the codes, which [`code_documents`] gives per codebook
/// (at national scale they are most of the catalogue, and the server does not keep them).
pub fn documents(cat: &Catalog) -> impl Iterator<Item = Doc> + '_ {
    let bound = bindings(cat);
    cat.variables
        .values()
        .map(move |v| variable_doc(v, &bound))
        .chain(cat.codebooks.values().map(codebook_doc))
        .chain(cat.use_cases.values().map(use_case_doc))
        .chain(cat.collections.values().map(collection_doc))
        .chain(cat.problem_areas.values().map(problem_area_doc))
        .chain(cat.organisations.values().map(organisation_doc))
}

/// The documents of the items `keys` (codes aside) that `cat` holds; keys it does not hold
/// give none.
pub fn documents_for(cat: &Catalog, keys: &[ItemKey]) -> Vec<Doc> {
    let bound = bindings(cat);
    keys.iter()
        .filter_map(|k| {
            let id = || Id::parse(&k.id).ok();
            match k.kind {
                ItemKind::Variable => cat.variables.get(&id()?).map(|v| variable_doc(v, &bound)),
                ItemKind::Codebook => cat.codebooks.get(&id()?).map(codebook_doc),
                ItemKind::UseCase => cat.use_cases.get(&id()?).map(use_case_doc),
                ItemKind::Collection => cat.collections.get(&id()?).map(collection_doc),
                ItemKind::ProblemArea => cat.problem_areas.get(&id()?).map(problem_area_doc),
                ItemKind::Organisation => {
                    let o = crate::domain::OrgNr::parse(&k.id).ok()?;
                    cat.organisations.get(&o).map(organisation_doc)
                }
            }
        })
        .collect()
}

fn variable_doc(v: &crate::domain::Variable, bound: &BTreeMap<&Id, Vec<&Id>>) -> Doc {
    let mut facets = vec![
        (Dimension::Kind, Kind::Variable.as_str().to_owned()),
        status_facet(v.status),
    ];
    if let Some(o) = &v.owner {
        facets.push((Dimension::Owner, o.to_string()));
    }
    facets.extend(
        v.collections
            .iter()
            .map(|c| (Dimension::Collection, c.to_string())),
    );
    facets.extend(
        bound
            .get(&v.id)
            .into_iter()
            .flatten()
            .map(|u| (Dimension::UseCase, u.to_string())),
    );
    Doc {
        doc: item(ItemKind::Variable, &v.id),
        title: v.name.clone(),
        body: Lang::new(
            join(&[
                &v.definition.sv,
                &v.note.sv,
                &v.in_out_note,
                &v.transformation,
                &v.aggregation,
            ]),
            join(&[&v.definition.en, &v.note.en]),
        ),
        extra: join(&[&v.short_name, v.id.as_str(), &v.format, &v.unit]),
        facets,
    }
}

fn codebook_doc(b: &Codebook) -> Doc {
    let mut facets = vec![
        (Dimension::Kind, Kind::Codebook.as_str().to_owned()),
        status_facet(b.status),
    ];
    if let Some(o) = &b.publisher {
        facets.push((Dimension::Owner, o.to_string()));
    }
    Doc {
        doc: item(ItemKind::Codebook, &b.id),
        title: b.title.clone(),
        body: b.description.clone(),
        extra: join(&[b.id.as_str(), &b.source, &b.version]),
        facets,
    }
}

fn use_case_doc(u: &crate::domain::UseCase) -> Doc {
    Doc {
        doc: item(ItemKind::UseCase, &u.id),
        title: u.title.clone(),
        body: Lang::new(
            join(
                &std::iter::once(u.description.sv.as_str())
                    .chain(u.steps.iter().map(|s| s.description.sv.as_str()))
                    .collect::<Vec<_>>(),
            ),
            join(
                &std::iter::once(u.description.en.as_str())
                    .chain(u.steps.iter().map(|s| s.description.en.as_str()))
                    .collect::<Vec<_>>(),
            ),
        ),
        extra: join(&[&u.short_name, u.id.as_str()]),
        facets: vec![
            (Dimension::Kind, Kind::UseCase.as_str().to_owned()),
            status_facet(u.status),
            (Dimension::UseCase, u.id.to_string()),
        ],
    }
}

fn collection_doc(c: &crate::domain::Collection) -> Doc {
    Doc {
        doc: item(ItemKind::Collection, &c.id),
        title: c.title.clone(),
        // Its keywords (`dcat:keyword`) are searched in their language, like the description.
        body: Lang::new(
            join(&[&c.description.sv, &c.meta.keywords_sv.join("\n")]),
            join(&[&c.description.en, &c.meta.keywords_en.join("\n")]),
        ),
        extra: c.id.to_string(),
        facets: vec![
            (Dimension::Kind, Kind::Collection.as_str().to_owned()),
            (Dimension::Owner, c.publisher.to_string()),
            (Dimension::Collection, c.id.to_string()),
        ],
    }
}

fn problem_area_doc(p: &crate::domain::ProblemArea) -> Doc {
    Doc {
        doc: item(ItemKind::ProblemArea, &p.id),
        title: p.label.clone(),
        body: p.description.clone(),
        extra: p.id.to_string(),
        facets: vec![(Dimension::Kind, Kind::ProblemArea.as_str().to_owned())],
    }
}

fn organisation_doc(o: &crate::domain::Organisation) -> Doc {
    Doc {
        doc: item(ItemKind::Organisation, &o.orgnr),
        title: o.name.clone(),
        body: Lang::default(),
        extra: o.orgnr.to_string(),
        facets: vec![
            (Dimension::Kind, Kind::Organisation.as_str().to_owned()),
            (Dimension::Owner, o.orgnr.to_string()),
        ],
    }
}

/// One document per code of codebook `b`.
pub fn code_documents(b: &Codebook, codes: Vec<Code>) -> impl Iterator<Item = Doc> + '_ {
    codes.into_iter().map(move |c| Doc {
        doc: DocRef::Code {
            codebook: b.id.clone(),
            notation: c.notation.clone(),
        },
        title: c.label,
        body: c.definition,
        extra: c.notation,
        facets: vec![
            (Dimension::Kind, Kind::Code.as_str().to_owned()),
            status_facet(b.status),
        ],
    })
}
