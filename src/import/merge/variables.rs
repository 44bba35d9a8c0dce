//! The sheet of variables, with its inline value sets (`1=Man;2=Kvinna` becomes the codebook
//! `<variable>-varden`) and the check of min and max against the data type. The plain fields
//! (`fields::Cell::VariableText`) are written as the field table says.

use crate::domain::{
    Code, DataType, Id, ItemKind, Lang, Obligation, Status, Variable, slugify, sort_codes,
};
use crate::import::rows::{RowView, parse_date, split_list};

use crate::fields::{Column, PlainField};

use super::codebooks::empty_codebook;
use super::{Merger, key};

impl Merger {
    pub(super) fn variable(&mut self, row: &RowView<'_>) {
        let raw_id = row.get("id");
        let derived = if raw_id.is_empty() {
            let from = if row.get("short_name").is_empty() {
                row.get("name")
            } else {
                row.get("short_name")
            };
            slugify(from)
        } else {
            raw_id.to_owned()
        };
        let id = match Id::parse(&derived) {
            Ok(id) => id,
            Err(e) => {
                let field = if raw_id.is_empty() { "name" } else { "id" };
                return self.problem(row.problem(field, format!("cannot make an identifier: {e}")));
            }
        };
        let k = key(ItemKind::Variable, &id);
        let id_field = if row.has("id") { "id" } else { "name" };
        if !self.first(&k, &row.loc(id_field)) || self.removes(row, &k) {
            return;
        }
        let mut v = self.catalog.variables.get(&id).cloned().unwrap_or_else(|| {
            // Where a new item starts, as from the API; only a status cell moves it.
            let mut v = Variable::new(id.clone(), Lang::default(), Lang::default());
            v.status = Status::Draft;
            v
        });
        self.set_text(row, "short_name", &mut v.short_name, false);
        self.set_lang(row, "name", "name_en", &mut v.name, true);
        self.set_lang(row, "definition", "definition_en", &mut v.definition, true);
        if let Some(d) = self.term(row, "datatype", DataType::parse) {
            v.datatype = d;
        }
        self.set_text(row, "format", &mut v.format, false);
        self.set_text(row, "unit", &mut v.unit, false);
        self.set_text(row, "min", &mut v.min, false);
        self.set_text(row, "max", &mut v.max, false);
        self.set_text(row, "pattern", &mut v.pattern, false);
        if let Some(o) = self.term(row, "obligation", Obligation::parse) {
            v.obligation = o;
        }
        self.org_ref(row, "owner", &k, &mut v.owner, false);
        if let Some(ids) = self.id_list(row, "collections", &k, "collection") {
            v.collections = ids;
        }
        if let Some(ids) = self.id_list(row, "exact_match", &k, "exact_match") {
            if ids.contains(&id) {
                self.problem(row.problem(
                    "exact_match",
                    "a variable is the same as itself already; name others",
                ));
            }
            v.exact_match = ids.into_iter().filter(|m| *m != id).collect();
        }
        if row.has("based_on") {
            v.based_on = match row.get("based_on") {
                "" => None,
                b => match Id::parse(b) {
                    Ok(b) if b == id => {
                        self.problem(
                            row.problem("based_on", "a variable cannot be based on itself"),
                        );
                        None
                    }
                    Ok(b) => {
                        self.provenance
                            .insert((k.clone(), "based_on".into()), row.loc("based_on"));
                        Some(b)
                    }
                    Err(e) => {
                        self.problem(row.problem("based_on", e.to_string()));
                        None
                    }
                },
            };
        }
        self.set_text(row, "version", &mut v.version, false);
        self.status(row, &k, &mut v.status);
        // After the status: an inline value set's codebook takes the variable's status.
        if row.has("value_domain") {
            v.codebook = self.value_domain(row, &v);
        }
        for (field, target) in [
            ("valid_from", &mut v.valid_from),
            ("valid_to", &mut v.valid_to),
        ] {
            if row.has(field) {
                match row.get(field) {
                    "" => target.clear(),
                    d => match parse_date(d) {
                        Ok(d) => *target = d,
                        Err(e) => self.problems.push(row.problem(field, e)),
                    },
                }
            }
        }
        if !v.valid_from.is_empty() && !v.valid_to.is_empty() && v.valid_to < v.valid_from {
            self.problem(row.problem(
                "valid_to",
                format!("ends ({}) before it starts ({})", v.valid_to, v.valid_from),
            ));
        }
        self.set_text(row, "in_out", &mut v.in_out_note, false);
        self.set_text(row, "transformation", &mut v.transformation, false);
        self.set_text(row, "aggregation", &mut v.aggregation, false);
        self.set_lang(row, "note", "note_en", &mut v.note, false);
        for (c, p) in crate::fields::variables::plain() {
            self.plain(row, c, p, &mut v);
        }
        self.check_range(row, &v);
        self.catalog.variables.insert(id, v);
    }

