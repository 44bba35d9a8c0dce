//! The view structs of the conformance pages, built from the catalogue as the viewer sees it
//! and the recorded results. A cell always has its number (or "no report") written in it.

use askama::Template;

use crate::conformance::results::{self, Cell, Region, Results, THRESHOLD};
use crate::domain::{Catalog, Id, ItemKind, Role};

use super::super::Ui;
use super::super::views::href;

/// What the matrix is of: a data collection's or a use case's variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Collection(Id),
    UseCase(Id),
}

pub fn t(ui: Ui, sv: &'static str, en: &'static str) -> &'static str {
    if ui.english() { en } else { sv }
}

/// A share in the page's language: `97,5 %`, `97.5%`.
pub fn percent(ui: Ui, x: f64) -> String {
    if ui.english() {
        format!("{x:.1}%")
    } else {
        format!("{x:.1} %").replace('.', ",")
    }
}

/// What a cell says: the share, "missing" or "no rows", and "synthetic" where it is.
pub fn cell_text(ui: Ui, cell: &Cell) -> String {
    let base = if cell.missing {
        t(ui, "saknas", "missing").to_owned()
    } else {
        match cell.share() {
            Some(s) => percent(ui, s),
            None => t(ui, "0 rader", "0 rows").to_owned(),
        }
    };
    if cell.synthetic {
        format!("{base} ({})", t(ui, "syntetiskt", "synthetic"))
    } else {
        base
    }
}

/// The CSS class of a cell: whether it reaches the threshold (the text says it too).
fn class(cell: Option<&Cell>) -> &'static str {
    match cell {
        None => "c-none",
        Some(c) if c.conformant() => "c-ok",
        Some(_) => "c-bad",
    }
}

pub fn no_report(ui: Ui) -> &'static str {
    t(ui, "ingen rapport", "no report")
}

pub fn rule_label(ui: Ui, rule: &str) -> String {
    let (sv, en) = match rule {
        "mandatory" => ("obligatorisk (tomt värde)", "mandatory (empty value)"),
        "datatype" => ("datatyp", "data type"),
        "format" => ("format", "format"),
        "pattern" => ("mönster", "pattern"),
        "range" => ("intervall (min–max)", "range (min–max)"),
        "code" => ("kod i värdemängden", "code of the value domain"),
        "personnummer" => ("personnummer", "personnummer"),
        "organisationsnummer" => ("organisationsnummer", "organisationsnummer"),
        "hsa_id" => ("HSA-id", "HSA id"),
        other => (other, other),
    };
    format!("{} ({rule})", if ui.english() { en } else { sv })
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct Column {
    pub href: String,
    pub short: String,
    pub name: String,
}

pub struct MatrixCell {
    pub class: &'static str,
    pub text: String,
    pub href: Option<String>,
}

pub struct MatrixRow {
    pub region: String,
    pub cells: Vec<MatrixCell>,
    /// For a use case: "N av M".
    pub ready: Option<String>,
}

#[derive(Template)]
#[template(path = "pages/conformance.html")]
pub struct MatrixPage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
    pub lead: String,
    pub synthetic_note: Option<&'static str>,
    pub collections: Vec<Choice>,
    pub use_cases: Vec<Choice>,
    pub scope_title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<MatrixRow>,
    pub ready_heading: Option<String>,
    pub chart: Option<String>,
    pub csv: String,
    /// No region has reported anything yet.
    pub nothing: bool,
    pub tx: Texts,
}

/// The fixed texts of the conformance pages.
pub struct Texts {
    pub choose_collection: &'static str,
    pub choose_use_case: &'static str,
    pub show: &'static str,
    pub region: &'static str,
    pub caption: &'static str,
    pub csv: &'static str,
    pub chart_alt: &'static str,
    pub period: &'static str,
    pub checked: &'static str,
    pub failing: &'static str,
    pub share: &'static str,
    pub rule: &'static str,
    pub rules_caption: &'static str,
    pub trend_caption: &'static str,
    pub no_results: &'static str,
    pub all_regions: &'static str,
}

pub fn texts(ui: Ui) -> Texts {
    Texts {
        choose_collection: t(ui, "Datainsamling", "Data collection"),
        choose_use_case: t(ui, "Användningsfall", "Use case"),
        show: t(ui, "Visa", "Show"),
        region: t(ui, "Region", "Region"),
        caption: t(
            ui,
            "Andel rader enligt specifikationen, senaste period",
            "Share of rows per specification, latest period",
        ),
        csv: t(ui, "Ladda ned som CSV", "Download as CSV"),
        chart_alt: t(
            ui,
            "Diagram med samma siffror som tabellen",
            "Chart of the same figures as the table",
        ),
        period: t(ui, "Period", "Period"),
        checked: t(ui, "Rader kontrollerade", "Rows checked"),
        failing: t(ui, "Rader med fel", "Rows failing"),
        share: t(
            ui,
            "Andel enligt specifikationen",
            "Share per specification",
        ),
        rule: t(ui, "Regel", "Rule"),
        rules_caption: t(
            ui,
            "Rader med fel per regel, senaste period",
            "Rows failing per rule, latest period",
        ),
        trend_caption: t(ui, "Utveckling över perioder", "Trend over periods"),
        all_regions: t(
            ui,
            "Alla regioner för variabeln",
            "All regions for the variable",
        ),
        no_results: t(
            ui,
            "Inga resultat är rapporterade ännu.",
            "No results have been reported yet.",
        ),
    }
}

