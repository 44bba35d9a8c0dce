//! The page of one data collection: publisher, contact, access, distribution and variables.

use crate::domain::{Catalog, Id, ItemKind};

use super::super::Ui;
use super::item::ItemPage;
use super::{Link, fact, href, linked, org_name, pick};

pub(super) fn page(
    cat: &Catalog,
    ui: Ui,
    path: &str,
    iri: &str,
    id: Option<Id>,
) -> Option<ItemPage> {
    let t = ui.t;
    let c = cat.collections.get(&id?)?;
    let mut p = ItemPage::new(ui, path, t.collection, pick(ui, &c.title), iri.to_owned());
    p.lead = pick(ui, &c.description);
    p.facts.extend(linked(
        t.publisher,
        org_name(ui, cat, &c.publisher),
        href(ui, ItemKind::Organisation, c.publisher.as_str()),
    ));
    p.facts.extend(linked(
        t.contact,
        c.contact_email.clone(),
        format!("mailto:{}", c.contact_email),
    ));
    p.facts.extend(fact(t.access, c.access.label(ui.lang())));
    p.facts.extend(fact(
        t.frequency,
        c.frequency.map(|f| f.label(ui.lang())).unwrap_or_default(),
    ));
    if !c.landing_page.is_empty() {
        p.facts.extend(linked(
            t.landing_page,
            c.landing_page.clone(),
            c.landing_page.clone(),
        ));
    }
    let categories: Vec<&str> = c
        .health_categories
        .iter()
        .map(|h| h.label(ui.lang()))
        .collect();
    p.facts
        .extend(fact(t.health_category, categories.join("; ")));
    if let Some(h) = &c.hdab {
        p.facts.extend(linked(
            t.hdab,
            org_name(ui, cat, h),
            href(ui, ItemKind::Organisation, h.as_str()),
        ));
    }
    p.facts.extend(super::coverage::facts(ui, cat, c));
    p.facts.extend(linked(
        t.distribution,
        "CSV".into(),
        crate::store::variables_path(ItemKind::Collection, c.id.as_str(), "csv"),
    ));
    for ext in ["csv", "xlsx"] {
        p.downloads.push(Link {
            href: crate::store::variables_path(ItemKind::Collection, c.id.as_str(), ext),
            label: format!("{} ({})", t.variables, ext.to_uppercase()),
        });
    }
    let vars = cat
        .variables
        .values()
        .filter(|v| v.collections.contains(&c.id))
        .map(|v| Link {
            href: href(ui, ItemKind::Variable, v.id.as_str()),
            label: pick(ui, &v.name),
        })
        .collect();
    p.lists.push((t.variables, vars));
    Some(p)
}
