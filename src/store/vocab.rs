//! Every IRI varcat uses, defined once. Vocabulary terms here; item IRIs come from
//! [`super::Iris`], which builds them from the configured base IRI.


macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),+ $(,)?) => {
        $(pub const $name: oxigraph::model::NamedNodeRef<'static> = oxigraph::model::NamedNodeRef::new_unchecked(concat!($ns, $local));)+
    };
}

pub mod rdf {
    terms!("http://www.w3.org/1999/02/22-rdf-syntax-ns#"; TYPE = "type");
}

pub mod xsd {
    terms!("http://www.w3.org/2001/XMLSchema#";
        STRING = "string", INTEGER = "integer", DECIMAL = "decimal", DATE = "date",
        DATE_TIME = "dateTime", TIME = "time", BOOLEAN = "boolean");
}

pub mod dct {
    terms!("http://purl.org/dc/terms/";
        IDENTIFIER = "identifier", TITLE = "title", DESCRIPTION = "description",
        PUBLISHER = "publisher", TYPE = "type", SOURCE = "source", SUBJECT = "subject",
        MODIFIED = "modified", ACCESS_RIGHTS = "accessRights",
        ACCRUAL_PERIODICITY = "accrualPeriodicity", IS_PART_OF = "isPartOf", RELATION = "relation");
}

pub mod dcat {
    terms!("http://www.w3.org/ns/dcat#";
        DATASET = "Dataset", CONTACT_POINT = "contactPoint", LANDING_PAGE = "landingPage",
        QUALIFIED_RELATION = "qualifiedRelation", RELATIONSHIP = "Relationship", HAD_ROLE = "hadRole");
}

pub mod skos {
    terms!("http://www.w3.org/2004/02/skos/core#";
        CONCEPT = "Concept", CONCEPT_SCHEME = "ConceptScheme", PREF_LABEL = "prefLabel",
        DEFINITION = "definition", NOTATION = "notation", IN_SCHEME = "inScheme",
        BROADER = "broader", TOP_CONCEPT_OF = "topConceptOf", HAS_TOP_CONCEPT = "hasTopConcept",
        NOTE = "note");
}

pub mod foaf {
    terms!("http://xmlns.com/foaf/0.1/";
        ORGANIZATION = "Organization", NAME = "name", HOMEPAGE = "homepage", MBOX = "mbox");
}

pub mod vcard {
    terms!("http://www.w3.org/2006/vcard/ns#"; ORGANIZATION = "Organization", HAS_EMAIL = "hasEmail", FN = "fn");
}

pub mod owl {
    terms!("http://www.w3.org/2002/07/owl#"; VERSION_INFO = "versionInfo");
}

pub mod adms {
    terms!("http://www.w3.org/ns/adms#"; STATUS = "status");
    /// ADMS publisher types: `{PUBLISHER_TYPE}{name}`.
    pub const PUBLISHER_TYPE: &str = "http://purl.org/adms/publishertype/";
}

pub mod disco {
    terms!("http://rdf-vocabulary.ddialliance.org/discovery#";
        REPRESENTED_VARIABLE = "RepresentedVariable", REPRESENTATION = "representation");
}

pub mod prof {
    terms!("http://www.w3.org/ns/dx/prof/"; PROFILE = "Profile");
}

pub mod schema {
    terms!("https://schema.org/";
        VALID_FROM = "validFrom", VALID_THROUGH = "validThrough", STEP = "step",
        HOW_TO_STEP = "HowToStep", POSITION = "position", TEXT = "text");
}

pub mod sh {
    terms!("http://www.w3.org/ns/shacl#"; MIN_INCLUSIVE = "minInclusive", MAX_INCLUSIVE = "maxInclusive", PATTERN = "pattern");
}

/// EU controlled vocabularies (publications office authority tables).
pub mod eu {
    pub const ACCESS_RIGHT: &str = "http://publications.europa.eu/resource/authority/access-right/";
    pub const FREQUENCY: &str = "http://publications.europa.eu/resource/authority/frequency/";
}

/// varcat's own terms, for what no standard vocabulary says (documented in `schemas/varcat.ttl`).
pub mod varcat {
    pub const NS: &str = "https://w3id.org/varcat/ns#";
    terms!("https://w3id.org/varcat/ns#";
        BASE_IRI = "baseIri", DATATYPE = "datatype", CODE = "Code", FORMAT = "format", UNIT = "unit",
        OBLIGATION = "obligation", SHARED_ELEMENT = "sharedElement",
        IN_OUT_DISCREPANCY = "inOutDiscrepancy", TRANSFORMATION = "transformation",
        AGGREGATION = "aggregation", PRIORITY = "priority", QUICK_WIN = "quickWin",
        STORE = "store");
}

/// Organisations use the dataportal.se pattern, whatever the base IRI.
pub const DATAPORTAL_ORGANISATION: &str = "http://dataportal.se/organisation/SE";
