//! `/kvalitet` (English `/en/kvalitet`): data.europa.eu's Metadata Quality Assessment of the
//! published catalogue, per dataset and dimension, as a portal's harvest will score it. The
//! page scores what the metadata says; the three indicators that need more (whether access
//! and download URLs answer, DCAT-AP compliance by SHACL) are listed as not checked here and
//! scored by `varcat validate --mqa --links`. Worked out once per snapshot.

use askama::Template;

use crate::feed::{FeedQuery, Profile};
use crate::quality::{Checks, Dimension, Outcome, mqa};
use crate::web::{State, WebError};

use super::super::snapshot::Snapshot;
use super::Ui;

pub struct Row {
    pub href: String,
    pub title: String,
    pub dimensions: Vec<String>,
    pub points: String,
    pub rating: String,
}

pub struct IndicatorRow {
    pub label: &'static str,
    pub dimension: &'static str,
    pub weight: u32,
    pub met: String,
}

#[derive(Template)]
#[template(path = "pages/quality.html")]
pub struct QualityPage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
    pub lead: &'static str,
    pub not_checked: String,
    pub summary: String,
    pub datasets_caption: &'static str,
    pub dataset_heading: &'static str,
    pub dimensions: Vec<&'static str>,
    pub points_heading: &'static str,
    pub rating_heading: &'static str,
    pub rows: Vec<Row>,
    pub indicators_caption: &'static str,
    pub indicator_heading: &'static str,
    pub dimension_heading: &'static str,
    pub weight_heading: &'static str,
    pub met_heading: &'static str,
    pub indicators: Vec<IndicatorRow>,
}

/// The latest kept link check (`varcat linkcheck`): when it ran, and whether each URL answered.
fn kept_links(state: &State) -> Option<(String, std::collections::HashMap<String, bool>)> {
    let rows = state.db.lock().ok()?.latest_link_checks().ok()?;
    let at = rows.first()?.checked_at.clone();
    Some((at, rows.into_iter().map(|r| (r.url, r.ok)).collect()))
}

/// The assessment of what anonymous visitors see: the metadata, and the links as the latest
/// kept link check found them.
pub fn assessment(
    snap: &Snapshot,
    state: &State,
    links: Option<std::collections::HashMap<String, bool>>,
) -> Result<mqa::Assessment, WebError> {
    let quads = crate::web::feeds::public_quads(
        snap,
        state,
        &state.settings.unsplit(),
        Profile::DcatApSe,
        &FeedQuery::default(),
        None,
    )?;
    let checks = Checks {
        links,
        conforming: None,
    };
    Ok(mqa::assess(&quads, &checks))
}

