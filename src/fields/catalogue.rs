//! The fields of organisations and data collections.

use super::Gender::{Common, Neuter};
use super::coverage as cov;
use super::{Cell, Column, REMOVE, SheetKind, SheetSpec, col};

fn opt<T: ToString>(v: Option<&T>) -> String {
    v.map(ToString::to_string).unwrap_or_default()
}

/// An organisation's organisationsnummer.
pub const ORGNR: Column = col(
    "orgnr",
    "Organisationsnummer",
    &["Orgnr", "Organisation number"],
    "Organisation number",
    true,
)
.cell(Cell::Organisation(|o| o.orgnr.to_string()));

/// An organisation's ADMS publisher type.
pub const PUBLISHER_TYPE: Column = col(
    "type",
    "Typ",
    &["Organisationstyp", "Publisher type"],
    "Publisher type",
    true,
)
.label("Typ", "Type")
.cell(Cell::Organisation(|o| o.publisher_type.to_string()));

/// The organisation that publishes a data collection.
pub const PUBLISHER: Column = col(
    "publisher",
    "Utgivare",
    &["Ansvarig", "Publisher"],
    "Publisher",
    true,
)
.noun("utgivaren", Common)
.cell(Cell::Collection(|c| c.publisher.to_string()));

/// A data collection's contact e-mail address.
pub const CONTACT: Column = col(
    "contact",
    "Kontakt e-post",
    &["Kontakt", "Contact"],
    "Contact email",
    true,
)
.label("Kontakt", "Contact")
.cell(Cell::Collection(|c| c.contact_email.clone()));

/// A data collection's access rights.
pub const ACCESS: Column = col(
    "access",
    "Åtkomst",
    &["Åtkomsträttigheter", "Access rights"],
    "Access rights",
    true,
)
.label("Åtkomst", "Access")
.cell(Cell::Collection(|c| c.access.to_string()));

/// How often a data collection is updated.
pub const FREQUENCY: Column = col(
    "frequency",
    "Frekvens",
    &["Uppdateringsfrekvens", "Frequency"],
    "Frequency",
    false,
)
.cell(Cell::Collection(|c| opt(c.frequency.as_ref())));

/// A data collection's web page.
pub const LANDING_PAGE: Column = col(
    "landing_page",
    "Webbsida",
    &["Landningssida", "Landing page"],
    "Landing page",
    false,
)
.label("Webbsida", "Web page")
.cell(Cell::Collection(|c| c.landing_page.clone()));

/// A data collection's EHDS health categories.
pub const HEALTH_CATEGORIES: Column = col(
    "health_categories",
    "Hälsokategori",
    &["Hälsokategorier", "Health category", "EHDS-kategori"],
    "Health category",
    false,
)
.list()
.label("Hälsokategori (EHDS)", "Health category (EHDS)")
.cell(Cell::Collection(|c| {
    c.health_categories
        .iter()
        .map(|h| h.as_str())
        .collect::<Vec<_>>()
        .join(";")
}));

/// The health data access body of a data collection.
pub const HDAB: Column = col(
    "hdab",
    "Åtkomstorgan (HDAB)",
    &["HDAB", "Hälsodataåtkomstorgan", "Health data access body"],
    "Health data access body (HDAB)",
    false,
)
.label(
    "Åtkomstorgan för hälsodata (HDAB)",
    "Health data access body (HDAB)",
)
.cell(Cell::Collection(|c| opt(c.hdab.as_ref())));

pub const ORGANISATIONS: SheetSpec = SheetSpec {
    kind: SheetKind::Organisations,
    name: "organisationer",
    synonyms: &["organisationer", "organisation", "organisations"],
    columns: &[
        ORGNR,
        col("name", "Namn", &["Organisation"], "Name (Swedish)", true)
            .noun("namnet", Neuter)
            .cell(Cell::Organisation(|o| o.name.sv.clone())),
        col("name_en", "Namn (en)", &["Name"], "Name", false)
            .noun("det engelska namnet", Neuter)
            .cell(Cell::Organisation(|o| o.name.en.clone())),
        PUBLISHER_TYPE,
        col(
            "homepage",
            "Webbplats",
            &["Webbsida", "Homepage"],
            "Homepage",
            false,
        )
        .cell(Cell::Organisation(|o| o.homepage.clone())),
        col(
            "email",
            "E-post",
            &["Epost", "Email", "E-mail"],
            "Email",
            false,
        )
        .cell(Cell::Organisation(|o| o.email.clone())),
        REMOVE,
    ],
};

pub const COLLECTIONS: SheetSpec = SheetSpec {
    kind: SheetKind::Collections,
    name: "datainsamlingar",
    synonyms: &["datainsamling", "insamlingar", "collections", "datasets"],
    columns: &[
        col("id", "Identifierare", &["Id"], "Identifier", true)
            .cell(Cell::Collection(|c| c.id.to_string())),
        col("title", "Titel", &["Namn"], "Title (Swedish)", true)
            .noun("titeln", Common)
            .cell(Cell::Collection(|c| c.title.sv.clone())),
        col("title_en", "Titel (en)", &["Title"], "Title", false)
            .noun("den engelska titeln", Common)
            .cell(Cell::Collection(|c| c.title.en.clone())),
        col(
            "description",
            "Beskrivning",
            &["Definition"],
            "Description (Swedish)",
            true,
        )
        .multiline()
        .noun("beskrivningen", Common)
        .cell(Cell::Collection(|c| c.description.sv.clone())),
        col(
            "description_en",
            "Beskrivning (en)",
            &["Description"],
            "Description",
            false,
        )
        .multiline()
        .noun("den engelska beskrivningen", Common)
        .cell(Cell::Collection(|c| c.description.en.clone())),
        PUBLISHER,
        CONTACT,
        ACCESS,
        FREQUENCY,
        LANDING_PAGE,
        HEALTH_CATEGORIES,
        HDAB,
        cov::CONTACT_NAME,
        cov::CONTACT_NAME_EN,
        cov::TEMPORAL_START,
        cov::TEMPORAL_END,
        cov::SPATIAL,
        cov::ISSUED,
        cov::KEYWORDS,
        cov::KEYWORDS_EN,
        cov::VERSION,
        cov::POPULATION,
        cov::POPULATION_EN,
        cov::PERSONAL_DATA,
        cov::LEGAL_BASIS,
        cov::LEGAL_BASIS_EN,
        cov::PURPOSE,
        cov::PURPOSE_EN,
        cov::RETENTION_START,
        cov::RETENTION_END,
        cov::RECORDS,
        cov::INDIVIDUALS,
        REMOVE,
    ],
};
