//! Spreadsheet and SKOS files → a plan of what changes in the catalogue. Nothing here writes:
//! `plan` reads the input, merges it onto the current catalogue, checks every reference, and
//! either returns the new catalogue with the added/changed/removed items, or every problem
//! found, each with its sheet, row and column. The CLI applies a plan through `store` and `db`.
//!
//! Flow: `source` (files → sheets of text) → `rows` (headings → fields) → `merge` (rows →
//! domain values on a copy of the catalogue) → diff against the current catalogue.

mod merge;
mod ods;
pub mod record;
mod report;
mod rows;
mod skos;
mod source;
mod text;
mod upload;
mod xlsx;

use std::path::{Path, PathBuf};
use std::time::Instant;

use sha2::{Digest, Sha256};

use crate::domain::{Catalog, ItemKey, ItemKind};

pub use report::{Location, Problem, column_letter};
pub use source::{MAX_CELL_CHARS, MAX_FILE_BYTES};
pub use text::check as check_text;
pub use upload::{MAX_ZIP_BYTES, MAX_ZIP_FILES, plan_upload};

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Remove items of the kinds the input holds that the input does not list.
    pub prune: bool,
    /// Whose registration statuses the importer may change: an item's own status (its
    /// status at the publisher) and its registrations at other authorities.
    pub registrar: Registrar,
}

/// The registration authorities whose statuses an import may change (along the lifecycle).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Registrar {
    /// None: an editor's import through the server.
    Nobody,
    /// One authority's: an import through the server with a registrar's token bound to it
    /// (the publisher's registrar sets the items' own statuses).
    Of(crate::domain::OrgNr),
    /// Every authority's: the data directory's operator — a local `varcat import`, or one
    /// through the server with the owner's token from `server.json`; also the default, for
    /// reading a file without a catalogue to import it into (`varcat diff` of two files).
    #[default]
    Operator,
}

impl Registrar {
    /// Whether statuses at `authority` may change.
    pub fn may(&self, authority: &crate::domain::OrgNr) -> bool {
        match self {
            Registrar::Nobody => false,
            Registrar::Of(a) => a == authority,
            Registrar::Operator => true,
        }
    }
}

/// What an import would do.
#[derive(Debug)]
pub struct Plan {
    pub catalog: Catalog,
    pub added: Vec<ItemKey>,
    pub changed: Vec<ItemKey>,
    pub removed: Vec<ItemKey>,
    pub files: Vec<PathBuf>,
    /// SHA-256 of the files read, in order.
    pub checksum: String,
    /// The status changes an import makes, at the publisher (the items' own statuses) and at
    /// other authorities (their registrations), step by step along the lifecycle (each
    /// recorded as a status change).
    pub status_changes: Vec<StatusStep>,
}

impl Plan {
    /// A plan made in memory, from no file (an API write, a status change, a server catching
    /// up with another's write): `catalog` after the write and the keys it adds, changes and
    /// removes.
    pub fn in_memory(
        catalog: Catalog,
        added: Vec<ItemKey>,
        changed: Vec<ItemKey>,
        removed: Vec<ItemKey>,
    ) -> Self {
        Self {
            catalog,
            added,
            changed,
            removed,
            files: Vec::new(),
            checksum: String::new(),
            status_changes: Vec::new(),
        }
    }
}

/// One step of an item's status along the lifecycle, made by an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusStep {
    pub key: ItemKey,
    /// The registration authority (the publisher for the item's own status).
    pub authority: crate::domain::OrgNr,
    pub from: crate::domain::Status,
    pub to: crate::domain::Status,
}

impl StatusStep {
    /// The steps of `key` at `authority` from `from` along `path` (the statuses after it, as
    /// `lifecycle::path` gives them), one per status change.
    pub fn along(
        key: &ItemKey,
        authority: &crate::domain::OrgNr,
        from: crate::domain::Status,
        path: Vec<crate::domain::Status>,
    ) -> impl Iterator<Item = StatusStep> {
        let (key, authority) = (key.clone(), authority.clone());
        let befores = std::iter::once(from).chain(path.clone());
        befores.zip(path).map(move |(from, to)| StatusStep {
            key: key.clone(),
            authority: authority.clone(),
            from,
            to,
        })
    }
}

