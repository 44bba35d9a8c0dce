//! The matrix page: which variables each use case binds, required or optional.

use askama::Template;

use crate::domain::{Catalog, ItemKind, Role};

use super::super::Ui;
use super::{Link, href, pick};

#[derive(Template)]
#[template(path = "pages/matrix.html")]
pub struct MatrixPage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
    pub columns: Vec<(Link, String)>,
    pub rows: Vec<(Link, Vec<String>, usize)>,
    pub totals: Vec<usize>,
}

pub fn matrix(cat: &Catalog, ui: Ui, path: &str) -> MatrixPage {
    let mut ucs: Vec<_> = cat.use_cases.values().collect();
    ucs.sort_by(|a, b| {
        (a.short_name.is_empty(), &a.short_name, &a.id).cmp(&(
            b.short_name.is_empty(),
            &b.short_name,
            &b.id,
        ))
    });
    let columns = ucs
        .iter()
        .map(|u| {
            (
                Link {
                    href: href(ui, ItemKind::UseCase, u.id.as_str()),
                    label: pick(ui, &u.title),
                },
                u.short_name.clone(),
            )
        })
        .collect();
    let (req, opt) = if ui.english() { ("R", "O") } else { ("O", "V") };
    let mut totals = vec![0; ucs.len()];
    let mut rows = Vec::new();
    for v in cat.variables.values() {
        let cells: Vec<String> = ucs
            .iter()
            .map(|u| match u.bindings.iter().find(|b| b.variable == v.id) {
                Some(b) => format!(
                    "{}{}",
                    if b.role == Role::Required { req } else { opt },
                    if b.quick_win { " ★" } else { "" }
                ),
                None => String::new(),
            })
            .collect();
        let n = cells.iter().filter(|c| !c.is_empty()).count();
        if n == 0 {
            continue;
        }
        for (i, c) in cells.iter().enumerate() {
            if !c.is_empty() {
                totals[i] += 1;
            }
        }
        rows.push((
            Link {
                href: href(ui, ItemKind::Variable, v.id.as_str()),
                label: pick(ui, &v.name),
            },
            cells,
            n,
        ));
    }
    rows.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.label.cmp(&b.0.label)));
    MatrixPage {
        ui,
        title: ui.t.matrix_title.to_owned(),
        switch: ui.switch_href(path),
        columns,
        rows,
        totals,
    }
}
