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

use std::collections::{BTreeMap, HashMap};

use oxigraph::model::{NamedOrBlankNode, Quad, Term};

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

/// One MQA indicator: what it checks, on what, and its weight.
#[derive(Debug, Clone, Copy)]
pub struct Indicator {
    pub key: &'static str,
    pub dimension: Dimension,
    pub weight: u32,
    /// Checked on each distribution (scored by share) rather than on the dataset.
    pub per_distribution: bool,
    pub sv: &'static str,
    pub en: &'static str,
}

const fn ind(
    key: &'static str,
    dimension: Dimension,
    weight: u32,
    per_distribution: bool,
    sv: &'static str,
    en: &'static str,
) -> Indicator {
    Indicator {
        key,
        dimension,
        weight,
        per_distribution,
        sv,
        en,
    }
}

use Dimension::*;

/// The MQA's indicators and weights, in its order.
pub const INDICATORS: [Indicator; 19] = [
    ind(
        "keyword",
        Findability,
        30,
        false,
        "Nyckelord (dcat:keyword)",
        "Keywords (dcat:keyword)",
    ),
    ind(
        "theme",
        Findability,
        30,
        false,
        "Tema (dcat:theme)",
        "Categories (dcat:theme)",
    ),
    ind(
        "spatial",
        Findability,
        20,
        false,
        "Geografisk täckning (dct:spatial)",
        "Geo search (dct:spatial)",
    ),
    ind(
        "temporal",
        Findability,
        20,
        false,
        "Tidsperiod (dct:temporal)",
        "Time-based search (dct:temporal)",
    ),
    ind(
        "access_url_answers",
        Accessibility,
        50,
        true,
        "Åtkomst-URL svarar",
        "AccessURL accessibility",
    ),
    ind(
        "download_url",
        Accessibility,
        20,
        true,
        "Nedladdnings-URL finns",
        "DownloadURL",
    ),
    ind(
        "download_url_answers",
        Accessibility,
        30,
        true,
        "Nedladdnings-URL svarar",
        "DownloadURL accessibility",
    ),
    ind(
        "format",
        Interoperability,
        20,
        true,
        "Format (dct:format)",
        "Format (dct:format)",
    ),
    ind(
        "media_type",
        Interoperability,
        10,
        true,
        "Medietyp (dcat:mediaType)",
        "Media type (dcat:mediaType)",
    ),
    ind(
        "format_vocabulary",
        Interoperability,
        10,
        true,
        "Format eller medietyp ur vokabulär",
        "Format / media type from vocabulary",
    ),
    ind(
        "non_proprietary",
        Interoperability,
        20,
        true,
        "Icke-proprietärt format",
        "Non-proprietary",
    ),
    ind(
        "machine_readable",
        Interoperability,
        20,
        true,
        "Maskinläsbart format",
        "Machine-readable",
    ),
    ind(
        "dcat_ap",
        Interoperability,
        30,
        false,
        "Följer DCAT-AP (SHACL)",
        "DCAT-AP compliance",
    ),
    ind(
        "licence",
        Reusability,
        20,
        true,
        "Licens (dct:license)",
        "Licence information",
    ),
    ind(
        "known_licence",
        Reusability,
        10,
        true,
        "Känd licens",
        "Licence vocabulary",
    ),
    ind(
        "access_rights",
        Reusability,
        10,
        false,
        "Åtkomsträttigheter (dct:accessRights)",
        "Access restrictions",
    ),
    ind(
        "access_rights_vocabulary",
        Reusability,
        5,
        false,
        "Åtkomsträttigheter ur vokabulär",
        "Access restrictions vocabulary",
    ),
    ind(
        "contact_point",
        Reusability,
        20,
        false,
        "Kontaktpunkt (dcat:contactPoint)",
        "Contact point",
    ),
    ind(
        "publisher",
        Reusability,
        10,
        false,
        "Utgivare (dct:publisher)",
        "Publisher",
    ),
];

/// Contextuality comes last in the MQA's tables; kept apart so `INDICATORS` reads as they do.
pub const CONTEXT: [Indicator; 4] = [
    ind(
        "rights",
        Contextuality,
        5,
        true,
        "Rättigheter (dct:rights)",
        "Rights",
    ),
    ind(
        "byte_size",
        Contextuality,
        5,
        true,
        "Filstorlek (dcat:byteSize)",
        "File size",
    ),
    ind(
        "issued",
        Contextuality,
        5,
        false,
        "Utgivningsdatum (dct:issued)",
        "Date of issue",
    ),
    ind(
        "modified",
        Contextuality,
        5,
        false,
        "Ändringsdatum (dct:modified)",
        "Modification date",
    ),
];

/// Every indicator, contextuality last.
pub fn indicators() -> impl Iterator<Item = &'static Indicator> {
    INDICATORS.iter().chain(CONTEXT.iter())
}

