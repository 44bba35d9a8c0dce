//! The cells of a data collection's portal metadata (`fields::coverage`): each is checked here
//! and reported at its cell; a bad one leaves its field as it was (and, being a problem, the
//! whole input unapplied).

use crate::domain::{CollectionMeta, Period, PersonalData, Place, parse_meta_date};
use crate::import::rows::RowView;

use super::Merger;

/// Whether the period from `start` to `end` runs backwards (a year compares by its year).
fn backwards(start: &str, end: &str) -> bool {
    if start.is_empty() || end.is_empty() {
        return false;
    }
    if start.len() == end.len() {
        start > end
    } else {
        start.get(..4) > end.get(..4)
    }
}

impl Merger {
    pub(super) fn coverage(&mut self, row: &RowView<'_>, m: &mut CollectionMeta) {
        self.set_lang(
            row,
            "contact_name",
            "contact_name_en",
            &mut m.contact_name,
            false,
        );
        self.period(row, "temporal_start", "temporal_end", &mut m.temporal);
        if let Some(list) = self.terms(row, "spatial", Place::parse) {
            m.spatial = list;
        }
        self.meta_date(row, "issued", &mut m.issued);
        self.keywords(row, "keywords", &mut m.keywords_sv);
        self.keywords(row, "keywords_en", &mut m.keywords_en);
        if (row.has("keywords") || row.has("keywords_en"))
            && m.keywords_sv.is_empty()
            && !m.keywords_en.is_empty()
        {
            let field = if row.has("keywords") {
                "keywords"
            } else {
                "keywords_en"
            };
            self.problem(row.problem(
                field,
                "English keywords need at least one Swedish keyword beside them (DCAT-AP-SE wants one in Swedish)",
            ));
        }
        self.set_text(row, "version", &mut m.version, false);
        self.set_lang(row, "population", "population_en", &mut m.population, false);
        if let Some(list) = self.terms(row, "personal_data", PersonalData::parse) {
            m.personal_data = list;
        }
        self.set_lang(
            row,
            "legal_basis",
            "legal_basis_en",
            &mut m.legal_basis,
            false,
        );
        self.set_lang(row, "purpose", "purpose_en", &mut m.purpose, false);
        self.period(row, "retention_start", "retention_end", &mut m.retention);
        self.count(row, "records", &mut m.records);
        self.count(row, "individuals", &mut m.individuals);
    }

    /// A date or a year; empty clears it.
    fn meta_date(&mut self, row: &RowView<'_>, field: &str, target: &mut String) -> bool {
        if !row.has(field) {
            return true;
        }
        match row.get(field) {
            "" => {
                target.clear();
                true
            }
            v => match parse_meta_date(v) {
                Ok((d, _)) => {
                    *target = d;
                    true
                }
                Err(e) => {
                    self.problem(row.problem(field, e));
                    false
                }
            },
        }
    }

    fn period(&mut self, row: &RowView<'_>, start: &str, end: &str, target: &mut Period) {
        let ok = self.meta_date(row, start, &mut target.start);
        let ok = self.meta_date(row, end, &mut target.end) && ok;
        if ok && backwards(&target.start, &target.end) {
            let at = if row.has(end) { end } else { start };
            let msg = format!(
                "the period ends ({}) before it starts ({})",
                target.end, target.start
            );
            self.problem(row.problem(at, msg));
        }
    }

    /// `;`-separated keywords, kept sorted and without repeats so that the same words in
    /// another order are the same value.
    fn keywords(&mut self, row: &RowView<'_>, field: &str, target: &mut Vec<String>) {
        if !row.has(field) {
            return;
        }
        let mut list: Vec<String> = row
            .get(field)
            .split(';')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_owned)
            .collect();
        list.sort();
        list.dedup();
        *target = list;
    }

    /// A whole number of at least 0 (spaces between groups of digits allowed); empty clears it.
    fn count(&mut self, row: &RowView<'_>, field: &str, target: &mut Option<u64>) {
        if !row.has(field) {
            return;
        }
        let v = row.get(field);
        if v.is_empty() {
            *target = None;
            return;
        }
        let digits: String = v
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .collect();
        match digits.parse::<u64>() {
            Ok(n) if digits.bytes().all(|b| b.is_ascii_digit()) => *target = Some(n),
            _ => self.problem(row.problem(
                field,
                format!("{v:?} is not a whole number of at least 0 (digits only, e.g. 1850000)"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::backwards;

    #[test]
    fn periods_compare_years_with_dates() {
        assert!(backwards("2020", "2019-12-31"));
        assert!(!backwards("2019", "2019-12-31"));
        assert!(backwards("2020-02-01", "2020-01-31"));
        assert!(!backwards("2020", ""));
    }
}
