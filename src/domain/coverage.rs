//! The metadata of a data collection that the portals show beside its texts: temporal and
//! spatial coverage, issue date, keywords, version, and the HealthDCAT-AP fields (population
//! coverage, personal data, legal basis, purpose, retention period, counts of records and of
//! individuals). Each value is checked here when it is read from a cell; the store and the
//! feeds write only what passed.

use super::{Lang, PersonalData, TermError};

/// What a collection's metadata says beyond its texts; every field may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CollectionMeta {
    /// The name of the contact point (a function or a person), when it is not the
    /// organisation whose e-mail the contact address is.
    pub contact_name: Lang,
    /// The period the data cover (`dct:temporal`).
    pub temporal: Period,
    /// The places the data cover (`dct:spatial`), sorted.
    pub spatial: Vec<Place>,
    /// When the collection was first published (`dct:issued`): a date or a year.
    pub issued: String,
    /// Keywords in Swedish and in English (`dcat:keyword`), each list sorted.
    pub keywords_sv: Vec<String>,
    pub keywords_en: Vec<String>,
    /// The collection's version (`owl:versionInfo` in the store, `dcat:version` in the feeds).
    pub version: String,
    /// Whom the data cover (`healthdcatap:populationCoverage`).
    pub population: Lang,
    /// Categories of personal data it holds (`dpv:hasPersonalData`), sorted.
    pub personal_data: Vec<PersonalData>,
    /// The legal basis of the processing (`dpv:hasLegalBasis`), as text citing the law.
    pub legal_basis: Lang,
    /// What the data are collected for (`dpv:hasPurpose`).
    pub purpose: Lang,
    /// How long the data are kept (`healthdcatap:retentionPeriod`).
    pub retention: Period,
    /// How many records and how many unique individuals it holds, where a source says so.
    pub records: Option<u64>,
    pub individuals: Option<u64>,
}

impl super::Catalog {
    /// The name of a collection's contact point (`vcard:fn`, "the name of the contact point"
    /// in DCAT-AP-SE): the contact name the content gives, else the organisation of the
    /// catalogue whose e-mail the contact address is, else the collection's publisher; the
    /// address itself when none of them is known. Never the collection's title.
    pub fn contact_name(&self, c: &super::Collection) -> Lang {
        if !c.meta.contact_name.is_empty() {
            return c.meta.contact_name.clone();
        }
        let orgs = &self.organisations;
        orgs.values()
            .find(|o| !o.email.is_empty() && o.email.eq_ignore_ascii_case(&c.contact_email))
            .or_else(|| orgs.get(&c.publisher))
            .map(|o| o.name.clone())
            .unwrap_or_else(|| Lang::new(c.contact_email.clone(), ""))
    }
}

/// A period of time (`dct:PeriodOfTime` with `dcat:startDate`/`dcat:endDate`); each end a
/// date (`ÅÅÅÅ-MM-DD`) or a year (`ÅÅÅÅ`), empty when open.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Period {
    pub start: String,
    pub end: String,
}

impl Period {
    pub fn is_empty(&self) -> bool {
        self.start.is_empty() && self.end.is_empty()
    }
}

/// A date of the metadata: `ÅÅÅÅ-MM-DD` or, when only the year is known, `ÅÅÅÅ`. Returns the
/// canonical text and whether it is a year.
pub fn parse_meta_date(s: &str) -> Result<(String, bool), String> {
    let s = s.trim();
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0') {
        return Ok((s.to_owned(), true));
    }
    match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) if s.len() == 10 => Ok((d.format("%Y-%m-%d").to_string(), false)),
        _ => Err(format!(
            "{s:?} is not a date (ÅÅÅÅ-MM-DD, or ÅÅÅÅ when only the year is known)"
        )),
    }
}

/// The XSD datatype local name of a checked metadata date: `gYear` or `date`.
pub fn meta_date_is_year(s: &str) -> bool {
    s.len() == 4
}

/// The EU authority table of countries.
pub const COUNTRY_AUTHORITY: &str = "http://publications.europa.eu/resource/authority/country/";
/// Eurostat's NUTS codes as linked data.
pub const NUTS: &str = "http://data.europa.eu/nuts/code/";

