//! The whole catalogue as one value: what an import starts from and produces, and what the
//! store reads back. Items are keyed by kind and identifier.

use super::{Codebook, Collection, Id, OrgNr, Organisation, ProblemArea, UseCase, Variable};

/// The kinds of item, each with its own IRI path segment and spreadsheet sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum ItemKind {
    Organisation,
    Collection,
    ProblemArea,
    Codebook,
    Variable,
    UseCase,
}

impl ItemKind {
    pub const ALL: [ItemKind; 6] = [
        ItemKind::Organisation,
        ItemKind::Collection,
        ItemKind::ProblemArea,
        ItemKind::Codebook,
        ItemKind::Variable,
        ItemKind::UseCase,
    ];

    /// Whether items of this kind carry a registration status.
    pub fn has_status(self) -> bool {
        matches!(
            self,
            ItemKind::Codebook | ItemKind::Variable | ItemKind::UseCase
        )
    }

    /// The kind's name on pages, in `lang` (`Variabel`, `Use case`, …).
    pub fn label(self, lang: super::Language) -> &'static str {
        use super::Language::{En, Sv};
        match (lang, self) {
            (Sv, ItemKind::Organisation) => "Organisation",
            (Sv, ItemKind::Collection) => "Datainsamling",
            (Sv, ItemKind::ProblemArea) => "Problemområde",
            (Sv, ItemKind::Codebook) => "Kodverk",
            (Sv, ItemKind::Variable) => "Variabel",
            (Sv, ItemKind::UseCase) => "Användningsfall",
            (En, ItemKind::Organisation) => "Organisation",
            (En, ItemKind::Collection) => "Data collection",
            (En, ItemKind::ProblemArea) => "Problem area",
            (En, ItemKind::Codebook) => "Codebook",
            (En, ItemKind::Variable) => "Variable",
            (En, ItemKind::UseCase) => "Use case",
        }
    }

    /// Swedish noun used in messages and the audit log (`variabel`, `kodverk`, …).
    pub fn noun_sv(self) -> &'static str {
        match self {
            ItemKind::Organisation => "organisation",
            ItemKind::Collection => "datainsamling",
            ItemKind::ProblemArea => "problemområde",
            ItemKind::Codebook => "kodverk",
            ItemKind::Variable => "variabel",
            ItemKind::UseCase => "användningsfall",
        }
    }
}

/// One item's identity: its kind and its identifier (organisationsnummer for organisations).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemKey {
    pub kind: ItemKind,
    pub id: String,
}

impl std::fmt::Display for ItemKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.kind.noun_sv(), self.id)
    }
}

/// The map of one kind's items: ordered by key like a `BTreeMap`, but persistent — a copy
/// shares every node with the original and costs nothing, and a change copies only the path
/// to what it changes. A write therefore makes the catalogue after it from the one before at
/// the cost of what it touched, while readers keep the one before (see `web::snapshot`).
pub type ItemMap<K, V> = imbl::OrdMap<K, V>;

/// What `BTreeMap` offers and [`ItemMap`] lacks, written so that unchanged items stay shared.
pub trait ItemMapExt<K, V> {
    /// Keeps the items for which `keep` holds.
    fn retain(&mut self, keep: impl FnMut(&K, &V) -> bool);
    /// Replaces each item for which `change` gives a new value; the others stay shared.
    fn replace_each(&mut self, change: impl FnMut(&K, &V) -> Option<V>);
}

impl<K: Ord + Clone, V: Clone> ItemMapExt<K, V> for ItemMap<K, V> {
    fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        let gone: Vec<K> = self
            .iter()
            .filter(|(k, v)| !keep(k, v))
            .map(|(k, _)| k.clone())
            .collect();
        for k in gone {
            self.remove(&k);
        }
    }

    fn replace_each(&mut self, mut change: impl FnMut(&K, &V) -> Option<V>) {
        let changed: Vec<(K, V)> = self
            .iter()
            .filter_map(|(k, v)| change(k, v).map(|n| (k.clone(), n)))
            .collect();
        for (k, v) in changed {
            self.insert(k, v);
        }
    }
}

/// When each item, and each resource inside one (a code), last changed (`dct:modified`), by
/// IRI. Persistent like [`ItemMap`]: a write's copy shares every entry it does not change.
pub type Modified = ItemMap<String, String>;

