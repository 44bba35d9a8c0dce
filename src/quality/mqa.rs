//! data.europa.eu's Metadata Quality Assessment (MQA), computed locally with its own
//! indicators and weights: findability 100 (keywords, themes, spatial, temporal),
//! accessibility 100 (accessURL answers, downloadURL present, downloadURL answers),
//! interoperability 110 (format, media type, either from a vocabulary, non-proprietary,
//! machine-readable, DCAT-AP compliance), reusability 75 (licence, known licence, access
//! rights, from the vocabulary, contact point, publisher), contextuality 20 (rights, byte size,
//! issued, modified): 405 points, rated excellent (351–405), good (221–350), sufficient
//! (121–220) or bad (0–120). Source: the MQA methodology of data.europa.eu,
//! <https://data.europa.eu/mqa/methodology> (the data provider manual's "Metadata quality
//! dashboard", <https://dataeuropa.gitlab.io/data-provider-manual/metadata-quality-dashboard/>).
//!
//! Distribution indicators score their weight times the share of the dataset's distributions
//! that meet them. Three indicators need more than the metadata: whether the URLs answer
//! (`Checks::links`, from `varcat linkcheck` or `validate --mqa --links`) and DCAT-AP
//! compliance (`Checks::conforming`); without those checks — or for a URL the link check did
//! not cover — they are `NotChecked`, count no points, and the rating is marked provisional.

use std::collections::HashMap;

use oxigraph::model::{Quad, Term};

use crate::store::vocab::{dcat, dct, rdf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Findability,
    Accessibility,
    Interoperability,
    Reusability,
    Contextuality,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Dimension::Findability,
        Dimension::Accessibility,
        Dimension::Interoperability,
        Dimension::Reusability,
        Dimension::Contextuality,
    ];

    pub fn label(self, english: bool) -> &'static str {
        match (self, english) {
            (Dimension::Findability, false) => "Sökbarhet",
            (Dimension::Findability, true) => "Findability",
            (Dimension::Accessibility, false) => "Tillgänglighet",
            (Dimension::Accessibility, true) => "Accessibility",
            (Dimension::Interoperability, false) => "Interoperabilitet",
            (Dimension::Interoperability, true) => "Interoperability",
            (Dimension::Reusability, false) => "Återanvändbarhet",
            (Dimension::Reusability, true) => "Reusability",
            (Dimension::Contextuality, false) => "Sammanhang",
            (Dimension::Contextuality, true) => "Contextuality",
        }
    }
}

/// What the checks beyond the metadata found; `None`: not checked.
#[derive(Debug, Default, Clone)]
pub struct Checks {
    /// Whether each URL answered (2xx or 3xx).
    pub links: Option<HashMap<String, bool>>,
    /// Whether each dataset (by IRI) passed the DCAT-AP shapes.
    pub conforming: Option<HashMap<String, bool>>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome", content = "share")]
pub enum Outcome {
    Met,
    NotMet,
    /// The share of the dataset's distributions that meet it.
    Share(f64),
    NotChecked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Excellent,
    Good,
    Sufficient,
    Bad,
}

impl Rating {
    pub fn of(points: f64) -> Rating {
        match points.round() as u32 {
            351.. => Rating::Excellent,
            221..=350 => Rating::Good,
            121..=220 => Rating::Sufficient,
            _ => Rating::Bad,
        }
    }

