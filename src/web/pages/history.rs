//! The history page of an item (`{item path}/historik`, English under `/en/`): its status
//! changes (authority, from, to, who, note) and its audit entries (what, who, when, and the
//! RDF lines the change removed and added), newest first, from the operational database.
//! A draft's history is for signed-in editors only, and so are the statements of any state in
//! which an item was a draft.

use std::collections::BTreeSet;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::db::{AuditEntry, StatusChange};
use crate::domain::{Catalog, ItemKey, OrgNr, Status};

use super::views::{href, pick, status_label};
use super::{Ui, html, not_found_response, render, ui_of};
use crate::web::visibility::{self, Viewer};
use crate::web::{State, WebError};

/// How many audit entries a history page shows.
const MAX_ENTRIES: i64 = 200;

/// The history page's own texts.
pub struct HistoryTexts {
    pub heading: &'static str,
    pub back: &'static str,
    pub status_changes: &'static str,
    pub no_status_changes: &'static str,
    pub by_authority: &'static str,
    pub changes: &'static str,
    pub no_changes: &'static str,
    pub when: &'static str,
    pub change: &'static str,
    pub authority: &'static str,
    pub who: &'static str,
    pub note: &'static str,
    pub show_rdf: &'static str,
    pub removed_lines: &'static str,
    pub added_lines: &'static str,
    pub removed_item: &'static str,
}

const SV: HistoryTexts = HistoryTexts {
    heading: "Historik",
    back: "Tillbaka till sidan",
    status_changes: "Statusändringar",
    no_status_changes: "Inga statusändringar är registrerade.",
    by_authority: "Status hos varje registreringsmyndighet",
    changes: "Ändringar",
    no_changes: "Inga ändringar är registrerade.",
    when: "När",
    change: "Ändring",
    authority: "Registreringsmyndighet",
    who: "Vem",
    note: "Kommentar",
    show_rdf: "Visa ändrade uppgifter (RDF)",
    removed_lines: "Borttaget",
    added_lines: "Tillagt",
    removed_item: "Posten finns inte längre i katalogen.",
};

const EN: HistoryTexts = HistoryTexts {
    heading: "History",
    back: "Back to the page",
    status_changes: "Status changes",
    no_status_changes: "No status changes are recorded.",
    by_authority: "Status with each registration authority",
    changes: "Changes",
    no_changes: "No changes are recorded.",
    when: "When",
    change: "Change",
    authority: "Registration authority",
    who: "Who",
    note: "Note",
    show_rdf: "Show the changed statements (RDF)",
    removed_lines: "Removed",
    added_lines: "Added",
    removed_item: "The item is no longer in the catalogue.",
};

pub struct StatusRow {
    pub at: String,
    pub from: &'static str,
    pub to: &'static str,
    pub authority: String,
    pub actor: String,
    pub note: String,
}

pub struct EntryRow {
    pub at: String,
    pub action: &'static str,
    pub actor: String,
    pub via: String,
    /// N-Triples lines only before, and only after, the change.
    pub removed: Vec<String>,
    pub added: Vec<String>,
}

#[derive(Template)]
#[template(path = "pages/history.html")]
pub struct HistoryPage {
    pub ui: Ui,
    pub h: &'static HistoryTexts,
    pub title: String,
    pub switch: String,
    pub kind: &'static str,
    pub item_href: Option<String>,
    pub status: Option<&'static str>,
    pub changes: Vec<StatusRow>,
    /// The latest status each registration authority gave the item: (authority, status, when).
    pub by_authority: Vec<(String, &'static str, String)>,
    pub entries: Vec<EntryRow>,
}

fn action_label(ui: Ui, action: &str) -> &'static str {
    match (ui.english(), action) {
        (false, "created") => "skapad",
        (false, "changed") => "ändrad",
        (false, "removed") => "borttagen",
        (false, crate::db::NOT_SAME) => "inte samma information som en kandidat",
        (false, _) => "status ändrad",
        (true, "created") => "created",
        (true, "changed") => "changed",
        (true, "removed") => "removed",
        (true, crate::db::NOT_SAME) => "not the same information as a candidate",
        (true, _) => "status changed",
    }
}

fn status_of(ui: Ui, s: &str) -> &'static str {
    Status::parse(s).map(|s| status_label(ui, s)).unwrap_or("?")
}

