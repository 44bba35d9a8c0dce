//! Use cases (användningsfall), their steps, the problem areas they answer and their bindings
//! to variables.

use super::{Id, Lang, Role, Status};

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
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProblemArea {
    pub id: Id,
    pub label: Lang,
    pub description: Lang,
}
