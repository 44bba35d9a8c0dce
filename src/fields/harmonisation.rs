//! The harmonisation sheets: where a variable or a data collection stands in the method of
//! SKR's final report (Table 5: steps A–E), one row per dated step, and its reference group,
//! one row per organisation. Variables and collections have a sheet each, so that a row's
//! item is named by one column (and the API's lists are those of one kind).

use super::Gender::Common;
use super::{Cell, Column, SheetKind, SheetSpec, col};

/// The step (A–E) a history row records.
pub const STEP: Column = col("step", "Steg", &["Metodsteg", "Step"], "Step", true)
    .label(
        "Steg i harmoniseringsmetoden",
        "Step of the harmonisation method",
    )
    .noun("steget", super::Gender::Neuter)
    .cell(Cell::History(|_, e| e.step.letter().to_owned()));

pub const DATE: Column = col("date", "Datum", &["Date"], "Date", true)
    .noun("datumet", super::Gender::Neuter)
    .cell(Cell::History(|_, e| e.date.clone()));

pub const NOTE: Column = col("note", "Anteckning", &["Kommentar", "Note"], "Note", false)
    .multiline()
    .noun("anteckningen", Common)
    .cell(Cell::History(|_, e| e.note.clone()));

pub const SOURCE: Column = col("source", "Källa", &["Source"], "Source", false)
    .noun("källan", Common)
    .cell(Cell::History(|_, e| e.source.clone()));

pub const ORGANISATION: Column = col(
    "organisation",
    "Organisation",
    &["Organisationsnummer", "Orgnr"],
    "Organisation",
    true,
)
.noun("organisationen", Common)
.cell(Cell::Member(|_, m| m.organisation.to_string()));

pub const GROUP_ROLE: Column = col(
    "group_role",
    "Roll i referensgruppen",
    &["Roll", "Role"],
    "Role in the reference group",
    false,
)
.noun("rollen", Common)
.cell(Cell::Member(|_, m| m.role.clone()));

const fn variable_col(history: bool) -> Column {
    let c = col("variable", "Variabel", &["Variable"], "Variable", true);
    if history {
        c.cell(Cell::History(|id, _| id.to_owned()))
    } else {
        c.cell(Cell::Member(|id, _| id.to_owned()))
    }
}

const fn collection_col(history: bool) -> Column {
    let c = col(
        "collection",
        "Datainsamling",
        &["Collection"],
        "Data collection",
        true,
    );
    if history {
        c.cell(Cell::History(|id, _| id.to_owned()))
    } else {
        c.cell(Cell::Member(|id, _| id.to_owned()))
    }
}

pub const VARIABLE_HISTORY: SheetSpec = SheetSpec {
    kind: SheetKind::VariableHistory,
    name: "harmonisering",
    synonyms: &["harmonisation"],
    columns: &[variable_col(true), STEP, DATE, NOTE, SOURCE],
};

pub const VARIABLE_GROUPS: SheetSpec = SheetSpec {
    kind: SheetKind::VariableGroups,
    name: "referensgrupper",
    synonyms: &["referensgrupp", "reference groups"],
    columns: &[variable_col(false), ORGANISATION, GROUP_ROLE],
};

const fn use_case_col() -> Column {
    col(
        "use_case",
        "Användningsfall",
        &["Use case"],
        "Use case",
        true,
    )
    .cell(Cell::History(|id, _| id.to_owned()))
}

pub const USE_CASE_HISTORY: SheetSpec = SheetSpec {
    kind: SheetKind::UseCaseHistory,
    name: "harmonisering-anvandningsfall",
    synonyms: &["harmonisation use cases"],
    columns: &[use_case_col(), STEP, DATE, NOTE, SOURCE],
};

pub const COLLECTION_HISTORY: SheetSpec = SheetSpec {
    kind: SheetKind::CollectionHistory,
    name: "harmonisering-datainsamlingar",
    synonyms: &["harmonisation collections"],
    columns: &[collection_col(true), STEP, DATE, NOTE, SOURCE],
};

pub const COLLECTION_GROUPS: SheetSpec = SheetSpec {
    kind: SheetKind::CollectionGroups,
    name: "referensgrupper-datainsamlingar",
    synonyms: &["reference groups collections"],
    columns: &[collection_col(false), ORGANISATION, GROUP_ROLE],
};
