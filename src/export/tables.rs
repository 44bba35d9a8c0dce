//! Catalogue → one table per sheet, in the column order of `import::spec`.

use std::collections::HashMap;

use crate::domain::Catalog;
use crate::import::spec::{SHEETS, SheetKind, SheetSpec};

pub struct Table {
    pub name: &'static str,
    pub headings: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

fn yes_no(b: bool) -> String {
    if b { "Ja" } else { "Nej" }.to_owned()
}

fn join<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(";")
}

/// Builds rows from field → value maps; fields not given stay empty.
struct Builder {
    spec: &'static SheetSpec,
    rows: Vec<Vec<String>>,
}

impl Builder {
    fn new(kind: SheetKind) -> Self {
        Self {
            spec: SheetSpec::by_kind(kind),
            rows: Vec::new(),
        }
    }

    fn row(&mut self, fields: &[(&str, String)]) {
        let map: HashMap<&str, &String> = fields.iter().map(|(k, v)| (*k, v)).collect();
        self.rows.push(
            self.spec
                .columns
                .iter()
                .map(|c| map.get(c.field).map(|v| (*v).clone()).unwrap_or_default())
                .collect(),
        );
    }

    fn finish(self) -> Table {
        Table {
            name: self.spec.name,
            headings: self.spec.columns.iter().map(|c| c.heading).collect(),
            rows: self.rows,
        }
    }
}

