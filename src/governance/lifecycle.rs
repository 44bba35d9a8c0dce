//! The registration lifecycle (METEOR-style): which status an item may move to from which.
//!
//! ```text
//! utkast → kandidat → standard → ersatt → avregistrerad
//!            ↓                  ↘________↗
//!          utkast
//! ```

use crate::domain::Status;

/// The statuses an item may move to from `from`.
pub fn allowed_next(from: Status) -> &'static [Status] {
    match from {
        Status::Draft => &[Status::Candidate],
        Status::Candidate => &[Status::Standard, Status::Draft],
        Status::Standard => &[Status::Superseded, Status::Retired],
        Status::Superseded => &[Status::Retired],
        Status::Retired => &[],
    }
}

/// A status change the lifecycle does not allow, naming the ones it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifecycleError {
    pub from: Status,
    pub to: Status,
}

impl LifecycleError {
    pub fn allowed(&self) -> &'static [Status] {
        allowed_next(self.from)
    }

    fn message(&self) -> String {
        let allowed = self.allowed();
        if allowed.is_empty() {
            return format!(
                "the status cannot change from {} to {}: {} is final",
                self.from, self.to, self.from
            );
        }
        let names: Vec<&str> = allowed.iter().map(|s| s.as_str()).collect();
        format!(
            "the status cannot change from {} to {}; from {} it can change to: {}",
            self.from,
            self.to,
            self.from,
            names.join(", ")
        )
    }
}

impl std::fmt::Display for LifecycleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for LifecycleError {}

pub fn check(from: Status, to: Status) -> Result<(), LifecycleError> {
    if allowed_next(from).contains(&to) {
        Ok(())
    } else {
        Err(LifecycleError { from, to })
    }
}

/// The shortest way from `from` to `to` along the lifecycle, as the statuses after `from`
/// (empty when they are the same), or `None` when the lifecycle has no way there. An import
/// that names a later status takes each step of it (utkast → kandidat → standard).
pub fn path(from: Status, to: Status) -> Option<Vec<Status>> {
    if from == to {
        return Some(Vec::new());
    }
    // Breadth first over the five statuses: each is reached once, by the shortest way.
    let mut came_from: Vec<(Status, Status)> = Vec::new();
    let mut queue = std::collections::VecDeque::from([from]);
    while let Some(s) = queue.pop_front() {
        for &next in allowed_next(s) {
            if next == from || came_from.iter().any(|(n, _)| *n == next) {
                continue;
            }
            came_from.push((next, s));
            if next == to {
                let mut out = vec![to];
                let mut at = s;
                while at != from {
                    out.push(at);
                    at = came_from.iter().find(|(n, _)| *n == at)?.1;
                }
                out.reverse();
                return Some(out);
            }
            queue.push_back(next);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn exactly_the_listed_transitions_are_allowed() {
        let allowed = [
            (Draft, Candidate),
            (Candidate, Standard),
            (Candidate, Draft),
            (Standard, Superseded),
            (Standard, Retired),
            (Superseded, Retired),
        ];
        for from in Status::ALL {
            for to in Status::ALL {
                assert_eq!(
                    check(*from, *to).is_ok(),
                    allowed.contains(&(*from, *to)),
                    "{from} → {to}"
                );
            }
        }
    }

    #[test]
    fn a_path_takes_every_step_or_there_is_none() {
        assert_eq!(path(Draft, Draft), Some(vec![]));
        assert_eq!(path(Draft, Candidate), Some(vec![Candidate]));
        assert_eq!(path(Draft, Standard), Some(vec![Candidate, Standard]));
        assert_eq!(
            path(Draft, Retired),
            Some(vec![Candidate, Standard, Retired])
        );
        assert_eq!(
            path(Candidate, Superseded),
            Some(vec![Standard, Superseded])
        );
        assert_eq!(path(Standard, Draft), None);
        assert_eq!(path(Standard, Candidate), None);
        assert_eq!(path(Retired, Standard), None);
        assert_eq!(path(Superseded, Standard), None);
    }

    #[test]
    fn a_refusal_names_the_allowed_next_statuses() {
        let e = check(Draft, Standard).expect_err("refused");
        assert_eq!(
            e.to_string(),
            "the status cannot change from utkast to standard; from utkast it can change to: kandidat"
        );
        let e = check(Retired, Draft).expect_err("refused");
        assert!(e.to_string().contains("avregistrerad is final"), "{e}");
    }
}
