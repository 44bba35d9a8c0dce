//! The page of one organisation: its facts and the collections, variables and codebooks it holds.

use crate::domain::{Catalog, ItemKey, ItemKind, OrgNr};

use super::super::Ui;
use super::item::ItemPage;
use super::{Link, fact, href, linked, pick};

pub(super) fn page(
    cat: &Catalog,
    ui: Ui,
    path: &str,
    iri: &str,
    key: &ItemKey,
) -> Option<ItemPage> {
    let t = ui.t;
    let o = cat.organisations.get(&OrgNr::parse(&key.id).ok()?)?;
    let mut p = ItemPage::new(ui, path, t.organisation, pick(ui, &o.name), iri.to_owned());
    p.facts.extend(fact(t.orgnr, o.orgnr.to_string()));
    p.facts
        .extend(fact(t.type_, o.publisher_type.label(ui.lang())));
    if !o.homepage.is_empty() {
        p.facts.extend(linked(
            t.landing_page,
            o.homepage.clone(),
            o.homepage.clone(),
        ));
    }
    let colls = cat
        .collections
        .values()
        .filter(|c| c.publisher == o.orgnr)
        .map(|c| Link {
            href: href(ui, ItemKind::Collection, c.id.as_str()),
            label: pick(ui, &c.title),
        })
        .collect();
    let vars = cat
        .variables
        .values()
        .filter(|v| v.owner.as_ref() == Some(&o.orgnr))
        .map(|v| Link {
            href: href(ui, ItemKind::Variable, v.id.as_str()),
            label: pick(ui, &v.name),
        })
        .collect();
    let books = cat
        .codebooks
        .values()
        .filter(|c| c.publisher.as_ref() == Some(&o.orgnr))
        .map(|c| Link {
            href: href(ui, ItemKind::Codebook, c.id.as_str()),
            label: pick(ui, &c.title),
        })
        .collect();
    p.lists.push((t.collections, colls));
    p.lists.push((t.variables, vars));
    p.lists.push((t.codebooks, books));
    Some(p)
}
