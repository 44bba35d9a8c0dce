//! One item given as field → value pairs (the JSON API's body) → a plan, by the very rules a
//! spreadsheet row is imported with: the fields become one row of the item's sheet, and its
//! codes, steps or bindings rows of theirs, which `rows` and `merge` check and apply exactly as
//! for a file. The item is replaced whole: a field not given is empty, a list not given empty.
//! Problems come back per field (`name`, `codes[2].label`) instead of per cell.

use std::collections::BTreeMap;

use crate::domain::{Catalog, ItemKey, ItemKind};

use super::Plan;
use super::merge::Merger;
use super::report::{Location, Problem};
use super::rows::parse_sheet;
use super::source::{Row, Sheet};
use crate::fields::{SheetKind, SheetSpec};

mod lists;

/// A list inside an item: the codes of a codebook, the steps and bindings of a use case.
#[derive(Debug)]
pub struct ListSpec {
    /// The key in the item's JSON.
    pub key: &'static str,
    pub sheet: SheetKind,
    /// The column naming the item the row belongs to (filled in, not given).
    parent: &'static str,
    /// A column filled from the position in the list (steps are numbered 1, 2, 3 …).
    numbered: Option<&'static str>,
}

const CODES: ListSpec = ListSpec {
    key: "codes",
    sheet: SheetKind::Codes,
    parent: "codebook",
    numbered: None,
};
const STEPS: ListSpec = ListSpec {
    key: "steps",
    sheet: SheetKind::Steps,
    parent: "use_case",
    numbered: Some("number"),
};
const BINDINGS: ListSpec = ListSpec {
    key: "bindings",
    sheet: SheetKind::Bindings,
    parent: "use_case",
    numbered: None,
};

/// The lists an item of `kind` holds.
pub fn lists(kind: ItemKind) -> &'static [ListSpec] {
    match kind {
        ItemKind::Codebook => &[CODES],
        ItemKind::UseCase => &[STEPS, BINDINGS, lists::USE_CASE_HISTORY],
        ItemKind::Variable => &[lists::VARIABLE_HISTORY, lists::VARIABLE_GROUP],
        ItemKind::Collection => &[lists::COLLECTION_HISTORY, lists::COLLECTION_GROUP],
        _ => &[],
    }
}

/// The sheet an item of `kind` is written on.
pub fn sheet_of(kind: ItemKind) -> &'static SheetSpec {
    SheetSpec::by_kind(match kind {
        ItemKind::Organisation => SheetKind::Organisations,
        ItemKind::Collection => SheetKind::Collections,
        ItemKind::ProblemArea => SheetKind::ProblemAreas,
        ItemKind::Codebook => SheetKind::Codebooks,
        ItemKind::Variable => SheetKind::Variables,
        ItemKind::UseCase => SheetKind::UseCases,
    })
}

/// The field holding an item's identifier.
pub fn id_field(kind: ItemKind) -> &'static str {
    if kind == ItemKind::Organisation {
        "orgnr"
    } else {
        "id"
    }
}

/// The fields an item of `kind` is given with (its sheet's columns less `Ta bort`).
pub fn item_fields(kind: ItemKind) -> Vec<&'static str> {
    fields_of(sheet_of(kind), &["remove"])
}

impl ListSpec {
    /// The fields one entry of the list is given with.
    pub fn fields(&self) -> Vec<&'static str> {
        let mut skip = vec!["remove", self.parent];
        skip.extend(self.numbered);
        fields_of(SheetSpec::by_kind(self.sheet), &skip)
    }
}

fn fields_of(spec: &SheetSpec, skip: &[&str]) -> Vec<&'static str> {
    spec.columns
        .iter()
        .map(|c| c.field)
        .filter(|f| !skip.contains(f))
        .collect()
}

/// One item as text fields, and the entries of its lists.
#[derive(Debug, Clone, Default)]
pub struct ItemInput {
    pub fields: BTreeMap<String, String>,
    pub lists: BTreeMap<String, Vec<BTreeMap<String, String>>>,
}

/// A problem with one field of the input; `field` is empty for the item as a whole.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

