//! Every IRI varcat uses, defined once. Vocabulary terms here; item IRIs come from
//! [`super::Iris`], which builds them from the configured base IRI.

macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),+ $(,)?) => {
        $(pub const $name: oxigraph::model::NamedNodeRef<'static> = oxigraph::model::NamedNodeRef::new_unchecked(concat!($ns, $local));)+
    };
}

pub mod rdf {
    terms!("http://www.w3.org/1999/02/22-rdf-syntax-ns#"; TYPE = "type",
        STATEMENT = "Statement", SUBJECT = "subject", PREDICATE = "predicate", OBJECT = "object");
}

pub mod rdfs {
    terms!("http://www.w3.org/2000/01/rdf-schema#"; LABEL = "label");
}

pub mod xsd {
    terms!("http://www.w3.org/2001/XMLSchema#";
        STRING = "string", INTEGER = "integer", DECIMAL = "decimal", DATE = "date",
        DATE_TIME = "dateTime", TIME = "time", BOOLEAN = "boolean",
        NON_NEGATIVE_INTEGER = "nonNegativeInteger", G_YEAR_MONTH = "gYearMonth", G_YEAR = "gYear");
}

pub mod dct {
    terms!("http://purl.org/dc/terms/";
        IDENTIFIER = "identifier", TITLE = "title", DESCRIPTION = "description",
        PUBLISHER = "publisher", TYPE = "type", SOURCE = "source", SUBJECT = "subject",
        MODIFIED = "modified", ACCESS_RIGHTS = "accessRights",
        ACCRUAL_PERIODICITY = "accrualPeriodicity", IS_PART_OF = "isPartOf", RELATION = "relation",
        LICENSE = "license", LANGUAGE = "language", CONFORMS_TO = "conformsTo", FORMAT = "format",
        RIGHTS = "rights", HAS_PART = "hasPart", ISSUED = "issued",
        REPLACES = "replaces", IS_REPLACED_BY = "isReplacedBy", HAS_VERSION = "hasVersion",
        IS_VERSION_OF = "isVersionOf", SPATIAL = "spatial", TEMPORAL = "temporal",
        LICENSE_DOCUMENT = "LicenseDocument", RIGHTS_STATEMENT = "RightsStatement",
        LINGUISTIC_SYSTEM = "LinguisticSystem", FREQUENCY = "Frequency", STANDARD = "Standard",
        MEDIA_TYPE = "MediaType", MEDIA_TYPE_OR_EXTENT = "MediaTypeOrExtent",
        PERIOD_OF_TIME = "PeriodOfTime", DATE = "date", LOCATION = "Location");
}

pub mod dcat {
    terms!("http://www.w3.org/ns/dcat#";
        DATASET = "Dataset", CONTACT_POINT = "contactPoint", LANDING_PAGE = "landingPage",
        QUALIFIED_RELATION = "qualifiedRelation", RELATIONSHIP = "Relationship", HAD_ROLE = "hadRole",
        CATALOG = "Catalog", DISTRIBUTION = "Distribution", DATA_SERVICE = "DataService",
        DATASET_PROP = "dataset", SERVICE = "service", DISTRIBUTION_PROP = "distribution",
        ACCESS_URL = "accessURL", DOWNLOAD_URL = "downloadURL", MEDIA_TYPE = "mediaType",
        BYTE_SIZE = "byteSize", THEME = "theme", THEME_TAXONOMY = "themeTaxonomy",
        ENDPOINT_URL = "endpointURL", ENDPOINT_DESCRIPTION = "endpointDescription",
        SERVES_DATASET = "servesDataset", ACCESS_SERVICE = "accessService",
        KEYWORD = "keyword", CATALOG_PROP = "catalog", HAS_VERSION = "hasVersion",
        VERSION = "version", PREVIOUS_VERSION = "previousVersion", START_DATE = "startDate",
        END_DATE = "endDate");
}

