//! What changed between two catalogues (two releases, a release and now, or two spreadsheet
//! versions): added, removed and changed items and fields, and the human-readable change
//! notes built from them in Swedish and English ("Variabeln Väntetid i dagar: definitionen
//! ändrad; Kodverket Vårdform: kod 3 tillagd").
//!
//! The comparison runs over the spreadsheet tables of `export` — the one definition of every
//! field and its heading (`fields`) — so every field the catalogue holds is compared, and
//! a field added to the format is compared without a change here.

mod notes;
mod preview;

use std::collections::BTreeMap;

use crate::domain::{Catalog, ItemKey, ItemKind};
use crate::export::tables;
use crate::fields::{SheetKind, SheetSpec};

pub use notes::{Language, notes};
pub use preview::{ItemPreview, preview};

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldChange {
    /// The column's field name (`definition`, `name_en`).
    pub field: &'static str,
    /// Its Swedish heading (`Definition`, `Namn (en)`).
    pub heading: &'static str,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "change", rename_all = "lowercase")]
pub enum RowChange {
    Added,
    Removed,
    Changed { fields: Vec<FieldChange> },
}

/// A change to one row of one sheet: an item itself, or a part of one (a code of a codebook,
/// a step or a variable binding of a use case).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    #[serde(skip)]
    pub sheet: SheetKind,
    /// The item the row belongs to.
    #[serde(serialize_with = "key_string")]
    pub item: ItemKey,
    /// The item's name as the newer catalogue gives it (the older one for removals).
    pub name: String,
    /// For a part: which one (the code's notation, the step's number, the variable's id).
    pub part: Option<String>,
    #[serde(flatten)]
    pub what: RowChange,
}

fn key_string<S: serde::Serializer>(k: &ItemKey, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format!("{}/{}", k.kind.path_segment(), k.id))
}

/// Which columns identify a row of a sheet, and the kind of item the row belongs to.
fn row_identity(kind: SheetKind) -> (&'static [&'static str], ItemKind, Option<&'static str>) {
    match kind {
        SheetKind::Organisations => (&["orgnr"], ItemKind::Organisation, None),
        SheetKind::Collections => (&["id"], ItemKind::Collection, None),
        SheetKind::ProblemAreas => (&["id"], ItemKind::ProblemArea, None),
        SheetKind::UseCases => (&["id"], ItemKind::UseCase, None),
        SheetKind::Steps => (&["use_case", "number"], ItemKind::UseCase, Some("number")),
        SheetKind::Bindings => (
            &["use_case", "variable"],
            ItemKind::UseCase,
            Some("variable"),
        ),
        SheetKind::Codebooks => (&["id"], ItemKind::Codebook, None),
        SheetKind::Codes => (
            &["codebook", "notation"],
            ItemKind::Codebook,
            Some("notation"),
        ),
        SheetKind::Variables => (&["id"], ItemKind::Variable, None),
        SheetKind::VariableHistory => (
            &["variable", "step", "date"],
            ItemKind::Variable,
            Some("step"),
        ),
        SheetKind::VariableGroups => (
            &["variable", "organisation"],
            ItemKind::Variable,
            Some("organisation"),
        ),
        SheetKind::CollectionHistory => (
            &["collection", "step", "date"],
            ItemKind::Collection,
            Some("step"),
        ),
        SheetKind::UseCaseHistory => (
            &["use_case", "step", "date"],
            ItemKind::UseCase,
            Some("step"),
        ),
        SheetKind::CollectionGroups => (
            &["collection", "organisation"],
            ItemKind::Collection,
            Some("organisation"),
        ),
        SheetKind::Mappings => (
            &[
                "codebook",
                "notation",
                "relation",
                "target_codebook",
                "target_notation",
            ],
            ItemKind::Codebook,
            Some("notation"),
        ),
        // The item's kind is the row's own (`Typ`): see `item_of`.
        SheetKind::Registrations => (
            &["item_kind", "item", "authority"],
            ItemKind::Variable,
            Some("authority"),
        ),
    }
}

/// The item a row belongs to and the part of it the row is (`None` for the item's own row),
/// by the row's key. A registration row names its item by its kind and identifier.
fn item_of(kind: SheetKind, key: &[String]) -> (ItemKind, String, Option<String>) {
    let cell = |i: usize| key.get(i).cloned().unwrap_or_default();
    let (_, item_kind, part) = row_identity(kind);
    match kind {
        SheetKind::Registrations => (
            crate::fields::registrations::kind_of(&cell(0)).unwrap_or(item_kind),
            cell(1),
            Some(cell(2)),
        ),
        // A mapping: `S72.0 exactMatch icd-11 NC72.2`.
        SheetKind::Mappings => (
            item_kind,
            cell(0),
            Some(format!("{} {} {} {}", cell(1), cell(2), cell(3), cell(4))),
        ),
        _ => (item_kind, cell(0), part.map(|_| cell(1))),
    }
}