impl FieldProblem {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

fn unknown(field: &str, known: &[&str]) -> FieldProblem {
    FieldProblem::new(
        field,
        format!("is not a field here; the fields are: {}", known.join(", ")),
    )
}

/// Plans replacing (or creating) the item under `key` with `input`, checked by the import's
/// rules; returns every problem found otherwise.
pub fn plan_item(
    current: &Catalog,
    key: &ItemKey,
    input: &ItemInput,
) -> Result<Plan, Vec<FieldProblem>> {
    let mut found = Vec::new();
    let main = sheet_of(key.kind);
    let fields = item_fields(key.kind);
    let id_field = id_field(key.kind);
    for f in input.fields.keys() {
        if !fields.contains(&f.as_str()) {
            found.push(unknown(f, &fields));
        }
    }
    if let Some(given) = input.fields.get(id_field).map(|s| s.trim()) {
        let same = match key.kind {
            ItemKind::Organisation => {
                crate::domain::OrgNr::parse(given).is_ok_and(|o| o.as_str() == key.id)
            }
            _ => given == key.id,
        };
        if !given.is_empty() && !same {
            found.push(FieldProblem::new(
                id_field,
                format!("is {given:?} but the address names {:?}", key.id),
            ));
        }
    }
    let cells: Vec<String> = fields
        .iter()
        .map(|f| {
            if *f == id_field {
                key.id.clone()
            } else {
                input.fields.get(*f).cloned().unwrap_or_default()
            }
        })
        .collect();
    let mut sheets = vec![sheet(main, &fields, vec![cells])];
    let list_specs = lists(key.kind);
    for name in input.lists.keys() {
        if !list_specs.iter().any(|l| l.key == name.as_str()) {
            let mut known = fields.clone();
            known.extend(list_specs.iter().map(|l| l.key));
            found.push(unknown(name, &known));
        }
    }
    for l in list_specs {
        let spec = SheetSpec::by_kind(l.sheet);
        let all = fields_of(spec, &["remove"]);
        let given = l.fields();
        let entries = input.lists.get(l.key).map(Vec::as_slice).unwrap_or(&[]);
        let mut rows: Vec<Vec<String>> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            for f in entry.keys() {
                if !given.contains(&f.as_str()) {
                    found.push(unknown(&format!("{}[{i}].{f}", l.key), &given));
                }
            }
            rows.push(
                all.iter()
                    .map(|f| {
                        if *f == l.parent {
                            key.id.clone()
                        } else if Some(*f) == l.numbered {
                            (i + 1).to_string()
                        } else {
                            entry.get(*f).cloned().unwrap_or_default()
                        }
                    })
                    .collect(),
            );
        }
        sheets.push(sheet(spec, &all, rows));
    }
    if !found.is_empty() {
        found.sort();
        return Err(found);
    }

    let mut problems: Vec<Problem> = Vec::new();
    let parsed: Vec<_> = sheets
        .iter()
        .filter_map(|s| parse_sheet(s, false, &mut problems))
        .collect();
    // The item is built afresh from the input: nothing of its former self carries over.
    let mut base = current.clone();
    base.remove(key);
    let mut merger = Merger::owning(base);
    merger.apply_sheets(&parsed);
    merger.finish_lists();
    merger.keep_read_only(current, key);
    problems.append(&mut merger.problems);
    if problems.is_empty() {
        merger.check_references();
        problems.append(&mut merger.problems);
    }
    if !problems.is_empty() {
        let mut out: Vec<FieldProblem> = problems
            .iter()
            .map(|p| FieldProblem::new(field_of(p, key.kind), p.message.clone()))
            .collect();
        out.sort();
        out.dedup();
        return Err(out);
    }
    // Only the item, what the input defines with it (an inline value set) and what it
    // removes can differ: the diff looks at those, not at the whole catalogue.
    let keys: Vec<ItemKey> = std::iter::once(key.clone())
        .chain(merger.touched.keys().cloned())
        .chain(merger.removed.keys().cloned())
        .collect();
    let catalog = merger.catalog;
    let (added, changed, removed) = crate::import::diff_of(current, &catalog, keys);
    Ok(Plan::in_memory(catalog, added, changed, removed))
}

fn sheet(spec: &SheetSpec, fields: &[&str], rows: Vec<Vec<String>>) -> Sheet {
    let heading = |f: &str| {
        spec.columns
            .iter()
            .find(|c| c.field == f)
            .map(|c| c.heading.to_owned())
            .unwrap_or_default()
    };
    let mut out = vec![Row {
        number: 1,
        cells: fields.iter().map(|f| heading(f)).collect(),
    }];
    out.extend(rows.into_iter().enumerate().map(|(i, cells)| Row {
        number: i + 2,
        cells,
    }));
    Sheet {
        name: spec.name.to_owned(),
        rows: out,
    }
}

