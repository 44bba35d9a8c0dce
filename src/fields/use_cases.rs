//! The fields of problem areas and use cases, with a use case's steps and variable bindings.

use super::Gender::Common;
use super::{Cell, Column, REMOVE, SheetKind, SheetSpec, col};

fn join<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(";")
}

fn step_text(u: &crate::domain::UseCase, i: usize, en: bool) -> String {
    u.steps
        .get(i)
        .map(|s| {
            if en {
                s.description.en.clone()
            } else {
                s.description.sv.clone()
            }
        })
        .unwrap_or_default()
}

/// Whether a use case needs a variable or can do without it.
pub const ROLE: Column = col("role", "Roll", &["Role"], "Role", true)
    .noun("rollen", Common)
    .cell(Cell::Binding(|_, b| b.role.to_string()));

/// A binding's priority, 1 to 5.
pub const PRIORITY: Column = col("priority", "Prioritet", &["Priority"], "Priority", false)
    .noun("prioriteten", Common)
    .cell(Cell::Binding(|_, b| {
        b.priority.map(|p| p.to_string()).unwrap_or_default()
    }));

/// Whether a binding is a quick win.
pub const QUICK_WIN: Column = col(
    "quick_win",
    "Snabb vinst",
    &["Quick win"],
    "Quick win",
    false,
)
.cell(Cell::Binding(|_, b| {
    if b.quick_win { "Ja" } else { "Nej" }.to_owned()
}));

pub const PROBLEM_AREAS: SheetSpec = SheetSpec {
    kind: SheetKind::ProblemAreas,
    name: "problemomraden",
    synonyms: &["problemomrade", "problem areas"],
    columns: &[
        col("id", "Identifierare", &["Id", "Nr"], "Identifier", true)
            .cell(Cell::ProblemArea(|p| p.id.to_string())),
        col(
            "label",
            "Benämning",
            &["Namn", "Problemformulering"],
            "Label (Swedish)",
            true,
        )
        .noun("benämningen", Common)
        .cell(Cell::ProblemArea(|p| p.label.sv.clone())),
        col("label_en", "Benämning (en)", &["Label"], "Label", false)
            .noun("den engelska benämningen", Common)
            .cell(Cell::ProblemArea(|p| p.label.en.clone())),
        col(
            "description",
            "Beskrivning",
            &["Definition"],
            "Description (Swedish)",
            false,
        )
        .multiline()
        .noun("beskrivningen", Common)
        .cell(Cell::ProblemArea(|p| p.description.sv.clone())),
        col(
            "description_en",
            "Beskrivning (en)",
            &["Description"],
            "Description",
            false,
        )
        .multiline()
        .noun("den engelska beskrivningen", Common)
        .cell(Cell::ProblemArea(|p| p.description.en.clone())),
        REMOVE,
    ],
};

pub const USE_CASES: SheetSpec = SheetSpec {
    kind: SheetKind::UseCases,
    name: "anvandningsfall",
    synonyms: &["use cases"],
    columns: &[
        col("id", "Identifierare", &["Id"], "Identifier", true)
            .cell(Cell::UseCase(|u| u.id.to_string())),
        col("short_name", "Kortnamn", &["Bokstav"], "Short name", false)
            .noun("kortnamnet", super::Gender::Neuter)
            .cell(Cell::UseCase(|u| u.short_name.clone())),
        col("title", "Titel", &["Namn"], "Title (Swedish)", true)
            .noun("titeln", Common)
            .cell(Cell::UseCase(|u| u.title.sv.clone())),
        col("title_en", "Titel (en)", &["Title"], "Title", false)
            .noun("den engelska titeln", Common)
            .cell(Cell::UseCase(|u| u.title.en.clone())),
        col(
            "description",
            "Beskrivning",
            &[],
            "Description (Swedish)",
            false,
        )
        .multiline()
        .noun("beskrivningen", Common)
        .cell(Cell::UseCase(|u| u.description.sv.clone())),
        col(
            "description_en",
            "Beskrivning (en)",
            &["Description"],
            "Description",
            false,
        )
        .multiline()
        .noun("den engelska beskrivningen", Common)
        .cell(Cell::UseCase(|u| u.description.en.clone())),
        col(
            "problem_areas",
            "Problemområden",
            &["Problemområde"],
            "Problem areas",
            false,
        )
        .list()
        .cell(Cell::UseCase(|u| join(&u.problem_areas))),
        col("status", "Status", &[], "Status", false)
            .noun("statusen", Common)
            .cell(Cell::UseCase(|u| u.status.to_string())),
        col(
            "problem_areas_source",
            "Källa problemområden",
            &["Problemområden källa", "Problem areas source"],
            "Problem areas source",
            false,
        )
        .multiline()
        .cell(Cell::UseCase(|u| u.problem_areas_source.clone())),
        REMOVE,
    ],
};

pub const STEPS: SheetSpec = SheetSpec {
    kind: SheetKind::Steps,
    name: "steg",
    synonyms: &["steps"],
    columns: &[
        col(
            "use_case",
            "Användningsfall",
            &["Use case"],
            "Use case",
            true,
        )
        .cell(Cell::Step(|u, _| u.id.to_string())),
        col("number", "Nr", &["Steg", "Ordning"], "Number", true)
            .cell(Cell::Step(|_, i| (i + 1).to_string())),
        col(
            "description",
            "Beskrivning",
            &["Steg beskrivning"],
            "Description (Swedish)",
            true,
        )
        .multiline()
        .noun("beskrivningen", Common)
        .cell(Cell::Step(|u, i| step_text(u, i, false))),
        col(
            "description_en",
            "Beskrivning (en)",
            &["Description"],
            "Description",
            false,
        )
        .multiline()
        .noun("den engelska beskrivningen", Common)
        .cell(Cell::Step(|u, i| step_text(u, i, true))),
    ],
};

pub const BINDINGS: SheetSpec = SheetSpec {
    kind: SheetKind::Bindings,
    name: "kopplingar",
    synonyms: &["koppling", "bindings"],
    columns: &[
        col(
            "use_case",
            "Användningsfall",
            &["Use case"],
            "Use case",
            true,
        )
        .cell(Cell::Binding(|u, _| u.id.to_string())),
        col("variable", "Variabel", &["Variable"], "Variable", true)
            .cell(Cell::Binding(|_, b| b.variable.to_string())),
        ROLE,
        PRIORITY,
        QUICK_WIN,
        col("source", "Källa", &["Source"], "Source", false)
            .noun("källan", Common)
            .cell(Cell::Binding(|_, b| b.source.clone())),
        col(
            "value_set",
            "Värdemängd",
            &["Value set"],
            "Value set",
            false,
        )
        .noun("värdemängden", Common)
        .label("Värdemängd", "Value set")
        .cell(Cell::Binding(|_, b| {
            b.value_set
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        })),
        REMOVE,
    ],
};
