//! Registration per authority (as METEOR and ISO/IEC 11179-6 keep it): an item's status at a
//! registration authority other than the catalogue's publisher, with the date it was set and
//! a note. The item's own `status` is its status at the publishing authority
//! (`config::DEFAULT_PUBLISHER`); it alone decides who sees the item. A registration at
//! another authority (say *standard* at Socialstyrelsen while *kandidat* at SKR) is shown
//! beside it and changes nothing else.

use super::{OrgNr, Status};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Registration {
    /// The registration authority (an organisation of the catalogue).
    pub authority: OrgNr,
    pub status: Status,
    /// `YYYY-MM-DD`: when the authority set the status.
    pub date: String,
    /// The authority's note on it (Swedish), or empty.
    pub note: String,
}

/// Puts registrations in their order: by authority (one each).
pub fn sort_registrations(list: &mut [Registration]) {
    list.sort_by(|a, b| a.authority.cmp(&b.authority));
}

/// The status an item has at `authority` by `list`: not registered there counts as *utkast*,
/// where a new registration starts (as a new item does).
pub fn status_at(list: &[Registration], authority: &OrgNr) -> Status {
    list.iter()
        .find(|r| &r.authority == authority)
        .map(|r| r.status)
        .unwrap_or(Status::Draft)
}

/// Sets the registration at `r.authority` in `list` (adding it, or replacing the one there).
pub fn set_registration(list: &mut Vec<Registration>, r: Registration) {
    match list.iter_mut().find(|x| x.authority == r.authority) {
        Some(slot) => *slot = r,
        None => list.push(r),
    }
    sort_registrations(list);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(s: &str) -> OrgNr {
        OrgNr::parse(s).expect("orgnr")
    }

    #[test]
    fn one_registration_per_authority_in_order() {
        let mut list = Vec::new();
        let reg = |o: &str, s| Registration {
            authority: org(o),
            status: s,
            date: "2026-12-17".into(),
            note: String::new(),
        };
        set_registration(&mut list, reg("232100-0016", Status::Candidate));
        set_registration(&mut list, reg("202100-0555", Status::Candidate));
        set_registration(&mut list, reg("202100-0555", Status::Standard));
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].authority, org("202100-0555"));
        assert_eq!(status_at(&list, &org("202100-0555")), Status::Standard);
        assert_eq!(status_at(&list, &org("222000-0315")), Status::Draft);
    }
}
