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
