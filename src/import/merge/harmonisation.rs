//! The harmonisation sheets (`harmonisering`, `referensgrupper` and their
//! `-datainsamlingar` twins): a variable's or a data collection's dated steps of the method
//! and its reference group. The rows an input gives for an item replace the item's history
//! (or group) whole, as the steps of a use case are replaced; items not named keep theirs.

use std::collections::BTreeMap;

use crate::domain::{HistoryEntry, Id, ItemKind, MethodStep, OrgNr, ReferenceMember, check_date};
use crate::import::report::{Location, Problem};
use crate::import::rows::RowView;

use super::{Merger, key};

/// The rows given for one kind of item, by item.
#[derive(Default)]
pub struct Given {
    history: BTreeMap<(ItemKind, Id), Vec<(HistoryEntry, Location)>>,
    groups: BTreeMap<(ItemKind, Id), Vec<(ReferenceMember, Location)>>,
}

fn parent_field(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Collection => "collection",
        ItemKind::UseCase => "use_case",
        _ => "variable",
    }
}

impl Merger {
    pub(super) fn history_row(&mut self, row: &RowView<'_>, kind: ItemKind) {
        let id = self.id(row, parent_field(kind));
        let step = match MethodStep::parse(row.get("step")) {
            Ok(s) => Some(s),
            Err(e) => {
                self.problem(row.problem("step", e));
                None
            }
        };
        let date = row.get("date");
        let date_ok = match check_date(date) {
            Ok(()) => true,
            Err(e) => {
                self.problem(row.problem("date", e));
                false
            }
        };
        let (Some(id), Some(step), true) = (id, step, date_ok) else {
            return;
        };
        let entry = HistoryEntry {
            step,
            date: date.to_owned(),
            note: row.get("note").to_owned(),
            source: row.get("source").to_owned(),
        };
        self.harmonisation
            .history
            .entry((kind, id))
            .or_default()
            .push((entry, row.loc(parent_field(kind))));
    }

    pub(super) fn member_row(&mut self, row: &RowView<'_>, kind: ItemKind) {
        let id = self.id(row, parent_field(kind));
        let org = match OrgNr::parse(row.get("organisation")) {
            Ok(o) => Some(o),
            Err(e) => {
                self.problem(row.problem("organisation", e.to_string()));
                None
            }
        };
        let (Some(id), Some(org)) = (id, org) else {
            return;
        };
        let member = ReferenceMember {
            organisation: org,
            role: row.get("group_role").to_owned(),
        };
        self.harmonisation
            .groups
            .entry((kind, id))
            .or_default()
            .push((member, row.loc("organisation")));
    }

    /// Puts the given histories and groups in place, reporting rows whose item or
    /// organisation is unknown and rows given twice.
    pub(super) fn finish_harmonisation(&mut self) {
        let given = std::mem::take(&mut self.harmonisation);
        for ((kind, id), entries) in given.history {
            let mut seen: BTreeMap<(MethodStep, String), Location> = BTreeMap::new();
            let mut history = Vec::new();
            for (e, loc) in entries {
                if let Some(first) = seen.get(&(e.step, e.date.clone())) {
                    let msg = format!(
                        "step {} on {} of {id} is given twice (first at {first})",
                        e.step, e.date
                    );
                    self.problem(Problem {
                        location: loc,
                        message: msg,
                    });
                    continue;
                }
                seen.insert((e.step, e.date.clone()), loc);
                history.push(e);
            }
            let first = seen.values().next().cloned();
            self.place(kind, &id, first, |h| h.history = history);
        }
        for ((kind, id), members) in given.groups {
            let mut seen: BTreeMap<OrgNr, Location> = BTreeMap::new();
            let mut group = Vec::new();
            for (m, loc) in members {
                if !self.catalog.organisations.contains_key(&m.organisation) {
                    let msg = format!(
                        "no organisation {} in this input or in the catalogue (add it to the sheet organisationer)",
                        m.organisation
                    );
                    self.problem(Problem {
                        location: loc,
                        message: msg,
                    });
                    continue;
                }
                if let Some(first) = seen.get(&m.organisation) {
                    let msg = format!(
                        "{} is named twice in the reference group of {id} (first at {first})",
                        m.organisation
                    );
                    self.problem(Problem {
                        location: loc,
                        message: msg,
                    });
                    continue;
                }
                seen.insert(m.organisation.clone(), loc.clone());
                self.provenance
                    .insert((key(kind, &id), format!("member:{}", m.organisation)), loc);
                group.push(m);
            }
            let first = seen.values().next().cloned();
            self.place(kind, &id, first, |h| h.reference_group = group);
        }
    }

    /// Applies `set` to the harmonisation of the item, which must exist.
    fn place(
        &mut self,
        kind: ItemKind,
        id: &Id,
        at: Option<Location>,
        set: impl FnOnce(&mut crate::domain::Harmonisation),
    ) {
        let h = match kind {
            ItemKind::UseCase => self
                .catalog
                .use_cases
                .get_mut(id)
                .map(|u| &mut u.harmonisation),
            ItemKind::Collection => self
                .catalog
                .collections
                .get_mut(id)
                .map(|c| &mut c.harmonisation),
            _ => self
                .catalog
                .variables
                .get_mut(id)
                .map(|v| &mut v.harmonisation),
        };
        let Some(h) = h else {
            if let Some(loc) = at {
                let sheet = match kind {
                    ItemKind::Collection => "datainsamlingar",
                    ItemKind::UseCase => "anvandningsfall",
                    _ => "variabler",
                };
                self.problem(Problem {
                    location: loc,
                    message: format!(
                        "no {} {id} in this input or in the catalogue (add it to the sheet {sheet})",
                        kind.noun_sv()
                    ),
                });
            }
            return;
        };
        set(h);
        h.sort();
        if let Some(loc) = at {
            self.touched.entry(key(kind, id)).or_insert(loc);
        }
    }
}