/// The most points there are: 405.
pub fn maximum() -> u32 {
    indicators().map(|i| i.weight).sum()
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

/// Subject → predicate → objects of a feed graph.
struct Graph(HashMap<String, BTreeMap<String, Vec<Term>>>);

impl Graph {
    fn of(quads: &[Quad]) -> Self {
        let mut m: HashMap<String, BTreeMap<String, Vec<Term>>> = HashMap::new();
        for q in quads {
            if let NamedOrBlankNode::NamedNode(s) = &q.subject {
                m.entry(s.as_str().to_owned())
                    .or_default()
                    .entry(q.predicate.as_str().to_owned())
                    .or_default()
                    .push(q.object.clone());
            }
        }
        Self(m)
    }

    fn objects(&self, s: &str, p: oxigraph::model::NamedNodeRef<'_>) -> &[Term] {
        self.0
            .get(s)
            .and_then(|m| m.get(p.as_str()))
            .map_or(&[], Vec::as_slice)
    }

    fn has(&self, s: &str, p: oxigraph::model::NamedNodeRef<'_>) -> bool {
        !self.objects(s, p).is_empty()
    }

    fn iris(&self, s: &str, p: oxigraph::model::NamedNodeRef<'_>) -> Vec<String> {
        self.objects(s, p)
            .iter()
            .filter_map(|t| match t {
                Term::NamedNode(n) => Some(n.as_str().to_owned()),
                _ => None,
            })
            .collect()
    }
}

pub(super) mod vocabularies;
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
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Literal, NamedNode};

    fn quad(s: &str, p: oxigraph::model::NamedNodeRef<'_>, o: Term) -> Quad {
        Quad::new(NamedNode::new_unchecked(s), p, o, GraphName::DefaultGraph)
    }

    fn iri(s: &str) -> Term {
        Term::NamedNode(NamedNode::new_unchecked(s))
    }

    /// A dataset with a theme and two distributions, one of them a CSV with a media type.
    fn graph() -> Vec<Quad> {
        vec![
            quad(
                "http://x/ds",
                rdf::TYPE,
                Term::NamedNode(dcat::DATASET.into_owned()),
            ),
            quad("http://x/ds", dcat::THEME, iri("http://t/HEAL")),
            quad("http://x/ds", dcat::DISTRIBUTION_PROP, iri("http://x/d1")),
            quad("http://x/ds", dcat::DISTRIBUTION_PROP, iri("http://x/d2")),
            quad(
                "http://x/d1",
                dcat::MEDIA_TYPE,
                iri("http://www.iana.org/assignments/media-types/text/csv"),
            ),
            quad("http://x/d1", dcat::DOWNLOAD_URL, iri("http://x/d1.csv")),
            quad(
                "http://x/d1",
                dct::FORMAT,
                Term::Literal(Literal::new_simple_literal("text/csv")),
            ),
        ]
    }

    fn outcome<'a>(d: &'a DatasetScore, key: &str) -> &'a (&'static str, Outcome, f64) {
        d.results.iter().find(|r| r.0 == key).expect("indicator")
    }

    #[test]
    fn the_weights_are_the_mqa_s_405_points_in_five_dimensions() {
        assert_eq!(maximum(), 405);
        let per = |d: Dimension| -> u32 {
            indicators()
                .filter(|i| i.dimension == d)
                .map(|i| i.weight)
                .sum()
        };
        assert_eq!(
            Dimension::ALL.map(per),
            [100, 100, 110, 75, 20],
            "findability, accessibility, interoperability, reusability, contextuality"
        );
        assert_eq!(Rating::of(351.0), Rating::Excellent);
        assert_eq!(Rating::of(350.0), Rating::Good);
        assert_eq!(Rating::of(221.0), Rating::Good);
        assert_eq!(Rating::of(220.0), Rating::Sufficient);
        assert_eq!(Rating::of(120.0), Rating::Bad);
    }

    #[test]
    fn dataset_indicators_score_whole_and_distribution_indicators_by_share() {
        let a = assess(&graph(), &Checks::default());
        let d = &a.datasets[0];
        assert_eq!(outcome(d, "theme").1, Outcome::Met);
        assert_eq!(outcome(d, "keyword").1, Outcome::NotMet);
        assert_eq!(outcome(d, "media_type").1, Outcome::Share(0.5));
        assert_eq!(outcome(d, "media_type").2, 5.0);
        assert_eq!(outcome(d, "machine_readable").2, 10.0);
        // 30 theme + 10 downloadURL + 10 format + 5 media type + 5 vocabulary
        // + 10 non-proprietary + 10 machine-readable.
        assert_eq!(d.points, 80.0);
    }

    #[test]
    fn what_was_not_checked_scores_nothing_and_says_so_until_it_is() {
        let a = assess(&graph(), &Checks::default());
        let d = &a.datasets[0];
        assert_eq!(outcome(d, "access_url_answers").1, Outcome::NotChecked);
        assert_eq!(outcome(d, "dcat_ap").1, Outcome::NotChecked);
        assert!(d.provisional && a.provisional);
        let checks = Checks {
            links: Some(HashMap::from([("http://x/d1.csv".to_owned(), true)])),
            conforming: Some(HashMap::from([("http://x/ds".to_owned(), true)])),
        };
        let d = &assess(&graph(), &checks).datasets[0];
        assert!(!d.provisional);
        assert_eq!(outcome(d, "dcat_ap").1, Outcome::Met);
        // d2 has no download URL: it cannot answer.
        assert_eq!(outcome(d, "download_url_answers").1, Outcome::Share(0.5));
        // Neither has an access URL.
        assert_eq!(outcome(d, "access_url_answers").1, Outcome::NotMet);
    }
}