    /// A plain field, as its column says: required or not, checked by its own rule if it has
    /// one; a bad cell leaves the field as it was.
    fn plain(&mut self, row: &RowView<'_>, c: &Column, p: &PlainField, v: &mut Variable) {
        if !row.has(c.field) {
            return;
        }
        let text = row.get(c.field);
        if c.required && text.is_empty() {
            return self.problem(row.problem(c.field, "is required"));
        }
        if let Some(check) = p.check
            && !text.is_empty()
            && let Err(e) = check(text)
        {
            return self.problem(row.problem(c.field, e));
        }
        *(p.get_mut)(v) = text.to_owned();
    }

    /// `Värdemängd`: a codebook identifier, or an inline value set (`1=Man;2=Kvinna`) that
    /// becomes the codebook `<variable>-varden`.
    pub(super) fn value_domain(&mut self, row: &RowView<'_>, v: &Variable) -> Option<Id> {
        let cell = row.get("value_domain");
        if cell.is_empty() {
            return None;
        }
        let k = key(ItemKind::Variable, &v.id);
        if !cell.contains('=') {
            return match Id::parse(cell) {
                Ok(cb) => {
                    self.provenance
                        .insert((k, "codebook".into()), row.loc("value_domain"));
                    Some(cb)
                }
                Err(e) => {
                    self.problem(row.problem(
                        "value_domain",
                        format!("{e} (or write an inline value set: 1=Man;2=Kvinna)"),
                    ));
                    None
                }
            };
        }
        let mut codes = Vec::new();
        for part in split_list(cell) {
            let Some((notation, label)) = part.split_once('=') else {
                self.problem(row.problem(
                    "value_domain",
                    format!("{part:?} is not of the form kod=benämning"),
                ));
                return None;
            };
            let (notation, label) = (notation.trim(), label.trim());
            if notation.is_empty() || label.is_empty() {
                self.problem(
                    row.problem("value_domain", format!("{part:?} lacks a code or a label")),
                );
                return None;
            }
            if let Err(e) = crate::import::text::check_notation(notation) {
                self.problem(row.problem("value_domain", e));
                return None;
            }
            if codes.iter().any(|c: &Code| c.notation == notation) {
                self.problem(row.problem("value_domain", format!("code {notation} appears twice")));
                return None;
            }
            codes.push(Code {
                notation: notation.to_owned(),
                label: Lang::new(label, ""),
                definition: Lang::default(),
                broader: None,
                mappings: Vec::new(),
            });
        }
        let cb_id = match Id::parse(&format!("{}-varden", v.id)) {
            Ok(i) => i,
            Err(e) => {
                self.problem(row.problem("value_domain", e.to_string()));
                return None;
            }
        };
        sort_codes(&mut codes);
        let mut cb = empty_codebook(cb_id.clone());
        cb.title = inline_title(v);
        cb.description = inline_description(v);
        cb.status = v.status;
        cb.codes = codes;
        let ck = key(ItemKind::Codebook, &cb_id);
        if let Some(old) = self.catalog.codebooks.get(&cb_id) {
            cb.registrations = old.registrations.clone();
            super::mappings::carry_mappings(&old.codes, &mut cb.codes);
        }
        if self.first(&ck, &row.loc("value_domain")) {
            // The inline codebook takes the variable's status: the lifecycle checks it here.
            self.status_at.insert(ck.clone(), row.loc("value_domain"));
            self.catalog.codebooks.insert(cb_id.clone(), cb);
        }
        Some(cb_id)
    }

    /// Min and max must be numbers for numeric types and dates for date types.
    pub(super) fn check_range(&mut self, row: &RowView<'_>, v: &Variable) {
        for (field, value) in [("min", &v.min), ("max", &v.max)] {
            if value.is_empty() || !row.has(field) {
                continue;
            }
            let ok = match v.datatype {
                Some(DataType::Integer) => value.parse::<i64>().is_ok(),
                Some(DataType::Decimal) => value.replace(',', ".").parse::<f64>().is_ok(),
                Some(DataType::Date) => parse_date(value).is_ok(),
                _ => true,
            };
            if !ok {
                let t = v.datatype.map(|d| d.as_str()).unwrap_or("text");
                self.problem(row.problem(
                    field,
                    format!("{value:?} is not a value of the data type {t}"),
                ));
            }
        }
        if v.datatype == Some(DataType::Code) && v.codebook.is_none() && v.based_on.is_none() {
            self.problem(row.problem(
                "datatype",
                "data type kod needs a Värdemängd (a codebook or an inline value set)",
            ));
        }
    }
}

/// The title of a variable's inline value set, in each language the variable's name has.
fn inline_title(v: &Variable) -> Lang {
    let en = if v.name.en.is_empty() {
        String::new()
    } else {
        format!("Value set of {}", v.name.en)
    };
    Lang::new(format!("Värdemängd för {}", v.name.best()), en)
}

/// What an inline value set is, and nothing more: where it comes from.
fn inline_description(v: &Variable) -> Lang {
    Lang::new(
        format!(
            "Värdemängden som anges direkt i specifikationen av variabeln {} ({}).",
            v.name.best(),
            v.id
        ),
        format!(
            "The value set given inline in the specification of the variable {} ({}).",
            if v.name.en.is_empty() {
                v.name.best()
            } else {
                &v.name.en
            },
            v.id
        ),
    )
}