/// Each item's frozen versions, by item IRI: (version, version IRI), oldest first. Persistent
/// like [`ItemMap`].
pub type Versions = ItemMap<String, Vec<(String, String)>>;

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Catalog {
    pub organisations: ItemMap<OrgNr, Organisation>,
    pub collections: ItemMap<Id, Collection>,
    pub problem_areas: ItemMap<Id, ProblemArea>,
    pub codebooks: ItemMap<Id, Codebook>,
    pub variables: ItemMap<Id, Variable>,
    pub use_cases: ItemMap<Id, UseCase>,
}

/// Counts per kind, as `varcat stats` prints them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub variables: usize,
    pub codebooks: usize,
    pub codes: usize,
    pub use_cases: usize,
    pub bindings: usize,
    pub collections: usize,
    pub organisations: usize,
    pub problem_areas: usize,
}

impl Catalog {
    pub fn counts(&self) -> Counts {
        Counts {
            variables: self.variables.len(),
            codebooks: self.codebooks.len(),
            codes: self.codebooks.values().map(|c| c.codes.len()).sum(),
            use_cases: self.use_cases.len(),
            bindings: self.use_cases.values().map(|u| u.bindings.len()).sum(),
            collections: self.collections.len(),
            organisations: self.organisations.len(),
            problem_areas: self.problem_areas.len(),
        }
    }

    /// Adds every item of `other`, replacing those with the same key.
    pub fn extend(&mut self, other: Catalog) {
        self.organisations.extend(other.organisations);
        self.collections.extend(other.collections);
        self.problem_areas.extend(other.problem_areas);
        self.codebooks.extend(other.codebooks);
        self.variables.extend(other.variables);
        self.use_cases.extend(other.use_cases);
    }

