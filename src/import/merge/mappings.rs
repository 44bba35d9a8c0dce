//! The `mappningar` sheet: mappings of codes of one codebook to codes of another (SKOS
//! `exactMatch` … `relatedMatch`). The rows an input gives for a codebook replace that
//! codebook's mappings whole (as its codes are replaced by a `koder` sheet); codebooks not
//! named keep theirs, and a code keeps its mappings when its codebook's codes are given again.
//! Every source code, target codebook and target code must exist (in this input or in the
//! catalogue), and a mapping that a change of this input leaves dangling (a target code or
//! codebook removed) is reported where the change is made.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::domain::{Catalog, Code, Id, ItemKind, Mapping, MatchRelation, sort_mappings};
use crate::import::report::{Location, Problem};
use crate::import::rows::RowView;

use super::{Merger, key};

struct Row {
    notation: String,
    mapping: Mapping,
    codebook_at: Location,
    notation_at: Location,
    target_book_at: Location,
    target_code_at: Location,
}

/// The mapping rows an input gives, by source codebook, and the codebooks whose mappings
/// it replaced.
#[derive(Default)]
pub struct Given {
    rows: BTreeMap<Id, Vec<Row>>,
    replaced: BTreeSet<Id>,
}

/// Moves the mappings of `old` codes onto the `new` codes of the same notation (a codebook
/// whose codes are given again keeps its mappings).
pub fn carry_mappings(old: &[Code], new: &mut [Code]) {
    let mut by_notation: HashMap<&str, &Vec<Mapping>> = old
        .iter()
        .filter(|c| !c.mappings.is_empty())
        .map(|c| (c.notation.as_str(), &c.mappings))
        .collect();
    if by_notation.is_empty() {
        return;
    }
    for c in new.iter_mut().filter(|c| c.mappings.is_empty()) {
        if let Some(m) = by_notation.remove(c.notation.as_str()) {
            c.mappings = m.clone();
        }
    }
}

impl Merger {
    pub(super) fn mapping_row(&mut self, row: &RowView<'_>) {
        let book = self.id(row, "codebook");
        let target = self.id(row, "target_codebook");
        let relation = MatchRelation::parse(row.get("relation"))
            .map_err(|e| self.problem(row.problem("relation", e.to_string())))
            .ok();
        let mut required = |field: &str| {
            let v = row.get(field);
            if v.is_empty() {
                self.problem(row.problem(field, "is required"));
            }
            (!v.is_empty()).then(|| v.to_owned())
        };
        let notation = required("notation");
        let target_code = required("target_notation");
        let (Some(book), Some(target), Some(relation), Some(notation), Some(target_code)) =
            (book, target, relation, notation, target_code)
        else {
            return;
        };
        if book == target {
            self.problem(row.problem(
                "target_codebook",
                format!(
                    "a mapping links codes of two code systems; {book} maps to itself (a \
                     hierarchy within one codebook is its codes' Överordnad)"
                ),
            ));
            return;
        }
        let given = Row {
            notation,
            mapping: Mapping {
                relation,
                system: target,
                code: target_code,
                note: row.get("note").to_owned(),
            },
            codebook_at: row.loc("codebook"),
            notation_at: row.loc("notation"),
            target_book_at: row.loc("target_codebook"),
            target_code_at: row.loc("target_notation"),
        };
        self.mappings.rows.entry(book).or_default().push(given);
    }