/// The countries of the EU and the EEA: code of the EU country table, Swedish and English name.
const COUNTRIES: &[(&str, &str, &str)] = &[
    ("AUT", "Österrike", "Austria"),
    ("BEL", "Belgien", "Belgium"),
    ("BGR", "Bulgarien", "Bulgaria"),
    ("CYP", "Cypern", "Cyprus"),
    ("CZE", "Tjeckien", "Czechia"),
    ("DEU", "Tyskland", "Germany"),
    ("DNK", "Danmark", "Denmark"),
    ("ESP", "Spanien", "Spain"),
    ("EST", "Estland", "Estonia"),
    ("FIN", "Finland", "Finland"),
    ("FRA", "Frankrike", "France"),
    ("GRC", "Grekland", "Greece"),
    ("HRV", "Kroatien", "Croatia"),
    ("HUN", "Ungern", "Hungary"),
    ("IRL", "Irland", "Ireland"),
    ("ISL", "Island", "Iceland"),
    ("ITA", "Italien", "Italy"),
    ("LIE", "Liechtenstein", "Liechtenstein"),
    ("LTU", "Litauen", "Lithuania"),
    ("LUX", "Luxemburg", "Luxembourg"),
    ("LVA", "Lettland", "Latvia"),
    ("MLT", "Malta", "Malta"),
    ("NLD", "Nederländerna", "Netherlands"),
    ("NOR", "Norge", "Norway"),
    ("POL", "Polen", "Poland"),
    ("PRT", "Portugal", "Portugal"),
    ("ROU", "Rumänien", "Romania"),
    ("SVK", "Slovakien", "Slovakia"),
    ("SVN", "Slovenien", "Slovenia"),
    ("SWE", "Sverige", "Sweden"),
];

/// Sweden's NUTS 2021 codes (levels 0–3: the country, the three lands, the eight national
/// areas and the 21 counties), with their Swedish and English names.
const SWEDISH_NUTS: &[(&str, &str, &str)] = &[
    ("SE", "Sverige", "Sweden"),
    ("SE1", "Östra Sverige", "East Sweden"),
    ("SE11", "Stockholm", "Stockholm"),
    ("SE110", "Stockholms län", "Stockholm County"),
    ("SE12", "Östra Mellansverige", "East Middle Sweden"),
    ("SE121", "Uppsala län", "Uppsala County"),
    ("SE122", "Södermanlands län", "Södermanland County"),
    ("SE123", "Östergötlands län", "Östergötland County"),
    ("SE124", "Örebro län", "Örebro County"),
    ("SE125", "Västmanlands län", "Västmanland County"),
    ("SE2", "Södra Sverige", "South Sweden"),
    ("SE21", "Småland med öarna", "Småland and the islands"),
    ("SE211", "Jönköpings län", "Jönköping County"),
    ("SE212", "Kronobergs län", "Kronoberg County"),
    ("SE213", "Kalmar län", "Kalmar County"),
    ("SE214", "Gotlands län", "Gotland County"),
    ("SE22", "Sydsverige", "South Sweden (Sydsverige)"),
    ("SE221", "Blekinge län", "Blekinge County"),
    ("SE224", "Skåne län", "Skåne County"),
    ("SE23", "Västsverige", "West Sweden"),
    ("SE231", "Hallands län", "Halland County"),
    ("SE232", "Västra Götalands län", "Västra Götaland County"),
    ("SE3", "Norra Sverige", "North Sweden"),
    ("SE31", "Norra Mellansverige", "North Middle Sweden"),
    ("SE311", "Värmlands län", "Värmland County"),
    ("SE312", "Dalarnas län", "Dalarna County"),
    ("SE313", "Gävleborgs län", "Gävleborg County"),
    ("SE32", "Mellersta Norrland", "Middle Norrland"),
    ("SE321", "Västernorrlands län", "Västernorrland County"),
    ("SE322", "Jämtlands län", "Jämtland County"),
    ("SE33", "Övre Norrland", "Upper Norrland"),
    ("SE331", "Västerbottens län", "Västerbotten County"),
    ("SE332", "Norrbottens län", "Norrbotten County"),
];

/// A place a collection covers: a country of the EU country table or a NUTS region.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Place {
    /// An EU country-table code such as `SWE`.
    Country(String),
    /// A NUTS code such as `SE110`.
    Nuts(String),
}