    pub fn label(self, english: bool) -> &'static str {
        match (self, english) {
            (Rating::Excellent, false) => "utmärkt",
            (Rating::Excellent, true) => "excellent",
            (Rating::Good, false) => "bra",
            (Rating::Good, true) => "good",
            (Rating::Sufficient, false) => "tillräcklig",
            (Rating::Sufficient, true) => "sufficient",
            (Rating::Bad, false) => "dålig",
            (Rating::Bad, true) => "bad",
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct DatasetScore {
    pub iri: String,
    pub title: String,
    /// (indicator key, outcome, points).
    pub results: Vec<(&'static str, Outcome, f64)>,
    pub points: f64,
    pub rating: Rating,
    /// Some indicators were not checked: the rating may rise once they are.
    pub provisional: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Assessment {
    pub maximum: u32,
    pub datasets: Vec<DatasetScore>,
    /// The catalogue's score: the mean of its datasets' (as the MQA's catalogue view).
    pub points: f64,
    pub rating: Rating,
    pub provisional: bool,
}

mod graph;
mod table;
pub(super) mod vocabularies;
use graph::Graph;
pub use table::{CONTEXT, INDICATORS, Indicator, indicators, maximum};
use vocabularies::{format_token, in_access_rights_vocabulary, known_licence};

/// The MQA of a DCAT feed graph (one profile, unsplit).
pub fn assess(quads: &[Quad], checks: &Checks) -> Assessment {
    let g = Graph::of(quads);
    let mut datasets: Vec<DatasetScore> =
        g.0.iter()
            .filter(|(_, props)| {
                props.get(rdf::TYPE.as_str()).is_some_and(|ts| {
                    ts.iter()
                        .any(|t| matches!(t, Term::NamedNode(n) if n.as_ref() == dcat::DATASET))
                })
            })
            .map(|(iri, _)| dataset(&g, iri, checks))
            .collect();
    datasets.sort_by(|a, b| a.iri.cmp(&b.iri));
    let points = if datasets.is_empty() {
        0.0
    } else {
        datasets.iter().map(|d| d.points).sum::<f64>() / datasets.len() as f64
    };
    Assessment {
        maximum: maximum(),
        provisional: datasets.iter().any(|d| d.provisional),
        rating: Rating::of(points),
        points,
        datasets,
    }
}

fn dataset(g: &Graph, iri: &str, checks: &Checks) -> DatasetScore {
    let distributions = g.iris(iri, dcat::DISTRIBUTION_PROP);
    let title = g
        .objects(iri, dct::TITLE)
        .iter()
        .filter_map(|t| match t {
            Term::Literal(l) if l.language() == Some("sv") => Some(l.value().to_owned()),
            _ => None,
        })
        .next()
        .unwrap_or_else(|| iri.to_owned());
    // A URL the checks do not cover (not checked, or added since) is not checked.
    let answers = |urls: Vec<String>| -> Option<bool> {
        let links = checks.links.as_ref()?;
        let each: Option<Vec<bool>> = urls.iter().map(|u| links.get(u).copied()).collect();
        each.map(|e| !e.is_empty() && e.iter().all(|ok| *ok))
    };
    let on_dataset = |key: &str| -> Option<bool> {
        Some(match key {
            "keyword" => g.has(iri, dcat::KEYWORD),
            "theme" => g.has(iri, dcat::THEME),
            "spatial" => g.has(iri, dct::SPATIAL),
            "temporal" => g.has(iri, dct::TEMPORAL),
            "dcat_ap" => {
                return checks
                    .conforming
                    .as_ref()
                    .map(|c| c.get(iri).copied().unwrap_or(false));
            }
            "access_rights" => g.has(iri, dct::ACCESS_RIGHTS),
            "access_rights_vocabulary" => g
                .iris(iri, dct::ACCESS_RIGHTS)
                .iter()
                .any(|a| in_access_rights_vocabulary(a)),
            "contact_point" => g.has(iri, dcat::CONTACT_POINT),
            "publisher" => g.has(iri, dct::PUBLISHER),
            "issued" => g.has(iri, dct::ISSUED),
            "modified" => g.has(iri, dct::MODIFIED),
            _ => false,
        })
    };
    let on_distribution = |key: &str, d: &str| -> Option<bool> {
        let format = format_token(g.objects(d, dct::FORMAT), g.objects(d, dcat::MEDIA_TYPE));
        Some(match key {
            "access_url_answers" => return answers(g.iris(d, dcat::ACCESS_URL)),
            "download_url" => g.has(d, dcat::DOWNLOAD_URL),
            "download_url_answers" => return answers(g.iris(d, dcat::DOWNLOAD_URL)),
            "format" => g.has(d, dct::FORMAT),
            "media_type" => g.has(d, dcat::MEDIA_TYPE),
            "format_vocabulary" => format.as_ref().is_some_and(|f| f.from_vocabulary),
            "non_proprietary" => format.as_ref().is_some_and(|f| f.non_proprietary),
            "machine_readable" => format.as_ref().is_some_and(|f| f.machine_readable),
            "licence" => g.has(d, dct::LICENSE),
            "known_licence" => g.iris(d, dct::LICENSE).iter().any(|l| known_licence(l)),
            "rights" => g.has(d, dct::RIGHTS),
            "byte_size" => g.has(d, dcat::BYTE_SIZE),
            _ => false,
        })
    };
    let mut results = Vec::new();
    let mut provisional = false;
    for i in indicators() {
        let outcome = if i.per_distribution {
            let met: Option<Vec<bool>> = distributions
                .iter()
                .map(|d| on_distribution(i.key, d))
                .collect();
            match met {
                None => Outcome::NotChecked,
                Some(m) if m.is_empty() => Outcome::NotMet,
                Some(m) => {
                    let share = m.iter().filter(|x| **x).count() as f64 / m.len() as f64;
                    if share == 1.0 {
                        Outcome::Met
                    } else if share == 0.0 {
                        Outcome::NotMet
                    } else {
                        Outcome::Share(share)
                    }
                }
            }
        } else {
            match on_dataset(i.key) {
                None => Outcome::NotChecked,
                Some(true) => Outcome::Met,
                Some(false) => Outcome::NotMet,
            }
        };
        let points = match &outcome {
            Outcome::Met => f64::from(i.weight),
            Outcome::Share(s) => f64::from(i.weight) * s,
            Outcome::NotMet => 0.0,
            Outcome::NotChecked => {
                provisional = true;
                0.0
            }
        };
        results.push((i.key, outcome, points));
    }
    let points = results.iter().map(|r| r.2).sum();
    DatasetScore {
        iri: iri.to_owned(),
        title,
        results,
        points,
        rating: Rating::of(points),
        provisional,
    }
}

#[cfg(test)]
mod tests;
