//! The page of one variable: its facts, value domain, collections and use-case bindings.

use crate::domain::{Catalog, Codebook, Id, ItemKind};

use super::super::Ui;
use super::super::tree::codebook_tree;
use super::item::{ItemPage, binding_row};
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
    let v = cat.variables.get(&id?)?;
    let mut p = ItemPage::new(ui, path, t.variable, pick(ui, &v.name), iri.to_owned());
    p.short_name = v.short_name.clone();
    p.lead = pick(ui, &v.definition);
    let dt = v.datatype.or_else(|| {
        v.based_on
            .as_ref()
            .and_then(|b| cat.variables.get(b))
            .and_then(|b| b.datatype)
    });
    p.facts.extend(fact(
        t.datatype,
        dt.map(|d| d.label(ui.lang())).unwrap_or_default(),
    ));
    p.facts.extend(fact(t.format, v.format.clone()));
    p.facts.extend(fact(t.unit, v.unit.clone()));
    if let Some(cb) = &v.codebook {
        let label = cat
            .codebooks
            .get(cb)
            .map(|b| pick(ui, &b.title))
            .unwrap_or_else(|| cb.to_string());
        p.facts.extend(linked(
            t.value_domain,
            label,
            href(ui, ItemKind::Codebook, cb.as_str()),
        ));
    }
    if !v.min.is_empty() || !v.max.is_empty() {
        p.facts
            .extend(fact(t.range, format!("{} – {}", v.min, v.max)));
    }
    p.facts.extend(fact(t.pattern, v.pattern.clone()));
    let obligation = v.obligation.map(|o| o.label(ui.lang()));
    p.facts
        .extend(fact(t.obligation, obligation.unwrap_or_default()));
    if let Some(o) = &v.owner {
        p.facts.extend(linked(
            t.owner,
            org_name(ui, cat, o),
            href(ui, ItemKind::Organisation, o.as_str()),
        ));
    }
    if let Some(b) = &v.based_on {
        let label = cat
            .variables
            .get(b)
            .map(|x| pick(ui, &x.name))
            .unwrap_or_else(|| b.to_string());
        p.facts.extend(linked(
            t.shared_element,
            label,
            href(ui, ItemKind::Variable, b.as_str()),
        ));
    }
    p.facts.extend(fact(t.version, v.version.clone()));
    p.facts.extend(fact(t.status, status_label(ui, v.status)));
    p.notice = status_notice(ui, v.status);
    if !v.valid_from.is_empty() || !v.valid_to.is_empty() {
        p.facts
            .extend(fact(t.valid, format!("{} – {}", v.valid_from, v.valid_to)));
    }
    // The plain fields the field table carries whole, under their labels.
    p.facts.extend(
        crate::fields::variables::page_facts(v, ui.lang())
            .into_iter()
            .filter_map(|(label, text)| fact(label, text)),
    );
    p.notes.extend(fact(t.in_out, v.in_out_note.clone()));
    p.notes
        .extend(fact(t.transformation, v.transformation.clone()));
    p.notes.extend(fact(t.aggregation, v.aggregation.clone()));
    p.facts.extend(fact(t.note, pick(ui, &v.note)));
    if let Some(cb) = &v.codebook {
        let codes = book
            .filter(|b| b.id == *cb)
            .or_else(|| cat.codebooks.get(cb))
            .map(|b| &b.codes[..])
            .unwrap_or_default();
        p.codes_heading = t.value_domain;
        p.tree = codebook_tree(ui, codes);
    }
    let collections = v
        .collections
        .iter()
        .map(|c| Link {
            href: href(ui, ItemKind::Collection, c.as_str()),
            label: cat
                .collections
                .get(c)
                .map(|x| pick(ui, &x.title))
                .unwrap_or_else(|| c.to_string()),
        })
        .collect();
    p.lists.push((t.carried_by, collections));
    if let Some(same) = super::super::candidates::view::same_as(ui, cat, v) {
        p.lists.push(same);
    }
    for u in cat.use_cases.values() {
        if let Some(b) = u.bindings.iter().find(|b| b.variable == v.id) {
            p.bindings.push(binding_row(
                ui,
                cat,
                Link {
                    href: href(ui, ItemKind::UseCase, u.id.as_str()),
                    label: pick(ui, &u.title),
                },
                b,
            ));
        }
    }
    Some(p)
}
