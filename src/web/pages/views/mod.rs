//! Page views: domain values turned into what the templates show, already in the page's
//! language, with links that stay in that language. Templates escape every text. Each view is
//! given the catalogue as the viewer sees it (`visibility`), so it lists what it holds.
//! One module per page family (start, item and one per item kind, matrix, compare); this one
//! holds the links, facts and labels they share, and the not-found page.

use askama::Template;

use crate::domain::{Catalog, Id, ItemKey, ItemKind, Lang, OrgNr, Status};

use super::Ui;
pub use super::tree::TreeItem;

mod codebook;
mod collection;
mod compare;
mod coverage;
mod item;
mod matrix;
mod organisation;
mod problem_area;
mod start;
mod use_case;
mod variable;

pub use compare::compare;
pub use item::{ItemPage, item};
pub use matrix::matrix;
pub use start::start;

#[derive(Debug, Clone)]
pub struct Link {
    pub href: String,
    pub label: String,
}

/// One row of a fact table: a label, a text and, if the text names an item, its link.
pub struct Fact {
    pub label: &'static str,
    pub value: String,
    pub href: Option<String>,
}

pub(super) fn pick(ui: Ui, l: &Lang) -> String {
    if ui.english() && !l.en.is_empty() {
        l.en.clone()
    } else {
        l.sv.clone()
    }
}

pub(super) fn href(ui: Ui, kind: ItemKind, id: &str) -> String {
    let key = ItemKey {
        kind,
        id: id.to_owned(),
    };
    format!("{}{}", ui.prefix, crate::store::item_path(&key))
}

pub(super) fn status_label(ui: Ui, s: Status) -> &'static str {
    s.label(ui.lang())
}

pub(super) fn fact(label: &'static str, value: impl Into<String>) -> Option<Fact> {
    let value = value.into();
    (!value.is_empty()).then_some(Fact {
        label,
        value,
        href: None,
    })
}

pub(super) fn linked(label: &'static str, value: String, href: String) -> Option<Fact> {
    Some(Fact {
        label,
        value,
        href: Some(href),
    })
}

pub(super) fn org_name(ui: Ui, cat: &Catalog, o: &OrgNr) -> String {
    cat.organisations
        .get(o)
        .map(|x| pick(ui, &x.name))
        .unwrap_or_else(|| o.to_string())
}

/// Download links for an item's RDF.
pub(super) fn downloads(path: &str) -> Vec<Link> {
    let p = path.strip_prefix("/en").unwrap_or(path);
    [("ttl", "Turtle"), ("rdf", "RDF/XML"), ("jsonld", "JSON-LD")]
        .iter()
        .map(|(e, l)| Link {
            href: format!("{p}.{e}"),
            label: (*l).to_owned(),
        })
        .collect()
}

pub(super) fn label_of(cat: &Catalog, key: &ItemKey, ui: Ui) -> Option<String> {
    let id = Id::parse(&key.id).ok();
    Some(match key.kind {
        ItemKind::Organisation => pick(
            ui,
            &cat.organisations.get(&OrgNr::parse(&key.id).ok()?)?.name,
        ),
        ItemKind::Collection => pick(ui, &cat.collections.get(&id?)?.title),
        ItemKind::ProblemArea => pick(ui, &cat.problem_areas.get(&id?)?.label),
        ItemKind::Codebook => pick(ui, &cat.codebooks.get(&id?)?.title),
        ItemKind::Variable => pick(ui, &cat.variables.get(&id?)?.name),
        ItemKind::UseCase => pick(ui, &cat.use_cases.get(&id?)?.title),
    })
}

/// The warning on the page of an item that is not (or no longer) for reuse.
pub(super) fn status_notice(ui: Ui, s: Status) -> Option<&'static str> {
    match s {
        Status::Retired => Some(ui.t.retired_notice),
        Status::Superseded => Some(ui.t.superseded_notice),
        Status::Draft => Some(ui.t.draft_notice),
        _ => None,
    }
}

/// The element id of a code on its codebook page.
pub(super) fn code_anchor(notation: &str) -> String {
    let safe: String = notation
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("kod-{safe}")
}

#[derive(Template)]
#[template(path = "pages/not_found.html")]
pub struct NotFoundPage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
}

pub fn not_found(ui: Ui, path: &str) -> NotFoundPage {
    NotFoundPage {
        ui,
        title: ui.t.not_found.to_owned(),
        switch: ui.switch_href(path),
    }
}
