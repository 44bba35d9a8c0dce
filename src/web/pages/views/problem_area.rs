//! The page of one problem area: its description and the use cases that address it.

use crate::domain::{Catalog, Id, ItemKind};

use super::super::Ui;
use super::item::ItemPage;
use super::{Link, href, pick};

pub(super) fn page(
    cat: &Catalog,
    ui: Ui,
    path: &str,
    iri: &str,
    id: Option<Id>,
) -> Option<ItemPage> {
    let t = ui.t;
    let a = cat.problem_areas.get(&id?)?;
    let mut p = ItemPage::new(
        ui,
        path,
        t.problem_areas,
        pick(ui, &a.label),
        iri.to_owned(),
    );
    p.lead = pick(ui, &a.description);
    let ucs = cat
        .use_cases
        .values()
        .filter(|u| u.problem_areas.contains(&a.id))
        .map(|u| Link {
            href: href(ui, ItemKind::UseCase, u.id.as_str()),
            label: pick(ui, &u.title),
        })
        .collect();
    p.lists.push((t.use_cases, ucs));
    Some(p)
}
