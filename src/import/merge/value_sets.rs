//! Value sets (codebooks drawn from a code system) and the bindings that narrow a variable's
//! value domain with one: their cells, and the checks made once the whole input is merged.

use crate::domain::value_set::{Member, parse_selection};
use crate::domain::{Codebook, Id, ItemKey, ItemKind};
use crate::import::report::{Location, Problem};
use crate::import::rows::RowView;

use super::{Merger, key};

impl Merger {
    /// The columns `Delmängd av`, `Kodsystemets version` and `Urval` of a codebook row.
    pub(super) fn value_set_fields(&mut self, row: &RowView<'_>, k: &ItemKey, c: &mut Codebook) {
        if row.has("subset_of") {
            c.subset_of = match row.get("subset_of") {
                "" => None,
                v => match Id::parse(v) {
                    Ok(id) => {
                        self.provenance
                            .insert((k.clone(), "subset_of".into()), row.loc("subset_of"));
                        Some(id)
                    }
                    Err(e) => {
                        self.problem(row.problem("subset_of", e.to_string()));
                        None
                    }
                },
            };
        }
        if row.has("subset_of_version") {
            self.provenance.insert(
                (k.clone(), "subset_of_version".into()),
                row.loc("subset_of_version"),
            );
        }
        self.set_text(row, "subset_of_version", &mut c.subset_of_version, false);
        if row.has("selection") {
            c.selection = row.get("selection").to_owned();
            self.provenance
                .insert((k.clone(), "selection".into()), row.loc("selection"));
        }
    }

    /// The column `Värdemängd` of a binding row; a sheet without it keeps what was there.
    pub(super) fn binding_value_set(
        &mut self,
        row: &RowView<'_>,
        uk: &ItemKey,
        var: &Id,
        kept: Option<Id>,
    ) -> Option<Id> {
        if !row.has("value_set") {
            return kept;
        }
        match row.get("value_set") {
            "" => None,
            v => match Id::parse(v) {
                Ok(id) => {
                    self.provenance.insert(
                        (uk.clone(), format!("value_set:{var}")),
                        row.loc("value_set"),
                    );
                    Some(id)
                }
                Err(e) => {
                    self.problem(row.problem("value_set", e.to_string()));
                    None
                }
            },
        }
    }

    fn at(&self, item: &ItemKey, field: &str) -> Location {
        self.provenance
            .get(&(item.clone(), field.to_owned()))
            .or_else(|| self.touched.get(item))
            .cloned()
            .unwrap_or(Location::File {
                file: "catalogue".into(),
            })
    }

    /// Every value set draws on a code system of the catalogue, and its selection names codes
    /// of it; every binding's value set is a value set of the variable's own code system.
    /// Dangling references are reported by `check_references`; what is checked here is the
    /// rest, for the items this input touches.
    pub(super) fn check_value_sets(&mut self) {
        let mut problems = Vec::new();
        for book in self.catalog.codebooks.values() {
            let k = key(ItemKind::Codebook, &book.id);
            let Some(system_id) = &book.subset_of else {
                if !book.selection.is_empty() && self.touched.contains_key(&k) {
                    problems.push(Problem {
                        location: self.at(&k, "selection"),
                        message: "a selection needs the code system it selects from (Delmängd av)"
                            .into(),
                    });
                }
                continue;
            };
            if !self.touched.contains_key(&k)
                && !self
                    .touched
                    .contains_key(&key(ItemKind::Codebook, system_id))
            {
                continue;
            }
            let Some(system) = self.catalog.codebooks.get(system_id) else {
                continue; // reported as a dangling reference
            };
            if system.subset_of.is_some() {
                problems.push(Problem {
                    location: self.at(&k, "subset_of"),
                    message: format!(
                        "{system_id} is itself a value set; a value set is drawn from a code system"
                    ),
                });
                continue;
            }
            if !book.subset_of_version.is_empty() && book.subset_of_version != system.version {
                problems.push(Problem {
                    location: self.at(&k, "subset_of_version"),
                    message: format!(
                        "the code system {system_id} is at version {:?}, not {:?}",
                        system.version, book.subset_of_version
                    ),
                });
            }
            if !book.codes.is_empty() {
                problems.push(Problem {
                    location: self.at(&k, "subset_of"),
                    message: "a value set lists no codes of its own: its selection (Urval) names \
                              the code system's codes and ranges"
                        .into(),
                });
            }
            let is_code = |s: &str| system.code(s).is_some();
            let at = self.at(&k, "selection");
            match parse_selection(&book.selection, &is_code) {
                Err(e) => problems.push(Problem {
                    location: at,
                    message: e,
                }),
                Ok(parts) if parts.is_empty() => problems.push(Problem {
                    location: at,
                    message: "is required for a value set: codes and ranges such as S72.0–S72.2"
                        .into(),
                }),
                Ok(parts) => {
                    for part in &parts {
                        let ends: Vec<&str> = match part {
                            Member::Code(c) => vec![c],
                            Member::Range(a, b) => vec![a, b],
                        };
                        let missing: Vec<&str> = ends.into_iter().filter(|e| !is_code(e)).collect();
                        if !missing.is_empty() {
                            problems.push(Problem {
                                location: at.clone(),
                                message: format!(
                                    "{part}: {}{} not a code of {system_id}{}",
                                    missing.join(" and "),
                                    if missing.len() > 1 { " are" } else { " is" },
                                    if system.version.is_empty() {
                                        String::new()
                                    } else {
                                        format!(" (version {})", system.version)
                                    }
                                ),
                            });
                        } else if let Member::Range(a, b) = part
                            && !crate::domain::value_set::in_range(b, a, b)
                        {
                            problems.push(Problem {
                                location: at.clone(),
                                message: format!("{part}: the range ends before it starts"),
                            });
                        }
                    }
                }
            }
        }
        for u in self.catalog.use_cases.values() {
            let uk = key(ItemKind::UseCase, &u.id);
            for b in &u.bindings {
                let Some(vs_id) = &b.value_set else { continue };
                let field = format!("value_set:{}", b.variable);
                if !self.touched.contains_key(&uk)
                    && !self.touched.contains_key(&key(ItemKind::Codebook, vs_id))
                {
                    continue;
                }
                let Some(vs) = self.catalog.codebooks.get(vs_id) else {
                    continue;
                };
                let domain = self
                    .catalog
                    .variables
                    .get(&b.variable)
                    .and_then(|v| v.codebook.as_ref());
                let message = match (&vs.subset_of, domain) {
                    (None, _) => format!(
                        "{vs_id} is not a value set (it names no code system in Delmängd av)"
                    ),
                    (Some(s), Some(d)) if s == d => continue,
                    (Some(s), Some(d)) => format!(
                        "{vs_id} is drawn from {s}, but the value domain of {} is {d}",
                        b.variable
                    ),
                    (Some(s), None) => format!(
                        "{} has no value domain for {vs_id} to narrow (give it the code system {s})",
                        b.variable
                    ),
                };
                problems.push(Problem {
                    location: self.at(&uk, &field),
                    message,
                });
            }
        }
        self.problems.extend(problems);
    }
}