pub fn lead(ui: Ui) -> String {
    let th = percent(ui, THRESHOLD);
    if ui.english() {
        format!(
            "What the regions' own checks of their extracts (varcat check) showed against the specification: each cell is the share of rows that conform, for the region's latest period. A variable counts as delivered per specification from {th}. Only counts leave the regions, never a value. Regions that have reported nothing are shown as \"no report\"."
        )
    } else {
        format!(
            "Vad regionernas egna kontroller av sina uttag (varcat check) visade mot specifikationen: varje cell är andelen rader som följer den, för regionens senaste period. En variabel räknas som levererad enligt specifikationen från {th}. Bara antal lämnar regionerna, aldrig ett värde. Regioner som inte har rapporterat något visas som \"ingen rapport\"."
        )
    }
}

pub fn synthetic_note(ui: Ui, results: &Results) -> Option<&'static str> {
    results.any_synthetic().then(|| {
        t(
            ui,
            "Resultat markerade \"syntetiskt\" kommer från syntetiska demouttag (examples/extracts/): de är en demonstration, inte regionens efterlevnad.",
            "Results marked \"synthetic\" come from synthetic demo extracts (examples/extracts/): they are a demonstration, not the region's conformance.",
        )
    })
}

/// The variables of `scope` that the viewer sees, with (for a use case) whether each is
/// required.
pub fn scope_variables(cat: &Catalog, scope: &Scope) -> Vec<(Id, bool)> {
    match scope {
        Scope::Collection(c) => results::collection_variables(cat, c)
            .into_iter()
            .map(|v| (v, true))
            .collect(),
        Scope::UseCase(u) => cat
            .use_cases
            .get(u)
            .map(|u| {
                u.bindings
                    .iter()
                    .filter(|b| cat.variables.contains_key(&b.variable))
                    .map(|b| (b.variable.clone(), b.role == Role::Required))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// Per region: how many of the required variables it delivers conformant, of how many.
pub fn readiness(
    regions: &[Region],
    vars: &[(Id, bool)],
    results: &Results,
) -> Vec<(usize, usize, bool)> {
    let required: Vec<&Id> = vars.iter().filter(|(_, r)| *r).map(|(v, _)| v).collect();
    regions
        .iter()
        .map(|r| {
            let cells: Vec<Option<&Cell>> = required
                .iter()
                .map(|v| results.latest(&r.orgnr, v.as_str()))
                .collect();
            let ok = cells
                .iter()
                .filter(|c| c.is_some_and(Cell::conformant))
                .count();
            (ok, required.len(), cells.iter().any(Option::is_some))
        })
        .collect()
}

pub fn ready_text(ui: Ui, (ok, of, reported): (usize, usize, bool)) -> String {
    if reported {
        format!("{ok} {} {of}", t(ui, "av", "of"))
    } else {
        no_report(ui).to_owned()
    }
}

#[expect(clippy::too_many_arguments, reason = "the page's parts")]
pub fn matrix(
    cat: &Catalog,
    results: &Results,
    ui: Ui,
    path: &str,
    scope: &Scope,
    scope_title: String,
    query: String,
) -> MatrixPage {
    let regions = results::regions(cat, ui.english());
    let vars = scope_variables(cat, scope);
    let columns = vars
        .iter()
        .filter_map(|(v, _)| cat.variables.get(v))
        .map(|v| Column {
            href: href(ui, ItemKind::Variable, v.id.as_str()),
            short: if v.short_name.is_empty() {
                v.id.to_string()
            } else {
                v.short_name.clone()
            },
            name: if ui.english() && !v.name.en.is_empty() {
                v.name.en.clone()
            } else {
                v.name.sv.clone()
            },
        })
        .collect();
    let ready = matches!(scope, Scope::UseCase(_)).then(|| readiness(&regions, &vars, results));
    let rows = regions
        .iter()
        .enumerate()
        .map(|(i, r)| MatrixRow {
            region: r.name.clone(),
            cells: vars
                .iter()
                .map(|(v, _)| {
                    let cell = results.latest(&r.orgnr, v.as_str());
                    MatrixCell {
                        class: class(cell),
                        text: cell.map_or_else(|| no_report(ui).to_owned(), |c| cell_text(ui, c)),
                        href: cell.map(|_| format!("{}/efterlevnad/{}/{}", ui.prefix, r.orgnr, v)),
                    }
                })
                .collect(),
            ready: ready.as_ref().map(|x| ready_text(ui, x[i])),
        })
        .collect();
    let chart = match scope {
        Scope::UseCase(u) => Some(format!(
            "{}/efterlevnad/diagram/anvandningsfall/{u}.svg",
            ui.prefix
        )),
        Scope::Collection(_) => None,
    };
    MatrixPage {
        ui,
        title: t(ui, "Efterlevnad", "Conformance").to_owned(),
        switch: ui.switch_href(path),
        lead: lead(ui),
        synthetic_note: synthetic_note(ui, results),
        collections: Vec::new(),
        use_cases: Vec::new(),
        scope_title,
        columns,
        rows,
        ready_heading: ready.map(|_| {
            format!(
                "{} ({} {})",
                t(
                    ui,
                    "Redo: obligatoriska variabler enligt specifikationen",
                    "Ready: required variables per specification"
                ),
                t(ui, "från", "from"),
                percent(ui, THRESHOLD)
            )
        }),
        chart,
        csv: format!("{}/efterlevnad.csv?{query}", ui.prefix),
        nothing: results.is_empty(),
        tx: texts(ui),
    }
}
