//! Catalogue → one table per sheet: a row per item (or part of one), each cell read off the
//! value by its column in `fields`.

use crate::domain::{Catalog, Harmonisation, ItemKind};
use crate::fields::{Cell, SHEETS, SheetKind, SheetSpec};

pub struct Table {
    pub name: &'static str,
    pub headings: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

/// One row of `spec`: each column's cell as `read` gives it (empty for `Ta bort`).
fn row(spec: &SheetSpec, read: impl Fn(&Cell) -> Option<String>) -> Vec<String> {
    spec.columns
        .iter()
        .map(|c| read(&c.cell).unwrap_or_default())
        .collect()
}

fn rows(spec: &SheetSpec, cat: &Catalog) -> Vec<Vec<String>> {
    match spec.kind {
        SheetKind::Organisations => (cat.organisations.values())
            .map(|o| {
                row(spec, |c| match c {
                    Cell::Organisation(f) => Some(f(o)),
                    _ => None,
                })
            })
            .collect(),
        SheetKind::Collections => (cat.collections.values())
            .map(|x| {
                row(spec, |c| match c {
                    Cell::Collection(f) => Some(f(x)),
                    _ => None,
                })
            })
            .collect(),
        SheetKind::ProblemAreas => (cat.problem_areas.values())
            .map(|p| {
                row(spec, |c| match c {
                    Cell::ProblemArea(f) => Some(f(p)),
                    _ => None,
                })
            })
            .collect(),
        SheetKind::UseCases => (cat.use_cases.values())
            .map(|u| {
                row(spec, |c| match c {
                    Cell::UseCase(f) => Some(f(u)),
                    _ => None,
                })
            })
            .collect(),
        SheetKind::Steps => (cat.use_cases.values())
            .flat_map(|u| {
                (0..u.steps.len()).map(move |i| {
                    row(spec, |c| match c {
                        Cell::Step(f) => Some(f(u, i)),
                        _ => None,
                    })
                })
            })
            .collect(),
        SheetKind::Bindings => (cat.use_cases.values())
            .flat_map(|u| {
                u.bindings.iter().map(move |b| {
                    row(spec, |c| match c {
                        Cell::Binding(f) => Some(f(u, b)),
                        _ => None,
                    })
                })
            })
            .collect(),
        SheetKind::Codebooks => (cat.codebooks.values())
            .map(|b| {
                row(spec, |c| match c {
                    Cell::Codebook(f) => Some(f(b)),
                    _ => None,
                })
            })
            .collect(),
        SheetKind::Codes => (cat.codebooks.values())
            .flat_map(|b| {
                b.codes.iter().map(move |code| {
                    row(spec, |c| match c {
                        Cell::Code(f) => Some(f(b, code)),
                        _ => None,
                    })
                })
            })
            .collect(),
        SheetKind::Variables => (cat.variables.values())
            .map(|v| {
                row(spec, |c| match c {
                    Cell::Variable(f) => Some(f(v)),
                    Cell::VariableText(p) => Some((p.get)(v).clone()),
                    _ => None,
                })
            })
            .collect(),
        SheetKind::VariableHistory => history_rows(
            spec,
            cat.variables
                .values()
                .map(|v| (v.id.as_str(), &v.harmonisation)),
        ),
        SheetKind::VariableGroups => member_rows(
            spec,
            cat.variables
                .values()
                .map(|v| (v.id.as_str(), &v.harmonisation)),
        ),
        SheetKind::CollectionHistory => history_rows(
            spec,
            cat.collections
                .values()
                .map(|c| (c.id.as_str(), &c.harmonisation)),
        ),
        SheetKind::UseCaseHistory => history_rows(
            spec,
            cat.use_cases
                .values()
                .map(|u| (u.id.as_str(), &u.harmonisation)),
        ),
        SheetKind::CollectionGroups => member_rows(
            spec,
            cat.collections
                .values()
                .map(|c| (c.id.as_str(), &c.harmonisation)),
        ),
        SheetKind::Registrations => {
            let items = (cat.variables.values())
                .map(|v| (ItemKind::Variable, v.id.as_str(), &v.registrations[..]))
                .chain(
                    (cat.codebooks.values())
                        .map(|b| (ItemKind::Codebook, b.id.as_str(), &b.registrations[..])),
                )
                .chain(
                    (cat.use_cases.values())
                        .map(|u| (ItemKind::UseCase, u.id.as_str(), &u.registrations[..])),
                );
            items
                .flat_map(|(kind, id, list)| {
                    list.iter().map(move |r| {
                        row(spec, |c| match c {
                            Cell::Registration(f) => Some(f(kind, id, r)),
                            _ => None,
                        })
                    })
                })
                .collect()
        }
        SheetKind::Mappings => (cat.codebooks.values())
            .flat_map(|b| {
                b.codes.iter().flat_map(move |code| {
                    code.mappings.iter().map(move |m| {
                        row(spec, |c| match c {
                            Cell::Mapping(f) => Some(f(b, code, m)),
                            _ => None,
                        })
                    })
                })
            })
            .collect(),
    }
}

fn history_rows<'a>(
    spec: &SheetSpec,
    items: impl Iterator<Item = (&'a str, &'a Harmonisation)>,
) -> Vec<Vec<String>> {
    items
        .flat_map(|(id, h)| {
            h.history.iter().map(move |e| {
                row(spec, |c| match c {
                    Cell::History(f) => Some(f(id, e)),
                    _ => None,
                })
            })
        })
        .collect()
}

fn member_rows<'a>(
    spec: &SheetSpec,
    items: impl Iterator<Item = (&'a str, &'a Harmonisation)>,
) -> Vec<Vec<String>> {
    items
        .flat_map(|(id, h)| {
            h.reference_group.iter().map(move |m| {
                row(spec, |c| match c {
                    Cell::Member(f) => Some(f(id, m)),
                    _ => None,
                })
            })
        })
        .collect()
}

pub fn tables(cat: &Catalog) -> Vec<Table> {
    SHEETS
        .iter()
        .map(|spec| Table {
            name: spec.name,
            headings: spec.columns.iter().map(|c| c.heading).collect(),
            rows: rows(spec, cat),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Id, Lang, Variable};

    #[test]
    fn a_row_holds_each_field_under_its_heading() {
        let mut cat = Catalog::default();
        let id = Id::parse("indatum").expect("id");
        let mut v = Variable::new(id.clone(), Lang::new("Indatum", ""), Lang::new("D", ""));
        v.unit = "dagar".into();
        v.collections = vec![Id::parse("kpp").expect("id"), Id::parse("pas").expect("id")];
        cat.variables.insert(id, v);
        let t = tables(&cat);
        let vars = t.iter().find(|t| t.name == "variabler").expect("sheet");
        let cell = |h: &str| {
            let i = vars.headings.iter().position(|x| *x == h).expect("heading");
            vars.rows[0][i].clone()
        };
        assert_eq!(cell("Identifierare"), "indatum");
        assert_eq!(cell("Enhet"), "dagar");
        assert_eq!(cell("Datainsamlingar"), "kpp;pas");
        assert_eq!(cell("Status"), "standard");
        assert_eq!(cell("Ta bort"), "");
        assert_eq!(t.len(), SHEETS.len());
    }
}