pub fn page(snap: &Snapshot, state: &State, ui: Ui, path: &str) -> Result<QualityPage, WebError> {
    let kept = kept_links(state);
    let links_at = kept.as_ref().map(|k| k.0.clone());
    let a = assessment(snap, state, kept.map(|k| k.1))?;
    let en = ui.english();
    let t = |sv: &'static str, english: &'static str| if en { english } else { sv };
    let base = state.store.iris().base();
    let unchecked: &[&str] = if links_at.is_some() {
        &["dcat_ap"]
    } else {
        &["access_url_answers", "download_url_answers", "dcat_ap"]
    };
    let checked: u32 = mqa::indicators()
        .filter(|i| !unchecked.contains(&i.key))
        .map(|i| i.weight)
        .sum();
    let number = |x: f64| format!("{x:.0}");
    let rows = a
        .datasets
        .iter()
        .map(|d| {
            let dimensions = Dimension::ALL
                .iter()
                .map(|dim| {
                    let (got, max) = mqa::indicators()
                        .zip(&d.results)
                        .filter(|(i, _)| i.dimension == *dim)
                        .fold((0.0, 0), |(g, m), (i, r)| (g + r.2, m + i.weight));
                    format!("{} / {max}", number(got))
                })
                .collect();
            Row {
                href: format!(
                    "{}{}",
                    ui.prefix,
                    d.iri.strip_prefix(base).unwrap_or(&d.iri)
                ),
                title: d.title.clone(),
                dimensions,
                points: format!("{} / {}", number(d.points), a.maximum),
                rating: format!(
                    "{} ({})",
                    d.rating.label(en),
                    t("preliminärt", "provisional")
                ),
            }
        })
        .collect();
    let indicators = mqa::indicators()
        .enumerate()
        .map(|(n, i)| {
            let outcomes: Vec<&Outcome> = a.datasets.iter().map(|d| &d.results[n].1).collect();
            let met = if outcomes.iter().any(|o| **o == Outcome::NotChecked) {
                t("ej kontrollerat här", "not checked here").to_owned()
            } else {
                let full = outcomes.iter().filter(|o| ***o == Outcome::Met).count();
                format!("{full} {} {}", t("av", "of"), outcomes.len())
            };
            IndicatorRow {
                label: if en { i.en } else { i.sv },
                dimension: i.dimension.label(en),
                weight: i.weight,
                met,
            }
        })
        .collect();
    let summary = if en {
        format!(
            "The catalogue: {} of the {checked} points checked here ({} possible), rated {} (provisional).",
            number(a.points),
            a.maximum,
            a.rating.label(true)
        )
    } else {
        format!(
            "Katalogen: {} av de {checked} poäng som kontrolleras här ({} möjliga), betyg {} (preliminärt).",
            number(a.points),
            a.maximum,
            a.rating.label(false)
        )
    };
    Ok(QualityPage {
        ui,
        title: t("Metadatakvalitet", "Metadata quality").to_owned(),
        switch: ui.switch_href(path),
        lead: t(
            "Så här poängsätter data.europa.eu:s Metadata Quality Assessment (MQA) katalogens datamängder när portalerna skördar dem: samma indikatorer och vikter (405 poäng), räknade här före skörden.",
            "How data.europa.eu's Metadata Quality Assessment (MQA) scores the catalogue's datasets when the portals harvest them: the same indicators and weights (405 points), computed here before the harvest.",
        ),
        not_checked: match &links_at {
            None => t(
                "Tre indikatorer kräver mer än metadata och kontrolleras inte på sidan: att åtkomst- och nedladdnings-URL:erna svarar (kör varcat linkcheck, så visas resultatet här) och att datamängden följer DCAT-AP (SHACL). Kommandot varcat validate --mqa --links poängsätter alla.",
                "Three indicators need more than the metadata and are not checked on this page: whether the access and download URLs answer (run varcat linkcheck and its result shows here) and DCAT-AP compliance (SHACL). The command varcat validate --mqa --links scores them all.",
            )
            .to_owned(),
            Some(at) => {
                if en {
                    format!("Whether the access and download URLs answer is from the link check of {at} (varcat linkcheck). DCAT-AP compliance (SHACL) is not checked on this page: varcat validate --mqa scores it.")
                } else {
                    format!("Om åtkomst- och nedladdnings-URL:erna svarar kommer från länkkontrollen {at} (varcat linkcheck). Att datamängderna följer DCAT-AP (SHACL) kontrolleras inte på sidan: varcat validate --mqa poängsätter det.")
                }
            }
        },
        summary,
        datasets_caption: t(
            "Poäng per datamängd och dimension",
            "Points per dataset and dimension",
        ),
        dataset_heading: t("Datamängd", "Dataset"),
        dimensions: Dimension::ALL.iter().map(|d| d.label(en)).collect(),
        points_heading: t("Poäng", "Points"),
        rating_heading: t("Betyg", "Rating"),
        rows,
        indicators_caption: t("Indikatorer", "Indicators"),
        indicator_heading: t("Indikator", "Indicator"),
        dimension_heading: t("Dimension", "Dimension"),
        weight_heading: t("Vikt", "Weight"),
        met_heading: t("Uppfylls av", "Met by"),
        indicators,
    })
}
