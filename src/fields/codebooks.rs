//! The fields of codebooks and their codes.

use super::Gender::{Common, Neuter};
use super::{Cell, Column, REMOVE, SheetKind, SheetSpec, col};

/// A code's notation.
pub const NOTATION: Column = col("notation", "Kod", &["Notation", "Värde"], "Code", true)
    .cell(Cell::Code(|_, c| c.notation.clone()));

/// A code's label in Swedish.
pub const CODE_LABEL: Column = col(
    "label",
    "Benämning",
    &["Klartext", "Label"],
    "Label (Swedish)",
    true,
)
.noun("benämningen", Common)
.label("Benämning", "Label")
.cell(Cell::Code(|_, c| c.label.sv.clone()));

pub const CODEBOOKS: SheetSpec = SheetSpec {
    kind: SheetKind::Codebooks,
    name: "kodverk",
    synonyms: &["vardemangder", "codebooks"],
    columns: &[
        col("id", "Identifierare", &["Id"], "Identifier", true)
            .cell(Cell::Codebook(|c| c.id.to_string())),
        col("title", "Titel", &["Namn"], "Title (Swedish)", true)
            .noun("titeln", Common)
            .cell(Cell::Codebook(|c| c.title.sv.clone())),
        col("title_en", "Titel (en)", &["Title"], "Title", false)
            .noun("den engelska titeln", Common)
            .cell(Cell::Codebook(|c| c.title.en.clone())),
        col(
            "description",
            "Beskrivning",
            &["Definition"],
            "Description (Swedish)",
            false,
        )
        .multiline()
        .noun("beskrivningen", Common)
        .cell(Cell::Codebook(|c| c.description.sv.clone())),
        col(
            "description_en",
            "Beskrivning (en)",
            &["Description"],
            "Description",
            false,
        )
        .multiline()
        .noun("den engelska beskrivningen", Common)
        .cell(Cell::Codebook(|c| c.description.en.clone())),
        col("version", "Version", &[], "Version", false)
            .noun("versionen", Common)
            .cell(Cell::Codebook(|c| c.version.clone())),
        col("source", "Källa", &["Source"], "Source", false)
            .noun("källan", Common)
            .cell(Cell::Codebook(|c| c.source.clone())),
        col("publisher", "Utgivare", &["Publisher"], "Publisher", false)
            .noun("utgivaren", Common)
            .cell(Cell::Codebook(|c| {
                c.publisher
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            })),
        col("status", "Status", &[], "Status", false)
            .noun("statusen", Common)
            .cell(Cell::Codebook(|c| c.status.to_string())),
        col(
            "subset_of",
            "Delmängd av",
            &["Kodsystem", "Code system"],
            "Subset of",
            false,
        )
        .noun("kodsystemet", Common)
        .label("Delmängd av", "Subset of")
        .cell(Cell::Codebook(|c| {
            c.subset_of
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        })),
        col(
            "subset_of_version",
            "Kodsystemets version",
            &["Code system version"],
            "Code system version",
            false,
        )
        .noun("kodsystemets version", Common)
        .label("Kodsystemets version", "Code system version")
        .cell(Cell::Codebook(|c| c.subset_of_version.clone())),
        col("selection", "Urval", &["Selection"], "Selection", false)
            .noun("urvalet", Neuter)
            .label("Urval", "Selection")
            .cell(Cell::Codebook(|c| c.selection.clone())),
        REMOVE,
    ],
};

pub const CODES: SheetSpec = SheetSpec {
    kind: SheetKind::Codes,
    name: "koder",
    synonyms: &["codes"],
    columns: &[
        // Not required: a sheet of codes alone (code, label) belongs to the one codebook
        // its input defines.
        col("codebook", "Kodverk", &["Codebook"], "Codebook", false)
            .cell(Cell::Code(|b, _| b.id.to_string())),
        NOTATION,
        CODE_LABEL,
        col("label_en", "Benämning (en)", &[], "Label", false)
            .noun("den engelska benämningen", Common)
            .cell(Cell::Code(|_, c| c.label.en.clone())),
        col(
            "definition",
            "Definition",
            &["Beskrivning"],
            "Definition (Swedish)",
            false,
        )
        .multiline()
        .noun("definitionen", Common)
        .cell(Cell::Code(|_, c| c.definition.sv.clone())),
        col("definition_en", "Definition (en)", &[], "Definition", false)
            .multiline()
            .noun("den engelska definitionen", Common)
            .cell(Cell::Code(|_, c| c.definition.en.clone())),
        col(
            "broader",
            "Överordnad",
            &["Broader", "Förälder"],
            "Broader code",
            false,
        )
        .noun("den överordnade koden", Common)
        .cell(Cell::Code(|_, c| c.broader.clone().unwrap_or_default())),
    ],
};
