//! Items as JSON, the same way in both directions: the fields are those of the kind's field
//! table (`fields`, named by their key: `name`, `definition_en`, `value_domain` …), lists of
//! identifiers (`Column::list`) are arrays, and a codebook's codes and a use case's steps and bindings are arrays
//! of objects. What `GET` returns can be changed and sent back with `PUT`.
//!
//! A field holding a term keeps its stored value (`"datatype": "heltal"`); reading adds its
//! labels for people beside it (`"datatype_label": {"sv": "heltal", "en": "integer"}`, an
//! array of them for `health_categories`), which writing ignores.

use serde_json::{Map, Value, json};

use crate::domain::{Catalog, ItemKey, ItemKind, TERM_FIELDS, term_labels};
use crate::fields::mappings::{MAPPINGS, entry_columns};
use crate::fields::{Column, SheetSpec};
use crate::import::record::{self, FieldProblem, ItemInput};
use crate::store::Iris;

/// Fields the API adds when reading, ignored when writing.
/// `registrations` changes only through `POST …/status` with an `authority`; a codebook's
/// `mappings` only through the `mappningar` sheet (a write of its codes keeps them).
const READ_ONLY: &[&str] = &["iri", "etag", "registrations", "mappings"];

/// The display field beside a term field: `datatype` → `datatype_label`.
fn label_key(field: &str) -> String {
    format!("{field}_label")
}

/// Whether `key` is a display field the API adds when reading (`datatype_label`, …) beside
/// one of `fields`.
fn is_label_key(key: &str, fields: &[&str]) -> bool {
    key.strip_suffix("_label")
        .is_some_and(|f| TERM_FIELDS.contains(&f) && fields.contains(&f))
}

/// The labels of a term field's cell, `{"sv": …, "en": …}` (an array of them for a list
/// field), or `None` when the field holds no term or the cell is empty.
fn labels(col: &Column, cell: &str) -> Option<Value> {
    let field = col.field;
    if !TERM_FIELDS.contains(&field) || cell.is_empty() {
        return None;
    }
    let one = |part: &str| term_labels(field, part).map(|(sv, en)| json!({ "sv": sv, "en": en }));
    if col.list {
        let all: Vec<Value> = cell
            .split(';')
            .filter(|s| !s.is_empty())
            .filter_map(one)
            .collect();
        Some(Value::Array(all))
    } else {
        one(cell)
    }
}

/// Inserts the field of `col` with its value and, for a term, its labels.
fn insert(obj: &mut Map<String, Value>, col: &Column, value: Value, cell: &str) {
    obj.insert(col.field.into(), value);
    if let Some(l) = labels(col, cell) {
        obj.insert(label_key(col.field), l);
    }
}

/// The item under `key` as JSON, with its IRI and ETag.
pub fn item(cat: &Catalog, key: &ItemKey, iris: &Iris) -> Option<Value> {
    let one = cat.only(key)?;
    let tables = crate::export::tables(&one);
    let main = record::sheet_of(key.kind);
    let mut obj = Map::new();
    obj.insert("iri".into(), json!(iris.item(key).as_str()));
    let row_of = |spec: &SheetSpec| {
        tables
            .iter()
            .find(|t| t.name == spec.name)
            .map(|t| t.rows.clone())
            .unwrap_or_default()
    };
    if let Some(row) = row_of(main).first() {
        for (col, cell) in main.columns.iter().zip(row) {
            if col.field == "remove" {
                continue;
            }
            let v = if col.list {
                json!(
                    cell.split(';')
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                )
            } else {
                json!(cell)
            };
            insert(&mut obj, col, v, cell);
        }
    }
    for list in record::lists(key.kind) {
        let spec = SheetSpec::by_kind(list.sheet);
        let wanted = list.fields();
        let entries: Vec<Value> = row_of(spec)
            .iter()
            .map(|row| {
                let mut e = Map::new();
                for (col, cell) in spec.columns.iter().zip(row) {
                    if wanted.contains(&col.field) {
                        insert(&mut e, col, json!(cell), cell);
                    }
                }
                Value::Object(e)
            })
            .collect();
        obj.insert(list.key.into(), Value::Array(entries));
    }
    if let Some(list) = cat.registrations_of(key) {
        obj.insert("registrations".into(), registrations(list));
    }
    if key.kind == ItemKind::Codebook {
        obj.insert("mappings".into(), mappings(&row_of(&MAPPINGS)));
    }
    obj.insert(
        "etag".into(),
        json!(crate::governance::etag(cat, key).unwrap_or_default()),
    );
    Some(Value::Object(obj))
}

