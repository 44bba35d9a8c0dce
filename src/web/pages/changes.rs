//! What changed between a frozen version of an item and the current one:
//! `{item path}/{version}/andringar` (English under `/en/`), field by field, from the same
//! comparison `varcat diff` prints.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::diff::{self, RowChange};
use crate::domain::{Language, labelled_cell};

use super::{Ui, html, not_found_response, render, ui_of};
use crate::web::visibility::{self, Viewer};
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

pub(in crate::web) fn rows(
    changes: &[diff::Change],
    english: bool,
) -> Vec<(String, String, String)> {
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
                let lang = if english { Language::En } else { Language::Sv };
                for f in fields {
                    let name = if english {
                        f.field.replace('_', " ")
                    } else {
                        f.heading.to_owned()
                    };
                    out.push((
                        format!("{part}{name}"),
                        labelled_cell(f.field, &f.before, lang),
                        labelled_cell(f.field, &f.after, lang),
                    ));
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
    let viewer = Viewer::of(&req, &state).await;
    let body = web::block(move || -> Result<Option<String>, WebError> {
        let iris = state.store.iris();
        let Some(key) = crate::store::Iris::item_at(&kind, &id) else {
            return Ok(None);
        };
        let item_iri = iris.item(&key);
        let snap = state.snapshot();
        // Both the item and the frozen version must be visible to the viewer.
        let node = crate::store::version_iri(&item_iri, &version);
        let hidden = snap.hidden(viewer, iris);
        if hidden.iri(item_iri.as_str()) || hidden.iri(node.as_str()) {
            return Ok(None);
        }
        let Some((_, mut frozen)) = state.store.load_version(&node)? else {
            return Ok(None);
        };
        // The frozen item without its references to what the viewer may not see, as the
        // current one is: the comparison shows no hidden item's name.
        visibility::restrict_part(viewer, snap.catalog(Viewer::Editor), &mut frozen);
        let Some(current) = snap.catalog_for(viewer, &key)?.only(&key) else {
            return Ok(None);
        };
        let changes = diff::catalogs(&frozen, &current);
        let name = super::views::label_of(snap.catalog(viewer), &key, ui).unwrap_or_default();
        let t = ui.t;
        let item_path = format!("{}{}", ui.prefix, crate::store::item_path(&key));
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
            version_href: format!(
                "{}{}",
                ui.prefix,
                node.as_str().strip_prefix(iris.base()).unwrap_or_default()
            ),
            version_label: format!("{} {version}", t.version),
            current_href: item_path,
        };
        render(page).map(Some)
    })
    .await??;
    Ok(match body {
        Some(b) => html(b),
        None => not_found_response(ui, &shown),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ItemKey, ItemKind};
    use crate::fields::SheetKind;

    #[test]
    fn terms_show_their_label_in_the_page_s_language() {
        let change = diff::Change {
            sheet: SheetKind::Collections,
            item: ItemKey {
                kind: ItemKind::Collection,
                id: "kpp".into(),
            },
            name: "KPP".into(),
            part: None,
            what: RowChange::Changed {
                fields: vec![diff::FieldChange {
                    field: "frequency",
                    heading: "Frekvens",
                    before: "månadsvis".into(),
                    after: "årligen".into(),
                }],
            },
        };
        let en = rows(std::slice::from_ref(&change), true);
        assert_eq!(
            en,
            [("frequency".into(), "monthly".into(), "annual".into())]
        );
        let sv = rows(&[change], false);
        assert_eq!(
            sv,
            [("Frekvens".into(), "varje månad".into(), "årligen".into())]
        );
    }
}
