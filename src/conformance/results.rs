//! The recorded results as the pages read them: per (region, variable) and period the latest
//! run's counts, so that a cell is the share of conforming rows for the latest period, and a
//! region that reported nothing has no cell at all (never 0 %).

use std::collections::BTreeMap;

use crate::db::{ConformanceResult, ConformanceRun};
use crate::domain::{Catalog, Id, OrgNr, PublisherType};

/// The share of conforming rows from which a variable counts as delivered conformant, in
/// per cent (shown on the pages).
pub const THRESHOLD: f64 = 95.0;

/// What one region's latest run for a period said of one variable.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub period: String,
    pub collection: String,
    pub run: i64,
    /// The extract had no column for the variable.
    pub missing: bool,
    pub checked: i64,
    pub failing: i64,
    /// Rows failing each rule.
    pub rules: Vec<(String, i64)>,
    pub synthetic: bool,
}

impl Cell {
    /// The share of conforming rows in per cent; `None` when there was no row to check (a
    /// missing column counts as 0 %: nothing was delivered).
    pub fn share(&self) -> Option<f64> {
        if self.missing {
            return Some(0.0);
        }
        (self.checked > 0)
            .then(|| 100.0 * (self.checked - self.failing) as f64 / self.checked as f64)
    }

    /// Delivered according to the specification: at least [`THRESHOLD`] of the rows conform.
    pub fn conformant(&self) -> bool {
        self.share().is_some_and(|s| s >= THRESHOLD)
    }
}

/// All results, by region and variable, then period (oldest first).
#[derive(Debug, Default)]
pub struct Results {
    by: BTreeMap<(String, String), BTreeMap<String, Cell>>,
}

impl Results {
    /// From the runs with their counts, oldest first: a later run for the same period
    /// replaces an earlier one.
    pub fn new(runs: Vec<(ConformanceRun, Vec<ConformanceResult>)>) -> Self {
        let mut by: BTreeMap<(String, String), BTreeMap<String, Cell>> = BTreeMap::new();
        for (run, counts) in runs {
            let mut cells: BTreeMap<&str, Cell> = BTreeMap::new();
            for c in &counts {
                let cell = cells.entry(c.variable.as_str()).or_insert_with(|| Cell {
                    period: run.period.clone(),
                    collection: run.collection.clone(),
                    run: run.id,
                    missing: false,
                    checked: 0,
                    failing: 0,
                    rules: Vec::new(),
                    synthetic: run.synthetic,
                });
                match c.rule.as_str() {
                    "any" => (cell.checked, cell.failing) = (c.checked, c.failing),
                    "missing" | "missing_required" => cell.missing = true,
                    "conditional_empty" => {}
                    rule => cell.rules.push((rule.to_owned(), c.failing)),
                }
            }
            for (variable, cell) in cells {
                by.entry((run.region.clone(), variable.to_owned()))
                    .or_default()
                    .insert(run.period.clone(), cell);
            }
        }
        Self { by }
    }

    /// The latest period's cell of `region` for `variable`.
    pub fn latest(&self, region: &str, variable: &str) -> Option<&Cell> {
        self.trend(region, variable)
            .and_then(|t| t.values().next_back())
    }

    /// Every period's cell of `region` for `variable`, oldest first.
    pub fn trend(&self, region: &str, variable: &str) -> Option<&BTreeMap<String, Cell>> {
        self.by.get(&(region.to_owned(), variable.to_owned()))
    }

    pub fn is_empty(&self) -> bool {
        self.by.is_empty()
    }

    /// Whether any result is from a synthetic extract.
    pub fn any_synthetic(&self) -> bool {
        self.by
            .values()
            .flat_map(|t| t.values())
            .any(|c| c.synthetic)
    }

    /// How many of `regions` deliver `variable` conformant in their latest period, and how
    /// many reported it at all.
    pub fn delivered_by(&self, regions: &[Region], variable: &str) -> (usize, usize) {
        let cells: Vec<&Cell> = regions
            .iter()
            .filter_map(|r| self.latest(&r.orgnr, variable))
            .collect();
        (cells.iter().filter(|c| c.conformant()).count(), cells.len())
    }
}

/// A region of the catalogue: an organisation of the type RegionalAuthority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub orgnr: String,
    pub name: String,
}

/// The catalogue's regions, by name.
pub fn regions(cat: &Catalog, english: bool) -> Vec<Region> {
    let mut out: Vec<Region> = cat
        .organisations
        .values()
        .filter(|o| o.publisher_type == PublisherType::RegionalAuthority)
        .map(|o| Region {
            orgnr: o.orgnr.to_string(),
            name: if english && !o.name.en.is_empty() {
                o.name.en.clone()
            } else {
                o.name.sv.clone()
            },
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// The region `orgnr` of the catalogue, if it is one.
pub fn region(cat: &Catalog, orgnr: &str, english: bool) -> Option<Region> {
    let org = OrgNr::parse(orgnr).ok()?.to_string();
    regions(cat, english).into_iter().find(|r| r.orgnr == org)
}

/// A collection's variables as a region's extract delivers them: without the shared elements
/// other variables are based on (they are no column of their own), by identifier.
pub fn collection_variables(cat: &Catalog, collection: &Id) -> Vec<Id> {
    let shared: std::collections::BTreeSet<&Id> = cat
        .variables
        .values()
        .filter_map(|v| v.based_on.as_ref())
        .collect();
    cat.variables
        .values()
        .filter(|v| v.collections.contains(collection) && !shared.contains(&v.id))
        .map(|v| v.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(id: i64, region: &str, period: &str, synthetic: bool) -> ConformanceRun {
        ConformanceRun {
            id,
            recorded_at: String::new(),
            actor: "t".into(),
            region: region.into(),
            collection: "c".into(),
            use_case: None,
            period: period.into(),
            row_count: 10,
            failing_rows: 0,
            unknown_columns: 0,
            conformant: true,
            synthetic,
        }
    }

    fn count(variable: &str, rule: &str, checked: i64, failing: i64) -> ConformanceResult {
        ConformanceResult {
            variable: variable.into(),
            column_name: None,
            rule: rule.into(),
            checked,
            failing,
        }
    }

    #[test]
    fn the_latest_period_counts_and_no_report_is_no_cell() {
        let results = Results::new(vec![
            (
                run(1, "a", "2025-02", false),
                vec![count("kon", "any", 10, 5), count("kon", "code", 10, 5)],
            ),
            (
                run(2, "a", "2025-01", false),
                vec![count("kon", "any", 10, 0)],
            ),
            (
                run(3, "b", "2025-02", true),
                vec![count("kon", "missing_required", 0, 0)],
            ),
        ]);
        let a = results.latest("a", "kon").expect("a reported");
        assert_eq!((a.period.as_str(), a.share()), ("2025-02", Some(50.0)));
        assert_eq!(a.rules, vec![("code".to_owned(), 5)]);
        assert_eq!(results.trend("a", "kon").map(|t| t.len()), Some(2));
        let b = results.latest("b", "kon").expect("b reported");
        assert!(b.missing && b.synthetic && !b.conformant());
        assert!(results.latest("c", "kon").is_none(), "no report, not 0 %");
        assert!(results.any_synthetic());
    }
}