    /// Every item's key, in a stable order.
    pub fn keys(&self) -> Vec<ItemKey> {
        fn keys_of<'a, K: std::fmt::Display + Ord + Clone + 'a, V: Clone + 'a>(
            kind: ItemKind,
            m: &'a ItemMap<K, V>,
        ) -> impl Iterator<Item = ItemKey> + 'a {
            m.keys().map(move |k| ItemKey {
                kind,
                id: k.to_string(),
            })
        }
        keys_of(ItemKind::Organisation, &self.organisations)
            .chain(keys_of(ItemKind::Collection, &self.collections))
            .chain(keys_of(ItemKind::ProblemArea, &self.problem_areas))
            .chain(keys_of(ItemKind::Codebook, &self.codebooks))
            .chain(keys_of(ItemKind::Variable, &self.variables))
            .chain(keys_of(ItemKind::UseCase, &self.use_cases))
            .collect()
    }

    /// Whether the item under `key` differs between `self` and `other` (present in one only,
    /// or present in both with different content).
    pub fn item_differs(&self, other: &Catalog, key: &ItemKey) -> bool {
        fn differs<K: Ord + Clone, V: PartialEq + Clone>(
            a: &ItemMap<K, V>,
            b: &ItemMap<K, V>,
            k: Option<K>,
        ) -> bool {
            match k {
                Some(k) => a.get(&k) != b.get(&k),
                None => false,
            }
        }
        let id = Id::parse(&key.id).ok();
        match key.kind {
            ItemKind::Organisation => differs(
                &self.organisations,
                &other.organisations,
                OrgNr::parse(&key.id).ok(),
            ),
            ItemKind::Collection => differs(&self.collections, &other.collections, id),
            ItemKind::ProblemArea => differs(&self.problem_areas, &other.problem_areas, id),
            ItemKind::Codebook => differs(&self.codebooks, &other.codebooks, id),
            ItemKind::Variable => differs(&self.variables, &other.variables, id),
            ItemKind::UseCase => differs(&self.use_cases, &other.use_cases, id),
        }
    }

    /// A catalogue holding only the item under `key` (for one item's tables or JSON), or
    /// `None` when there is no such item.
    pub fn only(&self, key: &ItemKey) -> Option<Catalog> {
        fn pick<K: Ord + Clone, V: Clone>(
            from: &ItemMap<K, V>,
            to: &mut ItemMap<K, V>,
            k: Option<K>,
        ) -> Option<()> {
            let k = k?;
            let v = from.get(&k)?.clone();
            to.insert(k, v);
            Some(())
        }
        let mut out = Catalog::default();
        let id = Id::parse(&key.id).ok();
        match key.kind {
            ItemKind::Organisation => pick(
                &self.organisations,
                &mut out.organisations,
                OrgNr::parse(&key.id).ok(),
            ),
            ItemKind::Collection => pick(&self.collections, &mut out.collections, id),
            ItemKind::ProblemArea => pick(&self.problem_areas, &mut out.problem_areas, id),
            ItemKind::Codebook => pick(&self.codebooks, &mut out.codebooks, id),
            ItemKind::Variable => pick(&self.variables, &mut out.variables, id),
            ItemKind::UseCase => pick(&self.use_cases, &mut out.use_cases, id),
        }?;
        Some(out)
    }

    /// The registration status of the item under `key`, for the kinds that have one
    /// (variables, codebooks, use cases).
    pub fn status_of(&self, key: &ItemKey) -> Option<super::Status> {
        let id = Id::parse(&key.id).ok()?;
        match key.kind {
            ItemKind::Codebook => self.codebooks.get(&id).map(|c| c.status),
            ItemKind::Variable => self.variables.get(&id).map(|v| v.status),
            ItemKind::UseCase => self.use_cases.get(&id).map(|u| u.status),
            _ => None,
        }
    }

    /// Sets the registration status of the item under `key`; false when it has none.
    pub fn set_status(&mut self, key: &ItemKey, status: super::Status) -> bool {
        let Ok(id) = Id::parse(&key.id) else {
            return false;
        };
        let slot = match key.kind {
            ItemKind::Codebook => self.codebooks.get_mut(&id).map(|c| &mut c.status),
            ItemKind::Variable => self.variables.get_mut(&id).map(|v| &mut v.status),
            ItemKind::UseCase => self.use_cases.get_mut(&id).map(|u| &mut u.status),
            _ => None,
        };
        match slot {
            Some(s) => {
                *s = status;
                true
            }
            None => false,
        }
    }

    /// The registrations at other authorities of the item under `key`, for the kinds that
    /// have a status (`None` for the others and for no such item).
    pub fn registrations_of(&self, key: &ItemKey) -> Option<&[super::Registration]> {
        let id = Id::parse(&key.id).ok()?;
        match key.kind {
            ItemKind::Codebook => self.codebooks.get(&id).map(|c| &c.registrations[..]),
            ItemKind::Variable => self.variables.get(&id).map(|v| &v.registrations[..]),
            ItemKind::UseCase => self.use_cases.get(&id).map(|u| &u.registrations[..]),
            _ => None,
        }
    }

    /// Sets the item's registration at `r.authority`; false when it has no status.
    pub fn set_registration(&mut self, key: &ItemKey, r: super::Registration) -> bool {
        let Ok(id) = Id::parse(&key.id) else {
            return false;
        };
        let slot = match key.kind {
            ItemKind::Codebook => self.codebooks.get_mut(&id).map(|c| &mut c.registrations),
            ItemKind::Variable => self.variables.get_mut(&id).map(|v| &mut v.registrations),
            ItemKind::UseCase => self.use_cases.get_mut(&id).map(|u| &mut u.registrations),
            _ => None,
        };
        match slot {
            Some(list) => {
                super::set_registration(list, r);
                true
            }
            None => false,
        }
    }

    pub fn contains(&self, key: &ItemKey) -> bool {
        let id = Id::parse(&key.id).ok();
        match (key.kind, id) {
            (ItemKind::Organisation, _) => {
                OrgNr::parse(&key.id).is_ok_and(|o| self.organisations.contains_key(&o))
            }
            (ItemKind::Collection, Some(id)) => self.collections.contains_key(&id),
            (ItemKind::ProblemArea, Some(id)) => self.problem_areas.contains_key(&id),
            (ItemKind::Codebook, Some(id)) => self.codebooks.contains_key(&id),
            (ItemKind::Variable, Some(id)) => self.variables.contains_key(&id),
            (ItemKind::UseCase, Some(id)) => self.use_cases.contains_key(&id),
            (_, None) => false,
        }
    }

    /// Removes the item under `k`, if there is one.
    pub fn remove(&mut self, k: &ItemKey) {
        let id = Id::parse(&k.id).ok();
        match (k.kind, id) {
            (ItemKind::Organisation, _) => {
                if let Ok(o) = OrgNr::parse(&k.id) {
                    self.organisations.remove(&o);
                }
            }
            (ItemKind::Collection, Some(id)) => drop(self.collections.remove(&id)),
            (ItemKind::ProblemArea, Some(id)) => drop(self.problem_areas.remove(&id)),
            (ItemKind::Codebook, Some(id)) => drop(self.codebooks.remove(&id)),
            (ItemKind::Variable, Some(id)) => drop(self.variables.remove(&id)),
            (ItemKind::UseCase, Some(id)) => drop(self.use_cases.remove(&id)),
            (_, None) => {}
        }
    }
}
