//! Applies the rows of an input onto a copy of the current catalogue: creates or updates the
//! items the file holds (columns the file lacks leave fields as they were), removes what it
//! marks `Ta bort`, and records where each value came from so that a broken reference found
//! afterwards is reported at the cell that made it.
//!
//! The cell rules every sheet shares are in `cells`; each family of sheets has its file
//! (`catalogue`, `use_cases`, `codebooks`, `variables`); what concerns the catalogue as a whole
//! (removing an item, listing its references) is `domain::Catalog`'s.

use std::collections::{BTreeMap, HashMap};

use crate::domain::{Catalog, Codebook, Id, ItemKey, ItemKind, Status, Step};
use crate::fields::SheetKind;

use super::report::{Location, Problem};
use super::rows::{ParsedSheet, RowView, parse_yes_no};

mod catalogue;
mod cells;
mod codebooks;
mod codes;
mod coverage;
mod harmonisation;
mod mappings;
mod registrations;
mod statuses;
mod use_cases;
mod value_sets;
mod variables;

#[cfg(test)]
mod tests;

pub struct Merger {
    pub catalog: Catalog,
    pub problems: Vec<Problem>,
    /// Items the input defines, with where.
    pub touched: BTreeMap<ItemKey, Location>,
    /// Items the input removes, with where.
    pub removed: BTreeMap<ItemKey, Location>,
    /// Where a reference (item, field) was written, for reporting a dangling one.
    provenance: HashMap<(ItemKey, String), Location>,
    /// Codebooks whose codes the input lists (their codes are replaced by the listed ones).
    codes_given: BTreeMap<Id, Vec<codes::Given>>,
    /// Use cases whose steps the input lists.
    steps_given: BTreeMap<Id, Vec<(u32, Step, Location)>>,
    /// Harmonisation histories and reference groups the input lists.
    harmonisation: harmonisation::Given,
    /// Where the input gives an item's status (its cell), for the lifecycle check.
    status_at: BTreeMap<ItemKey, Location>,
    /// Registrations at other authorities the input gives.
    registrations: registrations::Given,
    /// Mappings between code systems the input gives.
    mappings: mappings::Given,
}

fn key(kind: ItemKind, id: impl ToString) -> ItemKey {
    ItemKey {
        kind,
        id: id.to_string(),
    }
}

impl Merger {
    pub fn new(current: &Catalog) -> Self {
        Self::owning(current.clone())
    }

    /// A merger that builds on `catalog` itself (no copy of it).
    pub fn owning(catalog: Catalog) -> Self {
        Self {
            catalog,
            problems: Vec::new(),
            touched: BTreeMap::new(),
            removed: BTreeMap::new(),
            provenance: HashMap::new(),
            codes_given: BTreeMap::new(),
            steps_given: BTreeMap::new(),
            harmonisation: harmonisation::Given::default(),
            status_at: BTreeMap::new(),
            registrations: registrations::Given::default(),
            mappings: mappings::Given::default(),
        }
    }

    fn problem(&mut self, p: Problem) {
        self.problems.push(p);
    }

