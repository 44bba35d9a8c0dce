//! The cell rules every sheet shares: identifiers, texts, terms, lists, references, URLs and
//! e-mail addresses. Each reports a bad cell where it is and leaves the field as it was.

use crate::domain::{Id, ItemKey, Lang, OrgNr, Status, TermError};
use crate::import::rows::{RowView, check_email, check_url, split_list};

use super::Merger;

impl Merger {
    pub(super) fn id(&mut self, row: &RowView<'_>, field: &str) -> Option<Id> {
        match Id::parse(row.get(field)) {
            Ok(id) => Some(id),
            Err(e) => {
                self.problem(row.problem(field, e.to_string()));
                None
            }
        }
    }

    pub(super) fn set_text(
        &mut self,
        row: &RowView<'_>,
        field: &str,
        target: &mut String,
        required: bool,
    ) {
        if !row.has(field) {
            return;
        }
        let v = row.get(field);
        if required && v.is_empty() {
            self.problem(row.problem(field, "is required"));
        }
        *target = v.to_owned();
    }

    pub(super) fn set_lang(
        &mut self,
        row: &RowView<'_>,
        sv: &str,
        en: &str,
        target: &mut Lang,
        required: bool,
    ) {
        self.set_text(row, sv, &mut target.sv, required);
        self.set_text(row, en, &mut target.en, false);
    }

    pub(super) fn term<T>(
        &mut self,
        row: &RowView<'_>,
        field: &str,
        parse: fn(&str) -> Result<T, TermError>,
    ) -> Option<Option<T>> {
        if !row.has(field) {
            return None;
        }
        let v = row.get(field);
        if v.is_empty() {
            return Some(None);
        }
        match parse(v) {
            Ok(t) => Some(Some(t)),
            Err(e) => {
                self.problem(row.problem(field, e.to_string()));
                None
            }
        }
    }

    /// A `;`-separated list of terms (sorted, without repeats); every bad one is reported.
    /// `None` when the column is absent or a term is bad.
    pub(super) fn terms<T: Ord>(
        &mut self,
        row: &RowView<'_>,
        field: &str,
        parse: fn(&str) -> Result<T, TermError>,
    ) -> Option<Vec<T>> {
        if !row.has(field) {
            return None;
        }
        let mut list = Vec::new();
        let mut bad = false;
        for part in row
            .get(field)
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match parse(part) {
                Ok(t) => list.push(t),
                Err(e) => {
                    self.problem(row.problem(field, e.to_string()));
                    bad = true;
                }
            }
        }
        list.sort();
        list.dedup();
        (!bad).then_some(list)
    }

    /// The status cell of the item `k`: an empty cell leaves the status as it is (a new item
    /// is a draft). Where it was given is kept for the lifecycle check (`statuses`).
    pub(super) fn status(&mut self, row: &RowView<'_>, k: &ItemKey, target: &mut Status) {
        if let Some(Some(s)) = self.term(row, "status", Status::parse) {
            *target = s;
            self.status_at.insert(k.clone(), row.loc("status"));
        }
    }

    /// A list of identifiers (sorted, without repeats), each recorded as a reference
    /// `{what}:{id}` of `from` for the check after merging. `None` when the column is absent.
    pub(super) fn id_list(
        &mut self,
        row: &RowView<'_>,
        field: &str,
        from: &ItemKey,
        what: &str,
    ) -> Option<Vec<Id>> {
        if !row.has(field) {
            return None;
        }
        let mut ids = Vec::new();
        for part in split_list(row.get(field)) {
            match Id::parse(part) {
                Ok(id) => {
                    self.provenance
                        .insert((from.clone(), format!("{what}:{id}")), row.loc(field));
                    ids.push(id);
                }
                Err(e) => self.problem(row.problem(field, e.to_string())),
            }
        }
        ids.sort();
        ids.dedup();
        Some(ids)
    }

    /// An organisation reference; recorded for the check after merging.
    pub(super) fn org_ref(
        &mut self,
        row: &RowView<'_>,
        field: &str,
        from: &ItemKey,
        target: &mut Option<OrgNr>,
        required: bool,
    ) {
        if !row.has(field) {
            return;
        }
        let v = row.get(field);
        if v.is_empty() {
            if required {
                self.problem(row.problem(field, "is required (an organisationsnummer)"));
            }
            *target = None;
            return;
        }
        match OrgNr::parse(v) {
            Ok(o) => {
                self.provenance
                    .insert((from.clone(), field.to_owned()), row.loc(field));
                *target = Some(o);
            }
            Err(e) => self.problem(row.problem(field, e.to_string())),
        }
    }

    pub(super) fn url(&mut self, row: &RowView<'_>, field: &str, target: &mut String) {
        if !row.has(field) {
            return;
        }
        match row.get(field) {
            "" => target.clear(),
            v => match check_url(v) {
                Ok(u) => *target = u,
                Err(e) => self.problem(row.problem(field, e)),
            },
        }
    }

    pub(super) fn email(
        &mut self,
        row: &RowView<'_>,
        field: &str,
        target: &mut String,
        required: bool,
    ) {
        if !row.has(field) {
            return;
        }
        match row.get(field) {
            "" if required => self.problem(row.problem(field, "is required (an e-mail address)")),
            "" => target.clear(),
            v => match check_email(v) {
                Ok(u) => *target = u,
                Err(e) => self.problem(row.problem(field, e)),
            },
        }
    }
}
