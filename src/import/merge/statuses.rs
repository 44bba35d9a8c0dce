//! The lifecycle check of an import: a status the input gives moves the item only along the
//! lifecycle's allowed way (`governance::lifecycle::path`), each step of it kept to be recorded
//! as a status change; a status the lifecycle cannot reach is refused at its cell. A new item
//! starts as *utkast*, as one made through the API does, so its status cell is a change from
//! there. An import by someone who may not change statuses (not the publisher's registrar) is refused at
//! every cell that would change one (`Registrar`).

use crate::domain::{Catalog, Status};
use crate::governance::lifecycle;
use crate::import::report::Problem;
use crate::import::{Registrar, StatusStep};

use super::Merger;

impl Merger {
    /// The steps of every status change the input makes; a refused one is a problem at its
    /// cell (and none of its steps are kept).
    pub fn check_statuses(&mut self, current: &Catalog, registrar: &Registrar) -> Vec<StatusStep> {
        let publisher = crate::governance::publisher();
        let statuses_locked = !registrar.may(&publisher);
        let mut steps = Vec::new();
        for (key, at) in std::mem::take(&mut self.status_at) {
            let Some(to) = self.catalog.status_of(&key) else {
                continue; // removed by the same input
            };
            let from = current.status_of(&key).unwrap_or(Status::Draft);
            if from == to {
                continue;
            }
            let message = match lifecycle::path(from, to) {
                None => no_way(&key.to_string(), from, to),
                Some(_) if statuses_locked => format!(
                    "{key} would change status from {from} to {to}, which needs the token of \
                     the publisher's registrar; leave the status as it is ({from}), or ask a \
                     registrar to import the file"
                ),
                Some(path) => {
                    steps.extend(StatusStep::along(&key, &publisher, from, path));
                    continue;
                }
            };
            self.problems.push(Problem {
                location: at,
                message,
            });
        }
        steps
    }
}

/// Why the lifecycle cannot take `what` (an item, or its registration at an authority) from
/// `from` to `to`, naming where it can go.
pub(super) fn no_way(what: &str, from: Status, to: Status) -> String {
    let allowed: Vec<&str> = lifecycle::allowed_next(from)
        .iter()
        .map(|s| s.as_str())
        .collect();
    let next = if allowed.is_empty() {
        format!("{from} is final")
    } else {
        format!("from {from} it can change to: {}", allowed.join(", "))
    };
    format!(
        "{what} is {from} and cannot become {to}: the lifecycle (utkast → kandidat → standard → \
         ersatt → avregistrerad) has no way there; {next}"
    )
}