    /// Applies the sheets in dependency order.
    pub fn apply_sheets(&mut self, sheets: &[ParsedSheet<'_>]) {
        let order = [
            SheetKind::Organisations,
            SheetKind::Collections,
            SheetKind::ProblemAreas,
            SheetKind::Codebooks,
            SheetKind::Codes,
            SheetKind::Variables,
            SheetKind::UseCases,
            SheetKind::Steps,
            SheetKind::Bindings,
            SheetKind::VariableHistory,
            SheetKind::VariableGroups,
            SheetKind::CollectionHistory,
            SheetKind::CollectionGroups,
            SheetKind::UseCaseHistory,
            SheetKind::Registrations,
            SheetKind::Mappings,
        ];
        for kind in order {
            for sheet in sheets.iter().filter(|s| s.kind == kind) {
                for row in &sheet.rows {
                    match kind {
                        SheetKind::Organisations => self.organisation(row),
                        SheetKind::Collections => self.collection(row),
                        SheetKind::ProblemAreas => self.problem_area(row),
                        SheetKind::Codebooks => self.codebook(row),
                        SheetKind::Codes => self.code(row),
                        SheetKind::Variables => self.variable(row),
                        SheetKind::UseCases => self.use_case(row),
                        SheetKind::Steps => self.step(row),
                        SheetKind::Bindings => self.binding(row),
                        SheetKind::VariableHistory => self.history_row(row, ItemKind::Variable),
                        SheetKind::VariableGroups => self.member_row(row, ItemKind::Variable),
                        SheetKind::CollectionHistory => self.history_row(row, ItemKind::Collection),
                        SheetKind::CollectionGroups => self.member_row(row, ItemKind::Collection),
                        SheetKind::UseCaseHistory => self.history_row(row, ItemKind::UseCase),
                        SheetKind::Registrations => self.registration_row(row),
                        SheetKind::Mappings => self.mapping_row(row),
                    }
                }
            }
        }
    }

    /// Adds a whole codebook read from an RDF file. Without a status of its own (`None`) it
    /// keeps the one it has, or starts as a draft.
    pub fn add_codebook(&mut self, mut cb: Codebook, status: Option<Status>, loc: Location) {
        let k = key(ItemKind::Codebook, &cb.id);
        if !self.first(&k, &loc) {
            return;
        }
        let before = self.catalog.codebooks.get(&cb.id);
        cb.status = match status {
            Some(s) => {
                self.status_at.insert(k.clone(), loc.clone());
                s
            }
            None => before.map_or(Status::Draft, |b| b.status),
        };
        // Registrations at other authorities come from the sheet registreringar, if at all.
        cb.registrations = before.map(|b| b.registrations.clone()).unwrap_or_default();
        if let Some(b) = before {
            mappings::carry_mappings(&b.codes, &mut cb.codes);
        }
        if cb.publisher.is_some() {
            self.provenance.insert((k.clone(), "publisher".into()), loc);
        }
        self.catalog.codebooks.insert(cb.id.clone(), cb);
    }

    /// After an item was built afresh from an API body: what such a body cannot set comes
    /// from `before` (the item as it was). Its registrations at other authorities change only
    /// through the status operation, and its codes' mappings only through the `mappningar`
    /// sheet, so a `PUT` of what `GET` returned keeps both.
    pub fn keep_read_only(&mut self, before: &Catalog, key: &ItemKey) {
        for r in before.registrations_of(key).unwrap_or_default() {
            self.catalog.set_registration(key, r.clone());
        }
        if key.kind == ItemKind::Codebook
            && let Ok(id) = Id::parse(&key.id)
            && let Some(old) = before.codebooks.get(&id)
            && let Some(new) = self.catalog.codebooks.get_mut(&id)
        {
            mappings::carry_mappings(&old.codes, &mut new.codes);
        }
    }

    /// Records the item as defined here; reports a second definition in the same input.
    fn first(&mut self, k: &ItemKey, loc: &Location) -> bool {
        if let Some(prev) = self.touched.get(k).or_else(|| self.removed.get(k)) {
            let msg = format!("{k} is defined twice in this input (first at {prev})");
            self.problem(Problem {
                location: loc.clone(),
                message: msg,
            });
            return false;
        }
        self.touched.insert(k.clone(), loc.clone());
        true
    }

    /// Handles `Ta bort`; returns true when the row removes its item.
    fn removes(&mut self, row: &RowView<'_>, k: &ItemKey) -> bool {
        match parse_yes_no(row.get("remove")) {
            Ok(false) => false,
            Ok(true) => {
                self.touched.remove(k);
                self.removed.insert(k.clone(), row.loc("remove"));
                true
            }
            Err(e) => {
                self.problem(row.problem("remove", e));
                true
            }
        }
    }

    /// Puts the listed codes and steps in place, then removes what was marked for removal.
    pub fn finish_lists(&mut self) {
        self.finish_harmonisation();
        self.finish_registrations();
        for (cb, codes) in std::mem::take(&mut self.codes_given) {
            let first_loc = codes.first().map(|g| g.at.clone());
            let Some(book) = self.catalog.codebooks.get_mut(&cb) else {
                if let Some(loc) = first_loc {
                    self.problems.push(Problem {
                        location: loc,
                        message: format!("no codebook {cb} in this input or in the catalogue (add it to the sheet kodverk)"),
                    });
                }
                continue;
            };
            let (mut codes, problems) = codes::checked(&cb, codes);
            mappings::carry_mappings(&book.codes, &mut codes);
            book.codes = codes;
            let k = key(ItemKind::Codebook, &cb);
            if let Some(loc) = first_loc {
                self.touched.entry(k).or_insert(loc);
            }
            self.problems.extend(problems);
        }
        for (uc, mut steps) in std::mem::take(&mut self.steps_given) {
            steps.sort_by_key(|(n, _, _)| *n);
            let expected: Vec<u32> = (1..=u32::try_from(steps.len()).unwrap_or(u32::MAX)).collect();
            let got: Vec<u32> = steps.iter().map(|(n, _, _)| *n).collect();
            if got != expected {
                if let Some((_, _, loc)) = steps.first() {
                    let msg = format!(
                        "the steps of {uc} are numbered {got:?}; number them 1, 2, 3 … without gaps or repeats"
                    );
                    self.problems.push(Problem {
                        location: loc.clone(),
                        message: msg,
                    });
                }
                continue;
            }
            let Some(u) = self.catalog.use_cases.get_mut(&uc) else {
                if let Some((_, _, loc)) = steps.first() {
                    self.problems.push(Problem {
                        location: loc.clone(),
                        message: format!("no use case {uc} in this input or in the catalogue"),
                    });
                }
                continue;
            };
            let first_loc = steps.first().map(|(_, _, l)| l.clone());
            u.steps = steps.into_iter().map(|(_, s, _)| s).collect();
            if let Some(loc) = first_loc {
                self.touched
                    .entry(key(ItemKind::UseCase, &uc))
                    .or_insert(loc);
            }
        }
        self.finish_mappings();
        let removed: Vec<ItemKey> = self.removed.keys().cloned().collect();
        for k in removed {
            self.catalog.remove(&k);
        }
    }

    /// Every reference in the merged catalogue must resolve; a dangling one is reported where
    /// it was written, or where its target was removed. The catalogue built on held before, so
    /// only what this input wrote is looked at: the references of the items it defines, and,
    /// when it removes something, every reference (to find who still points at what is gone).
    pub fn check_references(&mut self) {
        let references = if self.removed.is_empty() {
            let written: std::collections::BTreeSet<&ItemKey> = self
                .touched
                .keys()
                .chain(self.provenance.keys().map(|(from, _)| from))
                .collect();
            written
                .into_iter()
                .flat_map(|k| self.catalog.references_of(k))
                .collect()
        } else {
            self.catalog.references()
        };
        for (from, field, target) in references {
            if self.catalog.contains(&target) {
                continue;
            }
            let location = self
                .provenance
                .get(&(from.clone(), field.clone()))
                .or_else(|| self.removed.get(&target))
                .cloned()
                .unwrap_or(Location::File {
                    file: "catalogue".into(),
                });
            let message = if self.removed.contains_key(&target)
                && !self.provenance.contains_key(&(from.clone(), field.clone()))
            {
                format!("cannot remove {target}: {from} still refers to it")
            } else {
                format!("refers to {target}, which is neither in this input nor in the catalogue")
            };
            self.problems.push(Problem { location, message });
        }
        self.check_value_sets();
        self.check_mappings();
    }
}