/// Lines in `a` that are not in `b`, in order.
fn only_in(a: Option<&str>, b: Option<&str>) -> Vec<String> {
    let other: BTreeSet<&str> = b.map(|b| b.lines().collect()).unwrap_or_default();
    a.map(|a| {
        a.lines()
            .filter(|l| !l.trim().is_empty() && !other.contains(l))
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}

pub fn page(
    cat: &Catalog,
    key: &ItemKey,
    ui: Ui,
    path: &str,
    changes: &[StatusChange],
    entries: &[AuditEntry],
) -> HistoryPage {
    let h = if ui.english() { &EN } else { &SV };
    let label = super::views::label_of(cat, key, ui);
    let org_name = |orgnr: &str| {
        OrgNr::parse(orgnr)
            .ok()
            .and_then(|o| cat.organisations.get(&o))
            .map(|o| format!("{} ({orgnr})", pick(ui, &o.name)))
            .unwrap_or_else(|| orgnr.to_owned())
    };
    HistoryPage {
        ui,
        h,
        title: format!(
            "{}: {}",
            h.heading,
            label.clone().unwrap_or_else(|| key.id.clone())
        ),
        switch: ui.switch_href(path),
        kind: key.kind.label(ui.lang()),
        item_href: label.map(|_| href(ui, key.kind, &key.id)),
        status: cat.status_of(key).map(|s| status_label(ui, s)),
        by_authority: {
            // Changes come newest first: the first one per authority is its current status.
            let mut seen = BTreeSet::new();
            changes
                .iter()
                .filter(|c| seen.insert(c.authority.clone()))
                .map(|c| {
                    (
                        org_name(&c.authority),
                        status_of(ui, &c.to_status),
                        c.at.clone(),
                    )
                })
                .collect()
        },
        changes: changes
            .iter()
            .map(|c| StatusRow {
                at: c.at.clone(),
                from: status_of(ui, &c.from_status),
                to: status_of(ui, &c.to_status),
                authority: org_name(&c.authority),
                actor: c.actor.clone(),
                note: c.note.clone(),
            })
            .collect(),
        entries: entries
            .iter()
            .map(|e| EntryRow {
                at: e.at.clone(),
                action: action_label(ui, &e.action),
                actor: e.actor.clone(),
                via: match e.run_id {
                    Some(run) => format!("import #{run}"),
                    None => e.source.clone(),
                },
                removed: only_in(e.before_nt.as_deref(), e.after_nt.as_deref()),
                added: only_in(e.after_nt.as_deref(), e.before_nt.as_deref()),
            })
            .collect(),
    }
}

/// `GET {item path}/historik` and `/en/{item path}/historik`.
pub async fn show(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let ui = ui_of(&req);
    let path = req.path().to_owned();
    let item_path = path
        .strip_prefix("/en")
        .unwrap_or(&path)
        .strip_suffix("/historik")
        .unwrap_or("")
        .to_owned();
    let viewer = Viewer::of(&req, &state).await;
    let state = state.into_inner();
    let body = web::block(move || -> Result<Option<String>, WebError> {
        let iris = state.store.iris();
        let snap = state.snapshot();
        let Some(key) = iris.item_of(&format!("{}{item_path}", iris.base())) else {
            return Ok(None);
        };
        // The history of what the viewer may not see does not exist for them.
        if !viewer.may_see(snap.catalog(Viewer::Editor), &key) {
            return Ok(None);
        }
        let iri = iris.item(&key).as_str().to_owned();
        let (changes, entries) = {
            let mut db = match state.db.lock() {
                Ok(g) => g,
                Err(poisoned) => poisoned.into_inner(),
            };
            (
                db.status_changes_for(&iri)?,
                db.audit(Some(&iri), MAX_ENTRIES)?,
            )
        };
        let cat = snap.catalog(viewer);
        // A removed item's history is shown if it was ever public.
        let shown = |e: &AuditEntry| {
            visibility::shows_state(viewer, e.before_nt.as_deref())
                && visibility::shows_state(viewer, e.after_nt.as_deref())
        };
        if !cat.contains(&key) && !entries.iter().any(shown) {
            return Ok(None);
        }
        let entries: Vec<AuditEntry> = entries
            .into_iter()
            .map(|mut e| {
                // The statements of a state in which the item was a draft are not shown.
                if !shown(&e) {
                    e.before_nt = None;
                    e.after_nt = None;
                }
                e
            })
            .collect();
        render(page(cat, &key, ui, &path, &changes, &entries)).map(Some)
    })
    .await??;
    match body {
        Some(b) => Ok(html(b)),
        None => Ok(not_found_response(ui, req.path())),
    }
}
