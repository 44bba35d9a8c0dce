//! The `registreringar` sheet: an item's registrations at authorities other than the
//! publisher. A row sets the registration of its item at its authority (status, date, note);
//! registrations a file does not name stay as they are (a registration ends by the lifecycle,
//! *avregistrerad*, not by leaving its row out). A row the catalogue already holds changes
//! nothing, whoever imports it.
//!
//! A row that changes a registration passes the lifecycle, as `POST …/status` does (not
//! registered counts as *utkast*; each step is recorded as a status change at that
//! authority), and needs an importer who may register there (`Registrar`): a registrar whose
//! token is bound to that authority, or the data directory's operator (a local `varcat
//! import`). Anyone else is refused at the cell that would change it.

use std::collections::BTreeMap;

use crate::domain::{Catalog, ItemKey, OrgNr, Registration, Status, status_at};
use crate::governance::{lifecycle, publisher};
use crate::import::report::{Location, Problem};
use crate::import::rows::RowView;
use crate::import::{Registrar, StatusStep};

use super::statuses::no_way;
use super::{Merger, key};

/// Where a registration row's cells are.
#[derive(Clone)]
struct Cells {
    item: Location,
    authority: Location,
    status: Location,
    date: Location,
    note: Location,
}

struct Row {
    status: Status,
    /// `None`: no date given (the current one is kept, or today's is set).
    date: Option<String>,
    /// `None`: no note column (the current note is kept).
    note: Option<String>,
    cells: Cells,
}

/// The registration rows an input gives, and where each one placed landed.
#[derive(Default)]
pub struct Given {
    rows: BTreeMap<(ItemKey, OrgNr), Row>,
    placed: BTreeMap<(ItemKey, OrgNr), Cells>,
}

/// A registration's date: a whole date, `ÅÅÅÅ-MM-DD` (kept as an `xsd:date`).
fn check_day(s: &str) -> Result<(), String> {
    match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(_) if s.len() == 10 => Ok(()),
        _ => Err(format!("{s:?} is not a date (ÅÅÅÅ-MM-DD)")),
    }
}

fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

impl Merger {
    pub(super) fn registration_row(&mut self, row: &RowView<'_>) {
        let kind = crate::fields::registrations::kind_of(row.get("item_kind"))
            .map_err(|e| self.problem(row.problem("item_kind", e)))
            .ok();
        let id = self.id(row, "item");
        let authority = match OrgNr::parse(row.get("authority")) {
            Ok(o) if o == publisher() => {
                self.problem(row.problem(
                    "authority",
                    format!(
                        "{o} is the catalogue's publisher: an item's status there is its own \
                         Status column (on the sheet of its kind), not a registration"
                    ),
                ));
                None
            }
            Ok(o) => Some(o),
            Err(e) => {
                self.problem(row.problem("authority", e.to_string()));
                None
            }
        };
        let status = Status::parse(row.get("status"))
            .map_err(|e| self.problem(row.problem("status", e.to_string())))
            .ok();
        let date = row.get("date");
        let date_ok = date.is_empty()
            || check_day(date)
                .map_err(|e| self.problem(row.problem("date", e)))
                .is_ok();
        let (Some(kind), Some(id), Some(authority), Some(status), true) =
            (kind, id, authority, status, date_ok)
        else {
            return;
        };
        let cells = Cells {
            item: row.loc("item"),
            authority: row.loc("authority"),
            status: row.loc("status"),
            date: row.loc("date"),
            note: row.loc("note"),
        };
        let k = (key(kind, &id), authority);
        if let Some(first) = self.registrations.rows.get(&k) {
            let msg = format!(
                "the registration of {} at {} is given twice (first at {})",
                k.0, k.1, first.cells.authority
            );
            self.problem(Problem {
                location: cells.authority,
                message: msg,
            });
            return;
        }
        let given = Row {
            status,
            date: (!date.is_empty()).then(|| date.to_owned()),
            note: row.has("note").then(|| row.get("note").to_owned()),
            cells,
        };
        self.registrations.rows.insert(k, given);
    }

    /// Sets each given registration on its item, reporting rows whose item or authority is
    /// neither in the input nor in the catalogue.
    pub(super) fn finish_registrations(&mut self) {
        for ((k, org), row) in std::mem::take(&mut self.registrations.rows) {
            let Some(old) = (self.catalog.registrations_of(&k))
                .map(|list| list.iter().find(|r| r.authority == org).cloned())
            else {
                let sheet = crate::import::record::sheet_of(k.kind).name;
                self.problem(Problem {
                    location: row.cells.item,
                    message: format!(
                        "no {k} in this input or in the catalogue (add it to the sheet {sheet})"
                    ),
                });
                continue;
            };
            if !self.catalog.organisations.contains_key(&org) {
                self.problem(Problem {
                    location: row.cells.authority,
                    message: format!(
                        "no organisation {org} in this input or in the catalogue: a \
                         registration authority must be one of its organisations (add it to \
                         the sheet organisationer)"
                    ),
                });
                continue;
            }
            let date = match (row.date, &old) {
                (Some(d), _) => d,
                (None, Some(o)) if o.status == row.status => o.date.clone(),
                (None, _) => today(),
            };
            let note = row
                .note
                .unwrap_or_else(|| old.map(|o| o.note).unwrap_or_default());
            self.catalog.set_registration(
                &k,
                Registration {
                    authority: org.clone(),
                    status: row.status,
                    date,
                    note,
                },
            );
            self.touched
                .entry(k.clone())
                .or_insert_with(|| row.cells.item.clone());
            self.registrations.placed.insert((k, org), row.cells);
        }
    }

    /// The status steps of every registration the input changes; a change the lifecycle
    /// cannot make, or one the importer may not make at that authority, is a problem at its
    /// cell.
    pub fn check_registrations(
        &mut self,
        current: &Catalog,
        registrar: &Registrar,
    ) -> Vec<StatusStep> {
        let mut steps = Vec::new();
        for ((k, org), cells) in std::mem::take(&mut self.registrations.placed) {
            let Some(new) = (self.catalog.registrations_of(&k).unwrap_or_default())
                .iter()
                .find(|r| r.authority == org)
                .cloned()
            else {
                continue; // the item is removed by the same input
            };
            let old_list = current.registrations_of(&k).unwrap_or_default();
            let old = old_list.iter().find(|r| r.authority == org);
            if old == Some(&new) {
                continue;
            }
            let from = status_at(old_list, &org);
            let (at, what) = match old {
                None => (cells.status, format!("a new registration, {}", new.status)),
                Some(o) if o.status != new.status => (
                    cells.status,
                    format!("status {} → {}", o.status, new.status),
                ),
                Some(o) if o.date != new.date => {
                    (cells.date, format!("date {} → {}", o.date, new.date))
                }
                Some(_) => (cells.note, "its note".to_owned()),
            };
            let path = if from == new.status {
                Some(Vec::new())
            } else {
                lifecycle::path(from, new.status)
            };
            let message = match path {
                None => no_way(
                    &format!("the registration of {k} at {org}"),
                    from,
                    new.status,
                ),
                Some(_) if !registrar.may(&org) => format!(
                    "this changes the registration of {k} at {org} ({what}), which only a \
                     registrar of {org} may do: import the file with a registrar's token bound \
                     to {org} (varcat token create --role registrar --authority {org}), or \
                     leave the row as the catalogue has it"
                ),
                Some(path) => {
                    steps.extend(StatusStep::along(&k, &org, from, path));
                    continue;
                }
            };
            self.problems.push(Problem {
                location: at,
                message,
            });
        }
        steps
    }
}