impl Plan {
    pub fn is_noop(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// An input that cannot be imported, with every problem found in it.
#[derive(Debug)]
pub struct Rejected {
    pub problems: Vec<Problem>,
    pub files: Vec<PathBuf>,
    pub checksum: String,
}

/// Reads `path` and plans its import onto `current`.
pub fn plan(path: &Path, current: &Catalog, opts: Options) -> Result<Plan, Rejected> {
    let t = Instant::now();
    let inputs = source::read_path(path);
    let checksum = checksum(&inputs.files);
    tracing::debug!(elapsed = ?t.elapsed(), "import: files read");
    let t = Instant::now();
    let mut problems = inputs.problems;
    let lone = inputs.sheets.len() == 1;
    let sheets: Vec<_> = inputs
        .sheets
        .iter()
        .filter_map(|s| rows::parse_sheet(s, lone, &mut problems))
        .collect();
    tracing::debug!(elapsed = ?t.elapsed(), "import: headings and rows mapped");
    let t = Instant::now();
    let mut merger = merge::Merger::new(current);
    let mut kinds: Vec<ItemKind> = sheets
        .iter()
        .filter_map(|s| sheet_item_kind(s.kind))
        .collect();
    for file in &inputs.rdf {
        for (cb, status, loc) in skos::codebooks(file, &mut problems) {
            merger.add_codebook(cb, status, loc);
        }
        kinds.push(ItemKind::Codebook);
    }
    merger.apply_sheets(&sheets);
    if opts.prune {
        for k in current.keys() {
            if kinds.contains(&k.kind)
                && !merger.touched.contains_key(&k)
                && !merger.removed.contains_key(&k)
            {
                merger.removed.insert(
                    k,
                    Location::File {
                        file: "--prune".into(),
                    },
                );
            }
        }
    }
    merger.finish_lists();
    tracing::debug!(elapsed = ?t.elapsed(), "import: rows merged onto the catalogue");
    let t = Instant::now();
    merger.check_references();
    let mut status_changes = merger.check_statuses(current, &opts.registrar);
    status_changes.extend(merger.check_registrations(current, &opts.registrar));
    tracing::debug!(elapsed = ?t.elapsed(), "import: references and statuses checked");
    problems.extend(merger.problems);
    if !problems.is_empty() {
        return Err(Rejected {
            problems,
            files: inputs.files,
            checksum,
        });
    }
    let catalog = merger.catalog;
    let t = Instant::now();
    let (added, changed, removed) = diff(current, &catalog);
    tracing::debug!(elapsed = ?t.elapsed(), "import: diffed against the catalogue");
    Ok(Plan {
        catalog,
        added,
        changed,
        removed,
        files: inputs.files,
        checksum,
        status_changes,
    })
}

fn sheet_item_kind(kind: crate::fields::SheetKind) -> Option<ItemKind> {
    use crate::fields::SheetKind as S;
    match kind {
        S::Organisations => Some(ItemKind::Organisation),
        S::Collections => Some(ItemKind::Collection),
        S::ProblemAreas => Some(ItemKind::ProblemArea),
        S::Codebooks => Some(ItemKind::Codebook),
        S::Variables => Some(ItemKind::Variable),
        S::UseCases => Some(ItemKind::UseCase),
        S::Codes
        | S::Steps
        | S::Bindings
        | S::VariableHistory
        | S::VariableGroups
        | S::CollectionHistory
        | S::CollectionGroups
        | S::UseCaseHistory
        | S::Registrations
        | S::Mappings => None,
    }
}

/// Items added, changed and removed between two catalogues.
pub fn diff(old: &Catalog, new: &Catalog) -> (Vec<ItemKey>, Vec<ItemKey>, Vec<ItemKey>) {
    let mut keys = old.keys();
    keys.extend(new.keys());
    diff_of(old, new, keys)
}

/// [`diff`] over `keys` alone: for a write that can only have changed those items.
pub fn diff_of(
    old: &Catalog,
    new: &Catalog,
    mut keys: Vec<ItemKey>,
) -> (Vec<ItemKey>, Vec<ItemKey>, Vec<ItemKey>) {
    let (mut added, mut changed, mut removed) = (Vec::new(), Vec::new(), Vec::new());
    keys.sort();
    keys.dedup();
    for k in keys {
        match (old.contains(&k), new.contains(&k)) {
            (false, true) => added.push(k),
            (true, false) => removed.push(k),
            (true, true) if old.item_differs(new, &k) => changed.push(k),
            _ => {}
        }
    }
    changed.extend(value_sets_moved(old, new, &added, &changed, &removed));
    changed.sort();
    changed.dedup();
    (added, changed, removed)
}

/// The value sets whose members change because their code system changed (its graph holds
/// them: `store::to_rdf::codebook_quads`), though they did not change themselves.
fn value_sets_moved(
    old: &Catalog,
    new: &Catalog,
    added: &[ItemKey],
    changed: &[ItemKey],
    removed: &[ItemKey],
) -> Vec<ItemKey> {
    let systems: std::collections::BTreeSet<&str> = added
        .iter()
        .chain(changed)
        .filter(|k| k.kind == ItemKind::Codebook)
        .map(|k| k.id.as_str())
        .collect();
    if systems.is_empty() {
        return Vec::new();
    }
    let listed = |k: &ItemKey| added.contains(k) || changed.contains(k) || removed.contains(k);
    let members =
        |cat: &Catalog, set: &crate::domain::Codebook| -> Vec<(String, crate::domain::Lang)> {
            set.subset_of
                .as_ref()
                .and_then(|s| cat.codebooks.get(s))
                .map(|system| {
                    crate::domain::value_set::members(set, system)
                        .into_iter()
                        .map(|c| (c.notation.clone(), c.label.clone()))
                        .collect()
                })
                .unwrap_or_default()
        };
    new.codebooks
        .values()
        .filter(|set| {
            set.subset_of
                .as_ref()
                .is_some_and(|s| systems.contains(s.as_str()))
        })
        .filter_map(|set| {
            let k = ItemKey {
                kind: ItemKind::Codebook,
                id: set.id.to_string(),
            };
            let before = old.codebooks.get(&set.id)?;
            (!listed(&k) && members(old, before) != members(new, set)).then_some(k)
        })
        .collect()
}

fn checksum(files: &[PathBuf]) -> String {
    let mut h = Sha256::new();
    for f in files {
        if let Ok(bytes) = std::fs::read(f) {
            h.update(&bytes);
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
