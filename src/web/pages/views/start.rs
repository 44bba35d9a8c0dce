//! The start page: counts, the use cases and the latest changes the viewer may see.

use askama::Template;

use crate::domain::{Catalog, Counts, ItemKind};
use crate::store::Iris;

use super::super::Ui;
use super::{Link, href, label_of, pick};

#[derive(Template)]
#[template(path = "pages/start.html")]
pub struct StartPage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
    pub counts: Counts,
    pub use_cases: Vec<(Link, String, String)>,
    pub recent: Vec<(Link, String)>,
}

pub fn start(
    cat: &Catalog,
    counts: Counts,
    ui: Ui,
    path: &str,
    modified: &crate::domain::Modified,
    iris: &Iris,
) -> StartPage {
    let mut ordered: Vec<_> = cat.use_cases.values().collect();
    ordered.sort_by(|a, b| {
        (a.short_name.is_empty(), &a.short_name, &a.id).cmp(&(
            b.short_name.is_empty(),
            &b.short_name,
            &b.id,
        ))
    });
    let use_cases = ordered
        .into_iter()
        .map(|u| {
            (
                Link {
                    href: href(ui, ItemKind::UseCase, u.id.as_str()),
                    label: pick(ui, &u.title),
                },
                u.short_name.clone(),
                pick(ui, &u.description),
            )
        })
        .collect();
    let mut recent: Vec<(&String, &String)> = modified.iter().map(|(k, v)| (v, k)).collect();
    recent.sort_by(|a, b| b.cmp(a));
    let recent = recent
        .into_iter()
        .filter_map(|(when, iri)| {
            // Only what `cat` (what the viewer sees) holds has a label.
            let key = iris.item_of(iri)?;
            let label = label_of(cat, &key, ui)?;
            Some((
                Link {
                    href: href(ui, key.kind, &key.id),
                    label,
                },
                when.get(..10).unwrap_or(when).to_owned(),
            ))
        })
        .take(10)
        .collect();
    StartPage {
        ui,
        title: ui.t.tagline.to_owned(),
        switch: ui.switch_href(path),
        counts,
        use_cases,
        recent,
    }
}
