//! The `registreringar` sheet: an item's registrations at registration authorities other
//! than the catalogue's publisher (`domain::Registration`), one row per item and authority.
//! Variables, codebooks and use cases have them, so a row names its item by two columns: its
//! kind and its identifier. The item's status at the publisher is its own `Status` column.

use super::Gender::{Common, Neuter};
use super::{Cell, Column, SheetKind, SheetSpec, col, fold};
use crate::domain::ItemKind;

/// The kinds of item a registration row may name, in the words its `Typ` cell takes.
const KINDS: [ItemKind; 3] = [ItemKind::Variable, ItemKind::Codebook, ItemKind::UseCase];

/// The kind a `Typ` cell names: its Swedish noun (`variabel`, `kodverk`, `användningsfall`)
/// or its English label (`variable`, `codebook`, `use case`), in any case.
pub fn kind_of(cell: &str) -> Result<ItemKind, String> {
    let f = fold(cell);
    KINDS
        .into_iter()
        .find(|k| fold(k.noun_sv()) == f || fold(k.label(crate::domain::Language::En)) == f)
        .ok_or_else(|| {
            format!("{cell:?} is not a kind of item with registrations (expected one of: variabel, kodverk, användningsfall)")
        })
}

pub const ITEM_KIND: Column = col(
    "item_kind",
    "Typ",
    &["Objekttyp", "Item type", "Kind"],
    "Item type",
    true,
)
.noun("typen", Common)
.cell(Cell::Registration(|k, _, _| k.noun_sv().to_owned()));

pub const ITEM: Column = col(
    "item",
    "Identifierare",
    &["Objekt", "Item", "Identifier"],
    "Identifier",
    true,
)
.noun("identifieraren", Common)
.cell(Cell::Registration(|_, id, _| id.to_owned()));

pub const AUTHORITY: Column = col(
    "authority",
    "Registreringsmyndighet",
    &[
        "Myndighet",
        "Registreringsorganisation",
        "Registration authority",
        "Authority",
    ],
    "Registration authority",
    true,
)
.label("Registreringsmyndighet", "Registration authority")
.noun("registreringsmyndigheten", Common)
.cell(Cell::Registration(|_, _, r| r.authority.to_string()));

pub const STATUS: Column = col("status", "Status", &["Registreringsstatus"], "Status", true)
    .noun("statusen", Common)
    .cell(Cell::Registration(|_, _, r| r.status.as_str().to_owned()));

pub const DATE: Column = col("date", "Datum", &["Date"], "Date", false)
    .noun("datumet", Neuter)
    .cell(Cell::Registration(|_, _, r| r.date.clone()));

pub const NOTE: Column = col("note", "Anteckning", &["Kommentar", "Note"], "Note", false)
    .multiline()
    .noun("anteckningen", Common)
    .cell(Cell::Registration(|_, _, r| r.note.clone()));

pub const REGISTRATIONS: SheetSpec = SheetSpec {
    kind: SheetKind::Registrations,
    name: "registreringar",
    synonyms: &["registrering", "registrations"],
    columns: &[ITEM_KIND, ITEM, AUTHORITY, STATUS, DATE, NOTE],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_is_named_in_swedish_or_english() {
        assert_eq!(kind_of("Variabel"), Ok(ItemKind::Variable));
        assert_eq!(kind_of("anvandningsfall"), Ok(ItemKind::UseCase));
        assert_eq!(kind_of("Use case"), Ok(ItemKind::UseCase));
        assert_eq!(kind_of("kodverk"), Ok(ItemKind::Codebook));
        assert!(kind_of("organisation").is_err());
    }
}
