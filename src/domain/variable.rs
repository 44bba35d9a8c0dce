//! Variable specifications: what one reported value means and how it is written.

use super::{DataType, Harmonisation, Id, Lang, Obligation, OrgNr, Registration, Status};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Variable {
    pub id: Id,
    /// The short name used in the collections, e.g. `INDATUM`.
    pub short_name: String,
    pub name: Lang,
    pub definition: Lang,
    pub datatype: Option<DataType>,
    /// Format or maximum length, e.g. `ÅÅÅÅ-MM-DD` or `8`.
    pub format: String,
    pub unit: String,
    /// The unit of measure as a UCUM code (`kg`, `mm[Hg]`, `10*9/L`), or empty.
    pub unit_code: String,
    /// The codebook holding the allowed values.
    pub codebook: Option<Id>,
    pub min: String,
    pub max: String,
    pub pattern: String,
    pub obligation: Option<Obligation>,
    pub owner: Option<OrgNr>,
    /// The data collections that carry it, sorted.
    pub collections: Vec<Id>,
    /// A shared element (e.g. `datum`) whose type and value domain this variable reuses.
    pub based_on: Option<Id>,
    /// Variables judged to hold the same information (`skos:exactMatch`), sorted; the
    /// candidates page writes the pair on both.
    #[serde(default)]
    pub exact_match: Vec<Id>,
    pub version: String,
    pub status: Status,
    /// `YYYY-MM-DD` or empty.
    pub valid_from: String,
    pub valid_to: String,
    /// Where the primary record (indata) differs from the secondary use (utdata).
    pub in_out_note: String,
    pub transformation: String,
    pub aggregation: String,
    pub note: Lang,
    /// Where it stands in the harmonisation method (Table 5), with its reference group.
    #[serde(default)]
    pub harmonisation: Harmonisation,
    /// Its status at registration authorities other than the publisher, by authority.
    #[serde(default)]
    pub registrations: Vec<Registration>,
}

impl Variable {
    /// A variable with only its identifier, name and definition; the rest empty.
    pub fn new(id: Id, name: Lang, definition: Lang) -> Self {
        Self {
            id,
            short_name: String::new(),
            name,
            definition,
            datatype: None,
            format: String::new(),
            unit: String::new(),
            unit_code: String::new(),
            codebook: None,
            min: String::new(),
            max: String::new(),
            pattern: String::new(),
            obligation: None,
            owner: None,
            collections: Vec::new(),
            based_on: None,
            exact_match: Vec::new(),
            version: String::new(),
            status: Status::Standard,
            valid_from: String::new(),
            valid_to: String::new(),
            in_out_note: String::new(),
            transformation: String::new(),
            aggregation: String::new(),
            note: Lang::default(),
            harmonisation: Harmonisation::default(),
            registrations: Vec::new(),
        }
    }
}
