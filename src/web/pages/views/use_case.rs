//! The page of one use case: its steps, problem areas and variable bindings.

use crate::domain::{Catalog, Id, ItemKind};

use super::super::Ui;
use super::item::{ItemPage, binding_row};
use super::{Link, fact, href, pick, status_label, status_notice};

pub(super) fn page(
    cat: &Catalog,
    ui: Ui,
    path: &str,
    iri: &str,
    id: Option<Id>,
) -> Option<ItemPage> {
    let t = ui.t;
    let u = cat.use_cases.get(&id?)?;
    let mut p = ItemPage::new(ui, path, t.use_case, pick(ui, &u.title), iri.to_owned());
    p.short_name = u.short_name.clone();
    p.lead = pick(ui, &u.description);
    p.facts.extend(fact(t.status, status_label(ui, u.status)));
    p.notice = status_notice(ui, u.status);
    p.steps = u.steps.iter().map(|s| pick(ui, &s.description)).collect();
    for ext in ["csv", "xlsx"] {
        p.downloads.push(Link {
            href: format!("/anvandningsfall/{}/variabler.{ext}", u.id),
            label: format!("{} ({})", t.variables, ext.to_uppercase()),
        });
    }
    let areas = u
        .problem_areas
        .iter()
        .map(|a| Link {
            href: href(ui, ItemKind::ProblemArea, a.as_str()),
            label: cat
                .problem_areas
                .get(a)
                .map(|x| pick(ui, &x.label))
                .unwrap_or_else(|| a.to_string()),
        })
        .collect();
    p.lists.push((t.problem_areas, areas));
    if !u.problem_areas.is_empty() {
        p.facts.extend(fact(
            t.problem_area_links,
            if u.problem_areas_illustrative() {
                t.illustrative_link.to_owned()
            } else {
                u.problem_areas_source.clone()
            },
        ));
    }
    for b in &u.bindings {
        let label = cat
            .variables
            .get(&b.variable)
            .map(|v| pick(ui, &v.name))
            .unwrap_or_else(|| b.variable.to_string());
        p.bindings.push(binding_row(
            ui,
            cat,
            Link {
                href: href(ui, ItemKind::Variable, b.variable.as_str()),
                label,
            },
            b,
        ));
    }
    Some(p)
}
