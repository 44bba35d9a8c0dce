//! The mappings section of a codebook's page: how its codes shown on the page relate to codes
//! of other code systems (SKOS `exactMatch` … `relatedMatch`), each target linked to its code
//! on its codebook's page. Only codebooks the viewer may see are named (`visibility`).

use crate::domain::{Catalog, Code, ItemKind};

use super::Ui;
use super::views::{code_anchor, href, pick};

pub struct Texts {
    pub section: &'static str,
    pub lead: &'static str,
    pub caption: &'static str,
    pub code: &'static str,
    pub relation: &'static str,
    pub system: &'static str,
    pub target: &'static str,
    pub note: &'static str,
}

const SV: Texts = Texts {
    section: "Mappningar till andra kodverk",
    lead: "Hur koderna motsvarar koder i andra kodverk (SKOS-mappningar).",
    caption: "Kodernas mappningar till andra kodverk",
    code: "Kod",
    relation: "Relation",
    system: "Kodverk",
    target: "Kod där",
    note: "Anteckning",
};

const EN: Texts = Texts {
    section: "Mappings to other code systems",
    lead: "How the codes correspond to codes of other code systems (SKOS mappings).",
    caption: "The codes' mappings to other code systems",
    code: "Code",
    relation: "Relation",
    system: "Code system",
    target: "Code there",
    note: "Note",
};

pub struct Row {
    pub code: String,
    pub code_href: String,
    pub relation: &'static str,
    /// The SKOS property, for the title of the relation.
    pub property: &'static str,
    pub system: String,
    pub system_href: String,
    pub target: String,
    pub target_href: String,
    pub note: String,
}

pub struct Section {
    pub t: &'static Texts,
    pub rows: Vec<Row>,
}

/// The section for `codes` (those the page shows), when any of them is mapped to a codebook
/// of `cat` (the catalogue as the viewer sees it).
pub fn section<'a>(
    ui: Ui,
    cat: &Catalog,
    codes: impl Iterator<Item = &'a Code>,
) -> Option<Section> {
    let t = if ui.english() { &EN } else { &SV };
    let mut rows = Vec::new();
    for c in codes {
        for m in &c.mappings {
            let Some(system) = cat.codebooks.get(&m.system) else {
                continue;
            };
            let system_href = href(ui, ItemKind::Codebook, m.system.as_str());
            rows.push(Row {
                code: c.notation.clone(),
                code_href: format!("#{}", code_anchor(&c.notation)),
                relation: m.relation.label(ui.lang()),
                property: m.relation.as_str(),
                system: pick(ui, &system.title),
                target: m.code.clone(),
                target_href: format!("{system_href}#{}", code_anchor(&m.code)),
                system_href,
                note: m.note.clone(),
            });
        }
    }
    (!rows.is_empty()).then_some(Section { t, rows })
}
