//! The harmonisation section of a variable's or a data collection's page: its step in the
//! method, its dated history with notes and sources, and its reference group.

use crate::domain::{Catalog, Harmonisation, ItemKey, ItemKind, Language};

use super::super::Ui;
use super::texts::{Texts, step_name};

pub struct HistoryRow {
    pub date: String,
    pub step: String,
    pub note: String,
    /// The source, or the words for an illustrative entry.
    pub source: String,
}

pub struct MemberRow {
    pub name: String,
    pub href: String,
    pub role: String,
}

pub struct Section {
    pub t: &'static Texts,
    /// "C – Datainsamlingar och variabler (2025-06)", or the words for no step.
    pub step: String,
    pub illustrative: bool,
    pub history: Vec<HistoryRow>,
    pub members: Vec<MemberRow>,
    pub overview: String,
}

/// The section for the item under `key`, when it is a variable or a data collection.
pub fn section(cat: &Catalog, key: &ItemKey, ui: Ui) -> Option<Section> {
    let id = crate::domain::Id::parse(&key.id).ok()?;
    let h: &Harmonisation = match key.kind {
        ItemKind::Variable => &cat.variables.get(&id)?.harmonisation,
        ItemKind::Collection => &cat.collections.get(&id)?.harmonisation,
        ItemKind::UseCase => &cat.use_cases.get(&id)?.harmonisation,
        _ => return None,
    };
    let t = Texts::of(ui);
    let lang = if ui.english() {
        Language::En
    } else {
        Language::Sv
    };
    let step = match (h.step(), h.history.last()) {
        (Some(s), Some(e)) => format!("{} ({})", step_name(s, lang), e.date),
        _ => t.no_step.to_owned(),
    };
    let history = h
        .history
        .iter()
        .rev()
        .map(|e| HistoryRow {
            date: e.date.clone(),
            step: step_name(e.step, lang),
            note: e.note.clone(),
            source: if e.is_illustrative() {
                t.illustrative_entry.to_owned()
            } else {
                e.source.clone()
            },
        })
        .collect();
    let members = h
        .reference_group
        .iter()
        .map(|m| MemberRow {
            name: cat
                .organisations
                .get(&m.organisation)
                .map(|o| super::super::views::pick(ui, &o.name))
                .unwrap_or_else(|| m.organisation.to_string()),
            href: super::super::views::href(ui, ItemKind::Organisation, m.organisation.as_str()),
            role: m.role.clone(),
        })
        .collect();
    Some(Section {
        t,
        step,
        illustrative: h.step_illustrative(),
        history,
        members,
        overview: format!("{}/harmonisering", ui.prefix),
    })
}
