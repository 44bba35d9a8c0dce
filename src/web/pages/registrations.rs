//! The registrations section of a variable's, codebook's or use case's page: the item's status
//! at each registration authority, the publisher's first (the item's own status, which decides
//! who sees it), then those at other authorities with their date and note. Shown when the item
//! is registered at another authority.

use crate::domain::{Catalog, ItemKey, ItemKind, OrgNr, Status};

use super::Ui;
use super::views::{href, pick};

pub struct Texts {
    pub section: &'static str,
    pub lead: &'static str,
    pub caption: &'static str,
    pub authority: &'static str,
    pub status: &'static str,
    pub date: &'static str,
    pub note: &'static str,
    pub publisher: &'static str,
}

const SV: Texts = Texts {
    section: "Registrering per myndighet",
    lead: "Objektets status hos varje registreringsmyndighet. Statusen hos katalogens utgivare är objektets egen; den avgör vem som ser objektet och är den som skördas.",
    caption: "Registreringsstatus per registreringsmyndighet",
    authority: "Registreringsmyndighet",
    status: "Status",
    date: "Datum",
    note: "Anteckning",
    publisher: "utgivare av katalogen",
};

const EN: Texts = Texts {
    section: "Registration per authority",
    lead: "The item's status at each registration authority. The status at the catalogue's publisher is the item's own: it decides who sees the item and is the one harvested.",
    caption: "Registration status per registration authority",
    authority: "Registration authority",
    status: "Status",
    date: "Date",
    note: "Note",
    publisher: "publisher of the catalogue",
};

pub struct Row {
    pub name: String,
    pub href: String,
    /// "utgivare av katalogen" for the publisher's row, else empty.
    pub role: &'static str,
    pub status: &'static str,
    pub date: String,
    pub note: String,
}

pub struct Section {
    pub t: &'static Texts,
    pub rows: Vec<Row>,
}

fn name_of(cat: &Catalog, ui: Ui, o: &OrgNr) -> String {
    cat.organisations
        .get(o)
        .map(|org| pick(ui, &org.name))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| o.to_string())
}

/// The section for the item under `key`, when it is registered at another authority.
pub fn section(cat: &Catalog, key: &ItemKey, ui: Ui) -> Option<Section> {
    let list = cat.registrations_of(key)?;
    if list.is_empty() {
        return None;
    }
    let own: Status = cat.status_of(key)?;
    let t = if ui.english() { &EN } else { &SV };
    let lang = ui.lang();
    let publisher = crate::governance::publisher();
    let row = |o: &OrgNr, role, status: Status, date: &str, note: &str| Row {
        name: name_of(cat, ui, o),
        href: href(ui, ItemKind::Organisation, o.as_str()),
        role,
        status: status.label(lang),
        date: date.to_owned(),
        note: note.to_owned(),
    };
    let mut rows = vec![row(&publisher, t.publisher, own, "", "")];
    rows.extend(
        list.iter()
            .filter(|r| r.authority != publisher)
            .map(|r| row(&r.authority, "", r.status, &r.date, &r.note)),
    );
    Some(Section { t, rows })
}
