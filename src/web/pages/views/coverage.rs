//! The portal metadata of a data collection on its page: contact name, coverage, issue date,
//! keywords, version and the HealthDCAT-AP fields, each under its column's label.

use crate::domain::{Catalog, Collection, Period};
use crate::fields::{Column, coverage as cov};

use super::super::Ui;
use super::{Fact, fact, pick};

fn label(ui: Ui, c: &Column) -> &'static str {
    if ui.english() { c.label.en } else { c.label.sv }
}

fn period(p: &Period) -> String {
    match (p.start.as_str(), p.end.as_str()) {
        ("", "") => String::new(),
        (s, e) => format!("{s} – {e}").trim().to_owned(),
    }
}

/// The facts of `c`'s metadata that are given, in the order of the sheet.
pub(super) fn facts(ui: Ui, cat: &Catalog, c: &Collection) -> Vec<Fact> {
    let m = &c.meta;
    let t = |sv: &'static str, en: &'static str| if ui.english() { en } else { sv };
    let places: Vec<String> = m
        .spatial
        .iter()
        .map(|p| {
            let (sv, en) = p.labels();
            format!("{} ({p})", if ui.english() { en } else { sv })
        })
        .collect();
    let keywords = if ui.english() && !m.keywords_en.is_empty() {
        &m.keywords_en
    } else {
        &m.keywords_sv
    };
    let personal: Vec<&str> = m.personal_data.iter().map(|p| p.label(ui.lang())).collect();
    let count = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    [
        fact(
            label(ui, &cov::CONTACT_NAME),
            pick(ui, &cat.contact_name(c)),
        ),
        fact(t("Tidsperiod", "Temporal coverage"), period(&m.temporal)),
        fact(label(ui, &cov::SPATIAL), places.join("; ")),
        fact(label(ui, &cov::ISSUED), m.issued.clone()),
        fact(t("Nyckelord", "Keywords"), keywords.join("; ")),
        fact(label(ui, &cov::VERSION), m.version.clone()),
        fact(label(ui, &cov::POPULATION), pick(ui, &m.population)),
        fact(label(ui, &cov::PERSONAL_DATA), personal.join("; ")),
        fact(label(ui, &cov::LEGAL_BASIS), pick(ui, &m.legal_basis)),
        fact(label(ui, &cov::PURPOSE), pick(ui, &m.purpose)),
        fact(t("Bevarandetid", "Retention period"), period(&m.retention)),
        fact(label(ui, &cov::RECORDS), count(m.records)),
        fact(label(ui, &cov::INDIVIDUALS), count(m.individuals)),
    ]
    .into_iter()
    .flatten()
    .collect()
}