/// The input field a problem's cell stands for.
fn field_of(p: &Problem, kind: ItemKind) -> String {
    let (sheet, row, heading) = match &p.location {
        Location::Cell {
            sheet,
            row,
            heading,
            ..
        } => (sheet, *row, Some(heading)),
        Location::Row { sheet, row } => (sheet, *row, None),
        _ => return String::new(),
    };
    let Some(spec) = SheetSpec::by_name(sheet) else {
        return String::new();
    };
    let field = heading
        .and_then(|h| spec.column(h))
        .map(|c| c.field)
        .unwrap_or("");
    if spec.kind == sheet_of(kind).kind {
        return field.to_owned();
    }
    let Some(list) = lists(kind).iter().find(|l| l.sheet == spec.kind) else {
        return field.to_owned();
    };
    let index = row.saturating_sub(2);
    if field.is_empty() || field == list.parent || Some(field) == list.numbered {
        format!("{}[{index}]", list.key)
    } else {
        format!("{}[{index}].{field}", list.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Catalog, ItemKey, ItemKind};

    fn input(fields: &[(&str, &str)]) -> ItemInput {
        ItemInput {
            fields: fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            lists: BTreeMap::new(),
        }
    }

    fn key(kind: ItemKind, id: &str) -> ItemKey {
        ItemKey {
            kind,
            id: id.into(),
        }
    }

    #[test]
    fn a_valid_variable_is_planned_as_added() {
        let cat = Catalog::default();
        let k = key(ItemKind::Variable, "vikt");
        let p = plan_item(
            &cat,
            &k,
            &input(&[
                ("name", "Vikt"),
                ("definition", "Kroppsvikt i kilogram"),
                ("datatype", "decimaltal"),
                ("min", "0"),
            ]),
        )
        .expect("valid");
        assert_eq!(p.added, [k]);
        assert!(p.changed.is_empty() && p.removed.is_empty());
    }

    #[test]
    fn a_put_diffs_only_what_it_can_change_and_finds_what_a_full_diff_finds() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog-data");
        let cat = crate::import::plan(&dir, &Catalog::default(), Default::default())
            .expect("catalog-data")
            .catalog;
        // A variable whose value domain becomes an inline value set: the variable changes
        // and its value set is added.
        let k = key(ItemKind::Variable, "kon");
        let p = plan_item(
            &cat,
            &k,
            &input(&[
                ("name", "Kön"),
                ("definition", "Administrativt kön."),
                ("datatype", "kod"),
                ("value_domain", "1=Man;2=Kvinna;9=Okänt"),
            ]),
        )
        .expect("valid");
        let full = crate::import::diff(&cat, &p.catalog);
        assert_eq!(
            (p.added.clone(), p.changed.clone(), p.removed.clone()),
            full
        );
        assert_eq!(p.changed, [k]);
        assert_eq!(p.added, [key(ItemKind::Codebook, "kon-varden")]);
    }

    #[test]
    fn every_problem_is_reported_by_field() {
        let cat = Catalog::default();
        let k = key(ItemKind::Variable, "vikt");
        let errs = plan_item(
            &cat,
            &k,
            &input(&[
                ("name", ""),
                ("definition", "Kroppsvikt"),
                ("datatype", "heltall"),
                ("owner", "12345"),
                ("valid_from", "2025-13-01"),
            ]),
        )
        .expect_err("invalid");
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["datatype", "name", "owner", "valid_from"],
            "{errs:?}"
        );
        assert!(
            errs[0].message.contains("not a known data type"),
            "{errs:?}"
        );
    }

    #[test]
    fn unknown_fields_and_codes_are_named() {
        let cat = Catalog::default();
        let k = key(ItemKind::Codebook, "kon");
        let mut i = input(&[("title", "Kön"), ("colour", "blå")]);
        let mut code = BTreeMap::new();
        code.insert("notation".to_owned(), "1".to_owned());
        code.insert("label".to_owned(), String::new());
        i.lists.insert("codes".into(), vec![code]);
        let errs = plan_item(&cat, &k, &i).expect_err("unknown field");
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].field, "colour");
        i.fields.remove("colour");
        let errs = plan_item(&cat, &k, &i).expect_err("empty label");
        assert_eq!(errs[0].field, "codes[0].label", "{errs:?}");
    }

    fn codes(list: &[(&str, &str)]) -> Vec<BTreeMap<String, String>> {
        list.iter()
            .map(|(n, b)| {
                let mut c = BTreeMap::new();
                c.insert("notation".to_owned(), (*n).to_owned());
                c.insert("label".to_owned(), format!("Kod {n}"));
                c.insert("broader".to_owned(), (*b).to_owned());
                c
            })
            .collect()
    }

    #[test]
    fn a_codebook_put_with_a_cycle_a_dot_notation_or_a_control_character_is_refused_by_field() {
        let cat = Catalog::default();
        let k = key(ItemKind::Codebook, "k");
        let mut i = input(&[("title", "Kodverk"), ("description", "Rad\u{1b}")]);
        i.lists.insert(
            "codes".into(),
            codes(&[("1", "3"), ("2", "1"), ("3", "2"), ("..", "")]),
        );
        let errs = plan_item(&cat, &k, &i).expect_err("refused");
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["codes[0].broader", "codes[3].notation", "description"],
            "{errs:?}"
        );
        assert!(
            errs[0].message.contains("cycle (1 → 3 → 2 → 1)"),
            "{errs:?}"
        );
        assert!(errs[2].message.contains("U+001B"), "{errs:?}");
    }
}
