//! Release pages: `/utgavor` lists the frozen releases; `/utgavor/{name}` shows one with its
//! change notes against the release before it, in Swedish or English (`/en/utgavor/…`).
//! Releases never change, so each release's notes are worked out once and kept.

use std::collections::HashMap;
use std::sync::Mutex;

use askama::Template;

use crate::diff::{self, Language};
use crate::releases::{Release, ReleaseError, Releases};
use crate::store::Iris;

use super::Ui;

#[derive(Template)]
#[template(path = "pages/releases.html")]
pub struct ListPage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
    pub releases: Vec<Release>,
}

#[derive(Template)]
#[template(path = "pages/release.html")]
pub struct ReleasePage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
    pub release: Release,
    pub previous: Option<String>,
    pub notes: Vec<String>,
}

/// Change notes by (release, English?), each against the previous release.
type NotesByRelease = HashMap<(String, bool), std::sync::Arc<Vec<String>>>;

/// The releases of a data directory, with the change notes worked out so far.
pub struct ReleaseNotes {
    releases: Releases,
    notes: Mutex<NotesByRelease>,
}

impl ReleaseNotes {
    pub fn new(releases: Releases) -> Self {
        Self {
            releases,
            notes: Mutex::new(HashMap::new()),
        }
    }

    pub fn list_page(&self, ui: Ui, path: &str) -> Result<ListPage, ReleaseError> {
        let mut releases = self.releases.list()?;
        releases.reverse();
        Ok(ListPage {
            ui,
            title: ui.t.releases.to_owned(),
            switch: ui.switch_href(path),
            releases,
        })
    }

    /// `None` when there is no such release.
    pub fn page(
        &self,
        name: &str,
        ui: Ui,
        path: &str,
        iris: &Iris,
    ) -> Result<Option<ReleasePage>, ReleaseError> {
        let all = self.releases.list()?;
        let Some(at) = all.iter().position(|r| r.name == name) else {
            return Ok(None);
        };
        let previous = at.checked_sub(1).map(|i| all[i].name.clone());
        let key = (name.to_owned(), ui.english());
        let cached = self.notes.lock().ok().and_then(|m| m.get(&key).cloned());
        let notes = match cached {
            Some(n) => n,
            None => {
                let new = self.releases.load(name, iris)?;
                let old = match &previous {
                    Some(p) => self.releases.load(p, iris)?,
                    None => crate::domain::Catalog::default(),
                };
                let lang = if ui.english() {
                    Language::En
                } else {
                    Language::Sv
                };
                let n = std::sync::Arc::new(diff::notes(&diff::catalogs(&old, &new), lang));
                if let Ok(mut m) = self.notes.lock() {
                    m.insert(key, n.clone());
                }
                n
            }
        };
        Ok(Some(ReleasePage {
            ui,
            title: format!("{} {}", ui.t.release, name),
            switch: ui.switch_href(path),
            release: all[at].clone(),
            previous,
            notes: notes.as_ref().clone(),
        }))
    }
}