pub mod skos {
    terms!("http://www.w3.org/2004/02/skos/core#";
        CONCEPT = "Concept", CONCEPT_SCHEME = "ConceptScheme", PREF_LABEL = "prefLabel",
        DEFINITION = "definition", NOTATION = "notation", IN_SCHEME = "inScheme",
        BROADER = "broader", TOP_CONCEPT_OF = "topConceptOf", HAS_TOP_CONCEPT = "hasTopConcept",
        NOTE = "note", EDITORIAL_NOTE = "editorialNote", EXACT_MATCH = "exactMatch",
        CLOSE_MATCH = "closeMatch", BROAD_MATCH = "broadMatch", NARROW_MATCH = "narrowMatch",
        RELATED_MATCH = "relatedMatch");
}

pub mod foaf {
    terms!("http://xmlns.com/foaf/0.1/";
        ORGANIZATION = "Organization", NAME = "name", HOMEPAGE = "homepage", MBOX = "mbox", PAGE = "page",
        AGENT = "Agent", DOCUMENT = "Document", GROUP = "Group");
}

pub mod vcard {
    terms!("http://www.w3.org/2006/vcard/ns#";
        ORGANIZATION = "Organization", KIND = "Kind", HAS_EMAIL = "hasEmail", FN = "fn");
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
    terms!("http://www.w3.org/ns/dx/prof/";
        PROFILE = "Profile", HAS_RESOURCE = "hasResource", RESOURCE_DESCRIPTOR = "ResourceDescriptor",
        HAS_ROLE = "hasRole", HAS_ARTIFACT = "hasArtifact");
    /// PROF resource roles.
    pub const ROLE_VOCABULARY: &str = "http://www.w3.org/ns/dx/prof/role/vocabulary";
}

pub mod dcatap {
    terms!("http://data.europa.eu/r5r/"; APPLICABLE_LEGISLATION = "applicableLegislation");
}

pub mod eli {
    terms!("http://data.europa.eu/eli/ontology#"; LEGAL_RESOURCE = "LegalResource");
    /// The European Health Data Space regulation.
    pub const EHDS: &str = "http://data.europa.eu/eli/reg/2025/327/oj";
}

pub mod healthdcatap {
    terms!("http://healthdataportal.eu/ns/health#";
        HEALTH_CATEGORY = "healthCategory", HDAB = "hdab", HAS_STRUCTURED_DATA = "hasStructuredData",
        HAS_VARIABLES = "hasVariables", HAS_CODING_SYSTEM = "hasCodingSystem",
        POPULATION_COVERAGE = "populationCoverage", RETENTION_PERIOD = "retentionPeriod",
        NUMBER_OF_RECORDS = "numberOfRecords",
        NUMBER_OF_UNIQUE_INDIVIDUALS = "numberOfUniqueIndividuals");
    /// HealthData@EU's authority tables (health categories, publisher types, coding systems).
    pub const AUTHORITY: &str = "https://hdeu-dcat.data.health.europa.eu/resource/authority/";
    pub const HEALTH_CATEGORIES: &str =
        "https://hdeu-dcat.data.health.europa.eu/resource/authority/healthcategories/";
}

/// The Data Privacy Vocabulary, as HealthDCAT-AP uses it for personal data, legal basis and
/// purpose.
pub mod dpv {
    pub const NS: &str = "https://w3id.org/dpv#";
    terms!("https://w3id.org/dpv#";
        HAS_PERSONAL_DATA = "hasPersonalData", HAS_LEGAL_BASIS = "hasLegalBasis",
        HAS_PURPOSE = "hasPurpose", PERSONAL_DATA = "PersonalData", LEGAL_BASIS = "LegalBasis",
        PURPOSE = "Purpose");
}

pub mod cv {
    terms!("http://data.europa.eu/m8g/"; CONTACT_POINT = "contactPoint", CONTACT_POINT_CLASS = "ContactPoint", EMAIL = "email", CONTACT_PAGE = "contactPage");
}

