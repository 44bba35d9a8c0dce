//! Use cases (användningsfall), their steps, the problem areas they answer and their bindings
//! to variables.

use super::{Harmonisation, Id, Lang, Registration, Role, Status};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UseCase {
    pub id: Id,
    /// The letter in SKR's final report (A–D), or empty.
    pub short_name: String,
    pub title: Lang,
    pub description: Lang,
    /// Problem areas answered, sorted.
    pub problem_areas: Vec<Id>,
    pub status: Status,
    /// Steps in order (step 1 first).
    pub steps: Vec<Step>,
    /// Bindings sorted by variable identifier.
    pub bindings: Vec<Binding>,
    /// Where the links to the problem areas come from; empty: illustrative (no source).
    pub problem_areas_source: String,
    /// Where it stands in the harmonisation method (step B: identified and prioritised).
    #[serde(default)]
    pub harmonisation: Harmonisation,
    /// Its status at registration authorities other than the publisher, by authority.
    #[serde(default)]
    pub registrations: Vec<Registration>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Step {
    pub description: Lang,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Binding {
    pub variable: Id,
    pub role: Role,
    /// 1 (highest) to 5.
    pub priority: Option<u8>,
    pub quick_win: bool,
    /// Where the role, priority and quick-win flag come from; empty: illustrative (no source).
    pub source: String,
    /// A value set narrowing the variable's value domain in this use case.
    #[serde(default)]
    pub value_set: Option<Id>,
}

impl Binding {
    /// A binding without a source is illustrative: nothing says its role or priority.
    pub fn is_illustrative(&self) -> bool {
        self.source.is_empty()
    }
}

impl UseCase {
    /// Links to problem areas without a source are illustrative.
    pub fn problem_areas_illustrative(&self) -> bool {
        self.problem_areas_source.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProblemArea {
    pub id: Id,
    pub label: Lang,
    pub description: Lang,
}
