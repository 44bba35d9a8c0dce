//! Organisations: regions, authorities and others that own variables or publish collections.

use super::{Lang, OrgNr, PublisherType};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Organisation {
    pub orgnr: OrgNr,
    pub name: Lang,
    pub publisher_type: PublisherType,
    pub homepage: String,
    pub email: String,
}
