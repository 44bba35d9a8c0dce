//! The regions' conformance results in the HealthDCAT-AP feed, as W3C DQV quality
//! measurements on each dataset (data collection): per region that reported the collection,
//! the share of its extract's rows that conform to the specification in its latest period
//! (`dqv:value`, xsd:decimal from 0 to 1), attributed to the region (`prov:wasAttributedTo`),
//! for the period (`dct:temporal`, a `dct:PeriodOfTime`), when it was recorded
//! (`prov:generatedAtTime`), of the one metric [`metric_iri`] described here.
//!
//! Aggregates only, as recorded (row counts, never a value). Left out: results of synthetic
//! extracts (they are no region's conformance, and a harvester would take the figure as one),
//! checks scoped to a use case (they test part of the specification), extracts without rows,
//! and a run that checked a variable the public catalogue does not show (a draft): its row
//! count would include rows failing only on the draft's rules. See schemas/README.md.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::NamedNode;

use crate::db::{ConformanceResult, ConformanceRun};
use crate::domain::{Collection, Id, Lang, OrgNr, Status};
use crate::store::vocab::{dcat, dct, dqv, prov, skos, xsd};
use crate::store::{GraphBuilder, Iris, organisation_iri};

use super::FeedInput;

/// One region's latest result for one collection, as the feed states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    pub collection: String,
    pub region: String,
    /// `YYYY-MM`.
    pub period: String,
    /// When the result was recorded (RFC 3339).
    pub recorded_at: String,
    pub rows: i64,
    pub failing_rows: i64,
    /// A mandatory variable had no column: no row conforms.
    pub missing_required: bool,
    /// Every variable the run named (checked or missing).
    pub variables: BTreeSet<String>,
}

impl Measurement {
    /// The share of conforming rows, floored to four decimals: `0.9731`.
    pub fn value(&self) -> String {
        let rows = self.rows.max(1) as i128;
        let conforming = if self.missing_required {
            0
        } else {
            (self.rows - self.failing_rows).clamp(0, self.rows) as i128
        };
        let q = conforming * 10_000 / rows;
        format!("{}.{:04}", q / 10_000, q % 10_000)
    }
}

/// The results the feed publishes, with the id of the latest recorded run they were read at.
#[derive(Debug, Default)]
pub struct Quality {
    /// The latest recorded run (0: none); changes whenever a result is recorded.
    pub version: i64,
    /// When the latest run was recorded (RFC 3339), for Last-Modified.
    pub newest: Option<String>,
    /// By collection, then region.
    by: BTreeMap<String, BTreeMap<String, Measurement>>,
}

impl Quality {
    /// From every recorded run (oldest first, as `Db::conformance_all` gives them): per
    /// collection and region, the latest period's latest run that the feed may state.
    pub fn new(version: i64, runs: &[(ConformanceRun, Vec<ConformanceResult>)]) -> Self {
        let mut by: BTreeMap<String, BTreeMap<String, Measurement>> = BTreeMap::new();
        let mut newest: Option<&str> = None;
        for (run, results) in runs {
            if newest.is_none_or(|n| n < run.recorded_at.as_str()) {
                newest = Some(&run.recorded_at);
            }
            if run.synthetic || run.use_case.is_some() || run.row_count <= 0 {
                continue;
            }
            let m = Measurement {
                collection: run.collection.clone(),
                region: run.region.clone(),
                period: run.period.clone(),
                recorded_at: run.recorded_at.clone(),
                rows: run.row_count,
                failing_rows: run.failing_rows,
                missing_required: results.iter().any(|r| r.rule == "missing_required"),
                variables: results.iter().map(|r| r.variable.clone()).collect(),
            };
            let slot = by
                .entry(run.collection.clone())
                .or_default()
                .entry(run.region.clone());
            match slot {
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(m);
                }
                // Runs come oldest first: a later one for the same or a later period wins.
                std::collections::btree_map::Entry::Occupied(mut o) => {
                    if o.get().period <= m.period {
                        o.insert(m);
                    }
                }
            }
        }
        Self {
            version,
            newest: newest.map(str::to_owned),
            by,
        }
    }

    /// The measurements of `collection`, by region.
    pub fn of(&self, collection: &str) -> impl Iterator<Item = &Measurement> {
        self.by.get(collection).into_iter().flat_map(|m| m.values())
    }
}

/// The metric every measurement is of, described once in the feed.
pub fn metric_iri(iris: &Iris) -> NamedNode {
    NamedNode::new_unchecked(format!(
        "{}/matt/andel-rader-enligt-specifikationen",
        iris.base()
    ))
}

/// One region's measurement for one collection.
pub fn measurement_iri(iris: &Iris, collection: &Id, region: &OrgNr) -> NamedNode {
    NamedNode::new_unchecked(format!(
        "{}/datainsamling/{collection}/efterlevnad/SE{}",
        iris.base(),
        region.digits()
    ))
}

pub use super::iris::period_iri;

const METRIC_LABEL: (&str, &str) = (
    "Andel rader enligt specifikationen",
    "Share of rows conforming to the specification",
);
const METRIC_DEFINITION: (&str, &str) = (
    "Andelen rader i en regions leverans (uttag) till datainsamlingen som följer katalogens \
     specifikation av varje variabel i datainsamlingen (datatyp, format, mönster, intervall, \
     kod i värdemängden, obligatorium, identifierares kontrollsiffror), så som `varcat check` \
     prövar dem: ett decimaltal från 0 till 1. Saknas en obligatorisk variabel helt är andelen 0. \
     Beräknas i regionen; bara antal rader rapporteras, aldrig något värde.",
    "The share of the rows of a region's extract for the data collection that conform to the \
     catalogue's specification of each variable of the collection (data type, format, pattern, \
     range, code of the value domain, obligation, identifiers' check digits), as `varcat check` \
     tests them: a decimal from 0 to 1. When a mandatory variable is missing altogether, the \
     share is 0. Computed in the region; only row counts are reported, never a value.",
);

