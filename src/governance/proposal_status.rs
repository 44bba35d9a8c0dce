//! An improvement proposal's status and the moves between them, with the role each needs:
//!
//! ```text
//! utkast → öppen → under beredning → beslutad
//!  (editor)        (registrar)     ↘ avslagen (registrar)
//! ```
//!
//! A proposal is made as *öppen*, or as *utkast* (seen by signed-in editors only) and opened
//! by an editor; registrars take it up for preparation and decide. A decided proposal is then
//! applied once (`proposals::apply`), which records the version it produced.

use super::tokens::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProposalStatus {
    Draft,
    Open,
    Preparing,
    Decided,
    Rejected,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 5] = [
        ProposalStatus::Draft,
        ProposalStatus::Open,
        ProposalStatus::Preparing,
        ProposalStatus::Decided,
        ProposalStatus::Rejected,
    ];

    /// The stored (Swedish) value.
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Draft => "utkast",
            ProposalStatus::Open => "öppen",
            ProposalStatus::Preparing => "under beredning",
            ProposalStatus::Decided => "beslutad",
            ProposalStatus::Rejected => "avslagen",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            ProposalStatus::Draft => "draft",
            ProposalStatus::Open => "open",
            ProposalStatus::Preparing => "under preparation",
            ProposalStatus::Decided => "decided",
            ProposalStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Result<ProposalStatus, String> {
        let t = s.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == t || x.label_en() == t)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|x| x.as_str()).collect();
                format!(
                    "{s:?} is not a proposal status; the statuses are: {}",
                    names.join(", ")
                )
            })
    }

    /// The statuses a proposal may move to from this one.
    pub fn allowed_next(self) -> &'static [ProposalStatus] {
        use ProposalStatus::*;
        match self {
            Draft => &[Open],
            Open => &[Preparing],
            Preparing => &[Decided, Rejected],
            Decided | Rejected => &[],
        }
    }

    /// The role a move to `to` needs: opening a draft is an editor's, the rest a registrar's.
    pub fn role_for(to: ProposalStatus) -> Role {
        if to == ProposalStatus::Open {
            Role::Editor
        } else {
            Role::Registrar
        }
    }

    /// Whether anyone may see a proposal of this status (a draft only signed-in editors).
    pub fn is_public(self) -> bool {
        self != ProposalStatus::Draft
    }
}

impl std::fmt::Display for ProposalStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A move the proposal workflow does not allow, naming the ones it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalMoveError {
    pub from: ProposalStatus,
    pub to: ProposalStatus,
}

impl ProposalMoveError {
    pub fn allowed(&self) -> &'static [ProposalStatus] {
        self.from.allowed_next()
    }
}

impl std::fmt::Display for ProposalMoveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let allowed = self.allowed();
        if allowed.is_empty() {
            return write!(
                f,
                "the proposal cannot move from {} to {}: {} is final",
                self.from, self.to, self.from
            );
        }
        let names: Vec<&str> = allowed.iter().map(|s| s.as_str()).collect();
        write!(
            f,
            "the proposal cannot move from {} to {}; from {} it can move to: {}",
            self.from,
            self.to,
            self.from,
            names.join(", ")
        )
    }
}

impl std::error::Error for ProposalMoveError {}

pub fn check(from: ProposalStatus, to: ProposalStatus) -> Result<(), ProposalMoveError> {
    if from.allowed_next().contains(&to) {
        Ok(())
    } else {
        Err(ProposalMoveError { from, to })
    }
}

#[cfg(test)]
mod tests {
    use super::ProposalStatus::*;
    use super::*;

    #[test]
    fn exactly_the_listed_moves_are_allowed() {
        let allowed = [
            (Draft, Open),
            (Open, Preparing),
            (Preparing, Decided),
            (Preparing, Rejected),
        ];
        for from in ProposalStatus::ALL {
            for to in ProposalStatus::ALL {
                assert_eq!(
                    check(from, to).is_ok(),
                    allowed.contains(&(from, to)),
                    "{from} → {to}"
                );
            }
        }
    }

    #[test]
    fn a_refusal_names_the_allowed_moves_and_statuses_parse_in_both_languages() {
        let e = check(Open, Decided).expect_err("refused");
        assert_eq!(
            e.to_string(),
            "the proposal cannot move from öppen to beslutad; from öppen it can move to: \
             under beredning"
        );
        assert!(
            check(Decided, Open)
                .expect_err("final")
                .to_string()
                .contains("is final")
        );
        assert_eq!(ProposalStatus::parse("under preparation"), Ok(Preparing));
        assert_eq!(ProposalStatus::parse("Öppen"), Ok(Open));
        assert!(ProposalStatus::parse("klar").is_err());
        assert_eq!(ProposalStatus::role_for(Open), Role::Editor);
        assert_eq!(ProposalStatus::role_for(Decided), Role::Registrar);
    }
}