    /// Puts the given mappings on their codes (after the codes are in place), reporting
    /// unknown codebooks and codes and mappings given twice.
    pub(super) fn finish_mappings(&mut self) {
        let given = std::mem::take(&mut self.mappings.rows);
        let mut notations: HashMap<Id, HashSet<String>> = HashMap::new();
        for (book_id, rows) in given {
            let Some(book) = self.catalog.codebooks.get(&book_id) else {
                for r in rows {
                    self.problem(Problem {
                        location: r.codebook_at,
                        message: format!(
                            "no codebook {book_id} in this input or in the catalogue (add it \
                             to the sheet kodverk)"
                        ),
                    });
                }
                continue;
            };
            let own: HashSet<&str> = book.codes.iter().map(|c| c.notation.as_str()).collect();
            let mut seen: HashMap<(String, MatchRelation, Id, String), Location> = HashMap::new();
            let mut by_code: HashMap<String, Vec<Mapping>> = HashMap::new();
            let mut problems = Vec::new();
            let first = rows.first().map(|r| r.codebook_at.clone());
            for r in rows {
                if !own.contains(r.notation.as_str()) {
                    problems.push(Problem {
                        location: r.notation_at.clone(),
                        message: format!(
                            "no code {} in codebook {book_id} (its codes are on the sheet koder)",
                            r.notation
                        ),
                    });
                }
                let m = &r.mapping;
                match known_codes(&self.catalog, &mut notations, &m.system) {
                    None => problems.push(Problem {
                        location: r.target_book_at.clone(),
                        message: format!(
                            "no codebook {} in this input or in the catalogue (add it to the \
                             sheet kodverk)",
                            m.system
                        ),
                    }),
                    Some(codes) if !codes.contains(&m.code) => problems.push(Problem {
                        location: r.target_code_at.clone(),
                        message: format!("no code {} in codebook {}", m.code, m.system),
                    }),
                    Some(_) => {}
                }
                let k = (
                    r.notation.clone(),
                    m.relation,
                    m.system.clone(),
                    m.code.clone(),
                );
                if let Some(prev) = seen.get(&k) {
                    problems.push(Problem {
                        location: r.notation_at.clone(),
                        message: format!(
                            "the mapping {} {} {} {} is given twice (first at {prev})",
                            r.notation, m.relation, m.system, m.code
                        ),
                    });
                    continue;
                }
                seen.insert(k, r.notation_at.clone());
                by_code.entry(r.notation).or_default().push(r.mapping);
            }
            if !problems.is_empty() {
                self.problems.extend(problems);
                continue;
            }
            if let Some(book) = self.catalog.codebooks.get_mut(&book_id) {
                for c in &mut book.codes {
                    c.mappings = by_code.remove(&c.notation).unwrap_or_default();
                    sort_mappings(&mut c.mappings);
                }
            }
            if let Some(loc) = first {
                self.touched
                    .entry(key(ItemKind::Codebook, &book_id))
                    .or_insert(loc);
            }
            self.mappings.replaced.insert(book_id);
        }
    }

    /// Mappings this input leaves dangling: kept mappings (of codebooks whose mappings it did
    /// not give) whose target codebook or code it changed away, reported at that change.
    pub(super) fn check_mappings(&mut self) {
        let changed = |k: &crate::domain::ItemKey| {
            self.touched.get(k).or_else(|| self.removed.get(k)).cloned()
        };
        let mut notations: HashMap<Id, HashSet<String>> = HashMap::new();
        let mut problems = Vec::new();
        for book in self.catalog.codebooks.values() {
            if self.mappings.replaced.contains(&book.id) {
                continue;
            }
            for c in book.codes.iter().filter(|c| !c.mappings.is_empty()) {
                for m in &c.mappings {
                    let Some(at) = changed(&key(ItemKind::Codebook, &m.system)) else {
                        continue;
                    };
                    let ok = known_codes(&self.catalog, &mut notations, &m.system)
                        .is_some_and(|codes| codes.contains(&m.code));
                    if !ok {
                        problems.push(Problem {
                            location: at,
                            message: format!(
                                "code {} of {} is the target of a mapping from code {} of {} \
                                 ({}); remove the mapping (sheet mappningar) or keep the code",
                                m.code, m.system, c.notation, book.id, m.relation
                            ),
                        });
                    }
                }
            }
        }
        self.problems.extend(problems);
    }
}

/// The notations of codebook `id` in `cat` (gathered once per codebook), or `None` when there
/// is no such codebook.
fn known_codes<'a>(
    cat: &Catalog,
    cache: &'a mut HashMap<Id, HashSet<String>>,
    id: &Id,
) -> Option<&'a HashSet<String>> {
    if !cache.contains_key(id) {
        let book = cat.codebooks.get(id)?;
        cache.insert(
            id.clone(),
            book.codes.iter().map(|c| c.notation.clone()).collect(),
        );
    }
    cache.get(id)
}
