//! The MQA's indicators by dimension, with their weights, in the MQA's own order.

use super::Dimension;
use super::Dimension::*;

/// One MQA indicator: what it checks, on what, and its weight.
#[derive(Debug, Clone, Copy)]
pub struct Indicator {
    pub key: &'static str,
    pub dimension: Dimension,
    pub weight: u32,
    /// Checked on each distribution (scored by share) rather than on the dataset.
    pub per_distribution: bool,
    pub sv: &'static str,
    pub en: &'static str,
}

const fn ind(
    key: &'static str,
    dimension: Dimension,
    weight: u32,
    per_distribution: bool,
    sv: &'static str,
    en: &'static str,
) -> Indicator {
    Indicator {
        key,
        dimension,
        weight,
        per_distribution,
        sv,
        en,
    }
}

/// The MQA's indicators and weights, in its order.
pub const INDICATORS: [Indicator; 19] = [
    ind(
        "keyword",
        Findability,
        30,
        false,
        "Nyckelord (dcat:keyword)",
        "Keywords (dcat:keyword)",
    ),
    ind(
        "theme",
        Findability,
        30,
        false,
        "Tema (dcat:theme)",
        "Categories (dcat:theme)",
    ),
    ind(
        "spatial",
        Findability,
        20,
        false,
        "Geografisk täckning (dct:spatial)",
        "Geo search (dct:spatial)",
    ),
    ind(
        "temporal",
        Findability,
        20,
        false,
        "Tidsperiod (dct:temporal)",
        "Time-based search (dct:temporal)",
    ),
    ind(
        "access_url_answers",
        Accessibility,
        50,
        true,
        "Åtkomst-URL svarar",
        "AccessURL accessibility",
    ),
    ind(
        "download_url",
        Accessibility,
        20,
        true,
        "Nedladdnings-URL finns",
        "DownloadURL",
    ),
    ind(
        "download_url_answers",
        Accessibility,
        30,
        true,
        "Nedladdnings-URL svarar",
        "DownloadURL accessibility",
    ),
    ind(
        "format",
        Interoperability,
        20,
        true,
        "Format (dct:format)",
        "Format (dct:format)",
    ),
    ind(
        "media_type",
        Interoperability,
        10,
        true,
        "Medietyp (dcat:mediaType)",
        "Media type (dcat:mediaType)",
    ),
    ind(
        "format_vocabulary",
        Interoperability,
        10,
        true,
        "Format eller medietyp ur vokabulär",
        "Format / media type from vocabulary",
    ),
    ind(
        "non_proprietary",
        Interoperability,
        20,
        true,
        "Icke-proprietärt format",
        "Non-proprietary",
    ),
    ind(
        "machine_readable",
        Interoperability,
        20,
        true,
        "Maskinläsbart format",
        "Machine-readable",
    ),
    ind(
        "dcat_ap",
        Interoperability,
        30,
        false,
        "Följer DCAT-AP (SHACL)",
        "DCAT-AP compliance",
    ),
    ind(
        "licence",
        Reusability,
        20,
        true,
        "Licens (dct:license)",
        "Licence information",
    ),
    ind(
        "known_licence",
        Reusability,
        10,
        true,
        "Känd licens",
        "Licence vocabulary",
    ),
    ind(
        "access_rights",
        Reusability,
        10,
        false,
        "Åtkomsträttigheter (dct:accessRights)",
        "Access restrictions",
    ),
    ind(
        "access_rights_vocabulary",
        Reusability,
        5,
        false,
        "Åtkomsträttigheter ur vokabulär",
        "Access restrictions vocabulary",
    ),
    ind(
        "contact_point",
        Reusability,
        20,
        false,
        "Kontaktpunkt (dcat:contactPoint)",
        "Contact point",
    ),
    ind(
        "publisher",
        Reusability,
        10,
        false,
        "Utgivare (dct:publisher)",
        "Publisher",
    ),
];

/// Contextuality comes last in the MQA's tables; kept apart so `INDICATORS` reads as they do.
pub const CONTEXT: [Indicator; 4] = [
    ind(
        "rights",
        Contextuality,
        5,
        true,
        "Rättigheter (dct:rights)",
        "Rights",
    ),
    ind(
        "byte_size",
        Contextuality,
        5,
        true,
        "Filstorlek (dcat:byteSize)",
        "File size",
    ),
    ind(
        "issued",
        Contextuality,
        5,
        false,
        "Utgivningsdatum (dct:issued)",
        "Date of issue",
    ),
    ind(
        "modified",
        Contextuality,
        5,
        false,
        "Ändringsdatum (dct:modified)",
        "Modification date",
    ),
];

/// Every indicator, contextuality last.
pub fn indicators() -> impl Iterator<Item = &'static Indicator> {
    INDICATORS.iter().chain(CONTEXT.iter())
}

/// The most points there are: 405.
pub fn maximum() -> u32 {
    indicators().map(|i| i.weight).sum()
}
