//! Every field of every kind, once: its key, its heading in the spreadsheet (Swedish, with the
//! synonyms an import accepts, and English), how it is read off the domain value, whether it
//! is required or may run over several lines, its label on pages and its noun in change notes.
//!
//! The import reads headings through this table (`import::rows`), the export writes its
//! tables from it (`export::tables`), the API names its JSON fields by the keys here
//! (`web::api::json`, and the OpenAPI document derived from them), the change notes name
//! fields by their nouns (`diff::notes`) and the pages take their labels from it
//! (`web::pages::texts`). A *plain* variable field ([`Cell::VariableText`]) is carried whole by
//! the table: import, store, pages and all of the above handle it with nothing added
//! elsewhere (see "Adding a field" in CONTRIBUTING.md). The format is documented for people in
//! `schemas/spreadsheet-template.md`.
//!
//! One file per family of sheets: `catalogue` (organisations, data collections), `use_cases`
//! (problem areas, use cases, steps, bindings), `codebooks` (codebooks, codes), `variables`.

pub mod catalogue;
pub mod codebooks;
pub mod coverage;
pub mod harmonisation;
pub mod mappings;
pub mod registrations;
pub mod use_cases;
pub mod variables;

use crate::domain::{
    Binding, Code, Codebook, Collection, HistoryEntry, Organisation, ProblemArea, ReferenceMember,
    Registration, UseCase, Variable,
};

/// Swedish grammatical gender, for the participle that agrees with a noun ("definitionen
/// ändrad", "namnet ändrat", "datainsamlingarna ändrade").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// en-ord: "definitionen ändrad".
    Common,
    /// ett-ord: "namnet ändrat".
    Neuter,
    Plural,
}

/// A text in Swedish and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub sv: &'static str,
    pub en: &'static str,
}

/// How a field's cell is read off the item (or part of an item) its row stands for. The
/// variant names the row's type, so a column cannot be read off the wrong kind of value.
#[derive(Clone, Copy)]
pub enum Cell {
    /// Not a value of the item (`Ta bort`).
    None,
    Organisation(fn(&Organisation) -> String),
    Collection(fn(&Collection) -> String),
    ProblemArea(fn(&ProblemArea) -> String),
    UseCase(fn(&UseCase) -> String),
    /// A step of a use case, by its index (0 for step 1).
    Step(fn(&UseCase, usize) -> String),
    Binding(fn(&UseCase, &Binding) -> String),
    Codebook(fn(&Codebook) -> String),
    Code(fn(&Codebook, &Code) -> String),
    /// A variable field the import writes by its own rule (a term, a reference, a date …).
    Variable(fn(&Variable) -> String),
    /// A plain text field of a variable, which the table carries whole: the import writes the
    /// cell as it is (after `check`), the store keeps it as a literal of `property`, and the
    /// variable's page shows it under the column's label.
    VariableText(PlainField),
    /// A dated step in the harmonisation history of the item named by its identifier.
    History(fn(&str, &HistoryEntry) -> String),
    /// A member of the reference group of the item named by its identifier.
    Member(fn(&str, &ReferenceMember) -> String),
    /// A registration at another authority of the item of that kind and identifier.
    Registration(fn(crate::domain::ItemKind, &str, &Registration) -> String),
    /// A mapping of a code of a codebook to a code of another.
    Mapping(fn(&Codebook, &Code, &crate::domain::Mapping) -> String),
}

/// A plain text field of a variable: see [`Cell::VariableText`].
#[derive(Clone, Copy)]
pub struct PlainField {
    pub get: fn(&Variable) -> &String,
    pub get_mut: fn(&mut Variable) -> &mut String,
    /// The RDF property the store keeps the text under (a plain literal).
    pub property: oxigraph::model::NamedNodeRef<'static>,
    /// A check of the text beyond the one every text passes; its message is shown at the cell.
    pub check: Option<fn(&str) -> Result<(), String>>,
}

