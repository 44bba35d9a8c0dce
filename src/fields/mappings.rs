//! The `mappningar` sheet: mappings between code systems, one row per mapping of a code of one
//! codebook to a code of another (`domain::Mapping`, SKOS mapping properties).

use super::Gender::Common;
use super::{Cell, SheetKind, SheetSpec, col};

pub const MAPPINGS: SheetSpec = SheetSpec {
    kind: SheetKind::Mappings,
    name: "mappningar",
    synonyms: &["mappning", "mappings", "kodmappningar"],
    columns: &[
        col(
            "codebook",
            "Kodverk",
            &[
                "Från kodverk",
                "Källkodverk",
                "Codebook",
                "Source code system",
            ],
            "Code system",
            true,
        )
        .cell(Cell::Mapping(|b, _, _| b.id.to_string())),
        col(
            "notation",
            "Kod",
            &["Från kod", "Källkod", "Code"],
            "Code",
            true,
        )
        .cell(Cell::Mapping(|_, c, _| c.notation.clone())),
        col(
            "relation",
            "Relation",
            &["Mappningstyp", "Match", "Mapping relation"],
            "Relation",
            true,
        )
        .noun("relationen", Common)
        .label("Relation", "Relation")
        .cell(Cell::Mapping(|_, _, m| m.relation.as_str().to_owned())),
        col(
            "target_codebook",
            "Målkodverk",
            &["Till kodverk", "Target codebook", "Target code system"],
            "Target code system",
            true,
        )
        .cell(Cell::Mapping(|_, _, m| m.system.to_string())),
        col(
            "target_notation",
            "Målkod",
            &["Till kod", "Target code"],
            "Target code",
            true,
        )
        .cell(Cell::Mapping(|_, _, m| m.code.clone())),
        col("note", "Anteckning", &["Kommentar", "Note"], "Note", false)
            .multiline()
            .noun("anteckningen", Common)
            .cell(Cell::Mapping(|_, _, m| m.note.clone())),
    ],
};

/// The columns of one mapping as a codebook's API JSON lists it: all but the codebook, which
/// is the item itself.
pub fn entry_columns() -> impl Iterator<Item = &'static super::Column> {
    MAPPINGS.columns.iter().filter(|c| c.field != "codebook")
}