/// An item's registrations at other authorities, read-only: `[{"authority", "status",
/// "status_label", "date", "note"}]`.
fn registrations(list: &[crate::domain::Registration]) -> Value {
    Value::Array(
        list.iter()
            .map(|r| {
                let mut e = Map::new();
                e.insert("authority".into(), json!(r.authority.as_str()));
                e.insert("status".into(), json!(r.status.as_str()));
                if let Some((sv, en)) = term_labels("status", r.status.as_str()) {
                    e.insert(label_key("status"), json!({ "sv": sv, "en": en }));
                }
                e.insert("date".into(), json!(r.date));
                e.insert("note".into(), json!(r.note));
                Value::Object(e)
            })
            .collect(),
    )
}

/// A codebook's mappings to other code systems, read-only, one object per row of its
/// `mappningar` sheet without the codebook itself (`notation`, `relation`, `target_codebook`,
/// `target_notation`, `note`). The snapshot hands out a codebook whose mappings name only
/// codebooks the reader may see, so a draft target is never here for an anonymous reader.
fn mappings(rows: &[Vec<String>]) -> Value {
    Value::Array(
        rows.iter()
            .map(|row| {
                let mut e = Map::new();
                for (col, cell) in MAPPINGS.columns.iter().zip(row) {
                    if entry_columns().any(|c| c.field == col.field) {
                        e.insert(col.field.into(), json!(cell));
                    }
                }
                Value::Object(e)
            })
            .collect(),
    )
}

/// Every item of a kind, in identifier order.
pub fn items(cat: &Catalog, kind: ItemKind, iris: &Iris) -> Vec<Value> {
    cat.keys()
        .into_iter()
        .filter(|k| k.kind == kind)
        .filter_map(|k| item(cat, &k, iris))
        .collect()
}

/// A cell's text from a JSON value: text as it is, numbers written out, true/false as Ja/Nej,
/// null as empty, an array of those joined with `;`.
fn cell(field: &str, v: &Value, problems: &mut Vec<FieldProblem>) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => if *b { "Ja" } else { "Nej" }.to_owned(),
        Value::Null => String::new(),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, x)| match x {
                Value::Array(_) | Value::Object(_) => {
                    problems.push(FieldProblem::new(
                        format!("{field}[{i}]"),
                        "must be text or a number",
                    ));
                    String::new()
                }
                x => cell(field, x, problems),
            })
            .collect::<Vec<_>>()
            .join(";"),
        Value::Object(_) => {
            problems.push(FieldProblem::new(field, "must be text, not an object"));
            String::new()
        }
    }
}

/// A request body → the item's fields and lists; problems of shape (not of content) are
/// returned here, content is checked by the import's rules afterwards.
pub fn input(kind: ItemKind, body: &Value) -> Result<ItemInput, Vec<FieldProblem>> {
    let Value::Object(obj) = body else {
        return Err(vec![FieldProblem::new(
            "",
            "the body must be a JSON object",
        )]);
    };
    let mut problems = Vec::new();
    let mut out = ItemInput::default();
    let lists = record::lists(kind);
    let fields = record::item_fields(kind);
    for (k, v) in obj {
        if READ_ONLY.contains(&k.as_str()) || is_label_key(k, &fields) {
            continue;
        }
        if let Some(list) = lists.iter().find(|l| l.key == k.as_str()) {
            let entry_fields = list.fields();
            let Value::Array(entries) = v else {
                problems.push(FieldProblem::new(k, "must be an array of objects"));
                continue;
            };
            let mut rows = Vec::new();
            for (i, e) in entries.iter().enumerate() {
                let Value::Object(e) = e else {
                    problems.push(FieldProblem::new(format!("{k}[{i}]"), "must be an object"));
                    continue;
                };
                rows.push(
                    e.iter()
                        .filter(|(f, _)| !is_label_key(f, &entry_fields))
                        .map(|(f, x)| (f.clone(), cell(&format!("{k}[{i}].{f}"), x, &mut problems)))
                        .collect(),
                );
            }
            out.lists.insert(k.clone(), rows);
        } else {
            let text = cell(k, v, &mut problems);
            out.fields.insert(k.clone(), text);
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
