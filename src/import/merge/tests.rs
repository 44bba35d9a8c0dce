//! The merge rules, one sheet at a time: absent columns keep fields, required ones are
//! reported where they are, `Ta bort` removes, a second definition is refused, and removing
//! an item something still refers to is reported.

use crate::domain::{Catalog, Id, ItemKey, ItemKind, Lang, Variable};
use crate::import::rows::parse_sheet;
use crate::import::source::{Row, Sheet};

use super::Merger;

fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
    Sheet {
        name: name.to_owned(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, cells)| Row {
                number: i + 1,
                cells: cells.iter().map(|c| (*c).to_owned()).collect(),
            })
            .collect(),
    }
}

/// Merges `sheets` onto `current`; the merger afterwards, with every problem as text.
fn merge(current: &Catalog, sheets: &[Sheet]) -> (Merger, Vec<String>) {
    let mut problems = Vec::new();
    let parsed: Vec<_> = sheets
        .iter()
        .filter_map(|s| parse_sheet(s, false, &mut problems))
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    let mut m = Merger::new(current);
    m.apply_sheets(&parsed);
    m.finish_lists();
    m.check_references();
    let shown = m.problems.iter().map(ToString::to_string).collect();
    (m, shown)
}

fn id(s: &str) -> Id {
    Id::parse(s).expect("id")
}

fn with_variable() -> Catalog {
    let mut cat = Catalog::default();
    let mut v = Variable::new(
        id("indatum"),
        Lang::new("Indatum", "Admission date"),
        Lang::new("Dagen för inskrivning.", ""),
    );
    v.unit = "dag".into();
    v.format = "ÅÅÅÅ-MM-DD".into();
    cat.variables.insert(id("indatum"), v);
    cat
}

#[test]
fn a_column_the_sheet_lacks_keeps_the_field_and_an_empty_cell_clears_it() {
    let cat = with_variable();
    let (m, problems) = merge(
        &cat,
        &[sheet(
            "variabler",
            &[
                &["Identifierare", "Namn", "Definition", "Enhet"],
                &["indatum", "Inskrivningsdatum", "Dagen.", ""],
            ],
        )],
    );
    assert!(problems.is_empty(), "{problems:?}");
    let v = &m.catalog.variables[&id("indatum")];
    assert_eq!(v.name.sv, "Inskrivningsdatum");
    assert_eq!(v.name.en, "Admission date", "no Namn (en) column: kept");
    assert_eq!(v.format, "ÅÅÅÅ-MM-DD", "no Format column: kept");
    assert_eq!(v.unit, "", "an empty Enhet cell clears the unit");
}

#[test]
fn a_required_cell_left_empty_is_reported_at_its_cell() {
    let (_, problems) = merge(
        &Catalog::default(),
        &[sheet(
            "variabler",
            &[&["Identifierare", "Namn", "Definition"], &["x", "X", ""]],
        )],
    );
    assert_eq!(problems, ["variabler!2:C: Definition: is required"]);
}

#[test]
fn an_item_defined_twice_in_one_input_is_refused_at_the_second() {
    let (_, problems) = merge(
        &Catalog::default(),
        &[sheet(
            "variabler",
            &[
                &["Identifierare", "Namn", "Definition"],
                &["x", "X", "D"],
                &["x", "X2", "D2"],
            ],
        )],
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("variabel x is defined twice in this input"),
        "{problems:?}"
    );
}

#[test]
fn ta_bort_removes_the_item_unless_something_still_refers_to_it() {
    let mut cat = with_variable();
    let mut derived = Variable::new(id("utdatum"), Lang::new("Utdatum", ""), Lang::new("D", ""));
    derived.based_on = Some(id("indatum"));
    cat.variables.insert(id("utdatum"), derived);
    let remove = |which: &str| {
        sheet(
            "variabler",
            &[
                &["Identifierare", "Namn", "Definition", "Ta bort"],
                &[which, "N", "D", "Ja"],
            ],
        )
    };
    let (m, problems) = merge(&cat, &[remove("utdatum")]);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(!m.catalog.variables.contains_key(&id("utdatum")));
    let (_, problems) = merge(&cat, &[remove("indatum")]);
    assert_eq!(
        problems,
        [
            "variabler!2:D: Ta bort: cannot remove variabel indatum: variabel utdatum still refers to it"
        ]
    );
}

#[test]
fn the_catalogue_removes_an_item_and_lists_its_references() {
    let mut cat = with_variable();
    let mut derived = Variable::new(id("utdatum"), Lang::new("Utdatum", ""), Lang::new("D", ""));
    derived.based_on = Some(id("indatum"));
    derived.collections = vec![id("kpp")];
    cat.variables.insert(id("utdatum"), derived);
    let key = |i: &str| ItemKey {
        kind: ItemKind::Variable,
        id: i.into(),
    };
    let refs = cat.references();
    assert_eq!(refs.len(), 2, "{refs:?}");
    assert!(refs.contains(&(key("utdatum"), "based_on".into(), key("indatum"))));
    assert!(refs.contains(&(
        key("utdatum"),
        "collection:kpp".into(),
        ItemKey {
            kind: ItemKind::Collection,
            id: "kpp".into()
        }
    )));
    cat.remove(&key("indatum"));
    assert!(!cat.contains(&key("indatum")) && cat.contains(&key("utdatum")));
}

mod value_sets;