impl Place {
    /// A cell's place: `SWE`, `SE110`, or the full IRI of either.
    pub fn parse(s: &str) -> Result<Self, TermError> {
        let t = s.trim();
        let code = t
            .strip_prefix(COUNTRY_AUTHORITY)
            .or_else(|| t.strip_prefix(NUTS))
            .unwrap_or(t);
        let country_iri = t.starts_with(COUNTRY_AUTHORITY);
        let nuts_iri = t.starts_with(NUTS);
        let up = code.to_ascii_uppercase();
        if !nuts_iri && COUNTRIES.iter().any(|(c, _, _)| *c == up) {
            return Ok(Place::Country(up));
        }
        if !country_iri && SWEDISH_NUTS.iter().any(|(c, _, _)| *c == up) {
            return Ok(Place::Nuts(up));
        }
        Err(TermError {
            what: "place",
            value: t.chars().take(60).collect(),
            expected: "an EU or EEA country code of the EU country table (SWE, NOR, DNK …), a \
                       Swedish NUTS code (SE, SE1, SE11, SE110 … SE332), or the IRI of either"
                .into(),
        })
    }

    /// The cell text the export writes: the code.
    pub fn as_str(&self) -> &str {
        match self {
            Place::Country(c) | Place::Nuts(c) => c,
        }
    }

    pub fn iri(&self) -> String {
        match self {
            Place::Country(c) => format!("{COUNTRY_AUTHORITY}{c}"),
            Place::Nuts(c) => format!("{NUTS}{c}"),
        }
    }

    /// The place an IRI names, if it is one of the known ones.
    pub fn from_iri(iri: &str) -> Option<Self> {
        if iri.starts_with(COUNTRY_AUTHORITY) || iri.starts_with(NUTS) {
            Self::parse(iri).ok()
        } else {
            None
        }
    }

    /// The Swedish and English name.
    pub fn labels(&self) -> (&'static str, &'static str) {
        let table = match self {
            Place::Country(_) => COUNTRIES,
            Place::Nuts(_) => SWEDISH_NUTS,
        };
        table
            .iter()
            .find(|(c, _, _)| *c == self.as_str())
            .map(|(_, sv, en)| (*sv, *en))
            .unwrap_or(("", ""))
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The namespace of DPV's personal-data categories, as HealthDCAT-AP's shapes require them.
pub const DPV_PD: &str = "https://w3id.org/dpv/dpv-pd#";

impl PersonalData {
    pub fn iri(self) -> String {
        format!("{DPV_PD}{}", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_parse_from_codes_and_iris_and_refuse_the_rest() {
        assert_eq!(Place::parse("swe"), Ok(Place::Country("SWE".into())));
        assert_eq!(
            Place::parse("http://data.europa.eu/nuts/code/SE224"),
            Ok(Place::Nuts("SE224".into()))
        );
        assert_eq!(
            Place::parse("http://publications.europa.eu/resource/authority/country/NOR")
                .map(|p| p.iri()),
            Ok("http://publications.europa.eu/resource/authority/country/NOR".into())
        );
        assert!(Place::parse("SE999").is_err());
        assert!(Place::parse("XYZ").is_err());
        assert!(
            Place::parse("http://publications.europa.eu/resource/authority/country/SE1").is_err()
        );
        assert_eq!(Place::Nuts("SE110".into()).labels().0, "Stockholms län");
    }

    #[test]
    fn dates_are_days_or_years() {
        assert_eq!(parse_meta_date("1987"), Ok(("1987".into(), true)));
        assert_eq!(
            parse_meta_date("2012-09-01"),
            Ok(("2012-09-01".into(), false))
        );
        assert!(parse_meta_date("2012-13-01").is_err());
        assert!(parse_meta_date("2012-9-1").is_err());
        assert!(parse_meta_date("87").is_err());
    }

    #[test]
    fn personal_data_names_dpv_concepts() {
        assert_eq!(PersonalData::parse("kön"), Ok(PersonalData::Gender));
        assert_eq!(PersonalData::Age.iri(), "https://w3id.org/dpv/dpv-pd#Age");
        assert!(PersonalData::parse("Shoe size").is_err());
    }
}