fn month_bounds(period: &str) -> Option<(String, String)> {
    let start = chrono::NaiveDate::parse_from_str(&format!("{period}-01"), "%Y-%m-%d").ok()?;
    let next = start.checked_add_months(chrono::Months::new(1))?;
    let end = next.pred_opt()?;
    Some((start.to_string(), end.to_string()))
}

/// Adds the metric and, for each of `datasets`, its measurements (see the module comment for
/// what is left out).
pub(super) fn add(g: &mut GraphBuilder, input: &FeedInput<'_>, datasets: &[&Collection]) {
    let iris = input.iris;
    let metric = metric_iri(iris);
    g.a(&metric, dqv::METRIC);
    let lang = |(sv, en): (&str, &str)| Lang::new(sv.to_owned(), en.to_owned());
    g.lang(&metric, skos::PREF_LABEL, &lang(METRIC_LABEL));
    g.lang(&metric, skos::DEFINITION, &lang(METRIC_DEFINITION));
    g.node(&metric, dqv::EXPECTED_DATA_TYPE, &xsd::DECIMAL.into_owned());
    let Some(quality) = input.quality else {
        return;
    };
    let public = |v: &String| {
        Id::parse(v)
            .ok()
            .and_then(|id| input.catalog.variables.get(&id))
            .is_some_and(|v| v.status != Status::Draft)
    };
    let mut periods = BTreeSet::new();
    for c in datasets {
        let dataset = iris.collection(&c.id);
        for m in quality.of(c.id.as_str()) {
            let Ok(region) = OrgNr::parse(&m.region) else {
                continue;
            };
            let Some(bounds) = month_bounds(&m.period) else {
                continue;
            };
            if !input.catalog.organisations.contains_key(&region)
                || !m.variables.iter().all(&public)
            {
                continue;
            }
            let at = chrono::DateTime::parse_from_rfc3339(&m.recorded_at).ok();
            let node = measurement_iri(iris, &c.id, &region);
            let period = period_iri(iris, &m.period);
            g.node(&dataset, dqv::HAS_QUALITY_MEASUREMENT, &node);
            g.a(&node, dqv::QUALITY_MEASUREMENT);
            g.node(&node, dqv::IS_MEASUREMENT_OF, &metric);
            g.node(&node, dqv::COMPUTED_ON, &dataset);
            g.typed(&node, dqv::VALUE, &m.value(), xsd::DECIMAL);
            g.node(&node, prov::WAS_ATTRIBUTED_TO, &organisation_iri(&region));
            g.node(&node, dct::TEMPORAL, &period);
            if let Some(at) = at {
                g.typed(
                    &node,
                    prov::GENERATED_AT_TIME,
                    &at.with_timezone(&chrono::Utc)
                        .format("%Y-%m-%dT%H:%M:%SZ")
                        .to_string(),
                    xsd::DATE_TIME,
                );
            }
            if periods.insert(m.period.clone()) {
                g.a(&period, dct::PERIOD_OF_TIME);
                g.typed(&period, dcat::START_DATE, &bounds.0, xsd::DATE);
                g.typed(&period, dcat::END_DATE, &bounds.1, xsd::DATE);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(id: i64, region: &str, period: &str) -> ConformanceRun {
        ConformanceRun {
            id,
            recorded_at: format!("2026-12-0{id}T10:00:00Z"),
            actor: "t".into(),
            region: region.into(),
            collection: "c".into(),
            use_case: None,
            period: period.into(),
            row_count: 3,
            failing_rows: 1,
            unknown_columns: 0,
            conformant: false,
            synthetic: false,
        }
    }

    fn count(rule: &str) -> ConformanceResult {
        ConformanceResult {
            variable: "kon".into(),
            column_name: None,
            rule: rule.into(),
            checked: 3,
            failing: 1,
        }
    }

    #[test]
    fn each_region_s_latest_period_without_synthetic_or_use_case_runs() {
        let mut synthetic = run(4, "a", "2025-09");
        synthetic.synthetic = true;
        let mut scoped = run(5, "a", "2025-10");
        scoped.use_case = Some("u".into());
        let mut missing = run(6, "b", "2025-01");
        missing.failing_rows = 0;
        let runs = vec![
            (run(1, "a", "2025-02"), vec![count("any")]),
            (run(2, "a", "2025-01"), vec![count("any")]),
            (run(3, "a", "2025-02"), vec![count("any")]),
            (synthetic, vec![count("any")]),
            (scoped, vec![count("any")]),
            (missing, vec![count("missing_required")]),
        ];
        let q = Quality::new(6, &runs);
        assert_eq!(q.newest.as_deref(), Some("2026-12-06T10:00:00Z"));
        let got: Vec<(&str, &str, &str, String)> = q
            .of("c")
            .map(|m| {
                (
                    m.region.as_str(),
                    m.period.as_str(),
                    m.recorded_at.as_str(),
                    m.value(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("a", "2025-02", "2026-12-03T10:00:00Z", "0.6666".to_owned()),
                ("b", "2025-01", "2026-12-06T10:00:00Z", "0.0000".to_owned()),
            ]
        );
        assert_eq!(
            month_bounds("2024-02").map(|b| b.1),
            Some("2024-02-29".into())
        );
        assert_eq!(month_bounds("2024-13"), None);
    }
}