impl std::fmt::Debug for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Cell::None => "None",
            Cell::Organisation(_) => "Organisation",
            Cell::Collection(_) => "Collection",
            Cell::ProblemArea(_) => "ProblemArea",
            Cell::UseCase(_) => "UseCase",
            Cell::Step(_) => "Step",
            Cell::Binding(_) => "Binding",
            Cell::Codebook(_) => "Codebook",
            Cell::Code(_) => "Code",
            Cell::Variable(_) => "Variable",
            Cell::VariableText(_) => "VariableText",
            Cell::History(_) => "History",
            Cell::Member(_) => "Member",
            Cell::Registration(_) => "Registration",
            Cell::Mapping(_) => "Mapping",
        })
    }
}

/// One column of a sheet: one field of a kind.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The field's key: what the row parsers, the API's JSON and the diff call it.
    pub field: &'static str,
    /// The heading the template and the export write.
    pub heading: &'static str,
    pub synonyms: &'static [&'static str],
    /// The heading in English (the template's documentation, English readers).
    pub heading_en: &'static str,
    /// The column must be present (and, for new items, filled).
    pub required: bool,
    /// The text may hold tabs and line breaks (definitions, descriptions, notes).
    pub multiline: bool,
    /// A `;`-separated list of identifiers (an array in the API's JSON).
    pub list: bool,
    /// The field's label on pages.
    pub label: Label,
    /// The field in a Swedish change note, in definite form ("enheten"), with its gender;
    /// `None` writes "fältet ”{heading}”". English notes use the key ("unit changed").
    pub noun: Option<(&'static str, Gender)>,
    pub cell: Cell,
}

/// A column with its key, Swedish heading, synonyms, English heading and whether it is
/// required; the page label is the heading until [`Column::label`] says otherwise.
pub const fn col(
    field: &'static str,
    heading: &'static str,
    synonyms: &'static [&'static str],
    heading_en: &'static str,
    required: bool,
) -> Column {
    Column {
        field,
        heading,
        synonyms,
        heading_en,
        required,
        multiline: false,
        list: false,
        label: Label {
            sv: heading,
            en: heading_en,
        },
        noun: None,
        cell: Cell::None,
    }
}

impl Column {
    pub const fn cell(mut self, cell: Cell) -> Self {
        self.cell = cell;
        self
    }

    pub const fn multiline(mut self) -> Self {
        self.multiline = true;
        self
    }

    pub const fn list(mut self) -> Self {
        self.list = true;
        self
    }

    pub const fn label(mut self, sv: &'static str, en: &'static str) -> Self {
        self.label = Label { sv, en };
        self
    }

    pub const fn noun(mut self, definite: &'static str, gender: Gender) -> Self {
        self.noun = Some((definite, gender));
        self
    }
}

/// `Ta bort`: a row that removes its item.
pub const REMOVE: Column = col(
    "remove",
    "Ta bort",
    &["Åtgärd", "Remove", "Radera"],
    "Remove",
    false,
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SheetKind {
    Organisations,
    Collections,
    ProblemAreas,
    UseCases,
    Steps,
    Bindings,
    Codebooks,
    Codes,
    Variables,
    VariableHistory,
    VariableGroups,
    CollectionHistory,
    CollectionGroups,
    UseCaseHistory,
    Registrations,
    Mappings,
}

#[derive(Debug)]
pub struct SheetSpec {
    pub kind: SheetKind,
    pub name: &'static str,
    pub synonyms: &'static [&'static str],
    pub columns: &'static [Column],
}

/// Every sheet, in the order the template and the export write them.
pub const SHEETS: &[SheetSpec] = &[
    catalogue::ORGANISATIONS,
    catalogue::COLLECTIONS,
    use_cases::PROBLEM_AREAS,
    use_cases::USE_CASES,
    use_cases::STEPS,
    use_cases::BINDINGS,
    codebooks::CODEBOOKS,
    codebooks::CODES,
    variables::VARIABLES,
    harmonisation::VARIABLE_HISTORY,
    harmonisation::VARIABLE_GROUPS,
    harmonisation::COLLECTION_HISTORY,
    harmonisation::COLLECTION_GROUPS,
    harmonisation::USE_CASE_HISTORY,
    registrations::REGISTRATIONS,
    mappings::MAPPINGS,
];