pub fn tables(cat: &Catalog) -> Vec<Table> {
    let mut out = Vec::new();
    for spec in SHEETS {
        let mut b = Builder::new(spec.kind);
        match spec.kind {
            SheetKind::Organisations => {
                for o in cat.organisations.values() {
                    b.row(&[
                        ("orgnr", o.orgnr.to_string()),
                        ("name", o.name.sv.clone()),
                        ("name_en", o.name.en.clone()),
                        ("type", o.publisher_type.to_string()),
                        ("homepage", o.homepage.clone()),
                        ("email", o.email.clone()),
                    ]);
                }
            }
            SheetKind::Collections => {
                for c in cat.collections.values() {
                    b.row(&[
                        ("id", c.id.to_string()),
                        ("title", c.title.sv.clone()),
                        ("title_en", c.title.en.clone()),
                        ("description", c.description.sv.clone()),
                        ("description_en", c.description.en.clone()),
                        ("publisher", c.publisher.to_string()),
                        ("contact", c.contact_email.clone()),
                        ("access", c.access.to_string()),
                        (
                            "frequency",
                            c.frequency.map(|f| f.to_string()).unwrap_or_default(),
                        ),
                        ("landing_page", c.landing_page.clone()),
                        (
                            "health_categories",
                            c.health_categories
                                .iter()
                                .map(|h| h.as_str())
                                .collect::<Vec<_>>()
                                .join(";"),
                        ),
                        (
                            "hdab",
                            c.hdab.as_ref().map(|o| o.to_string()).unwrap_or_default(),
                        ),
                    ]);
                }
            }
            SheetKind::ProblemAreas => {
                for p in cat.problem_areas.values() {
                    b.row(&[
                        ("id", p.id.to_string()),
                        ("label", p.label.sv.clone()),
                        ("label_en", p.label.en.clone()),
                        ("description", p.description.sv.clone()),
                        ("description_en", p.description.en.clone()),
                    ]);
                }
            }
            SheetKind::UseCases => {
                for u in cat.use_cases.values() {
                    b.row(&[
                        ("id", u.id.to_string()),
                        ("short_name", u.short_name.clone()),
                        ("title", u.title.sv.clone()),
                        ("title_en", u.title.en.clone()),
                        ("description", u.description.sv.clone()),
                        ("description_en", u.description.en.clone()),
                        ("problem_areas", join(&u.problem_areas)),
                        ("status", u.status.to_string()),
                        ("problem_areas_source", u.problem_areas_source.clone()),
                    ]);
                }
            }
            SheetKind::Steps => {
                for u in cat.use_cases.values() {
                    for (i, s) in u.steps.iter().enumerate() {
                        b.row(&[
                            ("use_case", u.id.to_string()),
                            ("number", (i + 1).to_string()),
                            ("description", s.description.sv.clone()),
                            ("description_en", s.description.en.clone()),
                        ]);
                    }
                }
            }
            SheetKind::Bindings => {
                for u in cat.use_cases.values() {
                    for x in &u.bindings {
                        b.row(&[
                            ("use_case", u.id.to_string()),
                            ("variable", x.variable.to_string()),
                            ("role", x.role.to_string()),
                            (
                                "priority",
                                x.priority.map(|p| p.to_string()).unwrap_or_default(),
                            ),
                            ("quick_win", yes_no(x.quick_win)),
                            ("source", x.source.clone()),
                        ]);
                    }
                }
            }
            SheetKind::Codebooks => {
                for c in cat.codebooks.values() {
                    b.row(&[
                        ("id", c.id.to_string()),
                        ("title", c.title.sv.clone()),
                        ("title_en", c.title.en.clone()),
                        ("description", c.description.sv.clone()),
                        ("description_en", c.description.en.clone()),
                        ("version", c.version.clone()),
                        ("source", c.source.clone()),
                        (
                            "publisher",
                            c.publisher
                                .as_ref()
                                .map(ToString::to_string)
                                .unwrap_or_default(),
                        ),
                        ("status", c.status.to_string()),
                    ]);
                }
            }
            SheetKind::Codes => {
                for c in cat.codebooks.values() {
                    for code in &c.codes {
                        b.row(&[
                            ("codebook", c.id.to_string()),
                            ("notation", code.notation.clone()),
                            ("label", code.label.sv.clone()),
                            ("label_en", code.label.en.clone()),
                            ("definition", code.definition.sv.clone()),
                            ("definition_en", code.definition.en.clone()),
                            ("broader", code.broader.clone().unwrap_or_default()),
                        ]);
                    }
                }
            }
            SheetKind::Variables => {
                for v in cat.variables.values() {
                    b.row(&[
                        ("id", v.id.to_string()),
                        ("short_name", v.short_name.clone()),
                        ("name", v.name.sv.clone()),
                        ("name_en", v.name.en.clone()),
                        ("definition", v.definition.sv.clone()),
                        ("definition_en", v.definition.en.clone()),
                        (
                            "datatype",
                            v.datatype.map(|d| d.to_string()).unwrap_or_default(),
                        ),
                        ("format", v.format.clone()),
                        ("unit", v.unit.clone()),
                        (
                            "value_domain",
                            v.codebook
                                .as_ref()
                                .map(ToString::to_string)
                                .unwrap_or_default(),
                        ),
                        ("min", v.min.clone()),
                        ("max", v.max.clone()),
                        ("pattern", v.pattern.clone()),
                        (
                            "obligation",
                            v.obligation.map(|o| o.to_string()).unwrap_or_default(),
                        ),
                        (
                            "owner",
                            v.owner
                                .as_ref()
                                .map(ToString::to_string)
                                .unwrap_or_default(),
                        ),
                        ("collections", join(&v.collections)),
                        (
                            "based_on",
                            v.based_on
                                .as_ref()
                                .map(ToString::to_string)
                                .unwrap_or_default(),
                        ),
                        ("version", v.version.clone()),
                        ("status", v.status.to_string()),
                        ("valid_from", v.valid_from.clone()),
                        ("valid_to", v.valid_to.clone()),
                        ("in_out", v.in_out_note.clone()),
                        ("transformation", v.transformation.clone()),
                        ("aggregation", v.aggregation.clone()),
                        ("note", v.note.sv.clone()),
                        ("note_en", v.note.en.clone()),
                    ]);
                }
            }
        }
        out.push(b.finish());
    }
    out
}
