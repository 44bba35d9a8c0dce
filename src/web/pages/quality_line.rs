//! The line on a data collection's page giving its score in data.europa.eu's Metadata
//! Quality Assessment, as `/kvalitet` scores it (the metadata, and the links as the latest
//! kept link check found them), with a link there. Filled in when the page is served (the
//! page is kept per snapshot; a link check arrives without one), the score kept per snapshot.

use actix_web::web;

use crate::web::{State, WebError};

use super::Ui;
use super::views::ItemPage;

const MARKER: &str = "<!--varcat:mqa:";

impl ItemPage {
    /// The place of the MQA line on a data collection's page.
    pub fn quality_marker(&self) -> String {
        format!("{MARKER}{}-->", self.iri)
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The line for the dataset `iri`, or nothing when it is not in the published feed.
fn line(state: &State, ui: Ui, iri: &str) -> Result<String, WebError> {
    let snap = state.snapshot();
    // A page never waits for the database: while a write holds it, the score is of the
    // metadata alone.
    let kept: Option<(String, std::collections::HashMap<String, bool>)> =
        state.db.try_lock().ok().and_then(|mut db| {
            let rows = db.latest_link_checks().ok()?;
            let at = rows.first()?.checked_at.clone();
            Some((at, rows.into_iter().map(|r| (r.url, r.ok)).collect()))
        });
    let checked = kept.as_ref().map(|k| k.0.clone()).unwrap_or_default();
    let key = format!("mqa-line|{}|{iri}|{checked}", ui.prefix);
    let body = snap.cached(key, || {
        let a = super::quality::assessment(&snap, state, kept.map(|k| k.1))?;
        let Some(d) = a.datasets.iter().find(|d| d.iri == iri) else {
            return Ok(Some(Vec::new()));
        };
        let en = ui.english();
        let provisional = if d.provisional {
            if en { " (provisional)" } else { " (preliminärt)" }
        } else {
            ""
        };
        let text = if en {
            format!(
                "Metadata quality (data.europa.eu's MQA): {:.0} of {} points, rated {}{provisional}.",
                d.points,
                a.maximum,
                d.rating.label(true)
            )
        } else {
            format!(
                "Metadatakvalitet (data.europa.eu:s MQA): {:.0} av {} poäng, betyg {}{provisional}.",
                d.points,
                a.maximum,
                d.rating.label(false)
            )
        };
        let more = if en { "All indicators" } else { "Alla indikatorer" };
        Ok(Some(
            format!(
                "<p class=\"quality-line\">{} <a href=\"{}/kvalitet\">{more}</a></p>",
                askama::filters::escape(&text, askama::filters::Html)
                    .map(|e| e.to_string())
                    .unwrap_or_default(),
                ui.prefix
            )
            .into_bytes(),
        ))
    })?;
    Ok(body
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default())
}

/// Whether `page` has a place for the MQA line (is a data collection's page).
pub fn has_place(page: &[u8]) -> bool {
    find(page, MARKER.as_bytes()).is_some()
}

/// `page` with its MQA line, when it is a data collection's page.
pub async fn fill(state: &State, ui: Ui, page: web::Bytes) -> Result<web::Bytes, WebError> {
    let Some(at) = find(&page, MARKER.as_bytes()) else {
        return Ok(page);
    };
    let rest = &page[at + MARKER.len()..];
    let Some(end) = find(rest, b"-->") else {
        return Ok(page);
    };
    let iri = String::from_utf8_lossy(&rest[..end]).into_owned();
    let line = line(state, ui, &iri)?;
    let mut out = Vec::with_capacity(page.len() + line.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(line.as_bytes());
    out.extend_from_slice(&rest[end + 3..]);
    Ok(web::Bytes::from(out))
}
