//! The page of one item, whichever its kind: the shared page model, and the door that hands
//! each kind to its own module.

use askama::Template;

use crate::domain::{Catalog, Codebook, Id, ItemKey, ItemKind};
use crate::store::Iris;

use super::super::Ui;
use super::{Fact, Link, TreeItem, downloads};
use super::{codebook, collection, organisation, problem_area, use_case, variable};

/// A page for one item.
#[derive(Template)]
#[template(path = "pages/item.html")]
pub struct ItemPage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
    pub kind: &'static str,
    pub iri: String,
    pub short_name: String,
    pub lead: String,
    pub facts: Vec<Fact>,
    pub notes: Vec<Fact>,
    pub steps: Vec<String>,
    pub codes_heading: &'static str,
    pub tree: Vec<TreeItem>,
    pub lists: Vec<(&'static str, Vec<Link>)>,
    pub bindings: Vec<BindingRow>,
    pub downloads: Vec<Link>,
    pub printable: bool,
    /// A warning shown above everything: retired, superseded or draft.
    pub notice: Option<&'static str>,
    /// The item's history page (status changes and audit entries).
    pub history: String,
    /// A large or searched codebook's codes, a page at a time (in place of `tree`).
    pub code_pager: Option<crate::web::pages::code_pages::CodePager>,
    /// Where a variable or data collection stands in the harmonisation method.
    pub harmonisation: Option<crate::web::pages::harmonisation::Section>,
    /// The item's status per registration authority, when it is registered at another.
    pub registrations: Option<crate::web::pages::registrations::Section>,
    /// A codebook's codes' mappings to other code systems (the codes the page shows).
    pub mappings: Option<crate::web::pages::mappings::Section>,
}

pub struct BindingRow {
    pub link: Link,
    pub role: &'static str,
    pub priority: String,
    pub quick_win: &'static str,
    /// The binding's source, or the words for an illustrative binding.
    pub source: String,
    /// The value set narrowing the variable's value domain in the use case.
    pub value_set: Option<Link>,
}

impl ItemPage {
    pub(super) fn new(ui: Ui, path: &str, kind: &'static str, title: String, iri: String) -> Self {
        Self {
            ui,
            title,
            switch: ui.switch_href(path),
            kind,
            iri,
            short_name: String::new(),
            lead: String::new(),
            facts: Vec::new(),
            notes: Vec::new(),
            steps: Vec::new(),
            codes_heading: ui.t.codes,
            tree: Vec::new(),
            lists: Vec::new(),
            bindings: Vec::new(),
            downloads: downloads(path),
            printable: false,
            notice: None,
            history: format!("{}/historik", path.trim_end_matches('/')),
            code_pager: None,
            harmonisation: None,
            registrations: None,
            mappings: None,
        }
    }
}

/// `book` is the codebook, with its codes, whose codes the page lists (the codebook itself,
/// or a variable's value domain); the catalogue's own codebooks may come without codes.
pub fn item(
    cat: &Catalog,
    key: &ItemKey,
    ui: Ui,
    path: &str,
    modified: &crate::domain::Modified,
    iris: &Iris,
    book: Option<&Codebook>,
) -> Option<ItemPage> {
    let iri = iris.item(key).as_str().to_owned();
    let id = Id::parse(&key.id).ok();
    let mut p = match key.kind {
        ItemKind::Variable => variable::page(cat, ui, path, &iri, id, book)?,
        ItemKind::Codebook => codebook::page(cat, ui, path, &iri, id, book)?,
        ItemKind::UseCase => use_case::page(cat, ui, path, &iri, id)?,
        ItemKind::Collection => collection::page(cat, ui, path, &iri, id)?,
        ItemKind::Organisation => organisation::page(cat, ui, path, &iri, key)?,
        ItemKind::ProblemArea => problem_area::page(cat, ui, path, &iri, id)?,
    };
    if let Some(m) = modified.get(&iri) {
        p.facts.push(Fact {
            label: if ui.english() { "Modified" } else { "Ändrad" },
            value: m.get(..10).unwrap_or(m).to_owned(),
            href: None,
        });
    }
    Some(p)
}

pub(super) fn binding_row(
    ui: Ui,
    cat: &Catalog,
    link: Link,
    b: &crate::domain::Binding,
) -> BindingRow {
    let t = ui.t;
    BindingRow {
        link,
        role: b.role.label(ui.lang()),
        priority: b.priority.map(|p| p.to_string()).unwrap_or_default(),
        quick_win: if b.quick_win { t.yes } else { t.no },
        source: if b.is_illustrative() {
            t.illustrative_binding.to_owned()
        } else {
            b.source.clone()
        },
        value_set: crate::web::pages::code_pages::binding_value_set(ui, cat, b),
    }
}