/// Folds a heading or sheet name for matching: lower case, å/ä→a, ö→o, only letters and digits.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'å' | 'ä' | 'á' | 'à' => Some('a'),
            'ö' | 'ø' => Some('o'),
            'é' | 'è' => Some('e'),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Whether the text of `field` may run over several lines (on any sheet that has it).
pub fn is_multiline(field: &str) -> bool {
    SHEETS
        .iter()
        .flat_map(|s| s.columns)
        .any(|c| c.field == field && c.multiline)
}

impl SheetSpec {
    pub fn by_kind(kind: SheetKind) -> &'static SheetSpec {
        SHEETS.iter().find(|s| s.kind == kind).unwrap_or(&SHEETS[0])
    }

    /// The sheet a name refers to (`Användningsfall`, `anvandningsfall.csv`, …).
    pub fn by_name(name: &str) -> Option<&'static SheetSpec> {
        let f = fold(name.strip_suffix(".csv").unwrap_or(name));
        SHEETS
            .iter()
            .find(|s| fold(s.name) == f || s.synonyms.iter().any(|syn| fold(syn) == f))
    }

    /// The column a heading refers to.
    pub fn column(&self, heading: &str) -> Option<&'static Column> {
        let f = fold(heading);
        if f.is_empty() {
            return None;
        }
        self.columns
            .iter()
            .find(|c| fold(c.heading) == f)
            .or_else(|| {
                self.columns
                    .iter()
                    .find(|c| c.synonyms.iter().any(|s| fold(s) == f))
            })
    }

    /// The column of `field`.
    pub fn field(&self, field: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.field == field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_synonyms_match_loosely() {
        let v = SheetSpec::by_kind(SheetKind::Variables);
        assert_eq!(
            v.column("VÄRDEMÄNGD/KODVERK").map(|c| c.field),
            Some("value_domain")
        );
        assert_eq!(v.column("Fält").map(|c| c.field), Some("name"));
        assert_eq!(
            v.column("Obligatorisk Ja/Nej").map(|c| c.field),
            Some("obligation")
        );
        assert_eq!(
            v.column("Tilläggsinformation").map(|c| c.field),
            Some("note")
        );
        assert!(v.column("Färg").is_none());
        assert_eq!(
            SheetSpec::by_name("Användningsfall.csv").map(|s| s.kind),
            Some(SheetKind::UseCases)
        );
    }

    #[test]
    fn no_two_columns_of_a_sheet_share_a_folded_name() {
        for sheet in SHEETS {
            let mut seen = std::collections::HashSet::new();
            for c in sheet.columns {
                let names: std::collections::HashSet<String> = std::iter::once(&c.heading)
                    .chain(c.synonyms)
                    .map(|n| fold(n))
                    .collect();
                for name in names {
                    assert!(
                        seen.insert(name.clone()),
                        "{}: {name} is ambiguous",
                        sheet.name
                    );
                }
            }
        }
    }

    #[test]
    fn a_field_is_multiline_on_every_sheet_or_on_none() {
        for c in SHEETS.iter().flat_map(|s| s.columns) {
            assert_eq!(c.multiline, is_multiline(c.field), "{}", c.field);
        }
        for f in [
            "definition",
            "description_en",
            "note",
            "in_out",
            "problem_areas_source",
        ] {
            assert!(is_multiline(f), "{f}");
        }
        for f in ["name", "unit", "title", "label"] {
            assert!(!is_multiline(f), "{f}");
        }
    }

    #[test]
    fn every_column_has_an_english_heading_and_a_cell_but_remove() {
        for s in SHEETS {
            for c in s.columns {
                assert!(!c.heading_en.is_empty(), "{}: {}", s.name, c.field);
                assert_eq!(
                    matches!(c.cell, Cell::None),
                    c.field == "remove",
                    "{}: {}",
                    s.name,
                    c.field
                );
            }
        }
    }
}
