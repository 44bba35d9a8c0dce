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
