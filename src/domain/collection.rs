//! Data collections (datainsamlingar) such as Väntetidsdatabasen or Patientregistret.

use super::{
    AccessRights, CollectionMeta, Frequency, Harmonisation, HealthCategory, Id, Lang, OrgNr,
};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Collection {
    pub id: Id,
    pub title: Lang,
    pub description: Lang,
    pub publisher: OrgNr,
    pub contact_email: String,
    pub access: AccessRights,
    pub frequency: Option<Frequency>,
    pub landing_page: String,
    /// The EHDS categories of health data it holds, for HealthDCAT-AP.
    pub health_categories: Vec<HealthCategory>,
    /// The health data access body that grants access to it under the EHDS (an organisation
    /// of the catalogue), once one is designated.
    pub hdab: Option<OrgNr>,
    /// Where it stands in the harmonisation method (steps B–C concern collections), with
    /// the reference group set up for it.
    #[serde(default)]
    pub harmonisation: Harmonisation,
    /// Coverage, keywords, version and the HealthDCAT-AP fields the portals show.
    #[serde(default)]
    pub meta: CollectionMeta,
}
