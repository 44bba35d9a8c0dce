//! What an import would change, item by item and field by field, as the dry run shows it on
//! the command line, on the import page and in `POST /api/import`: `~ variabel remissdatum`
//! followed by `Definition: "…" → "…"`, `kod 9: tillagd`. Only the items the plan touches are
//! compared, so it costs what the change does.

use crate::domain::{Catalog, ItemKey};
use crate::import::Plan;

use super::{Change, RowChange, catalogs};

/// Values longer than this are cut in a preview line.
const SHOWN: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ItemPreview {
    /// `+` added, `~` changed, `-` removed.
    pub sign: String,
    /// As the command line names it: `variabel remissdatum`.
    pub item: String,
    /// Its path under the base IRI: `variabel/remissdatum`.
    pub path: String,
    /// For a changed item: one line per field or part that changes.
    pub fields: Vec<String>,
}

/// The preview of `plan` made on `current`: added items, then changed, then removed, each in
/// the plan's order.
pub fn preview(current: &Catalog, plan: &Plan) -> Vec<ItemPreview> {
    let mut old = Catalog::default();
    let mut new = Catalog::default();
    for k in &plan.changed {
        if let Some(c) = current.only(k) {
            old.extend(c);
        }
        if let Some(c) = plan.catalog.only(k) {
            new.extend(c);
        }
    }
    let changes = catalogs(&old, &new);
    let entry = |sign: &str, k: &ItemKey, fields: Vec<String>| ItemPreview {
        sign: sign.to_owned(),
        item: k.to_string(),
        path: format!("{}/{}", k.kind.path_segment(), k.id),
        fields,
    };
    let mut out: Vec<ItemPreview> = plan
        .added
        .iter()
        .map(|k| entry("+", k, Vec::new()))
        .collect();
    for k in &plan.changed {
        let lines = changes
            .iter()
            .filter(|c| &c.item == k)
            .flat_map(lines_of)
            .collect();
        out.push(entry("~", k, lines));
    }
    out.extend(plan.removed.iter().map(|k| entry("-", k, Vec::new())));
    out
}

fn shown(v: &str) -> String {
    let v = v.replace('\n', " ");
    if v.chars().count() > SHOWN {
        format!("\"{}…\"", v.chars().take(SHOWN).collect::<String>())
    } else {
        format!("\"{v}\"")
    }
}

/// The lines one row change gives: a field each for the item's own row; for a part (a code, a
/// step, a binding) one line naming it.
fn lines_of(c: &Change) -> Vec<String> {
    let part = c.part.as_ref().map(|p| format!("{} {p}", part_noun(c)));
    match (&c.what, part) {
        (RowChange::Changed { fields }, None) => fields
            .iter()
            .map(|f| format!("{}: {} → {}", f.heading, shown(&f.before), shown(&f.after)))
            .collect(),
        (RowChange::Changed { fields }, Some(p)) => vec![format!(
            "{p}: {}",
            fields
                .iter()
                .map(|f| format!("{} {} → {}", f.heading, shown(&f.before), shown(&f.after)))
                .collect::<Vec<_>>()
                .join("; ")
        )],
        (RowChange::Added, Some(p)) => vec![format!("{p}: tillagd")],
        (RowChange::Removed, Some(p)) => vec![format!("{p}: borttagen")],
        (RowChange::Added | RowChange::Removed, None) => Vec::new(),
    }
}

fn part_noun(c: &Change) -> &'static str {
    use crate::fields::SheetKind;
    match c.sheet {
        SheetKind::Codes => "kod",
        SheetKind::Steps => "steg",
        SheetKind::Bindings => "koppling till variabel",
        SheetKind::VariableHistory | SheetKind::CollectionHistory | SheetKind::UseCaseHistory => {
            "harmoniseringssteg"
        }
        SheetKind::VariableGroups | SheetKind::CollectionGroups => "referensgruppsmedlem",
        SheetKind::Registrations => "registrering hos",
        SheetKind::Mappings => "mappning",
        _ => "del",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Code, Codebook, Id, Lang, Status, Variable};

    #[test]
    fn a_changed_definition_and_an_added_code_are_named_field_by_field() {
        let mut current = Catalog::default();
        let id = Id::parse("remissdatum").expect("id");
        let v = Variable::new(
            id.clone(),
            Lang::new("Remissdatum", ""),
            Lang::new("Dag då remissen kom in.", ""),
        );
        current.variables.insert(id.clone(), v.clone());
        let b = Id::parse("kon").expect("id");
        let book = Codebook {
            id: b.clone(),
            title: Lang::new("Kön", ""),
            description: Lang::default(),
            version: String::new(),
            source: String::new(),
            publisher: None,
            subset_of: None,
            subset_of_version: String::new(),
            selection: String::new(),
            status: Status::Standard,
            codes: vec![Code {
                notation: "1".into(),
                label: Lang::new("Man", ""),
                definition: Lang::default(),
                broader: None,
                mappings: Vec::new(),
            }],
            registrations: Vec::new(),
        };
        current.codebooks.insert(b.clone(), book.clone());
        let mut new = current.clone();
        if let Some(v) = new.variables.get_mut(&id) {
            v.definition.sv = "Dag då remissen utfärdades.".into();
        }
        if let Some(cb) = new.codebooks.get_mut(&b) {
            cb.codes.push(Code {
                notation: "9".into(),
                label: Lang::new("Okänt", ""),
                definition: Lang::default(),
                broader: None,
                mappings: Vec::new(),
            });
        }
        let key = |kind, id: &str| ItemKey {
            kind,
            id: id.into(),
        };
        let plan = Plan {
            catalog: new,
            added: Vec::new(),
            changed: vec![
                key(crate::domain::ItemKind::Codebook, "kon"),
                key(crate::domain::ItemKind::Variable, "remissdatum"),
            ],
            removed: Vec::new(),
            files: Vec::new(),
            checksum: String::new(),
            status_changes: Vec::new(),
        };
        let p = preview(&current, &plan);
        assert_eq!(p[0].item, "kodverk kon");
        assert_eq!(p[0].fields, ["kod 9: tillagd"]);
        assert_eq!(p[1].sign, "~");
        assert_eq!(
            p[1].fields,
            ["Definition: \"Dag då remissen kom in.\" → \"Dag då remissen utfärdades.\""]
        );
    }
}
