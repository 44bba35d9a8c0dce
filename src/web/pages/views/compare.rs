//! The compare page: two or more variables side by side, differing rows marked.

use askama::Template;

use crate::domain::{Catalog, Id, ItemKind};

use super::super::Ui;
use super::{Link, href, org_name, pick, status_label};

#[derive(Template)]
#[template(path = "pages/compare.html")]
pub struct ComparePage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
    pub columns: Vec<Link>,
    /// (label, one value per variable, whether the values differ)
    pub rows: Vec<(&'static str, Vec<String>, bool)>,
    pub missing: Vec<String>,
}

/// Two or more variables side by side; rows whose values differ are marked.
pub fn compare(cat: &Catalog, ui: Ui, path: &str, ids: &[String]) -> ComparePage {
    let t = ui.t;
    let mut vars = Vec::new();
    let mut missing = Vec::new();
    for raw in ids {
        match Id::parse(raw).ok().and_then(|id| cat.variables.get(&id)) {
            Some(v) => vars.push(v),
            None => missing.push(raw.clone()),
        }
    }
    let columns = vars
        .iter()
        .map(|v| Link {
            href: href(ui, ItemKind::Variable, v.id.as_str()),
            label: pick(ui, &v.name),
        })
        .collect();
    let field = |f: &dyn Fn(&crate::domain::Variable) -> String| {
        vars.iter().map(|v| f(v)).collect::<Vec<_>>()
    };
    let candidates: Vec<(&'static str, Vec<String>)> = vec![
        (t.short_name, field(&|v| v.short_name.clone())),
        (t.definition, field(&|v| pick(ui, &v.definition))),
        (
            t.datatype,
            field(&|v| {
                v.datatype
                    .map(|d| d.label(ui.lang()).to_owned())
                    .unwrap_or_default()
            }),
        ),
        (t.format, field(&|v| v.format.clone())),
        (t.unit, field(&|v| v.unit.clone())),
        (
            t.value_domain,
            field(&|v| {
                v.codebook
                    .as_ref()
                    .and_then(|c| cat.codebooks.get(c))
                    .map(|b| pick(ui, &b.title))
                    .unwrap_or_default()
            }),
        ),
        (
            t.range,
            field(&|v| {
                if v.min.is_empty() && v.max.is_empty() {
                    String::new()
                } else {
                    format!("{} – {}", v.min, v.max)
                }
            }),
        ),
        (
            t.obligation,
            field(&|v| {
                v.obligation
                    .map(|o| o.label(ui.lang()).to_owned())
                    .unwrap_or_default()
            }),
        ),
        (
            t.owner,
            field(&|v| {
                v.owner
                    .as_ref()
                    .map(|o| org_name(ui, cat, o))
                    .unwrap_or_default()
            }),
        ),
        (
            t.carried_by,
            field(&|v| {
                v.collections
                    .iter()
                    .map(|c| {
                        cat.collections
                            .get(c)
                            .map(|x| pick(ui, &x.title))
                            .unwrap_or_else(|| c.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        ),
        (t.version, field(&|v| v.version.clone())),
        (t.status, field(&|v| status_label(ui, v.status).to_owned())),
        (t.in_out, field(&|v| v.in_out_note.clone())),
        (t.transformation, field(&|v| v.transformation.clone())),
        (t.aggregation, field(&|v| v.aggregation.clone())),
    ];
    let rows = candidates
        .into_iter()
        .filter(|(_, values)| values.iter().any(|x| !x.is_empty()))
        .map(|(label, values)| {
            let differs = values.windows(2).any(|w| w[0] != w[1]);
            (label, values, differs)
        })
        .collect();
    let title = if ui.english() {
        "Compare variables"
    } else {
        "Jämför variabler"
    };
    ComparePage {
        ui,
        title: title.to_owned(),
        switch: format!("{}?{}", ui.switch_href(path), query_of(ids)),
        columns,
        rows,
        missing,
    }
}

fn query_of(ids: &[String]) -> String {
    ids.iter()
        .filter(|i| Id::parse(i).is_ok())
        .map(|i| format!("id={i}"))
        .collect::<Vec<_>>()
        .join("&")
}