/// The column that names an item on its own sheet.
fn name_field(kind: SheetKind) -> &'static str {
    match kind {
        SheetKind::Organisations | SheetKind::Variables => "name",
        SheetKind::ProblemAreas => "label",
        _ => "title",
    }
}

struct Sheet {
    spec: &'static SheetSpec,
    /// Row key → the row's cells, in the spec's column order.
    rows: BTreeMap<Vec<String>, Vec<String>>,
}

fn sheets(cat: &Catalog) -> BTreeMap<SheetKind, Sheet> {
    let mut out = BTreeMap::new();
    for t in tables(cat) {
        let Some(spec) = crate::fields::SheetSpec::by_name(t.name) else {
            continue;
        };
        let (key_fields, _, _) = row_identity(spec.kind);
        let idx: Vec<usize> = key_fields
            .iter()
            .filter_map(|f| spec.columns.iter().position(|c| c.field == *f))
            .collect();
        let rows = t
            .rows
            .into_iter()
            .map(|r| {
                (
                    idx.iter()
                        .map(|&i| r.get(i).cloned().unwrap_or_default())
                        .collect(),
                    r,
                )
            })
            .collect();
        out.insert(spec.kind, Sheet { spec, rows });
    }
    out
}

/// Every difference from `old` to `new`, items in sheet order (organisations first, variables
/// last), rows in key order.
pub fn catalogs(old: &Catalog, new: &Catalog) -> Vec<Change> {
    let (a, b) = (sheets(old), sheets(new));
    let names = |cat_sheets: &BTreeMap<SheetKind, Sheet>| -> BTreeMap<(ItemKind, String), String> {
        let mut m = BTreeMap::new();
        for (kind, s) in cat_sheets {
            let (fields, item_kind, part) = row_identity(*kind);
            if part.is_some() || fields.len() != 1 {
                continue;
            }
            let name_idx = s
                .spec
                .columns
                .iter()
                .position(|c| c.field == name_field(*kind));
            for (key, row) in &s.rows {
                let name = name_idx
                    .and_then(|i| row.get(i))
                    .cloned()
                    .unwrap_or_default();
                m.insert((item_kind, key[0].clone()), name);
            }
        }
        m
    };
    let (old_names, new_names) = (names(&a), names(&b));
    let mut out = Vec::new();
    let kinds: std::collections::BTreeSet<SheetKind> = a.keys().chain(b.keys()).copied().collect();
    for kind in kinds {
        let empty = BTreeMap::new();
        let rows_a = a.get(&kind).map_or(&empty, |s| &s.rows);
        let rows_b = b.get(&kind).map_or(&empty, |s| &s.rows);
        let Some(spec) = a.get(&kind).or_else(|| b.get(&kind)).map(|s| s.spec) else {
            continue;
        };
        let keys: std::collections::BTreeSet<&Vec<String>> =
            rows_a.keys().chain(rows_b.keys()).collect();
        for key in keys {
            let what = match (rows_a.get(key), rows_b.get(key)) {
                (None, Some(_)) => RowChange::Added,
                (Some(_), None) => RowChange::Removed,
                (Some(ra), Some(rb)) => {
                    let fields: Vec<FieldChange> = spec
                        .columns
                        .iter()
                        .enumerate()
                        .filter_map(|(i, c)| {
                            let (x, y) = (
                                ra.get(i).map(String::as_str).unwrap_or(""),
                                rb.get(i).map(String::as_str).unwrap_or(""),
                            );
                            (x != y).then(|| FieldChange {
                                field: c.field,
                                heading: c.heading,
                                before: x.to_owned(),
                                after: y.to_owned(),
                            })
                        })
                        .collect();
                    if fields.is_empty() {
                        continue;
                    }
                    RowChange::Changed { fields }
                }
                (None, None) => continue,
            };
            let (item_kind, item_id, part) = item_of(kind, key);
            let name = new_names
                .get(&(item_kind, item_id.clone()))
                .or_else(|| old_names.get(&(item_kind, item_id.clone())))
                .cloned()
                .unwrap_or_else(|| item_id.clone());
            out.push(Change {
                sheet: kind,
                item: ItemKey {
                    kind: item_kind,
                    id: item_id,
                },
                name,
                part,
                what,
            });
        }
    }
    out
}
