//! The references between items (a variable's codebook, a use case's bindings, …): every one of
//! them, for a whole-catalogue check, or one item's, so that a write checks only what it
//! touched.

use super::{Catalog, Codebook, Collection, Id, ItemKey, ItemKind, OrgNr, UseCase, Variable};

/// One reference: (from, field, target). The field names it as the import records where it
/// was written (`publisher`, `collection:kpp`, `binding:indatum`).
pub type Reference = (ItemKey, String, ItemKey);

impl Catalog {
    /// Every reference between items.
    pub fn references(&self) -> Vec<Reference> {
        let mut out = Vec::new();
        self.collections
            .values()
            .for_each(|c| collection(c, &mut out));
        self.codebooks.values().for_each(|c| codebook(c, &mut out));
        self.variables.values().for_each(|v| variable(v, &mut out));
        self.use_cases.values().for_each(|u| use_case(u, &mut out));
        out
    }

    /// The references the item under `k` makes (none when there is no such item).
    pub fn references_of(&self, k: &ItemKey) -> Vec<Reference> {
        let mut out = Vec::new();
        let Ok(id) = Id::parse(&k.id) else {
            return out;
        };
        match k.kind {
            ItemKind::Collection => self.collections.get(&id).map(|c| collection(c, &mut out)),
            ItemKind::Codebook => self.codebooks.get(&id).map(|c| codebook(c, &mut out)),
            ItemKind::Variable => self.variables.get(&id).map(|v| variable(v, &mut out)),
            ItemKind::UseCase => self.use_cases.get(&id).map(|u| use_case(u, &mut out)),
            ItemKind::Organisation | ItemKind::ProblemArea => None,
        };
        out
    }
}

fn key(kind: ItemKind, id: impl ToString) -> ItemKey {
    ItemKey {
        kind,
        id: id.to_string(),
    }
}

fn org(o: &OrgNr) -> ItemKey {
    key(ItemKind::Organisation, o)
}

fn collection(c: &Collection, out: &mut Vec<Reference>) {
    let from = key(ItemKind::Collection, &c.id);
    out.push((from.clone(), "publisher".into(), org(&c.publisher)));
    if let Some(h) = &c.hdab {
        out.push((from.clone(), "hdab".into(), org(h)));
    }
    members(&from, &c.harmonisation, out);
}

/// The organisations of an item's reference group.
fn members(from: &ItemKey, h: &super::Harmonisation, out: &mut Vec<Reference>) {
    for m in &h.reference_group {
        let field = format!("member:{}", m.organisation);
        out.push((from.clone(), field, org(&m.organisation)));
    }
}

fn codebook(c: &Codebook, out: &mut Vec<Reference>) {
    if let Some(p) = &c.publisher {
        out.push((key(ItemKind::Codebook, &c.id), "publisher".into(), org(p)));
    }
    if let Some(s) = &c.subset_of {
        let from = key(ItemKind::Codebook, &c.id);
        out.push((from, "subset_of".into(), key(ItemKind::Codebook, s)));
    }
}

fn variable(v: &Variable, out: &mut Vec<Reference>) {
    let from = key(ItemKind::Variable, &v.id);
    if let Some(c) = &v.codebook {
        out.push((from.clone(), "codebook".into(), key(ItemKind::Codebook, c)));
    }
    if let Some(o) = &v.owner {
        out.push((from.clone(), "owner".into(), org(o)));
    }
    for c in &v.collections {
        let field = format!("collection:{c}");
        out.push((from.clone(), field, key(ItemKind::Collection, c)));
    }
    if let Some(b) = &v.based_on {
        out.push((from.clone(), "based_on".into(), key(ItemKind::Variable, b)));
    }
    for m in &v.exact_match {
        let field = format!("exact_match:{m}");
        out.push((from.clone(), field, key(ItemKind::Variable, m)));
    }
    members(&from, &v.harmonisation, out);
}

fn use_case(u: &UseCase, out: &mut Vec<Reference>) {
    let from = key(ItemKind::UseCase, &u.id);
    for p in &u.problem_areas {
        let field = format!("problem_area:{p}");
        out.push((from.clone(), field, key(ItemKind::ProblemArea, p)));
    }
    for b in &u.bindings {
        let field = format!("binding:{}", b.variable);
        out.push((from.clone(), field, key(ItemKind::Variable, &b.variable)));
        if let Some(vs) = &b.value_set {
            let field = format!("value_set:{}", b.variable);
            out.push((from.clone(), field, key(ItemKind::Codebook, vs)));
        }
    }
}
