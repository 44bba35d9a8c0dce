//! `varcat check`: runs the specification against a region's extract. Each column is matched
//! to a variable of the collection (`columns`), each value checked by its variable's rules
//! (`rules`, `dates`, `codes`, `ident`), row by row as the file is read (`extract`), and only
//! counts and row numbers are kept (`report`). No value of a variable is ever printed, stored
//! or sent, so a region can run the check on its own machine on real patient data.

mod codes;
mod columns;
mod dates;
pub mod extract;
mod ident;
pub mod report;
pub mod rules;
mod value_sets;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::domain::{Catalog, Codebook, Id, Obligation, Role, Variable};
pub use codes::CodeSet;
pub use extract::{CsvOptions, Encoding};
pub use report::Report;
use report::{Missing, VariableReport};
use rules::Spec;

/// The extract cannot be checked: a file that is no CSV or spreadsheet, an unknown collection,
/// no column matching a variable. The message names files, rows and columns, never values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Unusable {
    pub message: String,
}

impl Unusable {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

pub struct Options<'a> {
    pub extract: &'a Path,
    pub collection: &'a str,
    pub use_case: Option<&'a str>,
    pub map: Option<&'a Path>,
    pub csv: CsvOptions,
}

/// Checks the extract against the catalogue. `earlier` gives a codebook's frozen earlier
/// versions (for the codebook version in force on a row's date).
pub fn check(
    catalog: &Catalog,
    earlier: &dyn Fn(&Id) -> Vec<Codebook>,
    opts: &Options<'_>,
) -> Result<Report, Unusable> {
    let collection = Id::parse(opts.collection)
        .ok()
        .filter(|id| catalog.collections.contains_key(id))
        .ok_or_else(|| {
            let known: Vec<&str> = catalog.collections.keys().map(Id::as_str).collect();
            Unusable::new(format!(
                "no collection {:?} in the catalogue (known: {})",
                opts.collection,
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            ))
        })?;
    let use_case = match opts.use_case {
        None => None,
        Some(u) => Some(
            Id::parse(u)
                .ok()
                .and_then(|id| catalog.use_cases.get(&id))
                .ok_or_else(|| {
                    let known: Vec<&str> = catalog.use_cases.keys().map(Id::as_str).collect();
                    Unusable::new(format!(
                        "no use case {u:?} in the catalogue (known: {})",
                        known.join(", ")
                    ))
                })?,
        ),
    };
    let variables: Vec<&Variable> = catalog
        .variables
        .values()
        .filter(|v| v.collections.contains(&collection))
        .collect();
    if variables.is_empty() {
        return Err(Unusable::new(format!(
            "the collection {collection} has no variables in the catalogue"
        )));
    }
    // Shared elements (e.g. `datum`) lend their type to other variables; they are no column
    // of their own.
    let shared: BTreeSet<&Id> = catalog
        .variables
        .values()
        .filter_map(|v| v.based_on.as_ref())
        .collect();
    let roles: Option<HashMap<&Id, Role>> =
        use_case.map(|u| u.bindings.iter().map(|b| (&b.variable, b.role)).collect());
    if let (Some(roles), Some(u)) = (&roles, use_case)
        && !variables.iter().any(|v| roles.contains_key(&v.id))
    {
        return Err(Unusable::new(format!(
            "the use case {} uses no variable of the collection {collection}",
            u.id
        )));
    }

    let mut extract = extract::Extract::open(opts.extract, opts.csv)?;
    let lookup = columns::Lookup::new(&variables);
    let map = match opts.map {
        Some(m) => columns::read_map(m, &lookup, collection.as_str())?,
        None => columns::Map::new(),
    };
    let matching = columns::match_columns(&extract.headings, &lookup, &map, &variables)?;
    if matching.columns.iter().all(Option::is_none) {
        let sample: Vec<&str> = variables
            .iter()
            .filter(|v| !shared.contains(&v.id))
            .map(|v| v.short_name.as_str())
            .filter(|s| !s.is_empty())
            .take(8)
            .collect();
        return Err(Unusable::new(format!(
            "no column of {} matches a variable of the collection {collection} (columns are \
             matched by identifier, short name such as {}, or name; map your own names with \
             --map)",
            opts.extract.display(),
            sample.join(", ")
        )));
    }

    let mut report = Report {
        file: opts.extract.display().to_string(),
        collection: collection.to_string(),
        use_case: use_case.map(|u| u.id.to_string()),
        unknown_columns: matching.unknown.clone(),
        ..Report::default()
    };
    let present: BTreeSet<usize> = matching.columns.iter().flatten().copied().collect();
    for (i, v) in variables.iter().enumerate() {
        let expected = match &roles {
            Some(r) => r.contains_key(&v.id),
            None => !shared.contains(&v.id),
        };
        if expected && !present.contains(&i) {
            let required = v.obligation == Some(Obligation::Mandatory)
                || roles
                    .as_ref()
                    .is_some_and(|r| r.get(&v.id) == Some(&Role::Required));
            report.missing.push(Missing {
                id: v.id.to_string(),
                required,
            });
        }
    }

    // One compiled specification per matched column, in the extract's order.
    let mut checked: Vec<(usize, Spec, VariableReport)> = Vec::new();
    for (col, var) in matching.columns.iter().enumerate() {
        let Some(i) = var else { continue };
        let v = variables[*i];
        let base = v.based_on.as_ref().and_then(|b| catalog.variables.get(b));
        let codebook = v
            .codebook
            .as_ref()
            .or(base.and_then(|b| b.codebook.as_ref()));
        let codes = match codebook {
            Some(id) => match catalog.codebooks.get(id) {
                Some(cb) => Some(CodeSet::from_versions(cb, &earlier(id))),
                None => {
                    report.notes.push(format!(
                        "{}: its codebook {id} is not in the catalogue; codes not checked",
                        v.id
                    ));
                    None
                }
            },
            None => None,
        };
        let codes = match use_case.and_then(|u| value_sets::narrowed(catalog, earlier, u, &v.id)) {
            Some(Ok((set, note))) => {
                report.notes.push(note);
                Some(set)
            }
            Some(Err(note)) => {
                report.notes.push(note);
                codes
            }
            None => codes,
        };
        let (spec, notes) = Spec::new(v, base, codes);
        report.notes.extend(notes);
        let heading = &extract.headings[col];
        checked.push((col, spec, VariableReport::new(v.id.as_str(), heading)));
    }
    let any_dated = checked
        .iter()
        .any(|(_, s, _)| s.codes.as_ref().is_some_and(CodeSet::is_dated));
    let dating = if any_dated {
        checked.iter().position(|(_, s, _)| s.dates_rows())
    } else {
        None
    };
    report.dating_column = dating.map(|d| checked[d].2.column.clone());

    let mut cells = extract::Cells::default();
    let mut failed = Vec::new();
    while let Some(row) = extract.next_row(&mut cells)? {
        report.rows += 1;
        let year = dating.and_then(|d| {
            let (col, spec, _) = &checked[d];
            spec.year_of(cells.get(*col))
        });
        let mut row_failed = false;
        for (col, spec, var) in checked.iter_mut() {
            failed.clear();
            let presence = spec.check(cells.get(*col), year, &mut failed);
            row_failed |= var.record(row, presence, &failed);
        }
        if row_failed {
            report.failing_rows += 1;
        }
    }
    report.variables = checked.into_iter().map(|(_, _, v)| v).collect();
    Ok(report)
}
