//! Release pages: `/utgavor` lists the frozen releases; `/utgavor/{name}` shows one with its
//! change notes against the release before it, in Swedish or English (`/en/utgavor/…`).
//! Releases never change, so what each kind of viewer sees of a release (its counts and notes,
//! without drafts for anonymous visitors) is worked out once and kept.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use askama::Template;

use crate::diff::{self, Language};
use crate::domain::{Catalog, Counts};
use crate::releases::{Release, ReleaseError, Releases};
use crate::store::Iris;
use crate::web::visibility::{self, Viewer};

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

/// What a viewer sees of one release: its counts, and its change notes against the release
/// before it in Swedish and in English.
struct Summary {
    counts: Counts,
    notes_sv: Vec<String>,
    notes_en: Vec<String>,
}

/// The releases of a data directory, with what each viewer sees of those worked out so far.
pub struct ReleaseNotes {
    releases: Releases,
    seen: Mutex<HashMap<(String, Viewer), Arc<Summary>>>,
}

impl ReleaseNotes {
    pub fn new(releases: Releases) -> Self {
        Self {
            releases,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// The release `at` of `all` as `viewer` sees it: its catalogue and the one before it,
    /// without what the viewer may not see (a draft then), compared.
    fn summary(
        &self,
        all: &[Release],
        at: usize,
        viewer: Viewer,
        iris: &Iris,
    ) -> Result<Arc<Summary>, ReleaseError> {
        let name = &all[at].name;
        let key = (name.clone(), viewer);
        if let Some(hit) = self.seen.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(hit);
        }
        let load = |name: &str| -> Result<Catalog, ReleaseError> {
            let mut cat = self.releases.load(name, iris)?;
            visibility::restrict(viewer, &mut cat);
            Ok(cat)
        };
        let new = load(name)?;
        let old = match at.checked_sub(1) {
            Some(i) => load(&all[i].name)?,
            None => Catalog::default(),
        };
        let changes = diff::catalogs(&old, &new);
        let summary = Arc::new(Summary {
            counts: new.counts(),
            notes_sv: diff::notes(&changes, Language::Sv),
            notes_en: diff::notes(&changes, Language::En),
        });
        if let Ok(mut m) = self.seen.lock() {
            m.insert(key, summary.clone());
        }
        Ok(summary)
    }

    /// Release `at` with the counts `viewer` sees (the record's own for an editor, who sees
    /// everything).
    fn as_seen(
        &self,
        all: &[Release],
        at: usize,
        viewer: Viewer,
        iris: &Iris,
    ) -> Result<Release, ReleaseError> {
        let mut r = all[at].clone();
        if viewer != Viewer::Editor {
            let c = self.summary(all, at, viewer, iris)?.counts;
            (r.variables, r.codebooks, r.codes, r.use_cases) =
                (c.variables, c.codebooks, c.codes, c.use_cases);
        }
        Ok(r)
    }

    pub fn list_page(
        &self,
        ui: Ui,
        viewer: Viewer,
        path: &str,
        iris: &Iris,
    ) -> Result<ListPage, ReleaseError> {
        let all = self.releases.list()?;
        let mut releases = (0..all.len())
            .map(|at| self.as_seen(&all, at, viewer, iris))
            .collect::<Result<Vec<_>, _>>()?;
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
        viewer: Viewer,
        path: &str,
        iris: &Iris,
    ) -> Result<Option<ReleasePage>, ReleaseError> {
        let all = self.releases.list()?;
        let Some(at) = all.iter().position(|r| r.name == name) else {
            return Ok(None);
        };
        let previous = at.checked_sub(1).map(|i| all[i].name.clone());
        let summary = self.summary(&all, at, viewer, iris)?;
        Ok(Some(ReleasePage {
            ui,
            title: format!("{} {}", ui.t.release, name),
            switch: ui.switch_href(path),
            release: self.as_seen(&all, at, viewer, iris)?,
            previous,
            notes: if ui.english() {
                summary.notes_en.clone()
            } else {
                summary.notes_sv.clone()
            },
        }))
    }
}
