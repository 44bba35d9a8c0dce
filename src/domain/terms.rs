//! Closed lists of terms: status, obligation, data type, role, access rights, frequency,
//! publisher type and health category. Each parses the Swedish words editors write (and common
//! English ones), has one canonical spelling, which the spreadsheet export writes back, and a
//! label in Swedish and in English for people (pages, change notes, the API's display fields,
//! the feeds' concept labels).

use super::Language;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{value:?} is not a known {what} (expected one of: {expected})")]
pub struct TermError {
    pub what: &'static str,
    pub value: String,
    pub expected: String,
}

/// Lower-cases and folds å/ä/ö so that `Månadsvis` and `manadsvis` compare equal.
fn fold(s: &str) -> String {
    s.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            '_' => ' ',
            c => c,
        })
        .collect()
}

/// Declares a term enum with its canonical Swedish spelling, accepted synonyms and its labels
/// for people: `Variant => "canonical" | "synonym" … => ("svensk etikett", "English label")`.
macro_rules! term {
    ($(#[$doc:meta])* $name:ident, $what:literal, { $($variant:ident => $canon:literal $(| $syn:literal)* => ($sv:literal, $en:literal)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical spelling, as written by the export.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $canon),+ }
            }

            /// The label people read, in `lang`.
            pub fn label(self, lang: Language) -> &'static str {
                let (sv, en) = self.labels();
                match lang {
                    Language::Sv => sv,
                    Language::En => en,
                }
            }

            /// The Swedish and the English label.
            pub fn labels(self) -> (&'static str, &'static str) {
                match self { $($name::$variant => ($sv, $en)),+ }
            }

            pub fn parse(s: &str) -> Result<Self, TermError> {
                let f = fold(s);
                $(
                    if f == fold($canon) $(|| f == fold($syn))* {
                        return Ok($name::$variant);
                    }
                )+
                Err(TermError {
                    what: $what,
                    value: s.trim().chars().take(60).collect(),
                    expected: [$($canon),+].join(", "),
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

term!(
    /// Registration status of an item (METEOR-style lifecycle).
    Status, "status", {
        Draft => "utkast" | "draft" => ("utkast", "draft"),
        Candidate => "kandidat" | "candidate" | "förslag" => ("kandidat", "candidate"),
        Standard => "standard" | "fastställd" | "gällande" | "aktiv" => ("standard", "standard"),
        Superseded => "ersatt" | "superseded" => ("ersatt", "superseded"),
        Retired => "avregistrerad" | "retired" | "utgången" => ("avregistrerad", "retired"),
    }
);

term!(
    /// Whether a value must be reported (the answer to "Obligatorisk?").
    Obligation, "obligation", {
        Mandatory => "Ja" | "obligatorisk" | "j" | "yes" | "mandatory" | "true" | "1" | "x"
            => ("Ja", "Yes"),
        Conditional => "Villkorad" | "villkorligt" | "conditional" | "v"
            => ("Villkorad", "Conditional"),
        Optional => "Nej" | "valfri" | "frivillig" | "n" | "no" | "optional" | "false" | "0"
            => ("Nej", "No"),
    }
);

term!(
    /// The data type of a variable's values; mapped to XSD in the store.
    DataType, "data type", {
        Text => "text" | "sträng" | "string" | "alfanumerisk" | "tecken" | "varchar" | "char"
            => ("text", "text"),
        Integer => "heltal" | "integer" | "int" | "numerisk" | "numeriskt" | "antal"
            => ("heltal", "integer"),
        Decimal => "decimaltal" | "decimal" | "tal" | "float" | "belopp"
            => ("decimaltal", "decimal number"),
        Date => "datum" | "date" => ("datum", "date"),
        DateTime => "datum och tid" | "datetime" | "tidpunkt" | "datum tid" | "timestamp"
            => ("datum och tid", "date and time"),
        Time => "tid" | "klockslag" | "time" => ("tid", "time"),
        Boolean => "ja/nej" | "boolean" | "bool" | "ja nej" => ("ja/nej", "yes/no"),
        Code => "kod" | "code" | "kodverk" => ("kod", "code"),
    }
);

term!(
    /// The role a variable plays in a use case.
    Role, "role", {
        Required => "obligatorisk" | "required" | "krävs" | "ja" => ("obligatorisk", "required"),
        Optional => "valfri" | "optional" | "nej" => ("valfri", "optional"),
    }
);

term!(
    /// Access rights of a data collection (EU access-right vocabulary; the labels are the
    /// concepts' labels in the feeds).
    AccessRights, "access right", {
        Public => "offentlig" | "public" | "öppen" => ("Offentlig", "Public"),
        Restricted => "begränsad" | "restricted" => ("Begränsad", "Restricted"),
        NonPublic => "ej offentlig" | "non public" | "non-public" | "sekretess"
            => ("Ej offentlig", "Non-public"),
    }
);

term!(
    /// Update frequency of a data collection (EU frequency vocabulary; the labels are the
    /// concepts' labels in the feeds).
    Frequency, "frequency", {
        Daily => "dagligen" | "daily" | "dag" => ("dagligen", "daily"),
        Weekly => "veckovis" | "weekly" => ("varje vecka", "weekly"),
        Monthly => "månadsvis" | "monthly" | "månad" => ("varje månad", "monthly"),
        Quarterly => "kvartalsvis" | "quarterly" => ("varje kvartal", "quarterly"),
        Annual => "årligen" | "annual" | "år" | "årsvis" => ("årligen", "annual"),
        Continuous => "kontinuerligt" | "continuous" | "löpande"
            => ("kontinuerligt", "continuous"),
        Irregular => "oregelbundet" | "irregular" => ("oregelbundet", "irregular"),
    }
);

term!(
    /// ADMS publisher type, required on publishers by DCAT-AP-SE 3.0.1.
    PublisherType, "publisher type", {
        RegionalAuthority => "RegionalAuthority" | "region"
            => ("Regional myndighet", "Regional authority"),
        NationalAuthority => "NationalAuthority" | "myndighet" | "statlig myndighet"
            => ("Nationell myndighet", "National authority"),
        LocalAuthority => "LocalAuthority" | "kommun" => ("Lokal myndighet", "Local authority"),
        NonProfitOrganisation => "NonProfitOrganisation" | "ideell" | "ideell organisation"
            => ("Ideell organisation", "Non-profit organisation"),
        Company => "Company" | "företag" | "bolag" => ("Företag", "Company"),
        Academia => "Academia-ScientificOrganisation" | "lärosäte" | "universitet"
            => ("Akademisk eller vetenskaplig organisation", "Academia/scientific organisation"),
        IndustryConsortium => "IndustryConsortium"
            => ("Branschkonsortium", "Industry consortium"),
        PrivateIndividuals => "PrivateIndividual(s)" => ("Privatperson", "Private individual(s)"),
        SupraNationalAuthority => "SupraNationalAuthority"
            => ("Överstatlig myndighet", "Supra-national authority"),
        NonGovernmentalOrganisation => "NonGovernmentalOrganisation"
            => ("Icke-statlig organisation", "Non-governmental organisation"),
        SelfEmployedPerson => "SelfEmployedPerson" => ("Egenföretagare", "Self-employed person"),
        StandardisationBody => "StandardisationBody"
            => ("Standardiseringsorgan", "Standardisation body"),
    }
);

term!(
    /// The EHDS category of electronic health data a data collection holds (HealthDCAT-AP's
    /// `healthdcatap:healthCategory`, from the HealthData@EU vocabulary `healthcategories`,
    /// after the categories of the EHDS regulation's article on secondary use). Written as
    /// the vocabulary's code; labelled with what the category covers.
    HealthCategory, "health category (EHDS)", {
        HealthRecords => "EHRS" | "patientjournal" | "journaldata"
            => ("Elektroniska patientjournaler", "Electronic health records"),
        NeedsAndResources => "NRPE" | "vårdbehov och resurser"
            => (
                "Aggregerade uppgifter om vårdbehov, resurser, vårdens utförande och \
                 tillgänglighet, kostnader och finansiering",
                "Aggregated data on healthcare needs, resources, the provision of and access \
                 to healthcare, expenditure and financing"
            ),
        Administrative => "HRAD" | "administrativa uppgifter"
            => ("Hälsorelaterade administrativa uppgifter", "Health-related administrative data"),
        MedicalRegistries => "MRMR" | "kvalitetsregister" | "medicinskt register"
            => (
                "Medicinska register och dödsorsaksregister",
                "Medical registries and mortality registries"
            ),
        PopulationRegistries => "PHDR" | "hälsodataregister"
            => ("Befolkningsbaserade hälsodataregister", "Population-based health data registries"),
        Pathogens => "RPDG" | "patogener" => ("Uppgifter om patogener", "Pathogen data"),
        ResearchCohorts => "RQSH" | "forskningskohort"
            => (
                "Forskningskohorter, enkäter och undersökningar om hälsa",
                "Research cohorts, questionnaires and surveys related to health"
            ),
        ClinicalTrials => "EHCT" | "kliniska prövningar"
            => ("Kliniska prövningar och studier", "Clinical trials, studies and investigations"),
        ProductRegistries => "RMMD" | "läkemedelsregister"
            => (
                "Register för läkemedel och medicintekniska produkter",
                "Registries for medicinal products and medical devices"
            ),
    }
);

term!(
    /// A category of personal data (`dpv:hasPersonalData`), a concept of DPV's personal-data
    /// taxonomy (`https://w3id.org/dpv/dpv-pd#…`); written as the concept's local name.
    PersonalData, "DPV personal-data category", {
        Age => "Age" | "ålder" => ("Ålder", "Age"),
        Gender => "Gender" | "kön" => ("Kön", "Gender"),
        Location => "Location" | "bostadsort" | "plats" | "adress" => ("Plats eller bostadsort", "Location"),
        HealthRecord => "HealthRecord" | "patientjournal" | "journal" => ("Patientjournal", "Health record"),
        MedicalHealth => "MedicalHealth" | "hälsouppgifter" | "hälsa"
            => ("Medicinska uppgifter och hälsouppgifter", "Medical and health data"),
        HealthHistory => "HealthHistory" | "sjukdomshistoria" => ("Sjukdomshistoria", "Health history"),
        PhysicalHealth => "PhysicalHealth" | "fysisk hälsa" => ("Fysisk hälsa", "Physical health"),
        MentalHealth => "MentalHealth" | "psykisk hälsa" => ("Psykisk hälsa", "Mental health"),
        Prescription => "Prescription" | "förskrivning" | "recept" => ("Förskrivning", "Prescription"),
        Genetic => "Genetic" | "genetiska uppgifter" => ("Genetiska uppgifter", "Genetic data"),
        Biometric => "Biometric" | "biometriska uppgifter" => ("Biometriska uppgifter", "Biometric data"),
    }
);

term!(
    /// How a code relates to a code of another code system (SKOS mapping properties; the
    /// canonical spelling is the property's local name).
    MatchRelation, "mapping relation", {
        Exact => "exactMatch" | "skos:exactMatch" | "exakt" | "exact"
            => ("exakt motsvarighet", "exact match"),
        Close => "closeMatch" | "skos:closeMatch" | "nära" | "close"
            => ("nära motsvarighet", "close match"),
        Broad => "broadMatch" | "skos:broadMatch" | "bredare" | "broader"
            => ("bredare motsvarighet", "broader match"),
        Narrow => "narrowMatch" | "skos:narrowMatch" | "smalare" | "narrower"
            => ("smalare motsvarighet", "narrower match"),
        Related => "relatedMatch" | "skos:relatedMatch" | "relaterad" | "related"
            => ("relaterad", "related match"),
    }
);

impl Status {
    /// Published statuses appear in the feeds and the public lists: a candidate put forward
    /// for agreement (open to comment, as the harmonisation method asks), an agreed standard,
    /// and a superseded one that collections may still report. Drafts are work in progress;
    /// retired items are kept for their history only.
    pub fn is_published(self) -> bool {
        matches!(
            self,
            Status::Candidate | Status::Standard | Status::Superseded
        )
    }
}

/// The spreadsheet columns (by field name, as `fields` names them) that hold terms.
pub const TERM_FIELDS: &[&str] = &[
    "status",
    "obligation",
    "datatype",
    "role",
    "access",
    "frequency",
    "type",
    "health_categories",
    "personal_data",
    "quick_win",
];

/// The Swedish and English labels of a term as a spreadsheet cell holds it, by the column's
/// field name (`datatype`, `access`, … as `fields` names them; `quick_win` holds Ja/Nej),
/// or `None` when the field holds no term or the cell is not one. For a list field
/// (`health_categories`) pass one entry.
pub fn term_labels(field: &str, cell: &str) -> Option<(&'static str, &'static str)> {
    let labels = match field {
        "status" => Status::parse(cell).map(Status::labels),
        "obligation" => Obligation::parse(cell).map(Obligation::labels),
        "datatype" => DataType::parse(cell).map(DataType::labels),
        "role" => Role::parse(cell).map(Role::labels),
        "access" => AccessRights::parse(cell).map(AccessRights::labels),
        "frequency" => Frequency::parse(cell).map(Frequency::labels),
        "type" => PublisherType::parse(cell).map(PublisherType::labels),
        "health_categories" => HealthCategory::parse(cell).map(HealthCategory::labels),
        "personal_data" => PersonalData::parse(cell).map(PersonalData::labels),
        "quick_win" => match cell {
            "Ja" => Ok(("Ja", "Yes")),
            "Nej" => Ok(("Nej", "No")),
            _ => return None,
        },
        _ => return None,
    };
    labels.ok()
}

/// A spreadsheet cell as people read it in `lang`: a term (or each term of a `;`-separated
/// list) as its label, any other cell as it is.
pub fn labelled_cell(field: &str, cell: &str, lang: Language) -> String {
    let one = |part: &str| match (term_labels(field, part), lang) {
        (Some((sv, _)), Language::Sv) => sv.to_owned(),
        (Some((_, en)), Language::En) => en.to_owned(),
        (None, _) => part.to_owned(),
    };
    if field == "health_categories" || field == "personal_data" {
        cell.split(';').map(one).collect::<Vec<_>>().join("; ")
    } else {
        one(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_swedish_words_and_synonyms() {
        assert_eq!(Frequency::parse("Månadsvis"), Ok(Frequency::Monthly));
        assert_eq!(Obligation::parse(" ja "), Ok(Obligation::Mandatory));
        assert_eq!(DataType::parse("Datum och tid"), Ok(DataType::DateTime));
        assert_eq!(
            AccessRights::parse("ej offentlig"),
            Ok(AccessRights::NonPublic)
        );
    }

    #[test]
    fn unknown_words_name_the_choices() {
        let err = Status::parse("klar").expect_err("not a status");
        assert!(
            err.to_string().contains("utkast, kandidat, standard"),
            "{err}"
        );
    }

    #[test]
    fn every_term_has_a_swedish_and_an_english_label() {
        fn check<T: Copy + std::fmt::Debug>(
            all: &[T],
            labels: impl Fn(T) -> (&'static str, &'static str),
        ) {
            for t in all {
                let (sv, en) = labels(*t);
                assert!(!sv.is_empty() && !en.is_empty(), "{t:?}");
            }
        }
        check(Status::ALL, Status::labels);
        check(Obligation::ALL, Obligation::labels);
        check(DataType::ALL, DataType::labels);
        check(Role::ALL, Role::labels);
        check(AccessRights::ALL, AccessRights::labels);
        check(Frequency::ALL, Frequency::labels);
        check(PublisherType::ALL, PublisherType::labels);
        check(HealthCategory::ALL, HealthCategory::labels);
        check(PersonalData::ALL, PersonalData::labels);
        assert_eq!(DataType::Integer.label(Language::En), "integer");
        assert_eq!(Frequency::Annual.label(Language::Sv), "årligen");
        assert_eq!(
            term_labels("access", "begränsad"),
            Some(("Begränsad", "Restricted"))
        );
        assert_eq!(term_labels("name", "heltal"), None);
        for field in TERM_FIELDS {
            assert!(
                [
                    "",
                    "Ja",
                    "kandidat",
                    "kod",
                    "valfri",
                    "offentlig",
                    "dagligen",
                    "Company",
                    "MRMR",
                    "Age"
                ]
                .iter()
                .any(|cell| term_labels(field, cell).is_some()),
                "{field} has labels"
            );
        }
    }

    #[test]
    fn canonical_spelling_parses_back() {
        for t in DataType::ALL {
            assert_eq!(DataType::parse(t.as_str()), Ok(*t));
        }
        for t in PublisherType::ALL {
            assert_eq!(PublisherType::parse(t.as_str()), Ok(*t));
        }
    }
}
