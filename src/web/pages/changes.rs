//! What changed between a frozen version of an item and the current one:
//! `{item path}/{version}/andringar` (English under `/en/`), field by field, from the same
//! comparison `varcat diff` prints.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::diff::{self, RowChange};

use super::{Ui, html, not_found_response, render, ui_of};
use crate::web::{State, WebError};

#[derive(Template)]
#[template(path = "pages/changes.html")]
struct ChangesPage {
    ui: Ui,
    title: String,
    switch: String,
    kind: &'static str,
    lead: String,
    field_heading: &'static str,
    before_heading: String,
    after_heading: &'static str,
    /// (field, before, after); a part (a code) is named in the field.
    rows: Vec<(String, String, String)>,
    version_href: String,
    version_label: String,
    current_href: String,
}

fn rows(changes: &[diff::Change], english: bool) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for c in changes {
        let part = c
            .part
            .as_deref()
            .map(|p| format!("{p}: "))
            .unwrap_or_default();
        let (added, removed) = if english {
            ("(added)", "(removed)")
        } else {
            ("(tillagd)", "(borttagen)")
        };
        match &c.what {
            RowChange::Added => out.push((part, String::new(), added.to_owned())),
            RowChange::Removed => out.push((part, removed.to_owned(), String::new())),
            RowChange::Changed { fields } => {
                for f in fields {
                    let name = if english {
                        f.field.replace('_', " ")
                    } else {
                        f.heading.to_owned()
                    };
                    out.push((format!("{part}{name}"), f.before.clone(), f.after.clone()));
                }
            }
        }
    }
    out
}

/// `GET {kind}/{id}/{version}/andringar`.
pub async fn show(
    req: HttpRequest,
    state: web::Data<State>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, WebError> {
    let ui = ui_of(&req);
    let (kind, id, version) = path.into_inner();
    let shown = req.path().to_owned();
    let path_shown = shown.clone();
    let state = state.into_inner();
    let editor = crate::web::session::editor(&req, &state).is_some();
    let body = web::block(move || -> Result<Option<String>, WebError> {
        let iris = state.store.iris();
        let item_iri = format!("{}/{kind}/{id}", iris.base());
        let Some(key) = iris.item_of(&item_iri) else {
            return Ok(None);
        };
        let snap = state.snapshot();
        if crate::web::session::is_draft(&snap.catalog, &key) && !editor {
            return Ok(None);
        }
        let Ok(node) = oxigraph::model::NamedNode::new(format!("{item_iri}/{version}")) else {
            return Ok(None);
        };
        let Some((_, frozen)) = state.store.load_version(&node)? else {
            return Ok(None);
        };
        let Some(current) = snap.catalog_for(&key)?.only(&key) else {
            return Ok(None);
        };
        let changes = diff::catalogs(&frozen, &current);
        let name = super::views::label_of(&snap.catalog, &key, ui).unwrap_or_default();
        let t = ui.t;
        let item_path = format!("{}/{kind}/{id}", ui.prefix);
        let page = ChangesPage {
            ui,
            title: format!(
                "{name}: {} {version} → {}",
                t.version.to_lowercase(),
                t.current_version.to_lowercase()
            ),
            switch: ui.switch_href(&path_shown),
            kind: if ui.english() {
                "Changes"
            } else {
                "Ändringar"
            },
            lead: diff::notes(
                &changes,
                if ui.english() {
                    diff::Language::En
                } else {
                    diff::Language::Sv
                },
            )
            .join(" "),
            field_heading: if ui.english() { "Field" } else { "Fält" },
            before_heading: format!("{} {version}", t.version),
            after_heading: t.current_version,
            rows: rows(&changes, ui.english()),
            version_href: format!("{item_path}/{version}"),
            version_label: format!("{} {version}", t.version),
            current_href: item_path,
        };
        render(page).map(Some)
    })
    .await
    .map_err(|e| WebError::Internal(e.to_string()))??;
    Ok(match body {
        Some(b) => html(b),
        None => not_found_response(ui, &shown),
    })
}
