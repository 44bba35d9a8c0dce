//! The page of one codebook: its facts, code tree, downloads and the variables that use it.

use crate::domain::{Catalog, Codebook, Id, ItemKind};

use super::super::Ui;
use super::super::tree::codebook_tree;
use super::item::ItemPage;
use super::{Link, fact, href, linked, org_name, pick, status_label, status_notice};

pub(super) fn page(
    cat: &Catalog,
    ui: Ui,
    path: &str,
    iri: &str,
    id: Option<Id>,
    book: Option<&Codebook>,
) -> Option<ItemPage> {
    let t = ui.t;
    let c = cat.codebooks.get(&id?)?;
    let mut p = ItemPage::new(ui, path, t.codebook, pick(ui, &c.title), iri.to_owned());
    p.lead = pick(ui, &c.description);
    p.facts.extend(fact(t.version, c.version.clone()));
    p.facts.extend(fact(t.status, status_label(ui, c.status)));
    p.notice = status_notice(ui, c.status);
    p.facts.extend(fact(t.source, c.source.clone()));
    if let Some(o) = &c.publisher {
        p.facts.extend(linked(
            t.publisher,
            org_name(ui, cat, o),
            href(ui, ItemKind::Organisation, o.as_str()),
        ));
    }
    let codes = book
        .filter(|b| b.id == c.id)
        .map_or(&c.codes[..], |b| &b.codes[..]);
    p.facts.extend(fact(t.codes, codes.len().to_string()));
    p.tree = codebook_tree(ui, codes);
    p.printable = true;
    for ext in ["csv", "xlsx"] {
        p.downloads.push(Link {
            href: format!("/kodverk/{}.{ext}", c.id),
            label: ext.to_uppercase(),
        });
    }
    let users = cat
        .variables
        .values()
        .filter(|v| v.codebook.as_ref() == Some(&c.id))
        .map(|v| Link {
            href: href(ui, ItemKind::Variable, v.id.as_str()),
            label: pick(ui, &v.name),
        })
        .collect();
    p.lists.push((t.variables, users));
    Some(p)
}
