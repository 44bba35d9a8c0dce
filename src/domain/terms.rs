//! Closed lists of terms: status, obligation, data type, role, access rights, frequency and
//! publisher type. Each parses the Swedish words editors write (and common English ones) and
//! has one canonical spelling, which the spreadsheet export writes back.

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

/// Declares a term enum with its canonical Swedish spelling and accepted synonyms.
macro_rules! term {
    ($(#[$doc:meta])* $name:ident, $what:literal, { $($variant:ident => $canon:literal $(| $syn:literal)*),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical spelling, as written by the export.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $canon),+ }
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
        Draft => "utkast" | "draft",
        Candidate => "kandidat" | "candidate" | "förslag",
        Standard => "standard" | "fastställd" | "gällande" | "aktiv",
        Superseded => "ersatt" | "superseded",
        Retired => "avregistrerad" | "retired" | "utgången",
    }
);

term!(
    /// Whether a value must be reported.
    Obligation, "obligation", {
        Mandatory => "Ja" | "obligatorisk" | "j" | "yes" | "mandatory" | "true" | "1" | "x",
        Conditional => "Villkorad" | "villkorligt" | "conditional" | "v",
        Optional => "Nej" | "valfri" | "frivillig" | "n" | "no" | "optional" | "false" | "0",
    }
);

term!(
    /// The data type of a variable's values; mapped to XSD in the store.
    DataType, "data type", {
        Text => "text" | "sträng" | "string" | "alfanumerisk" | "tecken" | "varchar" | "char",
        Integer => "heltal" | "integer" | "int" | "numerisk" | "numeriskt" | "antal",
        Decimal => "decimaltal" | "decimal" | "tal" | "float" | "belopp",
        Date => "datum" | "date",
        DateTime => "datum och tid" | "datetime" | "tidpunkt" | "datum tid" | "timestamp",
        Time => "tid" | "klockslag" | "time",
        Boolean => "ja/nej" | "boolean" | "bool" | "ja nej",
        Code => "kod" | "code" | "kodverk",
    }
);

term!(
    /// The role a variable plays in a use case.
    Role, "role", {
        Required => "obligatorisk" | "required" | "krävs" | "ja",
        Optional => "valfri" | "optional" | "nej",
    }
);

term!(
    /// Access rights of a data collection (EU access-right vocabulary).
    AccessRights, "access right", {
        Public => "offentlig" | "public" | "öppen",
        Restricted => "begränsad" | "restricted",
        NonPublic => "ej offentlig" | "non public" | "non-public" | "sekretess",
    }
);

term!(
    /// Update frequency of a data collection (EU frequency vocabulary).
    Frequency, "frequency", {
        Daily => "dagligen" | "daily" | "dag",
        Weekly => "veckovis" | "weekly",
        Monthly => "månadsvis" | "monthly" | "månad",
        Quarterly => "kvartalsvis" | "quarterly",
        Annual => "årligen" | "annual" | "år" | "årsvis",
        Continuous => "kontinuerligt" | "continuous" | "löpande",
        Irregular => "oregelbundet" | "irregular",
    }
);

term!(
    /// ADMS publisher type, required on publishers by DCAT-AP-SE 3.0.1.
    PublisherType, "publisher type", {
        RegionalAuthority => "RegionalAuthority" | "region",
        NationalAuthority => "NationalAuthority" | "myndighet" | "statlig myndighet",
        LocalAuthority => "LocalAuthority" | "kommun",
        NonProfitOrganisation => "NonProfitOrganisation" | "ideell" | "ideell organisation",
        Company => "Company" | "företag" | "bolag",
        Academia => "Academia-ScientificOrganisation" | "lärosäte" | "universitet",
        IndustryConsortium => "IndustryConsortium",
        PrivateIndividuals => "PrivateIndividual(s)",
        SupraNationalAuthority => "SupraNationalAuthority",
        NonGovernmentalOrganisation => "NonGovernmentalOrganisation",
        SelfEmployedPerson => "SelfEmployedPerson",
        StandardisationBody => "StandardisationBody",
    }
);

term!(
    /// The EHDS category of electronic health data a data collection holds (HealthDCAT-AP's
    /// `healthdcatap:healthCategory`, from the HealthData@EU vocabulary `healthcategories`,
    /// after the categories of the EHDS regulation's article on secondary use). Written as
    /// the vocabulary's code.
    HealthCategory, "health category (EHDS)", {
        HealthRecords => "EHRS" | "patientjournal" | "journaldata",
        NeedsAndResources => "NRPE" | "vårdbehov och resurser",
        Administrative => "HRAD" | "administrativa uppgifter",
        MedicalRegistries => "MRMR" | "kvalitetsregister" | "medicinskt register",
        PopulationRegistries => "PHDR" | "hälsodataregister",
        Pathogens => "RPDG" | "patogener",
        ResearchCohorts => "RQSH" | "forskningskohort",
        ClinicalTrials => "EHCT" | "kliniska prövningar",
        ProductRegistries => "RMMD" | "läkemedelsregister",
    }
);

impl HealthCategory {
    /// What the category covers, in Swedish and English.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            HealthCategory::HealthRecords => {
                ("Elektroniska patientjournaler", "Electronic health records")
            }
            HealthCategory::NeedsAndResources => (
                "Aggregerade uppgifter om vårdbehov, resurser, vårdens utförande och \
                 tillgänglighet, kostnader och finansiering",
                "Aggregated data on healthcare needs, resources, the provision of and access \
                 to healthcare, expenditure and financing",
            ),
            HealthCategory::Administrative => (
                "Hälsorelaterade administrativa uppgifter",
                "Health-related administrative data",
            ),
            HealthCategory::MedicalRegistries => (
                "Medicinska register och dödsorsaksregister",
                "Medical registries and mortality registries",
            ),
            HealthCategory::PopulationRegistries => (
                "Befolkningsbaserade hälsodataregister",
                "Population-based health data registries",
            ),
            HealthCategory::Pathogens => ("Uppgifter om patogener", "Pathogen data"),
            HealthCategory::ResearchCohorts => (
                "Forskningskohorter, enkäter och undersökningar om hälsa",
                "Research cohorts, questionnaires and surveys related to health",
            ),
            HealthCategory::ClinicalTrials => (
                "Kliniska prövningar och studier",
                "Clinical trials, studies and investigations",
            ),
            HealthCategory::ProductRegistries => (
                "Register för läkemedel och medicintekniska produkter",
                "Registries for medicinal products and medical devices",
            ),
        }
    }
}

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
    fn canonical_spelling_parses_back() {
        for t in DataType::ALL {
            assert_eq!(DataType::parse(t.as_str()), Ok(*t));
        }
        for t in PublisherType::ALL {
            assert_eq!(PublisherType::parse(t.as_str()), Ok(*t));
        }
    }
}
