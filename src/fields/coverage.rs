//! The columns of the data-collection sheet that carry what the portals show beside the texts
//! (`domain::CollectionMeta`): the contact point's name, temporal and spatial coverage, issue
//! date, keywords, version, and the HealthDCAT-AP fields. The import's rules for them are in
//! `import::merge::coverage`, their RDF in `store::coverage`.

use super::Gender::{Common, Neuter, Plural};
use super::{Cell, Column, col};
use crate::domain::Collection;

fn join<T: ToString>(list: &[T]) -> String {
    list.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(";")
}

fn count(n: Option<u64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

fn meta(c: &Collection) -> &crate::domain::CollectionMeta {
    &c.meta
}

pub const CONTACT_NAME: Column = col(
    "contact_name",
    "Kontaktnamn",
    &["Kontaktpunkt"],
    "Contact name (Swedish)",
    false,
)
.label("Kontaktnamn", "Contact name")
.noun("kontaktnamnet", Neuter)
.cell(Cell::Collection(|c| meta(c).contact_name.sv.clone()));

pub const CONTACT_NAME_EN: Column = col(
    "contact_name_en",
    "Kontaktnamn (en)",
    &["Contact name"],
    "Contact name",
    false,
)
.noun("det engelska kontaktnamnet", Neuter)
.cell(Cell::Collection(|c| meta(c).contact_name.en.clone()));

pub const TEMPORAL_START: Column = col(
    "temporal_start",
    "Tidsperiod från",
    &["Täckning från", "Temporal coverage from"],
    "Temporal coverage from",
    false,
)
.noun("tidsperiodens början", Common)
.cell(Cell::Collection(|c| meta(c).temporal.start.clone()));

pub const TEMPORAL_END: Column = col(
    "temporal_end",
    "Tidsperiod till",
    &["Täckning till", "Temporal coverage to"],
    "Temporal coverage to",
    false,
)
.noun("tidsperiodens slut", Neuter)
.cell(Cell::Collection(|c| meta(c).temporal.end.clone()));

pub const SPATIAL: Column = col(
    "spatial",
    "Geografisk täckning",
    &["Geografiskt område", "Spatial coverage"],
    "Spatial coverage",
    false,
)
.list()
.noun("den geografiska täckningen", Common)
.cell(Cell::Collection(|c| join(&meta(c).spatial)));

pub const ISSUED: Column = col(
    "issued",
    "Utgiven",
    &["Utgivningsdatum", "Publicerad", "Issued"],
    "Issued",
    false,
)
.noun("utgivningsdatumet", Neuter)
.cell(Cell::Collection(|c| meta(c).issued.clone()));

pub const KEYWORDS: Column = col(
    "keywords",
    "Nyckelord",
    &["Sökord"],
    "Keywords (Swedish)",
    false,
)
.list()
.label("Nyckelord", "Keywords (Swedish)")
.noun("nyckelorden", Plural)
.cell(Cell::Collection(|c| meta(c).keywords_sv.join(";")));

pub const KEYWORDS_EN: Column = col(
    "keywords_en",
    "Nyckelord (en)",
    &["Keywords"],
    "Keywords",
    false,
)
.list()
.label("Nyckelord (engelska)", "Keywords")
.noun("de engelska nyckelorden", Plural)
.cell(Cell::Collection(|c| meta(c).keywords_en.join(";")));

pub const VERSION: Column = col("version", "Version", &["Versionsnummer"], "Version", false)
    .noun("versionen", Common)
    .cell(Cell::Collection(|c| meta(c).version.clone()));

pub const POPULATION: Column = col(
    "population",
    "Populationstäckning",
    &["Population"],
    "Population coverage (Swedish)",
    false,
)
.multiline()
.label("Populationstäckning", "Population coverage")
.noun("populationstäckningen", Common)
.cell(Cell::Collection(|c| meta(c).population.sv.clone()));

pub const POPULATION_EN: Column = col(
    "population_en",
    "Populationstäckning (en)",
    &["Population coverage"],
    "Population coverage",
    false,
)
.multiline()
.noun("den engelska populationstäckningen", Common)
.cell(Cell::Collection(|c| meta(c).population.en.clone()));

pub const PERSONAL_DATA: Column = col(
    "personal_data",
    "Personuppgifter",
    &["Personuppgiftskategorier", "Personal data"],
    "Personal data (DPV)",
    false,
)
.list()
.label("Personuppgifter", "Personal data")
.noun("personuppgifterna", Plural)
.cell(Cell::Collection(|c| join(&meta(c).personal_data)));

pub const LEGAL_BASIS: Column = col(
    "legal_basis",
    "Rättslig grund",
    &["Laglig grund", "Rättsligt stöd"],
    "Legal basis (Swedish)",
    false,
)
.multiline()
.label("Rättslig grund", "Legal basis")
.noun("den rättsliga grunden", Common)
.cell(Cell::Collection(|c| meta(c).legal_basis.sv.clone()));

pub const LEGAL_BASIS_EN: Column = col(
    "legal_basis_en",
    "Rättslig grund (en)",
    &["Legal basis"],
    "Legal basis",
    false,
)
.multiline()
.noun("den engelska rättsliga grunden", Common)
.cell(Cell::Collection(|c| meta(c).legal_basis.en.clone()));

pub const PURPOSE: Column = col("purpose", "Ändamål", &["Syfte"], "Purpose (Swedish)", false)
    .multiline()
    .label("Ändamål", "Purpose")
    .noun("ändamålet", Neuter)
    .cell(Cell::Collection(|c| meta(c).purpose.sv.clone()));

pub const PURPOSE_EN: Column = col("purpose_en", "Ändamål (en)", &["Purpose"], "Purpose", false)
    .multiline()
    .noun("det engelska ändamålet", Neuter)
    .cell(Cell::Collection(|c| meta(c).purpose.en.clone()));

pub const RETENTION_START: Column = col(
    "retention_start",
    "Bevarandetid från",
    &["Retention period from"],
    "Retention period from",
    false,
)
.noun("bevarandetidens början", Common)
.cell(Cell::Collection(|c| meta(c).retention.start.clone()));

pub const RETENTION_END: Column = col(
    "retention_end",
    "Bevarandetid till",
    &["Retention period to"],
    "Retention period to",
    false,
)
.noun("bevarandetidens slut", Neuter)
.cell(Cell::Collection(|c| meta(c).retention.end.clone()));

pub const RECORDS: Column = col(
    "records",
    "Antal poster",
    &["Number of records"],
    "Number of records",
    false,
)
.noun("antalet poster", Neuter)
.cell(Cell::Collection(|c| count(meta(c).records)));

pub const INDIVIDUALS: Column = col(
    "individuals",
    "Antal individer",
    &["Antal unika individer", "Number of unique individuals"],
    "Number of unique individuals",
    false,
)
.label("Antal unika individer", "Number of unique individuals")
.noun("antalet individer", Neuter)
.cell(Cell::Collection(|c| count(meta(c).individuals)));