pub mod csvw {
    terms!("http://www.w3.org/ns/csvw#";
        TABLE_GROUP = "TableGroup", TABLE = "Table", COLUMN = "Column", TABLE_PROP = "table",
        COLUMN_PROP = "column", NAME = "name", TITLE = "title", DATATYPE = "datatype",
        PROPERTY_URL = "propertyUrl", URL = "url");
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
    pub const DATA_THEME: &str = "http://publications.europa.eu/resource/authority/data-theme";
    pub const THEME_HEALTH: &str =
        "http://publications.europa.eu/resource/authority/data-theme/HEAL";
    pub const LANGUAGE_SV: &str = "http://publications.europa.eu/resource/authority/language/SWE";
    pub const LANGUAGE_EN: &str = "http://publications.europa.eu/resource/authority/language/ENG";
    pub const FILE_TYPE_CSV: &str =
        "http://publications.europa.eu/resource/authority/file-type/CSV";
    pub const FILE_TYPE_TURTLE: &str =
        "http://publications.europa.eu/resource/authority/file-type/RDF_TURTLE";
    pub const MEDIA_TYPE_CSV: &str = "http://www.iana.org/assignments/media-types/text/csv";
    /// CC0, as DCAT-AP-SE requires it on the catalogue.
    pub const CC0: &str = "http://creativecommons.org/publicdomain/zero/1.0/";
}

/// varcat's own terms, for what no standard vocabulary says (documented in `schemas/varcat.ttl`).
pub mod varcat {
    pub const NS: &str = "https://w3id.org/varcat/ns#";
    terms!("https://w3id.org/varcat/ns#";
        BASE_IRI = "baseIri", DATATYPE = "datatype", CODE = "Code", FORMAT = "format", UNIT = "unit",
        UNIT_CODE = "unitCode",
        OBLIGATION = "obligation", SHARED_ELEMENT = "sharedElement",
        IN_OUT_DISCREPANCY = "inOutDiscrepancy", TRANSFORMATION = "transformation",
        AGGREGATION = "aggregation", PRIORITY = "priority", QUICK_WIN = "quickWin",
        STORE = "store", REVISION = "revision", PROBLEM_AREAS_SOURCE = "problemAreasSource",
        SELECTION = "selection", CODE_SYSTEM_VERSION = "codeSystemVersion",
        VALUE_SET = "valueSet",
        HARMONISATION_STEP = "harmonisationStep", HARMONISATION_HISTORY = "harmonisationHistory",
        REFERENCE_GROUP = "referenceGroup",
        REGISTRATION = "registration", REGISTRATION_CLASS = "Registration",
        REGISTRATION_AUTHORITY = "registrationAuthority",
        TOUCHED = "touched");
}

/// Organisations use the dataportal.se pattern, whatever the base IRI.
pub const DATAPORTAL_ORGANISATION: &str = "http://dataportal.se/organisation/SE";

pub mod hydra {
    terms!("http://www.w3.org/ns/hydra/core#";
        COLLECTION = "Collection", PARTIAL_COLLECTION_VIEW = "PartialCollectionView",
        VIEW = "view", FIRST = "first", LAST = "last", NEXT = "next", PREVIOUS = "previous",
        TOTAL_ITEMS = "totalItems");
}

/// W3C Data Quality Vocabulary: the conformance results in the HealthDCAT-AP feed.
pub mod dqv {
    pub const NS: &str = "http://www.w3.org/ns/dqv#";
    terms!("http://www.w3.org/ns/dqv#";
        METRIC = "Metric", QUALITY_MEASUREMENT = "QualityMeasurement",
        HAS_QUALITY_MEASUREMENT = "hasQualityMeasurement", IS_MEASUREMENT_OF = "isMeasurementOf",
        COMPUTED_ON = "computedOn", VALUE = "value", EXPECTED_DATA_TYPE = "expectedDataType");
}

/// PROV-O, as DQV uses it for who made a measurement and when.
pub mod prov {
    pub const NS: &str = "http://www.w3.org/ns/prov#";
    terms!("http://www.w3.org/ns/prov#";
        WAS_ATTRIBUTED_TO = "wasAttributedTo", GENERATED_AT_TIME = "generatedAtTime",
        ACTIVITY = "Activity", USED = "used");
}

/// W3C Organization Ontology: the members of a reference group.
pub mod org {
    terms!("http://www.w3.org/ns/org#";
        MEMBERSHIP = "Membership", MEMBER = "member", ORGANIZATION = "organization",
        HAS_MEMBERSHIP = "hasMembership");
}
