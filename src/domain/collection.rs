//! Data collections (datainsamlingar) such as Väntetidsdatabasen or Patientregistret.

use super::{AccessRights, Frequency, Id, Lang, OrgNr};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    pub id: Id,
    pub title: Lang,
    pub description: Lang,
    pub publisher: OrgNr,
    pub contact_email: String,
    pub access: AccessRights,
    pub frequency: Option<Frequency>,
    pub landing_page: String,
}
